//! The visitor's preferences: reminders put away, the last copy
//! downloaded, the auto-lock time and the language; and the clinic
//! configuration the installed app opens with.

use leptos::prelude::*;

use crate::config::Config;
use crate::storage::BrowserStorage;

use super::{now_ms, Status, Store};

impl Store {
    /// Notes that a copy of everything was just downloaded or shared.
    pub fn record_export(&self) {
        self.settings.update(|s| s.last_export_ms = Some(now_ms()));
        let settings = self.settings.get_untracked();
        self.with_backend(|b| b.save_settings(&settings));
    }

    /// "Not now" on the backup reminder: it stays away for a week.
    pub fn dismiss_export_reminder(&self) {
        self.settings
            .update(|s| s.export_reminder_dismissed_ms = Some(now_ms()));
        let settings = self.settings.get_untracked();
        self.with_backend(|b| b.save_settings(&settings));
    }

    /// "Not now" on the check-in reminder: it stays away for one interval.
    pub fn dismiss_checkin_reminder(&self) {
        self.settings
            .update(|s| s.checkin_reminder_dismissed_ms = Some(now_ms()));
        let settings = self.settings.get_untracked();
        self.with_backend(|b| b.save_settings(&settings));
    }

    /// Chooses the auto-lock time.
    pub fn set_auto_lock_minutes(&self, minutes: u32) {
        self.settings.update(|s| s.set_auto_lock_minutes(minutes));
        let settings = self.settings.get_untracked();
        self.wrote(|b| b.save_settings(&settings), Status::SaveFailed);
    }

    /// Keeps the visitor's choice of language for their next visit.
    pub fn choose_locale(&self, locale: crate::i18n::Locale) {
        self.settings.update(|s| s.choose_locale(locale));
        let settings = self.settings.get_untracked();
        self.wrote(|b| b.save_settings(&settings), Status::SaveFailed);
    }
}

/// Opened with a configuration: remember the clinic's part of it. Opened
/// without one (the installed app, a bookmark): use the remembered one.
pub fn remember_clinic(config: Config, no_fragment: bool) -> Config {
    let Ok(storage) = BrowserStorage::open() else {
        return config;
    };
    if !no_fragment {
        let _ = storage.save_clinic_fragment(&config.standalone_fragment());
        return config;
    }
    // Already validated when saved; validated again in case it was altered.
    storage
        .clinic_fragment()
        .map(|fragment| Config::from_fragment(&fragment).0)
        .unwrap_or(config)
}
