//! The journal's reactive state and the one place that persists it.
//!
//! Components read signals from [`Store`] and call its methods; only these
//! methods call the `storage` module, so every save, failure and notice is
//! decided here.

use leptos::prelude::*;

use crate::export::{self, Unreadable};
use crate::model::{Draft, DraftError, EntryId, Journal, Settings};
use crate::storage::{self, BrowserStorage, StorageError};

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
    /// An entry was deleted.
    Deleted,
    /// Deleting failed; the entry is still there.
    DeleteFailed(StorageError),
    /// Everything was deleted.
    DeletedEverything,
    /// The export was handed to the browser's download.
    Exported,
    /// The browser refused to start the download.
    ExportFailed,
}

impl Status {
    /// The words announced to the visitor.
    pub fn message(&self) -> String {
        match self {
            Status::Saved => "Saved in this browser. You can find it under Past entries.".into(),
            Status::SavedForThisVisit => {
                "Saved for this visit only: it will be gone when you close this window. \
                 Download your entries to keep them."
                    .into()
            }
            Status::NotReady(e) => e.message(),
            Status::SaveFailed(e) => format!(
                "{} Your writing is still here in the editor.",
                failure_message(e)
            ),
            Status::Deleted => "Entry deleted.".into(),
            Status::DeletedEverything => {
                "Everything Interlude kept in this browser has been deleted.".into()
            }
            Status::DeleteFailed(e) => {
                format!("{} The entry is still there.", failure_message(e))
            }
            Status::Exported => {
                "Your file is downloading. It stays on this device; nothing is sent anywhere."
                    .into()
            }
            Status::ExportFailed => {
                "Couldn't start the download. Your entries are safe here; please try again.".into()
            }
        }
    }

    /// True for outcomes the visitor should act on.
    pub fn is_problem(&self) -> bool {
        matches!(
            self,
            Status::NotReady(_)
                | Status::SaveFailed(_)
                | Status::DeleteFailed(_)
                | Status::ExportFailed
        )
    }
}

fn failure_message(error: &StorageError) -> String {
    match error {
        StorageError::QuotaExceeded => {
            "Couldn't save: this browser's storage for Interlude is full. \
            Download your entries to keep a copy, then delete some older ones to make room."
                .into()
        }
        StorageError::ReadOnly => "Couldn't save: this journal was last used with a newer version \
            of Interlude, so saving is paused to protect it."
            .into(),
        StorageError::Unavailable => {
            "Couldn't save: this browser is not letting Interlude store anything right now.".into()
        }
        StorageError::Browser(name) => {
            format!("Couldn't save: the browser reported a problem ({name}).")
        }
    }
}

/// The journal state shared by the views. `Copy`, so it moves into closures.
#[derive(Clone, Copy)]
pub struct Store {
    /// Saved entries.
    pub journal: RwSignal<Journal>,
    /// Preferences.
    pub settings: RwSignal<Settings>,
    /// What is being written.
    pub draft: RwSignal<Draft>,
    /// Stored records that could not be read (kept, and exported).
    pub unreadable: RwSignal<Vec<Unreadable>>,
    /// The latest outcome, announced in the live region.
    pub status: RwSignal<Option<Status>>,
    /// Why nothing is being kept, when storage is unavailable.
    pub storage_problem: RwSignal<Option<StorageError>>,
    backend: StoredValue<Option<BrowserStorage>, LocalStorage>,
}

impl Store {
    /// Opens storage and loads everything. When storage is unavailable the
    /// visitor gets an in-memory session and `storage_problem` says why.
    pub fn open() -> Store {
        let (backend, problem) = match BrowserStorage::open() {
            Ok(s) if s.is_read_only() => (Some(s), Some(StorageError::ReadOnly)),
            Ok(s) => (Some(s), None),
            Err(e) => (None, Some(e)),
        };
        let loaded = backend
            .as_ref()
            .map(BrowserStorage::load)
            .unwrap_or_default();
        Store {
            journal: RwSignal::new(loaded.journal),
            settings: RwSignal::new(loaded.settings),
            draft: RwSignal::new(loaded.draft.unwrap_or_default()),
            unreadable: RwSignal::new(loaded.unreadable),
            status: RwSignal::new(None),
            storage_problem: RwSignal::new(problem),
            backend: StoredValue::new_local(backend),
        }
    }

    /// Re-reads what another tab changed. The draft being written here is
    /// left alone.
    pub fn reload(&self) {
        let Some(loaded) = self
            .backend
            .with_value(|b| b.as_ref().map(BrowserStorage::load))
        else {
            return;
        };
        self.journal.set(loaded.journal);
        self.settings.set(loaded.settings);
        self.unreadable.set(loaded.unreadable);
    }

    /// Records that the visitor has read the first-run explanation.
    pub fn acknowledge_disclosure(&self) {
        self.settings.update(|s| s.acknowledge_disclosure(now_ms()));
        let settings = self.settings.get_untracked();
        // If this fails the visitor simply sees the explanation again next
        // time; the storage notice already explains why.
        self.with_backend(|b| b.save_settings(&settings));
    }

    /// Changes the draft and keeps a copy, so a reload loses nothing.
    pub fn edit_draft(&self, change: impl FnOnce(&mut Draft)) {
        self.draft.update(change);
        let draft = self.draft.get_untracked();
        self.with_backend(|b| b.save_draft(&draft));
    }

    /// Saves the draft as a new entry. On failure the draft stays as it is.
    pub fn save_draft(&self) {
        let draft = self.draft.get_untracked();
        let entry = match draft.to_entry(new_entry_id(), now_ms()) {
            Ok(entry) => entry,
            Err(e) => return self.status.set(Some(Status::NotReady(e))),
        };
        let outcome = self.with_backend(|b| b.save_entry(&entry));
        let status = match outcome {
            Some(Err(e)) => return self.status.set(Some(Status::SaveFailed(e))),
            Some(Ok(())) => Status::Saved,
            None => Status::SavedForThisVisit,
        };
        self.journal.update(|j| j.upsert(entry));
        self.edit_draft(|d| *d = Draft::default());
        self.status.set(Some(status));
        if self.journal.with_untracked(Journal::len) == 1 {
            storage::request_persistence();
        }
    }

    /// Deletes one entry.
    pub fn delete_entry(&self, id: &EntryId) {
        if let Some(Err(e)) = self.with_backend(|b| b.delete_entry(id)) {
            return self.status.set(Some(Status::DeleteFailed(e)));
        }
        self.journal.update(|j| {
            j.remove(id);
        });
        self.status.set(Some(Status::Deleted));
    }

    /// Deletes everything Interlude keeps in this browser and starts afresh
    /// (the first-run explanation shows again).
    pub fn delete_everything(&self) {
        if let Some(Err(e)) = self.with_backend(|b| b.delete_all()) {
            return self.status.set(Some(Status::DeleteFailed(e)));
        }
        // Reopen: a journal that was read-only (newer version) is gone now,
        // and the fresh layout marker is written.
        if self.backend.with_value(Option::is_some) {
            let reopened = BrowserStorage::open();
            self.storage_problem.set(reopened.as_ref().err().cloned());
            self.backend.set_value(reopened.ok());
        }
        self.journal.set(Journal::default());
        self.settings.set(Settings::default());
        self.draft.set(Draft::default());
        self.unreadable.set(Vec::new());
        self.status.set(Some(Status::DeletedEverything));
    }

    /// The JSON export as `(file name, contents)`.
    pub fn export_json(&self) -> (String, String) {
        let now = now_ms();
        let json = self.journal.with_untracked(|j| {
            self.unreadable
                .with_untracked(|u| export::journal_json(j, u, now))
        });
        (export::file_name(now, "json"), json)
    }

    /// Runs `write` against storage; `None` in an in-memory session.
    fn with_backend<T>(
        &self,
        write: impl FnOnce(&BrowserStorage) -> Result<T, StorageError>,
    ) -> Option<Result<T, StorageError>> {
        self.backend.with_value(|b| b.as_ref().map(write))
    }
}

/// Milliseconds since the Unix epoch, from the browser clock.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// A random 128-bit id in hex, from the browser's CSPRNG.
fn new_entry_id() -> EntryId {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok())
        .unwrap_or(false);
    if !filled {
        // Every browser Interlude supports has WebCrypto; this only keeps
        // ids unique if one does not.
        for chunk in bytes.chunks_mut(4) {
            let n = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
            chunk.copy_from_slice(&n.to_le_bytes());
        }
    }
    EntryId::from_bytes(bytes)
}
