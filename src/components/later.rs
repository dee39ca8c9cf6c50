//! Views a visitor opens after the first screen, each compiled into its own
//! wasm chunk and fetched when first needed, so the first download carries
//! only the frame, free writing and the check-in (issue 9's size budget).
//!
//! The split happens at link time: each `#[wasm_split]` function below is a
//! split point for `wasm-split-cli` (scripts/wasm-split/link.sh), and the
//! chunks join the build in scripts/wasm-split/finish.mjs. Once the widget
//! is ready, [`fetch_all_in_background`] loads every chunk, so opening a view
//! does not wait and the widget keeps working if the connection drops; the
//! service worker keeps them for offline visits.
//!
//! Safety features stay in the first download: the crisis panel, the safety
//! plan and the lock screen must never wait for a network.

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_split::{wasm_split, SplitLoaderError};

use super::about::About;
use super::checkins::CheckIns;
use super::history::History;
use super::summary::SessionSummary;
use super::trends::Trends;
use super::writer::RecordWriting;
use crate::i18n::tr;

/// A view that lives in its own chunk.
#[derive(Debug, Clone, Copy)]
pub enum Part {
    History,
    Trends,
    CheckIns,
    Summary,
    About,
    /// The thought record being written, with the Write view's heading
    /// (focused when the record is saved or left).
    ThoughtRecord(NodeRef<html::H2>),
}

impl Part {
    async fn view(self) -> Result<AnyView, SplitLoaderError> {
        match self {
            Part::History => history().await,
            Part::Trends => trends().await,
            Part::CheckIns => check_ins().await,
            Part::Summary => summary().await,
            Part::About => about().await,
            Part::ThoughtRecord(heading) => thought_record(heading).await,
        }
    }
}

// Each function's body, and whatever only it reaches, moves to the chunk
// named first. `fallible`: a chunk that cannot be fetched is an `Err`, not a
// panic (which would stop the whole widget).
#[wasm_split(history, wasm_split_path = leptos::wasm_split, fallible, preload(preload_history))]
fn history() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <History /> }.into_any())
}

#[wasm_split(trends, wasm_split_path = leptos::wasm_split, fallible, preload(preload_trends))]
fn trends() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <Trends /> }.into_any())
}

#[wasm_split(check_ins, wasm_split_path = leptos::wasm_split, fallible, preload(preload_check_ins))]
fn check_ins() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <CheckIns /> }.into_any())
}

#[wasm_split(summary, wasm_split_path = leptos::wasm_split, fallible, preload(preload_summary))]
fn summary() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <SessionSummary /> }.into_any())
}

#[wasm_split(about, wasm_split_path = leptos::wasm_split, fallible, preload(preload_about))]
fn about() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <About /> }.into_any())
}

#[wasm_split(thought_record, wasm_split_path = leptos::wasm_split, fallible, preload(preload_thought_record))]
fn thought_record(heading: NodeRef<html::H2>) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <RecordWriting heading /> }.into_any())
}

/// Loads every chunk, one after another, in the background, a moment after
/// the widget is ready: the first moments of a visit belong to the visitor's
/// first taps, not to compiling views they may not open. A failure is quiet
/// here: opening the view tries again, and says so if it still fails.
pub fn fetch_all_in_background() {
    set_timeout(
        || {
            spawn_local(async {
                let _ = preload_history().await;
                let _ = preload_trends().await;
                let _ = preload_check_ins().await;
                let _ = preload_summary().await;
                let _ = preload_about().await;
                let _ = preload_thought_record().await;
            })
        },
        FETCH_AFTER,
    );
}

/// How long after the widget is ready the chunks are fetched.
const FETCH_AFTER: std::time::Duration = std::time::Duration::from_secs(1);

/// Draws `part` once its chunk is here (at once when it was fetched in the
/// background). If that takes more than a moment (a first visit on a slow
/// connection), says "Opening…" meanwhile. If it cannot be fetched, says so
/// calmly and offers to try again; nothing the visitor wrote depends on it.
#[component]
pub fn Later(part: Part) -> impl IntoView {
    /// How long a view may take before "Opening…" is shown: long enough
    /// that a chunk already fetched never flashes it.
    const SAY_OPENING_AFTER: std::time::Duration = std::time::Duration::from_millis(300);
    let attempt = RwSignal::new(0_u32);
    // Which attempt is still on its way (`None`: none).
    let waiting = RwSignal::new(None::<u32>);
    let slow = RwSignal::new(false);
    view! {
        <Show when=move || slow.get()>
            <p class="progress" role="status">
                {tr("Opening…")}
            </p>
        </Show>
        {move || {
            let this = attempt.get();
            waiting.set(Some(this));
            set_timeout(
                // `try_`: the visitor may have gone to another view by then.
                move || {
                    slow.try_set(waiting.try_get_untracked().flatten() == Some(this));
                },
                SAY_OPENING_AFTER,
            );
            Suspend::new(async move {
                let view = part.view().await;
                waiting.try_set(None);
                slow.try_set(false);
                match view {
                    Ok(view) => view,
                    Err(_) => view! {
                        <div class="notice" role="alert">
                            <p>
                                {tr("This part of Interlude could not be loaded. It needs a connection the first time it is opened. Your entries are safe.")}
                            </p>
                            <button type="button" on:click=move |_| attempt.update(|n| *n += 1)>
                                {tr("Try again")}
                            </button>
                        </div>
                    }
                    .into_any(),
                }
            })
        }}
    }
}
