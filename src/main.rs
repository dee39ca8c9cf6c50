//! Browser entry point: panic hook, then mount the app.

#[cfg(target_arch = "wasm32")]
fn main() {
    // A panic's message in the console, for development builds: the release
    // build (scripts/release-env.sh) aborts at once, without a message.
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(interlude::components::App);
}

// The app only runs in a browser; natively only the library is tested.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
