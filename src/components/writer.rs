//! "Write": pick a guided prompt (or none), write, log a mood, save.

use leptos::html;
use leptos::prelude::*;

use super::app::{focus_after_render, focus_on_mount};
use super::checkins::CheckInReminder;
use super::content_pack::OwnPacksReady;
use super::crisis::SupportPanel;
use super::feelings::{CheckInFields, MoodScale};
use super::history::ExportReminder;
use super::later::{Later, Part};
use super::sentence::sentence;
use super::thought_record::ThoughtRecordSteps;
use crate::config::Config;
use crate::i18n::{tr, trf_pieces};
use crate::model::{prompts, Draft, DraftChange, Mood, Prompt, ThoughtRecord};
use crate::store::{Store, SupportOffer};

/// The editor: the mood check-in first (a mood is two taps from opening),
/// then free writing (to a prompt or not), or a thought record. Every
/// change is kept as a draft, so a reload loses nothing. Reminders come
/// last, out of the way.
#[component]
pub fn Writer() -> impl IntoView {
    let store = expect_context::<Store>();
    let heading = NodeRef::<html::H2>::new();
    focus_on_mount(heading);
    let in_record = Memo::new(move |_| store.draft().with(|d| d.thought_record.is_some()));
    view! {
        <section aria-labelledby="write-title">
            <h2 id="write-title" node_ref=heading tabindex="-1">
                {tr("Write")}
            </h2>
            // Above the editor, where it is seen as it appears.
            <Show when=move || store.support_offer().get() == SupportOffer::Showing>
                <SupportOfferPanel />
            </Show>
            {move || {
                if in_record.get() {
                    view! {
                        <QuickMood />
                        <Later part=Part::ThoughtRecord(heading) />
                    }
                    .into_any()
                } else {
                    view! { <FreeWriting /> }.into_any()
                }
            }}
            <div class="reminders">
                <CheckInReminder />
                <ExportReminder />
            </div>
        </section>
    }
}

/// While a thought record is in progress: a mood logged on its own, as an
/// entry of its own, leaving the record as it is.
#[component]
fn QuickMood() -> impl IntoView {
    let store = expect_context::<Store>();
    let mood = RwSignal::new(None::<Mood>);
    let draft = Signal::derive(move || Draft {
        mood: mood.get(),
        ..Draft::default()
    });
    let change = Callback::new(move |change: DraftChange| {
        if let DraftChange::Mood(chosen) = change {
            mood.set(chosen);
        }
    });
    view! {
        <div class="quick-mood">
            <MoodScale draft change name="interlude-quick".to_string() />
            <button
                type="button"
                class="primary"
                disabled=move || mood.get().is_none()
                on:click=move |_| {
                    if let Some(chosen) = mood.get_untracked() {
                        if store.save_mood(chosen) {
                            mood.set(None);
                        }
                    }
                }
            >
                {tr("Save mood")}
            </button>
        </div>
    }
}

/// A prompt (or none), the text, the check-in, and "Save entry".
#[component]
fn FreeWriting() -> impl IntoView {
    let store = expect_context::<Store>();
    let chosen = move || -> Option<&'static Prompt> {
        store
            .draft()
            .with(|d| d.prompt_id.as_deref().and_then(prompts::find))
    };
    let is_chosen = move |id: Option<&str>| store.draft().with(|d| d.prompt_id.as_deref() == id);
    let config = expect_context::<Config>();
    let own_packs = expect_context::<OwnPacksReady>().0;
    // Drawn again once the clinic's own packs have loaded.
    let packs = move || {
        own_packs.track();
        config
            .offered_packs()
            .into_iter()
            .map(|pack| {
                let options = pack
                    .prompts
                    .iter()
                    .map(|p| {
                        view! {
                            <option value=p.id prop:selected=move || is_chosen(Some(p.id))>
                                {p.text()}
                            </option>
                        }
                    })
                    .collect_view();
                view! { <optgroup label=pack.title()>{options}</optgroup> }
            })
            .collect_view()
    };
    let has_text = move || store.draft().with(|d| !d.text.trim().is_empty());
    view! {
        <CheckInFields
            draft=store.draft()
            change=Callback::new(move |change| store.edit_draft(|d| d.apply(change)))
            name="interlude"
            quick_save=(
                Signal::derive(move || store.draft().with(|d| d.mood.is_some() && d.text.trim().is_empty())),
                Callback::new(move |()| store.save_draft()),
            )
        />
        <div class="field">
            <label for="interlude-prompt">{tr("Guided prompt (optional)")}</label>
            <select
                id="interlude-prompt"
                on:change=move |ev| {
                    let id = event_target_value(&ev);
                    store.edit_draft(|d| d.prompt_id = (!id.is_empty()).then_some(id));
                }
            >
                <option value="" prop:selected=move || is_chosen(None)>
                    {tr("No prompt: write freely")}
                </option>
                {packs}
            </select>
            {move || {
                chosen()
                    .map(|p| {
                        view! {
                            <p class="why">
                                {sentence(trf_pieces("Why this helps: {why}", &[("why", p.why())], &["why"]))}
                            </p>
                        }
                    })
            }}
        </div>
        <div class="field">
            <label for="interlude-text" dir="auto">
                {move || chosen().map_or_else(|| tr("What's on your mind?"), |p| p.text())}
            </label>
            <textarea
                id="interlude-text"
                rows="5"
                prop:value=move || store.draft().with(|d| d.text.clone())
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    store.edit_draft(|d| d.text = text);
                }
            ></textarea>
        </div>
        <button type="button" class="primary" on:click=move |_| store.save_draft()>
            {tr("Save entry")}
        </button>
        <div class="record-offer">
            <button
                type="button"
                class="secondary"
                disabled=has_text
                aria-describedby="interlude-record-hint"
                on:click=move |_| {
                    store.edit_draft(|d| d.apply(DraftChange::ThoughtRecord(Some(ThoughtRecord::default()))))
                }
            >
                {tr("Work through a thought record (CBT)")}
            </button>
            <p class="small" id="interlude-record-hint">
                {move || {
                    if has_text() {
                        tr(
                            "Save or clear what you are writing first, then you can start a thought record.",
                        )
                    } else {
                        tr("A step-by-step exercise for a thought that keeps bothering you.")
                    }
                }}
            </p>
        </div>
    }
}

/// The thought record in progress, saving and leaving it.
#[component]
pub fn RecordWriting(
    /// The view's heading, focused when the record is saved or left.
    heading: NodeRef<html::H2>,
) -> impl IntoView {
    let store = expect_context::<Store>();
    let confirming_leave = RwSignal::new(false);
    let record = Signal::derive(move || {
        store
            .draft()
            .with(|d| d.thought_record.clone().unwrap_or_default())
    });
    let change = Callback::new(move |record: ThoughtRecord| {
        store.edit_draft(|d| d.apply(DraftChange::ThoughtRecord(Some(record))))
    });
    // Once the record is gone from the draft this view is gone too, so
    // focus goes to the heading rather than to nowhere.
    let focus_heading = move || focus_after_render(heading);
    let leave = move || {
        store.edit_draft(|d| d.apply(DraftChange::ThoughtRecord(None)));
        focus_heading();
    };
    view! {
        <div class="record-intro">
            <p>
                {tr(
                    "A thought record helps you look at a thought that upset you: what happened, \
                     what you felt, the thought itself, and the facts for and against it.",
                )}
            </p>
            <p class="why">
                {tr(
                    "Why this helps: weighing a thought against the facts can loosen its hold. It is \
                     a core exercise of cognitive behavioural therapy (CBT), good to bring to a session.",
                )}
            </p>
        </div>
        <ThoughtRecordSteps record change name="interlude-record".to_string() />
        <div class="entry-actions">
            <button
                type="button"
                class="primary"
                on:click=move |_| {
                    store.save_draft();
                    if store.draft().with_untracked(|d| d.thought_record.is_none()) {
                        focus_heading();
                    }
                }
            >
                {tr("Save thought record")}
            </button>
            <button
                type="button"
                class="secondary"
                on:click=move |_| {
                    if record.with_untracked(ThoughtRecord::is_empty) {
                        leave();
                    } else {
                        confirming_leave.set(true);
                    }
                }
            >
                {tr("Leave the thought record")}
            </button>
        </div>
        <Show when=move || confirming_leave.get()>
            <div class="confirm" role="group" aria-label=tr("Leave the thought record")>
                <span>
                    {tr(
                        "Leave without saving? What you wrote in this thought record will be discarded.",
                    )}
                </span>
                <button type="button" class="danger" on:click=move |_| leave()>
                    {tr("Discard it")}
                </button>
                <button type="button" class="secondary" on:click=move |_| confirming_leave.set(false)>
                    {tr("Keep going")}
                </button>
            </div>
        </Show>
    }
}

/// Offered once per visit after saving an entry with clear self-harm or
/// suicide language (see `model::crisis_language`). It never blocks
/// writing and nothing about it is kept.
#[component]
fn SupportOfferPanel() -> impl IntoView {
    let store = expect_context::<Store>();
    let close = Callback::new(move |()| store.close_support_offer());
    view! {
        <SupportPanel title=tr("Would some support help right now?") on_close=close take_focus=true>
            <p>
                {tr(
                    "Your entry is saved. Some of what you wrote sounds very painful. If you are \
                     thinking about hurting yourself or ending your life, you don't have to carry it \
                     alone: you can talk to someone now, or turn to your safety plan.",
                )}
            </p>
            <p class="small">
                {tr(
                    "Interlude noticed a few words in your entry, here on this device. Nothing was \
                     recorded or sent, and it won't ask again during this visit.",
                )}
            </p>
        </SupportPanel>
    }
}
