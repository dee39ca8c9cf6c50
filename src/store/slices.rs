//! Long work in slices: yielding to the browser between tasks, and running
//! a step again and again for a budget of time, so no task holds the page.

use leptos::prelude::*;

use crate::storage::StorageError;

/// Entries (or rows) written per task when a file is made in steps: about
/// 10 ms of work at 1x CPU.
pub(super) const EXPORT_STEP: usize = 1000;

/// Appends `write(run, first)` to `parts` for each run of [`EXPORT_STEP`]
/// items, one run per task.
pub(super) async fn write_in_steps<T>(
    parts: &js_sys::Array,
    items: &[T],
    write: impl Fn(&[T], bool) -> String,
) {
    for (i, run) in items.chunks(EXPORT_STEP).enumerate() {
        if i > 0 {
            next_task().await;
        }
        parts.push(&file_part(&write(run, i == 0)));
    }
}

/// A part of a download as its UTF-8 bytes: as a JavaScript string it
/// would be decoded from UTF-8 here and encoded again by the `Blob`, which
/// for megabytes held the page in one task.
pub(super) fn file_part(text: &str) -> js_sys::Uint8Array {
    js_sys::Uint8Array::from(text.as_bytes())
}

/// Runs `step` (sealing or opening the next `n` stored records; false
/// once all are) for about one slice of time; false once all are done.
pub(super) fn records_for_a_while(
    mut step: impl FnMut(usize) -> Result<bool, StorageError>,
) -> Result<bool, StorageError> {
    /// Records between looks at the clock.
    const RECORDS: usize = 50;
    const SLICE_MS: f64 = 15.0;
    let mut failed = None;
    let more = for_a_while(SLICE_MS, || {
        step(RECORDS).unwrap_or_else(|error| {
            failed = Some(error);
            false
        })
    });
    failed.map_or(Ok(more), Err)
}

/// Runs `step` (a small piece of long work; false when none is left)
/// again and again for about `ms` milliseconds, so each task stays short.
/// False once the work is done.
pub fn for_a_while(ms: f64, mut step: impl FnMut() -> bool) -> bool {
    let start = js_sys::Date::now();
    while step() {
        if js_sys::Date::now() - start >= ms {
            return true;
        }
    }
    false
}

/// Lets the browser run (paint, handle input) before going on.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        // A message to itself: a `setTimeout(0)` repeated from a timer
        // waits at least 4 ms each time, idling between steps.
        if let Ok(channel) = web_sys::MessageChannel::new() {
            channel.port1().set_onmessage(Some(&resolve));
            if channel
                .port2()
                .post_message(&wasm_bindgen::JsValue::NULL)
                .is_ok()
            {
                return;
            }
        }
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// "The latest run wins": each run of some long work takes a [`Ticket`] as
/// it starts, and looks at it between its steps; starting another run (or
/// [`Latest::cancel`]) makes every earlier ticket stale, and a run holding
/// a stale one stops quietly. Used for reading the journal, searching it,
/// and reloading after another tab's changes.
#[derive(Clone, Copy)]
pub struct Latest(StoredValue<u32>);

/// A run's place in a [`Latest`].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Ticket(u32);

impl Latest {
    /// No run yet.
    pub fn new() -> Latest {
        Latest(StoredValue::new(0))
    }

    /// Starts a run: every earlier ticket is stale from now on.
    pub fn start(&self) -> Ticket {
        let next = self.0.get_value().wrapping_add(1);
        self.0.set_value(next);
        Ticket(next)
    }

    /// Makes every ticket stale, starting nothing.
    pub fn cancel(&self) {
        self.start();
    }

    /// True while `ticket` is the latest; false once a newer run started,
    /// or the view that owned this is gone.
    pub fn is_latest(&self, ticket: Ticket) -> bool {
        self.0.try_get_value() == Some(ticket.0)
    }
}

impl Default for Latest {
    fn default() -> Latest {
        Latest::new()
    }
}
