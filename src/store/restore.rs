//! Bringing entries in: restoring a plain or encrypted backup and
//! importing another app's export, read and saved in slices.

use leptos::prelude::*;

use crate::browser::host;
use crate::export::daylio::{self, DaylioProblem, DaylioRow};
use crate::export::{BackupProblem, SplittingBackup};
use crate::i18n::{self, tr, trf};
use crate::model::{Entry, EntryId, Merge};
use crate::storage::StorageError;
use crate::vault::{self, DataKey, EncryptedBackup, VaultError};
use crate::webcrypto;

use super::{
    for_a_while, new_entry_id, next_task, nothing_changed, LockError, Progress, Status, Store,
    IMPORTING, RESTORING,
};

/// How many entries a restore or import added, and how many were here.
pub(super) struct Added {
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

impl Store {
    /// Reads a Daylio file in steps (years of notes are megabytes: read at
    /// once, they held the page for a long task), saying how far it has got,
    /// then imports its rows. A file that is not a usable export changes
    /// nothing and says why.
    pub async fn import_daylio(self, text: String) {
        /// Bytes split into records between looks at the clock.
        const SPLIT_STEP: usize = 64 * 1024;
        /// Rows read between looks at the clock.
        const ROWS: usize = 25;
        /// Short enough to keep each task well under 50 ms at 4x CPU.
        const SLICE_MS: f64 = 12.0;
        let refuse = |problem: DaylioProblem| {
            self.progress.set(None);
            self.status.set(Some(Status::RestoreFailed(nothing_changed(
                &problem.message(),
            ))));
        };
        // The file was just read in this task.
        next_task().await;
        let mut split = daylio::SplittingDaylio::new(&text);
        while for_a_while(SLICE_MS, || split.go_on(SPLIT_STEP)) {
            next_task().await;
        }
        let mut reading = match split.finish() {
            Ok(reading) => reading,
            Err(problem) => return refuse(problem),
        };
        let mut entries = Vec::with_capacity(reading.total());
        let mut unknown_moods = 0;
        let mut rows = Vec::new();
        loop {
            let mut problem = None;
            let more = for_a_while(SLICE_MS, || {
                let more = reading.read_rows(ROWS, &mut rows).unwrap_or_else(|p| {
                    problem = Some(p);
                    false
                });
                unknown_moods += rows.iter().filter(|r| r.unknown_mood).count();
                entries.extend(rows.drain(..).filter_map(daylio_entry));
                more
            });
            if let Some(problem) = problem {
                return refuse(problem);
            }
            self.progress.set(Some(Progress {
                doing: IMPORTING,
                reading: true,
                done: reading.done(),
                total: reading.total(),
            }));
            next_task().await;
            if !more {
                break;
            }
        }
        self.progress.set(None);
        self.import_entries(entries, unknown_moods).await;
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
                &[("problem", &problem.message())],
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
                    self.status.set(Some(Status::RestoreFailed(e.message())));
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
    pub(super) async fn add_entries(
        self,
        entries: Vec<Entry>,
        doing: &'static str,
    ) -> Option<Added> {
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
            let problem = e.message();
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
    pub(super) async fn save_entries(
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
}

/// An entry for a Daylio row, at its local date and time; `None` for a
/// row whose id is not a valid entry id.
fn daylio_entry(row: DaylioRow) -> Option<Entry> {
    let at = host::local_ms(row.year, row.month, row.day, row.minutes);
    Some(Entry {
        id: EntryId::new(&row.id)?,
        created_ms: at,
        updated_ms: at,
        prompt: None,
        text: row.text,
        mood: row.mood,
        energy: None,
        emotions: vec![],
        tags: row.tags,
        thought_record: None,
    })
}
