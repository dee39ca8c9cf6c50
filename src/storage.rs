//! The only code that touches browser storage.
//!
//! Layout in `localStorage` (all keys start with [`PREFIX`]; nothing else is
//! ever read, written or cleared):
//!
//! | key                                  | value                                   |
//! |--------------------------------------|-----------------------------------------|
//! | `interlude.v1.meta`                  | `{"schema":3}` (see [`SCHEMA`])          |
//! | `interlude.v1.lock`                  | the wrapped data key ([`LockRecord`])    |
//! | `interlude.v1.settings`              | [`Settings`] (through `gloo-storage`)    |
//! | `interlude.v1.draft`                 | the [`Draft`] being written              |
//! | `interlude.v1.safety-plan`           | the visitor's [`SafetyPlan`]             |
//! | `interlude.v1.clinic`                | the clinic configuration last opened with |
//! | `interlude.v1.entry.<id>`            | one [`Entry`] per key                    |
//! | `interlude.v1.checkin.<id>`          | one [`CheckInResult`] per key            |
//! | `interlude.v1.quarantine.<rest>`     | a value that could not be read, verbatim |
//!
//! One key per entry means saving an entry writes only that entry, and two
//! tabs saving different entries never overwrite each other.
//!
//! Entries, check-ins, the draft and the safety plan are stored packed
//! ([`crate::packing`]: compressed, about a quarter of their JSON's length),
//! so ten years of writing fit in the 5 million code units browsers allow.
//! Settings stay plain JSON through `gloo-storage`. Records written by
//! earlier builds (plain JSON, `sealed.v1.`) are read as they are and
//! rewritten packed when the journal is next opened: the only migration
//! so far, tested on frozen fixtures of each earlier layout.
//!
//! With a passphrase lock, entries, the draft, settings and quarantined
//! values are stored sealed ([`crate::vault`]), each bound to its key. The
//! meta, lock and clinic records stay plain: none holds anything the visitor
//! wrote, and the clinic's contacts must show on the lock screen. Writing
//! while locked fails with [`StorageError::Locked`]; a record that fails to
//! open is quarantined like any other unreadable value.
//!
//! Every failure is a [`StorageError`] value; nothing here panics.

use gloo_storage::{LocalStorage, Storage as _};
use serde::Serialize;
use wasm_bindgen::JsCast;

use std::rc::Rc;

use crate::export::Unreadable;
use crate::i18n::{tr, trf};
use crate::model::{CheckInResult, Draft, Entry, EntryId, Journal, SafetyPlan, Settings};
use crate::packing;
use crate::records::{
    is_current_form, is_packed_record, is_sealable, packed_when_unlocked, sound_packed_bytes,
    unlocked_form, unsealed_content, CHECKIN_PREFIX, CLINIC_KEY, DRAFT_KEY, ENTRY_PREFIX, LOCK_KEY,
    META_KEY, PREFIX, PROBE_KEY, QUARANTINE_PREFIX, SAFETY_PLAN_KEY, SCHEMA, SETTINGS_KEY,
};
use crate::vault::{self, DataKey, LockRecord, VaultError, NONCE_LEN};
use crate::webcrypto;

/// Why storage could not do what was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// The browser gives this page no storage (blocked cookies, some private
    /// modes, or an embedded widget on another site).
    Unavailable,
    /// The browser's storage for this site is full.
    QuotaExceeded,
    /// The journal was saved by a newer version of Interlude; writing is
    /// paused so nothing it wrote is overwritten.
    ReadOnly,
    /// The journal is locked: nothing can be written until it is unlocked.
    Locked,
    /// Any other browser error, by its name.
    Browser(String),
}

impl StorageError {
    /// Why a save failed, for the visitor, in their language; saying what
    /// to do where there is something to do.
    pub fn message(&self) -> String {
        match self {
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
            StorageError::Unavailable => tr(
                "Couldn't save: this browser is not letting Interlude store anything right now.",
            )
            .into(),
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

    fn from_js(error: wasm_bindgen::JsValue) -> StorageError {
        match error.dyn_ref::<web_sys::DomException>() {
            Some(e) if e.name() == "QuotaExceededError" => StorageError::QuotaExceeded,
            Some(e) if e.name() == "SecurityError" => StorageError::Unavailable,
            Some(e) => StorageError::Browser(e.name()),
            None => StorageError::Browser("unknown".into()),
        }
    }

    fn from_gloo(error: gloo_storage::errors::StorageError) -> StorageError {
        match error {
            gloo_storage::errors::StorageError::JsError(e) if e.name == "QuotaExceededError" => {
                StorageError::QuotaExceeded
            }
            other => StorageError::Browser(other.to_string()),
        }
    }
}

/// Everything read at start-up (or after another tab changed something).
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// Every readable entry.
    pub journal: Journal,
    /// The visitor's settings.
    pub settings: Settings,
    /// The unsaved draft, if one was left.
    pub draft: Option<Draft>,
    /// Records that could not be read, kept verbatim (also in exports).
    pub unreadable: Vec<Unreadable>,
    /// The safety plan, if one was started.
    pub safety_plan: Option<SafetyPlan>,
    /// Completed check-ins, in no particular order.
    pub checkins: Vec<CheckInResult>,
}

/// A lock being turned on (see [`BrowserStorage::start_lock`]). Not
/// `Debug`: it holds the key.
pub struct PendingLock {
    /// The key it seals with (dropped, and wiped, when it ends).
    data_key: Rc<DataKey>,
    /// The sealable keys found when it started.
    keys: Vec<String>,
    /// How many of `keys` are sealed.
    next: usize,
    /// Each record sealed so far as it was before, to undo it.
    originals: Vec<(String, String)>,
}

impl PendingLock {
    /// Records sealed so far, and in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.keys.len())
    }
}

/// A load under way (see [`BrowserStorage::start_load`]).
#[derive(Debug)]
pub struct PendingLoad {
    /// The entry and check-in keys found when it started.
    records: Vec<String>,
    /// How many of `records` are read.
    next: usize,
    lock_set: bool,
    can_upgrade: bool,
    loaded: Loaded,
    entries: Vec<Entry>,
}

impl PendingLoad {
    /// Entries and check-ins read so far, and in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.records.len())
    }

    /// What is read so far (the entries and check-ins not yet in it).
    pub fn loaded(&self) -> &Loaded {
        &self.loaded
    }

    /// Everything read, with `also` (entries saved since it started) in the
    /// journal, sorted.
    pub fn finish(self, also: Vec<Entry>) -> Loaded {
        let mut loaded = self.loaded;
        // Later, so of equally recent copies of an entry the one saved
        // since wins (see `Journal::from_entries`).
        // Sorted in the list already made (a chain would copy it). Stored
        // entries have distinct ids (one key each, checked on reading);
        // ones saved since may be copies of them.
        loaded.journal = if also.is_empty() {
            Journal::from_distinct_entries(self.entries)
        } else {
            let mut entries = self.entries;
            entries.extend(also);
            Journal::from_entries(entries)
        };
        loaded.unreadable.sort_by(|a, b| a.key.cmp(&b.key));
        loaded
    }
}

/// Whether a passphrase protects the journal, as found in storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockState {
    /// No passphrase: records are plain JSON.
    None,
    /// A passphrase lock is set.
    Set(LockRecord),
    /// A lock record exists but cannot be used (damaged, or from a newer
    /// version): the journal cannot be opened.
    Unusable(VaultError),
}

/// A lock being removed (see [`BrowserStorage::start_removing_lock`]).
/// Not `Debug`: it holds the key.
pub struct PendingRemoval {
    /// The key it opens with (dropped, and wiped, when it ends).
    data_key: Rc<DataKey>,
    /// The sealable keys found when it started.
    keys: Vec<String>,
    /// How many of `keys` are stored plain.
    next: usize,
}

impl PendingRemoval {
    /// Turning the lock on again, in steps ([`BrowserStorage::continue_lock`]),
    /// over what this removal stored plain: for a journal locked before the
    /// removal ended.
    pub fn undo(self) -> PendingLock {
        let PendingRemoval {
            data_key,
            mut keys,
            next,
        } = self;
        keys.truncate(next);
        PendingLock {
            data_key,
            keys,
            next: 0,
            originals: Vec::new(),
        }
    }
}

/// An open, probed `localStorage`.
#[derive(Clone)]
pub struct BrowserStorage {
    storage: web_sys::Storage,
    read_only: bool,
    /// The data key while unlocked; dropping it (locking) wipes it.
    data_key: Option<Rc<DataKey>>,
}

impl BrowserStorage {
    /// Opens `localStorage` after checking that a write really works.
    ///
    /// Returns [`StorageError::Unavailable`] when the browser blocks it: the
    /// `localStorage` getter throws in blocked or cross-site contexts, and
    /// some private modes allow reads but refuse every write.
    pub fn open() -> Result<BrowserStorage, StorageError> {
        let window = web_sys::window().ok_or(StorageError::Unavailable)?;
        let storage = window
            .local_storage()
            .map_err(|_| StorageError::Unavailable)?
            .ok_or(StorageError::Unavailable)?;
        match storage
            .set_item(PROBE_KEY, "1")
            .map_err(StorageError::from_js)
        {
            Ok(()) => {
                let _ = storage.remove_item(PROBE_KEY);
            }
            // A full storage can still be read; saving reports it.
            Err(StorageError::QuotaExceeded) => {}
            Err(_) => return Err(StorageError::Unavailable),
        }
        let mut opened = BrowserStorage {
            storage,
            read_only: false,
            data_key: None,
        };
        opened.read_only = opened.check_schema();
        Ok(opened)
    }

    /// True when data from a newer version was found (at opening, or since,
    /// by a newer version in another tab): reading works, writing returns
    /// [`StorageError::ReadOnly`].
    pub fn is_read_only(&self) -> bool {
        self.read_only || self.newer_schema_stored()
    }

    /// The passphrase lock as currently stored (another tab may change it).
    pub fn lock_state(&self) -> LockState {
        match self.get(LOCK_KEY) {
            None => LockState::None,
            Some(raw) => match LockRecord::parse(&raw) {
                Ok(record) => LockState::Set(record),
                Err(e) => LockState::Unusable(e),
            },
        }
    }

    /// True while a lock is set and this tab does not hold the key.
    pub fn is_locked(&self) -> bool {
        self.data_key.is_none() && self.get(LOCK_KEY).is_some()
    }

    /// Keeps the data key (opened with the passphrase) for reads and writes.
    pub fn unlock(&mut self, data_key: DataKey) {
        self.data_key = Some(Rc::new(data_key));
    }

    /// Forgets the data key.
    pub fn lock(&mut self) {
        self.data_key = None;
    }

    /// Sets a passphrase lock: stores `record` and seals every record with
    /// `data_key`. If any write fails (full storage), everything is put back
    /// as it was and the lock is not set.
    pub fn set_lock(&mut self, record: &LockRecord, data_key: DataKey) -> Result<(), StorageError> {
        let mut lock = self.start_lock(record, data_key)?;
        match self.continue_lock(&mut lock, usize::MAX) {
            Ok(_) => Ok(()),
            Err(error) => {
                self.abandon_lock(lock);
                Err(error)
            }
        }
    }

    /// Starts turning the lock on, for [`BrowserStorage::continue_lock`] to
    /// seal the stored records in steps: writes the lock record and keeps
    /// the data key, so from now on every save is sealed. If this fails,
    /// nothing has changed.
    pub fn start_lock(
        &mut self,
        record: &LockRecord,
        data_key: DataKey,
    ) -> Result<PendingLock, StorageError> {
        self.writable()?;
        let keys = self
            .own_keys()
            .into_iter()
            .filter(|k| is_sealable(k))
            .collect();
        self.set(LOCK_KEY, &record.to_json())?;
        let data_key = Rc::new(data_key);
        self.data_key = Some(Rc::clone(&data_key));
        Ok(PendingLock {
            data_key,
            keys,
            next: 0,
            originals: Vec::new(),
        })
    }

    /// Seals up to `count` more of the records stored when the lock
    /// started; false once all are. It goes on with its own copy of the
    /// key when the journal is locked meanwhile (quick exit), so nothing
    /// stays readable. On an error, call [`BrowserStorage::abandon_lock`].
    pub fn continue_lock(
        &self,
        lock: &mut PendingLock,
        count: usize,
    ) -> Result<bool, StorageError> {
        let data_key = Rc::clone(&lock.data_key);
        let end = lock.keys.len().min(lock.next.saturating_add(count));
        for i in lock.next..end {
            let key = &lock.keys[i];
            // Read now, not when the lock started: a save since is sealed.
            let Some(raw) = self.get(key) else { continue };
            if vault::is_sealed(&raw) {
                continue;
            }
            let sealed = match sound_packed_bytes(key, &raw) {
                Some(compressed) => data_key.seal_compressed(key, &compressed, nonce()?),
                None => data_key.seal_packed(key, &unsealed_content(key, &raw), nonce()?),
            };
            // Kept before writing, so a failed write is undone too.
            lock.originals.push((key.clone(), raw));
            self.set(key, &sealed)?;
        }
        lock.next = end;
        Ok(end < lock.keys.len())
    }

    /// Undoes a lock that could not be finished: every sealed record is
    /// stored plain again (with what was saved meanwhile, if anything), or
    /// as it was when it cannot be opened, and there is no lock.
    pub fn abandon_lock(&mut self, lock: PendingLock) {
        self.data_key = None;
        let data_key = Some(lock.data_key);
        let originals: std::collections::HashMap<String, String> =
            lock.originals.into_iter().collect();
        for key in self.own_keys().into_iter().filter(|k| is_sealable(k)) {
            let Some(raw) = self.get(&key).filter(|raw| vault::is_sealed(raw)) else {
                continue;
            };
            let opened = data_key.as_ref().and_then(|k| k.open(&key, &raw).ok());
            let plain = opened
                .map(|json| unlocked_form(&key, &json))
                .or_else(|| originals.get(&key).cloned());
            if let Some(plain) = plain {
                let _ = self.storage.set_item(&key, &plain);
            }
        }
        let _ = self.storage.remove_item(LOCK_KEY);
    }

    /// Replaces the lock record (a new passphrase wrapping the same data
    /// key): one write, so it either happens or does not.
    pub fn replace_lock(&self, record: &LockRecord) -> Result<(), StorageError> {
        self.writable()?;
        if self.data_key.is_none() {
            return Err(StorageError::Locked);
        }
        self.set(LOCK_KEY, &record.to_json())
    }

    /// Removes the passphrase lock: stores every record plain again, then
    /// removes the lock record (last, so an interrupted removal leaves a
    /// locked journal, never a half-readable one). Records that cannot be
    /// opened stay as they are.
    pub fn remove_lock(&mut self) -> Result<(), StorageError> {
        let mut removal = self.start_removing_lock()?;
        while self.continue_removing_lock(&mut removal, usize::MAX)? {}
        self.finish_removing_lock(removal)
    }

    /// Starts removing the lock, for [`BrowserStorage::continue_removing_lock`]
    /// to store the records plain in steps, and
    /// [`BrowserStorage::finish_removing_lock`] to end it. The lock stays
    /// set (and saves sealed) until the end, so a removal cut short (the
    /// tab closed) leaves a locked journal, which the next unlock seals
    /// whole again.
    pub fn start_removing_lock(&self) -> Result<PendingRemoval, StorageError> {
        self.writable()?;
        let data_key = self.data_key.clone().ok_or(StorageError::Locked)?;
        let keys = self
            .own_keys()
            .into_iter()
            .filter(|k| is_sealable(k))
            .collect();
        Ok(PendingRemoval {
            data_key,
            keys,
            next: 0,
        })
    }

    /// Stores up to `count` more of the records found when the removal
    /// started plain; false once all are.
    pub fn continue_removing_lock(
        &self,
        removal: &mut PendingRemoval,
        count: usize,
    ) -> Result<bool, StorageError> {
        let end = removal.keys.len().min(removal.next.saturating_add(count));
        for key in &removal.keys[removal.next..end] {
            self.store_plain(&removal.data_key, key)?;
        }
        removal.next = end;
        Ok(end < removal.keys.len())
    }

    /// Ends a removal in one step: what was sealed meanwhile (a save here,
    /// or in another tab) is stored plain too, then the lock record goes.
    pub fn finish_removing_lock(&mut self, removal: PendingRemoval) -> Result<(), StorageError> {
        self.writable()?;
        for key in self
            .own_keys_holding(vault::SEALED_MARK)
            .into_iter()
            .filter(|k| is_sealable(k))
        {
            self.store_plain(&removal.data_key, &key)?;
        }
        self.storage
            .remove_item(LOCK_KEY)
            .map_err(StorageError::from_js)?;
        self.data_key = None;
        Ok(())
    }

    /// Stores the record at `key` plain, when it is sealed and opens.
    fn store_plain(&self, data_key: &DataKey, key: &str) -> Result<(), StorageError> {
        let Some(raw) = self.get(key).filter(|raw| vault::is_sealed(raw)) else {
            return Ok(());
        };
        // Stored packed again from the bytes sealed, without inflating
        // and compressing them again (years of records).
        let plain = if packed_when_unlocked(key) && vault::is_sealed_packed(&raw) {
            data_key
                .open_compressed(key, &raw)
                .ok()
                .map(|compressed| packing::pack_compressed(&compressed))
        } else {
            data_key
                .open(key, &raw)
                .ok()
                .map(|content| unlocked_form(key, &content))
        };
        match plain {
            Some(plain) => self.set(key, &plain),
            None => Ok(()),
        }
    }

    /// An encrypted backup of `payload`, under the journal's own passphrase.
    pub fn encrypted_backup(&self, payload: &str) -> Result<vault::EncryptedBackup, StorageError> {
        let data_key = self.data_key.as_ref().ok_or(StorageError::Locked)?;
        let LockState::Set(record) = self.lock_state() else {
            return Err(StorageError::Locked);
        };
        Ok(vault::EncryptedBackup::seal(
            &record,
            data_key,
            payload,
            nonce()?,
        ))
    }

    /// What an encrypted backup is sealed with, for sealing one in the
    /// browser's WebCrypto: the lock record and a copy of the data key's
    /// bytes (wiped when dropped).
    pub fn backup_key(
        &self,
    ) -> Result<(LockRecord, zeroize::Zeroizing<[u8; vault::KEY_LEN]>), StorageError> {
        let data_key = self.data_key.as_ref().ok_or(StorageError::Locked)?;
        let LockState::Set(record) = self.lock_state() else {
            return Err(StorageError::Locked);
        };
        Ok((record, data_key.to_bytes()))
    }

    /// Reads everything. Values that do not parse are moved aside under a
    /// quarantine key (never overwritten, never dropped) and reported.
    /// Records in an older form are rewritten in the current one.
    pub fn load(&self) -> Loaded {
        let mut load = self.start_load();
        self.continue_load(&mut load, usize::MAX);
        load.finish(Vec::new())
    }

    /// Starts reading everything: reads every record but the entries and
    /// check-ins now (settings, the draft, the safety plan, what was set
    /// aside), and lists those for [`BrowserStorage::continue_load`]. So the
    /// widget can show before years of entries are read.
    pub fn start_load(&self) -> PendingLoad {
        self.start_load_of(self.own_keys())
    }

    /// Opening the journal: [`BrowserStorage::recover_quarantined`], then
    /// [`BrowserStorage::start_load`], listing the keys once. Years of
    /// entries are thousands of keys, and listing them takes about 10 ms.
    pub fn start_opening(&self) -> PendingLoad {
        let mut keys = self.own_keys();
        self.recover_quarantined_in(&mut keys);
        self.start_load_of(keys)
    }

    fn start_load_of(&self, keys: Vec<String>) -> PendingLoad {
        let mut load = PendingLoad {
            records: Vec::new(),
            next: 0,
            lock_set: self.get(LOCK_KEY).is_some(),
            can_upgrade: self.writable().is_ok(),
            loaded: Loaded::default(),
            entries: Vec::new(),
        };
        for key in keys {
            if key.starts_with(ENTRY_PREFIX) || key.starts_with(CHECKIN_PREFIX) {
                load.records.push(key);
            } else if is_sealable(&key) {
                self.load_record(&key, &mut load);
            }
        }
        // Sized once (with room for entries saved meanwhile, and for the
        // visit's new ones): doubling as it grows would need twice the room,
        // and wasm memory never shrinks.
        load.entries
            .reserve_exact(load.records.len() + crate::model::journal::ROOM_FOR_NEW);
        load
    }

    /// Reads up to `count` more entries and check-ins; false once all are.
    pub fn continue_load(&self, load: &mut PendingLoad, count: usize) -> bool {
        let end = load.records.len().min(load.next.saturating_add(count));
        for i in load.next..end {
            let key = std::mem::take(&mut load.records[i]);
            self.load_record(&key, load);
        }
        load.next = end;
        end < load.records.len()
    }

    /// Reads one record into `load` (see [`BrowserStorage::load`]).
    fn load_record(&self, key: &str, load: &mut PendingLoad) {
        // Read as UTF-16 code units: a packed record (nearly every one
        // without a lock) is unpacked from them directly.
        let Some(units) = self.get_utf16(key) else {
            return;
        };
        let (loaded, entries) = (&mut load.loaded, &mut load.entries);
        if packing::is_packed_utf16(&units) && !key.starts_with(QUARANTINE_PREFIX) {
            match packing::unpack_utf16(&units) {
                Ok(json) if accept(key, &json, loaded, entries) => {
                    // Packed is the current form only without a lock, and
                    // never for settings (see `is_current_form`).
                    if load.can_upgrade && (load.lock_set || key == SETTINGS_KEY) {
                        let _ = self.write_json(key, &json);
                    }
                }
                _ => {
                    let raw = String::from_utf16_lossy(&units);
                    loaded.unreadable.push(self.quarantine(key, raw));
                }
            }
            return;
        }
        let raw = String::from_utf16_lossy(&units);
        if key.starts_with(QUARANTINE_PREFIX) {
            // While a lock is set it is sealed like every record (a plain
            // value that failed to read may still hold words).
            if load.can_upgrade && load.lock_set && !vault::is_sealed(&raw) {
                let _ = self.write_json(key, &raw);
            }
            // Kept verbatim; shown opened when it was sealed and opens.
            let raw = self.read_record(key, &raw).unwrap_or(raw);
            loaded.unreadable.push(Unreadable {
                key: key.to_owned(),
                raw,
            });
            return;
        }
        match self.read_record(key, &raw) {
            Ok(json) if accept(key, &json, loaded, entries) => {
                if load.can_upgrade && !is_current_form(key, &raw, load.lock_set) {
                    // Best effort: a record that stays in its old form
                    // still reads.
                    let _ = self.write_json(key, &json);
                }
            }
            _ => loaded.unreadable.push(self.quarantine(key, raw)),
        }
    }

    /// Puts back records that a tab still running a build from before
    /// packed records set aside because it could not read them, when this
    /// build reads them. Called once when the journal is opened, never on
    /// another tab's change: two tabs of different builds would otherwise
    /// move the same record back and forth. Returns how many came back.
    pub fn recover_quarantined(&self) -> usize {
        self.recover_quarantined_in(&mut self.own_keys())
    }

    /// [`BrowserStorage::recover_quarantined`] among `keys` (our keys),
    /// where each record brought back takes its original key.
    fn recover_quarantined_in(&self, keys: &mut [String]) -> usize {
        if self.writable().is_err() {
            return 0;
        }
        let mut recovered = 0;
        for key in keys.iter_mut() {
            let Some(rest) = key.strip_prefix(QUARANTINE_PREFIX) else {
                continue;
            };
            let original = format!("{PREFIX}{rest}");
            let Some(raw) = self.get(key) else {
                continue;
            };
            if self.get(&original).is_some() || !is_sealable(&original) {
                continue;
            }
            let readable = self.read_record(&original, &raw).is_ok_and(|json| {
                accept(&original, &json, &mut Loaded::default(), &mut Vec::new())
            });
            if readable && self.set(&original, &raw).is_ok() {
                let _ = self.storage.remove_item(key);
                *key = original;
                recovered += 1;
            }
        }
        recovered
    }

    /// How much of `localStorage` Interlude's keys and values take, in
    /// UTF-16 code units (what browsers count against the limit).
    ///
    /// Values are measured as JavaScript strings, never copied into wasm:
    /// years of entries would otherwise take a noticeable moment.
    pub fn used_units(&self) -> usize {
        used_utf16(&self.storage, PREFIX).map_or(0, |units| units as usize)
    }

    /// Saves one entry (only that entry is written).
    pub fn save_entry(&self, entry: &Entry) -> Result<(), StorageError> {
        self.put(&entry_key(&entry.id), entry)
    }

    /// Deletes one entry.
    pub fn delete_entry(&self, id: &EntryId) -> Result<(), StorageError> {
        self.writable()?;
        self.storage
            .remove_item(&entry_key(id))
            .map_err(StorageError::from_js)
    }

    /// Saves the visitor's settings (through `gloo-storage` when no lock is
    /// set; sealed like every record when one is).
    pub fn save_settings(&self, settings: &Settings) -> Result<(), StorageError> {
        self.writable()?;
        if self.data_key.is_some() || self.is_locked() {
            return self.put(SETTINGS_KEY, settings);
        }
        LocalStorage::set(SETTINGS_KEY, settings).map_err(StorageError::from_gloo)
    }

    /// Saves the draft being written; an empty draft removes the saved one.
    pub fn save_draft(&self, draft: &Draft) -> Result<(), StorageError> {
        if draft == &Draft::default() {
            self.writable()?;
            return self
                .storage
                .remove_item(DRAFT_KEY)
                .map_err(StorageError::from_js);
        }
        self.put(DRAFT_KEY, draft)
    }

    /// Saves one completed check-in under its own key.
    pub fn save_checkin(&self, id: &EntryId, result: &CheckInResult) -> Result<(), StorageError> {
        self.put(&format!("{CHECKIN_PREFIX}{}", id.as_str()), result)
    }

    /// Deletes one stored check-in result (the first stored copy equal to
    /// it). Returns false when none was found.
    pub fn delete_checkin(&self, result: &CheckInResult) -> Result<bool, StorageError> {
        self.writable()?;
        for key in self.own_keys() {
            if !key.starts_with(CHECKIN_PREFIX) {
                continue;
            }
            let Some(raw) = self.get(&key) else { continue };
            let same = self
                .read_record(&key, &raw)
                .ok()
                .and_then(|json| serde_json::from_str::<CheckInResult>(&json).ok())
                .is_some_and(|stored| &stored == result);
            if same {
                self.storage
                    .remove_item(&key)
                    .map_err(StorageError::from_js)?;
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Saves the safety plan.
    pub fn save_safety_plan(&self, plan: &SafetyPlan) -> Result<(), StorageError> {
        self.put(SAFETY_PLAN_KEY, plan)
    }

    /// Removes every key Interlude owns, and nothing else: the visitor's
    /// "delete everything". Allowed even when read-only, because it is the
    /// visitor's explicit choice.
    pub fn delete_all(&self) -> Result<(), StorageError> {
        for key in self.own_keys() {
            self.storage
                .remove_item(&key)
                .map_err(StorageError::from_js)?;
        }
        Ok(())
    }

    /// Remembers the clinic configuration (as a URL fragment), so the
    /// installed app, which starts without one, still shows the clinic's
    /// booking details and crisis lines.
    pub fn save_clinic_fragment(&self, fragment: &str) -> Result<(), StorageError> {
        self.put(CLINIC_KEY, &fragment)
    }

    /// The clinic configuration remembered by [`Self::save_clinic_fragment`].
    pub fn clinic_fragment(&self) -> Option<String> {
        self.get(CLINIC_KEY)
            .and_then(|raw| serde_json::from_str(&raw).ok())
    }

    /// Writes one record, packed, and sealed when a lock is set.
    fn put(&self, key: &str, value: &impl Serialize) -> Result<(), StorageError> {
        let json = serde_json::to_string(value).map_err(|e| {
            StorageError::Browser(trf(
                "could not encode: {error}",
                &[("error", &e.to_string())],
            ))
        })?;
        self.write_json(key, &json)
    }

    /// Writes one record's JSON in the form this build writes. Checks for a
    /// lock set by another tab first, so an unsealed record is never written
    /// after it.
    fn write_json(&self, key: &str, json: &str) -> Result<(), StorageError> {
        self.writable()?;
        if !is_sealable(key) {
            return self.set(key, json);
        }
        // A lock removed in another tab: write unsealed, as that tab now
        // does (sealing would make the record unreadable once this tab
        // notices).
        let lock_set = self.get(LOCK_KEY).is_some();
        match (&self.data_key, lock_set) {
            (Some(data_key), true) => self.set(key, &data_key.seal_packed(key, json, nonce()?)),
            (None, true) => Err(StorageError::Locked),
            (_, false) => self.set(key, &unlocked_form(key, json)),
        }
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.storage
            .set_item(key, value)
            .map_err(StorageError::from_js)
    }

    /// A stored value as JSON (or, for a quarantined value, as it was):
    /// opened when sealed, unpacked when packed.
    fn read_record(&self, key: &str, raw: &str) -> Result<String, VaultError> {
        match (&self.data_key, vault::is_sealed(raw)) {
            (Some(data_key), true) => data_key.open(key, raw),
            (None, true) => Err(VaultError::Tampered),
            (_, false) if is_packed_record(key, raw) => {
                packing::unpack(raw).map_err(|_| VaultError::Malformed)
            }
            (_, false) => Ok(raw.to_owned()),
        }
    }

    fn writable(&self) -> Result<(), StorageError> {
        if self.is_read_only() {
            Err(StorageError::ReadOnly)
        } else {
            Ok(())
        }
    }

    fn get(&self, key: &str) -> Option<String> {
        self.storage.get_item(key).ok().flatten()
    }

    /// A stored value as its UTF-16 code units, copied once; `get` would
    /// encode it to UTF-8 first (three bytes for each packed unit).
    fn get_utf16(&self, key: &str) -> Option<Vec<u16>> {
        stored_utf16(&self.storage, key)
            .ok()
            .flatten()
            .map(|units| units.to_vec())
    }

    fn own_keys(&self) -> Vec<String> {
        self.own_keys_holding("")
    }

    /// Our keys whose values start with `value_prefix` (all when empty).
    fn own_keys_holding(&self, value_prefix: &str) -> Vec<String> {
        // One crossing for all of them (listed as JSON by `ownKeys`), not
        // one per key: years of entries are thousands of keys, and their
        // values stay in JavaScript.
        if let Some(keys) = own_keys_json(&self.storage, PREFIX, value_prefix)
            .ok()
            .and_then(|json| serde_json::from_str(&json).ok())
        {
            return keys;
        }
        let len = self.storage.length().unwrap_or(0);
        (0..len)
            .filter_map(|i| self.storage.key(i).ok().flatten())
            .filter(|k| k.starts_with(PREFIX))
            .filter(|k| {
                value_prefix.is_empty() || self.get(k).is_some_and(|v| v.starts_with(value_prefix))
            })
            .collect()
    }

    /// Moves a value that does not parse to a quarantine key, verbatim. If
    /// that write fails (full storage), the value stays where it was.
    fn quarantine(&self, key: &str, raw: String) -> Unreadable {
        let side_key = format!("{QUARANTINE_PREFIX}{}", &key[PREFIX.len()..]);
        let moved = self.writable().is_ok()
            && self.storage.get_item(&side_key).ok().flatten().is_none()
            && self.storage.set_item(&side_key, &raw).is_ok()
            && self.storage.remove_item(key).is_ok();
        Unreadable {
            key: if moved { side_key } else { key.to_owned() },
            raw,
        }
    }

    /// Reads the layout version, writing this build's when it is missing or
    /// older; true when a newer one is found.
    fn check_schema(&mut self) -> bool {
        match self.get(META_KEY) {
            Some(raw) => match serde_json::from_str::<Meta>(&raw) {
                Ok(meta) if meta.schema > SCHEMA => true,
                Ok(meta) => {
                    if meta.schema < SCHEMA {
                        let _ = self.write_schema();
                    }
                    false
                }
                // An unreadable version marker could be anything: do not
                // risk overwriting data we do not understand.
                Err(_) => true,
            },
            None => {
                let _ = self.write_schema();
                false
            }
        }
    }

    /// True when a newer version (perhaps in another tab) has marked the
    /// journal as its own since this one opened it.
    fn newer_schema_stored(&self) -> bool {
        self.get(META_KEY)
            .and_then(|raw| serde_json::from_str::<Meta>(&raw).ok())
            .is_some_and(|meta| meta.schema > SCHEMA)
    }

    fn write_schema(&self) -> Result<(), StorageError> {
        let json = serde_json::to_string(&Meta { schema: SCHEMA }).unwrap_or_default();
        self.set(META_KEY, &json)
    }
}

#[derive(serde::Deserialize, Serialize)]
struct Meta {
    schema: u32,
}

#[wasm_bindgen::prelude::wasm_bindgen(inline_js = "
export function storedUtf16(storage, key) {
  const value = storage.getItem(key);
  if (value === null) return undefined;
  const units = new Uint16Array(value.length);
  for (let i = 0; i < value.length; i++) units[i] = value.charCodeAt(i);
  return units;
}
export function ownKeys(storage, prefix, valuePrefix) {
  const keys = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key !== null && key.startsWith(prefix)
      && (valuePrefix === '' || (storage.getItem(key) || '').startsWith(valuePrefix))) keys.push(key);
  }
  return JSON.stringify(keys);
}
export function usedUtf16(storage, prefix) {
  let units = 0;
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key !== null && key.startsWith(prefix)) units += key.length + (storage.getItem(key) || '').length;
  }
  return units;
}")]
extern "C" {
    /// `storage.getItem(key)` as UTF-16 code units; `None` when absent.
    #[wasm_bindgen(js_name = storedUtf16, catch)]
    fn stored_utf16(
        storage: &web_sys::Storage,
        key: &str,
    ) -> Result<Option<js_sys::Uint16Array>, wasm_bindgen::JsValue>;
    /// The keys starting with `prefix`, as a JSON list of strings.
    #[wasm_bindgen(js_name = ownKeys, catch)]
    fn own_keys_json(
        storage: &web_sys::Storage,
        prefix: &str,
        value_prefix: &str,
    ) -> Result<String, wasm_bindgen::JsValue>;
    /// The UTF-16 code units of the keys starting with `prefix` and their
    /// values, counted in one call rather than two per record.
    #[wasm_bindgen(js_name = usedUtf16, catch)]
    fn used_utf16(storage: &web_sys::Storage, prefix: &str) -> Result<f64, wasm_bindgen::JsValue>;
}

/// Adds a record's JSON to what is being loaded; false when it is not the
/// record its key says (it is then quarantined).
fn accept(key: &str, json: &str, loaded: &mut Loaded, entries: &mut Vec<Entry>) -> bool {
    if let Some(id) = key.strip_prefix(ENTRY_PREFIX) {
        match serde_json::from_str::<Entry>(json) {
            Ok(entry) if entry.id.as_str() == id => {
                entries.push(entry);
                true
            }
            _ => false,
        }
    } else if key == DRAFT_KEY {
        serde_json::from_str(json)
            .map(|draft| loaded.draft = Some(draft))
            .is_ok()
    } else if key.starts_with(CHECKIN_PREFIX) {
        serde_json::from_str(json)
            .map(|result| loaded.checkins.push(result))
            .is_ok()
    } else if key == SAFETY_PLAN_KEY {
        serde_json::from_str(json)
            .map(|plan| loaded.safety_plan = Some(plan))
            .is_ok()
    } else if key == SETTINGS_KEY {
        serde_json::from_str(json)
            .map(|settings| loaded.settings = settings)
            .is_ok()
    } else {
        true
    }
}

/// A fresh nonce for one sealed write.
fn nonce() -> Result<[u8; NONCE_LEN], StorageError> {
    webcrypto::random_bytes()
        .map_err(|_| StorageError::Browser(tr("no secure random numbers").into()))
}

fn entry_key(id: &EntryId) -> String {
    format!("{ENTRY_PREFIX}{}", id.as_str())
}

/// Asks the browser to keep this site's storage through storage pressure.
/// Best effort: browsers decide, and the visitor is never prompted for it
/// in Chromium.
pub fn request_persistence() {
    if let Some(window) = web_sys::window() {
        let storage = window.navigator().storage();
        let _ = storage.persist();
    }
}
