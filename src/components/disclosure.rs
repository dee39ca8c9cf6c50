//! The first-run explanation: what Interlude is and is not, where entries
//! live, and how to export and delete them, before anything is asked.

use leptos::html;
use leptos::prelude::*;

use super::app::{focus_on_mount, ViewChanged};
use crate::i18n::tr;
use crate::store::Store;

/// The honest description, shared by the first run and "About & privacy".
#[component]
pub fn DisclosureText() -> impl IntoView {
    view! {
        <ul class="facts">
            <li>
                <strong>{tr("A private space to reflect between sessions.")}" "</strong>
                {tr("Answer guided prompts, write freely, and keep track of your mood.")}
            </li>
            <li>
                <strong>{tr("Not therapy, not a diagnosis, and not an AI.")}" "</strong>
                {tr("Nothing you write is read, analysed or answered, by a person or a program.")}
            </li>
            <li>
                <strong>{tr("Not for emergencies.")}" "</strong>
                {tr("If you need help now, use “Crisis help” at the top of every screen.")}
            </li>
            <li>
                <strong>{tr("Your entries stay in this browser, on this device.")}" "</strong>
                {tr("They are never sent anywhere, and the clinic cannot see them. \
                     Anyone who can open this browser could read them.")}
            </li>
            <li>
                <strong>{tr("You are in control.")}" "</strong>
                {tr("Under “Past entries” you can download your entries to bring to a session, \
                     and delete any of them. Clearing this site's data in your browser settings \
                     deletes them too.")}
            </li>
        </ul>
    }
}

/// Shown until the visitor acknowledges it once.
#[component]
pub fn Disclosure() -> impl IntoView {
    let store = expect_context::<Store>();
    let view_changed = use_context::<ViewChanged>();
    let heading = NodeRef::<html::H2>::new();
    focus_on_mount(heading);
    view! {
        <main class="view disclosure">
            <h2 node_ref=heading tabindex="-1">
                {tr("Before you start")}
            </h2>
            <DisclosureText />
            <button
                type="button"
                class="primary"
                on:click=move |_| {
                    if let Some(ViewChanged(changed)) = view_changed {
                        changed.set(true);
                    }
                    store.acknowledge_disclosure();
                }
            >
                {tr("I understand, continue")}
            </button>
        </main>
    }
}
