//! Interlude: a private reflection and mood journal that a therapy clinic
//! embeds with one script tag. Everything a visitor writes stays in their
//! own browser.
//!
//! # Layers
//!
//! * [`model`], [`export`], [`config`], [`i18n`], [`vault`], [`packing`] and
//!   [`records`] are pure and tested natively: every rule about entries,
//!   files, the clinic's settings, words, encryption and the stored format
//!   lives there.
//! * `storage` is the only code that touches browser storage, behind typed
//!   errors (`StorageError`, each with the message a visitor reads).
//! * `store` holds the journal's reactive state and every action on it, one
//!   file per concern; it is the one place that calls `storage`.
//! * `components` are Leptos views: they render the store's state and call
//!   its methods.
//! * `browser` is glue that is not a view: the clinic page, the service
//!   worker, fetching the widget's own files; `webcrypto` is the browser's
//!   cryptography (key derivation, random bytes, large backups).
//!
//! # The path of a save
//!
//! A tap on "Save entry" in the `Writer` view calls `Store::save_draft`. The
//! store turns the draft into an [`model::Entry`] (the model checks it and
//! says why not, as a value), asks `storage` to write that one record (packed
//! with [`packing`], sealed with [`vault`] under a passphrase lock), and only
//! then puts it in the `journal` signal and sets the `status` the status
//! line announces. A failure (full, blocked, read-only, locked) leaves the
//! draft in the editor and says why. Another tab hears of the write through
//! the `storage` event and reads the journal again (`Store::reload`).
//!
//! # Lifecycle
//!
//! `main` reads the clinic's configuration from the URL fragment and mounts
//! `components::App`. `Store::open` probes storage (an in-memory session with
//! a notice when it is blocked), reads the settings, the draft and the safety
//! plan at once, and the entries after the first drawing when there are
//! many. Locking clears everything read from the page; unlocking reads it
//! again. The views opened later are wasm chunks fetched once the widget is
//! ready (`components::later`).
//!
//! # Long work in slices
//!
//! Nothing a visitor does may hold the page for long (no task over 50 ms,
//! with ten years of entries). Long work (reading, sealing, restoring,
//! importing, making files) runs a small step again and again for a budget
//! of time (`store::for_a_while`), then yields to the browser
//! (`store::next_task`) and goes on; pure parsers are written to stop and
//! resume at any point (`export::SplittingBackup`, `export::daylio`).

/// This build's version, from `Cargo.toml`: shown under About & privacy,
/// and written into every backup and export as `interlude_version` so a
/// file says which release made it. It never decides how a file is read:
/// each file's own `format` and `version` do.
///
/// ```
/// assert_eq!(interlude::VERSION, env!("CARGO_PKG_VERSION"));
/// ```
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

pub mod config;
pub mod export;
pub mod i18n;
pub mod model;
pub mod packing;
pub mod records;
pub mod vault;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod webcrypto;
