//! The CBT thought record, one step at a time, with the original thought
//! in view at every step after it is written.

use leptos::html;
use leptos::prelude::*;

use super::app::focus_after_render;

use super::sentence::sentence;
use crate::i18n::{self, tr, trf, trf_pieces};
use crate::model::thought_record::{RatedFeeling, Step, MAX_FEELINGS, MAX_FEELING_CHARS};
use crate::model::ThoughtRecord;

/// One change to a record, passed from a step to the component that
/// keeps the record.
type RecordEdit = Box<dyn Fn(&mut ThoughtRecord)>;

/// The steps of a thought record. Shows a record and reports each change;
/// the caller keeps it and offers saving.
#[component]
pub fn ThoughtRecordSteps(
    /// The record shown.
    #[prop(into)]
    record: Signal<ThoughtRecord>,
    /// Receives the whole record after every change.
    change: Callback<ThoughtRecord>,
    /// Unique in the page: element ids start with it.
    name: String,
) -> impl IntoView {
    let step = RwSignal::new(Step::Situation);
    let heading = NodeRef::<html::H3>::new();
    let go = move |to: Step| {
        step.set(to);
        // The new step's heading, so the move is announced and the next
        // Tab lands in its field.
        focus_after_render(heading);
    };
    let edit = move |f: &dyn Fn(&mut ThoughtRecord)| {
        let mut next = record.get_untracked();
        f(&mut next);
        change.run(next);
    };
    let thought_shown = move || {
        step.get().number() > Step::Thought.number()
            && record.with(|r| !r.thought.trim().is_empty())
    };
    let heading_id = format!("{name}-step");
    let body_name = name.clone();
    let body = move || {
        let current = step.get();
        let field_id = format!("{body_name}-field");
        match current {
            Step::Feelings => view! { <FeelingsStep record edit=Callback::new(move |f: RecordEdit| edit(&*f)) name=body_name.clone() /> }.into_any(),
            Step::Rerate => view! { <RerateStep record edit=Callback::new(move |f: RecordEdit| edit(&*f)) name=body_name.clone() /> }.into_any(),
            _ => view! {
                <div class="field">
                    <label for=field_id.clone()>{current.question()}</label>
                    <textarea
                        id=field_id
                        rows="5"
                        prop:value=move || record.with(|r| r.text(current).to_owned())
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            edit(&|r| r.set_text(current, text.clone()));
                        }
                    ></textarea>
                </div>
            }
            .into_any(),
        }
    };
    view! {
        <div class="thought-record">
            <Show when=thought_shown>
                <aside class="original-thought" aria-label=tr("Your thought")>
                    <p class="small">{tr("Your thought, as you wrote it")}</p>
                    <p class="thought-text" dir="auto">{move || record.with(|r| r.thought.clone())}</p>
                </aside>
            </Show>
            <h3 id=heading_id node_ref=heading tabindex="-1">
                {move || {
                    let s = step.get();
                    trf(
                        "Step {number} of {total}: {title}",
                        &[
                            ("number", &i18n::number(s.number() as u64)),
                            ("total", &i18n::number(Step::ALL.len() as u64)),
                            ("title", s.title()),
                        ],
                    )
                }}
            </h3>
            {body}
            <div class="entry-actions">
                <Show when=move || step.get().previous().is_some()>
                    <button
                        type="button"
                        class="secondary"
                        on:click=move |_| {
                            if let Some(previous) = step.get_untracked().previous() {
                                go(previous);
                            }
                        }
                    >
                        {tr("Back")}
                    </button>
                </Show>
                <Show when=move || step.get().next().is_some()>
                    <button
                        type="button"
                        class="secondary"
                        on:click=move |_| {
                            if let Some(next) = step.get_untracked().next() {
                                go(next);
                            }
                        }
                    >
                        {move || {
                            step.get()
                                .next()
                                .map(|n| trf("Next: {step}", &[("step", n.title())]))
                                .unwrap_or_default()
                        }}
                    </button>
                </Show>
            </div>
        </div>
    }
}

/// Step 2: feelings, each named and rated 0–100.
#[component]
fn FeelingsStep(
    record: Signal<ThoughtRecord>,
    edit: Callback<RecordEdit>,
    name: String,
) -> impl IntoView {
    // Start with one row to fill in.
    if record.with_untracked(|r| r.feelings.is_empty()) {
        edit.run(Box::new(|r| {
            r.feelings.push(RatedFeeling {
                before: 50,
                ..RatedFeeling::default()
            })
        }));
    }
    // A memo, so typing in a row does not redraw the rows (and lose focus).
    let count = Memo::new(move |_| record.with(|r| r.feelings.len()));
    let rows = move || {
        (0..count.get())
            .map(|i| {
                let name_id = format!("{name}-feeling-{i}");
                let rating_id = format!("{name}-feeling-{i}-rating");
                let feeling = move || record.with(|r| r.feelings.get(i).cloned().unwrap_or_default());
                view! {
                    <li class="feeling">
                        <div class="field">
                            <label for=name_id.clone()>{trf("Feeling {number}", &[("number", &i18n::number(i as u64 + 1))])}</label>
                            <input
                                id=name_id
                                type="text"
                                maxlength=MAX_FEELING_CHARS
                                list="interlude-feeling-words"
                                autocomplete="off"
                                prop:value=move || feeling().name
                                // Enter would submit the edit form around the
                                // steps; a name is one line, so it does nothing.
                                on:keydown=move |ev| {
                                    if ev.key() == "Enter" {
                                        ev.prevent_default();
                                    }
                                }
                                on:input=move |ev| {
                                    let text = event_target_value(&ev);
                                    edit.run(Box::new(move |r| {
                                        if let Some(f) = r.feelings.get_mut(i) {
                                            f.name = text.clone();
                                        }
                                    }));
                                }
                            />
                        </div>
                        <div class="field">
                            <label for=rating_id.clone()>
                                {move || {
                                    trf(
                                        "How strong: {value} of 100",
                                        &[("value", &i18n::number(u64::from(feeling().before)))],
                                    )
                                }}
                            </label>
                            <input
                                id=rating_id
                                type="range"
                                min="0"
                                max="100"
                                step="5"
                                prop:value=move || feeling().before.to_string()
                                on:input=move |ev| {
                                    let value = event_target_value(&ev).parse::<u8>().unwrap_or(0).min(100);
                                    edit.run(Box::new(move |r| {
                                        if let Some(f) = r.feelings.get_mut(i) {
                                            f.before = value;
                                        }
                                    }));
                                }
                            />
                        </div>
                        <button
                            type="button"
                            class="link"
                            on:click=move |_| {
                                edit.run(Box::new(move |r| {
                                    if i < r.feelings.len() {
                                        r.feelings.remove(i);
                                    }
                                }))
                            }
                        >
                            {move || trf("Remove feeling {number}", &[("number", &i18n::number(i as u64 + 1))])}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    let words = crate::model::Emotion::all()
        .map(|e| view! { <option value=e.label()></option> })
        .collect_view();
    view! {
        <p class="question">{Step::Feelings.question()}</p>
        <datalist id="interlude-feeling-words">{words}</datalist>
        <ol class="feelings-list">{rows}</ol>
        <Show when=move || { count.get() < MAX_FEELINGS }>
            <button
                type="button"
                class="secondary"
                on:click=move |_| {
                    edit.run(Box::new(|r| {
                        r.feelings.push(RatedFeeling {
                            before: 50,
                            ..RatedFeeling::default()
                        })
                    }))
                }
            >
                {tr("Add another feeling")}
            </button>
        </Show>
    }
}

/// The last step: each named feeling rated again.
#[component]
fn RerateStep(
    record: Signal<ThoughtRecord>,
    edit: Callback<RecordEdit>,
    name: String,
) -> impl IntoView {
    // A memo, so moving a slider does not redraw the sliders.
    let named = Memo::new(move |_| {
        record.with(|r| {
            r.feelings
                .iter()
                .enumerate()
                .filter(|(_, f)| !f.name.trim().is_empty())
                .map(|(i, f)| (i, f.name.trim().to_owned(), f.before))
                .collect::<Vec<_>>()
        })
    });
    let balanced = move || record.with(|r| r.balanced.clone());
    view! {
        <Show when=move || !balanced().trim().is_empty()>
            <p class="small">{tr("Your balanced thought")}</p>
            <p class="thought-text" dir="auto">{balanced}</p>
        </Show>
        <p class="question">{Step::Rerate.question()}</p>
        <Show
            when=move || named.with(|n| !n.is_empty())
            fallback=|| view! {
                <p class="small">
                    {tr("No feelings were named in step 2, so there is nothing to rate again. \
                         You can go back and add them.")}
                </p>
            }
        >
            {
                let name = name.clone();
                move || {
                    named
                        .get()
                        .into_iter()
                        .map(|(i, feeling, before)| {
                            let id = format!("{name}-rerate-{i}");
                            let after = move || {
                                record.with(|r| r.feelings.get(i).and_then(|f| f.after)).unwrap_or(before)
                            };
                            view! {
                                <div class="field">
                                    <label for=id.clone()>
                                        {move || {
                                            sentence(trf_pieces(
                                                "{feeling} now: {value} of 100 (it was {before})",
                                                &[
                                                    ("feeling", &feeling),
                                                    ("value", &i18n::number(u64::from(after()))),
                                                    ("before", &i18n::number(u64::from(before))),
                                                ],
                                                &["feeling"],
                                            ))
                                        }}
                                    </label>
                                    <input
                                        id=id
                                        type="range"
                                        min="0"
                                        max="100"
                                        step="5"
                                        prop:value=move || after().to_string()
                                        on:input=move |ev| {
                                            let value = event_target_value(&ev).parse::<u8>().unwrap_or(0).min(100);
                                            edit.run(Box::new(move |r| {
                                                if let Some(f) = r.feelings.get_mut(i) {
                                                    f.after = Some(value);
                                                }
                                            }));
                                        }
                                    />
                                </div>
                            }
                        })
                        .collect_view()
                }
            }
        </Show>
    }
}
