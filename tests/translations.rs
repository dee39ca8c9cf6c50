//! Every word a visitor reads goes through `i18n`, in every language.
//!
//! Reads the sources the way the compiler does (comments, strings, raw
//! strings, char literals) and checks that
//! * no user-facing string literal bypasses `tr`/`trf`/`trn`/`trnf`/`key`;
//! * each catalog translates exactly the keys the code uses, with the
//!   same `{placeholders}` and, for counts, its language's plural forms;
//! * the files the browser fetches (`public/locales/<tag>.json`) say what
//!   the catalogs say.
//!
//! When it fails it prints what to add or remove, ready to paste.
//! Native only: it reads the source files, and the catalogs are built into
//! native builds alone.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use interlude::i18n::{ar, es, Locale};

/// Functions whose first argument is English to translate.
const TRANSLATING: [&str; 6] = ["tr", "trf", "trf_pieces", "trn", "trnf", "key"];

/// Calls whose string arguments are for developers or the browser, never
/// shown to visitors; and `as_is`, for text shown as written in every
/// language (a crisis service's own name).
const NOT_SHOWN_CALLS: [&str; 15] = [
    "as_is",
    // CSS selectors.
    "closest",
    // JavaScript errors from browser glue: logged, never shown.
    "ok_or",
    "error_1",
    "warn_1",
    "log_1",
    "expect",
    "unreachable!",
    "panic!",
    "assert!",
    "debug_assert!",
    "query_selector",
    "set_property",
    "set_attribute",
    "new_with_str_sequence_and_options",
];

/// `view!` attributes whose values are code: ids, classes, types, URLs
/// (and `#[wasm_bindgen(inline_js = …)]`, JavaScript).
const CODE_ATTRIBUTES: [&str; 29] = [
    "class",
    "id",
    "for",
    "type",
    "role",
    "href",
    "rel",
    "target",
    "name",
    "autocomplete",
    "inputmode",
    "accept",
    "style",
    "d",
    "viewBox",
    "aria-labelledby",
    "aria-describedby",
    "aria-controls",
    "aria-live",
    "aria-hidden",
    "lang",
    "dir",
    "value",
    "fill",
    "stroke",
    "points",
    "xmlns",
    "download",
    "inline_js",
];

/// Literals that look like words but are not for translation, and why.
const NOT_TEXT: [(&str, &str); 20] = [
    ("\n  \"entries\": []", "the backup file's JSON layout"),
    ("\"data\": \"\"", "the encrypted backup file's JSON layout"),
    ("\n  \"entries\": [", "the backup file's JSON layout"),
    ("String", "a type in #[serde(try_from = \"String\")]"),
    (
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
        "the base64 alphabet",
    ),
    ("<br />", "a line break Daylio writes into notes"),
    ("noopener noreferrer", "a rel value"),
    // Errors serde reports while reading a stored record or a file; the
    // backup reader and the storage layer describe the problem instead.
    ("invalid check-in answers", SERDE_ERROR),
    ("entry id must be 1-64 letters, digits, - or _", SERDE_ERROR),
    ("energy must be 1 to 5, got {value}", SERDE_ERROR),
    ("mood must be 1 to 5, got {value}", SERDE_ERROR),
    ("not an emotion word Interlude knows: {value}", SERDE_ERROR),
    ("tags are 1 to {MAX_TAG_CHARS} characters", SERDE_ERROR),
    ("Interlude", "the product's name"),
    ("English", "each language is listed by its own name"),
    ("Español", "each language is listed by its own name"),
    ("العربية", "each language is listed by its own name"),
    ("Escape", "a KeyboardEvent.key value"),
    ("Enter", "a KeyboardEvent.key value"),
    ("Shift", "a KeyboardEvent.key value"),
];

const SERDE_ERROR: &str = "a serde error, described to visitors by the code that reads the file";

/// Files with no visitor-facing text, and why.
const NOT_SHOWN_FILES: [(&str, &str); 7] = [
    (
        "src/packing.rs",
        "its errors become the storage layer's and the vault's own",
    ),
    (
        "src/model/content_pack.rs",
        "its problems go to the console for the clinic's web developer",
    ),
    (
        "src/components/content_pack.rs",
        "loading the clinic's pack; its problems go to the console",
    ),
    (
        "src/browser/fetched.rs",
        "fetching files next to the widget; its problems go to the console",
    ),
    (
        "src/model/crisis_language.rs",
        "phrases it looks for in what the visitor wrote, in every language",
    ),
    (
        "src/config.rs",
        "its messages go to the console for the clinic's web developer",
    ),
    ("src/i18n.rs", "the translation layer itself"),
];

#[derive(Debug)]
struct Literal {
    value: String,
    file: String,
    line: usize,
    /// The innermost call the literal is an argument of, and whether it
    /// is that call's first argument.
    call: Option<(String, bool)>,
    /// Every call it is nested in, innermost last.
    calls: Vec<String>,
    /// The `view!` attribute it is the value of (`class=`).
    attribute: Option<String>,
}

/// Every string literal in `source` outside comments and test modules.
fn literals(file: &str, source: &str) -> Vec<Literal> {
    // Tests sit in a `#[cfg(test)] mod tests` at the end of the file.
    let source = match test_module_start(source) {
        Some(end) => &source[..end],
        None => source,
    };
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    // Open parentheses, each with the name of the call it belongs to and
    // whether an argument has started.
    let mut calls: Vec<(String, bool)> = Vec::new();
    let mut line = 1;
    let mut i = 0;
    let ident = |c: char| c.is_alphanumeric() || c == '_' || c == '!' || c == ':';
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\n' {
            line += 1;
        }
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if chars[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
            continue;
        }
        if c == '\'' {
            // A char literal ('a', '\n', '"') or a lifetime ('static).
            if next == Some('\\') {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
            continue;
        }
        let raw_start =
            (c == 'r' || (c == 'b' && next == Some('r'))) && (i == 0 || !ident(chars[i - 1]));
        let quote_at = if raw_start {
            let mut j = i + if c == 'b' { 2 } else { 1 };
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            (chars.get(j) == Some(&'"')).then_some((j, hashes))
        } else {
            None
        };
        if c == '"' || quote_at.is_some() {
            let start_line = line;
            let (value, end) = match quote_at {
                Some((j, hashes)) => {
                    let closing: String = std::iter::once('"')
                        .chain(std::iter::repeat_n('#', hashes))
                        .collect();
                    let rest: String = chars[j + 1..].iter().collect();
                    let len = rest.find(&closing).expect("unterminated raw string");
                    let value: String = rest[..len].to_string();
                    (value.clone(), j + 1 + value.chars().count() + closing.len())
                }
                None => cooked(&chars, i + 1),
            };
            line += chars[i..end].iter().filter(|&&c| c == '\n').count();
            let before: String = chars[i.saturating_sub(200)..i].iter().collect();
            let before = before.trim_end();
            let attribute = before.strip_suffix('=').and_then(|b| {
                let name: String = b
                    .trim_end()
                    .chars()
                    .rev()
                    .take_while(|&c| c.is_alphanumeric() || matches!(c, '-' | ':' | '_'))
                    .collect::<String>()
                    .chars()
                    .rev()
                    .collect();
                (!name.is_empty()).then_some(name)
            });
            out.push(Literal {
                value,
                file: file.to_string(),
                line: start_line,
                call: calls.last().map(|(name, started)| (name.clone(), !started)),
                calls: calls.iter().map(|(name, _)| name.clone()).collect(),
                attribute,
            });
            if let Some(open) = calls.last_mut() {
                open.1 = true;
            }
            i = end;
            continue;
        }
        if c == '(' {
            let name: String = chars[..i]
                .iter()
                .rev()
                .take_while(|&&c| ident(c))
                .collect::<String>()
                .chars()
                .rev()
                .collect();
            let name = name.rsplit("::").next().unwrap_or("").to_string();
            calls.push((name, false));
        } else if c == ')' {
            calls.pop();
        } else if !c.is_whitespace() {
            if let Some(open) = calls.last_mut() {
                open.1 = true;
            }
        }
        i += 1;
    }
    out
}

/// Where a file's `#[cfg(test)] mod …` begins (attributes may sit between).
fn test_module_start(source: &str) -> Option<usize> {
    let mut offset = 0;
    for (start, line) in source.split_inclusive('\n').map(|l| {
        let start = offset;
        offset += l.len();
        (start, l)
    }) {
        let line_text = line.trim();
        if line_text.starts_with("#[cfg(") && line_text.contains("test") {
            let after = source[start + line.len()..]
                .lines()
                .map(str::trim)
                .find(|l| !l.starts_with("#["))
                .unwrap_or("");
            if after.starts_with("mod ") {
                return Some(start);
            }
        }
    }
    None
}

/// A normal string literal's value from just after its opening quote, with
/// escapes and line continuations as the compiler reads them; and the
/// index just after its closing quote.
fn cooked(chars: &[char], mut i: usize) -> (String, usize) {
    let mut value = String::new();
    while chars[i] != '"' {
        if chars[i] == '\\' {
            i += 1;
            match chars[i] {
                'n' => value.push('\n'),
                't' => value.push('\t'),
                'r' => value.push('\r'),
                '0' => value.push('\0'),
                '\n' => {
                    while chars[i + 1].is_whitespace() {
                        i += 1;
                    }
                }
                'u' => {
                    let close = (i..).find(|&j| chars[j] == '}').expect("bad \\u escape");
                    let hex: String = chars[i + 2..close].iter().collect();
                    let code = u32::from_str_radix(&hex, 16).expect("bad \\u escape");
                    value.push(char::from_u32(code).expect("bad \\u escape"));
                    i = close;
                }
                'x' => {
                    let hex: String = chars[i + 1..i + 3].iter().collect();
                    value.push(u8::from_str_radix(&hex, 16).expect("bad \\x escape") as char);
                    i += 2;
                }
                other => value.push(other),
            }
        } else {
            value.push(chars[i]);
        }
        i += 1;
    }
    (value, i + 1)
}

/// Words a visitor could read: two letters in a row, and either a space,
/// a capital letter or a letter outside ASCII. Identifiers, keys, class
/// names and URLs have none of those.
fn looks_like_words(value: &str) -> bool {
    let value = &without_placeholders(value);
    let one_token = !value.chars().any(char::is_whitespace);
    let code = value.contains("::")
        // PBKDF2, SHA-256
        || (one_token && !value.chars().any(char::is_lowercase))
        // dateStyle, QuotaExceededError
        || (one_token
            && value
                .chars()
                .collect::<Vec<_>>()
                .windows(2)
                .any(|w| w[0].is_lowercase() && w[1].is_uppercase()));
    if code {
        return false;
    }
    let letters_in_a_row = value
        .chars()
        .collect::<Vec<_>>()
        .windows(2)
        .any(|w| w[0].is_alphabetic() && w[1].is_alphabetic());
    let prose = value.contains(' ')
        || value.chars().any(|c| c.is_uppercase())
        || value.chars().any(|c| c.is_alphabetic() && !c.is_ascii());
    letters_in_a_row && prose
}

/// `value` without its `{placeholders}`.
fn without_placeholders(value: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in value.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("readable source directory") {
        let path = entry.expect("readable entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every literal in `src`, except the catalogs and the files that show
/// nothing to visitors.
fn source_literals() -> Vec<Literal> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let file = path
            .strip_prefix(root)
            .expect("inside the crate")
            .to_string_lossy()
            .replace('\\', "/");
        if file.starts_with("src/i18n/") || NOT_SHOWN_FILES.iter().any(|(f, _)| *f == file) {
            continue;
        }
        let source = fs::read_to_string(&path).expect("readable source");
        out.extend(literals(&file, &source));
    }
    out
}

fn is_key(literal: &Literal) -> bool {
    literal
        .call
        .as_ref()
        .is_some_and(|(name, first)| *first && TRANSLATING.contains(&name.as_str()))
}

/// The English keys the code uses, each with where it is first used.
fn used_keys() -> BTreeMap<String, String> {
    let mut keys = BTreeMap::new();
    for literal in source_literals().into_iter().filter(is_key) {
        let plural = matches!(literal.call.as_ref(), Some((n, _)) if n.starts_with("trn"));
        keys.entry(literal.value).or_insert(format!(
            "{}:{}{}",
            literal.file,
            literal.line,
            if plural { " (count)" } else { "" }
        ));
    }
    keys
}

fn placeholders(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        if let Some(close) = rest.find('}') {
            names.insert(rest[..close].to_string());
            rest = &rest[close + 1..];
        }
    }
    names
}

#[test]
fn no_visitor_facing_text_bypasses_translation() {
    let bypassing: Vec<String> = source_literals()
        .into_iter()
        .filter(|l| !is_key(l))
        .filter(|l| looks_like_words(&l.value))
        .filter(|l| !NOT_TEXT.iter().any(|(text, _)| *text == l.value))
        .filter(|l| {
            !l.attribute
                .as_deref()
                .is_some_and(|a| CODE_ATTRIBUTES.contains(&a) || a.starts_with("class:"))
        })
        .filter(|l| {
            !l.calls
                .iter()
                .any(|c| NOT_SHOWN_CALLS.contains(&c.as_str()))
        })
        .map(|l| format!("{}:{}: {:?}", l.file, l.line, l.value))
        .collect();
    assert!(
        bypassing.is_empty(),
        "{} literal(s) a visitor could read are not translated; wrap them in \
         tr(…), trf(…), trn(…) or key(…) (see src/i18n.rs):\n{}",
        bypassing.len(),
        bypassing.join("\n")
    );
}

fn check_catalog(locale: Locale, catalog: &[(&str, &str)]) -> Vec<String> {
    let used = used_keys();
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for (english, translated) in catalog {
        if !seen.insert(*english) {
            problems.push(format!("twice: {english:?}"));
        }
        let Some(where_used) = used.get(*english) else {
            problems.push(format!("no longer used, remove: {english:?}"));
            continue;
        };
        if translated.trim().is_empty() {
            problems.push(format!("empty translation: {english:?}"));
        }
        if where_used.ends_with("(count)") {
            let forms: Vec<&str> = translated.split('|').collect();
            if forms.len() != locale.plural_forms() {
                problems.push(format!(
                    "{english:?} needs {} plural forms joined by |, has {}",
                    locale.plural_forms(),
                    forms.len()
                ));
            }
            let allowed = placeholders(english);
            for form in forms {
                if !placeholders(form).is_subset(&allowed) {
                    problems.push(format!("{english:?}: unknown placeholder in {form:?}"));
                }
            }
        } else if placeholders(english) != placeholders(translated) {
            problems.push(format!(
                "{english:?}: placeholders differ in {translated:?}"
            ));
        }
    }
    for (english, where_used) in &used {
        if !seen.contains(english.as_str()) {
            problems.push(format!("missing ({where_used}):\n    ({english:?}, \"\"),"));
        }
    }
    problems
}

#[test]
fn the_spanish_catalog_translates_exactly_what_the_code_uses() {
    let problems = check_catalog(Locale::Es, es::CATALOG);
    assert!(
        problems.is_empty(),
        "src/i18n/es.rs:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_arabic_catalog_translates_exactly_what_the_code_uses() {
    let problems = check_catalog(Locale::Ar, ar::CATALOG);
    assert!(
        problems.is_empty(),
        "src/i18n/ar.rs:\n{}",
        problems.join("\n")
    );
}

/// After a catalog changes: `INTERLUDE_WRITE_CATALOGS=1 cargo test --test
/// translations` writes its file again.
#[test]
fn the_served_catalog_files_say_what_the_catalogs_say() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("public/locales");
    let write = std::env::var_os("INTERLUDE_WRITE_CATALOGS").is_some();
    for locale in [Locale::Es, Locale::Ar] {
        let path = dir.join(format!("{}.json", locale.tag()));
        let expected = interlude::i18n::catalog_json(locale);
        if write {
            fs::create_dir_all(&dir).unwrap();
            fs::write(&path, &expected).unwrap();
        }
        let served = fs::read_to_string(&path).unwrap_or_default();
        assert!(
            served == expected,
            "{} differs from src/i18n/{}.rs; write it again with \
             INTERLUDE_WRITE_CATALOGS=1 cargo test --test translations",
            path.display(),
            locale.tag()
        );
    }
}

#[test]
fn the_scanner_reads_literals_as_the_compiler_does() {
    let source = r####"
        // tr("in a comment") is not code
        /* nor /* nested */ "this" */
        let c = '"'; let l: &'static str = "x";
        view! { <p class="a b">"Hello there"</p> }
        tr("Long text \
            continues");
        trf("Saved {when}", &[("when", &when)]);
        let raw = r#"Raw "quoted" text"#;
        web_sys::console::error_1(&"For developers only".into());
    "####;
    let found = literals("t.rs", source);
    let values: Vec<&str> = found.iter().map(|l| l.value.as_str()).collect();
    assert_eq!(
        values,
        [
            "x",
            "a b",
            "Hello there",
            "Long text continues",
            "Saved {when}",
            "when",
            "Raw \"quoted\" text",
            "For developers only"
        ]
    );
    let keys: Vec<&str> = found
        .iter()
        .filter(|l| is_key(l))
        .map(|l| l.value.as_str())
        .collect();
    assert_eq!(keys, ["Long text continues", "Saved {when}"]);
    assert_eq!(found[1].attribute.as_deref(), Some("class"));
    assert!(found[7].calls.contains(&"error_1".to_string()));
    assert!(looks_like_words("Hello there") && looks_like_words("Close"));
    assert!(!looks_like_words("interlude-text") && !looks_like_words("text/csv"));
    assert!(!looks_like_words("dateStyle") && !looks_like_words("PBKDF2-SHA256"));
    assert!(!looks_like_words("{PREFIX}{rest}") && !looks_like_words("Option::is_none"));
}
