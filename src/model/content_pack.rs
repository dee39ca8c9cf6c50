//! A clinic's own prompts: a JSON file served next to the widget (named by
//! `data-content-pack`), checked in full before any of it is used. A file
//! with any problem is refused whole, with a message that says where, and
//! the built-in packs are offered as usual.
//!
//! ```json
//! { "format": "interlude-content-pack", "version": 1,
//!   "packs": [ { "id": "harbour-grief", "title": "Grief and loss",
//!                "prompts": [ { "id": "harbour-grief.memory",
//!                               "text": "What memory came back today?",
//!                               "why": "Naming a memory can make it easier to hold." } ] } ] }
//! ```

use std::sync::OnceLock;

use serde::Deserialize;

use super::prompts::{Pack, Prompt, PACKS};

/// The `format` a content pack file declares.
pub const FORMAT: &str = "interlude-content-pack";
/// The newest `version` this build reads.
pub const VERSION: u32 = 1;
/// Largest file accepted, in bytes.
pub const MAX_BYTES: usize = 256 * 1024;
/// Most packs in one file.
pub const MAX_PACKS: usize = 20;
/// Most prompts in one pack.
pub const MAX_PROMPTS: usize = 50;
/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 60;
/// Longest prompt, in characters.
pub const MAX_PROMPT_CHARS: usize = 300;
/// Longest "why this helps", in characters.
pub const MAX_WHY_CHARS: usize = 200;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIn {
    format: String,
    version: u32,
    packs: Vec<PackIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PackIn {
    id: String,
    title: String,
    prompts: Vec<PromptIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PromptIn {
    id: String,
    text: String,
    why: String,
}

/// A pack read from a clinic's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnPack {
    /// Its id: lower-case letters, digits and `-`.
    pub id: String,
    /// Its heading.
    pub title: String,
    /// `(id, text, why)` of each prompt, in order.
    pub prompts: Vec<(String, String, String)>,
}

/// What is wrong with a content pack file; the clinic reads it on the console.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackProblem {
    /// Larger than [`MAX_BYTES`].
    TooLarge,
    /// Not JSON of the expected shape (serde's explanation).
    NotJson(String),
    /// `format` is not [`FORMAT`].
    WrongFormat,
    /// `version` is newer than this build reads.
    NewerVersion(u32),
    /// No packs, or more than [`MAX_PACKS`].
    PackCount,
    /// Something about one pack or prompt, in words.
    Invalid(String),
}

impl PackProblem {
    /// The console message.
    pub fn message(&self) -> String {
        match self {
            PackProblem::TooLarge => format!("the file is larger than {} KB", MAX_BYTES / 1024),
            PackProblem::NotJson(why) => {
                format!("it is not valid JSON of the expected shape: {why}")
            }
            PackProblem::WrongFormat => format!("\"format\" must be \"{FORMAT}\""),
            PackProblem::NewerVersion(v) => {
                format!("\"version\" {v} is newer than this widget reads ({VERSION})")
            }
            PackProblem::PackCount => format!("\"packs\" must hold 1 to {MAX_PACKS} packs"),
            PackProblem::Invalid(why) => why.clone(),
        }
    }
}

/// Reads and checks a content pack file.
pub fn parse(text: &str) -> Result<Vec<OwnPack>, PackProblem> {
    if text.len() > MAX_BYTES {
        return Err(PackProblem::TooLarge);
    }
    let file: FileIn =
        serde_json::from_str(text).map_err(|e| PackProblem::NotJson(e.to_string()))?;
    if file.format != FORMAT {
        return Err(PackProblem::WrongFormat);
    }
    if file.version > VERSION || file.version == 0 {
        return Err(PackProblem::NewerVersion(file.version));
    }
    if file.packs.is_empty() || file.packs.len() > MAX_PACKS {
        return Err(PackProblem::PackCount);
    }
    let invalid = |why: String| Err(PackProblem::Invalid(why));
    let mut seen = std::collections::BTreeSet::new();
    let mut packs = Vec::new();
    for pack in file.packs {
        if !is_id(&pack.id) {
            return invalid(format!(
                "pack id \"{}\" must be 1-40 lower-case letters, digits or -",
                printable(&pack.id)
            ));
        }
        if PACKS.iter().any(|p| p.id == pack.id) || !seen.insert(pack.id.clone()) {
            return invalid(format!("pack id \"{}\" is already used", pack.id));
        }
        if let Some(why) = text_problem("title", &pack.title, MAX_TITLE_CHARS) {
            return invalid(format!("pack \"{}\": {why}", pack.id));
        }
        if pack.prompts.is_empty() || pack.prompts.len() > MAX_PROMPTS {
            return invalid(format!(
                "pack \"{}\" must hold 1 to {MAX_PROMPTS} prompts",
                pack.id
            ));
        }
        let mut prompts = Vec::new();
        for prompt in pack.prompts {
            let slug = prompt.id.strip_prefix(&format!("{}.", pack.id));
            if !slug.is_some_and(is_id) || !seen.insert(prompt.id.clone()) {
                return invalid(format!(
                    "prompt id \"{}\" must be unique and look like \"{}.some-name\"",
                    printable(&prompt.id),
                    pack.id
                ));
            }
            for (field, value, max) in [
                ("text", &prompt.text, MAX_PROMPT_CHARS),
                ("why", &prompt.why, MAX_WHY_CHARS),
            ] {
                if let Some(why) = text_problem(field, value, max) {
                    return invalid(format!("prompt \"{}\": {why}", prompt.id));
                }
            }
            prompts.push((
                prompt.id,
                prompt.text.trim().to_owned(),
                prompt.why.trim().to_owned(),
            ));
        }
        packs.push(OwnPack {
            id: pack.id,
            title: pack.title.trim().to_owned(),
            prompts,
        });
    }
    Ok(packs)
}

/// An id: 1–40 of lower-case ASCII letters, digits and `-`.
fn is_id(id: &str) -> bool {
    (1..=40).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Why a piece of visible text is not acceptable, if it isn't.
fn text_problem(field: &str, value: &str, max: usize) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        Some(format!("\"{field}\" is empty"))
    } else if value.chars().count() > max {
        Some(format!("\"{field}\" is longer than {max} characters"))
    } else if value.chars().any(char::is_control) {
        Some(format!("\"{field}\" has control characters"))
    } else {
        None
    }
}

/// Text safe to put in a console message (bounded, no control characters).
fn printable(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).take(60).collect()
}

static INSTALLED: OnceLock<&'static [Pack]> = OnceLock::new();

/// Makes the clinic's packs available to [`own_packs`] and
/// `prompts::find`. Done once per page: the strings are kept for the
/// page's life, like the built-in ones. A second call is ignored.
pub fn install(packs: Vec<OwnPack>) {
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    let packs: Vec<Pack> = packs
        .into_iter()
        .map(|pack| {
            Pack::own(
                leak(pack.id),
                leak(pack.title),
                Box::leak(
                    pack.prompts
                        .into_iter()
                        .map(|(id, text, why)| Prompt::own(leak(id), leak(text), leak(why)))
                        .collect::<Vec<_>>()
                        .into_boxed_slice(),
                ),
            )
        })
        .collect();
    let _ = INSTALLED.set(Box::leak(packs.into_boxed_slice()));
}

/// The clinic's packs, once installed; none before.
pub fn own_packs() -> &'static [Pack] {
    INSTALLED.get().copied().unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(packs: &str) -> String {
        format!(r#"{{"format":"interlude-content-pack","version":1,"packs":{packs}}}"#)
    }

    const GOOD: &str = r#"[{"id":"harbour-grief","title":"Grief and loss","prompts":[
        {"id":"harbour-grief.memory","text":"What memory came back today?","why":"Naming a memory can make it easier to hold."},
        {"id":"harbour-grief.letter","text":"  What would you say to them now?  ","why":"Unsaid words often want somewhere to go."}]}]"#;

    #[test]
    fn a_good_file_gives_its_packs_in_order() {
        let packs = parse(&file(GOOD)).unwrap();
        assert_eq!(packs.len(), 1);
        assert_eq!(packs[0].id, "harbour-grief");
        assert_eq!(packs[0].prompts.len(), 2);
        assert_eq!(packs[0].prompts[1].1, "What would you say to them now?");
    }

    fn problem(text: &str) -> String {
        parse(text).unwrap_err().message()
    }

    #[test]
    fn every_kind_of_bad_file_is_refused_with_a_reason() {
        assert!(problem("").contains("not valid JSON"));
        assert!(problem("{").contains("not valid JSON"));
        assert!(problem(&file(GOOD).replace("\"why\"", "\"because\"")).contains("not valid JSON"));
        assert!(problem(&file(GOOD).replace("content-pack", "backup")).contains("\"format\""));
        assert!(problem(&file(GOOD).replace("\"version\":1", "\"version\":2")).contains("newer"));
        assert!(problem(&file("[]")).contains("1 to 20 packs"));
        assert!(problem(&file(
            &GOOD.replace("\"harbour-grief\"", "\"Harbour Grief\"")
        ))
        .contains("lower-case"));
        assert!(
            problem(&file(&GOOD.replace("harbour-grief", "gratitude"))).contains("already used")
        );
        assert!(problem(&file(&format!(
            "[{},{}]",
            &GOOD[1..GOOD.len() - 1],
            &GOOD[1..GOOD.len() - 1]
        )))
        .contains("already used"));
        assert!(problem(&file(&GOOD.replace("Grief and loss", " "))).contains("\"title\" is empty"));
        assert!(
            problem(&file(&GOOD.replace("harbour-grief.memory", "other.memory")))
                .contains("must be unique")
        );
        assert!(problem(&file(
            &GOOD.replace("harbour-grief.letter", "harbour-grief.memory")
        ))
        .contains("must be unique"));
        assert!(
            problem(&file(&GOOD.replace("What memory", &"x".repeat(301))))
                .contains("longer than 300")
        );
        assert!(problem(&file(&GOOD.replace("What memory", "What\\u0007"))).contains("control"));
        assert!(
            problem(&file(r#"[{"id":"a","title":"A","prompts":[]}]"#)).contains("1 to 50 prompts")
        );
        assert_eq!(
            parse(&" ".repeat(MAX_BYTES + 1)),
            Err(PackProblem::TooLarge)
        );
    }

    #[test]
    fn installed_packs_are_found_like_built_in_ones_and_never_translated() {
        // Words that are also a built-in prompt's: the clinic's stay as written.
        let built_in = PACKS[0].prompts[3];
        let packs = parse(&file(
            &GOOD
                .replace("harbour-grief", "test-install")
                .replace("What memory came back today?", built_in.text()),
        ))
        .unwrap();
        install(packs);
        assert_eq!(own_packs()[0].id, "test-install");
        let prompt = crate::model::prompts::find("test-install.memory").unwrap();
        assert_eq!(prompt.text(), built_in.text());
        crate::i18n::set_locale(crate::i18n::Locale::Es);
        let (own, title, why) = (prompt.text(), own_packs()[0].title(), prompt.why());
        crate::i18n::set_locale(crate::i18n::Locale::En);
        assert_eq!(own, "What went well today, however small?");
        assert_eq!(title, "Grief and loss");
        assert_eq!(why, "Naming a memory can make it easier to hold.");
    }

    #[test]
    fn script_like_text_is_kept_as_text() {
        let packs = parse(&file(
            &GOOD.replace("What memory", "<img src=x onerror=alert(1)>"),
        ))
        .unwrap();
        assert!(packs[0].prompts[0].1.starts_with("<img"));
    }
}
