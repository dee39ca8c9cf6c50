//! Files the visitor takes away: the JSON export, plain and encrypted
//! backups and the moods CSV (years of entries written in slices), and the
//! space the journal takes.

use leptos::prelude::*;

use crate::export::{self};
use crate::model::Entry;
use crate::storage::BrowserStorage;
use crate::vault::{self, EncryptedBackup};
use crate::webcrypto;

use super::{file_part, next_task, now_ms, write_in_steps, Access, Store};

impl Store {
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
            export::csv::moods_csv_rows(run, &crate::browser::host::local_stamp)
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
}
