//! What the visitor is told after something they did (the live status
//! line), how a long restore or import stands, and why a save failed.

use leptos::prelude::*;

use crate::i18n::{tr, trf, trn, trnf};
use crate::model::{CheckInResult, DraftError, Entry};
use crate::storage::StorageError;

use super::Store;

impl Store {
    /// Tells the visitor how something they did went (a download, a share,
    /// a file refused before reading): the status line says it.
    pub fn say(&self, status: Status) {
        self.status.set(Some(status));
    }

    /// Clears the status line: its outcome belongs to a view the visitor
    /// has left, or to writing they have moved on from.
    pub fn clear_status(&self) {
        self.status.set(None);
    }
}

/// A short message for the live region after something the visitor did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// The entry was saved in this browser.
    Saved,
    /// Saved, but only until the window closes (storage unavailable).
    SavedForThisVisit,
    /// The draft cannot be saved yet.
    NotReady(DraftError),
    /// Saving failed; the draft is still in the editor.
    SaveFailed(StorageError),
    /// An entry was deleted; it is kept here so "Undo" can put it back.
    Deleted(Box<Entry>),
    /// An entry was changed; its earlier version is kept for "Undo".
    Edited(Box<Entry>),
    /// A check-in result was deleted; kept here so "Undo" can put it back.
    CheckInDeleted(Box<CheckInResult>),
    /// "Undo" put things back as they were (English, made with `key`;
    /// shown translated).
    Undone(&'static str),
    /// Deleting failed; the entry is still there.
    DeleteFailed(StorageError),
    /// Everything was deleted.
    DeletedEverything,
    /// The export was handed to the browser's download.
    Exported,
    /// The browser refused to start the download.
    ExportFailed,
    /// A file was handed to the app the visitor chose.
    Shared,
    /// Sharing failed (the download still works).
    ShareFailed,
    /// A backup was restored.
    Restored {
        /// Entries added.
        added: usize,
        /// Entries that were already here.
        already_here: usize,
        /// Check-in results added (ones already here are skipped).
        checkins: usize,
        /// True when the backup's safety plan replaced this browser's.
        safety_plan: bool,
    },
    /// A backup could not be restored; nothing changed.
    RestoreFailed(String),
    /// Entries were imported from another app's export.
    Imported {
        /// Entries added.
        added: usize,
        /// Entries that were already here.
        already_here: usize,
        /// Entries whose mood label was not recognised (kept without a mood).
        unknown_moods: usize,
    },
    /// A passphrase action succeeded (its form may be gone by now). English,
    /// made with `key`; shown translated.
    LockChanged(&'static str),
}

impl Status {
    /// The words announced to the visitor.
    pub fn message(&self) -> String {
        match self {
            Status::Saved => {
                tr("Saved in this browser. You can find it under Past entries.").into()
            }
            Status::SavedForThisVisit => tr(
                "Saved for this visit only: it will be gone when you close this window. \
                 Download your entries to keep them.",
            )
            .into(),
            Status::NotReady(e) => e.message(),
            Status::SaveFailed(e) => trf(
                "{problem} Your writing is still here in the editor.",
                &[("problem", &e.message())],
            ),
            Status::Deleted(_) => tr("Entry deleted.").into(),
            Status::Edited(_) => tr("Changes saved.").into(),
            Status::CheckInDeleted(_) => tr("Check-in result deleted.").into(),
            Status::Undone(what) => tr(what).into(),
            Status::DeletedEverything => {
                tr("Everything Interlude kept in this browser has been deleted.").into()
            }
            Status::DeleteFailed(e) => trf(
                "{problem} The entry is still there.",
                &[("problem", &e.message())],
            ),
            Status::Exported => {
                tr("Your file is downloading. It stays on this device; nothing is sent anywhere.")
                    .into()
            }
            Status::Shared => tr(
                "Shared with the app you chose. From here that app decides where \
                the file goes.",
            )
            .into(),
            Status::ShareFailed => tr(
                "Couldn't share the file. You can download it instead; your entries are safe here.",
            )
            .into(),
            Status::ExportFailed => {
                tr("Couldn't start the download. Your entries are safe here; please try again.")
                    .into()
            }
            Status::Restored {
                added,
                already_here,
                checkins,
                safety_plan,
            } => {
                let mut parts = Vec::new();
                if *added > 0 {
                    parts.push(trn("{n} entry|{n} entries", *added as u64));
                }
                if *checkins > 0 {
                    parts.push(trn("{n} check-in|{n} check-ins", *checkins as u64));
                }
                if *safety_plan {
                    parts.push(tr("your safety plan").to_string());
                }
                // The list is one phrase in each language: its commas and
                // "and" come from the translation.
                let restored = match parts.as_slice() {
                    [] => return tr("Everything in this backup is already here.").into(),
                    [one] => one.clone(),
                    [first, second] => trf(
                        "{first} and {second}",
                        &[("first", first), ("second", second)],
                    ),
                    [first, second, third, ..] => trf(
                        "{first}, {second} and {third}",
                        &[("first", first), ("second", second), ("third", third)],
                    ),
                };
                match already_here {
                    0 => trf(
                        "Restored {restored} from the backup.",
                        &[("restored", &restored)],
                    ),
                    n => trnf(
                        "Restored {restored}. {n} entry was already here.|\
                         Restored {restored}. {n} entries were already here.",
                        *n as u64,
                        &[("restored", &restored)],
                    ),
                }
            }
            Status::RestoreFailed(why) => why.clone(),
            Status::Imported {
                added,
                already_here,
                unknown_moods,
            } => {
                // Separate sentences, each translated whole.
                let mut sentences = vec![match added {
                    0 => tr("Everything in this file is already here.").to_string(),
                    n => trn(
                        "Imported {n} entry from Daylio.|Imported {n} entries from Daylio.",
                        *n as u64,
                    ),
                }];
                if *added > 0 && *already_here > 0 {
                    sentences.push(trn(
                        "{n} was already here.|{n} were already here.",
                        *already_here as u64,
                    ));
                }
                if *unknown_moods > 0 {
                    sentences.push(trn(
                        "{n} mood had a name Interlude doesn't know, so that entry has no mood.|\
                         {n} moods had names Interlude doesn't know, so those entries have no mood.",
                        *unknown_moods as u64,
                    ));
                }
                sentences.join(" ")
            }
            Status::LockChanged(what) => tr(what).into(),
        }
    }

    /// True when "Undo" can reverse this outcome.
    pub fn can_undo(&self) -> bool {
        matches!(
            self,
            Status::Deleted(_) | Status::Edited(_) | Status::CheckInDeleted(_)
        )
    }

    /// True for outcomes the visitor should act on.
    pub fn is_problem(&self) -> bool {
        matches!(
            self,
            Status::NotReady(_)
                | Status::SaveFailed(_)
                | Status::DeleteFailed(_)
                | Status::ExportFailed
                | Status::ShareFailed
                | Status::RestoreFailed(_)
        )
    }
}

/// [`Progress::doing`] while a backup is restored.
pub const RESTORING: &str = "restoring";

/// [`Progress::doing`] while another app's export is imported.
pub const IMPORTING: &str = "importing";

/// A long restore or import under way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// [`RESTORING`] or [`IMPORTING`] (ids, not shown).
    pub doing: &'static str,
    /// True while the file is being read, false while entries are saved.
    pub reading: bool,
    /// Entries read or saved so far.
    pub done: usize,
    /// Entries to read or save in all.
    pub total: usize,
}

/// Why a restore or import failed, then that nothing changed.
pub fn nothing_changed(problem: &str) -> String {
    trf("{problem} Nothing was changed.", &[("problem", problem)])
}
