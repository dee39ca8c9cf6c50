//! The check-in controls shared by "Write" and editing an entry: the
//! 1–5 mood, then (folded away, so a check-in stays quick) energy, emotion
//! words and tags. They show a draft and report changes; the caller keeps it.

use leptos::prelude::*;

use crate::i18n::{self, tr, trn};
use crate::model::feelings::{self, MAX_TAGS, MAX_TAG_CHARS};
use crate::model::{Draft, DraftChange, Emotion, Energy, Mood, Quadrant, Tag};
use crate::store::Store;

/// How many tags to offer as one-tap choices.
const QUICK_TAGS: usize = 12;
/// How many of the newest entries the quick tags are counted in.
const QUICK_TAGS_FROM: usize = 500;

/// Mood scale, then energy, feelings and tags behind a disclosure that
/// starts open when any of them is already set.
#[component]
pub fn CheckInFields(
    /// The draft shown.
    #[prop(into)]
    draft: Signal<Draft>,
    /// Receives every change.
    change: Callback<DraftChange>,
    /// Unique in the page: radio group names and element ids start with it.
    #[prop(into)]
    name: String,
    /// "Save mood" under the mood scale while it is true, running the
    /// callback: a mood logged without scrolling down to "Save entry".
    #[prop(optional)]
    quick_save: Option<(Signal<bool>, Callback<()>)>,
) -> impl IntoView {
    let has_more = draft
        .with_untracked(|d| d.energy.is_some() || !d.emotions.is_empty() || !d.tags.is_empty());
    let summary = move || {
        let count =
            draft.with(|d| usize::from(d.energy.is_some()) + d.emotions.len() + d.tags.len());
        match count {
            0 => tr("Energy, feelings and tags (optional)").to_string(),
            n => trn(
                "Energy, feelings and tags ({n} chosen)|Energy, feelings and tags ({n} chosen)",
                n as u64,
            ),
        }
    };
    let quick_save = quick_save.map(|(offered, save)| {
        view! {
            <Show when=move || offered.get()>
                <div class="mood-actions">
                    <button type="button" class="primary" on:click=move |_| save.run(())>
                        {tr("Save mood")}
                    </button>
                </div>
            </Show>
        }
    });
    view! {
        <MoodScale draft change name=name.clone() />
        {quick_save}
        <details class="more-feelings" prop:open=has_more>
            <summary>{summary}</summary>
            <Scale
                legend=tr("Energy (1 is lowest)")
                points=Energy::ALL.map(|e| (e.value(), e.label())).to_vec()
                picked=Signal::derive(move || draft.with(|d| d.energy.map(Energy::value)))
                pick=Callback::new(move |v: Option<u8>| {
                    change.run(DraftChange::Energy(v.and_then(Energy::new)))
                })
                group=format!("{name}-energy")
                clear=tr("Clear energy")
            />
            <EmotionPicker draft change />
            <TagPicker draft change name />
        </details>
    }
}

/// The labelled 1–5 mood scale: native radio buttons, number and words.
#[component]
pub fn MoodScale(
    draft: Signal<Draft>,
    change: Callback<DraftChange>,
    name: String,
) -> impl IntoView {
    view! {
        <Scale
            legend=tr("How are you feeling? (optional, 1 is lowest)")
            points=Mood::ALL.map(|m| (m.value(), m.label())).to_vec()
            picked=Signal::derive(move || draft.with(|d| d.mood.map(Mood::value)))
            pick=Callback::new(move |v: Option<u8>| change.run(DraftChange::Mood(v.and_then(Mood::new))))
            group=format!("{name}-mood")
            clear=tr("Clear mood")
        />
    }
}

/// A five-point scale as a radio group, each point with its number and
/// words, and a way to clear it.
#[component]
fn Scale(
    /// Translated, as are the points' words and `clear`.
    legend: &'static str,
    points: Vec<(u8, &'static str)>,
    picked: Signal<Option<u8>>,
    pick: Callback<Option<u8>>,
    group: String,
    clear: &'static str,
) -> impl IntoView {
    let options = points
        .into_iter()
        .map(|(value, label)| {
            view! {
                <label class="mood-option">
                    <input
                        type="radio"
                        name=group.clone()
                        value=value
                        prop:checked=move || picked.get() == Some(value)
                        on:change=move |_| pick.run(Some(value))
                    />
                    <span class="mood-number">{i18n::number(u64::from(value))}</span>
                    <span>{label}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="mood">
            <legend>{legend}</legend>
            <div class="mood-options">{options}</div>
            <Show when=move || picked.get().is_some()>
                <button type="button" class="link" on:click=move |_| pick.run(None)>
                    {clear}
                </button>
            </Show>
        </fieldset>
    }
}

/// Emotion words as checkboxes in four groups.
#[component]
fn EmotionPicker(draft: Signal<Draft>, change: Callback<DraftChange>) -> impl IntoView {
    let groups = Quadrant::ALL
        .into_iter()
        .map(|quadrant| {
            let words = quadrant
                .emotions()
                .map(|emotion| view! { <EmotionBox emotion draft change /> })
                .collect_view();
            view! {
                <fieldset class="chips">
                    <legend>{quadrant.title()}</legend>
                    {words}
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <div class="feelings">
            <p class="label">{tr("Feelings (choose any that fit)")}</p>
            {groups}
        </div>
    }
}

#[component]
fn EmotionBox(
    emotion: Emotion,
    draft: Signal<Draft>,
    change: Callback<DraftChange>,
) -> impl IntoView {
    view! {
        <label class="chip">
            <input
                type="checkbox"
                prop:checked=move || draft.with(|d| d.emotions.contains(&emotion))
                on:change=move |_| change.run(DraftChange::ToggleEmotion(emotion))
            />
            {emotion.label()}
        </label>
    }
}

/// Tags: the suggested and most used ones as checkboxes, and a field to
/// add one's own.
#[component]
fn TagPicker(draft: Signal<Draft>, change: Callback<DraftChange>, name: String) -> impl IntoView {
    let store = expect_context::<Store>();
    // Counted in the newest entries only: the tags in use now, and a save
    // (which runs this again) costs the same after years of entries.
    let quick = Memo::new(move |_| {
        store.journal().with(|j| {
            let recent = j.entries().iter().take(QUICK_TAGS_FROM);
            feelings::quick_tags(recent.flat_map(|e| &e.tags), QUICK_TAGS)
        })
    });
    let shown = move || {
        let mut tags = quick.get();
        draft.with(|d| {
            for tag in &d.tags {
                if !tags.contains(tag) {
                    tags.push(tag.clone());
                }
            }
        });
        tags
    };
    let typed = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let input_id = format!("{name}-new-tag");
    let hint_id = format!("{name}-new-tag-hint");
    let add = move || {
        let text = typed.get_untracked();
        let Some(tag) = Tag::new(&text) else {
            return problem.set(Some(if text.trim().is_empty() {
                tr("Type a tag first.").to_owned()
            } else {
                trn(
                    "That tag is too long: up to {n} character.|\
                     That tag is too long: up to {n} characters.",
                    MAX_TAG_CHARS as u64,
                )
            }));
        };
        let (has, full) =
            draft.with_untracked(|d| (d.tags.contains(&tag), d.tags.len() >= MAX_TAGS));
        if full && !has {
            return problem.set(Some(trn(
                "An entry can have up to {n} tag.|An entry can have up to {n} tags.",
                MAX_TAGS as u64,
            )));
        }
        if !has {
            change.run(DraftChange::ToggleTag(tag));
        }
        typed.set(String::new());
        problem.set(None);
    };
    view! {
        <fieldset class="chips tags">
            <legend>{tr("Tags")}</legend>
            <For
                each=shown
                key=|tag| tag.clone()
                children=move |tag| {
                    let checked = {
                        let tag = tag.clone();
                        move || draft.with(|d| d.tags.contains(&tag))
                    };
                    let toggle = {
                        let tag = tag.clone();
                        move |_| change.run(DraftChange::ToggleTag(tag.clone()))
                    };
                    view! {
                        <label class="chip">
                            <input type="checkbox" prop:checked=checked on:change=toggle />
                            {String::from(tag)}
                        </label>
                    }
                }
            />
            <div class="add-tag">
                <label for=input_id.clone()>{tr("Add your own tag")}</label>
                <div class="add-tag-row">
                    <input
                        id=input_id
                        type="text"
                        maxlength="40"
                        autocomplete="off"
                        aria-describedby=hint_id.clone()
                        prop:value=move || typed.get()
                        on:input=move |ev| typed.set(event_target_value(&ev))
                        on:keydown=move |ev| {
                            if ev.key() == "Enter" {
                                ev.prevent_default();
                                add();
                            }
                        }
                    />
                    <button type="button" class="secondary" on:click=move |_| add()>
                        {tr("Add")}
                    </button>
                </div>
                <p class="small" id=hint_id aria-live="polite">
                    {move || {
                        problem.get().unwrap_or_else(|| {
                            tr("For example: family, medication, weather.").to_owned()
                        })
                    }}
                </p>
            </div>
        </fieldset>
    }
}
