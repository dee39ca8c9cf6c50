//! "Past entries": everything saved, newest first, with export and delete.

use leptos::html;
use leptos::prelude::*;

use leptos::ev;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::app::{focus_on_mount, CurrentView, View};
use super::host;
use super::lock::{FormMessage, FormState, PassphraseField};
use super::notices::Reminder;
use super::share::ShareButton;
use super::store::{now_ms, Access, Status, Store};
use super::timeline::Timeline;
use crate::export;
use crate::export::backup::MAX_FILE_BYTES;
use crate::export::daylio::{self, DaylioProblem, DaylioRow};
use crate::model::{settings, Entry, EntryId};
use crate::vault::{EncryptedBackup, VaultError};

/// The list of saved entries and the download button.
#[component]
pub fn History() -> impl IntoView {
    let store = expect_context::<Store>();
    let heading = NodeRef::<html::H2>::new();
    focus_on_mount(heading);
    let download = move |_| {
        let (name, json) = store.export_json();
        offer_copy(store, &name, &json);
    };
    let current = expect_context::<CurrentView>();
    let download_moods = move |_| {
        let csv = store
            .journal
            .with(|j| export::csv::moods_csv(j.entries(), &host::local_stamp));
        store.status.set(Some(offer_csv("moods", &csv)));
    };
    view! {
        <section aria-labelledby="history-title">
            <h2 id="history-title" node_ref=heading tabindex="-1">
                "Past entries"
            </h2>
            <h3>"Bring to a session"</h3>
            <div class="export">
                <button type="button" class="primary" on:click=move |_| current.go(View::Summary)>
                    "Prepare a session summary"
                </button>
                <button type="button" class="secondary" on:click=download>
                    "Download all entries (JSON)"
                </button>
                <button type="button" class="secondary" on:click=download_moods>
                    "Download moods (CSV)"
                </button>
                <p class="small">
                    "Files are saved on this device, to print, read or bring along. "
                    "Nothing is sent anywhere."
                </p>
            </div>
            <Backups />
            <DaylioImport />
            <h3>"Your entries"</h3>
            <Timeline />
        </section>
    }
}

/// Backup (encrypted while a passphrase lock is set, plain otherwise) and
/// restore from either kind.
#[component]
fn Backups() -> impl IntoView {
    let store = expect_context::<Store>();
    let pending = RwSignal::new(None::<EncryptedBackup>);
    let passphrase = RwSignal::new(String::new());
    let form = FormState::new();
    let download = move |_| match store.export_encrypted_backup() {
        Some((name, json)) => offer_copy(store, &name, &json),
        None => store.status.set(Some(Status::ExportFailed)),
    };
    let download_plain = move |_| {
        let (name, json) = store.export_plain_backup();
        offer_copy(store, &name, &json);
    };
    let chosen = move |ev: ev::Event| {
        pending.set(None);
        read_chosen_file(&ev, store, "Interlude backup", move |text| {
            let outcome = match EncryptedBackup::parse(&text) {
                Ok(Some(backup)) => return pending.set(Some(backup)),
                // Not encrypted: a plain backup, or says why it isn't one.
                Ok(None) => return spawn_local(store.restore_payload(text)),
                Err(VaultError::WeakParameters) => {
                    "This backup's protection is weaker than Interlude accepts, so it wasn't opened."
                }
                Err(VaultError::UnsupportedVersion) => {
                    "This backup was made by a newer version of Interlude."
                }
                Err(_) => "This file is damaged or isn't an Interlude backup.",
            };
            store.status.set(Some(Status::RestoreFailed(format!(
                "{outcome} Nothing was changed."
            ))));
        });
    };
    let restore = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        let Some(backup) = pending.get_untracked() else {
            return;
        };
        let typed = passphrase.get_untracked();
        form.run(async move {
            store.restore_backup(backup, typed).await?;
            passphrase.set(String::new());
            pending.set(None);
            Ok("")
        });
    };
    let last_copy = move || {
        let last = store.settings.with(|s| s.last_export_ms);
        match last.map(|t| (now_ms() - t).max(0) / 86_400_000) {
            None => "No copy downloaded from this browser yet. A backup is the only copy that \
                     survives if this browser's data is cleared."
                .to_string(),
            Some(0) => "Last copy downloaded today.".into(),
            Some(1) => "Last copy downloaded yesterday.".into(),
            Some(days) => format!("Last copy downloaded {days} days ago."),
        }
    };
    view! {
        <div class="backups">
            <h3>"Keep a copy"</h3>
            <p class="small last-copy">{last_copy}</p>
            {move || {
                // Measured again whenever the journal changes.
                store.journal.track();
                store.space_used().map(|units| {
                    let low = settings::space_running_low(units);
                    view! {
                        <p class="small space" class:notice=low>
                            {settings::space_sentence(units)}
                            {low.then_some(" Space is running low: download a backup, then delete some older entries you have kept elsewhere.")}
                        </p>
                    }
                })
            }}
            <Show when=move || store.access.get() == Access::Unlocked>
                <button type="button" class="secondary" on:click=download>
                    "Download encrypted backup"
                </button>
                <ShareButton
                    label="Share encrypted backup…"
                    file=Callback::new(move |()| {
                        store
                            .export_encrypted_backup()
                            .map(|(name, json)| (name, "application/json", json))
                    })
                    on_shared=Callback::new(move |()| store.record_export())
                />
                <p class="small">
                    "Only Interlude can open it, with your current passphrase. "
                    "Use it to move your journal to another browser."
                </p>
            </Show>
            <Show when=move || store.access.get() == Access::Open>
                <button type="button" class="secondary" on:click=download_plain>
                    "Download a backup (JSON)"
                </button>
                <ShareButton
                    label="Share backup…"
                    file=Callback::new(move |()| {
                        let (name, json) = store.export_plain_backup();
                        Some((name, "application/json", json))
                    })
                    on_shared=Callback::new(move |()| store.record_export())
                />
                <p class="small">
                    "Everything, to restore here or in another browser. Anyone who opens the "
                    "file can read it: to protect it, set a passphrase under About & privacy first."
                </p>
            </Show>
            <div class="field">
                <label for="interlude-restore">"Restore from a backup"</label>
                <input
                    id="interlude-restore"
                    type="file"
                    accept=".json,application/json"
                    on:change=chosen
                />
            </div>
            <ProgressLine doing="Restoring" />
            <Show when=move || pending.with(Option::is_some)>
                <form on:submit=restore>
                    <PassphraseField
                        id="interlude-restore-passphrase"
                        label="The passphrase this backup was made with"
                        autocomplete="current-password"
                        value=passphrase
                    />
                    <button type="submit" disabled=move || form.busy.get()>
                        {move || if form.busy.get() { "Restoring…" } else { "Restore" }}
                    </button>
                    <FormMessage form />
                </form>
            </Show>
        </div>
    }
}

/// Bringing moods and notes over from Daylio's CSV export.
#[component]
fn DaylioImport() -> impl IntoView {
    let store = expect_context::<Store>();
    let chosen = move |ev: ev::Event| {
        read_chosen_file(
            &ev,
            store,
            "Daylio export",
            move |text| match daylio::parse(&text) {
                Ok(rows) => {
                    let unknown_moods = rows.iter().filter(|r| r.unknown_mood).count();
                    let entries = rows.into_iter().filter_map(daylio_entry).collect();
                    spawn_local(store.import_entries(entries, unknown_moods));
                }
                Err(problem) => store.status.set(Some(Status::RestoreFailed(format!(
                    "{} Nothing was changed.",
                    daylio_problem_message(&problem)
                )))),
            },
        );
    };
    view! {
        <h3>"From another app"</h3>
        <div class="field">
            <label for="interlude-daylio">"Import from Daylio (CSV)"</label>
            <p class="small" id="interlude-daylio-hint">
                "In Daylio, choose “Export entries” as CSV. Moods, notes and activities come "
                "over as entries; importing the same file again adds nothing."
            </p>
            <input
                id="interlude-daylio"
                type="file"
                accept=".csv,text/csv"
                aria-describedby="interlude-daylio-hint"
                on:change=chosen
            />
            <ProgressLine doing="Importing" />
        </div>
    }
}

/// How far a long restore or import has got, while it runs.
#[component]
fn ProgressLine(
    /// Which one this line is for.
    doing: &'static str,
) -> impl IntoView {
    let store = expect_context::<Store>();
    let current = move || store.progress.get().filter(|p| p.doing == doing);
    view! {
        <Show when=move || current().is_some()>
            <p class="progress">
                <label for=format!("interlude-progress-{doing}")>
                    {move || {
                        current()
                            .map(|p| {
                                if p.reading {
                                    format!("{doing}: reading {} of {} entries…", p.done, p.total)
                                } else {
                                    format!("{doing} {} of {} entries…", p.done, p.total)
                                }
                            })
                            .unwrap_or_default()
                    }}
                </label>
                <progress
                    id=format!("interlude-progress-{doing}")
                    max=move || current().map_or(1, |p| p.total).to_string()
                    value=move || current().map_or(0, |p| p.done).to_string()
                ></progress>
            </p>
        </Show>
    }
}

/// Reads the file chosen in a file input as text and hands it to `read`.
/// A file too large for any `what` is refused unread, and one that is not
/// text is reported; either way nothing changes.
fn read_chosen_file(
    ev: &ev::Event,
    store: Store,
    what: &'static str,
    read: impl FnOnce(String) + 'static,
) {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    let Some(file) = input.files().and_then(|files| files.get(0)) else {
        return;
    };
    // Let the same file be chosen again after a problem.
    input.set_value("");
    if file.size() > MAX_FILE_BYTES {
        return store.status.set(Some(Status::RestoreFailed(format!(
            "This file is larger than any {what} could be, so it wasn't opened. \
             Nothing was changed."
        ))));
    }
    spawn_local(async move {
        match JsFuture::from(file.text())
            .await
            .ok()
            .and_then(|t| t.as_string())
        {
            Some(text) => read(text),
            None => store.status.set(Some(Status::RestoreFailed(
                "This file couldn't be read as text. Nothing was changed.".into(),
            ))),
        }
    });
}

fn daylio_entry(row: DaylioRow) -> Option<Entry> {
    let at = host::local_ms(row.year, row.month, row.day, row.minutes);
    Some(Entry {
        id: EntryId::new(&row.id)?,
        created_ms: at,
        updated_ms: at,
        prompt: None,
        text: row.text,
        mood: row.mood,
        energy: None,
        emotions: vec![],
        tags: row.tags,
        thought_record: None,
    })
}

fn daylio_problem_message(problem: &DaylioProblem) -> String {
    match problem {
        DaylioProblem::NotDaylio => {
            "This file doesn't look like a Daylio export (the CSV file from Daylio's \
             “Export entries”)."
                .into()
        }
        DaylioProblem::Empty => "This Daylio file has no entries in it.".into(),
        DaylioProblem::Malformed { line } => format!(
            "Line {line} of this file is broken (a quote that never ends, or missing columns)."
        ),
        DaylioProblem::BadDate { line } => {
            format!("Line {line} of this file has a date or time that doesn't exist.")
        }
        DaylioProblem::TooLong { line } => {
            format!("The note on line {line} is longer than an entry can be.")
        }
        DaylioProblem::TooManyRows => {
            "This file has more entries than Interlude can import at once.".into()
        }
    }
}

/// Offers a JSON copy of the journal for download, notes when a copy was
/// last made, and says how it went.
fn offer_copy(store: Store, name: &str, json: &str) {
    let status = match host::offer_download(name, "application/json", json) {
        Ok(()) => {
            store.record_export();
            Status::Exported
        }
        Err(_) => Status::ExportFailed,
    };
    store.status.set(Some(status));
}

/// Offers a CSV file download under a neutral dated name.
pub(super) fn offer_csv(what: &str, csv: &str) -> Status {
    let name = export::file_name(now_ms(), &format!("{what}.csv"));
    match host::offer_download(&name, "text/csv;charset=utf-8", csv) {
        Ok(()) => Status::Exported,
        Err(_) => Status::ExportFailed,
    }
}

/// The gentle reminder to keep a copy: new entries, and no copy for a week.
#[component]
pub fn ExportReminder() -> impl IntoView {
    let store = expect_context::<Store>();
    let due = move || {
        let created = store
            .journal
            .with(|j| j.entries().iter().map(|e| e.created_ms).collect::<Vec<_>>());
        store
            .settings
            .with(|s| s.export_reminder_due(created, now_ms()))
    };
    view! {
        <Show when=due>
            <Reminder
                label="Backup reminder"
                action="Go to backups"
                view=View::History
                dismiss=Callback::new(move |()| store.dismiss_export_reminder())
                text="You have entries that aren't in a downloaded copy yet. Browsers sometimes \
                      clear saved data, so a backup now and then keeps them safe."
            />
        </Show>
    }
}
