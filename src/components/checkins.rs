//! "Check-ins": the standardised questionnaires the clinic turned on
//! (PHQ-9, GAD-7, WHO-5), their results over time, and the gentle reminder.
//!
//! PHQ-9 item 9 answered above "Not at all" shows crisis help and the
//! safety plan at once, while the visitor is still answering, and again
//! above the score. Nothing else is recorded about it.

use leptos::html;
use leptos::prelude::*;

use super::app::{focus_on_mount, View};
use super::booking::clinic_name;
use super::chart::{LineChart, SCALE};
use super::crisis::SupportPanel;
use super::history::offer_csv;
use super::notices::Reminder;
use crate::browser::host;
use crate::config::Config;
use crate::export;
use crate::i18n::{self, tr, trf, trf_pieces, trn};
use crate::model::questionnaires::{self, AnswerProblem};
use crate::model::{CheckInResult, Questionnaire};
use crate::store::{now_ms, Store};

/// The check-ins view.
#[component]
pub fn CheckIns() -> impl IntoView {
    let config = expect_context::<Config>();
    let heading = NodeRef::<html::H2>::new();
    focus_on_mount(heading);
    let taking = RwSignal::new(None::<Questionnaire>);
    let finished = RwSignal::new(None::<CheckInResult>);
    let offered = config.checkins.clone();
    let store = expect_context::<Store>();
    let download = move |_| {
        let csv = store
            .checkins()
            .with(|c| export::csv::checkins_csv(c, &host::local_stamp));
        store.say(offer_csv("scores", &csv));
    };
    view! {
        <section aria-labelledby="checkins-title">
            <h2 id="checkins-title" node_ref=heading tabindex="-1">
                {tr("Check-ins")}
            </h2>
            <p>
                {tr(
                    "Short questionnaires that clinicians often use. They are not a diagnosis: \
                     your answers are something to look at over time and to talk about with your \
                     clinician. They stay on this device.",
                )}
            </p>
            {move || match (taking.get(), finished.get()) {
                (Some(questionnaire), _) => {
                    view! { <TakeCheckIn questionnaire taking finished /> }.into_any()
                }
                (None, Some(result)) => view! { <Finished result finished /> }.into_any(),
                (None, None) => {
                    let cards = offered
                        .iter()
                        .map(|&questionnaire| view! { <CheckInCard questionnaire taking /> })
                        .collect_view();
                    view! {
                        {cards}
                        <Show when=move || store.checkins().with(|c| !c.is_empty())>
                            <div class="export">
                                <button type="button" class="secondary" on:click=download>
                                    {tr("Download results (CSV)")}
                                </button>
                                <p class="small">
                                    {tr(
                                        "For a spreadsheet. The file is saved on this device; nothing is sent anywhere.",
                                    )}
                                </p>
                            </div>
                        </Show>
                    }
                    .into_any()
                }
            }}
        </section>
    }
}

/// One questionnaire: what it is, "Start", and its results over time.
#[component]
fn CheckInCard(
    questionnaire: Questionnaire,
    taking: RwSignal<Option<Questionnaire>>,
) -> impl IntoView {
    let store = expect_context::<Store>();
    let points = move || {
        store
            .checkins()
            .with(|all| questionnaires::trend(all, questionnaire))
    };
    view! {
        <article class="checkin-card">
            <h3>{questionnaire.name()}</h3>
            <p>{questionnaire.about()}</p>
            <button type="button" on:click=move |_| taking.set(Some(questionnaire))>
                {trf("Start {name}", &[("name", questionnaire.name())])}
            </button>
            {move || {
                let points = points();
                (!points.is_empty()).then(|| view! { <Trend questionnaire points /> })
            }}
            <ResultList questionnaire />
        </article>
    }
}

/// Each result of one questionnaire, newest first, with a delete (which
/// "Undo" reverses), folded away under the chart.
#[component]
fn ResultList(questionnaire: Questionnaire) -> impl IntoView {
    let store = expect_context::<Store>();
    let results = move || {
        store.checkins().with(|all| {
            all.iter()
                .rev()
                .filter(|r| r.questionnaire() == questionnaire)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let count = move || results().len();
    view! {
        <Show when=move || { count() > 0 }>
            <details class="results">
                <summary>
                    {move || {
                        trf("Each result ({count})", &[("count", &i18n::number(count() as u64))])
                    }}
                </summary>
                <ul class="result-list">
                    {move || {
                        results()
                            .into_iter()
                            .map(|result| {
                                let when = host::local_date_time(result.taken_ms());
                                let label = trf("Delete the result of {when}", &[("when", &when)]);
                                let line = trf(
                                    "{when}: {score} ({band} range)",
                                    &[
                                        ("when", &when),
                                        ("score", &questionnaire.score_text(result.score())),
                                        ("band", result.band()),
                                    ],
                                );
                                view! {
                                    <li>
                                        <span>{line}</span>
                                        <button
                                            type="button"
                                            class="link"
                                            aria-label=label
                                            on:click=move |_| store.delete_checkin(&result)
                                        >
                                            {tr("Delete")}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </details>
        </Show>
    }
}

/// Scores over time: a small line chart with the same facts as text.
#[component]
fn Trend(questionnaire: Questionnaire, points: Vec<(i64, u8)>) -> impl IntoView {
    let max = i64::from(questionnaire.max_score());
    let steps = (points.len() as i64 - 1).max(1);
    let chart_points = points
        .iter()
        .enumerate()
        .map(|(i, &(_, score))| {
            let x = if points.len() > 1 {
                i as i64 * SCALE / steps
            } else {
                SCALE / 2
            };
            (x, i64::from(score) * SCALE / max)
        })
        .collect();
    let scores: Vec<String> = points
        .iter()
        .map(|&(_, s)| questionnaire.score_text(s))
        .collect();
    let &(last_ms, last) = points.last().unwrap_or(&(0, 0));
    let caption = trf(
        "{name} results, oldest to newest: {scores}. Latest on {when}: {score} ({band} range).",
        &[
            ("name", questionnaire.name()),
            // The list separator: a comma, or the Arabic comma.
            ("scores", &scores.join(tr(", "))),
            ("when", &host::local_date_time(last_ms)),
            ("score", &questionnaire.score_text(last)),
            ("band", questionnaire.band(last)),
        ],
    );
    view! { <LineChart points=chart_points width=240 height=60 caption /> }
}

/// Answering a questionnaire.
#[component]
fn TakeCheckIn(
    questionnaire: Questionnaire,
    taking: RwSignal<Option<Questionnaire>>,
    finished: RwSignal<Option<CheckInResult>>,
) -> impl IntoView {
    let store = expect_context::<Store>();
    let heading = NodeRef::<html::H3>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    let answers = RwSignal::new(vec![None::<u8>; questionnaire.item_count()]);
    let problem = RwSignal::new(None::<String>);
    let needs_support =
        move || answers.with(|a| questionnaires::shows_self_harm_thoughts(questionnaire, a));
    // Without an official translation in the visitor's language it is
    // shown in English, marked as English, with one sentence saying why.
    let english = (!questionnaire.official_in(i18n::locale())).then_some("en");
    let items = questionnaire
        .items()
        .enumerate()
        .map(|(index, item)| {
            let options = questionnaire
                .options()
                .map(|(label, score)| {
                    view! {
                        <label class="option">
                            <input
                                type="radio"
                                name=format!("interlude-{}-{index}", questionnaire.id())
                                value=score.to_string()
                                on:change=move |_| answers.update(|a| a[index] = Some(score))
                            />
                            {label}
                        </label>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="item" lang=english dir=english.map(|_| "ltr")>
                    <legend>{format!("{}. {item}", i18n::number(index as u64 + 1))}</legend>
                    {options}
                </fieldset>
            }
        })
        .collect_view();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let given = answers.get_untracked();
        match CheckInResult::new(questionnaire, now_ms(), &given) {
            Ok(result) => {
                if store.save_checkin(result.clone()) {
                    finished.set(Some(result));
                    taking.set(None);
                }
            }
            Err(AnswerProblem::Incomplete { missing }) => problem.set(Some(trn(
                "Please answer the one question left, then see your result.\
                 |Please answer the {n} questions left, then see your result.",
                missing as u64,
            ))),
            Err(AnswerProblem::Invalid) => problem.set(Some(
                tr("Please choose one answer for each question.").to_owned(),
            )),
        }
    };
    view! {
        <form class="questionnaire" on:submit=submit>
            <h3 node_ref=heading tabindex="-1">{questionnaire.name()}</h3>
            {english.map(|_| view! {
                <p class="notice">
                    {tr("This questionnaire is in English: its official translation into your \
                         language has not been checked yet, and its scores only mean what they \
                         should in a checked wording.")}
                </p>
            })}
            <p class="stem" lang=english dir=english.map(|_| "ltr")>{questionnaire.stem()}</p>
            {items}
            <div aria-live="polite">
                <Show when=needs_support>
                    <SupportNow />
                </Show>
            </div>
            <p class="form-message problem" aria-live="polite">{move || problem.get()}</p>
            <div class="print-buttons">
                <button type="submit">{tr("See my result")}</button>
                <button type="button" class="secondary" on:click=move |_| taking.set(None)>
                    {tr("Not now")}
                </button>
            </div>
        </form>
    }
}

/// A completed check-in: support first when item 9 asked for it, then the score.
#[component]
fn Finished(result: CheckInResult, finished: RwSignal<Option<CheckInResult>>) -> impl IntoView {
    let heading = NodeRef::<html::H3>::new();
    let needs_support = result.shows_self_harm_thoughts();
    // Focus goes to whatever comes first: the support, or the result.
    Effect::new(move |_| {
        if let Some(h) = heading.get().filter(|_| !needs_support) {
            let _ = h.focus();
        }
    });
    view! {
        <div class="checkin-result">
            {needs_support.then(|| view! { <SupportNow take_focus=true /> })}
            <h3 node_ref=heading tabindex="-1">{tr("Your result")}</h3>
            <p class="result-summary">{result.summary()}</p>
            <p class="small">
                {tr(
                    "Saved on this device with your other check-ins. You could bring it to your next session.",
                )}
            </p>
            <button type="button" class="secondary" on:click=move |_| finished.set(None)>
                {tr("Back to check-ins")}
            </button>
        </div>
    }
}

/// Shown at once when PHQ-9 item 9 is answered above "Not at all".
#[component]
fn SupportNow(#[prop(optional)] take_focus: bool) -> impl IntoView {
    view! {
        <SupportPanel title=tr("Thank you for answering honestly") take_focus>
            <p>
                {tr(
                    "You said you have had thoughts of being better off dead or of hurting yourself. \
                     That is a lot to carry. You deserve support now: please reach out to someone, \
                     or turn to your safety plan.",
                )}
            </p>
        </SupportPanel>
    }
}

/// The gentle reminder the clinic can turn on, shown as the widget opens.
#[component]
pub fn CheckInReminder() -> impl IntoView {
    let store = expect_context::<Store>();
    let config = expect_context::<Config>();
    let every = (!config.checkins.is_empty())
        .then_some(config.checkin_reminder_days)
        .flatten();
    let due = move || {
        // Not while check-ins are still being read: the last may be unread.
        if store.reading().with(Option::is_some) {
            return false;
        }
        let last = store
            .checkins()
            .with(|c| c.last().map(CheckInResult::taken_ms));
        let dismissed = store.settings().with(|s| s.checkin_reminder_dismissed_ms);
        questionnaires::reminder_due(every, last, dismissed, now_ms())
    };
    // The name goes mid-sentence: the default is "your clinic".
    let text = trf_pieces(
        "Time for a short check-in? {clinic} suggests one now and then. Only if you feel like it.",
        &[("clinic", &clinic_name(&config))],
        &["clinic"],
    );
    view! {
        <Show when=due>
            <Reminder
                label=tr("Check-in reminder")
                action=tr("Take a check-in")
                view=View::CheckIns
                dismiss=Callback::new(move |()| store.dismiss_checkin_reminder())
                text=text.clone()
            />
        </Show>
    }
}
