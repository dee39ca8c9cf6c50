//! The passphrase lock: whether the journal can be read, locking and
//! unlocking, and setting, changing and removing the passphrase (sealing
//! or opening every record in slices).

use leptos::prelude::*;

use crate::i18n::{tr, trf};
use crate::storage::{self, BrowserStorage, LockState, StorageError};
use crate::vault::{self, DataKey, KdfParams, LockRecord};
use crate::webcrypto;

use super::{next_task, records_for_a_while, Store};

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
                &[("problem", &e.message())],
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

impl Store {
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
    pub(super) fn close_journal(&self) {
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
    pub(super) fn forget_key(&self) {
        self.backend.update_value(|b| {
            if let Some(b) = b {
                b.lock();
            }
        });
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
    pub(super) async fn seal_in_steps(
        self,
        lock: &mut storage::PendingLock,
    ) -> Result<(), StorageError> {
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

    pub(super) fn lock_record(&self) -> Result<LockRecord, LockError> {
        match self
            .backend
            .with_value(|b| b.as_ref().map(BrowserStorage::lock_state))
        {
            Some(LockState::Set(record)) => Ok(record),
            _ => Err(LockError::Unusable),
        }
    }
}
