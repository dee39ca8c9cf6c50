//! "Past entries": everything saved, newest first, with export and delete.

use leptos::html;
use leptos::prelude::*;

use super::app::focus_on_mount;
use super::host;
use super::store::{Status, Store};
use crate::model::time::UtcDateTime;
use crate::model::Entry;

/// The list of saved entries and the download button.
#[component]
pub fn History() -> impl IntoView {
    let store = expect_context::<Store>();
    let heading = NodeRef::<html::H2>::new();
    focus_on_mount(heading);
    let count = move || store.journal.with(|j| j.len());
    let download = move |_| {
        let (name, json) = store.export_json();
        let status = match host::offer_download(&name, "application/json", &json) {
            Ok(()) => Status::Exported,
            Err(_) => Status::ExportFailed,
        };
        store.status.set(Some(status));
    };
    view! {
        <section aria-labelledby="history-title">
            <h2 id="history-title" node_ref=heading tabindex="-1">
                "Past entries"
            </h2>
            <div class="export">
                <button type="button" class="secondary" on:click=download>
                    "Download all entries (JSON)"
                </button>
                <p class="small">
                    "The file is saved on this device, to bring to a session or keep as a backup. "
                    "Nothing is sent anywhere."
                </p>
            </div>
            <Show
                when=move || { count() > 0 }
                fallback=|| {
                    view! {
                        <p class="empty">
                            "Nothing saved yet. Entries you save appear here, newest first."
                        </p>
                    }
                }
            >
                <p>
                    {move || match count() {
                        1 => "1 entry, kept only in this browser.".to_owned(),
                        n => format!("{n} entries, kept only in this browser."),
                    }}
                </p>
                <ol class="entries">
                    <For
                        each=move || store.journal.with(|j| j.entries().to_vec())
                        key=|entry| (entry.id.clone(), entry.updated_ms)
                        children=move |entry| view! { <EntryCard entry /> }
                    />
                </ol>
            </Show>
        </section>
    }
}

/// One saved entry, with a two-step delete.
#[component]
fn EntryCard(
    /// The entry to show.
    entry: Entry,
) -> impl IntoView {
    let store = expect_context::<Store>();
    let confirming = RwSignal::new(false);
    let id = entry.id.clone();
    let mood = entry
        .mood
        .map(|m| view! { <p class="entry-mood">"Mood: " {m.value()} " of 5, " {m.label()}</p> });
    let prompt = entry
        .prompt
        .map(|p| view! { <p class="entry-prompt">{p.text}</p> });
    let text = (!entry.text.is_empty()).then(|| view! { <p class="entry-text">{entry.text}</p> });
    view! {
        <li>
            <article class="entry">
                <h3>
                    <time datetime=UtcDateTime::from_epoch_ms(entry.created_ms)
                        .iso8601()>{host::local_date_time(entry.created_ms)}</time>
                </h3>
                {prompt}
                {mood}
                {text}
                <Show
                    when=move || confirming.get()
                    fallback=move || {
                        view! {
                            <button
                                type="button"
                                class="link"
                                on:click=move |_| confirming.set(true)
                            >
                                "Delete"
                            </button>
                        }
                    }
                >
                    <div class="confirm" role="group" aria-label="Confirm delete">
                        <span>"Delete this entry? This can't be undone."</span>
                        <button
                            type="button"
                            class="danger"
                            on:click={
                                let id = id.clone();
                                move |_| store.delete_entry(&id)
                            }
                        >
                            "Yes, delete"
                        </button>
                        <button type="button" class="secondary" on:click=move |_| confirming.set(false)>
                            "Keep it"
                        </button>
                    </div>
                </Show>
            </article>
        </li>
    }
}
