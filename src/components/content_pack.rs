//! Loads the clinic's own prompts (`data-content-pack`) from next to the
//! widget, once, without holding up anything else. A file that cannot be
//! fetched or read is explained on the console for the clinic, and the
//! built-in packs are offered as usual: the visitor never sees a broken
//! widget.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::fetched::fetch_text;
use crate::model::content_pack;

/// Set once the clinic's packs are installed, so the prompt list redraws.
#[derive(Clone, Copy)]
pub struct OwnPacksReady(pub RwSignal<bool>);

/// Starts loading `name` (already checked to be a plain `*.json` file name).
pub fn load(name: String, ready: OwnPacksReady) {
    spawn_local(async move {
        match fetch_text(&name).await {
            Ok(text) => match content_pack::parse(&text) {
                Ok(packs) => {
                    content_pack::install(packs);
                    ready.0.set(true);
                }
                Err(problem) => report(&name, &problem.message()),
            },
            Err(why) => report(&name, &why),
        }
    });
}

fn report(name: &str, why: &str) {
    web_sys::console::error_1(
        &format!(
            "Interlude: the content pack \"{name}\" was not used because {why}. \
             The built-in prompts are offered instead."
        )
        .into(),
    );
}
