//! The JSON export: every entry, readable by people and by a later import.
//!
//! Layout (version 1):
//!
//! ```json
//! {
//!   "format": "interlude-journal",
//!   "version": 1,
//!   "interlude_version": "0.1.0",
//!   "exported_at": "2026-11-22T14:05:09Z",
//!   "about": "…",
//!   "entries": [
//!     { "id": "…", "created_at": "…Z", "updated_at": "…Z",
//!       "prompt": { "id": "…", "text": "…" } | null,
//!       "text": "…", "mood": { "value": 1-5, "label": "…" } | null }
//!   ],
//!   "unreadable": [ { "key": "…", "raw": "…" } ]
//! }
//! ```
//!
//! Entries are oldest first, the order a reader expects. `unreadable` holds,
//! verbatim, stored records that could not be read, so an export never
//! silently leaves data behind; it is omitted when empty.

use serde::Serialize;

use crate::i18n::{key, tr};
use crate::model::time::UtcDateTime;
use crate::model::{Entry, Journal, PromptRef, Tag, ThoughtRecord};

/// Value of the `format` field.
pub const FORMAT: &str = "interlude-journal";
/// Value of the `version` field.
pub const FORMAT_VERSION: u32 = 1;

/// The `about` note for people who open the file (English; written in
/// the visitor's language).
const ABOUT: &str = key(
    "Written by the visitor for their own use, for example to bring to a session. \
Interlude is not therapy and not a medical record. This file was made in the browser and sent nowhere.",
);

/// A stored record that could not be read, kept verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unreadable {
    /// The storage key it was found under.
    pub key: String,
    /// Its exact stored text.
    pub raw: String,
}

/// The whole export document.
#[derive(Debug, Serialize)]
pub struct ExportFile<'a> {
    format: &'static str,
    version: u32,
    interlude_version: &'static str,
    exported_at: String,
    about: &'static str,
    entries: Vec<ExportEntry<'a>>,
    #[serde(skip_serializing_if = "<[Unreadable]>::is_empty")]
    unreadable: &'a [Unreadable],
}

#[derive(Debug, Serialize)]
struct ExportEntry<'a> {
    id: &'a str,
    created_at: String,
    updated_at: String,
    prompt: Option<&'a PromptRef>,
    text: &'a str,
    mood: Option<ExportMood>,
    #[serde(skip_serializing_if = "Option::is_none")]
    energy: Option<ExportMood>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    emotions: Vec<&'static str>,
    #[serde(skip_serializing_if = "<[Tag]>::is_empty")]
    tags: &'a [Tag],
    #[serde(skip_serializing_if = "Option::is_none")]
    thought_record: Option<&'a ThoughtRecord>,
}

/// A point on a labelled scale (mood or energy), with its words.
#[derive(Debug, Serialize)]
struct ExportMood {
    value: u8,
    label: &'static str,
}

impl<'a> ExportEntry<'a> {
    fn new(entry: &'a Entry) -> Self {
        ExportEntry {
            id: entry.id.as_str(),
            created_at: UtcDateTime::from_epoch_ms(entry.created_ms).iso8601(),
            updated_at: UtcDateTime::from_epoch_ms(entry.updated_ms).iso8601(),
            prompt: entry.prompt.as_ref(),
            text: &entry.text,
            mood: entry.mood.map(|m| ExportMood {
                value: m.value(),
                label: m.label(),
            }),
            energy: entry.energy.map(|e| ExportMood {
                value: e.value(),
                label: e.label(),
            }),
            emotions: entry.emotions.iter().map(|e| e.word()).collect(),
            tags: &entry.tags,
            thought_record: entry.thought_record.as_ref(),
        }
    }
}

/// The journal as a pretty-printed JSON document.
pub fn journal_json(journal: &Journal, unreadable: &[Unreadable], exported_ms: i64) -> String {
    let file = ExportFile {
        format: FORMAT,
        version: FORMAT_VERSION,
        interlude_version: crate::VERSION,
        exported_at: UtcDateTime::from_epoch_ms(exported_ms).iso8601(),
        about: tr(ABOUT),
        entries: journal
            .entries()
            .iter()
            .rev()
            .map(ExportEntry::new)
            .collect(),
        unreadable,
    };
    // Serialising plain structs of strings and numbers cannot fail.
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntryId, Mood};
    use serde_json::Value;

    fn sample() -> Journal {
        Journal::from_entries([
            Entry {
                id: EntryId::new("first").unwrap(),
                created_ms: 1_795_356_309_000,
                updated_ms: 1_795_356_309_000,
                prompt: Some(PromptRef {
                    id: "check-in.today".into(),
                    text: "What has today been like?".into(),
                }),
                text: "<script>alert(\"hi\")</script>\nline two — ünïcode".into(),
                mood: Mood::new(2),
                energy: None,
                emotions: vec![],
                tags: vec![],
                thought_record: None,
            },
            Entry {
                id: EntryId::new("second").unwrap(),
                created_ms: 1_795_400_000_000,
                updated_ms: 1_795_400_000_000,
                prompt: None,
                text: String::new(),
                mood: Mood::new(5),
                energy: None,
                emotions: vec![],
                tags: vec![],
                thought_record: None,
            },
        ])
    }

    #[test]
    fn the_export_has_every_entry_oldest_first_with_its_words() {
        let json: Value =
            serde_json::from_str(&journal_json(&sample(), &[], 1_795_500_000_000)).unwrap();
        assert_eq!(json["format"], FORMAT);
        assert_eq!(json["version"], 1);
        // Which release wrote it; `format` and `version` keep their meaning.
        assert_eq!(json["interlude_version"], crate::VERSION);
        assert_eq!(json["exported_at"], "2026-11-24T06:00:00Z");
        let entries = json["entries"].as_array().unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0]["id"], "first");
        assert_eq!(entries[0]["created_at"], "2026-11-22T14:05:09Z");
        assert_eq!(entries[0]["prompt"]["text"], "What has today been like?");
        assert_eq!(
            entries[0]["text"],
            "<script>alert(\"hi\")</script>\nline two — ünïcode"
        );
        assert_eq!(entries[0]["mood"]["value"], 2);
        assert_eq!(entries[0]["mood"]["label"], "Low");
        assert_eq!(entries[1]["prompt"], Value::Null);
        assert!(json.get("unreadable").is_none());
    }

    #[test]
    fn unreadable_records_are_carried_verbatim() {
        let unreadable = [Unreadable {
            key: "interlude.v1.entry.x".into(),
            raw: "{not json".into(),
        }];
        let json: Value =
            serde_json::from_str(&journal_json(&Journal::default(), &unreadable, 0)).unwrap();
        assert_eq!(json["unreadable"][0]["raw"], "{not json");
        assert_eq!(json["entries"].as_array().unwrap().len(), 0);
    }
}
