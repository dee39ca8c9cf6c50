//! "Hello" with one button: the least a Leptos page can do and be
//! interactive. The benchmark waits for the button, as it waits for
//! Interlude's first-run button.

use leptos::prelude::*;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(|| {
        let clicks = RwSignal::new(0);
        view! {
            <h1>"Hello"</h1>
            <button type="button" on:click=move |_| clicks.update(|n| *n += 1)>
                "Clicked " {clicks} " times"
            </button>
        }
    });
}
