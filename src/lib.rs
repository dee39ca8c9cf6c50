//! Interlude: a private reflection and mood journal that a therapy clinic
//! embeds with one script tag. Everything a visitor writes stays in their
//! own browser.
//!
//! * [`model`], [`export`], [`config`], [`i18n`], [`vault`] and [`packing`] are
//!   pure and tested natively.
//! * `storage` is the only code that touches browser storage.
//! * `components` are Leptos views that render state and dispatch intents.

pub mod config;
pub mod export;
pub mod i18n;
pub mod model;
pub mod packing;
pub mod vault;

#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod webcrypto;
