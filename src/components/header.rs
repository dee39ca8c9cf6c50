//! The bar at the top of every screen. Crisis help and Quick exit are
//! always in it, in view and never covered; booking, language, lock and
//! close sit in a menu on narrow screens (a phone, or the launcher's card)
//! and in the bar itself on wide ones.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::app::focus_after_render;
use super::booking::Booking;
use super::crisis::Crisis;
use super::lock::LockButton;
use super::quick_exit::QuickExitButton;
use crate::browser::host;
use crate::config::{Config, Mode};
use crate::i18n::{tr, trf, Locale};

/// Whether the menu is open. Held by the widget, outside what a language
/// switch draws again, so the menu stays open (with focus on the language
/// list) after a switch.
#[derive(Clone, Copy)]
pub struct MenuOpen(pub RwSignal<bool>);

/// The header: brand, Crisis help, Quick exit, and the menu.
#[component]
pub fn Header(
    /// The language shown.
    current: Locale,
    /// Called with the visitor's choice of language.
    choose: Callback<Locale>,
    /// True when this was drawn because of a language switch.
    take_focus: bool,
    /// Whether the menu is open.
    menu: MenuOpen,
) -> impl IntoView {
    let config = expect_context::<Config>();
    let open = menu.0;
    let toggle = NodeRef::<html::Button>::new();
    let close_button = (config.mode == Mode::Launcher).then(|| {
        let config = config.clone();
        view! {
            <button type="button" class="close" on:click=move |_| host::request_close(&config)>
                {tr("Close")}
            </button>
        }
    });
    // Escape closes the menu (not the widget) and focus returns to its button.
    let on_keydown = move |event: ev::KeyboardEvent| {
        if event.key() == "Escape" && open.get_untracked() {
            event.stop_propagation();
            open.set(false);
            focus_after_render(toggle);
        }
    };
    // Choosing something in the menu closes it, except the language list
    // (the widget is drawn again in that language, menu still open) and a
    // button that opens a dialog (the dialog lives in the menu).
    let on_click = move |event: ev::MouseEvent| {
        let chosen = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a, button").ok().flatten())
            .is_some_and(|el| !el.has_attribute("aria-haspopup"));
        if chosen {
            open.set(false);
        }
    };
    // Tabbing out of the header closes the menu, so it never covers the
    // control that has focus.
    let on_focusout = move |event: ev::FocusEvent| {
        let leaving = event.related_target().is_some_and(|to| {
            let to = to.dyn_into::<web_sys::Node>().ok();
            let header = event
                .current_target()
                .and_then(|h| h.dyn_into::<web_sys::Node>().ok());
            !header.is_some_and(|h| h.contains(to.as_ref()))
        });
        if leaving && open.get_untracked() {
            open.set(false);
        }
    };
    view! {
        <header class="bar" on:keydown=on_keydown on:focusout=on_focusout>
            <p class="brand">
                "Interlude" <span class="tagline">{tr("a private space to reflect")}</span>
            </p>
            <div class="bar-main">
                <Crisis />
                <QuickExitButton />
                <button
                    type="button"
                    class="menu-toggle"
                    node_ref=toggle
                    aria-expanded=move || open.get().to_string()
                    aria-controls="interlude-menu"
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    <span aria-hidden="true" class="menu-icon"></span>
                    <span class="menu-label">{tr("Menu")}</span>
                </button>
            </div>
            <div
                id="interlude-menu"
                class="menu"
                class:open=move || open.get()
                on:click=on_click
            >
                <Booking />
                <LanguageSwitch current choose take_focus />
                <LockButton />
                {close_button}
            </div>
        </header>
    }
}

/// Closes the menu when the visitor presses or taps anywhere outside it
/// and its button (a pointer press: Safari does not focus buttons on click,
/// so focus alone cannot tell).
pub fn close_menu_on_outside_press(menu: MenuOpen) -> impl Fn(ev::PointerEvent) + Copy {
    move |event: ev::PointerEvent| {
        if !menu.0.get_untracked() {
            return;
        }
        let inside = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest(".menu, .menu-toggle").ok().flatten())
            .is_some();
        if !inside {
            menu.0.set(false);
        }
    }
}

/// The language list, each language in its own words. After a switch the
/// widget is drawn again, and focus comes back here. The list always shows
/// the language drawn, also after a choice that could not be loaded.
#[component]
fn LanguageSwitch(
    /// The language shown.
    current: Locale,
    /// Called with the visitor's choice.
    choose: Callback<Locale>,
    /// True when this was drawn because of a switch.
    take_focus: bool,
) -> impl IntoView {
    let select = NodeRef::<leptos::html::Select>::new();
    if take_focus {
        focus_after_render(select);
    }
    // Drawn again, the list keeps its element, where the visitor's choice
    // may still be selected.
    Effect::new(move |_| {
        if let Some(select) = select.get() {
            select.set_value(current.tag());
        }
    });
    view! {
        <label class="language">
            <span class="visually-hidden">{tr("Language")}</span>
            <select
                node_ref=select
                on:change=move |ev| {
                    if let Some(locale) = Locale::from_tag(&event_target_value(&ev)) {
                        choose.run(locale);
                    }
                }
            >
                {Locale::ALL
                    .into_iter()
                    .map(|locale| {
                        view! {
                            <option value=locale.tag() lang=locale.tag() selected=locale == current>
                                {locale.name()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// Says that `wanted` could not be loaded (its first use needs a
/// connection), in the language shown and in `wanted`'s own words.
#[component]
pub fn LanguageUnavailable(wanted: Locale) -> impl IntoView {
    view! {
        <div class="notice" role="alert">
            <p>
                {trf(
                    "{language} could not be loaded. It needs a connection the first time; \
                     choose it again once you are online. Your entries are safe.",
                    &[("language", wanted.name())],
                )}
            </p>
            <p lang=wanted.tag() dir=wanted.dir()>{wanted.unavailable()}</p>
        </div>
    }
}
