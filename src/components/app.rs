//! The widget's frame: header with crisis help and booking on every
//! screen, notices, the first-run explanation, and the three views.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::content_pack::{self, OwnPacksReady};
use super::disclosure::Disclosure;
use super::header::{close_menu_on_outside_press, Header, LanguageUnavailable, MenuOpen};
use super::history::FileToolsOpen;
use super::later::{self, Later, Part};
use super::lock::{watch_for_auto_lock, LockScreen};
use super::notices::{StatusRegion, StorageNotice, UpdateNotice};
use super::quick_exit::{listen_for_shift_presses, Exited};
use super::safety_plan::SafetyPlanView;
use super::writer::Writer;
use crate::browser::fetched;
use crate::browser::host;
use crate::browser::updates::Updates;
use crate::config::{Config, Mode};
use crate::i18n::{self, tr, Locale};
use crate::store::{self, Access, Store};

/// The views reachable from the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// Pick a prompt, write, log a mood.
    Write,
    /// Saved entries and export.
    History,
    /// What Interlude is, privacy, contact.
    About,
    /// The safety plan (reached from the crisis panel).
    SafetyPlan,
    /// Standardised check-ins, when the clinic offers them.
    CheckIns,
    /// The printable session summary (reached from Past entries).
    Summary,
    /// Mood over time, calendar, weekdays and tags.
    Trends,
}

impl View {
    fn label(self) -> &'static str {
        match self {
            View::Write => tr("Write"),
            View::History => tr("Past entries"),
            View::About => tr("About & privacy"),
            View::SafetyPlan => tr("My safety plan"),
            View::CheckIns => tr("Check-ins"),
            View::Summary => tr("Session summary"),
            View::Trends => tr("Trends"),
        }
    }
}

/// The page's entry point: reads the clinic configuration from the URL
/// fragment, reports invalid values on the console, and shows the widget.
#[component]
pub fn App() -> impl IntoView {
    let fragment = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let (config, problems) = Config::from_fragment(&fragment);
    for problem in problems {
        web_sys::console::error_1(&problem.to_string().into());
    }
    view! { <Widget config=store::remember_clinic(config, fragment.is_empty()) /> }
}

/// How long the first drawing waits for the visitor's language before
/// drawing English meanwhile: about what a first visit's fetch takes on a
/// slow phone connection.
const FIRST_TEXT_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

/// When the first date formatter is made (`host::prepare_date_formats`):
/// after the journal is read, apart from the chunks' fetch (one second).
const PREPARE_DATE_FORMATS_AFTER: std::time::Duration = std::time::Duration::from_millis(1500);

/// The whole widget for a given configuration.
#[component]
pub fn Widget(
    /// The validated clinic configuration.
    config: Config,
) -> impl IntoView {
    host::apply_theme(&config);
    let store = Store::open();
    provide_context(store);
    provide_context(Updates::start());
    provide_context(config.clone());
    let own_packs = OwnPacksReady(RwSignal::new(false));
    provide_context(own_packs);
    if let Some(name) = config.content_pack.clone() {
        content_pack::load(name, own_packs);
    }
    provide_context(FileToolsOpen(RwSignal::new(false)));
    let exited = Exited(RwSignal::new(false));
    provide_context(exited);
    listen_for_shift_presses(config.clone(), exited, store);
    watch_for_auto_lock(store);
    let current = RwSignal::new(View::Write);
    let view_changed = RwSignal::new(false);
    provide_context(ViewChanged(view_changed));
    let goes = CurrentView {
        view: current,
        changed: view_changed,
        store,
    };
    provide_context(goes);

    store.follow_other_tabs();

    if config.mode == Mode::Launcher {
        // On the widget's own window: right after opening, focus is on the
        // iframe's body, outside the app's elements.
        let close_config = config.clone();
        let escape = window_event_listener(ev::keydown, move |event| {
            // Escape inside an open dialog closes that dialog, not the widget.
            let in_dialog = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("dialog").ok().flatten())
                .is_some();
            if event.key() == "Escape" && !in_dialog {
                host::request_close(&close_config);
            }
        });
        on_cleanup(move || escape.remove());
    }
    let acknowledged = move || store.settings().with(|s| s.has_acknowledged_disclosure());
    let journal_read = Memo::new(move |_| store.reading().with(Option::is_none));
    let offers_checkins = !config.checkins.is_empty();
    // The later views' chunks come once the journal is read, when the
    // network and the main thread are free, so opening them does not wait.
    Effect::new(move |fetched: Option<bool>| {
        let fetched = fetched.unwrap_or(false);
        if fetched || !journal_read.get() {
            return fetched;
        }
        later::fetch_all_in_background();
        set_timeout(host::prepare_date_formats, PREPARE_DATE_FORMATS_AFTER);
        true
    });

    // The visitor's choice, else the clinic's, else the browser's. A
    // journal opened later (unlocked, or changed in another tab) with a
    // choice brings it back; locking keeps the language shown.
    let language = RwSignal::new(Locale::choose(
        store.settings().with_untracked(|s| s.chosen_locale()),
        config.locale,
        host::browser_languages().iter().map(String::as_str),
    ));
    Effect::new(move |_| {
        if let Some(chosen) = store.settings().with(|s| s.chosen_locale()) {
            if chosen != language.get_untracked() {
                language.set(chosen);
            }
        }
    });
    let switched = StoredValue::new(false);
    let choose = Callback::new(move |locale: Locale| {
        switched.set_value(true);
        store.choose_locale(locale);
        language.set(locale);
    });
    // The language drawn: the chosen one once its catalog is here (fetched
    // for Spanish and Arabic; at first nothing is drawn for up to
    // FIRST_TEXT_WAIT). When it cannot be fetched, the language shown
    // before stays (English at first) and the visitor is told, in both
    // languages.
    let shown = RwSignal::new(None::<Locale>);
    let unavailable = RwSignal::new(None::<Locale>);
    Effect::new(move |_| {
        let wanted = language.get();
        if i18n::has_catalog(wanted) {
            unavailable.set(None);
            shown.set(Some(wanted));
            return;
        }
        leptos::task::spawn_local(async move {
            let loaded = fetched::load_catalog(wanted).await;
            if language.get_untracked() != wanted {
                return; // chosen again meanwhile
            }
            if loaded.is_ok() {
                unavailable.set(None);
                shown.set(Some(wanted));
            } else {
                unavailable.set(Some(wanted));
                shown.update(|shown| {
                    shown.get_or_insert(Locale::En);
                });
            }
        });
        // Crisis help never waits on a slow connection: with nothing drawn
        // yet, English is drawn after a moment, and the language replaces
        // it when its text arrives.
        if shown.get_untracked().is_none() {
            set_timeout(
                move || {
                    if shown.try_get_untracked() == Some(None) {
                        shown.try_set(Some(Locale::En));
                    }
                },
                FIRST_TEXT_WAIT,
            );
        }
    });

    // Everything is drawn again in the new language: text is looked up
    // once, when each part is drawn. The view shown, the draft and an open
    // menu stay.
    let menu = MenuOpen(RwSignal::new(false));
    let close_menu = close_menu_on_outside_press(menu);
    move || {
        let locale = shown.get()?;
        let unavailable = unavailable.get();
        i18n::set_locale(locale);
        host::set_document_language(locale);
        Some(view! {
        <div class="interlude" class:blank=move || exited.0.get() on:pointerdown=close_menu>
            <Header current=locale choose take_focus=switched.get_value() menu />
            // The only part that scrolls: the header above and the status
            // below stay in view and never cover what is in here.
            <div class="scroller">
            {unavailable.map(|wanted| view! { <LanguageUnavailable wanted /> })}
            <StorageNotice />
            <UpdateNotice />
            <Show
                when=move || store.access().get() != Access::Locked
                fallback=|| view! { <main class="view"><LockScreen /></main> }
            >
            <Show when=acknowledged fallback=|| view! { <Disclosure /> }>
                <nav class="tabs" aria-label=tr("Journal sections")>
                    {[View::Write, View::History, View::Trends]
                        .into_iter()
                        .chain(offers_checkins.then_some(View::CheckIns))
                        .chain([View::About])
                        .map(|view| {
                            view! {
                                <button
                                    type="button"
                                    aria-current=move || (current.get() == view).then_some("page")
                                    on:click=move |_| goes.go(view)
                                >
                                    {view.label()}
                                </button>
                            }
                        })
                        .collect_view()}
                </nav>
                <main class="view">
                    {move || match current.get() {
                        // Views of the whole journal wait until it is read
                        // (only the Memo is read, so other views are not
                        // drawn again as reading goes on).
                        View::History | View::Trends | View::Summary | View::CheckIns
                            if !journal_read.get() => view! { <ReadingJournal /> }.into_any(),
                        View::Write => view! { <Writer /> }.into_any(),
                        View::History => view! { <Later part=Part::History /> }.into_any(),
                        View::About => view! { <Later part=Part::About /> }.into_any(),
                        View::SafetyPlan => view! { <SafetyPlanView /> }.into_any(),
                        View::CheckIns => view! { <Later part=Part::CheckIns /> }.into_any(),
                        View::Summary => view! { <Later part=Part::Summary /> }.into_any(),
                        View::Trends => view! { <Later part=Part::Trends /> }.into_any(),
                    }}
                </main>
            </Show>
            </Show>
            </div>
            <StatusRegion />
        </div>
        })
    }
}

/// Shown in place of a view of the whole journal while years of entries
/// are still being read (a moment, at most about a second).
#[component]
fn ReadingJournal() -> impl IntoView {
    let store = expect_context::<Store>();
    let reading =
        move |part: fn((usize, usize)) -> usize| store.reading().get().map_or(1, part).to_string();
    view! {
        <p class="progress" role="status">
            <label for="interlude-progress-opening">{tr("Opening your entries…")}</label>
            <progress
                id="interlude-progress-opening"
                max=move || reading(|(_, total)| total)
                value=move || reading(|(done, _)| done)
            ></progress>
        </p>
    }
}

/// The view shown: the navigation and parts outside it that open a view
/// (the crisis panel opens the safety plan) go through [`CurrentView::go`].
#[derive(Clone, Copy)]
pub struct CurrentView {
    view: RwSignal<View>,
    changed: RwSignal<bool>,
    store: Store,
}

impl CurrentView {
    /// Shows `view` and moves focus to its heading. The last outcome
    /// ("Saved", "Undo") belongs to the view it happened in, so it goes.
    pub fn go(self, view: View) {
        self.store.clear_status();
        self.changed.set(true);
        self.view.set(view);
    }
}

/// Set once the visitor has changed view. Until then nothing moves focus,
/// so an inline widget never pulls focus away from the clinic's page.
#[derive(Clone, Copy)]
pub struct ViewChanged(pub RwSignal<bool>);

/// Focuses `node` once the browser has drawn the current update: for an
/// element that update creates, or when what had focus is going away.
pub fn focus_after_render<E>(node: NodeRef<E>)
where
    E: leptos::html::ElementType,
    E::Output: wasm_bindgen::JsCast + Clone + 'static,
{
    request_animation_frame(move || {
        if let Some(element) = node.get_untracked() {
            let _ = wasm_bindgen::JsCast::unchecked_ref::<web_sys::HtmlElement>(&element).focus();
        }
    });
}

/// Moves keyboard and screen-reader focus to a view's heading when the
/// visitor has navigated to it, so the change is announced and Tab
/// continues from there.
pub fn focus_on_mount(heading: NodeRef<leptos::html::H2>) {
    let changed = use_context::<ViewChanged>().map(|c| c.0);
    Effect::new(move |_| {
        let navigated = changed.is_some_and(|c| c.get_untracked());
        if let (true, Some(heading)) = (navigated, heading.get()) {
            let _ = heading.focus();
        }
    });
}
