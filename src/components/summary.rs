//! "Session summary": the visitor picks dates and what to include, sees the
//! page as it will print, and prints it or saves it as a PDF through the
//! browser's print dialog. The preview is the printed page.

use std::collections::BTreeSet;

use leptos::html;
use leptos::prelude::*;

use super::app::focus_on_mount;
use super::booking::clinic_name;
use super::chart::{LineChart, SCALE};
use super::host;
use super::safety_plan::plan_at_a_glance;
use super::share::ShareButton;
use super::store::{next_task, now_ms, Status, Store};
use crate::config::Config;
use crate::export;
use crate::export::summary::{self, MoodFigures, Summary, SummaryChoice};
use crate::i18n::{self, tr, trf};
use crate::model::{Entry, EntryId, Mood, ThoughtRecord};

/// How far back the dates start: about the time between monthly sessions.
const DEFAULT_DAYS: u32 = 27;

/// The session summary view.
#[component]
pub fn SessionSummary() -> impl IntoView {
    let store = expect_context::<Store>();
    let config = expect_context::<Config>();
    let heading = NodeRef::<html::H2>::new();
    focus_on_mount(heading);

    let from = RwSignal::new(host::date_input_days_ago(DEFAULT_DAYS));
    let to = RwSignal::new(host::date_input_days_ago(0));
    let moods = RwSignal::new(true);
    let entries = RwSignal::new(true);
    let topics = RwSignal::new(true);
    let thought_records = RwSignal::new(true);
    let checkins = RwSignal::new(true);
    let safety_plan = RwSignal::new(false);
    let left_out = RwSignal::new(BTreeSet::<EntryId>::new());

    // The chosen days as [start, end) in local time, or why they can't be used.
    let range = move || -> Result<(i64, i64), &'static str> {
        let start = host::local_day_start_ms(&from.get(), 0);
        let end = host::local_day_start_ms(&to.get(), 1);
        match (start, end) {
            (Some(start), Some(end)) if start < end => Ok((start, end)),
            (Some(_), Some(_)) => Err(tr("The first day is after the last day. Please swap them.")),
            _ => Err(tr("Please choose both dates.")),
        }
    };
    let choice = move || {
        range().ok().map(|(from_ms, until_ms)| SummaryChoice {
            from_ms,
            until_ms,
            moods: moods.get(),
            entries: entries.get(),
            topics: topics.get(),
            thought_records: thought_records.get(),
            checkins: checkins.get(),
            safety_plan: safety_plan.get(),
            left_out: left_out.get(),
        })
    };
    let has_checkins = move || store.checkins.with(|c| !c.is_empty());
    let has_records = move || {
        store
            .journal
            .with(|j| j.entries().iter().any(|e| e.thought_record.is_some()))
    };
    let has_plan = move || store.safety_plan.with(|p| !p.is_empty());
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };

    let tick = move |label: &'static str, signal: RwSignal<bool>| {
        view! {
            <label class="tick">
                <input
                    type="checkbox"
                    prop:checked=move || signal.get()
                    on:change=move |ev| signal.set(event_target_checked(&ev))
                />
                {label}
            </label>
        }
    };

    let entry_ticks = move || {
        let Ok((from_ms, until_ms)) = range() else {
            return ().into_any();
        };
        store.journal.with(|journal| {
            let found = summary::entries_in_range(journal, from_ms, until_ms);
            if found.is_empty() {
                return view! { <p class="small">{tr("No entries in these dates.")}</p> }
                    .into_any();
            }
            let ticks = found
                .into_iter()
                .map(|entry| {
                    let id = entry.id.clone();
                    let checked_id = id.clone();
                    let label =
                        format!("{}: {}", host::local_date(entry.created_ms), opening(entry));
                    view! {
                        <label class="tick">
                            <input
                                type="checkbox"
                                prop:checked=move || left_out.with(|l| !l.contains(&checked_id))
                                on:change=move |ev| {
                                    let keep = event_target_checked(&ev);
                                    left_out.update(|l| {
                                        if keep { l.remove(&id); } else { l.insert(id.clone()); }
                                    });
                                }
                            />
                            {label}
                        </label>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="choices">
                    <legend>{tr("Entries to include")}</legend>
                    {ticks}
                </fieldset>
            }
            .into_any()
        })
    };

    let title = trf(
        "Notes to bring to {clinic}",
        &[("clinic", &clinic_name(&config))],
    );
    let dates = |choice: &SummaryChoice| {
        trf(
            "{first} to {last}",
            &[
                ("first", &host::local_date(choice.from_ms)),
                ("last", &host::local_date(choice.until_ms - 1)),
            ],
        )
    };
    let markdown_title = title.clone();
    // The summary as a Markdown file, or `None` while the dates are wrong.
    let text_file = Callback::new(move |()| {
        let choice = choice()?;
        let text = store.journal.with(|journal| {
            store.checkins.with(|results| {
                store.safety_plan.with(|plan| {
                    let gathered = summary::gather(journal, results, plan, &choice);
                    summary::markdown(
                        &gathered,
                        &markdown_title,
                        &dates(&choice),
                        &host::local_date_time,
                        &host::local_date,
                    )
                })
            })
        });
        let name = export::file_name(now_ms(), "summary.md");
        Some((name, "text/markdown", text))
    });
    let download_text = move |_| {
        let Some((name, mime, text)) = text_file.run(()) else {
            return;
        };
        let status = match host::offer_download(&name, &format!("{mime};charset=utf-8"), &text) {
            Ok(()) => Status::Exported,
            Err(_) => Status::ExportFailed,
        };
        store.status.set(Some(status));
    };
    // The preview is drawn in a task after the rest of the view. The
    // month's entries appear twice (as ticks, and in the page), and at
    // ten years drawing both at once made one long task.
    let preview_shown = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        next_task().await;
        preview_shown.try_set(true);
    });
    let sheet = move || {
        if !preview_shown.get() {
            return ().into_any();
        }
        let Some(choice) = choice() else {
            return ().into_any();
        };
        let title = title.clone();
        let dates = dates(&choice);
        store.journal.with(|journal| {
            store.checkins.with(|results| {
                store.safety_plan.with(|plan| {
                    let gathered = summary::gather(journal, results, plan, &choice);
                    view! {
                        <article class="summary-sheet" aria-labelledby="summary-sheet-title">
                            <h3 id="summary-sheet-title">{title}</h3>
                            <p class="summary-dates">{dates}</p>
                            {sheet_parts(&gathered)}
                            <p class="small summary-footer">{summary::footer()}</p>
                        </article>
                    }
                    .into_any()
                })
            })
        })
    };

    view! {
        <section aria-labelledby="summary-title">
            <h2 id="summary-title" node_ref=heading tabindex="-1">
                {tr("Session summary")}
            </h2>
            <p>
                {tr(
                    "Choose what to bring to your next session. The preview below is the page \
                     you will print or save as a PDF. Nothing is sent anywhere.",
                )}
            </p>
            <fieldset class="choices dates">
                <legend>{tr("Dates")}</legend>
                <div class="field">
                    <label for="interlude-summary-from">{tr("First day")}</label>
                    <input
                        id="interlude-summary-from"
                        type="date"
                        prop:value=move || from.get()
                        on:change=move |ev| from.set(event_target_value(&ev))
                    />
                </div>
                <div class="field">
                    <label for="interlude-summary-to">{tr("Last day")}</label>
                    <input
                        id="interlude-summary-to"
                        type="date"
                        prop:value=move || to.get()
                        on:change=move |ev| to.set(event_target_value(&ev))
                    />
                </div>
            </fieldset>
            <p class="form-message problem" aria-live="polite">
                {move || range().err()}
            </p>
            <fieldset class="choices">
                <legend>{tr("Include")}</legend>
                {tick(tr("Topics I want to bring up (answers to “Before my session”)"), topics)}
                {tick(tr("Mood chart"), moods)}
                <Show when=has_records>{tick(tr("Thought records"), thought_records)}</Show>
                {tick(tr("Entries"), entries)}
                <Show when=has_checkins>{tick(tr("Check-in results"), checkins)}</Show>
                <Show when=has_plan>{tick(tr("My safety plan"), safety_plan)}</Show>
            </fieldset>
            {entry_ticks}
            <div class="print-buttons">
                <button
                    type="button"
                    class="primary"
                    on:click=print
                    disabled=move || choice().is_none()
                >
                    {tr("Print or save as PDF")}
                </button>
                <button
                    type="button"
                    class="secondary"
                    on:click=download_text
                    disabled=move || choice().is_none()
                >
                    {tr("Download as text (Markdown)")}
                </button>
                <ShareButton label=tr("Share as text…") file=text_file />
            </div>
            <p class="small">
                {tr(
                    "In the print dialog, choose “Save as PDF” to keep a file. The text file \
                     opens in any notes app. Both are saved on this device only.",
                )}
            </p>
            <h3 class="visually-hidden">{tr("Preview")}</h3>
            <div class="summary-preview">{sheet}</div>
        </section>
    }
}

/// The first words of an entry, to recognise it in the list of ticks.
fn opening(entry: &Entry) -> String {
    const LENGTH: usize = 60;
    let written = match &entry.thought_record {
        Some(record) if entry.text.is_empty() => {
            trf("Thought record: {thought}", &[("thought", &record.thought)])
        }
        _ => entry.text.clone(),
    };
    let text = written.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() > LENGTH {
        format!("{}…", text.chars().take(LENGTH).collect::<String>())
    } else {
        text
    }
}

/// The parts of the printed page, in reading order.
fn sheet_parts(gathered: &Summary) -> AnyView {
    if gathered.is_empty() {
        return view! {
            <p class="empty">{tr("Nothing to show for these dates and choices.")}</p>
        }
        .into_any();
    }
    let topics = (!gathered.topics.is_empty()).then(|| {
        let items = gathered.topics.iter().map(|e| entry_view(e)).collect_view();
        view! {
            <section class="summary-part">
                <h4>{tr("Topics I want to bring up")}</h4>
                {items}
            </section>
        }
    });
    let moods = (!gathered.moods.is_empty()).then(|| mood_chart(&gathered.moods));
    let checkins = (!gathered.checkins.is_empty()).then(|| {
        let items = gathered
            .checkins
            .iter()
            .map(|r| {
                view! { <li>{format!("{}: {}", host::local_date(r.taken_ms()), r.summary())}</li> }
            })
            .collect_view();
        view! {
            <section class="summary-part">
                <h4>{tr("Check-in results")}</h4>
                <ul>{items}</ul>
            </section>
        }
    });
    let records = (!gathered.thought_records.is_empty()).then(|| {
        let items = gathered
            .thought_records
            .iter()
            .map(|e| entry_view(e))
            .collect_view();
        view! {
            <section class="summary-part">
                <h4>{tr("Thought records")}</h4>
                {items}
            </section>
        }
    });
    let entries = (!gathered.entries.is_empty()).then(|| {
        let items = gathered
            .entries
            .iter()
            .map(|e| entry_view(e))
            .collect_view();
        view! {
            <section class="summary-part">
                <h4>{tr("Entries")}</h4>
                {items}
            </section>
        }
    });
    let plan = gathered.safety_plan.map(|plan| {
        view! {
            <section class="summary-part summary-plan">
                <h4>{tr("My safety plan")}</h4>
                {plan_at_a_glance(plan, true)}
            </section>
        }
    });
    view! { {topics} {moods} {checkins} {records} {entries} {plan} }.into_any()
}

fn entry_view(entry: &Entry) -> impl IntoView {
    let prompt = entry
        .prompt
        .as_ref()
        .map(|p| view! { <p class="prompt">{p.text.clone()}</p> });
    let details = entry
        .check_in_details()
        .into_iter()
        .map(|(label, words)| view! { <p class="small">{label} ": " {words}</p> })
        .collect_view();
    view! {
        <article class="summary-entry">
            <h5>{host::local_date_time(entry.created_ms)}</h5>
            {prompt}
            {(!entry.text.is_empty()).then(|| view! { <p class="text">{entry.text.clone()}</p> })}
            {entry.thought_record.as_ref().map(record_view)}
            {details}
        </article>
    }
}

/// A thought record's parts, each under its heading.
pub fn record_view(record: &ThoughtRecord) -> impl IntoView {
    let parts = record
        .sections()
        .into_iter()
        .map(|(title, text)| view! { <dt>{title}</dt> <dd>{text}</dd> })
        .collect_view();
    view! { <dl class="record-parts">{parts}</dl> }
}

/// Moods over the chosen dates: a line chart, with the same facts as text.
fn mood_chart(moods: &[(i64, Mood)]) -> impl IntoView {
    let first = moods.first().map_or(0, |&(ms, _)| ms);
    let last = moods.last().map_or(0, |&(ms, _)| ms);
    let span = (last - first).max(1);
    let points = moods
        .iter()
        .map(|&(ms, mood)| {
            // A century of milliseconds times SCALE still fits in i64.
            let x = if moods.len() > 1 {
                (ms - first) * SCALE / span
            } else {
                SCALE / 2
            };
            (x, i64::from(mood.value() - 1) * SCALE / 4)
        })
        .collect();
    let caption = MoodFigures::of(moods)
        .map(|f| f.sentence())
        .unwrap_or_default();
    view! {
        <section class="summary-part">
            <h4>{tr("Mood")}</h4>
            <LineChart
                points
                width=320
                height=80
                y_labels=(i18n::number(5), i18n::number(1))
                caption
            />
        </section>
    }
}
