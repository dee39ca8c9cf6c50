//! "Share…": hands a file to another app (mail, messages, files) where the
//! browser can do that, mostly on phones. Elsewhere the button is absent
//! and the download beside it does the job.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::browser::host;
use crate::store::{Status, Store};

/// A file to share: name, media type, contents.
pub type SharedFile = (String, &'static str, String);

/// A "Share…" button, only where the browser can share files. `file` makes
/// the file when pressed; `None` means there is nothing to share.
/// `on_shared` runs once the other app has taken it.
#[component]
pub fn ShareButton(
    label: &'static str,
    file: Callback<(), Option<SharedFile>>,
    #[prop(optional)] on_shared: Option<Callback<()>>,
) -> impl IntoView {
    let store = expect_context::<Store>();
    let share = move |_| {
        let Some((name, mime, contents)) = file.run(()) else {
            return;
        };
        // Started inside the click: browsers only share in answer to one.
        match host::share_file(&name, mime, &contents) {
            Ok(promise) => spawn_local(async move {
                match JsFuture::from(promise).await {
                    Ok(_) => {
                        if let Some(done) = on_shared {
                            done.run(());
                        }
                        store.say(Status::Shared);
                    }
                    // The visitor closed the share sheet: nothing to say.
                    Err(e) if is_abort(&e) => {}
                    Err(_) => store.say(Status::ShareFailed),
                }
            }),
            Err(_) => store.say(Status::ShareFailed),
        }
    };
    host::can_share_files().then(|| {
        view! {
            <button type="button" class="secondary" on:click=share>
                {label}
            </button>
        }
    })
}

fn is_abort(error: &JsValue) -> bool {
    js_sys::Reflect::get(error, &"name".into())
        .ok()
        .and_then(|name| name.as_string())
        .is_some_and(|name| name == "AbortError")
}
