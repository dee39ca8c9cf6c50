//! "Trends": mood over the last week, month or year, a month's calendar,
//! averages by weekday and how days with a tag compare. Every chart has
//! the same facts in words.

use leptos::html;
use leptos::prelude::*;

use super::app::focus_on_mount;
use super::chart::{LineChart, SCALE};
use super::sentence::sentence;
use crate::browser::host;
use crate::i18n::{self, tr, trf, trn};
use crate::model::time::civil_from_days;
use crate::model::trends::{self, MonthGrid, SeriesFigures, Span};
use crate::store::{now_ms, Store};

/// How many tags the comparison lists.
const TAGS_SHOWN: usize = 10;

/// The trends view.
#[component]
pub fn Trends() -> impl IntoView {
    let store = expect_context::<Store>();
    let heading = NodeRef::<html::H2>::new();
    focus_on_mount(heading);
    let days = Memo::new(move |_| {
        store
            .journal()
            .with(|j| trends::days(j.entries(), &host::local_day_number))
    });
    let has_moods = move || days.with(|d| d.values().any(|day| day.count > 0));
    view! {
        <section aria-labelledby="trends-title">
            <h2 id="trends-title" node_ref=heading tabindex="-1">
                {tr("Trends")}
            </h2>
            <Show
                when=has_moods
                fallback=|| {
                    view! {
                        <p class="empty">
                            {tr(
                                "Trends appear here once you have logged a few moods. \
                                 Everything is worked out in this browser.",
                            )}
                        </p>
                    }
                }
            >
                <MoodOverTime days />
                <Calendar days />
                <ByWeekday days />
                <TagDays days />
            </Show>
        </section>
    }
}

/// The line chart for the chosen span, with its caption.
#[component]
fn MoodOverTime(days: Memo<std::collections::BTreeMap<i64, trends::Day>>) -> impl IntoView {
    let span = RwSignal::new(Span::Month);
    let today = host::local_day_number(now_ms());
    let chart = move || {
        let span = span.get();
        let points = days.with(|d| trends::series(d, span, today));
        let last = points.len().saturating_sub(1).max(1) as i64;
        let line: Vec<(i64, i64)> = points
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let avg = i64::from(p.average?);
                Some((i as i64 * SCALE / last, (avg - 10) * SCALE / 40))
            })
            .collect();
        let name = |day: i64| match span {
            Span::Year => host::day_label(day, "month"),
            _ => host::day_label(day, "day"),
        };
        let caption = match SeriesFigures::of(&points) {
            None => trf("{span}: no moods logged.", &[("span", span.label())]),
            Some(f) => {
                let points_with_moods = f.points_with_moods as u64;
                let unit = match span {
                    Span::Year => trn("{n} month|{n} months", points_with_moods),
                    _ => trn("{n} day|{n} days", points_with_moods),
                };
                let moods = trn("{n} mood|{n} moods", u64::from(f.moods));
                trf(
                    "{span}: {moods} on {unit}, average {average} of 5. Lowest {lowest} \
                     ({lowest_when}), highest {highest} ({highest_when}).",
                    &[
                        ("span", span.label()),
                        ("moods", &moods),
                        ("unit", &unit),
                        ("average", &trends::tenths(f.average)),
                        ("lowest", &trends::tenths(f.lowest.0)),
                        ("lowest_when", &name(f.lowest.1)),
                        ("highest", &trends::tenths(f.highest.0)),
                        ("highest_when", &name(f.highest.1)),
                    ],
                )
            }
        };
        view! {
            <LineChart
                points=line
                width=300
                height=110
                y_labels=(i18n::number(5), i18n::number(1))
                caption
            />
        }
    };
    let options = Span::ALL
        .into_iter()
        .map(|s| {
            view! {
                <label class="mood-option">
                    <input
                        type="radio"
                        name="interlude-trend-span"
                        prop:checked=move || span.get() == s
                        on:change=move |_| span.set(s)
                    />
                    {s.label()}
                </label>
            }
        })
        .collect_view();
    view! {
        <h3>{tr("Mood over time")}</h3>
        <fieldset class="mood">
            <legend>{tr("Show")}</legend>
            <div class="mood-options">{options}</div>
        </fieldset>
        {chart}
    }
}

/// One month as a table: each day with its average mood.
#[component]
fn Calendar(days: Memo<std::collections::BTreeMap<i64, trends::Day>>) -> impl IntoView {
    let today = host::local_day_number(now_ms());
    let shown = RwSignal::new(days.with_untracked(|d| MonthGrid::containing(d, today)));
    // Keep the month's figures current when entries change.
    Effect::new(move |_| {
        days.track();
        shown.update(|grid| {
            *grid = days.with_untracked(|d| MonthGrid::of(d, grid.year, grid.month))
        });
    });
    let title = move || shown.with(|g| host::day_label(g.first_day(), "month"));
    let is_current = move || shown.with(|g| g.days.iter().any(|&(d, _)| d == today));
    let table = move || {
        shown.with(|grid| {
            let mut cells: Vec<Option<(i64, Option<u32>)>> = vec![None; grid.leading_blanks];
            cells.extend(grid.days.iter().copied().map(Some));
            while !cells.len().is_multiple_of(7) {
                cells.push(None);
            }
            let rows = cells
                .chunks(7)
                .map(|week| {
                    let cells = week
                        .iter()
                        .map(|cell| match cell {
                            None => view! { <td></td> }.into_any(),
                            Some((day, average)) => {
                                let number = civil_from_days(*day).2;
                                let level = average.map(|a| ((a + 5) / 10).clamp(1, 5));
                                view! {
                                    <td class=level.map(|l| format!("mood-{l}")).unwrap_or_default()>
                                        <span class="day-number">{i18n::number(u64::from(number))}</span>
                                        {average.map(|a| view! { <span class="day-mood">{trends::tenths(a)}</span> })}
                                    </td>
                                }
                                .into_any()
                            }
                        })
                        .collect_view();
                    view! { <tr>{cells}</tr> }
                })
                .collect_view();
            view! {
                <table class="calendar">
                    <caption>
                        {trf(
                            "{month}: average mood each day (1 lowest, 5 highest); blank days have none.",
                            &[("month", &title())],
                        )}
                    </caption>
                    <thead>
                        <tr>
                            {(0..7)
                                .map(|w| {
                                    view! {
                                        <th scope="col" abbr=trends::weekday_name(w)>
                                            {trends::weekday_short(w)}
                                        </th>
                                    }
                                })
                                .collect_view()}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        })
    };
    view! {
        <h3>{tr("Calendar")}</h3>
        <div class="calendar-nav">
            <button
                type="button"
                class="secondary"
                on:click=move |_| shown.update(|g| *g = days.with_untracked(|d| g.previous(d)))
            >
                {tr("Previous month")}
            </button>
            <p class="calendar-month" aria-live="polite">{title}</p>
            <button
                type="button"
                class="secondary"
                disabled=is_current
                on:click=move |_| shown.update(|g| *g = days.with_untracked(|d| g.next(d)))
            >
                {tr("Next month")}
            </button>
        </div>
        {table}
    }
}

/// The average for each weekday, as a table with a meter per row.
#[component]
fn ByWeekday(days: Memo<std::collections::BTreeMap<i64, trends::Day>>) -> impl IntoView {
    let rows = move || {
        days.with(trends::by_weekday)
            .into_iter()
            .enumerate()
            .map(|(weekday, (average, count))| {
                let figure = average.map(trends::tenths);
                let moods = match count {
                    0 => tr("none").to_string(),
                    n => trn("{n} mood|{n} moods", u64::from(n)),
                };
                view! {
                    <tr>
                        <th scope="row">{trends::weekday_name(weekday)}</th>
                        <td class="average">
                            {figure.unwrap_or_else(|| "–".into())}
                            // The meter's value is a number for the browser, not text.
                            {average.map(|a| view! {
                                <meter
                                    min="1"
                                    max="5"
                                    value=format!("{}.{}", a / 10, a % 10)
                                    aria-hidden="true"
                                ></meter>
                            })}
                        </td>
                        <td>{moods}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <h3>{tr("By day of the week")}</h3>
        <table class="weekdays">
            <caption>
                {tr("Average mood by day of the week, over everything you have logged.")}
            </caption>
            <thead>
                <tr>
                    <th scope="col">{tr("Day")}</th>
                    <th scope="col">{tr("Average")}</th>
                    <th scope="col">{tr("Logged")}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// "Days with tag X averaged Y", most used tags first.
#[component]
fn TagDays(days: Memo<std::collections::BTreeMap<i64, trends::Day>>) -> impl IntoView {
    let items = move || {
        days.with(trends::tag_comparisons)
            .into_iter()
            .take(TAGS_SHOWN)
            .map(|c| view! { <li>{sentence(c.pieces())}</li> })
            .collect_view()
    };
    let any = move || days.with(|d| !trends::tag_comparisons(d).is_empty());
    view! {
        <h3>{tr("Days with a tag")}</h3>
        <Show
            when=any
            fallback=|| {
                view! {
                    <p class="small">{tr("Add tags to your check-ins to compare days here.")}</p>
                }
            }
        >
            <ul class="tag-days">{items}</ul>
            <p class="small">
                {tr(
                    "Each day counts once, by its average mood. A difference is something to \
                     notice and perhaps talk about, not proof of a cause.",
                )}
            </p>
        </Show>
    }
}
