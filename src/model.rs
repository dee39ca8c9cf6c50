//! Plain data and every change a visitor can make to it.
//!
//! Nothing here touches the browser, Leptos or storage, so all of it is
//! tested natively with `cargo test`.

pub mod content_pack;
pub mod crisis;
pub mod crisis_language;
pub mod entry;
pub mod feelings;
pub mod journal;
pub mod lowercase;
pub mod mood;
pub mod prompts;
pub mod questionnaires;
pub mod quick_exit;
pub mod safety_plan;
pub mod search;
pub mod settings;
pub mod theme;
pub mod thought_record;
pub mod time;
pub mod trends;

pub use crisis::{CrisisLine, Region};
pub use entry::{Draft, DraftChange, DraftError, Entry, EntryId, PromptRef, MAX_TEXT_CHARS};
pub use feelings::{Emotion, Energy, Quadrant, Tag};
pub use journal::{Journal, Merge};
pub use mood::Mood;
pub use prompts::{Pack, Prompt, PACKS};
pub use questionnaires::{CheckInResult, Questionnaire};
pub use quick_exit::ShiftPresses;
pub use safety_plan::SafetyPlan;
pub use settings::{Settings, AUTO_LOCK_CHOICES};
pub use thought_record::ThoughtRecord;
