//! "About & privacy": the first-run explanation, always reachable, with
//! quick exit explained, "delete everything" and the version.

use leptos::html;
use leptos::prelude::*;

use super::app::focus_on_mount;
use super::booking::ClinicContact;
use super::disclosure::DisclosureText;
use super::lock::LockSettings;
use crate::i18n::{key, tr, trf};
use crate::store::Store;

/// What the visitor types to confirm deleting everything: this word in
/// their language (shown with `tr`), or in English.
const CONFIRM_WORD: &str = key("DELETE");

/// What Interlude is, where data lives, and how to reach the clinic.
#[component]
pub fn About() -> impl IntoView {
    let heading = NodeRef::<html::H2>::new();
    focus_on_mount(heading);
    view! {
        <section aria-labelledby="about-title">
            <h2 id="about-title" node_ref=heading tabindex="-1">
                {tr("About & privacy")}
            </h2>
            <DisclosureText />
            <h3>{tr("Leaving quickly")}</h3>
            <p>
                {tr("“Quick exit”, at the top of every screen, or pressing Shift three times, \
                     leaves at once for a weather page, and Back does not return here. \
                     It does not delete your entries and does not erase your browser history.")}
            </p>
            <LockSettings />
            <h3>{tr("Talk to a person")}</h3>
            <ClinicContact />
            <DeleteEverything />
            // Which release this is, for the visitor and for their clinic
            // when something needs looking into (CHANGELOG.md).
            <p class="small version">
                {trf("Interlude version {version}", &[("version", crate::VERSION)])}
            </p>
        </section>
    }
}

/// Deletes everything after the visitor types the confirmation word, so a
/// single click can never do it.
#[component]
pub fn DeleteEverything() -> impl IntoView {
    let store = expect_context::<Store>();
    let typed = RwSignal::new(String::new());
    let confirmed = move || {
        typed.with(|t| {
            let t = t.trim();
            t.eq_ignore_ascii_case(tr(CONFIRM_WORD)) || t.eq_ignore_ascii_case(CONFIRM_WORD)
        })
    };
    view! {
        <section class="delete-all" aria-labelledby="delete-all-title">
            <h3 id="delete-all-title">{tr("Delete everything on this device")}</h3>
            <p>
                {tr("This removes all your entries, your unsaved writing and your settings from this \
                     browser. It cannot be undone, so download your entries first if you want a copy.")}
            </p>
            <p>
                {tr("It cannot remove files you have downloaded, or this site from your browser \
                     history; your browser's settings can clear history.")}
            </p>
            <div class="field">
                <label for="interlude-delete-confirm">
                    {trf("To confirm, type {word}", &[("word", tr(CONFIRM_WORD))])}
                </label>
                <input
                    id="interlude-delete-confirm"
                    type="text"
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev))
                />
            </div>
            <button
                type="button"
                class="danger"
                disabled=move || !confirmed()
                on:click=move |_| {
                    if confirmed() {
                        store.delete_everything();
                    }
                }
            >
                {tr("Delete all my data on this device")}
            </button>
        </section>
    }
}
