//! Quick exit: a button on every screen, and Shift pressed three times.
//!
//! The widget blanks at once, then the page is *replaced* by a neutral site
//! (`location.replace`), so Back does not return to it. Embedded, the
//! widget asks the loader to replace the clinic page, which the loader does
//! with its own configured address. Exit deletes nothing.

use leptos::ev;
use leptos::prelude::*;

use crate::browser::host;
use crate::config::{Config, Mode};
use crate::i18n::tr;
use crate::model::ShiftPresses;
use crate::store::{now_ms, Store};

/// Set when the visitor has asked to leave; the widget then renders nothing.
#[derive(Clone, Copy)]
pub struct Exited(pub RwSignal<bool>);

/// Blanks the widget, locks the journal (when a passphrase is set) and leaves.
pub fn leave(config: &Config, exited: Exited, store: Store) {
    exited.0.set(true);
    store.lock_now();
    // The page is leaving; take the journal's text out of the document now
    // rather than when the navigation completes.
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        body.set_text_content(None);
    }
    let asked_host = config.mode != Mode::Standalone && host::request_exit(config);
    if !asked_host {
        if let Some(window) = web_sys::window() {
            let _ = window.location().replace(&config.exit_url);
        }
    }
}

/// Listens for Shift pressed three times anywhere in the widget's page
/// (the iframe's own window; the loader listens on the clinic page).
pub fn listen_for_shift_presses(config: Config, exited: Exited, store: Store) {
    let presses = StoredValue::new(ShiftPresses::default());
    let down = window_event_listener(ev::keydown, move |event| {
        presses.update_value(|p| p.key_down(&event.key(), event.repeat()));
    });
    let up = window_event_listener(ev::keyup, move |event| {
        let mut fire = false;
        presses.update_value(|p| fire = p.key_up(&event.key(), now_ms()));
        if fire {
            leave(&config, exited, store);
        }
    });
    on_cleanup(move || {
        down.remove();
        up.remove();
    });
}

/// The "Quick exit" button.
#[component]
pub fn QuickExitButton() -> impl IntoView {
    let config = expect_context::<Config>();
    let exited = expect_context::<Exited>();
    let store = expect_context::<Store>();
    view! {
        <button
            type="button"
            class="exit"
            title=tr("Leave now (or press Shift three times)")
            on:click=move |_| leave(&config, exited, store)
        >
            {tr("Quick exit")}
        </button>
    }
}
