//! The visitor's own actions on the journal: the first-run acknowledgement,
//! writing and saving (the support offer after crisis words), editing,
//! deleting and undoing, check-in results and the safety plan.

use leptos::prelude::*;

use crate::i18n::key;
use crate::model::crisis_language;
use crate::model::safety_plan::{self, Step};
use crate::model::{CheckInResult, Draft, Entry, EntryId, Journal, Mood, SafetyPlan};
use crate::storage::{self, BrowserStorage};

use super::{new_entry_id, now_ms, Access, Status, Store};

/// Where the one-time support offer stands in this visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SupportOffer {
    /// Not offered yet.
    NotYet,
    /// Showing now, above the editor.
    Showing,
    /// Offered and closed: not again in this visit.
    Done,
}

impl Store {
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
    pub(super) fn save_new_entry(&self, entry: Entry) -> Option<Status> {
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
        if !self.wrote(|b| b.delete_entry(id), Status::DeleteFailed) {
            return;
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
        if !self.wrote(|b| b.save_entry(&edited), Status::SaveFailed) {
            return false;
        }
        self.journal.update(|j| j.upsert(edited));
        self.status
            .set(Some(Status::Edited(Box::new(original.clone()))));
        true
    }

    /// Deletes one check-in result; "Undo" puts it back.
    pub fn delete_checkin(&self, result: &CheckInResult) {
        if !self.wrote(|b| b.delete_checkin(result), Status::DeleteFailed) {
            return;
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
        if !self.wrote(|b| b.save_entry(&entry), Status::SaveFailed) {
            return;
        }
        self.journal.update(|j| j.upsert(entry));
        self.status.set(Some(Status::Undone(done)));
    }

    /// Deletes everything Interlude keeps in this browser and starts afresh
    /// (the first-run explanation shows again).
    pub fn delete_everything(&self) {
        if !self.wrote(|b| b.delete_all(), Status::DeleteFailed) {
            return;
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

    /// Keeps a completed check-in. Returns false (with the reason in the
    /// status) when it could not be saved.
    pub fn save_checkin(&self, result: CheckInResult) -> bool {
        if !self.wrote(
            |b| b.save_checkin(&new_entry_id(), &result),
            Status::SaveFailed,
        ) {
            return false;
        }
        self.checkins.update(|all| {
            all.push(result);
            all.sort_by_key(CheckInResult::taken_ms);
        });
        true
    }

    /// Changes one step of the safety plan and keeps it. The first change
    /// starts from step 5 filled in with the clinic and crisis lines.
    pub fn edit_safety_plan(&self, step: Step, text: &str) {
        self.safety_plan
            .update(|plan| plan.set_text(step, text, now_ms()));
        let plan = self.safety_plan.get_untracked();
        self.wrote(|b| b.save_safety_plan(&plan), Status::SaveFailed);
    }

    /// Shows the safety plan: the saved one, or a new one whose step 5
    /// lists the clinic and the region's crisis lines (stored only once
    /// the visitor writes in it).
    pub fn start_safety_plan(&self, config: &crate::config::Config) {
        self.safety_plan.set(self.safety_plan_or_start(config));
    }

    /// "Close" on the support offer: not again in this visit.
    pub fn close_support_offer(&self) {
        self.support_offer.set(SupportOffer::Done);
    }

    /// The plan to show: the saved one, or a new one whose step 5 lists
    /// the clinic and the region's crisis lines.
    fn safety_plan_or_start(&self, config: &crate::config::Config) -> SafetyPlan {
        let plan = self.safety_plan.get_untracked();
        if plan.updated_ms != 0 {
            return plan;
        }
        SafetyPlan::starting_with(safety_plan::professionals_to_start_with(
            &crate::components::booking::clinic_name(config),
            config.booking.phone.as_deref(),
            config.crisis_region,
        ))
    }
}
