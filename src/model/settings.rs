//! The visitor's small preferences.

use serde::{Deserialize, Serialize};

use crate::i18n::{self, trf, Locale};

/// The inactivity times (minutes) a visitor can choose for the passphrase
/// lock to close the journal again.
pub const AUTO_LOCK_CHOICES: [u32; 4] = [1, 5, 15, 60];
/// Used until the visitor chooses.
pub const DEFAULT_AUTO_LOCK_MINUTES: u32 = 5;

/// Preferences kept next to the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// When the visitor acknowledged the first-run explanation (ms since
    /// epoch); `None` until they have.
    #[serde(default)]
    pub disclosure_acknowledged_ms: Option<i64>,
    /// With a passphrase lock: minutes without use before it locks.
    #[serde(default = "default_auto_lock")]
    auto_lock_minutes: u32,
    /// When the visitor last set the check-in reminder aside.
    #[serde(default)]
    pub checkin_reminder_dismissed_ms: Option<i64>,
    /// When a copy of everything (export or backup) was last downloaded.
    #[serde(default)]
    pub last_export_ms: Option<i64>,
    /// When the visitor last set the backup reminder aside.
    #[serde(default)]
    pub export_reminder_dismissed_ms: Option<i64>,
    /// The language the visitor chose in the widget (a tag such as "es");
    /// `None` until they choose. Kept as text so a language a later
    /// version adds survives a visit from an older one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// How long new entries wait without a copy before the reminder appears,
/// and how long "Not now" puts it away.
pub const EXPORT_REMINDER_MS: i64 = 7 * 86_400_000;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            disclosure_acknowledged_ms: None,
            auto_lock_minutes: DEFAULT_AUTO_LOCK_MINUTES,
            checkin_reminder_dismissed_ms: None,
            last_export_ms: None,
            export_reminder_dismissed_ms: None,
            language: None,
        }
    }
}

fn default_auto_lock() -> u32 {
    DEFAULT_AUTO_LOCK_MINUTES
}

impl Settings {
    /// Minutes without use before the lock closes the journal: one of
    /// [`AUTO_LOCK_CHOICES`] (a stored value that is not falls back to the
    /// default).
    pub fn auto_lock_minutes(&self) -> u32 {
        if AUTO_LOCK_CHOICES.contains(&self.auto_lock_minutes) {
            self.auto_lock_minutes
        } else {
            DEFAULT_AUTO_LOCK_MINUTES
        }
    }

    /// Chooses the auto-lock time; ignored unless one of [`AUTO_LOCK_CHOICES`].
    pub fn set_auto_lock_minutes(&mut self, minutes: u32) {
        if AUTO_LOCK_CHOICES.contains(&minutes) {
            self.auto_lock_minutes = minutes;
        }
    }

    /// True once the visitor has read and acknowledged what Interlude is.
    pub fn has_acknowledged_disclosure(&self) -> bool {
        self.disclosure_acknowledged_ms.is_some()
    }

    /// Whether to remind the visitor to download a copy: some entry is
    /// newer than the last copy, that copy (or, with none, the oldest such
    /// entry) is at least a week old, and the reminder was not put away in
    /// the last week. `entries_created_ms` lists when each entry was written.
    pub fn export_reminder_due(
        &self,
        entries_created_ms: impl IntoIterator<Item = i64>,
        now_ms: i64,
    ) -> bool {
        let last = self.last_export_ms.unwrap_or(i64::MIN);
        let Some(oldest_new) = entries_created_ms.into_iter().filter(|&t| t > last).min() else {
            return false;
        };
        let waiting_since = self.last_export_ms.unwrap_or(oldest_new);
        let dismissed_recently = self
            .export_reminder_dismissed_ms
            .is_some_and(|t| now_ms - t < EXPORT_REMINDER_MS);
        now_ms - waiting_since >= EXPORT_REMINDER_MS && !dismissed_recently
    }

    /// The language the visitor chose, if this version speaks it.
    pub fn chosen_locale(&self) -> Option<Locale> {
        self.language.as_deref().and_then(Locale::from_tag)
    }

    /// Records the visitor's choice of language.
    pub fn choose_locale(&mut self, locale: Locale) {
        self.language = Some(locale.tag().to_owned());
    }

    /// Records the acknowledgement.
    pub fn acknowledge_disclosure(&mut self, now_ms: i64) {
        self.disclosure_acknowledged_ms.get_or_insert(now_ms);
    }
}

/// What Chromium and Firefox allow one site in `localStorage`: about
/// 5 million UTF-16 code units (Safari allows a little less).
pub const STORAGE_LIMIT_UNITS: usize = 5_000_000;

/// How full the journal's space is, as the widget says it: e.g. "Your
/// journal takes about 1.2 MB of this browser's storage, 24% of what it
/// allows." `units` are UTF-16 code units (two bytes each).
pub fn space_sentence(units: usize) -> String {
    let bytes = units * 2;
    let size = if bytes < 1_000_000 {
        let kilobytes = i18n::number(bytes.div_ceil(1000) as u64);
        trf("{size} KB", &[("size", &kilobytes)])
    } else {
        let tenths = (bytes + 50_000) / 100_000;
        let megabytes = i18n::decimal(tenths as f64 / 10.0);
        trf("{size} MB", &[("size", &megabytes)])
    };
    // Rounded, but never "0%" for a journal that holds something.
    let percent = ((units * 100 + STORAGE_LIMIT_UNITS / 2) / STORAGE_LIMIT_UNITS)
        .clamp(usize::from(units > 0), 100);
    trf(
        "Your journal takes about {size} of this browser's storage, {percent} of what it allows.",
        &[("size", &size), ("percent", &i18n::percent(percent as u64))],
    )
}

/// True when the space is nearly full (over 80%): time to keep a copy and
/// make room.
pub fn space_running_low(units: usize) -> bool {
    units * 10 > STORAGE_LIMIT_UNITS * 8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn space_is_said_in_kilobytes_or_megabytes_and_percent() {
        assert_eq!(
            space_sentence(1_200),
            "Your journal takes about 3 KB of this browser's storage, 1% of what it allows."
        );
        assert_eq!(
            space_sentence(1_200_000),
            "Your journal takes about 2.4 MB of this browser's storage, 24% of what it allows."
        );
        assert!(space_sentence(9_000_000).ends_with("100% of what it allows."));
        assert!(!space_running_low(4_000_000));
        assert!(space_running_low(4_000_001));
    }

    #[test]
    fn a_chosen_language_is_kept_and_one_this_version_lacks_is_ignored() {
        let mut settings = Settings::default();
        assert_eq!(settings.chosen_locale(), None);
        settings.choose_locale(Locale::Ar);
        let json = serde_json::to_string(&settings).unwrap();
        let again: Settings = serde_json::from_str(&json).unwrap();
        assert_eq!(again.chosen_locale(), Some(Locale::Ar));
        let later: Settings = serde_json::from_str(r#"{"language":"fr"}"#).unwrap();
        assert_eq!(later.chosen_locale(), None);
        assert_eq!(later.language.as_deref(), Some("fr"));
    }

    const DAY: i64 = 86_400_000;

    #[test]
    fn the_export_reminder_waits_a_week_and_only_for_new_entries() {
        let now = 100 * DAY;
        let mut settings = Settings::default();
        assert!(!settings.export_reminder_due([], now), "nothing written");
        assert!(
            !settings.export_reminder_due([now - 6 * DAY], now),
            "less than a week"
        );
        assert!(settings.export_reminder_due([now - 7 * DAY, now - DAY], now));

        settings.last_export_ms = Some(now - 10 * DAY);
        assert!(
            !settings.export_reminder_due([now - 11 * DAY], now),
            "all in the copy"
        );
        assert!(settings.export_reminder_due([now - 11 * DAY, now - DAY], now));
        settings.last_export_ms = Some(now - 3 * DAY);
        assert!(
            !settings.export_reminder_due([now - DAY], now),
            "copy is recent"
        );

        settings.last_export_ms = Some(now - 10 * DAY);
        settings.export_reminder_dismissed_ms = Some(now - 6 * DAY);
        assert!(
            !settings.export_reminder_due([now - DAY], now),
            "put away this week"
        );
        settings.export_reminder_dismissed_ms = Some(now - 7 * DAY);
        assert!(settings.export_reminder_due([now - DAY], now));
    }

    #[test]
    fn acknowledging_twice_keeps_the_first_time() {
        let mut settings = Settings::default();
        assert!(!settings.has_acknowledged_disclosure());
        settings.acknowledge_disclosure(10);
        settings.acknowledge_disclosure(20);
        assert_eq!(settings.disclosure_acknowledged_ms, Some(10));
    }

    #[test]
    fn auto_lock_accepts_only_the_offered_choices() {
        let mut settings = Settings::default();
        assert_eq!(settings.auto_lock_minutes(), 5);
        settings.set_auto_lock_minutes(15);
        assert_eq!(settings.auto_lock_minutes(), 15);
        settings.set_auto_lock_minutes(0);
        assert_eq!(settings.auto_lock_minutes(), 15);
        let stored: Settings = serde_json::from_str(r#"{"auto_lock_minutes":100000}"#).unwrap();
        assert_eq!(stored.auto_lock_minutes(), 5);
        let old: Settings = serde_json::from_str(r#"{"disclosure_acknowledged_ms":1}"#).unwrap();
        assert_eq!(old.auto_lock_minutes(), 5);
    }

    #[test]
    fn unknown_fields_from_a_later_version_are_ignored() {
        let settings: Settings =
            serde_json::from_str(r#"{"disclosure_acknowledged_ms":3,"theme":"dark"}"#).unwrap();
        assert!(settings.has_acknowledged_disclosure());
    }
}
