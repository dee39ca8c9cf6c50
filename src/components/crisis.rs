//! "Crisis help": one tap from every screen, in a modal dialog.

use leptos::html;
use leptos::prelude::*;

use super::app::{CurrentView, View};
use super::booking::clinic_name;
use super::quick_exit::QuickExitButton;
use super::sentence::sentence;
use crate::config::Config;
use crate::i18n::{self, tr, trf, trf_pieces};
use crate::model::crisis::ContactKind;
use crate::store::{Access, Store};

/// Crisis lines and the safety plan, offered calmly inside a view: after
/// PHQ-9 item 9, and after saving an entry with clear self-harm language.
/// `title` is in the visitor's language already; `children` is the
/// opening paragraph; `on_close` adds a "Close" button;
/// `take_focus` moves focus to its heading when it appears, so it is read
/// first (not used while the visitor is still choosing answers).
#[component]
pub fn SupportPanel(
    title: &'static str,
    children: Children,
    #[prop(optional)] on_close: Option<Callback<()>>,
    #[prop(optional)] take_focus: bool,
) -> impl IntoView {
    let current = expect_context::<CurrentView>();
    let heading = NodeRef::<html::H3>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get().filter(|_| take_focus) {
            let _ = h.focus();
        }
    });
    view! {
        <section class="support-now" aria-label=title>
            <h3 node_ref=heading tabindex="-1">{title}</h3>
            {children()}
            <CrisisLines />
            <div class="print-buttons">
                <button type="button" on:click=move |_| current.go(View::SafetyPlan)>
                    {tr("Open my safety plan")}
                </button>
                {on_close.map(|close| view! {
                    <button type="button" class="secondary" on:click=move |_| close.run(())>
                        {tr("Close")}
                    </button>
                })}
            </div>
            <p class="small">
                {tr("What you write stays on this device. Interlude cannot contact anyone for you.")}
            </p>
        </section>
    }
}

/// The emergency number and the region's crisis lines, as links.
#[component]
pub fn CrisisLines() -> impl IntoView {
    let config = expect_context::<Config>();
    let region = config.crisis_region;
    let emergency = region.emergency_number();
    let locale = i18n::locale();
    let lines = region
        .crisis_lines()
        .iter()
        .map(|line| {
            let contacts = line
                .contacts
                .iter()
                .filter(|contact| contact.offered_in(locale))
                .map(|contact| {
                    let web = contact.kind == ContactKind::Web;
                    view! {
                        <li>
                            <a
                                class="contact"
                                href=contact.href()
                                target=web.then_some("_blank")
                                rel=web.then_some("noopener noreferrer")
                            >
                                {contact.label()}
                            </a>
                        </li>
                    }
                })
                .collect_view();
            // A service's own name is isolated, so a right-to-left page
            // cannot reorder it ("988 Suicide & Crisis Lifeline").
            view! {
                <li class="line">
                    <h3><bdi>{line.name()}</bdi></h3>
                    <p>{line.detail()}</p>
                    <ul class="contacts">{contacts}</ul>
                </li>
            }
        })
        .collect_view();
    // The sentence is one key; the number inside it is a link.
    let (before, after) = split_around(
        tr(
            "If you are in danger or might act on thoughts of harming yourself, \
            call {number} now.",
        ),
        "{number}",
    );
    // The most urgent action gets the largest target, not a word-sized link.
    view! {
        <p class="urgent">{before} <bdi>{emergency}</bdi> {after}</p>
        <p class="contacts">
            <a class="contact emergency" href=format!("tel:{emergency}")>
                {trf("Call {number}", &[("number", emergency)])}
            </a>
        </p>
        <p>{tr("You can also talk to someone, any time:")}</p>
        <ul class="lines">{lines}</ul>
    }
}

/// The crisis button and the dialog it opens.
#[component]
pub fn Crisis() -> impl IntoView {
    let config = expect_context::<Config>();
    let store = expect_context::<Store>();
    let current = expect_context::<CurrentView>();
    let dialog = NodeRef::<html::Dialog>::new();
    view! {
        <button
            type="button"
            class="crisis"
            aria-haspopup="dialog"
            on:click=move |_| open_dialog(dialog)
        >
            {tr("Crisis help")}
        </button>
        <dialog node_ref=dialog class="sheet" aria-labelledby="crisis-title">
            <SheetBar dialog />
            <h2 id="crisis-title">{tr("Help right now")}</h2>
            <CrisisLines />
            <h3>{tr("Your safety plan")}</h3>
            {move || match store.access().get() {
                Access::Locked => view! {
                    <p>{tr("Your safety plan opens once you unlock your journal.")}</p>
                }
                .into_any(),
                _ if !store.settings().with(|s| s.has_acknowledged_disclosure()) => view! {
                    <p>{tr("Once you have started, you can write a safety plan here with the steps that help you.")}</p>
                }
                .into_any(),
                _ => view! {
                    <button
                        type="button"
                        class="secondary"
                        on:click=move |_| {
                            close_dialog(dialog);
                            current.go(View::SafetyPlan);
                        }
                    >
                        {tr("Open my safety plan")}
                    </button>
                }
                .into_any(),
            }}
            <p class="small">
                {sentence(trf_pieces(
                    "These services are free and separate from Interlude and from {clinic}. \
                     Interlude cannot contact anyone for you and no one sees what you write here.",
                    &[("clinic", &clinic_name(&config))],
                    &["clinic"],
                ))}
            </p>
        </dialog>
    }
}

/// The top of a modal sheet: it makes the header behind it inert, so
/// Quick exit and Close come with it, and stay in view as it scrolls.
#[component]
pub fn SheetBar(
    /// The sheet.
    dialog: NodeRef<html::Dialog>,
) -> impl IntoView {
    view! {
        <div class="sheet-bar">
            <QuickExitButton />
            <button type="button" class="secondary" on:click=move |_| close_dialog(dialog)>
                {tr("Close")}
            </button>
        </div>
    }
}

/// `text` before and after the first `placeholder` (all of it before,
/// when a translation lost the placeholder).
fn split_around(text: &'static str, placeholder: &str) -> (&'static str, &'static str) {
    text.split_once(placeholder).unwrap_or((text, ""))
}

/// Opens a dialog modally: the rest of the widget becomes inert and focus
/// moves inside; closing it returns focus to the button that opened it.
pub fn open_dialog(dialog: NodeRef<html::Dialog>) {
    if let Some(dialog) = dialog.get_untracked() {
        let _ = dialog.show_modal();
    }
}

/// Closes a dialog opened with [`open_dialog`].
pub fn close_dialog(dialog: NodeRef<html::Dialog>) {
    if let Some(dialog) = dialog.get_untracked() {
        dialog.close();
    }
}
