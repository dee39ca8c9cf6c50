//! The backup payload: every entry in its stored form, so a restore is
//! exact. Inside an encrypted backup file ([`crate::vault::EncryptedBackup`])
//! it is sealed; the readable export is [`super::json`].
//!
//! ```json
//! { "format": "interlude-backup", "version": 1,
//!   "entries": [ { "id": "…", "created_ms": 0, "updated_ms": 0,
//!                  "prompt": { "id": "…", "text": "…" } | null,
//!                  "text": "…", "mood": 1-5 | null } ],
//!   "safety_plan": { "warning_signs": "…", "coping": "…", "distractions": "…",
//!                    "people": "…", "professionals": "…",
//!                    "safer_environment": "…", "reasons": "…",
//!                    "updated_ms": 0 },
//!   "checkins": [ { "questionnaire": "phq9" | "gad7" | "who5",
//!                   "taken_ms": 0, "answers": [0-5, …] } ] }
//! ```
//!
//! `safety_plan` is absent when none was started; `checkins` when none were taken.

use serde::{Deserialize, Serialize};

use crate::model::safety_plan::{Step, MAX_STEP_CHARS};
use crate::model::{CheckInResult, Entry, Journal, SafetyPlan, MAX_TEXT_CHARS};

/// Value of the payload's `format` field.
pub const PAYLOAD_FORMAT: &str = "interlude-backup";
/// The payload version this build writes and reads.
pub const PAYLOAD_VERSION: u32 = 1;
/// Largest backup file read, in bytes (checked before reading): ten years
/// of heavy daily writing, encrypted, is about a quarter of this.
pub const MAX_FILE_BYTES: f64 = 64.0 * 1024.0 * 1024.0;
/// Most entries accepted from one backup: many decades of daily writing.
pub const MAX_ENTRIES: usize = 100_000;

/// Why a backup's contents could not be restored. Nothing is changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupProblem {
    /// Not a backup payload (or damaged).
    NotABackup,
    /// Made by a newer version of Interlude.
    NewerVersion,
    /// More entries than [`MAX_ENTRIES`].
    TooManyEntries,
    /// An entry is not valid (too long, or impossible dates).
    InvalidEntry,
}

#[derive(Serialize)]
struct PayloadOut<'a> {
    format: &'static str,
    version: u32,
    entries: &'a [Entry],
    #[serde(skip_serializing_if = "Option::is_none")]
    safety_plan: Option<&'a SafetyPlan>,
    #[serde(skip_serializing_if = "<[CheckInResult]>::is_empty")]
    checkins: &'a [CheckInResult],
}

#[derive(Deserialize)]
struct PayloadIn {
    format: String,
    version: u32,
    entries: Vec<Entry>,
    #[serde(default)]
    safety_plan: Option<SafetyPlan>,
    #[serde(default)]
    checkins: Vec<CheckInResult>,
}

/// What a backup holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    /// Every entry.
    pub entries: Vec<Entry>,
    /// The safety plan, if one was started.
    pub safety_plan: Option<SafetyPlan>,
    /// Completed check-ins.
    pub checkins: Vec<CheckInResult>,
}

/// The payload for `journal` and the safety plan.
pub fn backup_payload(
    journal: &Journal,
    safety_plan: Option<&SafetyPlan>,
    checkins: &[CheckInResult],
) -> String {
    serde_json::to_string(&PayloadOut {
        format: PAYLOAD_FORMAT,
        version: PAYLOAD_VERSION,
        entries: journal.entries(),
        safety_plan: safety_plan.filter(|p| !p.is_empty()),
        checkins,
    })
    .unwrap_or_default()
}

/// What a payload holds, checked.
pub fn parse_backup_payload(text: &str) -> Result<Backup, BackupProblem> {
    #[derive(Deserialize)]
    struct Header {
        format: String,
        version: u32,
    }
    let header: Header = serde_json::from_str(text).map_err(|_| BackupProblem::NotABackup)?;
    if header.format != PAYLOAD_FORMAT {
        return Err(BackupProblem::NotABackup);
    }
    if header.version > PAYLOAD_VERSION {
        return Err(BackupProblem::NewerVersion);
    }
    let payload: PayloadIn = serde_json::from_str(text).map_err(|_| BackupProblem::NotABackup)?;
    debug_assert!(payload.format == PAYLOAD_FORMAT && payload.version <= PAYLOAD_VERSION);
    if payload.entries.len() + payload.checkins.len() > MAX_ENTRIES {
        return Err(BackupProblem::TooManyEntries);
    }
    let valid = |e: &Entry| {
        e.text.chars().count() <= MAX_TEXT_CHARS
            && e.created_ms >= 0
            && e.updated_ms >= e.created_ms
            && e.updated_ms < 253_402_300_800_000 // before year 10000
    };
    if !payload.entries.iter().all(valid) {
        return Err(BackupProblem::InvalidEntry);
    }
    let plan_fits = |plan: &SafetyPlan| {
        Step::ALL
            .iter()
            .all(|&s| plan.text(s).chars().count() <= MAX_STEP_CHARS)
    };
    if !payload.safety_plan.as_ref().is_none_or(plan_fits) {
        return Err(BackupProblem::InvalidEntry);
    }
    Ok(Backup {
        entries: payload.entries,
        safety_plan: payload.safety_plan,
        checkins: payload.checkins,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntryId, Mood, PromptRef, Questionnaire};

    fn entry(id: &str, text: &str) -> Entry {
        Entry {
            id: EntryId::new(id).unwrap(),
            created_ms: 1_000,
            updated_ms: 2_000,
            prompt: Some(PromptRef {
                id: "p".into(),
                text: "A prompt".into(),
            }),
            text: text.into(),
            mood: Mood::new(3),
        }
    }

    #[test]
    fn a_payload_round_trips_exactly() {
        let journal =
            Journal::from_entries([entry("a", "first"), entry("b", "<script>x</script>")]);
        let mut plan = SafetyPlan::default();
        plan.set_text(Step::Reasons, "my sister", 3);
        let restored = parse_backup_payload(&backup_payload(&journal, Some(&plan), &[])).unwrap();
        assert_eq!(Journal::from_entries(restored.entries), journal);
        assert_eq!(restored.safety_plan, Some(plan));
        let without = parse_backup_payload(&backup_payload(&journal, None, &[])).unwrap();
        assert_eq!(without.safety_plan, None);
        assert!(without.checkins.is_empty());
    }

    #[test]
    fn check_ins_round_trip_and_bad_ones_are_refused() {
        let journal = Journal::from_entries([entry("a", "first")]);
        let results = vec![
            CheckInResult::new(Questionnaire::Gad7, 1_700_000_000_000, &[Some(1); 7]).unwrap(),
            CheckInResult::new(Questionnaire::Who5, 1_700_100_000_000, &[Some(5); 5]).unwrap(),
        ];
        let text = backup_payload(&journal, None, &results);
        assert_eq!(parse_backup_payload(&text).unwrap().checkins, results);
        // An answer out of range (GAD-7 answers are 0-3) makes the file invalid.
        let tampered = text.replacen("[1,1,1,1,1,1,1]", "[1,1,1,1,1,1,9]", 1);
        assert_ne!(tampered, text);
        assert!(parse_backup_payload(&tampered).is_err());
    }

    #[test]
    fn other_documents_are_refused() {
        for text in [
            "",
            "null",
            "[]",
            r#"{"format":"interlude-journal","version":1,"entries":[]}"#,
        ] {
            assert_eq!(
                parse_backup_payload(text),
                Err(BackupProblem::NotABackup),
                "{text}"
            );
        }
        assert_eq!(
            parse_backup_payload(r#"{"format":"interlude-backup","version":2,"entries":[]}"#),
            Err(BackupProblem::NewerVersion)
        );
    }

    #[test]
    fn invalid_entries_are_refused() {
        let mut bad = entry("a", "x");
        bad.updated_ms = 0;
        let journal = Journal::from_entries([bad]);
        assert_eq!(
            parse_backup_payload(&backup_payload(&journal, None, &[])),
            Err(BackupProblem::InvalidEntry)
        );
        let long = entry("b", &"x".repeat(MAX_TEXT_CHARS + 1));
        assert_eq!(
            parse_backup_payload(&backup_payload(&Journal::from_entries([long]), None, &[])),
            Err(BackupProblem::InvalidEntry)
        );
    }
}
