//! Views a visitor opens after the first screen, each compiled into its own
//! wasm chunk and fetched when first needed, so the first download carries
//! only the frame, writing and check-in (issue 9's size budget).
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

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_split::{wasm_split, SplitLoaderError};

use super::about::About;
use super::checkins::CheckIns;
use super::history::History;
use super::summary::SessionSummary;
use super::trends::Trends;
use crate::i18n::tr;

/// A view that lives in its own chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    History,
    Trends,
    CheckIns,
    Summary,
    About,
}

impl Part {
    const ALL: [Part; 5] = [
        Part::History,
        Part::Trends,
        Part::CheckIns,
        Part::Summary,
        Part::About,
    ];

    async fn view(self) -> Result<AnyView, SplitLoaderError> {
        match self {
            Part::History => history().await,
            Part::Trends => trends().await,
            Part::CheckIns => check_ins().await,
            Part::Summary => summary().await,
            Part::About => about().await,
        }
    }

    /// Fetches the chunk without drawing anything.
    async fn fetch(self) -> Result<(), SplitLoaderError> {
        match self {
            Part::History => preload_history().await,
            Part::Trends => preload_trends().await,
            Part::CheckIns => preload_check_ins().await,
            Part::Summary => preload_summary().await,
            Part::About => preload_about().await,
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

/// Loads every chunk, one after another, in the background. A failure is
/// quiet here: opening the view tries again and says so if it still fails.
pub fn fetch_all_in_background() {
    spawn_local(async {
        for part in Part::ALL {
            let _ = part.fetch().await;
        }
    });
}

/// Draws `part` once its chunk is here (at once when it was fetched in the
/// background). If it cannot be fetched, says so calmly and offers to try
/// again; nothing the visitor wrote depends on it.
#[component]
pub fn Later(part: Part) -> impl IntoView {
    let attempt = RwSignal::new(0_u32);
    move || {
        attempt.track();
        Suspend::new(async move {
            match part.view().await {
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
    }
}
