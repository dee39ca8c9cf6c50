//! One saved reflection, and the draft it is written in.

use serde::{Deserialize, Serialize};

use super::feelings::{Emotion, Energy, Tag, MAX_TAGS};
use super::mood::Mood;
use super::prompts;
use super::thought_record::{RecordProblem, ThoughtRecord};
use crate::i18n::{self, tr, trf};

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
    /// Energy logged with it, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub energy: Option<Energy>,
    /// Emotion words chosen, in vocabulary order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emotions: Vec<Emotion>,
    /// Tags, in the order they were added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
    /// A CBT thought record, when the entry is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thought_record: Option<ThoughtRecord>,
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
    /// Energy picked so far.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub energy: Option<Energy>,
    /// Emotion words picked so far, in vocabulary order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emotions: Vec<Emotion>,
    /// Tags added so far.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
    /// A thought record in progress, when the visitor chose one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thought_record: Option<ThoughtRecord>,
}

/// One change a visitor makes while writing or editing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftChange {
    /// Chose a prompt, or free writing.
    Prompt(Option<String>),
    /// Typed.
    Text(String),
    /// Picked or cleared the mood.
    Mood(Option<Mood>),
    /// Picked or cleared the energy.
    Energy(Option<Energy>),
    /// Ticked or unticked an emotion word.
    ToggleEmotion(Emotion),
    /// Ticked or unticked a tag (a new tag is added at the end; nothing
    /// is added past [`MAX_TAGS`]).
    ToggleTag(Tag),
    /// Started, changed or left a thought record.
    ThoughtRecord(Option<ThoughtRecord>),
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
    /// The thought record cannot be kept as it is.
    Record(RecordProblem),
}

impl DraftError {
    /// A calm sentence for the visitor.
    pub fn message(&self) -> String {
        match self {
            DraftError::Empty => tr("Write something or pick a mood first, then save.").into(),
            DraftError::TooLong { chars } => trf(
                "This reflection is {chars} characters long, more than the {max} that fit in one \
                 entry. Nothing has been removed: you could split it into two entries.",
                &[
                    ("chars", &i18n::number(*chars as u64)),
                    ("max", &i18n::number(MAX_TEXT_CHARS as u64)),
                ],
            ),
            DraftError::Record(problem) => problem.message(),
        }
    }
}

impl Draft {
    /// True when there is nothing worth keeping.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
            && self.mood.is_none()
            && self.energy.is_none()
            && self.emotions.is_empty()
            && self.tags.is_empty()
            && self
                .thought_record
                .as_ref()
                .is_none_or(ThoughtRecord::is_empty)
    }

    /// Makes one change.
    pub fn apply(&mut self, change: DraftChange) {
        match change {
            DraftChange::Prompt(id) => self.prompt_id = id,
            DraftChange::Text(text) => self.text = text,
            DraftChange::Mood(mood) => self.mood = mood,
            DraftChange::Energy(energy) => self.energy = energy,
            DraftChange::ToggleEmotion(emotion) => match self.emotions.binary_search(&emotion) {
                Ok(pos) => {
                    self.emotions.remove(pos);
                }
                Err(pos) => self.emotions.insert(pos, emotion),
            },
            DraftChange::ToggleTag(tag) => match self.tags.iter().position(|t| t == &tag) {
                Some(pos) => {
                    self.tags.remove(pos);
                }
                None if self.tags.len() < MAX_TAGS => self.tags.push(tag),
                None => {}
            },
            DraftChange::ThoughtRecord(record) => self.thought_record = record,
        }
    }

    /// Checks the draft can become an entry; returns its text tidied.
    fn checked_text(&self) -> Result<String, DraftError> {
        if self.is_empty() {
            return Err(DraftError::Empty);
        }
        let chars = self.text.chars().count();
        if chars > MAX_TEXT_CHARS {
            return Err(DraftError::TooLong { chars });
        }
        // Checked as it will be kept: rows left without a feeling's name go.
        if let Some(problem) = self.kept_record().as_ref().and_then(ThoughtRecord::problem) {
            return Err(DraftError::Record(problem));
        }
        Ok(self
            .text
            .trim_matches(|c| c == '\n' || c == '\r')
            .to_owned())
    }

    /// Turns the draft into a new entry with the given id and time.
    ///
    /// The text is kept exactly as written (no trimming inside it), except
    /// that leading and trailing blank lines are dropped.
    pub fn to_entry(&self, id: EntryId, now_ms: i64) -> Result<Entry, DraftError> {
        let text = self.checked_text()?;
        let prompt = self
            .prompt_id
            .as_deref()
            .and_then(prompts::find)
            .map(|p| PromptRef {
                id: p.id.to_owned(),
                text: p.text().to_owned(),
            });
        Ok(Entry {
            id,
            created_ms: now_ms,
            updated_ms: now_ms,
            prompt,
            text,
            mood: self.mood,
            energy: self.energy,
            emotions: self.emotions.clone(),
            tags: self.tags.clone(),
            thought_record: self.kept_record(),
        })
    }

    /// The thought record as it will be kept; `None` when there is none
    /// or nothing is in it.
    fn kept_record(&self) -> Option<ThoughtRecord> {
        self.thought_record
            .as_ref()
            .filter(|r| !r.is_empty())
            .map(ThoughtRecord::tidied)
    }
}

impl Entry {
    /// The entry as a draft, to edit it.
    pub fn to_draft(&self) -> Draft {
        Draft {
            prompt_id: self.prompt.as_ref().map(|p| p.id.clone()),
            text: self.text.clone(),
            mood: self.mood,
            energy: self.energy,
            emotions: self.emotions.clone(),
            tags: self.tags.clone(),
            thought_record: self.thought_record.clone(),
        }
    }

    /// This entry changed as in `draft`: same id, first-saved time and
    /// prompt, with everything the visitor can edit taken from the draft.
    /// `updated_ms` moves forward even if the clock went back, so the
    /// edit wins over the stored copy.
    pub fn edited(&self, draft: &Draft, now_ms: i64) -> Result<Entry, DraftError> {
        let text = draft.checked_text()?;
        Ok(Entry {
            id: self.id.clone(),
            created_ms: self.created_ms,
            updated_ms: now_ms.max(self.updated_ms + 1),
            prompt: self.prompt.clone(),
            text,
            mood: draft.mood,
            energy: draft.energy,
            emotions: draft.emotions.clone(),
            tags: draft.tags.clone(),
            thought_record: draft.kept_record(),
        })
    }

    /// Everything the visitor wrote in it, for searching and for noticing
    /// crisis language: the text, then each part of a thought record.
    pub fn written_text(&self) -> String {
        let mut text = self.text.clone();
        for (_, part) in self.thought_record.iter().flat_map(ThoughtRecord::sections) {
            text.push('\n');
            text.push_str(&part);
        }
        text
    }

    /// True when emotions and tags are as the widget makes them: emotion
    /// words in vocabulary order without repeats, at most [`MAX_TAGS`]
    /// tags, none twice. (A backup edited by hand might break this.)
    pub fn has_valid_feelings(&self) -> bool {
        let tags: std::collections::BTreeSet<&Tag> = self.tags.iter().collect();
        self.emotions.windows(2).all(|w| w[0] < w[1])
            && self.tags.len() <= MAX_TAGS
            && tags.len() == self.tags.len()
    }

    /// The check-in parts that were logged, as (label, words) pairs for
    /// every place an entry is shown, in the visitor's language: "Mood" →
    /// "3 of 5, Okay", "Energy" → "2 of 5, Low", "Feelings" → "calm, tired",
    /// "Tags" → "sleep, work" (tags are the visitor's own words).
    pub fn check_in_details(&self) -> Vec<(&'static str, String)> {
        let out_of_five = |value: u8, label: &str| {
            trf(
                "{value} of 5, {label}",
                &[("value", &i18n::number(u64::from(value))), ("label", label)],
            )
        };
        let mut details = Vec::new();
        if let Some(mood) = self.mood {
            details.push((tr("Mood"), out_of_five(mood.value(), mood.label())));
        }
        if let Some(energy) = self.energy {
            details.push((tr("Energy"), out_of_five(energy.value(), energy.label())));
        }
        if !self.emotions.is_empty() {
            let words: Vec<&str> = self.emotions.iter().map(|e| e.label()).collect();
            details.push((tr("Feelings"), words.join(", ")));
        }
        if !self.tags.is_empty() {
            let tags: Vec<&str> = self.tags.iter().map(Tag::as_str).collect();
            details.push((tr("Tags"), tags.join(", ")));
        }
        details
    }

    /// Equal apart from the id.
    pub fn same_content(&self, other: &Entry) -> bool {
        Entry {
            id: other.id.clone(),
            ..self.clone()
        } == *other
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
            ..Draft::default()
        };
        let entry = draft.to_entry(id("a"), 1).unwrap();
        assert_eq!(entry.prompt.unwrap().text, prompt.text());
    }

    #[test]
    fn an_unknown_prompt_id_becomes_free_writing() {
        let draft = Draft {
            prompt_id: Some("no-such-prompt".into()),
            text: "hello".into(),
            ..Draft::default()
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
        assert_eq!(
            (entry.energy, entry.emotions, entry.tags),
            (None, vec![], vec![])
        );
    }

    #[test]
    fn an_entry_without_the_newer_fields_is_stored_as_before() {
        // Older builds read entries written by this one; the new fields
        // appear only when used.
        let entry = Draft {
            text: "x".into(),
            ..Draft::default()
        }
        .to_entry(id("a"), 1)
        .unwrap();
        assert_eq!(
            serde_json::to_string(&entry).unwrap(),
            r#"{"id":"a","created_ms":1,"updated_ms":1,"prompt":null,"text":"x","mood":null}"#
        );
    }

    fn tag(t: &str) -> Tag {
        Tag::new(t).unwrap()
    }

    #[test]
    fn every_change_does_what_it_says() {
        let mut draft = Draft::default();
        let sad = Emotion::new("sad").unwrap();
        let calm = Emotion::new("calm").unwrap();
        draft.apply(DraftChange::Text("hi".into()));
        draft.apply(DraftChange::Mood(Mood::new(2)));
        draft.apply(DraftChange::Energy(Energy::new(4)));
        draft.apply(DraftChange::ToggleEmotion(sad));
        draft.apply(DraftChange::ToggleEmotion(calm));
        draft.apply(DraftChange::ToggleTag(tag("sleep")));
        draft.apply(DraftChange::ToggleTag(tag("family")));
        draft.apply(DraftChange::Prompt(Some("p".into())));
        assert_eq!(draft.text, "hi");
        assert_eq!(draft.mood, Mood::new(2));
        assert_eq!(draft.energy, Energy::new(4));
        assert_eq!(draft.emotions, [calm, sad], "kept in vocabulary order");
        assert_eq!(draft.tags, [tag("sleep"), tag("family")]);
        assert_eq!(draft.prompt_id.as_deref(), Some("p"));
        draft.apply(DraftChange::ToggleEmotion(sad));
        draft.apply(DraftChange::ToggleTag(tag("sleep")));
        draft.apply(DraftChange::Energy(None));
        draft.apply(DraftChange::Mood(None));
        assert_eq!(draft.emotions, [calm]);
        assert_eq!(draft.tags, [tag("family")]);
        assert_eq!((draft.mood, draft.energy), (None, None));
    }

    #[test]
    fn no_more_than_the_tag_limit_is_added() {
        let mut draft = Draft::default();
        for n in 0..MAX_TAGS + 5 {
            draft.apply(DraftChange::ToggleTag(tag(&format!("t{n}"))));
        }
        assert_eq!(draft.tags.len(), MAX_TAGS);
    }

    #[test]
    fn a_check_in_with_only_feelings_can_be_saved() {
        let mut draft = Draft::default();
        draft.apply(DraftChange::ToggleEmotion(Emotion::new("tired").unwrap()));
        let entry = draft.to_entry(id("a"), 1).unwrap();
        assert_eq!(entry.emotions.len(), 1);
    }

    #[test]
    fn editing_keeps_the_id_time_and_prompt_and_moves_updated_forward() {
        let prompt = &crate::model::PACKS[0].prompts[0];
        let original = Draft {
            prompt_id: Some(prompt.id.into()),
            text: "first".into(),
            mood: Mood::new(3),
            ..Draft::default()
        }
        .to_entry(id("a"), 100)
        .unwrap();
        let mut draft = original.to_draft();
        assert_eq!(draft.prompt_id.as_deref(), Some(prompt.id));
        draft.apply(DraftChange::Text("second\n".into()));
        draft.apply(DraftChange::ToggleTag(tag("work")));
        // A clock that went backwards still gives a later version.
        let edited = original.edited(&draft, 50).unwrap();
        assert_eq!(edited.id, original.id);
        assert_eq!(edited.created_ms, 100);
        assert_eq!(edited.updated_ms, 101);
        assert_eq!(edited.prompt, original.prompt);
        assert_eq!(edited.text, "second");
        assert_eq!(edited.tags, [tag("work")]);
        assert_eq!(original.edited(&draft, 500).unwrap().updated_ms, 500);
    }

    #[test]
    fn editing_everything_away_is_refused() {
        let original = Draft {
            text: "first".into(),
            ..Draft::default()
        }
        .to_entry(id("a"), 1)
        .unwrap();
        assert_eq!(
            original.edited(&Draft::default(), 2),
            Err(DraftError::Empty)
        );
    }

    #[test]
    fn repeated_or_unordered_feelings_are_not_valid() {
        let mut entry = Draft {
            text: "x".into(),
            ..Draft::default()
        }
        .to_entry(id("a"), 1)
        .unwrap();
        assert!(entry.has_valid_feelings());
        entry.tags = vec![tag("a"), tag("a")];
        assert!(!entry.has_valid_feelings());
        entry.tags = (0..=MAX_TAGS).map(|n| tag(&format!("t{n}"))).collect();
        assert!(!entry.has_valid_feelings());
        entry.tags.clear();
        let (calm, sad) = (Emotion::new("calm").unwrap(), Emotion::new("sad").unwrap());
        entry.emotions = vec![sad, calm];
        assert!(!entry.has_valid_feelings());
        entry.emotions = vec![calm, calm];
        assert!(!entry.has_valid_feelings());
    }

    #[test]
    fn check_in_details_name_only_what_was_logged() {
        let mut draft = Draft {
            mood: Mood::new(3),
            ..Draft::default()
        };
        let entry = draft.to_entry(id("a"), 1).unwrap();
        assert_eq!(entry.check_in_details(), [("Mood", "3 of 5, Okay".into())]);
        draft.apply(DraftChange::Energy(Energy::new(2)));
        draft.apply(DraftChange::ToggleEmotion(Emotion::new("tired").unwrap()));
        draft.apply(DraftChange::ToggleEmotion(Emotion::new("calm").unwrap()));
        draft.apply(DraftChange::ToggleTag(tag("sleep")));
        draft.apply(DraftChange::ToggleTag(tag("work")));
        let entry = draft.to_entry(id("a"), 1).unwrap();
        assert_eq!(
            entry.check_in_details(),
            [
                ("Mood", "3 of 5, Okay".to_string()),
                ("Energy", "2 of 5, Low".into()),
                ("Feelings", "calm, tired".into()),
                ("Tags", "sleep, work".into()),
            ]
        );
    }

    #[test]
    fn a_thought_record_is_an_entry_of_its_own() {
        let mut draft = Draft::default();
        draft.apply(DraftChange::ThoughtRecord(Some(ThoughtRecord::default())));
        assert_eq!(draft.to_entry(id("a"), 1), Err(DraftError::Empty));
        let record = ThoughtRecord {
            thought: "\nNobody cares\n".into(),
            ..ThoughtRecord::default()
        };
        draft.apply(DraftChange::ThoughtRecord(Some(record)));
        let entry = draft.to_entry(id("a"), 1).unwrap();
        let kept = entry.thought_record.clone().unwrap();
        assert_eq!(kept.thought, "Nobody cares");
        assert_eq!(entry.written_text(), "\nNobody cares");
        assert_eq!(entry.to_draft().thought_record, Some(kept));
        // A feeling row left empty is dropped, not refused.
        let mut with_empty_row = draft.clone();
        with_empty_row
            .thought_record
            .as_mut()
            .unwrap()
            .feelings
            .push(Default::default());
        assert!(with_empty_row
            .to_entry(id("a"), 1)
            .unwrap()
            .thought_record
            .unwrap()
            .feelings
            .is_empty());
        let mut too_long = draft.clone();
        too_long.thought_record.as_mut().unwrap().balanced = "x".repeat(20_000);
        assert!(matches!(
            too_long.to_entry(id("a"), 1),
            Err(DraftError::Record(_))
        ));
    }

    #[test]
    fn same_content_ignores_only_the_id() {
        let a = Draft {
            text: "x".into(),
            ..Draft::default()
        }
        .to_entry(id("a"), 1)
        .unwrap();
        let mut b = a.clone();
        b.id = id("b");
        assert!(a.same_content(&b));
        b.tags.push(tag("work"));
        assert!(!a.same_content(&b));
    }
}
