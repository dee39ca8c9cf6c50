//! "My safety plan": the six steps and reasons for living, saved as the
//! visitor types, shown with call and text links, and printable as a page
//! or a wallet card.

use leptos::html;
use leptos::prelude::*;

use super::app::focus_on_mount;
use crate::config::Config;
use crate::i18n::tr;
use crate::model::crisis::ContactKind;
use crate::model::safety_plan::{links, SafetyPlan, Step};
use crate::store::Store;

/// How the plan is laid out on paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PrintLayout {
    /// One A4/Letter page.
    Page,
    /// A card to fold into a wallet: the steps most needed in a crisis.
    Card,
}

/// The safety plan view.
#[component]
pub fn SafetyPlanView() -> impl IntoView {
    let store = expect_context::<Store>();
    let config = expect_context::<Config>();
    let heading = NodeRef::<html::H2>::new();
    focus_on_mount(heading);
    // Step 5 starts with the clinic and crisis lines, editable.
    store.start_safety_plan(&config);
    let layout = RwSignal::new(PrintLayout::Page);
    let sheet = NodeRef::<html::Div>::new();
    let print = move |chosen: PrintLayout| {
        layout.set(chosen);
        // The class binding follows the signal a moment later, but the
        // browser lays the page out for print inside `print()`: set the
        // chosen layout on the sheet now, or the first card printed as
        // a page.
        if let Some(sheet) = sheet.get_untracked() {
            let _ = sheet
                .class_list()
                .toggle_with_force("card", chosen == PrintLayout::Card);
        }
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    let fields = Step::ALL
        .into_iter()
        .map(|step| {
            let id = format!("interlude-plan-{}", step.id());
            let hint_id = format!("{id}-hint");
            view! {
                <div class="field">
                    <label for=id.clone()>{step.title()}</label>
                    <p class="small" id=hint_id.clone()>{step.hint()}</p>
                    <textarea
                        id=id
                        rows="3"
                        aria-describedby=hint_id
                        prop:value=move || store.safety_plan().with(|p| p.text(step).to_owned())
                        on:input=move |ev| store.edit_safety_plan(step, &event_target_value(&ev))
                    ></textarea>
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="safety-plan" aria-labelledby="plan-title">
            <h2 id="plan-title" node_ref=heading tabindex="-1">
                {tr("My safety plan")}
            </h2>
            <p>
                {tr("A plan for when things get hard: work through the steps in order until you \
                     feel safer. It is best written with your clinician, and kept where you can find \
                     it. It is saved as you type, only on this device.")}
            </p>
            <p class="small">
                {tr("Write one thing per line. Phone numbers become call and text links below.")}
            </p>
            {fields}
            <h3>{tr("My plan at a glance")}</h3>
            <div class="print-buttons">
                <button type="button" class="secondary" on:click=move |_| print(PrintLayout::Page)>
                    {tr("Print or save as PDF")}
                </button>
                <button type="button" class="secondary" on:click=move |_| print(PrintLayout::Card)>
                    {tr("Print a wallet card")}
                </button>
            </div>
            <div
                class="plan-sheet"
                class:card=move || layout.get() == PrintLayout::Card
                node_ref=sheet
            >
                <p class="print-only plan-sheet-title">{tr("My safety plan")}</p>
                {move || store.safety_plan().with(|plan| plan_at_a_glance(plan, false))}
                <p class="print-only small">
                    {tr("Written by me, for me. If I am in danger right now I will call the emergency number.")}
                </p>
            </div>
        </section>
    }
}

/// The plan as lists with call and text links; also what is printed.
/// `nested` puts it one heading level lower, inside the session summary.
pub(super) fn plan_at_a_glance(plan: &SafetyPlan, nested: bool) -> impl IntoView {
    Step::ALL
        .into_iter()
        .map(|step| {
            let items = plan.items(step);
            let in_card = matches!(
                step,
                Step::WarningSigns | Step::Coping | Step::People | Step::Professionals | Step::Reasons
            );
            let list = if items.is_empty() {
                view! { <p class="empty">{tr("Nothing written yet.")}</p> }.into_any()
            } else {
                let items = items
                    .into_iter()
                    .map(|item| {
                        // Only the ways the number supports: a crisis
                        // line's own, else call and text.
                        let links = links(item).map(|(number, links)| {
                            let links = links
                                .into_iter()
                                .map(|link| {
                                    let action = match link.kind {
                                        ContactKind::Call => tr("Call"),
                                        _ => tr("Text"),
                                    };
                                    view! {
                                        <a class="call" href=link.href>
                                            {action}
                                            <span class="visually-hidden">{format!(" {}", number.written)}</span>
                                        </a>
                                    }
                                })
                                .collect_view();
                            view! { <span class="calls">{links}</span> }
                        });
                        view! { <li><span dir="auto">{item.to_owned()}</span> {links}</li> }
                    })
                    .collect_view();
                view! { <ul>{items}</ul> }.into_any()
            };
            let title = if nested {
                view! { <h5>{step.title()}</h5> }.into_any()
            } else {
                view! { <h4>{step.title()}</h4> }.into_any()
            };
            view! {
                <section class="plan-step" class:not-on-card=!in_card>
                    {title}
                    {list}
                </section>
            }
        })
        .collect_view()
}
