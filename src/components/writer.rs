//! "Write": pick a guided prompt (or none), write, log a mood, save.

use leptos::html;
use leptos::prelude::*;

use super::app::focus_on_mount;
use super::crisis::SupportPanel;
use super::feelings::CheckInFields;
use super::store::{Store, SupportOffer};
use crate::config::Config;
use crate::model::{prompts, Prompt};

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
    let packs = expect_context::<Config>()
        .offered_packs()
        .into_iter()
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
            <CheckInFields
                draft=store.draft
                change=Callback::new(move |change| store.edit_draft(|d| d.apply(change)))
                name="interlude"
            />
            <button type="button" class="primary" on:click=move |_| store.save_draft()>
                "Save entry"
            </button>
            <Show when=move || store.support_offer.get() == SupportOffer::Showing>
                <SupportOfferPanel />
            </Show>
        </section>
    }
}

/// Offered once per visit after saving an entry with clear self-harm or
/// suicide language (see `model::crisis_language`). It never blocks
/// writing and nothing about it is kept.
#[component]
fn SupportOfferPanel() -> impl IntoView {
    let store = expect_context::<Store>();
    let close = Callback::new(move |()| store.support_offer.set(SupportOffer::Done));
    view! {
        <SupportPanel title="Would some support help right now?" on_close=close take_focus=true>
            <p>
                "Your entry is saved. Some of what you wrote sounds very painful. If you are "
                "thinking about hurting yourself or ending your life, you don't have to carry it "
                "alone: you can talk to someone now, or turn to your safety plan."
            </p>
            <p class="small">
                "Interlude noticed a few words in your entry, here on this device. Nothing was "
                "recorded or sent, and it won't ask again during this visit."
            </p>
        </SupportPanel>
    }
}
