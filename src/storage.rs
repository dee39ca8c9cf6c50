//! The only code that touches browser storage.
//!
//! Layout in `localStorage` (all keys start with [`PREFIX`]; nothing else is
//! ever read, written or cleared):
//!
//! | key                                  | value                                   |
//! |--------------------------------------|-----------------------------------------|
//! | `interlude.v1.meta`                  | `{"schema":1}`: layout version           |
//! | `interlude.v1.settings`              | [`Settings`] (through `gloo-storage`)    |
//! | `interlude.v1.draft`                 | the [`Draft`] being written              |
//! | `interlude.v1.clinic`                | the clinic configuration last opened with |
//! | `interlude.v1.entry.<id>`            | one [`Entry`] per key                    |
//! | `interlude.v1.quarantine.<rest>`     | a value that could not be read, verbatim |
//!
//! One key per entry means saving an entry writes only that entry, and two
//! tabs saving different entries never overwrite each other.
//!
//! Every failure is a [`StorageError`] value; nothing here panics.

use gloo_storage::{LocalStorage, Storage as _};
use serde::Serialize;
use wasm_bindgen::JsCast;

use crate::export::Unreadable;
use crate::model::{Draft, Entry, EntryId, Journal, Settings};

/// Every key Interlude owns starts with this.
pub const PREFIX: &str = "interlude.v1.";
/// The layout version this build writes.
pub const SCHEMA: u32 = 1;

const META_KEY: &str = "interlude.v1.meta";
const SETTINGS_KEY: &str = "interlude.v1.settings";
const DRAFT_KEY: &str = "interlude.v1.draft";
const CLINIC_KEY: &str = "interlude.v1.clinic";
const ENTRY_PREFIX: &str = "interlude.v1.entry.";
const QUARANTINE_PREFIX: &str = "interlude.v1.quarantine.";
const PROBE_KEY: &str = "interlude.v1.probe";

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
    /// Any other browser error, by its name.
    Browser(String),
}

impl StorageError {
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
}

/// An open, probed `localStorage`.
#[derive(Clone)]
pub struct BrowserStorage {
    storage: web_sys::Storage,
    read_only: bool,
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
        };
        opened.read_only = opened.check_schema();
        Ok(opened)
    }

    /// True when data from a newer version was found: reading works,
    /// writing returns [`StorageError::ReadOnly`].
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// True for keys whose change in another tab should refresh this one:
    /// ours, except the per-tab draft and the availability probe.
    pub fn is_shared_record(key: &str) -> bool {
        key.starts_with(PREFIX) && key != DRAFT_KEY && key != PROBE_KEY
    }

    /// Reads everything. Values that do not parse are moved aside under a
    /// quarantine key (never overwritten, never dropped) and reported.
    pub fn load(&self) -> Loaded {
        let mut loaded = Loaded::default();
        let mut entries = Vec::new();
        for key in self.own_keys() {
            let Some(raw) = self.get(&key) else { continue };
            if let Some(id) = key.strip_prefix(ENTRY_PREFIX) {
                match serde_json::from_str::<Entry>(&raw) {
                    Ok(entry) if entry.id.as_str() == id => entries.push(entry),
                    _ => loaded.unreadable.push(self.quarantine(&key, raw)),
                }
            } else if key.starts_with(QUARANTINE_PREFIX) {
                loaded.unreadable.push(Unreadable { key, raw });
            } else if key == DRAFT_KEY {
                match serde_json::from_str::<Draft>(&raw) {
                    Ok(draft) => loaded.draft = Some(draft),
                    Err(_) => loaded.unreadable.push(self.quarantine(&key, raw)),
                }
            }
        }
        loaded.journal = Journal::from_entries(entries);
        match LocalStorage::get::<Settings>(SETTINGS_KEY) {
            Ok(settings) => loaded.settings = settings,
            Err(gloo_storage::errors::StorageError::KeyNotFound(_)) => {}
            Err(_) => {
                if let Some(raw) = self.get(SETTINGS_KEY) {
                    loaded.unreadable.push(self.quarantine(SETTINGS_KEY, raw));
                }
            }
        }
        loaded.unreadable.sort_by(|a, b| a.key.cmp(&b.key));
        loaded
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

    /// Saves the visitor's settings.
    pub fn save_settings(&self, settings: &Settings) -> Result<(), StorageError> {
        self.writable()?;
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

    fn put(&self, key: &str, value: &impl Serialize) -> Result<(), StorageError> {
        self.writable()?;
        let json = serde_json::to_string(value)
            .map_err(|e| StorageError::Browser(format!("could not encode: {e}")))?;
        self.storage
            .set_item(key, &json)
            .map_err(StorageError::from_js)
    }

    fn writable(&self) -> Result<(), StorageError> {
        if self.read_only {
            Err(StorageError::ReadOnly)
        } else {
            Ok(())
        }
    }

    fn get(&self, key: &str) -> Option<String> {
        self.storage.get_item(key).ok().flatten()
    }

    fn own_keys(&self) -> Vec<String> {
        let len = self.storage.length().unwrap_or(0);
        (0..len)
            .filter_map(|i| self.storage.key(i).ok().flatten())
            .filter(|k| k.starts_with(PREFIX))
            .collect()
    }

    /// Moves a value that does not parse to a quarantine key, verbatim. If
    /// that write fails (full storage), the value stays where it was.
    fn quarantine(&self, key: &str, raw: String) -> Unreadable {
        let side_key = format!("{QUARANTINE_PREFIX}{}", &key[PREFIX.len()..]);
        let moved = !self.read_only
            && self.storage.get_item(&side_key).ok().flatten().is_none()
            && self.storage.set_item(&side_key, &raw).is_ok()
            && self.storage.remove_item(key).is_ok();
        Unreadable {
            key: if moved { side_key } else { key.to_owned() },
            raw,
        }
    }

    /// Reads or writes the layout version; true when a newer one is found.
    fn check_schema(&mut self) -> bool {
        #[derive(serde::Deserialize, Serialize)]
        struct Meta {
            schema: u32,
        }
        match self.get(META_KEY) {
            Some(raw) => match serde_json::from_str::<Meta>(&raw) {
                Ok(meta) => meta.schema > SCHEMA,
                // An unreadable version marker could be anything: do not
                // risk overwriting data we do not understand.
                Err(_) => true,
            },
            None => {
                let _ = self.put(META_KEY, &Meta { schema: SCHEMA });
                false
            }
        }
    }
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
