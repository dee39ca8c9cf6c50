//! The store in a real browser (headless Chromium), below the end-to-end
//! layer: what a visitor's actions do to the journal, to storage and to the
//! status line, with storage blocked, with undo, and with the lock turned on
//! while a restore is saving; and the status line mounted and driven by
//! clicks, in the manner of Leptos's `examples/counter/tests/web.rs`.
#![cfg(target_arch = "wasm32")]

use interlude::components::notices::StatusRegion;
use interlude::export;
use interlude::model::{Entry, EntryId, Journal, Mood};
use interlude::store::{next_task, Access, Status, StorageError, Store};
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
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
export function next_frame() {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}
")]
extern "C" {
    /// Makes the `localStorage` getter throw, as cookie blocking does;
    /// returns a function that undoes it.
    fn block_local_storage() -> js_sys::Function;
    /// Resolves at the browser's next animation frame.
    fn next_frame() -> js_sys::Promise;
}

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Removes every Interlude key.
fn reset() {
    let storage = local();
    let keys: Vec<String> = (0..storage.length().unwrap())
        .filter_map(|i| storage.key(i).unwrap())
        .collect();
    for key in keys.into_iter().filter(|k| k.starts_with("interlude.")) {
        storage.remove_item(&key).unwrap();
    }
}

/// Interlude's stored entry records as (key, value).
fn stored_entries() -> Vec<(String, String)> {
    let storage = local();
    (0..storage.length().unwrap())
        .filter_map(|i| storage.key(i).unwrap())
        .filter(|k| k.starts_with("interlude.v1.entry."))
        .map(|k| {
            let v = storage.get_item(&k).unwrap().unwrap();
            (k, v)
        })
        .collect()
}

/// A store opened under its own reactive owner, as the widget opens it.
fn open_store() -> (Owner, Store) {
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let owner = Owner::new();
    let store = owner.with(Store::open);
    (owner, store)
}

fn write_and_save(store: Store, text: &str) {
    store.edit_draft(|d| {
        d.text = text.into();
        d.mood = Mood::new(2);
    });
    store.save_draft();
}

fn status(store: Store) -> Option<Status> {
    store.status().get_untracked()
}

#[wasm_bindgen_test]
fn blocked_storage_gives_a_session_in_memory_that_says_so() {
    reset();
    let unblock = block_local_storage();
    let (_owner, store) = open_store();
    assert_eq!(
        store.storage_problem().get_untracked(),
        Some(StorageError::Unavailable)
    );
    write_and_save(store, "kept only for this visit");
    // Saved, but said honestly: it lasts until the page closes.
    assert_eq!(status(store), Some(Status::SavedForThisVisit));
    assert_eq!(store.journal().with_untracked(Journal::len), 1);
    assert!(store.draft().with_untracked(|d| d.text.is_empty()));
    unblock.call0(&JsValue::NULL).unwrap();
    assert!(stored_entries().is_empty(), "nothing reached storage");
}

#[wasm_bindgen_test]
fn undo_puts_a_deleted_entry_back_in_the_page_and_in_storage() {
    reset();
    let (_owner, store) = open_store();
    write_and_save(store, "canary-undo-4417");
    assert_eq!(status(store), Some(Status::Saved));
    let id = store
        .journal()
        .with_untracked(|j| j.entries()[0].id.clone());
    store.delete_entry(&id);
    assert!(status(store).is_some_and(|s| s.can_undo()));
    assert_eq!(store.journal().with_untracked(Journal::len), 0);
    assert!(stored_entries().is_empty());

    store.undo();
    assert!(matches!(status(store), Some(Status::Undone(_))));
    assert_eq!(
        store
            .journal()
            .with_untracked(|j| j.entries()[0].text.clone()),
        "canary-undo-4417"
    );
    let stored = stored_entries();
    assert_eq!(stored.len(), 1);
    assert!(stored[0].0.ends_with(id.as_str()));
    // Nothing more to undo.
    store.undo();
    assert_eq!(stored_entries().len(), 1);
}

/// A plain backup of `count` entries written years apart from now.
fn backup_of(count: usize) -> String {
    let entries = (0..count).map(|i| Entry {
        id: EntryId::new(&format!("restored{i:05}")).unwrap(),
        created_ms: 1_600_000_000_000 + i as i64 * 3_600_000,
        updated_ms: 1_600_000_000_000 + i as i64 * 3_600_000,
        prompt: None,
        text: format!("canary-restored-{i} {}", "words ".repeat(40)),
        mood: Mood::new(3),
        energy: None,
        emotions: vec![],
        tags: vec![],
        thought_record: None,
    });
    export::plain_backup(
        &Journal::from_entries(entries),
        None,
        &[],
        &[],
        1_700_000_000_000,
    )
}

#[wasm_bindgen_test]
async fn locking_while_a_restore_saves_keeps_every_record_sealed() {
    reset();
    let (_owner, store) = open_store();
    let passphrase = "quiet harbour lights".to_owned();
    store
        .set_passphrase(passphrase.clone(), passphrase)
        .await
        .unwrap();
    assert_eq!(store.access().get_untracked(), Access::Unlocked);

    // A restore large enough to save in many steps; the visitor locks
    // (or quick exit locks) once saving has begun.
    let done = RwSignal::new(false);
    let payload = backup_of(3_000);
    leptos::task::spawn_local(async move {
        store.restore_payload(payload).await;
        done.set(true);
    });
    for _ in 0..2_000 {
        next_task().await;
        let saving = store
            .progress()
            .get_untracked()
            .is_some_and(|p| !p.reading && p.done > 0);
        if saving {
            break;
        }
    }
    assert!(
        store.progress().get_untracked().is_some(),
        "saving had begun"
    );
    store.lock_now();
    while !done.get_untracked() {
        next_task().await;
    }

    assert_eq!(store.access().get_untracked(), Access::Locked);
    assert_eq!(store.journal().with_untracked(Journal::len), 0);
    // It stopped, and said why; what it saved stays, sealed.
    let Some(Status::RestoreFailed(message)) = status(store) else {
        panic!("the restore said nothing: {:?}", status(store));
    };
    assert!(message.contains("locked"), "{message}");
    let stored = stored_entries();
    assert!(
        !stored.is_empty() && stored.len() < 3_000,
        "{}",
        stored.len()
    );
    for (key, value) in stored {
        assert!(value.starts_with("sealed."), "{key} stored plain");
        assert!(!value.contains("canary-restored"), "{key} readable");
    }
}

/// The widget's text, once the browser has drawn the latest change.
async fn text_after_tick(root: &web_sys::Element) -> String {
    tick().await;
    next_task().await;
    root.text_content().unwrap_or_default()
}

/// The first button in `root` whose text is `label`.
fn button(root: &web_sys::Element, label: &str) -> web_sys::HtmlElement {
    let buttons = root.get_elements_by_tag_name("button");
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .map(|b| b.unchecked_into::<web_sys::HtmlElement>())
        .find(|b| b.text_content().unwrap_or_default().trim() == label)
        .unwrap_or_else(|| panic!("no button {label:?}"))
}

#[wasm_bindgen_test]
async fn the_status_line_offers_undo_after_a_delete_and_says_when_it_is_done() {
    reset();
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("section").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let store = RwSignal::new(None::<Store>);
    let _mounted = mount_to(root.clone().unchecked_into(), move || {
        let opened = Store::open();
        provide_context(opened);
        store.set(Some(opened));
        view! { <StatusRegion /> }
    });
    let store = store.get_untracked().unwrap();

    write_and_save(store, "canary-status-2290");
    let shown = text_after_tick(&root).await;
    assert!(
        shown.contains("Saved in this browser. You can find it under Past entries."),
        "{shown}"
    );
    assert!(!shown.contains("Undo"));

    let id = store
        .journal()
        .with_untracked(|j| j.entries()[0].id.clone());
    store.delete_entry(&id);
    text_after_tick(&root).await;
    let undo = button(&root, "Undo");
    // Focus moves to "Undo" once it is drawn: the entry the visitor was on
    // is gone.
    wasm_bindgen_futures::JsFuture::from(next_frame())
        .await
        .unwrap();
    let focused = document.active_element().and_then(|e| e.text_content());
    assert_eq!(focused.as_deref().map(str::trim), Some("Undo"));
    undo.click();
    let shown = text_after_tick(&root).await;
    assert!(shown.contains("Entry restored."), "{shown}");
    assert!(!shown.contains("Undo"));
    assert_eq!(stored_entries().len(), 1);

    // Moving on clears it.
    store.clear_status();
    assert_eq!(text_after_tick(&root).await.trim(), "");
}
