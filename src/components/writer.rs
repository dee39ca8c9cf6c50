//! "Write": pick a guided prompt (or none), write, log a mood, save.

use leptos::html;
use leptos::prelude::*;

use super::app::focus_on_mount;
use super::store::Store;
use crate::model::{prompts, Mood, Prompt, PACKS};

/// The editor. Every change is kept as a draft, so a reload loses nothing.
#[component]
pub fn Writer() -> impl IntoView {
    let store = expect_context::<Store>();
    let heading = NodeRef::<html::H2>::new();
    focus_on_mount(heading);
    let chosen = move || -> Option<&'static Prompt> {
        store
            .draft
            .with(|d| d.prompt_id.as_deref().and_then(prompts::find))
    };
    let is_chosen = move |id: Option<&str>| store.draft.with(|d| d.prompt_id.as_deref() == id);
    let packs = PACKS
        .iter()
        .map(|pack| {
            let options = pack
                .prompts
                .iter()
                .map(|p| {
                    view! {
                        <option value=p.id prop:selected=move || is_chosen(Some(p.id))>
                            {p.text}
                        </option>
                    }
                })
                .collect_view();
            view! { <optgroup label=pack.title>{options}</optgroup> }
        })
        .collect_view();

    view! {
        <section aria-labelledby="write-title">
            <h2 id="write-title" node_ref=heading tabindex="-1">
                "Write"
            </h2>
            <div class="field">
                <label for="interlude-prompt">"Guided prompt (optional)"</label>
                <select
                    id="interlude-prompt"
                    on:change=move |ev| {
                        let id = event_target_value(&ev);
                        store.edit_draft(|d| d.prompt_id = (!id.is_empty()).then_some(id));
                    }
                >
                    <option value="" prop:selected=move || is_chosen(None)>
                        "No prompt: write freely"
                    </option>
                    {packs}
                </select>
                {move || chosen().map(|p| view! { <p class="why">"Why this helps: " {p.why}</p> })}
            </div>
            <div class="field">
                <label for="interlude-text">
                    {move || chosen().map(|p| p.text).unwrap_or("What's on your mind?")}
                </label>
                <textarea
                    id="interlude-text"
                    rows="8"
                    prop:value=move || store.draft.with(|d| d.text.clone())
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        store.edit_draft(|d| d.text = text);
                    }
                ></textarea>
            </div>
            <MoodScale />
            <button type="button" class="primary" on:click=move |_| store.save_draft()>
                "Save entry"
            </button>
        </section>
    }
}

/// The labelled 1–5 mood scale: native radio buttons, number and words.
#[component]
fn MoodScale() -> impl IntoView {
    let store = expect_context::<Store>();
    let picked = move || store.draft.with(|d| d.mood);
    let options = Mood::ALL
        .into_iter()
        .map(|mood| {
            view! {
                <label class="mood-option">
                    <input
                        type="radio"
                        name="interlude-mood"
                        value=mood.value()
                        prop:checked=move || picked() == Some(mood)
                        on:change=move |_| store.edit_draft(|d| d.mood = Some(mood))
                    />
                    <span class="mood-number">{mood.value()}</span>
                    <span>{mood.label()}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="mood">
            <legend>"How are you feeling? (optional, 1 is lowest)"</legend>
            <div class="mood-options">{options}</div>
            <Show when=move || picked().is_some()>
                <button
                    type="button"
                    class="link"
                    on:click=move |_| store.edit_draft(|d| d.mood = None)
                >
                    "Clear mood"
                </button>
            </Show>
        </fieldset>
    }
}
