//! The journal's reactive state and every action on it: the one place that
//! persists.
//!
//! Views read the store's signals and call its methods; only these methods
//! call the `storage` module, so every save, failure and notice is decided
//! here. One type, [`Store`], its `impl` spread over a file per concern:
//!
//! * `open`: opening the journal, reading it in slices, another tab's changes;
//! * `journal`: writing, saving, editing, deleting, undo, check-ins, the safety plan;
//! * `lock`: the passphrase lock;
//! * `files`: exports and backups to download;
//! * `restore`: restoring backups and importing other apps' exports;
//! * `settings`: the visitor's preferences;
//! * `status`: what the visitor is told afterwards;
//! * `slices`: how long work is split into short tasks.

mod files;
mod journal;
mod lock;
mod open;
mod restore;
mod settings;
mod slices;
mod status;

/// Why storage could not do what was asked (with the message a visitor
/// reads), as the store reports it.
pub use crate::storage::StorageError;
pub use journal::SupportOffer;
pub use lock::{Access, LockError};
pub use restore::open_backup_in_steps;
pub use settings::remember_clinic;
pub use slices::{for_a_while, next_task, Latest, Ticket};
pub use status::{nothing_changed, Progress, Status, IMPORTING, RESTORING};

use slices::{file_part, records_for_a_while, write_in_steps};

use leptos::prelude::*;

use crate::export::Unreadable;
use crate::model::{CheckInResult, Draft, EntryId, Journal, SafetyPlan, Settings};
use crate::storage::BrowserStorage;
use crate::webcrypto;

/// The journal state shared by the views. `Copy`, so it moves into closures.
#[derive(Clone, Copy)]
pub struct Store {
    /// Saved entries.
    journal: RwSignal<Journal>,
    /// Preferences.
    settings: RwSignal<Settings>,
    /// What is being written.
    draft: RwSignal<Draft>,
    /// Stored records that could not be read (kept, and exported).
    unreadable: RwSignal<Vec<Unreadable>>,
    /// The latest outcome, announced in the live region.
    status: RwSignal<Option<Status>>,
    /// Why nothing is being kept, when storage is unavailable.
    storage_problem: RwSignal<Option<StorageError>>,
    /// The safety plan (empty until the visitor writes in it).
    safety_plan: RwSignal<SafetyPlan>,
    /// Completed standardised check-ins, oldest first.
    checkins: RwSignal<Vec<CheckInResult>>,
    /// Whether a passphrase lock is set, and whether it is open.
    access: RwSignal<Access>,
    /// Set when a lock record exists that cannot be used.
    lock_unusable: RwSignal<bool>,
    /// How far a long restore or import has got, while one runs.
    progress: RwSignal<Option<Progress>>,
    /// The one-time offer of support after an entry with clear self-harm
    /// language. In memory only: never stored, never sent.
    support_offer: RwSignal<SupportOffer>,
    /// While the entries and check-ins are still being read after the
    /// journal opened: how many are read, of how many.
    reading: RwSignal<Option<(usize, usize)>>,
    /// The reading in steps under way: a newer one, or what it would show
    /// being replaced or removed, makes it stop.
    reading_run: Latest,
    backend: StoredValue<Option<BrowserStorage>, LocalStorage>,
    /// A draft that could not be saved when the journal locked, held in
    /// memory (never in the page) until it is unlocked again.
    held_draft: StoredValue<Option<Draft>, LocalStorage>,
}

impl Store {
    /// Saved entries.
    pub fn journal(&self) -> ReadSignal<Journal> {
        self.journal.read_only()
    }

    /// Preferences.
    pub fn settings(&self) -> ReadSignal<Settings> {
        self.settings.read_only()
    }

    /// What is being written.
    pub fn draft(&self) -> ReadSignal<Draft> {
        self.draft.read_only()
    }

    /// Stored records that could not be read (kept, and exported).
    pub fn unreadable(&self) -> ReadSignal<Vec<Unreadable>> {
        self.unreadable.read_only()
    }

    /// The latest outcome, announced in the live region.
    pub fn status(&self) -> ReadSignal<Option<Status>> {
        self.status.read_only()
    }

    /// Why nothing is being kept, when storage is unavailable.
    pub fn storage_problem(&self) -> ReadSignal<Option<StorageError>> {
        self.storage_problem.read_only()
    }

    /// The safety plan (empty until the visitor writes in it).
    pub fn safety_plan(&self) -> ReadSignal<SafetyPlan> {
        self.safety_plan.read_only()
    }

    /// Completed standardised check-ins, oldest first.
    pub fn checkins(&self) -> ReadSignal<Vec<CheckInResult>> {
        self.checkins.read_only()
    }

    /// Whether a passphrase lock is set, and whether it is open.
    pub fn access(&self) -> ReadSignal<Access> {
        self.access.read_only()
    }

    /// True when a lock record exists that cannot be used.
    pub fn lock_unusable(&self) -> ReadSignal<bool> {
        self.lock_unusable.read_only()
    }

    /// How far a long restore or import has got, while one runs.
    pub fn progress(&self) -> ReadSignal<Option<Progress>> {
        self.progress.read_only()
    }

    /// Where the one-time support offer after crisis words stands.
    pub fn support_offer(&self) -> ReadSignal<SupportOffer> {
        self.support_offer.read_only()
    }

    /// While the journal is still being read: how many records are read, of how many.
    pub fn reading(&self) -> ReadSignal<Option<(usize, usize)>> {
        self.reading.read_only()
    }
}

impl Store {
    /// Runs `write` against storage. On failure the status says so (made
    /// by `failed`, e.g. `Status::SaveFailed`) and false comes back; true
    /// when written, or in an in-memory session.
    fn wrote<T>(
        &self,
        write: impl FnOnce(&BrowserStorage) -> Result<T, StorageError>,
        failed: fn(StorageError) -> Status,
    ) -> bool {
        match self.with_backend(write) {
            Some(Err(e)) => {
                self.status.set(Some(failed(e)));
                false
            }
            _ => true,
        }
    }

    /// Runs `write` against storage; `None` in an in-memory session.
    fn with_backend<T>(
        &self,
        write: impl FnOnce(&BrowserStorage) -> Result<T, StorageError>,
    ) -> Option<Result<T, StorageError>> {
        self.backend.with_value(|b| b.as_ref().map(write))
    }
}

fn sorted(mut checkins: Vec<CheckInResult>) -> Vec<CheckInResult> {
    checkins.sort_by_key(CheckInResult::taken_ms);
    checkins
}

/// Milliseconds since the Unix epoch, from the browser clock.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// A random 128-bit id in hex, from the browser's CSPRNG.
fn new_entry_id() -> EntryId {
    let random = webcrypto::random_bytes::<16>();
    let filled = random.is_ok();
    let mut bytes = random.unwrap_or_default();
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
