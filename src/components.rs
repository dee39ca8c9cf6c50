//! Leptos views. They render state from [`crate::store::Store`] and call
//! its methods; none of them touches storage directly.

pub mod about;
pub mod app;
pub mod booking;
pub mod chart;
pub mod checkins;
pub mod content_pack;
pub mod crisis;
pub mod disclosure;
pub mod feelings;
pub mod header;
pub mod history;
pub mod later;
pub mod lock;
pub mod notices;
pub mod quick_exit;
pub mod safety_plan;
pub mod sentence;
pub mod share;
pub mod summary;
pub mod thought_record;
pub mod timeline;
pub mod trends;
pub mod writer;

pub use app::{App, View, Widget};
