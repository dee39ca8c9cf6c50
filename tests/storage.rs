//! The storage layer in a real browser (headless Chromium): what is written
//! where, and what happens with corrupt, newer, full and blocked storage.
#![cfg(target_arch = "wasm32")]

use interlude::model::{Draft, Entry, EntryId, Mood, Settings};
use interlude::storage::{BrowserStorage, StorageError};
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
")]
extern "C" {
    /// Makes the `localStorage` getter throw, as cookie blocking does;
    /// returns a function that undoes it.
    fn block_local_storage() -> js_sys::Function;
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

fn entry(id: &str, created_ms: i64, text: &str) -> Entry {
    Entry {
        id: EntryId::new(id).unwrap(),
        created_ms,
        updated_ms: created_ms,
        prompt: None,
        text: text.into(),
        mood: Mood::new(3),
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
        .set_item("interlude.v1.meta", "{\"schema\":2}")
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

#[wasm_bindgen_test]
fn drafts_round_trip_and_an_empty_draft_is_removed() {
    reset();
    let store = BrowserStorage::open().unwrap();
    let draft = Draft {
        prompt_id: Some("check-in.today".into()),
        text: "half a thought".into(),
        mood: Mood::new(2),
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
    let big = entry("big", 2, &"z".repeat(4096));
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
    assert!(BrowserStorage::is_shared_record("interlude.v1.entry.abc"));
    assert!(BrowserStorage::is_shared_record("interlude.v1.settings"));
    assert!(!BrowserStorage::is_shared_record("interlude.v1.draft"));
    assert!(!BrowserStorage::is_shared_record(FOREIGN_KEY));
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
