//! Opening the journal and reading it again: what is read first, the
//! entries and check-ins in slices after the widget shows, another tab's
//! changes, and clearing what was read when it locks.

use leptos::ev;
use leptos::prelude::*;

use crate::model::{Draft, Journal, SafetyPlan, Settings};
use crate::storage::{BrowserStorage, Loaded, LockState, PendingLoad, StorageError};

use super::{for_a_while, next_task, sorted, Access, Latest, Store, SupportOffer};

impl Store {
    /// Shows here what another tab saved or deleted, once its changes
    /// pause for a moment. The listener lives as long as the view that
    /// called this.
    pub fn follow_other_tabs(&self) {
        let store = *self;
        // Another tab saved or deleted something: show it here too, once its
        // changes pause for a moment. A restore, or the first opening after an
        // update, writes thousands of records in a few seconds; reloading the
        // journal for each one would freeze this tab. Drafts are per tab, so
        // draft changes are ignored.
        let changes = Latest::new();
        let listener = window_event_listener(ev::storage, move |event| {
            if event
                .key()
                .is_none_or(|key| crate::records::is_shared_record(&key))
            {
                let this_change = changes.start();
                set_timeout(
                    move || {
                        if changes.is_latest(this_change) {
                            store.reload();
                        }
                    },
                    std::time::Duration::from_millis(150),
                );
            }
        });
        on_cleanup(move || listener.remove());
    }

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
            reading_run: Latest::new(),
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
    pub(super) fn open_in_steps(&self, mut load: PendingLoad, with_draft: bool) {
        let run = self.reading_run.start();
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
                if !store.reading_run.is_latest(run) {
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
            if !store.reading_run.is_latest(run) {
                return;
            }
            store.take_read(load);
            next_task().await;
            if store.reading_run.is_latest(run) {
                store.show_taken();
            }
        });
    }

    /// Reads entries and check-ins for about one slice of time; false once
    /// all are read.
    pub(super) fn read_for_a_while(&self, load: &mut PendingLoad) -> bool {
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
    pub(super) fn show_read(&self, load: PendingLoad) {
        self.take_read(load);
        self.show_taken();
    }

    /// Puts a finished reading in the journal without drawing it yet.
    /// Entries and check-ins saved while it ran are kept (they were
    /// written after it listed what to read).
    pub(super) fn take_read(&self, load: PendingLoad) {
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
    pub(super) fn show_taken(&self) {
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

    pub(super) fn load(&self) -> Loaded {
        self.backend
            .with_value(|b| b.as_ref().map(BrowserStorage::load))
            .unwrap_or_default()
    }

    /// Shows what was loaded; the draft too when the journal was just opened.
    pub(super) fn apply(&self, loaded: Loaded, with_draft: bool) {
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

    /// Stops a reading in steps still under way: what it would show is
    /// being replaced or removed.
    pub(super) fn stop_reading(&self) {
        self.reading_run.cancel();
        self.reading.set(None);
    }

    /// Removes everything read from storage from the page's state.
    pub(super) fn clear_journal(&self) {
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
}
