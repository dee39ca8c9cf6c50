//! "Session summary": the visitor picks dates and what to include, sees the
//! page as it will print, and prints it or saves it as a PDF through the
//! browser's print dialog. The preview is the printed page.

use std::collections::BTreeSet;

use leptos::html;
use leptos::prelude::*;

use super::app::focus_on_mount;
use super::booking::clinic_name;
use super::chart::{LineChart, SCALE};
use super::safety_plan::plan_at_a_glance;
use super::sentence::sentence;
use super::share::ShareButton;
use crate::browser::host;
use crate::config::Config;
use crate::export;
use crate::export::summary::{self, MoodChart, MoodFigures, Summary, SummaryChoice};
use crate::i18n::{self, tr, trf_pieces, trn, trnf};
use crate::model::{Entry, EntryId, Mood, ThoughtRecord};
use crate::store::{next_task, now_ms, Status, Store};

/// How far back the dates start: about the time between monthly sessions.
const DEFAULT_DAYS: u32 = 27;

/// How much of an entry its tick shows, to recognise it.
const OPENING_LENGTH: usize = 60;

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
    let has_checkins = move || store.checkins().with(|c| !c.is_empty());
    let has_records = move || {
        store
            .journal()
            .with(|j| j.entries().iter().any(|e| e.thought_record.is_some()))
    };
    let has_plan = move || store.safety_plan().with(|p| !p.is_empty());
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

    // How many entries the dates hold, or `None` while they are wrong.
    let entries_found = move || {
        range().ok().map(|(from_ms, until_ms)| {
            store
                .journal()
                .with(|j| summary::entries_in_range(j, from_ms, until_ms).len())
        })
    };
    let entry_ticks = move || {
        let Ok((from_ms, until_ms)) = range() else {
            return ().into_any();
        };
        store.journal().with(|journal| {
            let found = summary::entries_in_range(journal, from_ms, until_ms);
            let ticks = found
                .into_iter()
                .map(|entry| {
                    let id = entry.id.clone();
                    let checked_id = id.clone();
                    let label = format!(
                        "{}: {}",
                        host::local_date(entry.created_ms),
                        summary::opening(entry, OPENING_LENGTH)
                    );
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

    // "Choose entries (20 included)": how many of the dates' entries are
    // on the page, on the disclosure that folds their ticks away.
    let choose_label = move || {
        let Ok((from_ms, until_ms)) = range() else {
            return String::new();
        };
        let (total, left) = store.journal().with(|j| {
            let found = summary::entries_in_range(j, from_ms, until_ms);
            let left = left_out.with(|l| found.iter().filter(|e| l.contains(&e.id)).count());
            (found.len(), left)
        });
        if left == 0 {
            trn(
                "Choose entries ({n} included)|Choose entries ({n} included)",
                total as u64,
            )
        } else {
            trnf(
                "Choose entries ({n} of {total} included)|Choose entries ({n} of {total} included)",
                (total - left) as u64,
                &[("total", &i18n::number(total as u64))],
            )
        }
    };

    let title = trf_pieces(
        "Notes to bring to {clinic}",
        &[("clinic", &clinic_name(&config))],
        &["clinic"],
    );
    let dates = |choice: &SummaryChoice| {
        summary::period(choice.from_ms, choice.until_ms, &host::local_date)
    };
    let markdown_title = i18n::joined(&title);
    // The summary as a Markdown file, or `None` while the dates are wrong.
    let text_file = Callback::new(move |()| {
        let choice = choice()?;
        let text = store.journal().with(|journal| {
            store.checkins().with(|results| {
                store.safety_plan().with(|plan| {
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
        store.say(status);
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
        store.journal().with(|journal| {
            store.checkins().with(|results| {
                store.safety_plan().with(|plan| {
                    let gathered = summary::gather(journal, results, plan, &choice);
                    view! {
                        <article class="summary-sheet" aria-labelledby="summary-sheet-title">
                            <h3 id="summary-sheet-title">{sentence(title)}</h3>
                            <p class="summary-dates">{dates}</p>
                            {sheet_parts(&gathered, &choice)}
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
            // Folded away: a month's ticks would push the preview several
            // of a phone's screens down.
            <Show
                when=move || entries_found().is_some_and(|n| n > 0)
                fallback=move || {
                    entries_found()
                        .is_some()
                        .then(|| view! { <p class="small">{tr("No entries in these dates.")}</p> })
                }
            >
                <details class="summary-choose">
                    <summary>{choose_label}</summary>
                    {entry_ticks}
                </details>
            </Show>
            <h3 class="visually-hidden">{tr("Preview")}</h3>
            <div class="summary-preview">{sheet}</div>
        </section>
    }
}

/// The parts of the printed page, in reading order.
fn sheet_parts(gathered: &Summary, choice: &SummaryChoice) -> AnyView {
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
    let moods = (!gathered.moods.is_empty()).then(|| mood_chart(&gathered.moods, choice));
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

/// One entry on the page. A check-in alone is one line, its mood; an
/// entry well under a page is kept whole on paper (see `style/main.css`).
fn entry_view(entry: &Entry) -> impl IntoView {
    let check_in_only = summary::is_check_in_only(entry);
    let prompt = entry
        .prompt
        .as_ref()
        .map(|p| view! { <p class="prompt" dir="auto">{p.text.clone()}</p> });
    // The check-in in one line under the words; alone, it is the entry.
    let check_in = summary::check_in_line(entry);
    let details = if check_in_only {
        view! { <p class="text">{check_in}</p> }.into_any()
    } else {
        (!check_in.is_empty())
            .then(|| view! { <p class="small">{check_in}</p> })
            .into_any()
    };
    view! {
        <article
            class="summary-entry"
            class:summary-long=!summary::is_short(entry)
            class:summary-check-in=check_in_only
        >
            <h5>{host::local_date_time(entry.created_ms)}</h5>
            {prompt}
            // The visitor's words in their own direction (English lines
            // in an Arabic summary end on the right side).
            {(!entry.text.is_empty())
                .then(|| view! { <p class="text" dir="auto">{entry.text.clone()}</p> })}
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
        .map(|(title, text)| view! { <dt>{title}</dt> <dd dir="auto">{text}</dd> })
        .collect_view();
    view! { <dl class="record-parts">{parts}</dl> }
}

/// Moods over the chosen dates: a line chart with dates along its axis,
/// and the same facts as text.
fn mood_chart(moods: &[(i64, Mood)], choice: &SummaryChoice) -> impl IntoView {
    let chart = MoodChart::new(
        moods,
        choice.from_ms,
        choice.until_ms,
        &host::local_day_number,
        SCALE,
    );
    let style = if chart.long { "month" } else { "day" };
    let x_labels = chart
        .ticks
        .iter()
        .map(|&(day, x)| (x, host::day_label(day, style)))
        .collect();
    let figures = MoodFigures::of(moods)
        .map(|f| f.sentence())
        .unwrap_or_default();
    let dates = summary::mood_dates(moods, &host::local_date).unwrap_or_default();
    view! {
        <section class="summary-part summary-mood">
            <h4>{tr("Mood")}</h4>
            <LineChart
                points=chart.points
                width=320
                height=80
                y_labels=(i18n::number(5), i18n::number(1))
                x_labels
                caption=format!("{figures} {dates}")
            />
        </section>
    }
}
