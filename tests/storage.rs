//! The storage layer in a real browser (headless Chromium): what is written
//! where, and what happens with corrupt, newer, full and blocked storage.
#![cfg(target_arch = "wasm32")]

use interlude::export::Unreadable;
use interlude::model::{
    CheckInResult, Draft, Emotion, Energy, Entry, EntryId, Mood, Questionnaire, Settings, Tag,
};
use interlude::packing;
use interlude::storage::{BrowserStorage, LockState, StorageError};
use interlude::store::open_backup_in_steps;
use interlude::vault::{self, DataKey, KdfParams, KeyEncryptionKey, LockRecord};
use interlude::webcrypto;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = "
export function block_local_storage() {
  const original = Object.getOwnPropertyDescriptor(window, 'localStorage')
    || Object.getOwnPropertyDescriptor(Window.prototype, 'localStorage');
  Object.defineProperty(window, 'localStorage', {
    configurable: true,
    get() { throw new DOMException('blocked by test', 'SecurityError'); },
  });
  return () => Object.defineProperty(window, 'localStorage', original);
}
export function fail_sealed_writes_after(n) {
  const setItem = Storage.prototype.setItem;
  let left = n;
  Storage.prototype.setItem = function (key, value) {
    if (String(value).startsWith('sealed.') && left-- <= 0) {
      throw new DOMException('full', 'QuotaExceededError');
    }
    return setItem.call(this, key, value);
  };
  return () => { Storage.prototype.setItem = setItem; };
}
")]
extern "C" {
    /// Makes the `localStorage` getter throw, as cookie blocking does;
    /// returns a function that undoes it.
    fn block_local_storage() -> js_sys::Function;
    /// Lets `n` sealed values be written, then fails the rest as full
    /// storage does; returns a function that undoes it.
    fn fail_sealed_writes_after(n: u32) -> js_sys::Function;
}

const FOREIGN_KEY: &str = "clinic.cart";

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Removes Interlude's keys and plants one that belongs to someone else.
fn reset() {
    let storage = local();
    let keys: Vec<String> = (0..storage.length().unwrap())
        .filter_map(|i| storage.key(i).unwrap())
        .collect();
    for key in keys {
        if key.starts_with("interlude.") {
            storage.remove_item(&key).unwrap();
        }
    }
    storage.set_item(FOREIGN_KEY, "keep me").unwrap();
}

fn snapshot() -> Vec<(String, String)> {
    let storage = local();
    let mut all: Vec<_> = (0..storage.length().unwrap())
        .filter_map(|i| storage.key(i).unwrap())
        .map(|k| {
            let v = storage.get_item(&k).unwrap().unwrap();
            (k, v)
        })
        .collect();
    all.sort();
    all
}

/// `len` pseudo-random letters: text that compression cannot shrink much.
fn noise(len: usize) -> String {
    let mut seed = 7u32;
    (0..len)
        .map(|_| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            char::from(b'a' + (seed >> 16) as u8 % 26)
        })
        .collect()
}

fn entry(id: &str, created_ms: i64, text: &str) -> Entry {
    Entry {
        id: EntryId::new(id).unwrap(),
        created_ms,
        updated_ms: created_ms,
        prompt: None,
        text: text.into(),
        mood: Mood::new(3),
        energy: None,
        emotions: vec![],
        tags: vec![],
        thought_record: None,
    }
}

#[wasm_bindgen_test]
fn saved_entries_come_back_newest_first() {
    reset();
    let store = BrowserStorage::open().unwrap();
    store.save_entry(&entry("older", 1, "first")).unwrap();
    store
        .save_entry(&entry("newer", 2, "<b>second</b>"))
        .unwrap();
    let loaded = BrowserStorage::open().unwrap().load();
    let ids: Vec<_> = loaded
        .journal
        .entries()
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(ids, ["newer", "older"]);
    assert_eq!(loaded.journal.entries()[0].text, "<b>second</b>");
    assert!(loaded.unreadable.is_empty());
}

#[wasm_bindgen_test]
fn a_journal_read_in_steps_is_the_one_read_at_once() {
    reset();
    let store = BrowserStorage::open().unwrap();
    for i in 0..25 {
        store
            .save_entry(&entry(&format!("e{i}"), i, &format!("entry {i}")))
            .unwrap();
    }
    let result = CheckInResult::new(Questionnaire::Phq9, 5, &[Some(1); 9]).unwrap();
    for i in 0..4 {
        store
            .save_checkin(&EntryId::new(&format!("c{i}")).unwrap(), &result)
            .unwrap();
    }
    let draft = Draft {
        text: "half a thought".into(),
        ..Draft::default()
    };
    store.save_draft(&draft).unwrap();
    let mut settings = Settings::default();
    settings.acknowledge_disclosure(42);
    store.save_settings(&settings).unwrap();
    local()
        .set_item("interlude.v1.entry.bad", "{\"id\":\"bad\",\"text\":")
        .unwrap();

    // What the widget shows first comes before any entry is read.
    let mut load = store.start_load();
    assert_eq!(load.loaded().settings, settings);
    assert_eq!(load.loaded().draft, Some(draft.clone()));
    assert_eq!(load.progress(), (0, 30));
    let mut steps = 0;
    while store.continue_load(&mut load, 4) {
        steps += 1;
        assert_eq!(load.progress(), (4 * steps, 30));
    }
    assert_eq!((steps, load.progress()), (7, (30, 30)));
    // An entry saved meanwhile (later, so it wins) joins the rest.
    let edited = entry("e3", 3, "edited while the rest was read");
    let stepwise = load.finish(vec![edited.clone(), entry("new", 99, "new")]);

    let at_once = BrowserStorage::open().unwrap().load();
    assert_eq!(at_once.journal.len(), 25);
    assert_eq!(stepwise.journal.len(), 26);
    assert_eq!(stepwise.journal.entries()[0].id.as_str(), "new");
    assert_eq!(stepwise.journal.get(&edited.id), Some(&edited));
    let untouched = |j: &interlude::model::Journal| -> Vec<Entry> {
        j.entries()
            .iter()
            .filter(|e| !["e3", "new"].contains(&e.id.as_str()))
            .cloned()
            .collect()
    };
    assert_eq!(untouched(&stepwise.journal), untouched(&at_once.journal));
    assert_eq!(stepwise.checkins.len(), 4);
    assert_eq!(stepwise.checkins, at_once.checkins);
    assert_eq!(stepwise.unreadable, at_once.unreadable);
    assert_eq!(stepwise.unreadable.len(), 1);
    assert_eq!((stepwise.settings, stepwise.draft), (settings, Some(draft)));
}

#[wasm_bindgen_test]
fn saving_one_entry_writes_only_that_entry() {
    // Guards the scaling rule: a save must not rewrite the journal.
    reset();
    let store = BrowserStorage::open().unwrap();
    for i in 0..20 {
        store
            .save_entry(&entry(&format!("e{i}"), i, "text"))
            .unwrap();
    }
    let before = snapshot();
    store.save_entry(&entry("new", 100, "hello")).unwrap();
    let after = snapshot();
    let changed: Vec<_> = after.iter().filter(|kv| !before.contains(kv)).collect();
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].0, "interlude.v1.entry.new");
    assert_eq!(before.len() + 1, after.len());
}

#[wasm_bindgen_test]
fn a_corrupt_entry_is_set_aside_verbatim_and_reported() {
    reset();
    let store = BrowserStorage::open().unwrap();
    store.save_entry(&entry("good", 1, "fine")).unwrap();
    local()
        .set_item("interlude.v1.entry.bad", "{\"id\":\"bad\",\"text\":")
        .unwrap();
    let loaded = store.load();
    assert_eq!(loaded.journal.len(), 1);
    assert_eq!(loaded.unreadable.len(), 1);
    assert_eq!(loaded.unreadable[0].raw, "{\"id\":\"bad\",\"text\":");
    assert_eq!(
        local()
            .get_item("interlude.v1.quarantine.entry.bad")
            .unwrap()
            .as_deref(),
        Some("{\"id\":\"bad\",\"text\":")
    );
    // Still reported on the next load, from its quarantine key.
    assert_eq!(store.load().unreadable.len(), 1);
}

#[wasm_bindgen_test]
fn check_ins_round_trip_and_an_impossible_one_is_set_aside() {
    reset();
    let store = BrowserStorage::open().unwrap();
    let result = CheckInResult::new(Questionnaire::Phq9, 5, &[Some(1); 9]).unwrap();
    store
        .save_checkin(&EntryId::new("c1").unwrap(), &result)
        .unwrap();
    // An answer no PHQ-9 item allows: set aside verbatim, never scored.
    let impossible = r#"{"questionnaire":"phq9","taken_ms":6,"answers":[1,1,1,1,1,1,1,1,7]}"#;
    local()
        .set_item("interlude.v1.checkin.c2", impossible)
        .unwrap();
    let loaded = store.load();
    assert_eq!(loaded.checkins, vec![result]);
    assert_eq!(loaded.unreadable.len(), 1);
    assert_eq!(loaded.unreadable[0].raw, impossible);
}

#[wasm_bindgen_test]
fn corrupt_settings_are_set_aside_not_replaced_by_defaults() {
    reset();
    local()
        .set_item("interlude.v1.settings", "not json at all")
        .unwrap();
    let store = BrowserStorage::open().unwrap();
    let loaded = store.load();
    assert_eq!(loaded.settings, Settings::default());
    assert_eq!(loaded.unreadable[0].raw, "not json at all");
    assert_eq!(
        local()
            .get_item("interlude.v1.quarantine.settings")
            .unwrap()
            .as_deref(),
        Some("not json at all")
    );
}

#[wasm_bindgen_test]
fn settings_round_trip() {
    reset();
    let store = BrowserStorage::open().unwrap();
    let mut settings = Settings::default();
    settings.acknowledge_disclosure(42);
    store.save_settings(&settings).unwrap();
    assert_eq!(BrowserStorage::open().unwrap().load().settings, settings);
}

#[wasm_bindgen_test]
fn data_from_a_newer_version_makes_storage_read_only() {
    reset();
    BrowserStorage::open()
        .unwrap()
        .save_entry(&entry("kept", 1, "from the future"))
        .unwrap();
    local()
        .set_item("interlude.v1.meta", "{\"schema\":9}")
        .unwrap();
    let before = snapshot();
    let store = BrowserStorage::open().unwrap();
    assert!(store.is_read_only());
    assert_eq!(store.load().journal.len(), 1);
    assert_eq!(
        store.save_entry(&entry("x", 2, "y")),
        Err(StorageError::ReadOnly)
    );
    assert_eq!(
        store.delete_entry(&EntryId::new("kept").unwrap()),
        Err(StorageError::ReadOnly)
    );
    assert_eq!(snapshot(), before);
}

/// A newer version opened in another tab after this one: this tab stops
/// writing as soon as it sees the newer layout marker.
#[wasm_bindgen_test]
fn a_newer_version_in_another_tab_pauses_writing_here() {
    reset();
    let store = BrowserStorage::open().unwrap();
    store.save_entry(&entry("mine", 1, "before")).unwrap();
    assert!(!store.is_read_only());
    local()
        .set_item("interlude.v1.meta", "{\"schema\":9}")
        .unwrap();
    assert!(store.is_read_only());
    assert_eq!(
        store.save_entry(&entry("late", 2, "after")),
        Err(StorageError::ReadOnly)
    );
    assert_eq!(store.load().journal.len(), 1);
}

#[wasm_bindgen_test]
fn drafts_round_trip_and_an_empty_draft_is_removed() {
    reset();
    let store = BrowserStorage::open().unwrap();
    let draft = Draft {
        prompt_id: Some("check-in.today".into()),
        text: "half a thought".into(),
        mood: Mood::new(2),
        energy: Energy::new(1),
        emotions: vec![Emotion::new("tired").unwrap()],
        tags: vec![Tag::new("sleep").unwrap()],
        thought_record: None,
    };
    store.save_draft(&draft).unwrap();
    assert_eq!(store.load().draft, Some(draft));
    store.save_draft(&Draft::default()).unwrap();
    assert_eq!(local().get_item("interlude.v1.draft").unwrap(), None);
}

#[wasm_bindgen_test]
fn full_storage_reports_quota_exceeded_and_keeps_what_was_saved() {
    reset();
    let store = BrowserStorage::open().unwrap();
    store
        .save_entry(&entry("safe", 1, "already saved"))
        .unwrap();
    // Fill the origin's quota (about 5 million characters in Chromium).
    let chunk = "x".repeat(512 * 1024);
    let mut fillers = Vec::new();
    for i in 0..40 {
        let key = format!("interlude.test-filler.{i}");
        if local().set_item(&key, &chunk).is_err() {
            break;
        }
        fillers.push(key);
    }
    let small = "y".repeat(1024);
    for i in 0..600 {
        let key = format!("interlude.test-filler.small.{i}");
        if local().set_item(&key, &small).is_err() {
            break;
        }
        fillers.push(key);
    }
    // Text that does not compress: packed it still needs more than the
    // last 1,024 units left free.
    let big = entry("big", 2, &noise(4096));
    let result = store.save_entry(&big);
    let loaded = store.load();
    for key in &fillers {
        local().remove_item(key).unwrap();
    }
    assert_eq!(result, Err(StorageError::QuotaExceeded));
    assert_eq!(loaded.journal.len(), 1);
    assert_eq!(loaded.journal.entries()[0].text, "already saved");
}

#[wasm_bindgen_test]
fn blocked_storage_is_reported_as_unavailable() {
    reset();
    let restore = block_local_storage();
    let result = BrowserStorage::open();
    restore.call0(&JsValue::NULL).unwrap();
    assert_eq!(result.err(), Some(StorageError::Unavailable));
}

#[wasm_bindgen_test]
fn keys_that_are_not_ours_are_never_touched() {
    reset();
    local()
        .set_item("interlude.v1.entry.bad", "garbage")
        .unwrap();
    let store = BrowserStorage::open().unwrap();
    store.save_entry(&entry("a", 1, "x")).unwrap();
    store.load();
    store.delete_entry(&EntryId::new("a").unwrap()).unwrap();
    assert_eq!(
        local().get_item(FOREIGN_KEY).unwrap().as_deref(),
        Some("keep me")
    );
}

#[wasm_bindgen_test]
fn other_tabs_refresh_for_records_but_not_for_drafts() {
    assert!(interlude::records::is_shared_record(
        "interlude.v1.entry.abc"
    ));
    assert!(interlude::records::is_shared_record(
        "interlude.v1.settings"
    ));
    assert!(!interlude::records::is_shared_record("interlude.v1.draft"));
    assert!(!interlude::records::is_shared_record(FOREIGN_KEY));
}

#[wasm_bindgen_test]
fn delete_all_removes_every_interlude_key_and_nothing_else() {
    reset();
    let store = BrowserStorage::open().unwrap();
    store.save_entry(&entry("a", 1, "x")).unwrap();
    store.save_settings(&Settings::default()).unwrap();
    store
        .save_draft(&Draft {
            text: "d".into(),
            ..Draft::default()
        })
        .unwrap();
    local()
        .set_item("interlude.v1.entry.bad", "garbage")
        .unwrap();
    store.load();
    store.delete_all().unwrap();
    let left: Vec<_> = snapshot().into_iter().map(|(k, _)| k).collect();
    assert_eq!(left, [FOREIGN_KEY]);
}

// ---- The passphrase lock ------------------------------------------------

const CANARY: &str = "canary-7f3a marmalade";

fn test_kek() -> KeyEncryptionKey {
    KeyEncryptionKey::from_bytes([0x11; 32])
}

fn test_lock() -> (LockRecord, DataKey) {
    let data_key = DataKey::from_bytes([0x22; 32]);
    let record = LockRecord::wrap(KdfParams::new([3; 16]), &test_kek(), &data_key, [4; 12]);
    (record, data_key)
}

/// A journal with two entries, a draft and settings, all holding the canary.
fn journal_with_canary() -> BrowserStorage {
    reset();
    let store = BrowserStorage::open().unwrap();
    store.save_entry(&entry("one", 1, CANARY)).unwrap();
    store.save_entry(&entry("two", 2, "second")).unwrap();
    store
        .save_draft(&Draft {
            text: CANARY.into(),
            ..Draft::default()
        })
        .unwrap();
    let mut settings = Settings::default();
    settings.acknowledge_disclosure(5);
    store.save_settings(&settings).unwrap();
    store
}

/// Keys whose stored value holds `needle`, read as it is or unpacked:
/// packing is compression, not protection, so it must not hide a leak here.
fn stored_values_containing(needle: &str) -> Vec<String> {
    snapshot()
        .into_iter()
        .filter(|(_, v)| {
            v.contains(needle) || packing::unpack(v).is_ok_and(|json| json.contains(needle))
        })
        .map(|(k, _)| k)
        .collect()
}

#[wasm_bindgen_test]
async fn a_backup_sealed_by_the_browser_is_the_one_sealed_in_rust() {
    let data_key = DataKey::from_bytes([7; 32]);
    let payload = format!(
        "{{\"entries\":[\"{}\"]}}",
        "ünïcode and words ".repeat(3_000)
    );
    let sealed = webcrypto::seal_in_browser(
        data_key.to_bytes(),
        vault::BACKUP_LABEL,
        &js_sys::Uint8Array::from(payload.as_bytes()),
        [9; 12],
    )
    .await
    .unwrap();
    // As the backup file writes it: the nonce, then the ciphertext and tag.
    let as_stored = format!(
        "{}{}{}",
        vault::SEALED_BACKUP_PREFIX,
        vault::base64::encode(&[9; 12]),
        vault::base64::encode(&sealed.to_vec())
    );
    assert_eq!(
        as_stored,
        data_key.seal(vault::BACKUP_LABEL, &payload, [9; 12])
    );
    assert_eq!(data_key.open(vault::BACKUP_LABEL, &as_stored), Ok(payload));
}

#[wasm_bindgen_test]
async fn webcrypto_derivation_matches_the_known_answer() {
    let params = KdfParams::new(core::array::from_fn(|i| i as u8));
    let kek = webcrypto::derive_key("correct horse battery staple", &params)
        .await
        .unwrap();
    // The same vector as the native test (made with Node's crypto): a key
    // that wraps and unwraps identically proves the bytes are equal.
    let mut expected = [0u8; 32];
    let hex = "ef177144eec9420cbc1093d2a8b344a92bc506d0d4ec9c028dd19f8324d8c1e6";
    for (i, byte) in expected.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap();
    }
    let data_key = DataKey::from_bytes([1; 32]);
    let record = LockRecord::wrap(
        params,
        &KeyEncryptionKey::from_bytes(expected),
        &data_key,
        [0; 12],
    );
    assert!(record.unwrap_key(&kek).is_ok());
    let other = webcrypto::derive_key("correct horse battery staplE", &record.kdf)
        .await
        .unwrap();
    assert!(record.unwrap_key(&other).is_err());
}

#[wasm_bindgen_test]
async fn the_same_passphrase_in_another_unicode_form_derives_the_same_key() {
    let params = KdfParams::new([9; 16]);
    let composed = webcrypto::derive_key("caf\u{e9} au lait", &params)
        .await
        .unwrap();
    let decomposed = webcrypto::derive_key("cafe\u{301} au lait", &params)
        .await
        .unwrap();
    let record = LockRecord::wrap(params, &composed, &DataKey::from_bytes([1; 32]), [0; 12]);
    assert!(record.unwrap_key(&decomposed).is_ok());
}

#[wasm_bindgen_test]
fn a_lock_turned_on_in_steps_seals_what_was_saved_meanwhile_too() {
    let mut store = journal_with_canary();
    let (record, data_key) = test_lock();
    let mut lock = store.start_lock(&record, data_key).unwrap();
    assert_eq!(lock.progress(), (0, 4));
    assert!(store.continue_lock(&mut lock, 1).unwrap());
    // A save between steps is sealed at once.
    store.save_entry(&entry("three", 3, CANARY)).unwrap();
    while store.continue_lock(&mut lock, 1).unwrap() {}
    assert_eq!(stored_values_containing(CANARY), Vec::<String>::new());
    let loaded = store.load();
    assert_eq!(loaded.journal.len(), 3);
    assert!(loaded.unreadable.is_empty());
}

#[wasm_bindgen_test]
fn a_lock_goes_on_sealing_when_the_journal_locks_meanwhile() {
    let mut store = journal_with_canary();
    let (record, data_key) = test_lock();
    let mut lock = store.start_lock(&record, data_key).unwrap();
    assert!(store.continue_lock(&mut lock, 1).unwrap());
    // Quick exit: the page forgets the key; sealing goes on with its own.
    store.lock();
    assert!(store.is_locked());
    while store.continue_lock(&mut lock, 1).unwrap() {}
    drop(lock);
    assert_eq!(stored_values_containing(CANARY), Vec::<String>::new());
    assert_eq!(stored_values_containing("second"), Vec::<String>::new());
}

#[wasm_bindgen_test]
fn a_lock_abandoned_half_way_leaves_every_record_readable() {
    let mut store = journal_with_canary();
    let before = store.load();
    let (record, data_key) = test_lock();
    let mut lock = store.start_lock(&record, data_key).unwrap();
    assert!(store.continue_lock(&mut lock, 2).unwrap());
    store
        .save_entry(&entry("three", 3, "saved meanwhile"))
        .unwrap();
    store.abandon_lock(lock);
    assert!(!store.is_locked());
    assert_eq!(store.lock_state(), LockState::None);
    let after = BrowserStorage::open().unwrap().load();
    assert!(after.unreadable.is_empty());
    assert_eq!(after.journal.len(), 3);
    assert_eq!(after.draft, before.draft);
    assert_eq!(after.settings, before.settings);
    assert_eq!(after.journal.entries()[0].text, "saved meanwhile");
}

#[wasm_bindgen_test]
fn setting_a_lock_seals_every_record_and_leaves_nothing_readable() {
    let mut store = journal_with_canary();
    assert!(!stored_values_containing(CANARY).is_empty());
    let (record, data_key) = test_lock();
    store.set_lock(&record, data_key).unwrap();
    assert_eq!(stored_values_containing(CANARY), Vec::<String>::new());
    assert_eq!(stored_values_containing("second"), Vec::<String>::new());
    assert_eq!(
        local().get_item("interlude.v1.meta").unwrap().unwrap(),
        "{\"schema\":3}"
    );
    // Still readable with the key, in this tab.
    let loaded = store.load();
    assert_eq!(loaded.journal.len(), 2);
    assert_eq!(loaded.draft.unwrap().text, CANARY);
    assert!(loaded.settings.has_acknowledged_disclosure());
    assert!(loaded.unreadable.is_empty());
    // A new tab starts locked, and unlocks with the key the record wraps.
    let mut other_tab = BrowserStorage::open().unwrap();
    assert!(other_tab.is_locked());
    let LockState::Set(stored) = other_tab.lock_state() else {
        panic!("no lock record");
    };
    other_tab.unlock(stored.unwrap_key(&test_kek()).unwrap());
    assert_eq!(other_tab.load().journal.entries()[1].text, CANARY);
    assert_eq!(
        snapshot().iter().find(|(k, _)| k == FOREIGN_KEY).unwrap().1,
        "keep me"
    );
}

#[wasm_bindgen_test]
fn nothing_can_be_written_while_locked_even_by_a_tab_opened_before_the_lock() {
    let earlier_tab = journal_with_canary();
    let mut store = BrowserStorage::open().unwrap();
    let (record, data_key) = test_lock();
    store.set_lock(&record, data_key).unwrap();
    let before = snapshot();
    let late = entry("late", 3, CANARY);
    assert_eq!(earlier_tab.save_entry(&late), Err(StorageError::Locked));
    store.lock();
    assert_eq!(store.save_entry(&late), Err(StorageError::Locked));
    assert_eq!(
        store.save_settings(&Settings::default()),
        Err(StorageError::Locked)
    );
    assert_eq!(snapshot(), before);
}

#[wasm_bindgen_test]
fn a_tampered_record_is_quarantined_and_the_rest_loads() {
    let mut store = journal_with_canary();
    let (record, data_key) = test_lock();
    store.set_lock(&record, data_key).unwrap();
    let key = "interlude.v1.entry.two";
    let sealed = local().get_item(key).unwrap().unwrap();
    // Flip one bit of one ciphertext byte.
    let mut bytes = packing::units::decode(sealed.strip_prefix("sealed.v2.").unwrap()).unwrap();
    bytes[20] ^= 0x01;
    let tampered = format!("sealed.v2.{}", packing::units::encode(&bytes));
    local().set_item(key, &tampered).unwrap();
    let loaded = store.load();
    assert_eq!(loaded.journal.len(), 1);
    assert_eq!(
        loaded.unreadable,
        vec![Unreadable {
            key: "interlude.v1.quarantine.entry.two".into(),
            raw: tampered
        }]
    );
    assert_eq!(local().get_item(key).unwrap(), None);
}

/// A plain value set aside in a locked journal (a record that failed to
/// read) is sealed too, and still shown exactly as it was.
#[wasm_bindgen_test]
fn a_plain_value_set_aside_in_a_locked_journal_is_sealed() {
    let mut store = journal_with_canary();
    let (record, data_key) = test_lock();
    store.set_lock(&record, data_key).unwrap();
    let side_key = "interlude.v1.quarantine.entry.half";
    let broken = format!("{{\"id\":\"half\",\"text\":\"{CANARY}");
    local().set_item(side_key, &broken).unwrap();
    let loaded = store.load();
    assert!(local()
        .get_item(side_key)
        .unwrap()
        .unwrap()
        .starts_with("sealed.v2."));
    assert!(stored_values_containing(CANARY).is_empty());
    assert!(loaded.unreadable.contains(&Unreadable {
        key: side_key.into(),
        raw: broken
    }));
}

#[wasm_bindgen_test]
fn swapped_records_do_not_open_under_each_other_s_keys() {
    let mut store = journal_with_canary();
    let (record, data_key) = test_lock();
    store.set_lock(&record, data_key).unwrap();
    let one = local().get_item("interlude.v1.entry.one").unwrap().unwrap();
    let two = local().get_item("interlude.v1.entry.two").unwrap().unwrap();
    local().set_item("interlude.v1.entry.one", &two).unwrap();
    local().set_item("interlude.v1.entry.two", &one).unwrap();
    let loaded = store.load();
    assert_eq!(loaded.journal.len(), 0);
    assert_eq!(loaded.unreadable.len(), 2);
    assert!(loaded.unreadable.iter().all(|u| !u.raw.contains(CANARY)));
}

#[wasm_bindgen_test]
fn removing_the_lock_stores_everything_plain_again() {
    let mut store = journal_with_canary();
    let plain_before = snapshot();
    let (record, data_key) = test_lock();
    store.set_lock(&record, data_key).unwrap();
    store.remove_lock().unwrap();
    assert_eq!(store.lock_state(), LockState::None);
    assert!(!store.is_locked());
    let loaded = store.load();
    assert_eq!(loaded.journal.len(), 2);
    assert_eq!(loaded.draft.unwrap().text, CANARY);
    assert!(loaded.settings.has_acknowledged_disclosure());
    assert_eq!(snapshot(), plain_before);
}

#[wasm_bindgen_test]
fn a_lock_removed_in_steps_stores_what_was_saved_meanwhile_plain_too() {
    let mut store = journal_with_canary();
    let (record, data_key) = test_lock();
    store.set_lock(&record, data_key).unwrap();
    let mut removal = store.start_removing_lock().unwrap();
    assert!(store.continue_removing_lock(&mut removal, 1).unwrap());
    // The lock stays set until the end: a save between steps is sealed,
    // and a new tab still starts locked.
    store
        .save_entry(&entry("one", 1, "edited meanwhile"))
        .unwrap();
    store.save_entry(&entry("three", 3, CANARY)).unwrap();
    assert!(local()
        .get_item("interlude.v1.entry.three")
        .unwrap()
        .unwrap()
        .starts_with("sealed.v2."));
    assert!(BrowserStorage::open().unwrap().is_locked());
    while store.continue_removing_lock(&mut removal, 1).unwrap() {}
    store.finish_removing_lock(removal).unwrap();
    assert_eq!(store.lock_state(), LockState::None);
    // Nothing sealed is left, and a new tab reads everything.
    assert!(snapshot()
        .iter()
        .all(|(_, value)| !value.starts_with("sealed.")));
    let loaded = BrowserStorage::open().unwrap().load();
    assert!(loaded.unreadable.is_empty());
    assert_eq!(loaded.journal.len(), 3);
    assert_eq!(loaded.draft.unwrap().text, CANARY);
    let texts: Vec<&str> = loaded
        .journal
        .entries()
        .iter()
        .map(|e| e.text.as_str())
        .collect();
    assert!(
        texts.contains(&"edited meanwhile") && texts.contains(&CANARY),
        "{texts:?}"
    );
}

#[wasm_bindgen_test]
fn a_lock_removal_undone_half_way_seals_everything_again() {
    let mut store = journal_with_canary();
    let (record, data_key) = test_lock();
    store.set_lock(&record, data_key).unwrap();
    let mut removal = store.start_removing_lock().unwrap();
    assert!(store.continue_removing_lock(&mut removal, 3).unwrap());
    assert!(!stored_values_containing(CANARY).is_empty());
    // Locked before the removal ended: it is undone with its own key.
    store.lock();
    let mut lock = removal.undo();
    while store.continue_lock(&mut lock, 1).unwrap() {}
    drop(lock);
    assert_eq!(stored_values_containing(CANARY), Vec::<String>::new());
    assert_eq!(stored_values_containing("second"), Vec::<String>::new());
    assert!(BrowserStorage::open().unwrap().is_locked());
}

/// Storage filling up half-way through sealing (packed records rarely grow
/// when sealed, so the failure is simulated): everything is put back.
#[wasm_bindgen_test]
fn a_lock_interrupted_by_full_storage_is_rolled_back_and_nothing_is_lost() {
    reset();
    let mut store = BrowserStorage::open().unwrap();
    for i in 0..12 {
        store
            .save_entry(&entry(&format!("e{i}"), i, &"w".repeat(8_000)))
            .unwrap();
    }
    let before = snapshot();
    let (record, data_key) = test_lock();
    let undo = fail_sealed_writes_after(5);
    let result = store.set_lock(&record, data_key);
    undo.call0(&JsValue::NULL).unwrap();
    assert_eq!(result, Err(StorageError::QuotaExceeded));
    assert_eq!(snapshot(), before);
    assert!(!store.is_locked());
    assert_eq!(store.load().journal.len(), 12);
}

#[wasm_bindgen_test]
fn a_damaged_or_weakened_lock_record_is_reported_not_used() {
    reset();
    local()
        .set_item(
            "interlude.v1.lock",
            r#"{"v":1,"kdf":"PBKDF2-SHA256","iterations":1000,"salt":"AAAAAAAAAAAAAAAAAAAAAA==","key":""}"#,
        )
        .unwrap();
    let store = BrowserStorage::open().unwrap();
    assert!(matches!(store.lock_state(), LockState::Unusable(_)));
    assert!(store.is_locked());
    assert_eq!(
        store.save_entry(&entry("x", 1, "x")),
        Err(StorageError::Locked)
    );
}

#[wasm_bindgen_test]
fn an_encrypted_backup_opens_with_the_passphrase_key_only() {
    let mut store = journal_with_canary();
    let (record, data_key) = test_lock();
    store.set_lock(&record, data_key).unwrap();
    let backup = store.encrypted_backup(r#"{"payload":"canary"}"#).unwrap();
    let file = backup.to_json("2026-11-23T00:00:00Z");
    assert!(!file.contains("canary"));
    let parsed = vault::EncryptedBackup::parse(&file).unwrap().unwrap();
    assert_eq!(parsed.open(&test_kek()).unwrap(), r#"{"payload":"canary"}"#);
    assert!(parsed
        .open(&KeyEncryptionKey::from_bytes([0x12; 32]))
        .is_err());
    store.lock();
    assert_eq!(
        store.encrypted_backup("{}").err(),
        Some(StorageError::Locked)
    );
}

#[wasm_bindgen_test]
async fn an_encrypted_backup_opened_in_steps_by_the_browser_is_its_payload() {
    let (record, data_key) = test_lock();
    // Over a megabyte of base64, so it is decoded in more than one step.
    let payload = format!(
        "{{\"entries\":[\"{}\"]}}",
        "ünïcode and words ".repeat(60_000)
    );
    let file = vault::EncryptedBackup::seal(&record, &data_key, &payload, [9; 12]);
    let file = vault::EncryptedBackup::parse(&file.to_json("2026-11-23T00:00:00Z"))
        .unwrap()
        .unwrap();
    assert!(file.sealed_base64().unwrap().len() > 1024 * 1024);
    assert_eq!(
        open_backup_in_steps(&file, &data_key).await,
        Some(payload.clone())
    );
    // Another key, or one letter changed anywhere: damaged, never opened.
    assert_eq!(
        open_backup_in_steps(&file, &DataKey::from_bytes([0x23; 32])).await,
        None
    );
    let json = file.to_json("2026-11-23T00:00:00Z");
    let data = json.find("sealed.v1.").unwrap() + "sealed.v1.".len();
    // In the nonce, in the second step's run, and in the tag.
    for at in [data + 3, data + 1024 * 1024 + 7, json.len() - 10] {
        let other = if json.as_bytes()[at] == b'A' {
            "B"
        } else {
            "A"
        };
        let mut changed = json.clone();
        changed.replace_range(at..=at, other);
        let changed = vault::EncryptedBackup::parse(&changed).unwrap().unwrap();
        assert_eq!(
            open_backup_in_steps(&changed, &data_key).await,
            None,
            "{at}"
        );
    }
    // Cut short, or nothing but padding after the nonce: damaged, no panic.
    let tail = json.rfind('"').unwrap();
    for (cut, rest) in [
        (data + 16, ""),
        (data + 20, ""),
        (tail - 4, ""),
        (data + 16, "===="),
    ] {
        let mut changed = json.clone();
        changed.replace_range(cut..tail, rest);
        let changed = vault::EncryptedBackup::parse(&changed).unwrap().unwrap();
        assert_eq!(
            open_backup_in_steps(&changed, &data_key).await,
            None,
            "{cut} {rest}"
        );
    }
}

/// Writes a frozen fixture's values into `localStorage`.
fn plant_fixture(json: &str) -> serde_json::Value {
    reset();
    let fixture: serde_json::Value = serde_json::from_str(json).unwrap();
    for (key, value) in fixture["values"].as_object().unwrap() {
        local().set_item(key, value.as_str().unwrap()).unwrap();
    }
    fixture
}

/// A journal written at schema 1 (plain JSON, before feelings, tags and
/// thought records) loads completely and is migrated once: every record
/// rewritten packed, settings and the clinic left plain, the layout marker
/// raised to 3. Afterwards saving writes only the new entry.
#[wasm_bindgen_test]
fn a_frozen_schema_1_journal_loads_whole_and_is_packed_once() {
    plant_fixture(include_str!("fixtures/storage-schema1.json"));
    let planted = snapshot();
    let store = BrowserStorage::open().unwrap();
    assert!(!store.is_read_only());
    let loaded = store.load();
    assert!(loaded.unreadable.is_empty(), "{:?}", loaded.unreadable);
    assert_eq!(loaded.journal.len(), 2);
    let newest = &loaded.journal.entries()[0];
    assert_eq!(newest.text, "Coffee with Sam.\nA walk after.");
    assert_eq!(newest.mood, Mood::new(4));
    assert_eq!(newest.prompt.as_ref().unwrap().id, "gratitude.small");
    assert_eq!(
        (newest.energy, newest.emotions.len(), newest.tags.len()),
        (None, 0, 0)
    );
    assert_eq!(newest.thought_record, None);
    assert_eq!(loaded.draft.as_ref().unwrap().text, "half a thought");
    assert_eq!(loaded.checkins.len(), 1);
    assert_eq!(loaded.safety_plan.as_ref().unwrap().reasons, "My dog");
    assert_eq!(loaded.settings.last_export_ms, Some(1_795_310_000_000));

    let migrated = snapshot();
    for (key, value) in &migrated {
        let plain = [
            "interlude.v1.meta",
            "interlude.v1.settings",
            "interlude.v1.clinic",
            FOREIGN_KEY,
        ];
        assert_eq!(
            packing::is_packed(value),
            !plain.contains(&key.as_str()),
            "{key}"
        );
        if !packing::is_packed(value) && key != "interlude.v1.meta" {
            assert!(
                planted.contains(&(key.clone(), value.clone())),
                "{key} unchanged"
            );
        }
    }
    assert_eq!(
        local().get_item("interlude.v1.meta").unwrap().unwrap(),
        "{\"schema\":3}"
    );
    let reloaded = BrowserStorage::open().unwrap().load();
    assert_eq!(reloaded.journal, loaded.journal);
    assert_eq!(reloaded.draft, loaded.draft);
    assert_eq!(reloaded.checkins, loaded.checkins);
    assert_eq!(reloaded.safety_plan, loaded.safety_plan);
    assert_eq!(snapshot(), migrated, "a second load rewrites nothing");

    let mut new = entry("new-one", 1_795_400_000_000, "with a tag");
    new.tags = vec![Tag::new("sleep").unwrap()];
    store.save_entry(&new).unwrap();
    let after = snapshot();
    let changed: Vec<&String> = after
        .iter()
        .filter(|pair| !migrated.contains(pair))
        .map(|(key, _)| key)
        .collect();
    assert_eq!(
        changed,
        ["interlude.v1.entry.new-one"],
        "only the new entry was written"
    );
    assert_eq!(store.load().journal.len(), 3);
}

/// A passphrase-locked journal written at schema 2 (`sealed.v1.` records,
/// made with Node's crypto) opens with its key, loads whole, and is
/// resealed packed; nothing readable is left behind.
#[wasm_bindgen_test]
fn a_frozen_schema_2_sealed_journal_opens_and_is_resealed_packed() {
    let fixture = plant_fixture(include_str!("fixtures/storage-schema2-sealed.json"));
    let mut store = BrowserStorage::open().unwrap();
    assert!(store.is_locked());
    let LockState::Set(record) = store.lock_state() else {
        panic!("no lock record");
    };
    store.unlock(record.unwrap_key(&test_kek()).unwrap());
    let loaded = store.load();
    assert!(loaded.unreadable.is_empty(), "{:?}", loaded.unreadable);
    assert_eq!(loaded.journal.len(), 2);
    assert_eq!(
        loaded.journal.entries()[0].text,
        "A quiet evening. I said no to the party and felt fine about it."
    );
    assert_eq!(
        loaded.journal.entries()[0].tags,
        [Tag::new("social").unwrap()]
    );
    assert_eq!(loaded.draft.as_ref().unwrap().text, "sealed half thought");
    assert_eq!(loaded.checkins.len(), 1);
    assert!(loaded.settings.has_acknowledged_disclosure());
    for key in fixture["plain"].as_object().unwrap().keys() {
        let value = local().get_item(key).unwrap().unwrap();
        assert!(value.starts_with("sealed.v2."), "{key} resealed packed");
    }
    assert!(stored_values_containing("quiet evening").is_empty());
    assert!(stored_values_containing("sealed.v1.").is_empty());
    // Another tab, with the same key, reads the resealed records.
    let mut other = BrowserStorage::open().unwrap();
    other.unlock(record.unwrap_key(&test_kek()).unwrap());
    assert_eq!(other.load().journal, loaded.journal);
}

/// A packed entry set aside by a tab still running a build from before
/// packing (it could not read it) comes back when the journal is opened,
/// whether recovered first or while opening (`start_opening`, which lists
/// the keys once).
#[wasm_bindgen_test]
fn a_packed_record_set_aside_by_an_older_build_comes_back_on_opening() {
    for opening_at_once in [false, true] {
        reset();
        let store = BrowserStorage::open().unwrap();
        store.save_entry(&entry("kept", 1, "packed words")).unwrap();
        let packed = local()
            .get_item("interlude.v1.entry.kept")
            .unwrap()
            .unwrap();
        local().remove_item("interlude.v1.entry.kept").unwrap();
        local()
            .set_item("interlude.v1.quarantine.entry.kept", &packed)
            .unwrap();
        // A value that is really unreadable stays set aside.
        local()
            .set_item("interlude.v1.quarantine.entry.broken", "z1:nonsense")
            .unwrap();
        assert_eq!(store.load().journal.len(), 0);
        let reopened = BrowserStorage::open().unwrap();
        let loaded = if opening_at_once {
            let mut load = reopened.start_opening();
            while reopened.continue_load(&mut load, 1) {}
            load.finish(Vec::new())
        } else {
            assert_eq!(reopened.recover_quarantined(), 1);
            reopened.load()
        };
        assert_eq!(
            loaded.journal.len(),
            1,
            "opening at once: {opening_at_once}"
        );
        assert_eq!(loaded.journal.entries()[0].text, "packed words");
        assert_eq!(
            loaded.unreadable,
            vec![Unreadable {
                key: "interlude.v1.quarantine.entry.broken".into(),
                raw: "z1:nonsense".into()
            }]
        );
        assert!(local()
            .get_item("interlude.v1.quarantine.entry.kept")
            .unwrap()
            .is_none());
        assert_eq!(reopened.load().journal, loaded.journal);
    }
}

/// The space shown to the visitor counts every Interlude key and value in
/// UTF-16 code units, and nothing of anyone else's.
#[wasm_bindgen_test]
fn used_units_count_only_interludes_keys_and_values() {
    reset();
    let store = BrowserStorage::open().unwrap();
    store.save_entry(&entry("e", 1, "naïve 😊")).unwrap();
    let expected: usize = snapshot()
        .iter()
        .filter(|(key, _)| key.starts_with("interlude."))
        .map(|(key, value)| key.encode_utf16().count() + value.encode_utf16().count())
        .sum();
    assert!(expected > 0);
    assert_eq!(store.used_units(), expected);
}

/// Deleting a check-in result removes exactly one stored copy of it.
#[wasm_bindgen_test]
fn deleting_a_check_in_removes_only_that_result() {
    reset();
    let store = BrowserStorage::open().unwrap();
    let one = CheckInResult::new(Questionnaire::Gad7, 10, &[Some(1); 7]).unwrap();
    let other = CheckInResult::new(Questionnaire::Gad7, 20, &[Some(2); 7]).unwrap();
    store
        .save_checkin(&EntryId::new("a").unwrap(), &one)
        .unwrap();
    store
        .save_checkin(&EntryId::new("b").unwrap(), &other)
        .unwrap();
    assert!(store.delete_checkin(&one).unwrap());
    assert_eq!(store.load().checkins, vec![other]);
    assert!(
        !store.delete_checkin(&one).unwrap(),
        "nothing left to delete"
    );
    assert_eq!(
        local().get_item(FOREIGN_KEY).unwrap().as_deref(),
        Some("keep me")
    );
}
