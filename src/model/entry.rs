//! One saved reflection, and the draft it is written in.

use serde::{Deserialize, Serialize};

use super::mood::Mood;
use super::prompts;

/// Longest reflection we accept, in characters. Generous (about 30 printed
/// pages) but bounded so one runaway paste cannot fill the visitor's storage.
pub const MAX_TEXT_CHARS: usize = 50_000;

/// A stable, opaque entry identifier: 1–64 ASCII letters, digits, `-` or `_`.
///
/// Ids are generated in the browser from random bytes, so two tabs saving at
/// once never collide.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EntryId(String);

impl EntryId {
    /// An id from text, or `None` if it is empty, too long or has other characters.
    pub fn new(text: &str) -> Option<EntryId> {
        let valid = !text.is_empty()
            && text.len() <= 64
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        valid.then(|| EntryId(text.to_owned()))
    }

    /// An id made from 16 random bytes, as 32 lowercase hex digits.
    pub fn from_bytes(bytes: [u8; 16]) -> EntryId {
        EntryId(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }

    /// The id as text (also its storage key suffix).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for EntryId {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        EntryId::new(&value).ok_or_else(|| "entry id must be 1-64 letters, digits, - or _".into())
    }
}

impl From<EntryId> for String {
    fn from(id: EntryId) -> String {
        id.0
    }
}

/// The guided prompt an entry answered, copied into the entry so it still
/// reads correctly if prompt packs change later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromptRef {
    /// The prompt's id in its pack.
    pub id: String,
    /// The prompt's words as the visitor saw them.
    pub text: String,
}

/// A saved reflection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Stable identifier.
    pub id: EntryId,
    /// When it was first saved, in milliseconds since the Unix epoch (UTC).
    pub created_ms: i64,
    /// When it was last changed, same unit.
    pub updated_ms: i64,
    /// The prompt it answers; `None` for free writing.
    #[serde(default)]
    pub prompt: Option<PromptRef>,
    /// What the visitor wrote (may be empty when only a mood was logged).
    #[serde(default)]
    pub text: String,
    /// The mood logged with it, if any.
    #[serde(default)]
    pub mood: Option<Mood>,
}

/// What the visitor is writing now, before it is saved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// Id of the chosen prompt; `None` for free writing.
    #[serde(default)]
    pub prompt_id: Option<String>,
    /// The text so far.
    #[serde(default)]
    pub text: String,
    /// The mood picked so far.
    #[serde(default)]
    pub mood: Option<Mood>,
}

/// Why a draft cannot be saved yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftError {
    /// Nothing written and no mood picked.
    Empty,
    /// More than [`MAX_TEXT_CHARS`] characters.
    TooLong {
        /// How many characters the draft has.
        chars: usize,
    },
}

impl DraftError {
    /// A calm sentence for the visitor.
    pub fn message(&self) -> String {
        match self {
            DraftError::Empty => "Write something or pick a mood first, then save.".into(),
            DraftError::TooLong { chars } => format!(
                "This reflection is {chars} characters long, more than the {MAX_TEXT_CHARS} that fit in one entry. \
                 Nothing has been removed: you could split it into two entries."
            ),
        }
    }
}

impl Draft {
    /// True when there is nothing worth keeping.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && self.mood.is_none()
    }

    /// Turns the draft into a new entry with the given id and time.
    ///
    /// The text is kept exactly as written (no trimming inside it), except
    /// that leading and trailing blank lines are dropped.
    pub fn to_entry(&self, id: EntryId, now_ms: i64) -> Result<Entry, DraftError> {
        if self.is_empty() {
            return Err(DraftError::Empty);
        }
        let chars = self.text.chars().count();
        if chars > MAX_TEXT_CHARS {
            return Err(DraftError::TooLong { chars });
        }
        let prompt = self
            .prompt_id
            .as_deref()
            .and_then(prompts::find)
            .map(|p| PromptRef {
                id: p.id.to_owned(),
                text: p.text.to_owned(),
            });
        Ok(Entry {
            id,
            created_ms: now_ms,
            updated_ms: now_ms,
            prompt,
            text: self
                .text
                .trim_matches(|c| c == '\n' || c == '\r')
                .to_owned(),
            mood: self.mood,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> EntryId {
        EntryId::new(s).unwrap()
    }

    #[test]
    fn ids_reject_anything_that_could_escape_a_storage_key() {
        assert!(EntryId::new("").is_none());
        assert!(EntryId::new("a.b").is_none());
        assert!(EntryId::new("<script>").is_none());
        assert!(EntryId::new(&"a".repeat(65)).is_none());
        assert!(EntryId::new("abc-DEF_123").is_some());
    }

    #[test]
    fn ids_from_bytes_are_valid_hex() {
        let id = EntryId::from_bytes([0xab; 16]);
        assert_eq!(id.as_str(), "ab".repeat(16));
        assert_eq!(EntryId::new(id.as_str()), Some(id));
    }

    #[test]
    fn an_empty_draft_cannot_be_saved() {
        let draft = Draft {
            text: "  \n ".into(),
            ..Draft::default()
        };
        assert_eq!(draft.to_entry(id("a"), 1), Err(DraftError::Empty));
    }

    #[test]
    fn a_mood_alone_is_enough() {
        let draft = Draft {
            mood: Mood::new(2),
            ..Draft::default()
        };
        let entry = draft.to_entry(id("a"), 5).unwrap();
        assert_eq!(entry.mood, Mood::new(2));
        assert_eq!(entry.text, "");
        assert_eq!((entry.created_ms, entry.updated_ms), (5, 5));
    }

    #[test]
    fn the_prompt_words_are_copied_into_the_entry() {
        let prompt = &crate::model::PACKS[0].prompts[0];
        let draft = Draft {
            prompt_id: Some(prompt.id.into()),
            text: "hello".into(),
            mood: None,
        };
        let entry = draft.to_entry(id("a"), 1).unwrap();
        assert_eq!(entry.prompt.unwrap().text, prompt.text);
    }

    #[test]
    fn an_unknown_prompt_id_becomes_free_writing() {
        let draft = Draft {
            prompt_id: Some("no-such-prompt".into()),
            text: "hello".into(),
            mood: None,
        };
        assert_eq!(draft.to_entry(id("a"), 1).unwrap().prompt, None);
    }

    #[test]
    fn text_is_kept_as_written_apart_from_outer_blank_lines() {
        let draft = Draft {
            text: "\n\n  first line\n\n  second  \n".into(),
            ..Draft::default()
        };
        assert_eq!(
            draft.to_entry(id("a"), 1).unwrap().text,
            "  first line\n\n  second  "
        );
    }

    #[test]
    fn too_long_text_is_refused_with_its_length() {
        let draft = Draft {
            text: "é".repeat(MAX_TEXT_CHARS + 1),
            ..Draft::default()
        };
        assert_eq!(
            draft.to_entry(id("a"), 1),
            Err(DraftError::TooLong {
                chars: MAX_TEXT_CHARS + 1
            })
        );
    }

    #[test]
    fn entries_missing_optional_fields_still_parse() {
        let entry: Entry =
            serde_json::from_str(r#"{"id":"x","created_ms":1,"updated_ms":2}"#).unwrap();
        assert_eq!(entry.text, "");
        assert_eq!(entry.mood, None);
    }
}
