//! Every word the visitor reads, in their language.
//!
//! Text is written in English where it is used, wrapped in [`tr`] (plain
//! text), [`trf`] (with `{name}` placeholders) or [`trn`] (a count). The
//! English is the key into each language's catalog ([`es`], [`ar`]); a
//! test (`tests/translations.rs`) reads the sources and fails when a
//! user-facing literal is not wrapped, when a catalog lacks a key the code
//! uses, keeps one it no longer uses, or changes a placeholder.
//!
//! The language is chosen once per page and when the visitor switches
//! ([`set_locale`]); the widget draws itself again after a switch. Pure
//! like the model, so exports and model messages use it too.
//!
//! The catalogs are the sources of `public/locales/<tag>.json`
//! ([`catalog_json`]; a test keeps the files equal to them). The browser
//! build leaves them out and fetches only the visitor's language
//! ([`add_catalog`]), so English visitors download neither, and nobody
//! downloads both. Native builds (tests, tools) have them built in.

#[cfg(not(target_arch = "wasm32"))]
pub mod ar;
#[cfg(not(target_arch = "wasm32"))]
pub mod es;

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

/// A language the widget speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    /// English, the language the code is written in.
    #[default]
    En,
    /// Spanish.
    Es,
    /// Arabic, written right to left.
    Ar,
}

impl Locale {
    /// Every language, in the order the switch lists them.
    pub const ALL: [Locale; 3] = [Locale::En, Locale::Es, Locale::Ar];

    /// The BCP 47 tag, for `lang`, `Intl` and `data-locale`.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Es => "es",
            Locale::Ar => "ar",
        }
    }

    /// The language's own name for itself, so anyone finds theirs.
    pub fn name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Es => "Español",
            Locale::Ar => "العربية",
        }
    }

    /// `"rtl"` for languages written right to left, else `"ltr"`.
    pub fn dir(self) -> &'static str {
        match self {
            Locale::Ar => "rtl",
            _ => "ltr",
        }
    }

    /// The language of a tag such as `es-MX` or `AR`; `None` when the
    /// widget does not speak it.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?;
        Locale::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(primary))
    }

    /// The language to show: the visitor's own choice, else the clinic's
    /// `data-locale`, else the first of the browser's languages the
    /// widget speaks, else English.
    pub fn choose<'a>(
        visitor: Option<Locale>,
        clinic: Option<Locale>,
        browser: impl IntoIterator<Item = &'a str>,
    ) -> Locale {
        visitor
            .or(clinic)
            .or_else(|| browser.into_iter().find_map(Locale::from_tag))
            .unwrap_or_default()
    }

    /// The pairs built into native builds (the catalogs' sources).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn built_in_catalog(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Locale::En => &[],
            Locale::Es => es::CATALOG,
            Locale::Ar => ar::CATALOG,
        }
    }

    /// That this language could not be loaded yet, in its own words (its
    /// catalog, where its words live, is what is missing). `None` for
    /// English, which is built in.
    pub fn unavailable(self) -> Option<&'static str> {
        match self {
            Locale::En => None,
            Locale::Es => Some(as_is(
                "No se pudo cargar el español. La primera vez necesita conexión; \
                 vuelve a elegirlo cuando estés en línea.",
            )),
            Locale::Ar => Some(as_is(
                "تعذّر تحميل العربية. تحتاج إلى اتصال في المرة الأولى؛ \
                 اخترها مرة أخرى عندما تكون متصلًا.",
            )),
        }
    }

    /// How many plural forms a `trn` entry has in this language, in CLDR
    /// order (zero, one, two, few, many, other; only those it uses).
    pub fn plural_forms(self) -> usize {
        match self {
            Locale::En | Locale::Es => 2,
            Locale::Ar => 6,
        }
    }

    /// Which of this language's plural forms a count takes (CLDR rules).
    fn plural_form(self, n: u64) -> usize {
        match self {
            Locale::En | Locale::Es => usize::from(n != 1),
            Locale::Ar => match (n, n % 100) {
                (0, _) => 0,
                (1, _) => 1,
                (2, _) => 2,
                (_, 3..=10) => 3,
                (_, 11..=99) => 4,
                _ => 5,
            },
        }
    }

    /// The characters this language writes numbers with: its ten digits,
    /// group separator and decimal separator (as `Intl.NumberFormat`).
    fn numerals(self) -> ([char; 10], char, char) {
        const LATIN: [char; 10] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
        match self {
            Locale::En => (LATIN, ',', '.'),
            Locale::Es => (LATIN, '.', ','),
            Locale::Ar => (['٠', '١', '٢', '٣', '٤', '٥', '٦', '٧', '٨', '٩'], '٬', '٫'),
        }
    }
}

/// One language's text: English as the code writes it, to the translation.
type Catalog = BTreeMap<String, String>;

thread_local! {
    static CURRENT: Cell<Locale> = const { Cell::new(Locale::En) };
    /// The catalogs added so far. Each is kept for the page's lifetime so
    /// [`tr`] can lend its text; at most the two translated languages.
    static CATALOGS: RefCell<Vec<(Locale, &'static Catalog)>> = const { RefCell::new(Vec::new()) };
}

/// Why a catalog file was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogError {
    /// It is not a JSON object of text to text.
    Malformed,
}

/// Whether text can be shown in `locale` now: English always can; the
/// others once their catalog is added (always, natively).
pub fn has_catalog(locale: Locale) -> bool {
    locale == Locale::En || catalog(locale).is_some()
}

/// Adds `locale`'s catalog from its file's text (`locales/<tag>.json`: an
/// object from English to the translation). A malformed file changes
/// nothing: the language stays unavailable and the widget stays readable.
pub fn add_catalog(locale: Locale, json: &str) -> Result<(), CatalogError> {
    let parsed: Catalog = serde_json::from_str(json).map_err(|_| CatalogError::Malformed)?;
    if locale != Locale::En && added(locale).is_none() {
        let kept: &'static Catalog = Box::leak(Box::new(parsed));
        CATALOGS.with(|c| c.borrow_mut().push((locale, kept)));
    }
    Ok(())
}

/// The catalog's file, `public/locales/<tag>.json`, from its source:
/// sorted, one pair per line.
#[cfg(not(target_arch = "wasm32"))]
pub fn catalog_json(locale: Locale) -> String {
    let pairs: Catalog = locale
        .built_in_catalog()
        .iter()
        .map(|&(english, translated)| (english.to_owned(), translated.to_owned()))
        .collect();
    let mut json = serde_json::to_string_pretty(&pairs).unwrap_or_default();
    json.push('\n');
    json
}

/// `locale`'s catalog, if added (natively, built from the sources on
/// first use).
fn catalog(locale: Locale) -> Option<&'static Catalog> {
    #[cfg(not(target_arch = "wasm32"))]
    if added(locale).is_none() {
        let _ = add_catalog(locale, &catalog_json(locale));
    }
    added(locale)
}

fn added(locale: Locale) -> Option<&'static Catalog> {
    CATALOGS.with(|c| {
        c.borrow()
            .iter()
            .find(|(l, _)| *l == locale)
            .map(|&(_, c)| c)
    })
}

/// The language text is shown in.
pub fn locale() -> Locale {
    CURRENT.with(Cell::get)
}

/// Shows text in `locale` from now on (the widget draws itself again).
pub fn set_locale(locale: Locale) {
    CURRENT.with(|c| c.set(locale));
}

/// The translation of `english` in the current language (English itself
/// when the catalog has none, which the translations test forbids).
///
/// ```
/// use interlude::i18n::{set_locale, tr, Locale};
/// assert_eq!(tr("Save entry"), "Save entry");
/// set_locale(Locale::Es);
/// assert_ne!(tr("Save entry"), "Save entry");
/// ```
pub fn tr(english: &'static str) -> &'static str {
    translate(locale(), english)
}

/// Marks English in a table built at compile time (prompts, mood names)
/// as text to translate; it is translated where it is shown, with
/// `tr(value)`. Returns `english` unchanged.
///
/// ```
/// use interlude::i18n::{key, tr};
/// const LABEL: &str = key("Save entry");
/// assert_eq!(tr(LABEL), "Save entry");
/// ```
pub const fn key(english: &'static str) -> &'static str {
    english
}

/// Marks text shown as written in every language, such as a crisis
/// service's own name ("Samaritans"); the translations test accepts it.
/// Returns `text` unchanged.
pub const fn as_is(text: &'static str) -> &'static str {
    text
}

/// [`tr`] with `{name}` placeholders filled in (each language may order
/// them differently).
///
/// ```
/// use interlude::i18n::trf;
/// assert_eq!(trf("Saved {when}", &[("when", "today")]), "Saved today");
/// ```
pub fn trf(english: &'static str, args: &[(&str, &str)]) -> String {
    fill(tr(english), args)
}

/// A count in words: `english` is the singular and plural joined by `|`
/// (`"{n} entry|{n} entries"`); each catalog gives its language's plural
/// forms the same way. `{n}` becomes the count in the language's digits.
///
/// ```
/// use interlude::i18n::trn;
/// assert_eq!(trn("{n} entry|{n} entries", 1), "1 entry");
/// assert_eq!(trn("{n} entry|{n} entries", 1_200), "1,200 entries");
/// ```
pub fn trn(english: &'static str, n: u64) -> String {
    trnf(english, n, &[])
}

/// [`trn`] with more placeholders than `{n}`.
pub fn trnf(english: &'static str, n: u64, args: &[(&str, &str)]) -> String {
    let locale = locale();
    counted(locale, translate(locale, english), english, n, args)
}

/// The form of `forms` (this language's, `|`-separated) that `n` takes,
/// filled in.
fn counted(locale: Locale, forms: &str, english: &str, n: u64, args: &[(&str, &str)]) -> String {
    // A catalog with the wrong number of forms is a test failure; read it
    // as English rather than show the wrong form.
    let (locale_of_forms, forms) = if forms.split('|').count() == locale.plural_forms() {
        (locale, forms)
    } else {
        (Locale::En, english)
    };
    let index = locale_of_forms.plural_form(n);
    let form = forms.split('|').nth(index).unwrap_or(forms);
    fill(form, args).replace("{n}", &number(n))
}

/// A whole number the way the current language writes it: `1,234` in
/// English, `1234` and `12.345` in Spanish, `١٬٢٣٤` in Arabic.
pub fn number(n: u64) -> String {
    let (digits, group, _) = locale().numerals();
    let plain = n.to_string();
    // Spanish leaves four-digit numbers ungrouped (as `Intl` does).
    let grouped = plain.len() > 4 || (plain.len() == 4 && locale() != Locale::Es);
    let mut out = String::with_capacity(plain.len() * 2);
    for (i, c) in plain.chars().enumerate() {
        if grouped && i > 0 && (plain.len() - i).is_multiple_of(3) {
            out.push(group);
        }
        out.push(digits[c as usize - '0' as usize]);
    }
    out
}

/// A number with one decimal place, rounded: `3.4`, `3,4`, `٣٫٤`.
pub fn decimal(value: f64) -> String {
    let tenths = (value * 10.0).round();
    let sign = if tenths < 0.0 { "-" } else { "" };
    let tenths = tenths.abs() as u64;
    let (digits, _, point) = locale().numerals();
    format!(
        "{sign}{}{point}{}",
        number(tenths / 10),
        digits[(tenths % 10) as usize]
    )
}

/// A percentage: `80%` in English, `80 %` in Spanish, `٨٠٪` in Arabic.
pub fn percent(n: u64) -> String {
    match locale() {
        Locale::En => format!("{}%", number(n)),
        Locale::Es => format!("{}\u{a0}%", number(n)),
        Locale::Ar => format!("{}٪", number(n)),
    }
}

/// The catalog's text for `english`, or `english` when it has none (or
/// the catalog is not added yet).
fn translate(locale: Locale, english: &'static str) -> &'static str {
    catalog(locale)
        .and_then(|catalog| catalog.get(english))
        .map_or(english, String::as_str)
}

/// `template` with each `{name}` replaced by its value.
/// A part of a sentence: the widget's own words, or words someone else
/// wrote (the clinic's name, the visitor's tag or feeling), which a view
/// shows bidi-isolated (`<bdi>`) so no character in them (a right-to-left
/// override, an Arabic word in an English sentence) can reorder the
/// widget's words around them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// The widget's own words, translated.
    Ours(String),
    /// Someone else's words, as they wrote them.
    Theirs(String),
}

/// [`trf`] as [`Piece`]s: the placeholders named in `theirs` are kept
/// apart as [`Piece::Theirs`], whatever their text holds.
///
/// ```
/// use interlude::i18n::{trf_pieces, Piece};
/// let pieces = trf_pieces(
///     "Please contact {name} directly to book a session with a person.",
///     &[("name", "Harbour\u{202E} Clinic")],
///     &["name"],
/// );
/// assert_eq!(pieces, [
///     Piece::Ours("Please contact ".into()),
///     Piece::Theirs("Harbour\u{202E} Clinic".into()),
///     Piece::Ours(" directly to book a session with a person.".into()),
/// ]);
/// ```
pub fn trf_pieces(english: &'static str, args: &[(&str, &str)], theirs: &[&str]) -> Vec<Piece> {
    // Their placeholders stay as markers while ours are filled in, so their
    // text is never searched for placeholders or split.
    let ours: Vec<(&str, &str)> = args
        .iter()
        .copied()
        .filter(|(name, _)| !theirs.contains(name))
        .collect();
    let mut pieces = vec![Piece::Ours(fill(tr(english), &ours))];
    for (name, value) in args.iter().filter(|(name, _)| theirs.contains(name)) {
        let marker = format!("{{{name}}}");
        pieces = pieces
            .into_iter()
            .flat_map(|piece| match piece {
                Piece::Ours(text) if text.contains(&marker) => {
                    let mut split = Vec::new();
                    for (i, part) in text.split(&marker).enumerate() {
                        if i > 0 {
                            split.push(Piece::Theirs((*value).to_owned()));
                        }
                        if !part.is_empty() {
                            split.push(Piece::Ours(part.to_owned()));
                        }
                    }
                    split
                }
                other => vec![other],
            })
            .collect();
    }
    pieces
}

/// The pieces' text joined, as [`trf`] would give it.
pub fn joined(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Ours(text) | Piece::Theirs(text) => text.as_str(),
        })
        .collect()
}

fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

// Natively, where the catalogs are built in.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// Runs `f` with `locale` chosen, then goes back to English (tests
    /// share their thread's language).
    fn in_locale<T>(locale: Locale, f: impl FnOnce() -> T) -> T {
        set_locale(locale);
        let out = f();
        set_locale(Locale::En);
        out
    }

    #[test]
    fn their_words_are_kept_apart_in_every_language() {
        let theirs = "Clinic {name} \u{202E}gnimoc";
        for locale in Locale::ALL {
            let pieces = in_locale(locale, || {
                trf_pieces(
                    "Please contact {name} directly to book a session with a person.",
                    &[("name", theirs)],
                    &["name"],
                )
            });
            let kept: Vec<_> = pieces
                .iter()
                .filter(|p| matches!(p, Piece::Theirs(_)))
                .collect();
            assert_eq!(kept, [&Piece::Theirs(theirs.into())], "{locale:?}");
            let whole = in_locale(locale, || {
                trf(
                    "Please contact {name} directly to book a session with a person.",
                    &[("name", theirs)],
                )
            });
            assert_eq!(joined(&pieces), whole, "{locale:?}");
        }
        // Ours are filled in; theirs may name a placeholder and stay as is.
        let pieces = trf_pieces(
            "Days with “{tag}” averaged {average} ({days}); there were no days without it.",
            &[("average", "3.0"), ("days", "2 days"), ("tag", "{average}")],
            &["tag"],
        );
        assert_eq!(
            pieces,
            [
                Piece::Ours("Days with “".into()),
                Piece::Theirs("{average}".into()),
                Piece::Ours("” averaged 3.0 (2 days); there were no days without it.".into()),
            ]
        );
    }

    #[test]
    fn tags_pick_the_language_by_its_primary_subtag() {
        assert_eq!(Locale::from_tag("es-MX"), Some(Locale::Es));
        assert_eq!(Locale::from_tag("AR"), Some(Locale::Ar));
        assert_eq!(Locale::from_tag("en_GB"), Some(Locale::En));
        assert_eq!(Locale::from_tag("fr-CA"), None);
        assert_eq!(Locale::from_tag(""), None);
    }

    #[test]
    fn the_visitors_choice_wins_then_the_clinics_then_the_browsers() {
        let browser = ["fr-FR", "es-419", "en"];
        assert_eq!(
            Locale::choose(Some(Locale::Ar), Some(Locale::En), browser),
            Locale::Ar
        );
        assert_eq!(Locale::choose(None, Some(Locale::En), browser), Locale::En);
        assert_eq!(Locale::choose(None, None, browser), Locale::Es);
        assert_eq!(Locale::choose(None, None, ["fr", "de"]), Locale::En);
    }

    #[test]
    fn arabic_is_right_to_left_and_the_others_left_to_right() {
        assert_eq!(Locale::Ar.dir(), "rtl");
        assert_eq!(Locale::Es.dir(), "ltr");
        assert_eq!(Locale::En.dir(), "ltr");
    }

    #[test]
    fn arabic_plural_forms_follow_cldr() {
        let forms: Vec<usize> = [0, 1, 2, 3, 10, 11, 99, 100, 101, 102, 103, 111, 1000]
            .iter()
            .map(|&n| Locale::Ar.plural_form(n))
            .collect();
        assert_eq!(forms, [0, 1, 2, 3, 3, 4, 4, 5, 5, 5, 3, 4, 5]);
    }

    #[test]
    fn counts_take_the_right_form_and_the_languages_digits() {
        let english = "{n} entry|{n} entries";
        let spanish = "{n} entrada|{n} entradas";
        let arabic = "لا إدخالات|إدخال واحد|إدخالان|{n} إدخالات|{n} إدخالًا|{n} إدخال";
        let count =
            |locale, forms, n| in_locale(locale, || counted(locale, forms, english, n, &[]));
        assert_eq!(count(Locale::En, english, 0), "0 entries");
        assert_eq!(count(Locale::En, english, 1), "1 entry");
        assert_eq!(count(Locale::Es, spanish, 1), "1 entrada");
        assert_eq!(count(Locale::Es, spanish, 2), "2 entradas");
        assert_eq!(count(Locale::Ar, arabic, 2), "إدخالان");
        assert_eq!(count(Locale::Ar, arabic, 5), "٥ إدخالات");
        assert_eq!(count(Locale::Ar, arabic, 11), "١١ إدخالًا");
        // A catalog with the wrong number of forms falls back to English.
        assert_eq!(count(Locale::Ar, spanish, 2), "٢ entries");
    }

    #[test]
    fn numbers_are_grouped_and_written_as_each_language_does() {
        assert_eq!(number(0), "0");
        assert_eq!(number(1234), "1,234");
        assert_eq!(number(1_234_567), "1,234,567");
        assert_eq!(in_locale(Locale::Es, || number(1234)), "1234");
        assert_eq!(in_locale(Locale::Es, || number(12_345)), "12.345");
        assert_eq!(in_locale(Locale::Ar, || number(1234)), "١٬٢٣٤");
        assert_eq!(decimal(3.44), "3.4");
        assert_eq!(decimal(-0.25), "-0.3");
        assert_eq!(in_locale(Locale::Es, || decimal(3.45)), "3,5");
        assert_eq!(in_locale(Locale::Ar, || decimal(3.4)), "٣٫٤");
        assert_eq!(percent(80), "80%");
        assert_eq!(in_locale(Locale::Es, || percent(80)), "80\u{a0}%");
        assert_eq!(in_locale(Locale::Ar, || percent(80)), "٨٠٪");
    }

    #[test]
    fn placeholders_are_filled_in_the_translations_order() {
        assert_eq!(trf("Saved {when}", &[("when", "today")]), "Saved today");
        assert_eq!(
            fill("{b} y {a}", &[("a", "uno"), ("b", "dos")]),
            "dos y uno"
        );
    }

    #[test]
    fn text_without_a_translation_stays_english() {
        assert_eq!(translate(Locale::Es, "no such key"), "no such key");
    }

    #[test]
    fn a_catalog_file_gives_back_its_sources_text() {
        let parsed: Catalog = serde_json::from_str(&catalog_json(Locale::Ar)).unwrap();
        assert_eq!(parsed.len(), Locale::Ar.built_in_catalog().len());
        for &(english, arabic) in Locale::Ar.built_in_catalog() {
            assert_eq!(parsed[english], arabic);
        }
        assert_eq!(catalog_json(Locale::En), "{}\n");
    }

    #[test]
    fn a_malformed_catalog_file_is_refused_and_changes_nothing() {
        for text in [
            "",
            "[]",
            "{\"Write\": 1}",
            "{\"Write\": \"Escribir\"",
            "null",
        ] {
            assert_eq!(
                add_catalog(Locale::Es, text),
                Err(CatalogError::Malformed),
                "{text}"
            );
        }
        assert_eq!(in_locale(Locale::Es, || tr("Write")), "Escribir");
    }

    #[test]
    fn every_language_but_english_can_say_it_is_unavailable() {
        for locale in Locale::ALL {
            assert_eq!(locale.unavailable().is_some(), locale != Locale::En);
        }
    }
}
