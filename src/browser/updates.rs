//! The service worker: offline use and updates.
//!
//! The worker (`sw.js`, written at build time by `scripts/precache.mjs`) is
//! an enhancement. Where a browser or a clinic's host does not provide it,
//! the widget works the same, only not offline.
//!
//! A new version never interrupts an open session: it waits, and the visitor
//! is offered a reload, which the saved draft survives. Otherwise it takes
//! over the next time Interlude is opened.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// Whether a new version is waiting, and the way to apply it.
#[derive(Clone, Copy)]
pub struct Updates {
    /// True once a new version has been installed and is waiting.
    pub ready: RwSignal<bool>,
    registration: StoredValue<Option<ServiceWorkerRegistration>, LocalStorage>,
}

impl Updates {
    /// Registers the service worker in the background and starts watching
    /// for new versions.
    pub fn start() -> Updates {
        let updates = Updates {
            ready: RwSignal::new(false),
            registration: StoredValue::new_local(None),
        };
        let Some(container) = container() else {
            return updates;
        };
        spawn_local(async move {
            // Fails harmlessly where the host serves no sw.js, or where the
            // browser refuses workers (some private modes, blocked storage).
            let Ok(value) = JsFuture::from(container.register("sw.js")).await else {
                return;
            };
            let Ok(registration) = value.dyn_into::<ServiceWorkerRegistration>() else {
                return;
            };
            updates.watch(&container, &registration);
            updates.registration.set_value(Some(registration));
        });
        on_cleanup(move || {
            updates.registration.with_value(|r| {
                if let Some(r) = r {
                    r.set_onupdatefound(None);
                }
            });
        });
        updates
    }

    /// Activates the waiting version and reloads this page when it has
    /// taken over.
    pub fn apply(&self) {
        let (Some(container), Some(waiting)) = (
            container(),
            self.registration
                .with_value(|r| r.as_ref().and_then(|r| r.waiting())),
        ) else {
            return;
        };
        let reload = Closure::once_into_js(|| {
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        });
        container.set_oncontrollerchange(Some(reload.unchecked_ref()));
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"interlude".into(), &JsValue::from(1));
        let _ = js_sys::Reflect::set(&message, &"type".into(), &"skip-waiting".into());
        let _ = waiting.post_message(&message);
    }

    fn watch(self, container: &ServiceWorkerContainer, registration: &ServiceWorkerRegistration) {
        // A first install is not an update: only a worker that arrives
        // while another controls this page is a new version.
        let controlled = {
            let container = container.clone();
            move || container.controller().is_some()
        };
        if registration.waiting().is_some() && controlled() {
            self.ready.set(true);
        }
        let found_in = registration.clone();
        let on_update_found = Closure::<dyn Fn()>::new(move || {
            let Some(installing) = found_in.installing() else {
                return;
            };
            let worker = installing.clone();
            let controlled = controlled.clone();
            let on_state_change = Closure::<dyn Fn()>::new(move || {
                if worker.state() == ServiceWorkerState::Installed && controlled() {
                    self.ready.set(true);
                }
            });
            installing.set_onstatechange(Some(on_state_change.as_ref().unchecked_ref()));
            // Lives as long as that worker object; the browser drops it with it.
            on_state_change.forget();
        });
        registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
        // Removed in `start`'s on_cleanup; the closure must outlive this call.
        on_update_found.forget();
    }
}

/// The page's service worker container, where the browser offers one
/// (secure contexts only).
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    let supported = js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false);
    supported.then(|| navigator.service_worker())
}
