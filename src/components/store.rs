//! The journal's reactive state and the one place that persists it.
//!
//! Components read signals from [`Store`] and call its methods; only these
//! methods call the `storage` module, so every save, failure and notice is
//! decided here.

use leptos::prelude::*;

use crate::export::{self, BackupProblem, SplittingBackup, Unreadable};
use crate::i18n::{self, key, tr, trf, trn, trnf};
use crate::model::crisis_language;
use crate::model::safety_plan::{self, Step};
use crate::model::{
    CheckInResult, Draft, DraftError, Entry, EntryId, Journal, Merge, Mood, SafetyPlan, Settings,
};
use crate::storage::{self, BrowserStorage, Loaded, LockState, PendingLoad, StorageError};
use crate::vault::{self, DataKey, EncryptedBackup, KdfParams, LockRecord, VaultError};
use crate::webcrypto;

/// Whether the journal can be read right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// No passphrase is set.
    Open,
    /// A passphrase is set and this tab holds the key.
    Unlocked,
    /// A passphrase is set and the journal is closed: nothing of it is in
    /// the page.
    Locked,
}

/// Why a passphrase action did not happen. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockError {
    /// The passphrase did not open the journal (or the backup).
    WrongPassphrase,
    /// The new passphrase was not accepted.
    Passphrase(vault::PassphraseProblem),
    /// The lock record is damaged or from a newer version.
    Unusable,
    /// The browser offers no WebCrypto here.
    NoCrypto,
    /// Storage refused the change.
    Storage(StorageError),
    /// Everything was deleted while the lock was being turned on.
    Deleted,
}

impl LockError {
    /// What the visitor is told.
    pub fn message(&self) -> String {
        match self {
            LockError::WrongPassphrase => {
                tr("That passphrase didn't open it. Check for capital letters and try again.")
                    .into()
            }
            LockError::Passphrase(problem) => problem.message(),
            LockError::Unusable => tr("The lock information in this browser is damaged or was made by a newer version of Interlude, so the journal can't be opened here.")
                .into(),
            LockError::NoCrypto => tr("This browser can't do the encryption Interlude needs here. Nothing was changed.")
                .into(),
            LockError::Storage(e) => trf(
                "{problem} Nothing was changed.",
                &[("problem", &failure_message(e))],
            ),
            LockError::Deleted => {
                tr("Everything was deleted, so the lock was not turned on.").into()
            }
        }
    }
}

impl From<webcrypto::CryptoUnavailable> for LockError {
    fn from(_: webcrypto::CryptoUnavailable) -> Self {
        LockError::NoCrypto
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
                &[("problem", &failure_message(e))],
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
                &[("problem", &failure_message(e))],
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

fn failure_message(error: &StorageError) -> String {
    match error {
        StorageError::QuotaExceeded => tr(
            "Couldn't save: this browser's storage for Interlude is full. \
            Download your entries to keep a copy, then delete some older ones to make room.",
        )
        .into(),
        StorageError::ReadOnly => tr(
            "Couldn't save: this journal was last used with a newer version \
            of Interlude, so saving is paused to protect it.",
        )
        .into(),
        StorageError::Unavailable => {
            tr("Couldn't save: this browser is not letting Interlude store anything right now.")
                .into()
        }
        StorageError::Locked => tr(
            "Couldn't save: the journal was locked (perhaps in another tab). \
            Unlock it to continue.",
        )
        .into(),
        StorageError::Browser(name) => trf(
            "Couldn't save: the browser reported a problem ({name}).",
            &[("name", name)],
        ),
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

/// Entries (or rows) written per task when a file is made in steps: about
/// 10 ms of work at 1x CPU.
const EXPORT_STEP: usize = 1000;

/// Appends `write(run, first)` to `parts` for each run of [`EXPORT_STEP`]
/// items, one run per task.
async fn write_in_steps<T>(
    parts: &js_sys::Array,
    items: &[T],
    write: impl Fn(&[T], bool) -> String,
) {
    for (i, run) in items.chunks(EXPORT_STEP).enumerate() {
        if i > 0 {
            next_task().await;
        }
        parts.push(&file_part(&write(run, i == 0)));
    }
}

/// A part of a download as its UTF-8 bytes: as a JavaScript string it
/// would be decoded from UTF-8 here and encoded again by the `Blob`, which
/// for megabytes held the page in one task.
fn file_part(text: &str) -> js_sys::Uint8Array {
    js_sys::Uint8Array::from(text.as_bytes())
}

/// Runs `step` (sealing or opening the next `n` stored records; false
/// once all are) for about one slice of time; false once all are done.
fn records_for_a_while(
    mut step: impl FnMut(usize) -> Result<bool, StorageError>,
) -> Result<bool, StorageError> {
    /// Records between looks at the clock.
    const RECORDS: usize = 50;
    const SLICE_MS: f64 = 15.0;
    let mut failed = None;
    let more = for_a_while(SLICE_MS, || {
        step(RECORDS).unwrap_or_else(|error| {
            failed = Some(error);
            false
        })
    });
    failed.map_or(Ok(more), Err)
}

/// Runs `step` (a small piece of long work; false when none is left)
/// again and again for about `ms` milliseconds, so each task stays short.
/// False once the work is done.
pub fn for_a_while(ms: f64, mut step: impl FnMut() -> bool) -> bool {
    let start = js_sys::Date::now();
    while step() {
        if js_sys::Date::now() - start >= ms {
            return true;
        }
    }
    false
}

/// How many entries a restore or import added, and how many were here.
struct Added {
    added: usize,
    already_here: usize,
}

/// An encrypted backup's payload, or `None` when it is damaged. Years of
/// entries are megabytes: the base64 is decoded about a megabyte per task,
/// straight into the browser's memory, and WebCrypto opens the AES-GCM off
/// the page's thread.
pub async fn open_backup_in_steps(file: &EncryptedBackup, data_key: &DataKey) -> Option<String> {
    /// Base64 letters per task: whole 4-letter groups (a few ms each).
    const DECODE_STEP: usize = 1024 * 1024;
    /// The nonce's 12 bytes are exactly 16 letters, unpadded.
    const NONCE_LETTERS: usize = vault::NONCE_LEN / 3 * 4;
    let Some(encoded) = file.sealed_base64() else {
        // Another sealed form (never written for backups): read at once.
        return file.open_with_data_key(data_key).ok();
    };
    if !encoded.len().is_multiple_of(4) || encoded.len() <= NONCE_LETTERS {
        return None;
    }
    let (nonce, letters) = encoded.split_at(NONCE_LETTERS);
    let nonce: [u8; vault::NONCE_LEN] = vault::base64::decode(nonce)?.try_into().ok()?;
    let padding = letters.bytes().rev().take_while(|&c| c == b'=').count();
    if padding > 2 {
        return None;
    }
    let sealed = js_sys::Uint8Array::new_with_length((letters.len() / 4 * 3 - padding) as u32);
    let runs = letters.as_bytes().chunks(DECODE_STEP);
    let last = runs.len() - 1;
    let mut filled = 0;
    for (index, run) in runs.enumerate() {
        next_task().await;
        // Padding belongs only at the very end, as decoding it whole.
        if index < last && run.ends_with(b"=") {
            return None;
        }
        let bytes = vault::base64::decode(std::str::from_utf8(run).ok()?)?;
        let end = filled + bytes.len() as u32;
        sealed.subarray(filled, end).copy_from(&bytes);
        filled = end;
    }
    next_task().await;
    let plain =
        webcrypto::open_in_browser(data_key.to_bytes(), vault::BACKUP_LABEL, nonce, &sealed)
            .await
            .ok()?;
    // Handing the bytes over to WebCrypto took tens of milliseconds of this
    // task already; copying megabytes back in gets a task of its own.
    next_task().await;
    String::from_utf8(plain.to_vec()).ok()
}

/// Lets the browser run (paint, handle input) before going on.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        // A message to itself: a `setTimeout(0)` repeated from a timer
        // waits at least 4 ms each time, idling between steps.
        if let Ok(channel) = web_sys::MessageChannel::new() {
            channel.port1().set_onmessage(Some(&resolve));
            if channel
                .port2()
                .post_message(&wasm_bindgen::JsValue::NULL)
                .is_ok()
            {
                return;
            }
        }
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Where the one-time support offer stands in this visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SupportOffer {
    /// Not offered yet.
    NotYet,
    /// Showing now, below the editor.
    Showing,
    /// Offered and closed: not again in this visit.
    Done,
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
    /// The safety plan (empty until the visitor writes in it).
    pub safety_plan: RwSignal<SafetyPlan>,
    /// Completed standardised check-ins, oldest first.
    pub checkins: RwSignal<Vec<CheckInResult>>,
    /// Whether a passphrase lock is set, and whether it is open.
    pub access: RwSignal<Access>,
    /// Set when a lock record exists that cannot be used.
    pub lock_unusable: RwSignal<bool>,
    /// How far a long restore or import has got, while one runs.
    pub progress: RwSignal<Option<Progress>>,
    /// The one-time offer of support after an entry with clear self-harm
    /// language. In memory only: never stored, never sent.
    pub support_offer: RwSignal<SupportOffer>,
    /// While the entries and check-ins are still being read after the
    /// journal opened: how many are read, of how many.
    pub reading: RwSignal<Option<(usize, usize)>>,
    /// Changed whenever what is shown is replaced or removed, so a reading
    /// still under way knows to stop.
    load_generation: StoredValue<u32>,
    backend: StoredValue<Option<BrowserStorage>, LocalStorage>,
    /// A draft that could not be saved when the journal locked, held in
    /// memory (never in the page) until it is unlocked again.
    held_draft: StoredValue<Option<Draft>, LocalStorage>,
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
        let lock = backend
            .as_ref()
            .map_or(LockState::None, BrowserStorage::lock_state);
        let load = match (&lock, &backend) {
            (LockState::None, Some(b)) => Some(b.start_opening()),
            _ => None,
        };
        let store = Store {
            journal: RwSignal::new(Journal::default()),
            settings: RwSignal::new(Settings::default()),
            draft: RwSignal::new(Draft::default()),
            unreadable: RwSignal::new(Vec::new()),
            safety_plan: RwSignal::new(SafetyPlan::default()),
            checkins: RwSignal::new(Vec::new()),
            status: RwSignal::new(None),
            storage_problem: RwSignal::new(problem),
            access: RwSignal::new(match lock {
                LockState::None => Access::Open,
                _ => Access::Locked,
            }),
            lock_unusable: RwSignal::new(matches!(lock, LockState::Unusable(_))),
            support_offer: RwSignal::new(SupportOffer::NotYet),
            progress: RwSignal::new(None),
            reading: RwSignal::new(None),
            load_generation: StoredValue::new(0),
            backend: StoredValue::new_local(backend),
            held_draft: StoredValue::new_local(None),
        };
        if let Some(load) = load {
            store.open_in_steps(load, true);
        }
        store
    }

    /// Shows what `load` read first (settings, the draft, the safety plan),
    /// and the entries and check-ins as they are read: all at once when
    /// that is quick, else in steps after the widget shows, with
    /// [`Store::reading`] set meanwhile. Years of entries take a moment to
    /// read; writing can start straight away.
    fn open_in_steps(&self, mut load: PendingLoad, with_draft: bool) {
        let generation = self.load_generation.get_value().wrapping_add(1);
        self.load_generation.set_value(generation);
        let first = load.loaded();
        self.settings.set(first.settings.clone());
        self.safety_plan
            .set(first.safety_plan.clone().unwrap_or_default());
        if with_draft {
            let held = self.held_draft.try_update_value(Option::take).flatten();
            self.draft
                .set(held.or_else(|| first.draft.clone()).unwrap_or_default());
        }
        // A small journal is read before the first drawing, so it never
        // shows "Reading…"; a larger one after it, in steps, so that the
        // widget's first task (where opening it is) stays short.
        const READ_BEFORE_DRAWING: usize = 300;
        if load.progress().1 <= READ_BEFORE_DRAWING && !self.read_for_a_while(&mut load) {
            self.show_read(load);
            return;
        }
        self.reading.set(Some(load.progress()));
        let store = *self;
        leptos::task::spawn_local(async move {
            loop {
                next_task().await;
                if store.load_generation.get_value() != generation {
                    // Replaced (reloaded) or locked meanwhile.
                    return;
                }
                if !store.read_for_a_while(&mut load) {
                    break;
                }
                store.reading.set(Some(load.progress()));
            }
            // Sorting years of entries, then drawing them, are tasks of
            // their own: with the last slice of reading, they made one
            // long task.
            next_task().await;
            if store.load_generation.get_value() != generation {
                return;
            }
            store.take_read(load);
            next_task().await;
            if store.load_generation.get_value() == generation {
                store.show_taken();
            }
        });
    }

    /// Reads entries and check-ins for about one slice of time; false once
    /// all are read.
    fn read_for_a_while(&self, load: &mut PendingLoad) -> bool {
        /// Records between looks at the clock (about 2 ms at 1x CPU).
        const RECORDS: usize = 100;
        /// Short enough to keep each task well under 50 ms at 4x CPU.
        const SLICE_MS: f64 = 15.0;
        self.backend.with_value(|b| {
            b.as_ref()
                .is_some_and(|b| for_a_while(SLICE_MS, || b.continue_load(load, RECORDS)))
        })
    }

    /// Shows a finished reading.
    fn show_read(&self, load: PendingLoad) {
        self.take_read(load);
        self.show_taken();
    }

    /// Puts a finished reading in the journal without drawing it yet.
    /// Entries and check-ins saved while it ran are kept (they were
    /// written after it listed what to read).
    fn take_read(&self, load: PendingLoad) {
        let saved_meanwhile = self.journal.with_untracked(|j| j.entries().to_vec());
        let loaded = load.finish(saved_meanwhile);
        self.journal.update_untracked(|j| *j = loaded.journal);
        self.checkins.update_untracked(|checkins| {
            let meanwhile = std::mem::take(checkins);
            *checkins = sorted(loaded.checkins.into_iter().chain(meanwhile).collect());
        });
        self.unreadable.update_untracked(|u| *u = loaded.unreadable);
    }

    /// Draws what [`Self::take_read`] put in the journal.
    fn show_taken(&self) {
        self.journal.notify();
        self.checkins.notify();
        self.unreadable.notify();
        self.reading.set(None);
    }

    /// Re-reads what another tab changed, including a lock it set or
    /// removed. The draft being written here is left alone.
    pub fn reload(&self) {
        let Some((lock, read_only)) = self
            .backend
            .with_value(|b| b.as_ref().map(|b| (b.lock_state(), b.is_read_only())))
        else {
            return;
        };
        // A newer version opened in another tab: say so before a save fails.
        if read_only && self.storage_problem.get_untracked().is_none() {
            self.storage_problem.set(Some(StorageError::ReadOnly));
        }
        self.lock_unusable
            .set(matches!(lock, LockState::Unusable(_)));
        match (self.access.get_untracked(), lock) {
            (Access::Locked, LockState::Set(_) | LockState::Unusable(_)) => {}
            (Access::Open | Access::Unlocked, LockState::Set(_) | LockState::Unusable(_))
                if self
                    .backend
                    .with_value(|b| b.as_ref().is_some_and(BrowserStorage::is_locked)) =>
            {
                // Locked in another tab (a passphrase set or changed there).
                self.close_journal();
            }
            (_, LockState::None) => {
                // Removed in another tab: records are plain again.
                self.forget_key();
                let was_locked = self.access.get_untracked() == Access::Locked;
                self.access.set(Access::Open);
                self.apply(self.load(), was_locked);
            }
            _ => {
                let loaded = self.load();
                self.apply(loaded, false);
            }
        }
    }

    fn load(&self) -> Loaded {
        self.backend
            .with_value(|b| b.as_ref().map(BrowserStorage::load))
            .unwrap_or_default()
    }

    /// Shows what was loaded; the draft too when the journal was just opened.
    fn apply(&self, loaded: Loaded, with_draft: bool) {
        self.stop_reading();
        self.journal.set(loaded.journal);
        self.settings.set(loaded.settings);
        self.unreadable.set(loaded.unreadable);
        self.safety_plan.set(loaded.safety_plan.unwrap_or_default());
        self.checkins.set(sorted(loaded.checkins));
        if with_draft {
            let held = self.held_draft.try_update_value(Option::take).flatten();
            self.draft.set(held.or(loaded.draft).unwrap_or_default());
        }
    }

    /// Locks the journal when a passphrase is set and this tab holds the
    /// key. With no passphrase there is nothing to lock: a page hidden for
    /// a moment (another app on a phone) must not show a lock screen that
    /// no passphrase opens.
    pub fn lock_now(&self) {
        if self.access.get_untracked() == Access::Unlocked {
            self.close_journal();
        }
    }

    /// Closes the journal: forgets the key and removes everything read
    /// from the page. The draft is already stored sealed; if that last save
    /// failed it is held in memory and comes back on unlock.
    fn close_journal(&self) {
        let draft = self.draft.get_untracked();
        if !draft.is_empty() && !matches!(self.with_backend(|b| b.save_draft(&draft)), Some(Ok(())))
        {
            self.held_draft.set_value(Some(draft));
        }
        self.forget_key();
        self.clear_journal();
        self.status.set(None);
        self.access.set(Access::Locked);
    }

    /// Drops the data key this tab holds.
    fn forget_key(&self) {
        self.backend.update_value(|b| {
            if let Some(b) = b {
                b.lock();
            }
        });
    }

    /// Stops a reading in steps still under way: what it would show is
    /// being replaced or removed.
    fn stop_reading(&self) {
        self.load_generation
            .set_value(self.load_generation.get_value().wrapping_add(1));
        self.reading.set(None);
    }

    /// Removes everything read from storage from the page's state.
    fn clear_journal(&self) {
        self.stop_reading();
        self.journal.set(Journal::default());
        self.settings.set(Settings::default());
        self.draft.set(Draft::default());
        self.unreadable.set(Vec::new());
        self.safety_plan.set(SafetyPlan::default());
        self.checkins.set(Vec::new());
        // It speaks about what was written, so it goes too.
        if self.support_offer.get_untracked() == SupportOffer::Showing {
            self.support_offer.set(SupportOffer::Done);
        }
    }

    /// Opens a locked journal with its passphrase.
    pub async fn unlock(self, passphrase: String) -> Result<(), LockError> {
        let record = self.lock_record()?;
        let kek = webcrypto::derive_key(&passphrase, &record.kdf).await?;
        let data_key = record
            .unwrap_key(&kek)
            .map_err(|_| LockError::WrongPassphrase)?;
        if self.access.get_untracked() != Access::Locked {
            return Ok(());
        }
        self.backend.update_value(|b| {
            if let Some(b) = b {
                b.unlock(data_key);
            }
        });
        self.access.set(Access::Unlocked);
        if let Some(load) = self
            .backend
            .with_value(|b| b.as_ref().map(BrowserStorage::start_opening))
        {
            self.open_in_steps(load, true);
        }
        Ok(())
    }

    /// Sets a passphrase: from now on every record is stored encrypted.
    pub async fn set_passphrase(
        self,
        passphrase: String,
        confirmation: String,
    ) -> Result<(), LockError> {
        vault::check_new_passphrase(&passphrase, &confirmation).map_err(LockError::Passphrase)?;
        let params = KdfParams::new(webcrypto::random_bytes()?);
        let kek = webcrypto::derive_key(&passphrase, &params).await?;
        let data_key = DataKey::from_bytes(webcrypto::random_bytes()?);
        let record = LockRecord::wrap(params, &kek, &data_key, webcrypto::random_bytes()?);
        let mut lock = self
            .backend
            .try_update_value(|b| match b {
                Some(b) if b.is_locked() => Err(StorageError::Locked),
                Some(b) => b.start_lock(&record, data_key),
                None => Err(StorageError::Unavailable),
            })
            .unwrap_or(Err(StorageError::Unavailable))
            .map_err(LockError::Storage)?;
        // Every save is sealed from now on; what is stored already is
        // sealed a slice at a time (years of entries take a while).
        if let Err(error) = self.seal_in_steps(&mut lock).await {
            self.backend.update_value(|b| {
                if let Some(b) = b {
                    b.abandon_lock(lock);
                }
            });
            return Err(LockError::Storage(error));
        }
        // Everything deleted meanwhile: there is no lock to show as on.
        let lock_kept = self
            .backend
            .with_value(|b| b.as_ref().map(BrowserStorage::lock_state));
        if !matches!(lock_kept, Some(LockState::Set(_))) {
            return Err(LockError::Deleted);
        }
        // Locked meanwhile (quick exit): it stays locked, all sealed.
        if self.access.get_untracked() != Access::Locked {
            self.access.set(Access::Unlocked);
        }
        Ok(())
    }

    /// Seals the records `lock` covers, a slice of time per task.
    async fn seal_in_steps(self, lock: &mut storage::PendingLock) -> Result<(), StorageError> {
        loop {
            let sealed = self.with_backend(|b| records_for_a_while(|n| b.continue_lock(lock, n)));
            match sealed.unwrap_or(Err(StorageError::Unavailable)) {
                Ok(true) => next_task().await,
                Ok(false) => return Ok(()),
                Err(error) => return Err(error),
            }
        }
    }

    /// Replaces the passphrase (the current one is needed).
    pub async fn change_passphrase(
        self,
        current: String,
        passphrase: String,
        confirmation: String,
    ) -> Result<(), LockError> {
        vault::check_new_passphrase(&passphrase, &confirmation).map_err(LockError::Passphrase)?;
        let record = self.lock_record()?;
        let kek = webcrypto::derive_key(&current, &record.kdf).await?;
        let data_key = record
            .unwrap_key(&kek)
            .map_err(|_| LockError::WrongPassphrase)?;
        let params = KdfParams::new(webcrypto::random_bytes()?);
        let new_kek = webcrypto::derive_key(&passphrase, &params).await?;
        let new_record = LockRecord::wrap(params, &new_kek, &data_key, webcrypto::random_bytes()?);
        self.with_backend(|b| b.replace_lock(&new_record))
            .unwrap_or(Err(StorageError::Unavailable))
            .map_err(LockError::Storage)
    }

    /// Removes the passphrase (the current one is needed): records are
    /// stored plain again.
    pub async fn remove_passphrase(self, current: String) -> Result<(), LockError> {
        let record = self.lock_record()?;
        let kek = webcrypto::derive_key(&current, &record.kdf).await?;
        record
            .unwrap_key(&kek)
            .map_err(|_| LockError::WrongPassphrase)?;
        let mut removal = self
            .with_backend(BrowserStorage::start_removing_lock)
            .unwrap_or(Err(StorageError::Unavailable))
            .map_err(LockError::Storage)?;
        // Years of records are opened a slice at a time; the lock stays
        // set, and saves sealed, until the last step.
        loop {
            // Locked meanwhile: the newer wish wins; what was stored plain
            // is sealed again, and the lock stays.
            if self.access.get_untracked() == Access::Locked {
                // A failure here leaves plain records under the lock, which
                // the next unlock seals.
                let _ = self.seal_in_steps(&mut removal.undo()).await;
                return Err(LockError::Storage(StorageError::Locked));
            }
            let opened = self.with_backend(|b| {
                records_for_a_while(|n| b.continue_removing_lock(&mut removal, n))
            });
            match opened.unwrap_or(Err(StorageError::Unavailable)) {
                Ok(true) => next_task().await,
                Ok(false) => break,
                Err(error) => return Err(LockError::Storage(error)),
            }
        }
        self.backend
            .try_update_value(|b| match b {
                Some(b) => b.finish_removing_lock(removal),
                None => Err(StorageError::Unavailable),
            })
            .unwrap_or(Err(StorageError::Unavailable))
            .map_err(LockError::Storage)?;
        self.access.set(Access::Open);
        Ok(())
    }

    /// Changes one step of the safety plan and keeps it. The first change
    /// starts from step 5 filled in with the clinic and crisis lines.
    pub fn edit_safety_plan(&self, step: Step, text: &str) {
        self.safety_plan
            .update(|plan| plan.set_text(step, text, now_ms()));
        let plan = self.safety_plan.get_untracked();
        if let Some(Err(e)) = self.with_backend(|b| b.save_safety_plan(&plan)) {
            self.status.set(Some(Status::SaveFailed(e)));
        }
    }

    /// The plan to show: the saved one, or a new one whose step 5 lists
    /// the clinic and the region's crisis lines.
    pub fn safety_plan_or_start(&self, config: &crate::config::Config) -> SafetyPlan {
        let plan = self.safety_plan.get_untracked();
        if plan.updated_ms != 0 {
            return plan;
        }
        SafetyPlan::starting_with(safety_plan::professionals_to_start_with(
            &super::booking::clinic_name(config),
            config.booking.phone.as_deref(),
            config.crisis_region,
        ))
    }

    /// Keeps a completed check-in. Returns false (with the reason in the
    /// status) when it could not be saved.
    pub fn save_checkin(&self, result: CheckInResult) -> bool {
        if let Some(Err(e)) = self.with_backend(|b| b.save_checkin(&new_entry_id(), &result)) {
            self.status.set(Some(Status::SaveFailed(e)));
            return false;
        }
        self.checkins.update(|all| {
            all.push(result);
            all.sort_by_key(CheckInResult::taken_ms);
        });
        true
    }

    /// Notes that a copy of everything was just downloaded or shared.
    pub fn record_export(&self) {
        self.settings.update(|s| s.last_export_ms = Some(now_ms()));
        let settings = self.settings.get_untracked();
        self.with_backend(|b| b.save_settings(&settings));
    }

    /// "Not now" on the backup reminder: it stays away for a week.
    pub fn dismiss_export_reminder(&self) {
        self.settings
            .update(|s| s.export_reminder_dismissed_ms = Some(now_ms()));
        let settings = self.settings.get_untracked();
        self.with_backend(|b| b.save_settings(&settings));
    }

    /// "Not now" on the check-in reminder: it stays away for one interval.
    pub fn dismiss_checkin_reminder(&self) {
        self.settings
            .update(|s| s.checkin_reminder_dismissed_ms = Some(now_ms()));
        let settings = self.settings.get_untracked();
        self.with_backend(|b| b.save_settings(&settings));
    }

    /// Chooses the auto-lock time.
    pub fn set_auto_lock_minutes(&self, minutes: u32) {
        self.settings.update(|s| s.set_auto_lock_minutes(minutes));
        let settings = self.settings.get_untracked();
        if let Some(Err(e)) = self.with_backend(|b| b.save_settings(&settings)) {
            self.status.set(Some(Status::SaveFailed(e)));
        }
    }

    /// Keeps the visitor's choice of language for their next visit.
    pub fn choose_locale(&self, locale: crate::i18n::Locale) {
        self.settings.update(|s| s.choose_locale(locale));
        let settings = self.settings.get_untracked();
        if let Some(Err(e)) = self.with_backend(|b| b.save_settings(&settings)) {
            self.status.set(Some(Status::SaveFailed(e)));
        }
    }

    fn lock_record(&self) -> Result<LockRecord, LockError> {
        match self
            .backend
            .with_value(|b| b.as_ref().map(BrowserStorage::lock_state))
        {
            Some(LockState::Set(record)) => Ok(record),
            _ => Err(LockError::Unusable),
        }
    }

    /// An encrypted backup of every entry as `(file name, contents)`: it
    /// opens only with the current passphrase.
    pub fn export_encrypted_backup(&self) -> Option<(String, String)> {
        let now = now_ms();
        let payload = self.journal.with_untracked(|j| {
            self.safety_plan.with_untracked(|p| {
                self.checkins
                    .with_untracked(|c| export::backup_payload(j, Some(p), c))
            })
        });
        let backup = self.with_backend(|b| b.encrypted_backup(&payload))?.ok()?;
        let exported_at = crate::model::time::UtcDateTime::from_epoch_ms(now).iso8601();
        Some((
            export::file_name(now, "backup.json"),
            backup.to_json(&exported_at),
        ))
    }

    /// The encrypted backup file as parts for a download, so years of
    /// entries never hold the page: the payload is written a thousand
    /// entries per task, sealed by the browser off the page's thread, and
    /// its base64 written in runs. `None` when it cannot be made (locked,
    /// or no WebCrypto).
    pub async fn encrypted_backup_in_steps(self) -> Option<(String, js_sys::Array)> {
        /// Sealed bytes per task: whole 3-byte groups, so the runs of
        /// base64 join with no padding between them (about 5 ms each).
        const BASE64_STEP: usize = 3 * 256 * 1024;
        let now = now_ms();
        let (record, key) = self.with_backend(BrowserStorage::backup_key)?.ok()?;
        let nonce = webcrypto::random_bytes().ok()?;
        let exported_at = crate::model::time::UtcDateTime::from_epoch_ms(now).iso8601();
        let entries = self.journal.with_untracked(|j| j.entries().to_vec());
        let payload_frame = self.safety_plan.with_untracked(|p| {
            self.checkins
                .with_untracked(|c| export::payload_frame(Some(p), c))
        });
        let (Some((payload_head, payload_tail)), Some((file_head, file_tail))) = (
            payload_frame,
            EncryptedBackup::file_frame(&record, &exported_at),
        ) else {
            let (name, json) = self.export_encrypted_backup()?;
            return Some((name, js_sys::Array::of1(&json.into())));
        };
        // The payload is made in the page's memory, not the app's: the
        // app's memory never shrinks, and this is megabytes.
        let payload = js_sys::Array::of1(&file_part(&payload_head));
        write_in_steps(&payload, &entries, export::payload_entries).await;
        payload.push(&file_part(&payload_tail));
        drop(entries);
        // Locked meanwhile: nothing more is made (and the key copy goes).
        let locked = move || self.access.get_untracked() == Access::Locked;
        if locked() {
            return None;
        }
        let payload = web_sys::Blob::new_with_u8_array_sequence(&payload).ok()?;
        let payload = wasm_bindgen_futures::JsFuture::from(payload.array_buffer())
            .await
            .ok()?;
        let sealed = webcrypto::seal_in_browser(key, vault::BACKUP_LABEL, &payload.into(), nonce)
            .await
            .ok()?;
        if locked() {
            return None;
        }
        // The nonce is 12 bytes, whole 3-byte groups: its base64 joins the
        // ciphertext's with no padding between.
        let parts = js_sys::Array::of1(&file_part(&format!(
            "{file_head}{}{}",
            vault::SEALED_BACKUP_PREFIX,
            vault::base64::encode(&nonce)
        )));
        let mut run = vec![0; BASE64_STEP];
        let mut from = 0;
        while from < sealed.length() {
            next_task().await;
            if locked() {
                return None;
            }
            let to = sealed.length().min(from + BASE64_STEP as u32);
            let run = &mut run[..(to - from) as usize];
            sealed.subarray(from, to).copy_to(run);
            parts.push(&file_part(&vault::base64::encode(run)));
            from = to;
        }
        parts.push(&file_part(&file_tail));
        Some((export::file_name(now, "backup.json"), parts))
    }

    /// The plain backup file as parts for a download, written a thousand
    /// entries per task so that years of entries never hold the page. The
    /// entries are copied first: another tab saving meanwhile cannot make
    /// the file hold an entry twice (which no restore would accept).
    pub async fn plain_backup_in_steps(self) -> (String, js_sys::Array) {
        let now = now_ms();
        let name = export::file_name(now, "backup.json");
        let entries = self.journal.with_untracked(|j| j.entries().to_vec());
        let frame = self.safety_plan.with_untracked(|p| {
            self.checkins.with_untracked(|c| {
                self.unreadable.with_untracked(|u| {
                    export::PlainBackupFrame::new(entries.len(), Some(p), c, u, now)
                })
            })
        });
        let Some(frame) = frame else {
            let (name, json) = self.export_plain_backup();
            return (name, js_sys::Array::of1(&json.into()));
        };
        let parts = js_sys::Array::of1(&frame.head.into());
        write_in_steps(&parts, &entries, |run, first| {
            export::plain_backup_entries(run, first)
        })
        .await;
        parts.push(&frame.tail.into());
        (name, parts)
    }

    /// The moods file as parts for a download, a thousand rows per task.
    pub async fn moods_csv_in_steps(self) -> js_sys::Array {
        let rows: Vec<Entry> = self.journal.with_untracked(|j| {
            export::csv::mood_rows(j.entries())
                .into_iter()
                .cloned()
                .collect()
        });
        let parts = js_sys::Array::of1(&export::csv::moods_csv_header().into());
        write_in_steps(&parts, &rows, |run, _| {
            export::csv::moods_csv_rows(run, &super::host::local_stamp)
        })
        .await;
        parts
    }

    /// The plain backup file: everything, readable by whoever opens it.
    pub fn export_plain_backup(&self) -> (String, String) {
        let now = now_ms();
        let json = self.journal.with_untracked(|j| {
            self.safety_plan.with_untracked(|p| {
                self.checkins.with_untracked(|c| {
                    self.unreadable
                        .with_untracked(|u| export::plain_backup(j, Some(p), c, u, now))
                })
            })
        });
        (export::file_name(now, "backup.json"), json)
    }

    /// Restores an encrypted backup file with the passphrase it was made
    /// under. Entries already here are skipped; a different version of
    /// one is kept beside it.
    pub async fn restore_backup(
        self,
        file: EncryptedBackup,
        passphrase: String,
    ) -> Result<(), LockError> {
        let kek = webcrypto::derive_key(&passphrase, &file.lock.kdf).await?;
        let payload = match file.lock.unwrap_key(&kek) {
            Ok(data_key) => open_backup_in_steps(&file, &data_key).await,
            Err(VaultError::WrongPassphrase) => return Err(LockError::WrongPassphrase),
            Err(_) => None,
        };
        match payload {
            Some(payload) => self.restore_payload(payload).await,
            None => self.status.set(Some(Status::RestoreFailed(
                tr(
                    "This backup is damaged: part of it has changed since it was made. \
                     Nothing was changed here.",
                )
                .into(),
            ))),
        }
        Ok(())
    }

    /// Restores a plain backup file (or an opened encrypted one's payload).
    /// A file that is not a valid backup changes nothing and says why.
    pub async fn restore_payload(self, payload: String) {
        let refuse = |problem: BackupProblem| {
            self.progress.set(None);
            self.status.set(Some(Status::RestoreFailed(trf(
                "{problem} Nothing was changed here.",
                &[("problem", &backup_problem_message(&problem))],
            ))));
        };
        // Entries are read a few hundred per task, so years of them never
        // hold the page for long.
        const CHUNK: usize = 500;
        /// Bytes of the file looked through per task in the first pass
        /// (a few milliseconds).
        const SPLIT_STEP: usize = 2 * 1024 * 1024;
        // The file was just read (or opened) in this task: the first step
        // of looking through it waits for the next.
        next_task().await;
        let mut split = SplittingBackup::new(&payload);
        while split.go_on(SPLIT_STEP) {
            next_task().await;
        }
        let mut reading = match split.finish() {
            Ok(reading) => reading,
            Err(problem) => return refuse(problem),
        };
        while reading.done() < reading.total() {
            if let Err(problem) = reading.read_entries(CHUNK) {
                return refuse(problem);
            }
            self.progress.set(Some(Progress {
                doing: RESTORING,
                reading: true,
                done: reading.done(),
                total: reading.total(),
            }));
            next_task().await;
        }
        self.progress.set(None);
        next_task().await;
        let backup = match reading.finish() {
            Ok(backup) => backup,
            Err(problem) => return refuse(problem),
        };
        let known = self.checkins.get_untracked();
        let mut checkins_added = 0;
        for result in backup.checkins.into_iter().filter(|r| !known.contains(r)) {
            if !self.save_checkin(result) {
                return;
            }
            checkins_added += 1;
        }
        let mut plan_restored = false;
        if let Some(restored) = backup.safety_plan {
            let plan = self.safety_plan.get_untracked().newer(restored);
            if plan != self.safety_plan.get_untracked() {
                if let Some(Err(e)) = self.with_backend(|b| b.save_safety_plan(&plan)) {
                    self.status
                        .set(Some(Status::RestoreFailed(failure_message(&e))));
                    return;
                }
                self.safety_plan.set(plan);
                plan_restored = true;
            }
        }
        let Some(merge) = self.add_entries(backup.entries, RESTORING).await else {
            return;
        };
        self.status.set(Some(Status::Restored {
            added: merge.added,
            already_here: merge.already_here,
            checkins: checkins_added,
            safety_plan: plan_restored,
        }));
    }

    /// Adds entries imported from another app. Ones already here are
    /// skipped (their ids come from their contents), so importing the
    /// same file twice adds nothing.
    pub async fn import_entries(self, entries: Vec<Entry>, unknown_moods: usize) {
        let Some(merge) = self.add_entries(entries, IMPORTING).await else {
            return;
        };
        self.status.set(Some(Status::Imported {
            added: merge.added,
            already_here: merge.already_here,
            unknown_moods,
        }));
    }

    /// Adds entries from a file (`doing` is [`RESTORING`] or [`IMPORTING`]):
    /// ones already here are skipped, a different version of one is kept
    /// beside it. On failure the entries saved so far stay, the status
    /// says how many, and `None` is returned.
    async fn add_entries(self, entries: Vec<Entry>, doing: &'static str) -> Option<Added> {
        // Tasks of their own: finding what is new reads both sides (a few
        // milliseconds at ten years), and saving comes after.
        next_task().await;
        let Merge {
            added,
            already_here,
        } = self
            .journal
            .with_untracked(|j| j.to_merge(entries, new_entry_id));
        let found = Added {
            added: added.len(),
            already_here,
        };
        next_task().await;
        if let Err((saved, e)) = self.save_entries(added, doing).await {
            // Doing the same file again later adds only the rest.
            let problem = failure_message(&e);
            let saved = i18n::number(saved as u64);
            let total = i18n::number(found.added as u64);
            let args = [
                ("problem", problem.as_str()),
                ("saved", saved.as_str()),
                ("total", total.as_str()),
            ];
            let message = if doing == RESTORING {
                trf(
                    "{problem} {saved} of {total} entries were restored; restoring the same file \
                     again later adds the rest.",
                    &args,
                )
            } else {
                trf(
                    "{problem} {saved} of {total} entries were imported; importing the same file \
                     again later adds the rest.",
                    &args,
                )
            };
            self.reload();
            self.status.set(Some(Status::RestoreFailed(message)));
            return None;
        }
        Some(found)
    }

    /// Saves many entries a chunk at a time, letting the browser paint and
    /// respond between chunks, with `progress` showing how far it got;
    /// then shows them. On failure returns how many were saved (they stay).
    async fn save_entries(
        self,
        entries: Vec<Entry>,
        doing: &'static str,
    ) -> Result<(), (usize, StorageError)> {
        /// Milliseconds of saving per task (each entry is packed first).
        const SAVE_STEP_MS: f64 = 12.0;
        let total = entries.len();
        if total == 0 {
            // Everything was here already: nothing to draw again.
            return Ok(());
        }
        let mut saved = 0;
        let mut failed = None;
        while saved < total {
            let more = for_a_while(SAVE_STEP_MS, || {
                match self.with_backend(|b| b.save_entry(&entries[saved])) {
                    Some(Err(e)) => {
                        failed = Some(e);
                        return false;
                    }
                    _ => saved += 1,
                }
                saved < total
            });
            if let Some(e) = failed {
                self.progress.set(None);
                return Err((saved, e));
            }
            if more {
                self.progress.set(Some(Progress {
                    doing,
                    reading: false,
                    done: saved,
                    total,
                }));
                next_task().await;
            }
        }
        self.progress.set(None);
        // Merged into the journal as it is now, so anything saved meanwhile
        // (another tab, the visitor) stays. Merging, drawing the views
        // again, and what follows (the message saying it is done, a form
        // closing) take a task each: at ten years each is tens of
        // milliseconds.
        next_task().await;
        self.journal
            .update_untracked(|j| j.merge_found(entries, new_entry_id));
        next_task().await;
        self.journal.notify();
        next_task().await;
        Ok(())
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
    /// Writing again moves on from the last save's message.
    pub fn edit_draft(&self, change: impl FnOnce(&mut Draft)) {
        if self.status.with_untracked(|s| {
            matches!(
                s,
                Some(Status::Saved | Status::SavedForThisVisit | Status::NotReady(_))
            )
        }) {
            self.status.set(None);
        }
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
        let offer_support = self.support_offer.get_untracked() == SupportOffer::NotYet
            && crisis_language::mentions_self_harm(&entry.written_text());
        let Some(status) = self.save_new_entry(entry) else {
            return;
        };
        self.edit_draft(|d| *d = Draft::default());
        if offer_support {
            // The offer says the entry is saved, and nothing covers it.
            self.status.set(None);
            self.support_offer.set(SupportOffer::Showing);
        } else {
            self.status.set(Some(status));
        }
    }

    /// Saves a mood on its own as a new entry, leaving the draft (a thought
    /// record in progress) as it is. Returns false when it was not saved
    /// (the status says why).
    pub fn save_mood(&self, mood: Mood) -> bool {
        let draft = Draft {
            mood: Some(mood),
            ..Draft::default()
        };
        let entry = match draft.to_entry(new_entry_id(), now_ms()) {
            Ok(entry) => entry,
            Err(e) => {
                self.status.set(Some(Status::NotReady(e)));
                return false;
            }
        };
        match self.save_new_entry(entry) {
            Some(status) => {
                self.status.set(Some(status));
                true
            }
            None => false,
        }
    }

    /// Stores a new entry and shows it. Returns the status to show, or
    /// `None` after showing why it could not be saved.
    fn save_new_entry(&self, entry: Entry) -> Option<Status> {
        let status = match self.with_backend(|b| b.save_entry(&entry)) {
            Some(Err(e)) => {
                self.status.set(Some(Status::SaveFailed(e)));
                return None;
            }
            Some(Ok(())) => Status::Saved,
            None => Status::SavedForThisVisit,
        };
        self.journal.update(|j| j.upsert(entry));
        if self.journal.with_untracked(Journal::len) == 1 {
            storage::request_persistence();
        }
        Some(status)
    }

    /// Deletes one entry; "Undo" puts it back.
    pub fn delete_entry(&self, id: &EntryId) {
        let Some(entry) = self.journal.with_untracked(|j| j.get(id).cloned()) else {
            return;
        };
        if let Some(Err(e)) = self.with_backend(|b| b.delete_entry(id)) {
            return self.status.set(Some(Status::DeleteFailed(e)));
        }
        self.journal.update(|j| {
            j.remove(id);
        });
        self.status.set(Some(Status::Deleted(Box::new(entry))));
    }

    /// Saves changes to an entry; "Undo" brings the earlier version back.
    /// Returns false, with the reason in the status, when nothing changed.
    pub fn edit_entry(&self, original: &Entry, draft: &Draft) -> bool {
        let edited = match original.edited(draft, now_ms()) {
            Ok(edited) => edited,
            Err(e) => {
                self.status.set(Some(Status::NotReady(e)));
                return false;
            }
        };
        if let Some(Err(e)) = self.with_backend(|b| b.save_entry(&edited)) {
            self.status.set(Some(Status::SaveFailed(e)));
            return false;
        }
        self.journal.update(|j| j.upsert(edited));
        self.status
            .set(Some(Status::Edited(Box::new(original.clone()))));
        true
    }

    /// Deletes one check-in result; "Undo" puts it back.
    pub fn delete_checkin(&self, result: &CheckInResult) {
        if let Some(Err(e)) = self.with_backend(|b| b.delete_checkin(result)) {
            return self.status.set(Some(Status::DeleteFailed(e)));
        }
        self.checkins.update(|all| {
            if let Some(pos) = all.iter().position(|r| r == result) {
                all.remove(pos);
            }
        });
        self.status
            .set(Some(Status::CheckInDeleted(Box::new(result.clone()))));
    }

    /// Reverses the delete or edit the status reports.
    pub fn undo(&self) {
        if let Some(Status::CheckInDeleted(result)) = self.status.get_untracked() {
            if self.save_checkin(*result) {
                self.status
                    .set(Some(Status::Undone(key("Check-in result restored."))));
            }
            return;
        }
        let (entry, done) = match self.status.get_untracked() {
            Some(Status::Deleted(entry)) => (*entry, key("Entry restored.")),
            Some(Status::Edited(previous)) => {
                // Saved as a newer version, so it wins over the edit here
                // and in any other tab.
                let newest = self
                    .journal
                    .with_untracked(|j| j.get(&previous.id).map(|e| e.updated_ms))
                    .unwrap_or(previous.updated_ms);
                let entry = Entry {
                    updated_ms: now_ms().max(newest + 1),
                    ..*previous
                };
                (entry, key("Change undone."))
            }
            _ => return,
        };
        if let Some(Err(e)) = self.with_backend(|b| b.save_entry(&entry)) {
            return self.status.set(Some(Status::SaveFailed(e)));
        }
        self.journal.update(|j| j.upsert(entry));
        self.status.set(Some(Status::Undone(done)));
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
        self.clear_journal();
        self.held_draft.set_value(None);
        self.access.set(Access::Open);
        self.lock_unusable.set(false);
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

    /// UTF-16 code units the journal takes in storage; `None` in an
    /// in-memory session.
    pub fn space_used(&self) -> Option<usize> {
        self.backend
            .with_value(|b| b.as_ref().map(BrowserStorage::used_units))
    }

    /// Runs `write` against storage; `None` in an in-memory session.
    fn with_backend<T>(
        &self,
        write: impl FnOnce(&BrowserStorage) -> Result<T, StorageError>,
    ) -> Option<Result<T, StorageError>> {
        self.backend.with_value(|b| b.as_ref().map(write))
    }
}

fn backup_problem_message(problem: &BackupProblem) -> String {
    let message = match problem {
        BackupProblem::NotABackup => tr("This file isn't an Interlude backup."),
        BackupProblem::ReadableExport => tr("This is the readable export of your entries, which \
            can't be restored. Please choose a backup file instead."),
        BackupProblem::Damaged => tr("This backup has something in it that Interlude can't read \
            (it may have been edited or damaged), so it wasn't restored."),
        BackupProblem::NewerVersion => tr("This backup was made by a newer version of Interlude."),
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
