//! Browser entry point: panic hook, then mount the app.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(interlude::components::App);
}

// The app only runs in a browser; natively only the library is tested.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
