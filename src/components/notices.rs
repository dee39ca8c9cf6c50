//! Lasting notices about storage, and the live region for outcomes.

use leptos::prelude::*;

use super::app::{focus_after_render, CurrentView, View};
use super::sentence::sentence;
use crate::browser::host;
use crate::browser::updates::Updates;
use crate::config::Config;
use crate::i18n::{tr, trn, Piece};
use crate::store::{StorageError, Store};

/// Explains, calmly, when entries are not being kept or cannot be read.
#[component]
pub fn StorageNotice() -> impl IntoView {
    let store = expect_context::<Store>();
    let config = expect_context::<Config>();
    let framed = host::is_framed();
    let new_tab_url = host::standalone_url(&config);
    let problem = move || {
        store.storage_problem().get().map(|problem| match problem {
            StorageError::ReadOnly => view! {
                <p class="notice">
                    {tr("This journal was last used with a newer version of Interlude. You can \
                         read and download your entries, but saving is paused so nothing is \
                         overwritten.")}
                </p>
            }
            .into_any(),
            _ if framed => view! {
                <div class="notice">
                    <p>
                        {tr("Your browser doesn't let this embedded window keep anything, so what \
                             you write here will be gone when you close it.")}
                    </p>
                    <a
                        class="button"
                        href=new_tab_url.clone()
                        target="_blank"
                        rel="noopener noreferrer"
                    >
                        {tr("Continue in a new tab, where your entries can be saved")}
                    </a>
                </div>
            }
            .into_any(),
            _ => view! {
                <p class="notice">
                    {tr("Your browser is not letting this page store anything (a private window or \
                         a privacy setting can do this). You can still write, but entries last \
                         only until you close the page. Download anything you want to keep from \
                         “Past entries”.")}
                </p>
            }
            .into_any(),
        })
    };
    let unreadable = move || {
        let count = store.unreadable().with(Vec::len);
        (count > 0).then(|| {
            view! {
                <p class="notice">
                    {trn(
                        "{n} saved item couldn't be read. They have been set aside unchanged, \
                         not deleted, and are included when you download your entries.|\
                         {n} saved items couldn't be read. They have been set aside unchanged, \
                         not deleted, and are included when you download your entries.",
                        count as u64,
                    )}
                </p>
            }
        })
    };
    view! { <div class="notices">{problem} {unreadable}</div> }
}

/// Announces the latest outcome ("Saved", "Couldn't save: …") politely to
/// screen readers and shows it on screen. Always in the page, because a
/// live region added at the same time as its text is not announced.
///
/// After a delete or an edit it offers "Undo", and focus moves there: the
/// entry the visitor was on has gone or been redrawn.
#[component]
pub fn StatusRegion() -> impl IntoView {
    let store = expect_context::<Store>();
    let undo_button = NodeRef::<leptos::html::Button>::new();
    let can_undo = move || {
        store
            .status()
            .with(|s| s.as_ref().is_some_and(|s| s.can_undo()))
    };
    Effect::new(move || {
        if can_undo() {
            // The button is drawn in this same update.
            focus_after_render(undo_button);
        }
    });
    view! {
        <div class="status-bar" class:showing=move || store.status().with(Option::is_some)>
            <p
                class="status"
                class:problem=move || store.status().with(|s| s.as_ref().is_some_and(|s| s.is_problem()))
                role="status"
            >
                {move || store.status().with(|s| s.as_ref().map(|s| s.message()))}
            </p>
            <Show when=can_undo>
                <button
                    type="button"
                    class="secondary"
                    node_ref=undo_button
                    on:click=move |_| store.undo()
                >
                    {tr("Undo")}
                </button>
            </Show>
        </div>
    }
}

/// Offers a new version once it is ready; nothing changes until the
/// visitor chooses to reload.
#[component]
pub fn UpdateNotice() -> impl IntoView {
    let updates = expect_context::<Updates>();
    view! {
        <Show when=move || updates.ready.get()>
            <div class="notice update">
                <p>
                    {tr("A new version of Interlude is ready. Reloading takes a moment; your \
                         entries and what you are writing are kept.")}
                </p>
                <button type="button" class="secondary" on:click=move |_| updates.apply()>
                    {tr("Reload to update")}
                </button>
            </div>
        </Show>
    }
}

/// A gentle reminder shown as the widget opens: a sentence, one way to act
/// on it (which goes to `view`), and "Not now".
#[component]
pub fn Reminder(
    /// Names the region for screen readers (translated).
    label: &'static str,
    /// What the button that acts on it says (translated).
    action: &'static str,
    /// Where that button goes.
    view: View,
    /// Runs on "Not now".
    dismiss: Callback<()>,
    /// The sentence (the clinic's name in it isolated).
    text: Vec<Piece>,
    /// Runs before going to `view` (to unfold the part it points at).
    #[prop(optional)]
    before: Option<Callback<()>>,
) -> impl IntoView {
    let current = expect_context::<CurrentView>();
    view! {
        <div class="notice reminder" role="region" aria-label=label>
            <p>{sentence(text)}</p>
            <div class="print-buttons">
                <button
                    type="button"
                    class="secondary"
                    on:click=move |_| {
                        if let Some(before) = before {
                            before.run(());
                        }
                        current.go(view);
                    }
                >
                    {action}
                </button>
                <button type="button" class="secondary" on:click=move |_| dismiss.run(())>
                    {tr("Not now")}
                </button>
            </div>
        </div>
    }
}
