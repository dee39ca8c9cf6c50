//! Crisis lines by region. Shown one tap away on every screen.
//!
//! Defaults follow the clinic's configured region. Each region offers ways
//! to reach someone without calling (text or chat) wherever they exist.
//!
//! A service's own name, numbers and links stay as written in every
//! language; what it offers and how to reach it are translated.

use crate::i18n::{as_is, key, tr, trf, Locale};

/// Where the clinic is, for choosing default crisis lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    /// United States.
    Us,
    /// United Kingdom.
    Uk,
    /// Ireland.
    Ie,
    /// Canada.
    Ca,
    /// Australia.
    Au,
    /// New Zealand.
    Nz,
    /// Anywhere else: general guidance and a directory of helplines.
    International,
}

impl Region {
    /// Every region (a number in a visitor's words is looked up in all).
    pub const ALL: [Region; 7] = [
        Region::Us,
        Region::Uk,
        Region::Ie,
        Region::Ca,
        Region::Au,
        Region::Nz,
        Region::International,
    ];

    /// The region for a clinic-supplied code (case-insensitive): `US`,
    /// `UK`/`GB`, `IE`, `CA`, `AU`, `NZ`, `INTL`.
    pub fn from_code(code: &str) -> Option<Region> {
        match code.trim().to_ascii_uppercase().as_str() {
            "US" => Some(Region::Us),
            "UK" | "GB" => Some(Region::Uk),
            "IE" => Some(Region::Ie),
            "CA" => Some(Region::Ca),
            "AU" => Some(Region::Au),
            "NZ" => Some(Region::Nz),
            "INTL" | "INTERNATIONAL" => Some(Region::International),
            _ => None,
        }
    }

    /// The code that selects this region.
    pub fn code(self) -> &'static str {
        match self {
            Region::Us => "US",
            Region::Uk => "UK",
            Region::Ie => "IE",
            Region::Ca => "CA",
            Region::Au => "AU",
            Region::Nz => "NZ",
            Region::International => "INTL",
        }
    }

    /// The emergency number to call when life is in danger right now.
    pub fn emergency_number(self) -> &'static str {
        match self {
            Region::Us | Region::Ca => "911",
            Region::Uk => "999",
            Region::Ie => "112",
            Region::Au => "000",
            Region::Nz => "111",
            Region::International => "112",
        }
    }

    /// Crisis lines for this region, most broadly useful first.
    pub fn crisis_lines(self) -> &'static [CrisisLine] {
        match self {
            Region::Us => US,
            Region::Uk => UK,
            Region::Ie => IE,
            Region::Ca => CA,
            Region::Au => AU,
            Region::Nz => NZ,
            Region::International => INTERNATIONAL,
        }
    }
}

/// How to reach a crisis line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactKind {
    /// A phone call (`tel:`).
    Call,
    /// A text message (`sms:`).
    Text,
    /// A website with chat or a directory, opened in a new tab.
    Web,
}

/// One way to reach a crisis line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contact {
    /// Call, text or web.
    pub kind: ContactKind,
    /// The only language this way of reaching the line is offered in
    /// (`Some(Locale::Es)` for a service's Spanish-language option), shown
    /// to visitors reading it; `None` for every visitor.
    pub only_in: Option<Locale>,
    /// What the visitor reads on the link, in English with `{number}` and
    /// `{word}` (see [`Contact::label`]).
    label: &'static str,
    /// The number to call or text, as written on the link.
    number: &'static str,
    /// The word to text (the service expects it as is), or empty.
    word: &'static str,
    /// The link target without the word to text (`tel:`, `sms:` or
    /// `https:`; see [`Contact::href`]).
    target: &'static str,
}

impl Contact {
    /// What the visitor reads on the link, in their language, e.g.
    /// "Call 988" or "Text SHOUT to 85258" (numbers and words as written).
    pub fn label(&self) -> String {
        trf(self.label, &[("number", self.number), ("word", self.word)])
    }

    /// The link target: `tel:`, `sms:` (with the word to text as its
    /// body) or `https:`.
    pub fn href(&self) -> String {
        if self.word.is_empty() {
            self.target.to_owned()
        } else {
            format!("{}?&body={}", self.target, self.word)
        }
    }

    /// The number as written on the link ("116 123"); empty for a website.
    pub fn number(&self) -> &'static str {
        self.number
    }

    /// The word to text, as the service expects it ("HOME"); empty when
    /// any message will do.
    pub fn word(&self) -> &'static str {
        self.word
    }

    /// The number as dialled: the link target without its scheme
    /// ("116123"); empty for a website.
    pub fn dialable(&self) -> &'static str {
        match self.kind {
            ContactKind::Web => "",
            _ => self.target.split_once(':').map_or("", |(_, number)| number),
        }
    }

    /// True when a visitor reading `locale` is offered this way.
    pub fn offered_in(&self, locale: Locale) -> bool {
        self.only_in.is_none_or(|only| only == locale)
    }
}

/// One way to use a phone number: call it, or text it (with the word the
/// service expects as the message, or any message when `word` is empty).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Way {
    /// Call or text.
    pub kind: ContactKind,
    /// The word to text, or empty.
    pub word: &'static str,
}

/// How a phone number found in the visitor's own words (their safety
/// plan) can be used, when it belongs to a known crisis line or is an
/// emergency number: only the ways that service offers, so "Text HOME to
/// 741741" is never offered as a call, nor 911 as a text. `None` for any
/// other number (a person, the clinic), which may be called or texted.
pub fn known_ways(dialable: &str) -> Option<Vec<Way>> {
    if EMERGENCY.contains(&dialable) {
        return Some(vec![Way {
            kind: ContactKind::Call,
            word: "",
        }]);
    }
    let mut ways: Vec<Way> = Vec::new();
    let lines = Region::ALL.iter().flat_map(|r| r.crisis_lines());
    for contact in lines.flat_map(|line| line.contacts) {
        let way = Way {
            kind: contact.kind,
            word: contact.word,
        };
        if contact.only_in.is_none() && contact.dialable() == dialable && !ways.contains(&way) {
            ways.push(way);
        }
    }
    (!ways.is_empty()).then_some(ways)
}

/// Every region's emergency number, as dialled.
const EMERGENCY: [&str; 5] = ["911", "999", "112", "000", "111"];

/// A crisis service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CrisisLine {
    /// Its own name, shown as written in every language; a heading in its
    /// place (where there is no one service) is a `key` (see
    /// [`CrisisLine::name`]).
    name: &'static str,
    /// Who it is for and when it is open, in English (see
    /// [`CrisisLine::detail`]).
    detail: &'static str,
    /// Ways to reach it.
    pub contacts: &'static [Contact],
}

impl CrisisLine {
    /// Its name: a service's own name as written, a heading in the
    /// visitor's language.
    pub fn name(&self) -> &'static str {
        tr(self.name)
    }

    /// Who it is for and when it is open, in the visitor's language.
    pub fn detail(&self) -> &'static str {
        tr(self.detail)
    }
}

/// Calling `number` (as written) at `target` (`tel:`).
const fn call(number: &'static str, target: &'static str) -> Contact {
    Contact {
        kind: ContactKind::Call,
        only_in: None,
        label: key("Call {number}"),
        number,
        word: "",
        target,
    }
}

/// Texting `number` (as written) at `target` (`sms:`).
const fn text(number: &'static str, target: &'static str) -> Contact {
    Contact {
        kind: ContactKind::Text,
        only_in: None,
        label: key("Text {number}"),
        number,
        word: "",
        target,
    }
}

/// Texting `word` to `number` (both as written) at `target` (`sms:`).
const fn text_word(word: &'static str, number: &'static str, target: &'static str) -> Contact {
    Contact {
        kind: ContactKind::Text,
        only_in: None,
        label: key("Text {word} to {number}"),
        number,
        word,
        target,
    }
}

/// `contact`, offered only to visitors reading Spanish (a service's
/// Spanish-language option).
const fn in_spanish(contact: Contact) -> Contact {
    Contact {
        only_in: Some(Locale::Es),
        ..contact
    }
}

/// A website, with `label` (a key) on its link.
const fn web(label: &'static str, target: &'static str) -> Contact {
    Contact {
        kind: ContactKind::Web,
        only_in: None,
        label,
        number: "",
        word: "",
        target,
    }
}

const US: &[CrisisLine] = &[
    CrisisLine {
        name: as_is("988 Suicide & Crisis Lifeline"),
        detail: key("Free and confidential, 24 hours a day. Call, text or chat."),
        contacts: &[
            call("988", "tel:988"),
            text("988", "sms:988"),
            web(key("Chat online"), "https://988lifeline.org/chat/"),
            // In Spanish (988lifeline.org/get-help/what-to-expect: "Press
            // 2", "text AYUDA").
            in_spanish(Contact {
                label: key("Call {number} and press 2 for Spanish"),
                ..call("988", "tel:988")
            }),
            in_spanish(text_word("AYUDA", "988", "sms:988")),
        ],
    },
    CrisisLine {
        name: as_is("Crisis Text Line"),
        detail: key("Text with a trained volunteer, 24 hours a day."),
        contacts: &[
            text_word("HOME", "741741", "sms:741741"),
            // In Spanish (the Crisis Text Line's own announcement: "text
            // AYUDA to 741741").
            in_spanish(text_word("AYUDA", "741741", "sms:741741")),
        ],
    },
];

const UK: &[CrisisLine] = &[
    CrisisLine {
        name: as_is("Samaritans"),
        detail: key("Free to call, 24 hours a day, every day."),
        contacts: &[call("116 123", "tel:116123")],
    },
    CrisisLine {
        name: as_is("Shout"),
        detail: key("Free, confidential text support, 24 hours a day."),
        contacts: &[text_word("SHOUT", "85258", "sms:85258")],
    },
    CrisisLine {
        name: as_is("NHS 111"),
        detail: key(
            "Urgent mental health help in England: call 111 and choose the mental health option.",
        ),
        contacts: &[call("111", "tel:111")],
    },
];

const IE: &[CrisisLine] = &[
    CrisisLine {
        name: as_is("Samaritans Ireland"),
        detail: key("Free to call, 24 hours a day, every day."),
        contacts: &[call("116 123", "tel:116123")],
    },
    CrisisLine {
        name: as_is("Text About It (50808)"),
        detail: key("Free text support, 24 hours a day."),
        contacts: &[text_word("HELLO", "50808", "sms:50808")],
    },
];

const CA: &[CrisisLine] = &[CrisisLine {
    name: as_is("9-8-8 Suicide Crisis Helpline"),
    detail: key("Free, 24 hours a day, in English and French. Call or text."),
    contacts: &[call("988", "tel:988"), text("988", "sms:988")],
}];

const AU: &[CrisisLine] = &[CrisisLine {
    name: as_is("Lifeline"),
    detail: key("Free crisis support, 24 hours a day. Call or text."),
    contacts: &[
        call("13 11 14", "tel:131114"),
        text("0477 13 11 14", "sms:0477131114"),
    ],
}];

const NZ: &[CrisisLine] = &[CrisisLine {
    name: as_is("Need to talk? 1737"),
    detail: key("Free call or text, 24 hours a day, with a trained counsellor."),
    contacts: &[call("1737", "tel:1737"), text("1737", "sms:1737")],
}];

const INTERNATIONAL: &[CrisisLine] = &[CrisisLine {
    name: key("Find a helpline near you"),
    detail: key(
        "A free directory of crisis lines in many countries, including text and chat services.",
    ),
    contacts: &[web(
        key("Open Find A Helpline"),
        "https://findahelpline.com/",
    )],
}];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for region in Region::ALL {
            assert_eq!(Region::from_code(region.code()), Some(region));
        }
        assert_eq!(Region::from_code(" gb "), Some(Region::Uk));
        assert_eq!(Region::from_code("Atlantis"), None);
        assert_eq!(Region::from_code(""), None);
    }

    #[test]
    fn the_defaults_named_in_the_design_are_there() {
        let hrefs = |r: Region| -> Vec<String> {
            r.crisis_lines()
                .iter()
                .flat_map(|l| l.contacts)
                .map(|c| c.href())
                .collect()
        };
        assert!(hrefs(Region::Us).contains(&"tel:988".to_owned()));
        assert!(hrefs(Region::Us).contains(&"sms:988".to_owned()));
        assert!(hrefs(Region::Uk).contains(&"tel:116123".to_owned()));
        assert!(hrefs(Region::Uk).contains(&"sms:85258?&body=SHOUT".to_owned()));
        assert_eq!(Region::Uk.emergency_number(), "999");
        assert_eq!(Region::Us.emergency_number(), "911");
        assert_eq!(Region::International.emergency_number(), "112");
    }

    #[test]
    fn labels_show_numbers_and_words_to_text_as_written() {
        let labels: Vec<String> = Region::Uk
            .crisis_lines()
            .iter()
            .flat_map(|l| l.contacts)
            .map(Contact::label)
            .collect();
        assert_eq!(labels, ["Call 116 123", "Text SHOUT to 85258", "Call 111"]);
        let text_home = Region::Us.crisis_lines()[1].contacts[0];
        assert_eq!(text_home.label(), "Text HOME to 741741");
        assert_eq!(text_home.href(), "sms:741741?&body=HOME");
    }

    #[test]
    fn every_contact_is_a_call_text_or_secure_web_link() {
        for region in Region::ALL {
            assert!(!region.crisis_lines().is_empty());
            for contact in region.crisis_lines().iter().flat_map(|l| l.contacts) {
                let href = contact.href();
                let scheme_ok = match contact.kind {
                    ContactKind::Call => href.starts_with("tel:"),
                    ContactKind::Text => href.starts_with("sms:"),
                    ContactKind::Web => href.starts_with("https://"),
                };
                assert!(scheme_ok, "{contact:?}");
            }
        }
    }

    #[test]
    fn spanish_options_are_offered_to_spanish_readers_only() {
        let offered = |locale: Locale| -> Vec<String> {
            Region::Us
                .crisis_lines()
                .iter()
                .flat_map(|l| l.contacts)
                .filter(|c| c.offered_in(locale))
                .map(Contact::href)
                .collect()
        };
        assert!(offered(Locale::Es).contains(&"sms:988?&body=AYUDA".to_owned()));
        assert!(offered(Locale::Es).contains(&"sms:741741?&body=AYUDA".to_owned()));
        for locale in [Locale::En, Locale::Ar] {
            assert!(
                !offered(locale).iter().any(|h| h.contains("AYUDA")),
                "{locale:?}"
            );
        }
        // What a Spanish reader is offered besides includes everything else.
        assert_eq!(offered(Locale::Es).len(), offered(Locale::En).len() + 3);
    }

    #[test]
    fn known_numbers_are_used_only_as_their_service_offers() {
        let kinds =
            |n: &str| known_ways(n).map(|w| w.iter().map(|w| (w.kind, w.word)).collect::<Vec<_>>());
        assert_eq!(kinds("741741"), Some(vec![(ContactKind::Text, "HOME")]));
        assert_eq!(kinds("911"), Some(vec![(ContactKind::Call, "")]));
        assert_eq!(kinds("116123"), Some(vec![(ContactKind::Call, "")]));
        assert_eq!(
            kinds("988"),
            Some(vec![(ContactKind::Call, ""), (ContactKind::Text, "")])
        );
        assert_eq!(kinds("07700900123"), None);
    }

    #[test]
    fn every_region_but_international_offers_a_way_without_calling() {
        for region in Region::ALL {
            let kinds: Vec<_> = region
                .crisis_lines()
                .iter()
                .flat_map(|l| l.contacts)
                .map(|c| c.kind)
                .collect();
            assert!(kinds.iter().any(|k| *k != ContactKind::Call), "{region:?}");
        }
    }
}
