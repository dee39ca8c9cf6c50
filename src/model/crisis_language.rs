//! Gentle crisis awareness: does a saved entry contain clear self-harm or
//! suicide language?
//!
//! A small, reviewed phrase list per language (English, Spanish, Arabic), matched locally as whole
//! words after simple normalisation. No AI, no scoring, no flag: the answer
//! is used once, to offer crisis lines and the safety plan, and is never
//! stored. The lists aim at first-person, unambiguous phrasings and leave
//! out idioms ("this is killing me", "me muero de risa"), so they miss
//! indirect or misspelled language; the README says so.

use crate::model::lowercase::lowercase_char;

/// English phrases, normalised (see [`normalise`]): lower case, no accents,
/// no apostrophes ("dont"), single spaces.
pub const ENGLISH: &[&str] = &[
    "kill myself",
    "killing myself",
    "end my life",
    "ending my life",
    "end my own life",
    "take my own life",
    "taking my own life",
    "take my life",
    "want to die",
    "wanna die",
    "wish i was dead",
    "wish i were dead",
    "wish i could die",
    "better off dead",
    "dont want to live",
    "do not want to live",
    "dont want to be alive",
    "do not want to be alive",
    "no reason to live",
    "nothing to live for",
    "end it all",
    "ending it all",
    "suicidal",
    "commit suicide",
    "committing suicide",
    "attempt suicide",
    "attempted suicide",
    "thinking about suicide",
    "thoughts of suicide",
    "self harm",
    "self harming",
    "self harmed",
    "selfharm",
    "harm myself",
    "harming myself",
    "want to hurt myself",
    "going to hurt myself",
    "urge to hurt myself",
    "hurt myself on purpose",
    "hurting myself on purpose",
    "cut myself on purpose",
    "take an overdose",
    "took an overdose",
];

/// Spanish phrases, normalised the same way (accents removed).
pub const SPANISH: &[&str] = &[
    "quiero morir",
    "quiero morirme",
    "me quiero morir",
    "ganas de morir",
    "ganas de morirme",
    "quiero matarme",
    "voy a matarme",
    "ganas de matarme",
    "pienso en matarme",
    "pensando en matarme",
    "suicidarme",
    "pensamientos suicidas",
    "ideas suicidas",
    "quitarme la vida",
    "acabar con mi vida",
    "terminar con mi vida",
    "no quiero vivir",
    "no quiero seguir viviendo",
    "no quiero estar vivo",
    "no quiero estar viva",
    "mejor estaria muerto",
    "mejor estaria muerta",
    "quiero hacerme dano",
    "ganas de hacerme dano",
    "autolesion",
    "autolesiones",
    "autolesionarme",
];

/// Arabic phrases, normalised the same way: no diacritics, hamza forms of
/// alef as a bare alef (أ إ آ → ا), alef maqsura as ya (ى → ي), ta
/// marbuta as ha (ة → ه).
pub const ARABIC: &[&str] = &[
    "اريد ان اموت",
    "اريد الموت",
    "اتمني الموت",
    "اتمني ان اموت",
    "اقتل نفسي",
    "ساقتل نفسي",
    "اريد ان اقتل نفسي",
    "اريد الانتحار",
    "سانتحر",
    "افكر في الانتحار",
    "افكر بالانتحار",
    "افكار انتحاريه",
    "انهي حياتي",
    "انهاء حياتي",
    "لا اريد ان اعيش",
    "لا اريد العيش",
    "اؤذي نفسي",
    "ايذاء نفسي",
    "اجرح نفسي",
    "تناولت جرعه زائده",
];

/// A word right before a phrase that turns it around: "I don't want to
/// die", "no quiero morir". Phrases that carry their own negation ("dont
/// want to live") are matched as whole phrases and are not affected.
const NEGATIONS: &[&str] = &[
    "dont", "not", "never", "doesnt", "didnt", "no", "nunca", // English, Spanish
    "لا", "لن", "لم", // Arabic: not, will not, did not
];

/// True when `text` contains a phrase from any supported language's list
/// (a visitor may write in a language other than the widget's).
pub fn mentions_self_harm(text: &str) -> bool {
    let normal = normalise(text);
    ENGLISH
        .iter()
        .chain(SPANISH)
        .chain(ARABIC)
        .any(|phrase| contains_unnegated(&normal, phrase))
}

/// Lower case, apostrophes dropped ("don't" → "dont"), common accents
/// folded ("daño" → "dano"), anything else that is not a letter or digit
/// turned into a space, runs of spaces collapsed, and one space at each end
/// so phrases match whole words only.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    for c in text.chars() {
        // Most text is ASCII: the same rules as `fold`, without Unicode's
        // tables (search reads years of entries through here).
        if c.is_ascii() {
            match c {
                '\'' | '`' => {}
                c if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
                _ => push_space(&mut out),
            }
        } else {
            for lower in lowercase_char(c) {
                match fold(lower) {
                    Some(' ') => push_space(&mut out),
                    Some(folded) => out.push(folded),
                    None => {}
                }
            }
        }
    }
    push_space(&mut out);
    out
}

/// A lower-case character as [`normalise`] keeps it: folded, a space for
/// anything that is not a letter or digit, `None` when it is dropped.
fn fold(c: char) -> Option<char> {
    Some(match c {
        '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{00B4}' => return None,
        'á' | 'à' | 'â' | 'ä' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ñ' => 'n',
        // Arabic: vowel marks, tatweel and dagger alef dropped; letters
        // often written interchangeably folded together.
        '\u{064B}'..='\u{065F}' | '\u{0640}' | '\u{0670}' => return None,
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' => 'ي',
        'ة' => 'ه',
        c if c.is_alphanumeric() => c,
        _ => ' ',
    })
}

/// One space, unless the text already ends with one.
fn push_space(out: &mut String) {
    if !out.ends_with(' ') {
        out.push(' ');
    }
}

/// Whether `phrase` occurs as whole words in `normal` at least once without
/// a negating word right before it.
fn contains_unnegated(normal: &str, phrase: &str) -> bool {
    let needle = format!(" {phrase} ");
    let mut from = 0;
    while let Some(found) = normal[from..].find(&needle) {
        let start = from + found;
        let before = normal[..start].rsplit(' ').next().unwrap_or("");
        if !NEGATIONS.contains(&before) {
            return true;
        }
        // Continue at the phrase's own leading space.
        from = start + 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn the_ascii_shortcut_folds_as_every_other_character_is(text in "\\PC{0,80}") {
            // The rules applied to each character in turn, without the shortcut.
            let mut expected = String::from(" ");
            for c in text.chars().flat_map(char::to_lowercase) {
                match fold(c) {
                    Some(' ') => push_space(&mut expected),
                    Some(c) => expected.push(c),
                    None => {}
                }
            }
            push_space(&mut expected);
            proptest::prop_assert_eq!(normalise(&text), expected);
        }
    }

    #[test]
    fn every_listed_phrase_is_already_normal_so_it_can_match() {
        for phrase in ENGLISH.iter().chain(SPANISH).chain(ARABIC) {
            assert_eq!(normalise(phrase), format!(" {phrase} "), "{phrase}");
            assert!(mentions_self_harm(phrase), "{phrase}");
        }
    }

    #[test]
    fn clear_english_phrasings_are_recognised() {
        for text in [
            "Some days I just want to kill myself.",
            "I've been thinking about ending my life",
            "Honestly I WANT TO DIE",
            "I don't want to live like this anymore",
            "I don’t want to be alive",
            "Everyone would be better off dead... I mean me, I'd be better off dead",
            "I feel suicidal again tonight",
            "the urge to self-harm came back",
            "I wanted to hurt myself on purpose after the call",
            "I keep thinking I should just end it all.",
            "I thought about taking my own life",
        ] {
            assert!(mentions_self_harm(text), "{text}");
        }
    }

    #[test]
    fn clear_spanish_phrasings_are_recognised() {
        for text in [
            "A veces me quiero morir.",
            "Tengo ganas de morirme",
            "He pensado en quitarme la vida",
            "No quiero seguir viviendo así",
            "Pensé en suicidarme anoche",
            "Quiero hacerme daño",
            "Volvieron las autolesiones",
            "Estaría mejor muerta, mejor estaría muerta",
        ] {
            assert!(mentions_self_harm(text), "{text}");
        }
    }

    #[test]
    fn clear_arabic_phrasings_are_recognised_with_or_without_vowel_marks() {
        for text in [
            "أحيانًا أريد أن أموت.",
            "أُرِيدُ أَنْ أَمُوتَ",
            "أفكر في الانتحار كل ليلة",
            "لا أريد أن أعيش هكذا",
            "أتمنى الموت",
            "تناولت جرعة زائدة",
            "أفكار انتحارية",
        ] {
            assert!(mentions_self_harm(text), "{text}");
        }
        for text in [
            "لا أريد أن أموت",
            "لن أقتل نفسي",
            "أحب الحياة",
            "مات جدي العام الماضي",
        ] {
            assert!(!mentions_self_harm(text), "{text}");
        }
    }

    #[test]
    fn everyday_idioms_and_near_misses_do_not_trigger() {
        for text in [
            "I absolutely killed it at my presentation today!",
            "This commute is killing me.",
            "We killed time at the station.",
            "I need to skill myself up for the new job.",
            "I'm dying to see the new film.",
            "I want to dye my hair blue.",
            "I cut myself a big slice of cake.",
            "We watched Suicide Squad with the kids.",
            "My grandfather died last spring and I miss him.",
            "I don't want to die, I want to feel better.",
            "I never want to die before seeing Japan.",
            "The harmony in that song was lovely.",
            "",
            "   ",
        ] {
            assert!(!mentions_self_harm(text), "{text}");
        }
    }

    #[test]
    fn spanish_idioms_and_negations_do_not_trigger() {
        for text in [
            "Me muero de risa con mi hermana.",
            "Me muero de ganas de verte.",
            "Mi madre va a matarme si llego tarde.",
            "Me corté el pelo.",
            "No quiero morir, quiero estar mejor.",
            "Nunca quiero morir sin ver el mar.",
            "Quiero morder una manzana.",
        ] {
            assert!(!mentions_self_harm(text), "{text}");
        }
    }

    #[test]
    fn the_readme_lists_every_phrase() {
        // The list is documented for clinics; keep the two the same.
        let readme = include_str!("../../README.md");
        for phrase in ENGLISH.iter().chain(SPANISH).chain(ARABIC) {
            assert!(readme.contains(&format!("“{phrase}”")), "{phrase}");
        }
    }

    #[test]
    fn a_negated_mention_does_not_hide_a_later_clear_one() {
        assert!(mentions_self_harm(
            "I don't want to die. But some nights I still want to die."
        ));
    }

    #[test]
    fn script_like_and_very_long_text_is_just_text() {
        assert!(!mentions_self_harm("<script>alert('kill')</script>"));
        let long = "calm words ".repeat(20_000) + "kill myself";
        assert!(mentions_self_harm(&long));
    }

    // Native only, like the other property tests (proptest is a native dev-dependency).
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn normalising_is_stable_and_never_panics(text in any::<String>()) {
                let once = normalise(&text);
                prop_assert_eq!(normalise(&once), once.clone());
                prop_assert!(once.starts_with(' ') && once.ends_with(' '));
                let _ = mentions_self_harm(&text);
            }

            #[test]
            fn a_listed_phrase_is_found_inside_any_plain_sentence(
                before in "[a-z ]{0,40}",
                after in "[a-z ]{0,40}",
                index in 0..ENGLISH.len(),
            ) {
                // Unless the sentence happens to end in a negating word.
                let last = before.split_whitespace().last().unwrap_or("");
                prop_assume!(!NEGATIONS.contains(&last));
                let text = format!("{before} {} {after}", ENGLISH[index]);
                prop_assert!(mentions_self_harm(&text), "{}", text);
            }
        }
    }
}
