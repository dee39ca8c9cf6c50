//! The backup payload: every entry in its stored form, so a restore is
//! exact. Inside an encrypted backup file ([`crate::vault::EncryptedBackup`])
//! it is sealed; the readable export is [`super::json`].
//!
//! ```json
//! { "format": "interlude-backup", "version": 1, "interlude_version": "0.1.0",
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
//! `interlude_version` says which release wrote the file (files written
//! before it was added lack it); reading never depends on it, only on
//! `format` and `version`.
//!
//! The plain backup file ([`plain_backup`]) is the same document with
//! `exported_at`, `about` and, when some stored value could not be read,
//! `unreadable` (kept verbatim so no data is left behind; not restored).

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::Unreadable;
use crate::i18n::{key, tr};
use crate::model::safety_plan::{Step, MAX_STEP_CHARS};
use crate::model::time::UtcDateTime;
use crate::model::{CheckInResult, Entry, Journal, SafetyPlan, MAX_TEXT_CHARS};

/// Value of the payload's `format` field.
pub const PAYLOAD_FORMAT: &str = "interlude-backup";
/// The payload version this build writes and reads.
pub const PAYLOAD_VERSION: u32 = 1;
/// Largest backup file read, in bytes (checked before reading): ten years
/// of heavy daily writing, encrypted, is about a quarter of this.
pub const MAX_FILE_BYTES: f64 = 64.0 * 1024.0 * 1024.0;
/// Longest prompt id or text accepted from a backup (real ones are short).
const MAX_PROMPT_CHARS: usize = 1_000;
/// Most entries accepted from one backup: many decades of daily writing.
pub const MAX_ENTRIES: usize = 100_000;

/// Why a backup's contents could not be restored. Nothing is changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupProblem {
    /// Not a backup payload (or damaged).
    NotABackup,
    /// The readable export of entries ([`super::json`]), which has no
    /// exact stored form to restore from.
    ReadableExport,
    /// Says it is a backup, but its contents don't read as one (edited,
    /// damaged, or values out of range).
    Damaged,
    /// Made by a newer version of Interlude.
    NewerVersion,
    /// More entries than [`MAX_ENTRIES`].
    TooManyEntries,
    /// An entry is not valid (too long, or impossible dates).
    InvalidEntry,
    /// Two entries share an id, which no real backup does.
    DuplicateIds,
}

#[derive(Serialize)]
struct PayloadOut<'a> {
    format: &'static str,
    version: u32,
    interlude_version: &'static str,
    entries: &'a [Entry],
    #[serde(skip_serializing_if = "Option::is_none")]
    safety_plan: Option<&'a SafetyPlan>,
    #[serde(skip_serializing_if = "<[CheckInResult]>::is_empty")]
    checkins: &'a [CheckInResult],
}

#[derive(Serialize)]
struct PlainBackupOut<'a> {
    format: &'static str,
    version: u32,
    interlude_version: &'static str,
    exported_at: String,
    about: &'static str,
    entries: &'a [Entry],
    #[serde(skip_serializing_if = "Option::is_none")]
    safety_plan: Option<&'a SafetyPlan>,
    #[serde(skip_serializing_if = "<[CheckInResult]>::is_empty")]
    checkins: &'a [CheckInResult],
    #[serde(skip_serializing_if = "<[Unreadable]>::is_empty")]
    unreadable: &'a [Unreadable],
}

/// The `about` note for people who open the file (English; written in
/// the visitor's language).
const PLAIN_ABOUT: &str = key(
    "An Interlude backup, readable by anyone who opens this file. \
Made in the browser and sent nowhere. Restore it from Interlude's \"Past entries\".",
);

/// The payload with its entries left as raw JSON, to be read in steps.
#[derive(Deserialize)]
struct PayloadIn<'a> {
    format: String,
    version: u32,
    #[serde(borrow)]
    entries: Vec<&'a RawValue>,
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
    backup_payload_of(journal.entries(), safety_plan, checkins)
}

fn backup_payload_of(
    entries: &[Entry],
    safety_plan: Option<&SafetyPlan>,
    checkins: &[CheckInResult],
) -> String {
    serde_json::to_string(&PayloadOut {
        format: PAYLOAD_FORMAT,
        version: PAYLOAD_VERSION,
        interlude_version: crate::VERSION,
        entries,
        safety_plan: safety_plan.filter(|p| !p.is_empty()),
        checkins,
    })
    .unwrap_or_default()
}

/// The payload in pieces, as [`PlainBackupFrame`] is for the plain file:
/// `head`, then [`payload_entries`] for each run of the journal's entries
/// in order, then `tail` is exactly [`backup_payload`]. `None` if its
/// layout were not the expected one (then write it in one go).
pub fn payload_frame(
    safety_plan: Option<&SafetyPlan>,
    checkins: &[CheckInResult],
) -> Option<(String, String)> {
    let empty = backup_payload_of(&[], safety_plan, checkins);
    // The first one is the key: every later quote inside a value is escaped.
    const NO_ENTRIES: &str = "\"entries\":[]";
    let at = empty.find(NO_ENTRIES)? + NO_ENTRIES.len() - 1;
    Some((empty[..at].to_owned(), empty[at..].to_owned()))
}

/// A run of entries as they sit in the payload; `first` for the run that
/// starts the list.
pub fn payload_entries(entries: &[Entry], first: bool) -> String {
    let mut out = String::new();
    for (i, entry) in entries.iter().enumerate() {
        if !(first && i == 0) {
            out.push(',');
        }
        out.push_str(&serde_json::to_string(entry).unwrap_or_default());
    }
    out
}

/// The plain (unencrypted) backup file: the payload with when and what.
pub fn plain_backup(
    journal: &Journal,
    safety_plan: Option<&SafetyPlan>,
    checkins: &[CheckInResult],
    unreadable: &[Unreadable],
    exported_ms: i64,
) -> String {
    plain_backup_of(
        journal.entries(),
        safety_plan,
        checkins,
        unreadable,
        exported_ms,
    )
}

fn plain_backup_of(
    entries: &[Entry],
    safety_plan: Option<&SafetyPlan>,
    checkins: &[CheckInResult],
    unreadable: &[Unreadable],
    exported_ms: i64,
) -> String {
    serde_json::to_string_pretty(&PlainBackupOut {
        format: PAYLOAD_FORMAT,
        version: PAYLOAD_VERSION,
        interlude_version: crate::VERSION,
        exported_at: UtcDateTime::from_epoch_ms(exported_ms).iso8601(),
        about: tr(PLAIN_ABOUT),
        entries,
        safety_plan: safety_plan.filter(|p| !p.is_empty()),
        checkins,
        unreadable,
    })
    .unwrap_or_default()
}

/// The plain backup file in pieces, so years of entries can be written a
/// few hundred per task: [`Self::head`], then [`plain_backup_entries`] for
/// each run of the journal's entries in order, then [`Self::tail`].
/// Joined, they are exactly [`plain_backup`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlainBackupFrame {
    /// Everything before the first entry.
    pub head: String,
    /// Everything after the last entry.
    pub tail: String,
}

/// How an empty entries list is written at the top level of the file.
const NO_ENTRIES: &str = "\n  \"entries\": []";

impl PlainBackupFrame {
    /// The frame for a backup of `entry_count` entries with the rest as
    /// [`plain_backup`] takes it; `None` if the file's layout were not the
    /// expected one (then write it in one go).
    pub fn new(
        entry_count: usize,
        safety_plan: Option<&SafetyPlan>,
        checkins: &[CheckInResult],
        unreadable: &[Unreadable],
        exported_ms: i64,
    ) -> Option<PlainBackupFrame> {
        let empty = plain_backup_of(&[], safety_plan, checkins, unreadable, exported_ms);
        // The first one is the key: every later quote inside a value is escaped.
        let at = empty.find(NO_ENTRIES)?;
        let (before, after) = (&empty[..at], &empty[at + NO_ENTRIES.len()..]);
        let open = "\n  \"entries\": [";
        let close = if entry_count == 0 { "]" } else { "\n  ]" };
        Some(PlainBackupFrame {
            head: format!("{before}{open}"),
            tail: format!("{close}{after}"),
        })
    }
}

/// A run of entries as they sit in the plain backup file; `first` for the
/// run that starts the list.
pub fn plain_backup_entries(entries: &[Entry], first: bool) -> String {
    let mut out = String::new();
    for (i, entry) in entries.iter().enumerate() {
        out.push_str(if first && i == 0 { "\n    " } else { ",\n    " });
        // Pretty JSON never has a line break inside a string, so indenting
        // each line puts the entry at its depth in the file.
        let json = serde_json::to_string_pretty(entry).unwrap_or_default();
        out.push_str(&json.replace('\n', "\n    "));
    }
    out
}

/// What a payload (or a plain backup file) holds, checked, in one go.
pub fn parse_backup_payload(text: &str) -> Result<Backup, BackupProblem> {
    ReadingBackup::start(text)?.finish()
}

/// The first pass over a backup, in steps: finds where each entry's JSON
/// is, so the rest of the file (its header, check-ins, safety plan) can be
/// read on its own and the entries a few hundred at a time. Only strings
/// and brackets are followed here; every part is fully parsed later.
pub struct SplittingBackup<'a> {
    text: &'a str,
    /// Bytes looked at so far.
    at: usize,
    /// How many arrays and objects are open.
    depth: u32,
    in_string: bool,
    escaped: bool,
    /// In the top-level object, before a key.
    key_next: bool,
    /// Where the top-level key being read (or last read) starts.
    key_start: usize,
    /// The last top-level key was `"entries"`.
    after_entries_key: bool,
    /// Where the entries array opened, while it is open.
    entries_open: Option<usize>,
    /// Where the entry being passed over starts.
    entry_start: usize,
    /// The entries' spans, and the array's (brackets included) once closed.
    entries: Vec<(usize, usize)>,
    entries_array: Option<(usize, usize)>,
}

impl<'a> SplittingBackup<'a> {
    /// Starts the pass over `text`.
    pub fn new(text: &'a str) -> SplittingBackup<'a> {
        SplittingBackup {
            text,
            at: 0,
            depth: 0,
            in_string: false,
            escaped: false,
            key_next: false,
            key_start: 0,
            after_entries_key: false,
            entries_open: None,
            entry_start: 0,
            entries: Vec::new(),
            entries_array: None,
        }
    }

    /// Looks at up to `bytes` more bytes; false once the whole text is.
    pub fn go_on(&mut self, bytes: usize) -> bool {
        let text = self.text.as_bytes();
        let end = text.len().min(self.at.saturating_add(bytes));
        for i in self.at..end {
            let byte = text[i];
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                } else if byte == b'\\' {
                    self.escaped = true;
                } else if byte == b'"' {
                    self.in_string = false;
                    if self.depth == 1 && self.key_next {
                        self.key_next = false;
                        self.after_entries_key = &text[self.key_start..=i] == b"\"entries\"";
                    }
                }
                continue;
            }
            match byte {
                b'"' => {
                    self.in_string = true;
                    if self.depth == 1 && self.key_next {
                        self.key_start = i;
                    }
                }
                b'{' | b'[' => {
                    let opens_entries = byte == b'['
                        && self.depth == 1
                        && self.after_entries_key
                        && self.entries_array.is_none()
                        && self.entries_open.is_none();
                    if opens_entries {
                        self.entries_open = Some(i);
                        self.entry_start = i + 1;
                    }
                    self.depth += 1;
                    if self.depth == 1 {
                        self.key_next = byte == b'{';
                    }
                }
                b'}' | b']' => {
                    if self.depth == 2 && byte == b']' {
                        if let Some(open) = self.entries_open.take() {
                            let last = &text[self.entry_start..i];
                            // "[]": no entries; "[1,]": an empty last one.
                            if !self.entries.is_empty() || !last.trim_ascii().is_empty() {
                                self.entries.push((self.entry_start, i));
                            }
                            self.entries_array = Some((open, i + 1));
                        }
                    }
                    self.depth = self.depth.saturating_sub(1);
                }
                b',' if self.depth == 1 => self.key_next = true,
                b',' if self.depth == 2 && self.entries_open.is_some() => {
                    self.entries.push((self.entry_start, i));
                    self.entry_start = i + 1;
                }
                _ => {}
            }
        }
        self.at = end;
        end < text.len()
    }

    /// How far the pass has got, of how far it goes (bytes).
    pub fn progress(&self) -> (usize, usize) {
        (self.at, self.text.len())
    }

    /// Checks what the file is and reads everything but the entries.
    pub fn finish(mut self) -> Result<ReadingBackup<'a>, BackupProblem> {
        self.go_on(usize::MAX);
        let text = self.text;
        let Some((open, close)) = self.entries_array else {
            // No entries array found as expected: read the file as it is.
            return ReadingBackup::from_whole(text);
        };
        let rest = format!("{}[]{}", &text[..open], &text[close..]);
        let header = ReadingBackup::from_whole(&rest)?;
        if header.total > 0 {
            // Entries under a second (escaped) spelling of the key: read
            // the file as it is, which refuses a repeated field.
            return ReadingBackup::from_whole(text);
        }
        let raw_entries: Vec<&'a str> = self
            .entries
            .iter()
            .map(|&(from, to)| &text[from..to])
            .collect();
        if raw_entries.len() + header.checkins.len() > MAX_ENTRIES {
            return Err(BackupProblem::TooManyEntries);
        }
        Ok(ReadingBackup {
            total: raw_entries.len(),
            entries: Vec::with_capacity(raw_entries.len()),
            raw_entries: raw_entries.into_iter(),
            safety_plan: header.safety_plan,
            checkins: header.checkins,
        })
    }
}

/// A backup being read in steps, so that years of entries never hold the
/// page for long: [`SplittingBackup`] checks what the file is and splits
/// it (entries kept as raw JSON), [`Self::read_entries`] reads a few
/// hundred entries at a time, and [`Self::finish`] checks the whole.
pub struct ReadingBackup<'a> {
    raw_entries: std::vec::IntoIter<&'a str>,
    total: usize,
    entries: Vec<Entry>,
    safety_plan: Option<SafetyPlan>,
    checkins: Vec<CheckInResult>,
}

impl<'a> ReadingBackup<'a> {
    /// Checks the format and version and splits `text` into its parts, in
    /// one go.
    pub fn start(text: &'a str) -> Result<ReadingBackup<'a>, BackupProblem> {
        SplittingBackup::new(text).finish()
    }

    /// [`Self::start`] by parsing the whole text at once.
    fn from_whole(text: &'a str) -> Result<ReadingBackup<'a>, BackupProblem> {
        #[derive(Deserialize)]
        struct Header {
            format: String,
            version: u32,
        }
        let classify = |format: &str, version: u32| {
            if format == super::json::FORMAT {
                Err(BackupProblem::ReadableExport)
            } else if format != PAYLOAD_FORMAT {
                Err(BackupProblem::NotABackup)
            } else if version > PAYLOAD_VERSION {
                Err(BackupProblem::NewerVersion)
            } else {
                Ok(())
            }
        };
        let payload = match serde_json::from_str::<PayloadIn>(text) {
            Ok(payload) => payload,
            // Only when the whole does not read: say what the file is, if
            // its header tells.
            Err(_) => {
                let header: Header =
                    serde_json::from_str(text).map_err(|_| BackupProblem::NotABackup)?;
                classify(&header.format, header.version)?;
                return Err(BackupProblem::Damaged);
            }
        };
        classify(&payload.format, payload.version)?;
        if payload.entries.len() + payload.checkins.len() > MAX_ENTRIES {
            return Err(BackupProblem::TooManyEntries);
        }
        let raw_entries: Vec<&'a str> = payload.entries.into_iter().map(RawValue::get).collect();
        Ok(ReadingBackup {
            total: raw_entries.len(),
            entries: Vec::with_capacity(raw_entries.len()),
            raw_entries: raw_entries.into_iter(),
            safety_plan: payload.safety_plan,
            checkins: payload.checkins,
        })
    }

    /// How many entries the backup holds.
    pub fn total(&self) -> usize {
        self.total
    }

    /// How many entries have been read so far.
    pub fn done(&self) -> usize {
        self.entries.len()
    }

    /// Reads up to `count` more entries.
    pub fn read_entries(&mut self, count: usize) -> Result<(), BackupProblem> {
        for raw in self.raw_entries.by_ref().take(count) {
            let entry = serde_json::from_str(raw).map_err(|_| BackupProblem::Damaged)?;
            self.entries.push(entry);
        }
        Ok(())
    }

    /// Checks everything once every entry has been read.
    pub fn finish(mut self) -> Result<Backup, BackupProblem> {
        self.read_entries(usize::MAX)?;
        let payload = Backup {
            entries: self.entries,
            safety_plan: self.safety_plan,
            checkins: self.checkins,
        };
        let valid = |e: &Entry| {
            e.text.chars().count() <= MAX_TEXT_CHARS
            && e.prompt.as_ref().is_none_or(|p| {
                p.id.chars().count() <= MAX_PROMPT_CHARS
                    && p.text.chars().count() <= MAX_PROMPT_CHARS
            })
            && e.created_ms >= 0
            && e.updated_ms >= e.created_ms
            && e.updated_ms < 253_402_300_800_000 // before year 10000
            && e.has_valid_feelings()
            && e
                .thought_record
                .as_ref()
                .is_none_or(|r| r.problem().is_none())
        };
        if !payload.entries.iter().all(valid) {
            return Err(BackupProblem::InvalidEntry);
        }
        let mut ids = std::collections::HashSet::new();
        if !payload.entries.iter().all(|e| ids.insert(&e.id)) {
            return Err(BackupProblem::DuplicateIds);
        }
        let plan_fits = |plan: &SafetyPlan| {
            Step::ALL
                .iter()
                .all(|&s| plan.text(s).chars().count() <= MAX_STEP_CHARS)
        };
        if !payload.safety_plan.as_ref().is_none_or(plan_fits) {
            return Err(BackupProblem::InvalidEntry);
        }
        Ok(payload)
    }
}

impl BackupProblem {
    /// Why the file was not restored, for the visitor, in their language.
    pub fn message(&self) -> String {
        let message = match self {
            BackupProblem::NotABackup => tr("This file isn't an Interlude backup."),
            BackupProblem::ReadableExport => {
                tr("This is the readable export of your entries, which \
                can't be restored. Please choose a backup file instead.")
            }
            BackupProblem::Damaged => {
                tr("This backup has something in it that Interlude can't read \
                (it may have been edited or damaged), so it wasn't restored.")
            }
            BackupProblem::NewerVersion => {
                tr("This backup was made by a newer version of Interlude.")
            }
            BackupProblem::TooManyEntries => {
                tr("This backup holds more entries than Interlude can restore at once.")
            }
            BackupProblem::InvalidEntry => {
                tr("This backup has an entry that isn't valid, so it wasn't restored.")
            }
            BackupProblem::DuplicateIds => tr("This backup lists the same entry twice, so it may \
                have been altered. It wasn't restored."),
        };
        message.into()
    }
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
            energy: None,
            emotions: vec![],
            tags: vec![],
            thought_record: None,
        }
    }

    #[test]
    fn reading_in_steps_gives_what_reading_at_once_gives() {
        let journal =
            Journal::from_entries((0..7).map(|i| entry(&format!("e{i}"), &format!("entry {i}"))));
        let text = backup_payload(&journal, None, &[]);
        let mut reading = ReadingBackup::start(&text).unwrap();
        assert_eq!((reading.done(), reading.total()), (0, 7));
        reading.read_entries(3).unwrap();
        assert_eq!(reading.done(), 3);
        reading.read_entries(3).unwrap();
        reading.read_entries(3).unwrap();
        assert_eq!(reading.done(), 7);
        assert_eq!(reading.finish(), parse_backup_payload(&text));
        // An entry that does not read, late in the file, is found when its
        // step comes, and nothing is returned.
        let damaged = text.replacen("\"text\":\"entry 1\"", "\"text\":7", 1);
        let mut reading = ReadingBackup::start(&damaged).unwrap();
        reading.read_entries(3).unwrap();
        assert_eq!(reading.read_entries(3), Err(BackupProblem::Damaged));
        assert_eq!(parse_backup_payload(&damaged), Err(BackupProblem::Damaged));
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
    fn backups_say_which_release_wrote_them_and_older_ones_still_read() {
        let journal = Journal::from_entries([entry("a", "first")]);
        let field = format!("\"interlude_version\":\"{}\"", crate::VERSION);
        let payload = backup_payload(&journal, None, &[]);
        assert!(payload.starts_with(&format!(
            "{{\"format\":\"interlude-backup\",\"version\":1,{field},"
        )));
        let plain = plain_backup(&journal, None, &[], &[], 0);
        assert!(plain.contains(&format!(
            "\"version\": 1,\n  \"interlude_version\": \"{}\",",
            crate::VERSION
        )));
        // Written before the field existed: read exactly as before.
        let older = payload.replacen(&format!("{field},"), "", 1);
        assert!(!older.contains("interlude_version"));
        assert_eq!(parse_backup_payload(&older), parse_backup_payload(&payload));
        let older_plain = plain.replacen(
            &format!("\n  \"interlude_version\": \"{}\",", crate::VERSION),
            "",
            1,
        );
        assert!(!older_plain.contains("interlude_version"));
        assert_eq!(
            parse_backup_payload(&older_plain).unwrap().entries,
            journal.entries()
        );
        // A later release's files are read by `version`, not by this field.
        let later = payload.replacen(crate::VERSION, "9.9.9", 1);
        assert_eq!(parse_backup_payload(&later), parse_backup_payload(&payload));
        let later_format = later.replacen("\"version\":1", "\"version\":2", 1);
        assert_eq!(
            parse_backup_payload(&later_format),
            Err(BackupProblem::NewerVersion)
        );
    }

    #[test]
    fn other_documents_are_refused() {
        for text in [
            "",
            "null",
            "[]",
            r#"{"format":"interlude-journals","version":1,"entries":[]}"#,
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
        assert_eq!(
            parse_backup_payload(r#"{"format":"interlude-journal","version":1,"entries":[]}"#),
            Err(BackupProblem::ReadableExport)
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

    /// A valid payload with one entry, as text, for editing into hostile forms.
    fn one_entry_payload() -> String {
        backup_payload(&Journal::from_entries([entry("a", "x")]), None, &[])
    }

    #[test]
    fn hostile_and_broken_files_are_refused_with_a_specific_problem() {
        let valid = one_entry_payload();
        assert!(parse_backup_payload(&valid).is_ok());
        let truncated = &valid[..valid.len() / 2];
        let nested = format!(
            r#"{{"format":"interlude-backup","version":1,"entries":{}{}}}"#,
            "[".repeat(10_000),
            "]".repeat(10_000)
        );
        let cases: Vec<(String, BackupProblem)> = vec![
            (truncated.to_owned(), BackupProblem::NotABackup),
            ("not json at all".into(), BackupProblem::NotABackup),
            ("date,time,mood\r\n".into(), BackupProblem::NotABackup),
            (nested, BackupProblem::Damaged),
            (
                valid.replace("\"mood\":3", "\"mood\":9"),
                BackupProblem::Damaged,
            ),
            (
                valid.replace("\"mood\":3", "\"mood\":-1"),
                BackupProblem::Damaged,
            ),
            (
                valid.replace("\"id\":\"a\"", "\"id\":\"../../etc\""),
                BackupProblem::Damaged,
            ),
            (
                r#"{"format":"interlude-backup","version":1,"entries":{"a":1}}"#.into(),
                BackupProblem::Damaged,
            ),
            (
                valid.replace("\"created_ms\":1000", "\"created_ms\":-5"),
                BackupProblem::InvalidEntry,
            ),
            (
                valid.replace("\"updated_ms\":2000", "\"updated_ms\":253402300800001"),
                BackupProblem::InvalidEntry,
            ),
            (
                valid.replace(
                    "\"text\":\"A prompt\"",
                    &format!("\"text\":\"{}\"", "p".repeat(1_001)),
                ),
                BackupProblem::InvalidEntry,
            ),
            (
                valid.replace("\"version\":1", "\"version\":7"),
                BackupProblem::NewerVersion,
            ),
        ];
        for (text, problem) in cases {
            assert_ne!(text, valid, "the case did not change the file");
            assert_eq!(
                parse_backup_payload(&text),
                Err(problem),
                "{}",
                &text[..text.len().min(120)]
            );
        }
    }

    #[test]
    fn duplicate_ids_and_too_many_records_are_refused() {
        let valid = one_entry_payload();
        let start = valid.find("{\"id\"").unwrap();
        let end = valid.rfind(']').unwrap();
        let one = &valid[start..end];
        let twice = valid.replacen(one, &format!("{one},{one}"), 1);
        assert_eq!(
            parse_backup_payload(&twice),
            Err(BackupProblem::DuplicateIds)
        );
        let many: Vec<String> = (0..=MAX_ENTRIES)
            .map(|i| one.replacen("\"id\":\"a\"", &format!("\"id\":\"e{i}\""), 1))
            .collect();
        let text = valid.replacen(one, &many.join(","), 1);
        assert_eq!(
            parse_backup_payload(&text),
            Err(BackupProblem::TooManyEntries)
        );
    }

    #[test]
    fn the_plain_backup_restores_everything_and_keeps_script_like_text_as_text() {
        let journal = Journal::from_entries([
            entry("a", "<img src=x onerror=alert(1)>"),
            entry("b", "=HYPERLINK(\"x\")\n\u{202e}mixed ✓"),
        ]);
        let mut plan = SafetyPlan::default();
        plan.set_text(Step::Coping, "walk", 5);
        let results = [CheckInResult::new(Questionnaire::Phq9, 9, &[Some(0); 9]).unwrap()];
        let unreadable = [Unreadable {
            key: "interlude.v1.entry.z".into(),
            raw: "{broken".into(),
        }];
        let text = plain_backup(
            &journal,
            Some(&plan),
            &results,
            &unreadable,
            1_795_356_309_000,
        );
        assert!(text.contains("\"exported_at\": \"2026-11-22T14:05:09Z\""));
        assert!(text.contains("\"raw\": \"{broken\""));
        let restored = parse_backup_payload(&text).unwrap();
        assert_eq!(Journal::from_entries(restored.entries), journal);
        assert_eq!(restored.safety_plan, Some(plan));
        assert_eq!(restored.checkins, results);
    }

    // Native only, like the other property tests.
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::super::*;
        use crate::model::{Draft, DraftChange, Emotion, Energy, EntryId, Mood, PromptRef, Tag};
        use proptest::prelude::*;

        /// A safety plan whose first step says `text`, or an empty one.
        fn plan_saying(with_text: bool, text: &str) -> SafetyPlan {
            let mut plan = SafetyPlan::default();
            if with_text {
                plan.set_text(Step::WarningSigns, text, 5);
            }
            plan
        }

        fn one_checkin() -> [CheckInResult; 1] {
            [CheckInResult::new(crate::model::Questionnaire::Who5, 9, &[Some(3); 5]).unwrap()]
        }

        fn any_entry() -> impl Strategy<Value = Entry> {
            (
                "[A-Za-z0-9_-]{1,64}",
                0i64..253_402_300_799_000,
                0i64..1_000_000,
                proptest::option::of(("[a-z.-]{1,20}", "\\PC{0,80}")),
                "\\PC{0,300}",
                proptest::option::of(1u8..=5),
                (
                    proptest::option::of(1u8..=5),
                    proptest::collection::btree_set(0usize..24, 0..5),
                    proptest::collection::vec("[a-z][a-z ]{0,10}[a-z]", 0..4),
                ),
            )
                .prop_map(
                    |(id, created_ms, later, prompt, text, mood, (energy, emotions, tags))| {
                        let mut draft = Draft::default();
                        for i in emotions {
                            draft.apply(DraftChange::ToggleEmotion(Emotion::all().nth(i).unwrap()));
                        }
                        for t in tags {
                            draft.apply(DraftChange::ToggleTag(Tag::new(&t).unwrap()));
                        }
                        Entry {
                            id: EntryId::new(&id).unwrap(),
                            created_ms,
                            updated_ms: (created_ms + later).min(253_402_300_799_999),
                            prompt: prompt.map(|(id, text)| PromptRef { id, text }),
                            text,
                            mood: mood.and_then(Mood::new),
                            energy: energy.and_then(Energy::new),
                            emotions: draft.emotions,
                            tags: draft.tags,
                            thought_record: None,
                        }
                    },
                )
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]

            /// Export then import gives back the same journal, and importing
            /// it into that journal adds nothing.
            #[test]
            fn a_plain_backup_round_trips(entries in proptest::collection::vec(any_entry(), 0..20)) {
                let journal = Journal::from_entries(entries);
                let text = plain_backup(&journal, None, &[], &[], 0);
                let restored = parse_backup_payload(&text).unwrap();
                prop_assert_eq!(Journal::from_entries(restored.entries.clone()), journal.clone());
                let mut again = journal.clone();
                let merge = again.merge(restored.entries, || unreachable!());
                prop_assert_eq!(merge.added.len(), 0);
                prop_assert_eq!(again, journal);
            }

            /// Written in runs of any length, the file is exactly the one
            /// written at once.
            #[test]
            fn a_plain_backup_written_in_steps_is_the_same_file(
                entries in proptest::collection::vec(any_entry(), 0..12),
                run in 1usize..5,
                with_plan in any::<bool>(),
            ) {
                let journal = Journal::from_entries(entries);
                let plan = plan_saying(with_plan, "\"entries\": [] is just words here");
                let unreadable = [Unreadable {
                    key: "interlude.v1.entry.x".into(),
                    raw: "{\"entries\": []}".into(),
                }];
                let at_once = plain_backup(&journal, Some(&plan), &[], &unreadable, 7);
                let frame = PlainBackupFrame::new(journal.entries().len(), Some(&plan), &[], &unreadable, 7).unwrap();
                let mut in_steps = frame.head;
                for (i, chunk) in journal.entries().chunks(run).enumerate() {
                    in_steps.push_str(&plain_backup_entries(chunk, i == 0));
                }
                in_steps.push_str(&frame.tail);
                prop_assert_eq!(in_steps, at_once);
            }

            /// Split in steps of any size, a backup reads exactly as
            /// parsed whole, and so does any damaged copy of it: both
            /// refuse it, or both read the same.
            #[test]
            fn a_backup_split_in_steps_reads_as_one_parsed_whole(
                entries in proptest::collection::vec(any_entry(), 0..6),
                pretty in any::<bool>(),
                step in 1usize..64,
                damage in proptest::option::of((any::<usize>(), "[\\[\\]{}\",:\\\\ a1]{1,3}")),
            ) {
                let journal = Journal::from_entries(entries);
                let checkins = one_checkin();
                let mut text = if pretty {
                    plain_backup(&journal, None, &checkins, &[], 7)
                } else {
                    backup_payload(&journal, None, &checkins)
                };
                if let Some((at, inserted)) = damage {
                    let mut at = at % (text.len() + 1);
                    while !text.is_char_boundary(at) {
                        at -= 1;
                    }
                    text.insert_str(at, &inserted);
                }
                let mut split = SplittingBackup::new(&text);
                while split.go_on(step) {}
                let in_steps = split.finish().and_then(ReadingBackup::finish);
                let whole = ReadingBackup::from_whole(&text).and_then(ReadingBackup::finish);
                prop_assert_eq!(in_steps.is_ok(), whole.is_ok(), "{}", text);
                if let (Ok(in_steps), Ok(whole)) = (in_steps, whole) {
                    prop_assert_eq!(in_steps, whole);
                }
            }

            /// The encrypted backup's payload, written in runs of any
            /// length, is exactly the one written at once.
            #[test]
            fn a_payload_written_in_steps_is_the_same_text(
                entries in proptest::collection::vec(any_entry(), 0..12),
                run in 1usize..5,
                with_plan in any::<bool>(),
            ) {
                let journal = Journal::from_entries(entries);
                let plan = plan_saying(with_plan, "\"entries\":[] is just words here");
                let checkins = one_checkin();
                let at_once = backup_payload(&journal, Some(&plan), &checkins);
                let (head, tail) = payload_frame(Some(&plan), &checkins).unwrap();
                let mut in_steps = head;
                for (i, chunk) in journal.entries().chunks(run).enumerate() {
                    in_steps.push_str(&payload_entries(chunk, i == 0));
                }
                in_steps.push_str(&tail);
                prop_assert_eq!(in_steps, at_once);
            }

            /// Every entry comes back whole from the form storage keeps
            /// it in: packed, and packed and sealed.
            #[test]
            fn an_entry_round_trips_through_its_stored_forms(entry in any_entry(), seed in any::<u8>()) {
                let json = serde_json::to_string(&entry).unwrap();
                let unpacked = crate::packing::unpack(&crate::packing::pack(&json)).unwrap();
                prop_assert_eq!(serde_json::from_str::<Entry>(&unpacked).unwrap(), entry.clone());
                let key = crate::vault::DataKey::from_bytes([seed; 32]);
                let sealed = key.seal_packed("interlude.v1.entry.x", &json, [seed; 12]);
                let opened = key.open("interlude.v1.entry.x", &sealed).unwrap();
                prop_assert_eq!(serde_json::from_str::<Entry>(&opened).unwrap(), entry);
            }

            /// Every check-in result comes back whole from its packed form.
            #[test]
            fn a_check_in_round_trips_through_its_stored_form(
                taken_ms in 0i64..253_402_300_799_000,
                answers in proptest::collection::vec(0u8..=3, 9),
            ) {
                let answers: Vec<Option<u8>> = answers.into_iter().map(Some).collect();
                let result = CheckInResult::new(crate::model::Questionnaire::Phq9, taken_ms, &answers).unwrap();
                let json = serde_json::to_string(&result).unwrap();
                let unpacked = crate::packing::unpack(&crate::packing::pack(&json)).unwrap();
                prop_assert_eq!(serde_json::from_str::<CheckInResult>(&unpacked).unwrap(), result);
            }

            /// Any text at all is refused or accepted, never a panic.
            #[test]
            fn any_text_is_answered_without_panicking(text in "\\PC{0,400}") {
                let _ = parse_backup_payload(&text);
            }
        }
    }
}
