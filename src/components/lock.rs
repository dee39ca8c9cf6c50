//! The optional passphrase lock: the lock screen, its settings, the "Lock"
//! button, and auto-lock (after inactivity, when the page is hidden, on
//! quick exit).

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::about::DeleteEverything;
use super::app::{focus_on_mount, ViewChanged};
use crate::i18n::{key, tr, trn};
use crate::model::AUTO_LOCK_CHOICES;
use crate::store::{now_ms, Access, LockError, Status, Store};
use crate::vault::MIN_PASSPHRASE_CHARS;

/// Locks the journal after the visitor's chosen minutes without a key
/// press, click or touch in the widget, and at once when the page is
/// hidden (another tab or app) or put in the back-forward cache.
pub fn watch_for_auto_lock(store: Store) {
    let last_activity = StoredValue::new(now_ms());
    let active = move || last_activity.set_value(now_ms());
    let listeners = [
        window_event_listener(ev::keydown, move |_| active()),
        window_event_listener(ev::pointerdown, move |_| active()),
        window_event_listener(ev::pagehide, move |_| store.lock_now()),
        // `visibilitychange` is fired at the document and bubbles to the window.
        window_event_listener_untyped("visibilitychange", move |_| {
            let hidden = web_sys::window()
                .and_then(|w| w.document())
                .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden);
            if hidden {
                store.lock_now();
            }
        }),
    ];
    let timer = set_interval_with_handle(
        move || {
            let minutes = store.settings().with_untracked(|s| s.auto_lock_minutes());
            let idle_ms = now_ms() - last_activity.get_value();
            if store.access().get_untracked() == Access::Unlocked
                && idle_ms >= i64::from(minutes) * 60_000
            {
                store.lock_now();
            }
        },
        Duration::from_secs(5),
    )
    .ok();
    on_cleanup(move || {
        for listener in listeners {
            listener.remove();
        }
        if let Some(timer) = timer {
            timer.clear();
        }
    });
}

/// "Lock", in the header while the journal is unlocked.
#[component]
pub fn LockButton() -> impl IntoView {
    let store = expect_context::<Store>();
    view! {
        <Show when=move || store.access().get() == Access::Unlocked>
            <button type="button" class="lock" on:click=move |_| store.lock_now()>
                {tr("Lock")}
            </button>
        </Show>
    }
}

/// Shown instead of the journal while it is locked.
#[component]
pub fn LockScreen() -> impl IntoView {
    let store = expect_context::<Store>();
    let view_changed = use_context::<ViewChanged>();
    let heading = NodeRef::<html::H2>::new();
    focus_on_mount(heading);
    let passphrase = RwSignal::new(String::new());
    let form = FormState::new();
    let submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let typed = passphrase.get_untracked();
        form.run(async move {
            let result = store.unlock(typed).await;
            if result.is_ok() {
                passphrase.set(String::new());
                if let Some(changed) = view_changed {
                    changed.0.set(true);
                }
            }
            result.map(|()| "")
        });
    };
    view! {
        <section class="locked" aria-labelledby="lock-title">
            <h2 id="lock-title" node_ref=heading tabindex="-1">
                {tr("Your journal is locked")}
            </h2>
            <Show
                when=move || !store.lock_unusable().get()
                fallback=|| view! { <p class="problem">{LockError::Unusable.message()}</p> }
            >
                <p>
                    {tr("Enter your passphrase to open it. Crisis help and quick exit work \
                         without it.")}
                </p>
                <form on:submit=submit>
                    <PassphraseField
                        id="interlude-unlock"
                        label=tr("Passphrase")
                        autocomplete="current-password"
                        value=passphrase
                    />
                    <button type="submit" disabled=move || form.busy.get()>
                        {move || if form.busy.get() { tr("Opening…") } else { tr("Unlock") }}
                    </button>
                    <FormMessage form />
                </form>
            </Show>
            <details class="forgot">
                <summary>{tr("Forgot your passphrase?")}</summary>
                <p>
                    {tr("No one can recover it: not your clinic and not Interlude, because it was \
                         never stored anywhere. If you can't remember it, you can delete the \
                         locked journal from this browser and start again.")}
                </p>
                <DeleteEverything />
            </details>
        </section>
    }
}

/// The "Passphrase lock" part of "About & privacy".
#[component]
pub fn LockSettings() -> impl IntoView {
    let store = expect_context::<Store>();
    view! {
        <section class="lock-settings" aria-labelledby="lock-settings-title">
            <h3 id="lock-settings-title">{tr("Passphrase lock")}</h3>
            <Show
                when=move || store.access().get() == Access::Unlocked
                fallback=move || view! { <SetPassphrase /> }
            >
                <p>
                    {tr("Your journal is encrypted in this browser. It locks when you press Lock, \
                         use quick exit, switch to another tab or app, or leave it unused.")}
                </p>
                <AutoLockChoice />
                <ChangePassphrase />
                <RemovePassphrase />
            </Show>
        </section>
    }
}

#[component]
fn SetPassphrase() -> impl IntoView {
    let store = expect_context::<Store>();
    let passphrase = RwSignal::new(String::new());
    let confirmation = RwSignal::new(String::new());
    let form = FormState::new();
    let submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let (p, c) = (passphrase.get_untracked(), confirmation.get_untracked());
        form.run(async move {
            let result = store.set_passphrase(p, c).await;
            if result.is_ok() {
                passphrase.set(String::new());
                confirmation.set(String::new());
            }
            result.map(|()| key("The lock is on. Your journal is now stored encrypted."))
        });
    };
    view! {
        <p>
            {tr("Anyone using this browser could open Interlude and read your entries. \
                 With a passphrase, everything is stored encrypted and opens only with it.")}
        </p>
        <p class="warning">
            {with_strong(tr("{strong}If you forget the passphrase, your entries cannot be \
                 recovered{/strong} by anyone: not your clinic and not Interlude. Download your \
                 entries first if you want a copy."))}
        </p>
        <form on:submit=submit>
            <PassphraseField
                id="interlude-new-passphrase"
                label=tr("New passphrase")
                hint=trn(
                    "At least {n} character. A few unrelated words work well.|\
                     At least {n} characters. A few unrelated words work well.",
                    MIN_PASSPHRASE_CHARS as u64,
                )
                autocomplete="new-password"
                value=passphrase
            />
            <PassphraseField
                id="interlude-confirm-passphrase"
                label=tr("Type it again")
                autocomplete="new-password"
                value=confirmation
            />
            <button type="submit" disabled=move || form.busy.get()>
                {move || if form.busy.get() { tr("Encrypting…") } else { tr("Turn on the lock") }}
            </button>
            <FormMessage form />
        </form>
    }
}

#[component]
fn AutoLockChoice() -> impl IntoView {
    let store = expect_context::<Store>();
    let current = move || store.settings().with(|s| s.auto_lock_minutes());
    view! {
        <div class="field">
            <label for="interlude-auto-lock">{tr("Lock after this long unused")}</label>
            <select
                id="interlude-auto-lock"
                on:change=move |ev| {
                    if let Ok(minutes) = event_target_value(&ev).parse() {
                        store.set_auto_lock_minutes(minutes);
                    }
                }
            >
                {AUTO_LOCK_CHOICES
                    .into_iter()
                    .map(|minutes| {
                        let label = if minutes % 60 == 0 {
                            trn("{n} hour|{n} hours", u64::from(minutes / 60))
                        } else {
                            trn("{n} minute|{n} minutes", u64::from(minutes))
                        };
                        view! {
                            <option value=minutes.to_string() selected=move || current() == minutes>
                                {label}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

#[component]
fn ChangePassphrase() -> impl IntoView {
    let store = expect_context::<Store>();
    let current = RwSignal::new(String::new());
    let passphrase = RwSignal::new(String::new());
    let confirmation = RwSignal::new(String::new());
    let form = FormState::new();
    let submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let values = (
            current.get_untracked(),
            passphrase.get_untracked(),
            confirmation.get_untracked(),
        );
        form.run(async move {
            let result = store.change_passphrase(values.0, values.1, values.2).await;
            if result.is_ok() {
                for field in [current, passphrase, confirmation] {
                    field.set(String::new());
                }
            }
            result.map(|()| key("Passphrase changed. Use the new one from now on."))
        });
    };
    view! {
        <details>
            <summary>{tr("Change passphrase")}</summary>
            <form on:submit=submit>
                <PassphraseField
                    id="interlude-current-passphrase"
                    label=tr("Current passphrase")
                    autocomplete="current-password"
                    value=current
                />
                <PassphraseField
                    id="interlude-changed-passphrase"
                    label=tr("New passphrase")
                    hint=trn(
                        "At least {n} character.|At least {n} characters.",
                        MIN_PASSPHRASE_CHARS as u64,
                    )
                    autocomplete="new-password"
                    value=passphrase
                />
                <PassphraseField
                    id="interlude-changed-confirmation"
                    label=tr("Type the new one again")
                    autocomplete="new-password"
                    value=confirmation
                />
                <button type="submit" disabled=move || form.busy.get()>
                    {move || if form.busy.get() { tr("Changing…") } else { tr("Change passphrase") }}
                </button>
                <FormMessage form />
            </form>
        </details>
    }
}

#[component]
fn RemovePassphrase() -> impl IntoView {
    let store = expect_context::<Store>();
    let current = RwSignal::new(String::new());
    let form = FormState::new();
    let submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let typed = current.get_untracked();
        form.run(async move {
            store
                .remove_passphrase(typed)
                .await
                .map(|()| key("The lock is off. Your journal is stored unencrypted again."))
        });
    };
    view! {
        <details>
            <summary>{tr("Remove the lock")}</summary>
            <p>
                {tr("Your entries will be stored unencrypted again, readable by anyone who opens \
                     Interlude in this browser.")}
            </p>
            <form on:submit=submit>
                <PassphraseField
                    id="interlude-remove-passphrase"
                    label=tr("Current passphrase")
                    autocomplete="current-password"
                    value=current
                />
                <button type="submit" class="secondary" disabled=move || form.busy.get()>
                    {move || if form.busy.get() { tr("Removing…") } else { tr("Remove the lock") }}
                </button>
                <FormMessage form />
            </form>
        </details>
    }
}

/// Translated text with one part in bold, marked `{strong}…{/strong}` so
/// each language puts the emphasis where its sentence needs it.
fn with_strong(text: &'static str) -> impl IntoView {
    let (before, rest) = text.split_once("{strong}").unwrap_or(("", text));
    let (strong, after) = rest.split_once("{/strong}").unwrap_or((rest, ""));
    view! { {before}<strong>{strong}</strong>{after} }
}

/// A labelled password input bound to `value`.
#[component]
pub fn PassphraseField(
    /// Element id (labels refer to it).
    id: &'static str,
    /// Visible label (translated).
    label: &'static str,
    /// `current-password` or `new-password`, so password managers help.
    autocomplete: &'static str,
    /// The typed text.
    value: RwSignal<String>,
    /// Help shown under the label.
    #[prop(optional, into)]
    hint: Option<String>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let described_by = hint.as_ref().map(|_| hint_id.clone());
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {hint.map(|hint| view! { <p class="small" id=hint_id>{hint}</p> })}
            <input
                id=id
                type="password"
                autocomplete=autocomplete
                spellcheck="false"
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}

/// A passphrase form's progress and its problem, if any. Success is
/// announced in the widget's status region, because the form itself often
/// disappears on success (the journal opens, or the lock settings change).
#[derive(Clone, Copy)]
pub struct FormState {
    /// True while the key derivation runs.
    pub busy: RwSignal<bool>,
    problem: RwSignal<Option<String>>,
    store: Store,
}

impl Default for FormState {
    fn default() -> Self {
        FormState::new()
    }
}

impl FormState {
    /// A form with nothing to report (created inside a component).
    pub fn new() -> FormState {
        FormState {
            busy: RwSignal::new(false),
            problem: RwSignal::new(None),
            store: expect_context::<Store>(),
        }
    }

    /// Runs `action` unless one is running; announces its success message
    /// (English made with `key`, unless empty) or shows its problem.
    pub fn run(
        self,
        action: impl std::future::Future<Output = Result<&'static str, LockError>> + 'static,
    ) {
        // One copy of the shared part, whatever the action (smaller wasm).
        self.run_boxed(Box::pin(action));
    }

    fn run_boxed(self, action: Pin<Box<dyn Future<Output = Result<&'static str, LockError>>>>) {
        if self.busy.get_untracked() {
            return;
        }
        let store = self.store;
        self.busy.set(true);
        self.problem.set(None);
        store.clear_status();
        spawn_local(async move {
            let outcome = action.await;
            // The form may be gone (the journal opened or locked meanwhile).
            let _ = self.busy.try_set(false);
            match outcome {
                Ok("") => {}
                Ok(done) => store.say(Status::LockChanged(done)),
                Err(e) => {
                    let _ = self.problem.try_set(Some(e.message()));
                }
            }
        });
    }
}

/// The problem of a [`FormState`], announced politely.
#[component]
pub fn FormMessage(
    /// The form whose outcome to show.
    form: FormState,
) -> impl IntoView {
    view! {
        <p class="form-message problem" aria-live="polite">
            {move || form.problem.get()}
        </p>
    }
}
