//! "Past entries": everything saved, newest first, with export and delete.

use leptos::html;
use leptos::prelude::*;

use leptos::ev;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::app::{focus_on_mount, CurrentView, View};
use super::lock::{FormMessage, FormState, PassphraseField};
use super::notices::Reminder;
use super::share::ShareButton;
use super::timeline::Timeline;
use crate::browser::host;
use crate::export;
use crate::export::backup::MAX_FILE_BYTES;
use crate::i18n::{self, tr, trf, trn, Piece};
use crate::model::settings;
use crate::store::{
    next_task, nothing_changed, now_ms, Access, Status, Store, IMPORTING, RESTORING,
};
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
        leptos::task::spawn_local(async move {
            let parts = store.moods_csv_in_steps().await;
            store.say(offer_csv_parts("moods", &parts));
        });
    };
    // Entries come first; the file tools are folded into one line above
    // them, open when the visitor asked for them (the backup reminder) or
    // opened them during this visit.
    let files = expect_context::<FileToolsOpen>().0;
    view! {
        <section aria-labelledby="history-title">
            <h2 id="history-title" node_ref=heading tabindex="-1">
                {tr("Past entries")}
            </h2>
            <div class="export">
                <button type="button" class="primary" on:click=move |_| current.go(View::Summary)>
                    {tr("Prepare a session summary")}
                </button>
            </div>
            <details
                class="file-tools"
                prop:open=move || files.get()
                on:toggle=move |ev| {
                    let open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
                    if open != files.get_untracked() {
                        files.set(open);
                    }
                }
            >
                <summary>{tr("Download, back up or restore")}</summary>
                <h3>{tr("Bring to a session")}</h3>
                <div class="export">
                    <button type="button" class="secondary" on:click=download>
                        {tr("Download all entries (JSON)")}
                    </button>
                    <button type="button" class="secondary" on:click=download_moods>
                        {tr("Download moods (CSV)")}
                    </button>
                    <p class="small">
                        {tr(
                            "Files are saved on this device, to print, read or bring along. \
                             Nothing is sent anywhere.",
                        )}
                    </p>
                </div>
                <Backups />
                <DaylioImport />
            </details>
            <h3>{tr("Your entries")}</h3>
            <Timeline />
        </section>
    }
}

/// Whether Past entries shows its file tools (download, back up, restore,
/// import) unfolded: for this visit, and opened by the backup reminder.
#[derive(Clone, Copy)]
pub struct FileToolsOpen(pub RwSignal<bool>);

/// Backup (encrypted while a passphrase lock is set, plain otherwise) and
/// restore from either kind.
#[component]
fn Backups() -> impl IntoView {
    let store = expect_context::<Store>();
    let pending = RwSignal::new(None::<EncryptedBackup>);
    let passphrase = RwSignal::new(String::new());
    let form = FormState::new();
    let download = move |_| {
        leptos::task::spawn_local(async move {
            match store.encrypted_backup_in_steps().await {
                Some((name, parts)) => offer_copy_parts(store, &name, &parts),
                // Locked while it was being made: nothing to say.
                None if store.access().get_untracked() == Access::Locked => {}
                None => store.say(Status::ExportFailed),
            }
        });
    };
    let download_plain = move |_| {
        leptos::task::spawn_local(async move {
            let (name, parts) = store.plain_backup_in_steps().await;
            offer_copy_parts(store, &name, &parts);
        });
    };
    let chosen = move |ev: ev::Event| {
        pending.set(None);
        let too_large = tr(
            "This file is larger than any Interlude backup could be, so it wasn't opened. \
             Nothing was changed.",
        );
        read_chosen_file(&ev, store, too_large, move |text| {
            let outcome = match EncryptedBackup::parse(&text) {
                Ok(Some(backup)) => return pending.set(Some(backup)),
                // Not encrypted: a plain backup, or says why it isn't one.
                Ok(None) => return spawn_local(store.restore_payload(text)),
                Err(VaultError::WeakParameters) => tr(
                    "This backup's protection is weaker than Interlude accepts, so it wasn't \
                     opened.",
                ),
                Err(VaultError::UnsupportedVersion) => {
                    tr("This backup was made by a newer version of Interlude.")
                }
                Err(_) => tr("This file is damaged or isn't an Interlude backup."),
            };
            store.say(Status::RestoreFailed(nothing_changed(outcome)));
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
        let last = store.settings().with(|s| s.last_export_ms);
        match last.map(|t| (now_ms() - t).max(0) / 86_400_000) {
            None => tr(
                "No copy downloaded from this browser yet. A backup is the only copy that \
                 survives if this browser's data is cleared.",
            )
            .to_string(),
            Some(0) => tr("Last copy downloaded today.").into(),
            Some(1) => tr("Last copy downloaded yesterday.").into(),
            Some(days) => trn(
                "Last copy downloaded {n} day ago.|Last copy downloaded {n} days ago.",
                days as u64,
            ),
        }
    };
    // Measured in a task of its own, when the view opens and whenever the
    // journal changes: it reads the length of every stored value (about
    // 20 ms at ten years), which would lengthen opening the view or a
    // restore's last, already long, step.
    // Running low on space unfolds the file tools, so the warning is seen.
    let space = RwSignal::new(None);
    let files = expect_context::<FileToolsOpen>().0;
    Effect::new(move |_| {
        store.journal().track();
        spawn_local(async move {
            next_task().await;
            let used = store.space_used();
            space.try_set(used);
            if used.is_some_and(settings::space_running_low) {
                files.try_set(true);
            }
        });
    });
    view! {
        <div class="backups">
            <h3>{tr("Keep a copy")}</h3>
            <p class="small last-copy">{last_copy}</p>
            {move || {
                space.get().map(|units| {
                    let low = settings::space_running_low(units);
                    view! {
                        <p class="small space" class:notice=low>
                            {settings::space_sentence(units)}
                            {low.then(|| {
                                format!(
                                    " {}",
                                    tr(
                                        "Space is running low: download a backup, then delete \
                                         some older entries you have kept elsewhere.",
                                    ),
                                )
                            })}
                        </p>
                    }
                })
            }}
            <Show when=move || store.access().get() == Access::Unlocked>
                <button type="button" class="secondary" on:click=download>
                    {tr("Download encrypted backup")}
                </button>
                <ShareButton
                    label=tr("Share encrypted backup…")
                    file=Callback::new(move |()| {
                        store
                            .export_encrypted_backup()
                            .map(|(name, json)| (name, "application/json", json))
                    })
                    on_shared=Callback::new(move |()| store.record_export())
                />
                <p class="small">
                    {tr(
                        "Only Interlude can open it, with your current passphrase. Use it to \
                         move your journal to another browser.",
                    )}
                </p>
            </Show>
            <Show when=move || store.access().get() == Access::Open>
                <button type="button" class="secondary" on:click=download_plain>
                    {tr("Download a backup (JSON)")}
                </button>
                <ShareButton
                    label=tr("Share backup…")
                    file=Callback::new(move |()| {
                        let (name, json) = store.export_plain_backup();
                        Some((name, "application/json", json))
                    })
                    on_shared=Callback::new(move |()| store.record_export())
                />
                <p class="small">
                    {tr(
                        "Everything, to restore here or in another browser. Anyone who opens \
                         the file can read it: to protect it, set a passphrase under About & \
                         privacy first.",
                    )}
                </p>
            </Show>
            <div class="field">
                <FilePicker
                    id="interlude-restore"
                    label=tr("Restore from a backup")
                    accept=".json,application/json"
                    hint=None
                    chosen
                />
            </div>
            <ProgressLine doing=RESTORING />
            <Show when=move || pending.with(Option::is_some)>
                <form on:submit=restore>
                    <PassphraseField
                        id="interlude-restore-passphrase"
                        label=tr("The passphrase this backup was made with")
                        autocomplete="current-password"
                        value=passphrase
                    />
                    <button type="submit" disabled=move || form.busy.get()>
                        {move || if form.busy.get() { tr("Restoring…") } else { tr("Restore") }}
                    </button>
                    <FormMessage form />
                </form>
            </Show>
        </div>
    }
}

/// A file input drawn as a button in the widget's language: the browser's
/// own "Choose File" speaks the browser's language, which may not be the
/// one the visitor chose. The input stays in the page (visually hidden),
/// so it keeps its label, keyboard focus and the browser's file dialog.
#[component]
fn FilePicker(
    /// The input's id.
    id: &'static str,
    /// What choosing a file does, e.g. "Restore from a backup".
    label: &'static str,
    /// The file types offered.
    accept: &'static str,
    /// The id of a hint that describes it.
    hint: Option<&'static str>,
    /// Called when a file is chosen.
    chosen: impl Fn(ev::Event) + 'static,
) -> impl IntoView {
    view! {
        <span class="file-picker">
            <input
                id=id
                class="visually-hidden"
                type="file"
                accept=accept
                aria-describedby=hint
                on:change=chosen
            />
            <label for=id class="button">
                {label}
            </label>
        </span>
    }
}

/// Bringing moods and notes over from Daylio's CSV export.
#[component]
fn DaylioImport() -> impl IntoView {
    let store = expect_context::<Store>();
    let chosen = move |ev: ev::Event| {
        let too_large = tr(
            "This file is larger than any Daylio export could be, so it wasn't opened. \
             Nothing was changed.",
        );
        read_chosen_file(&ev, store, too_large, move |text| {
            spawn_local(store.import_daylio(text));
        });
    };
    view! {
        <h3>{tr("From another app")}</h3>
        <div class="field">
            <p class="small" id="interlude-daylio-hint">
                {tr(
                    "In Daylio, choose “Export entries” as CSV. Moods, notes and activities \
                     come over as entries; importing the same file again adds nothing.",
                )}
            </p>
            <FilePicker
                id="interlude-daylio"
                label=tr("Import from Daylio (CSV)")
                accept=".csv,text/csv"
                hint=Some("interlude-daylio-hint")
                chosen
            />
            <ProgressLine doing=IMPORTING />
        </div>
    }
}

/// How far a long restore or import has got, while it runs.
#[component]
fn ProgressLine(
    /// Which one this line is for: `RESTORING` or `IMPORTING` (an id,
    /// as the store names it; the words shown are below).
    doing: &'static str,
) -> impl IntoView {
    let store = expect_context::<Store>();
    let current = move || store.progress().get().filter(|p| p.doing == doing);
    let restoring = doing == RESTORING;
    view! {
        <Show when=move || current().is_some()>
            <p class="progress">
                <label for=format!("interlude-progress-{doing}")>
                    {move || {
                        current()
                            .map(|p| {
                                let done = i18n::number(p.done as u64);
                                let total = i18n::number(p.total as u64);
                                let args = [("done", done.as_str()), ("total", total.as_str())];
                                match (restoring, p.reading) {
                                    (true, true) => {
                                        trf("Restoring: reading {done} of {total} entries…", &args)
                                    }
                                    (true, false) => {
                                        trf("Restoring {done} of {total} entries…", &args)
                                    }
                                    (false, true) => {
                                        trf("Importing: reading {done} of {total} entries…", &args)
                                    }
                                    (false, false) => {
                                        trf("Importing {done} of {total} entries…", &args)
                                    }
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
/// A file too large for what is expected is refused unread (saying
/// `too_large`), and one that is not text is reported; either way nothing
/// changes.
fn read_chosen_file(
    ev: &ev::Event,
    store: Store,
    too_large: &'static str,
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
        return store.say(Status::RestoreFailed(too_large.to_owned()));
    }
    spawn_local(async move {
        let Ok(bytes) = JsFuture::from(file.array_buffer()).await else {
            return store.say(Status::RestoreFailed(
                tr("This file couldn't be read as text. Nothing was changed.").into(),
            ));
        };
        // As bytes: as a JavaScript string, megabytes were encoded into the
        // app's memory in one long task. Decoded as `File.text()` does: a
        // leading byte order mark dropped, any invalid sequence shown as
        // U+FFFD.
        let mut bytes = copied_in_steps(&js_sys::Uint8Array::new(&bytes)).await;
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            bytes.drain(..3);
        }
        read(
            String::from_utf8(bytes)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        );
    });
}

/// The bytes of a chosen file copied into the app's memory a few
/// megabytes per task (ten years of entries at once took one long task),
/// then a task of its own for what is done with them.
async fn copied_in_steps(bytes: &js_sys::Uint8Array) -> Vec<u8> {
    const STEP: usize = 2 * 1024 * 1024;
    let mut copy = vec![0; bytes.length() as usize];
    for (index, run) in copy.chunks_mut(STEP).enumerate() {
        let start = (index * STEP) as u32;
        bytes.subarray(start, start + run.len() as u32).copy_to(run);
        next_task().await;
    }
    copy
}

/// Offers a JSON copy of the journal for download, notes when a copy was
/// last made, and says how it went.
fn offer_copy(store: Store, name: &str, json: &str) {
    offer_copy_parts(store, name, &js_sys::Array::of1(&json.into()));
}

/// [`offer_copy`] for a file made in parts.
fn offer_copy_parts(store: Store, name: &str, parts: &js_sys::Array) {
    let status = match host::offer_download_parts(name, "application/json", parts) {
        Ok(()) => {
            store.record_export();
            Status::Exported
        }
        Err(_) => Status::ExportFailed,
    };
    store.say(status);
}

/// Offers a CSV file download under a neutral dated name.
pub(super) fn offer_csv(what: &str, csv: &str) -> Status {
    offer_csv_parts(what, &js_sys::Array::of1(&csv.into()))
}

/// [`offer_csv`] for a file made in parts.
fn offer_csv_parts(what: &str, parts: &js_sys::Array) -> Status {
    let name = export::file_name(now_ms(), &format!("{what}.csv"));
    match host::offer_download_parts(&name, "text/csv;charset=utf-8", parts) {
        Ok(()) => Status::Exported,
        Err(_) => Status::ExportFailed,
    }
}

/// The gentle reminder to keep a copy: new entries, and no copy for a week.
#[component]
pub fn ExportReminder() -> impl IntoView {
    let store = expect_context::<Store>();
    let files = expect_context::<FileToolsOpen>().0;
    let due = move || {
        // Not while the journal is still being read: it would judge a part.
        if store.reading().with(Option::is_some) {
            return false;
        }
        store.settings().with(|s| {
            let since = s.last_export_ms.unwrap_or(i64::MIN);
            let oldest_new = store.journal().with(|j| j.oldest_created_after(since));
            s.export_reminder_due(oldest_new, now_ms())
        })
    };
    view! {
        <Show when=due>
            <Reminder
                label=tr("Backup reminder")
                action=tr("Go to backups")
                view=View::History
                before=Callback::new(move |()| files.set(true))
                dismiss=Callback::new(move |()| store.dismiss_export_reminder())
                text=vec![Piece::Ours(tr(
                    "You have entries that aren't in a downloaded copy yet. Browsers sometimes \
                     clear saved data, so a backup now and then keeps them safe.",
                ).to_owned())]
            />
        </Show>
    }
}
