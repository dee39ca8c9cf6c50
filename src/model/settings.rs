//! The visitor's small preferences.

use serde::{Deserialize, Serialize};

/// Preferences kept next to the journal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// When the visitor acknowledged the first-run explanation (ms since
    /// epoch); `None` until they have.
    #[serde(default)]
    pub disclosure_acknowledged_ms: Option<i64>,
}

impl Settings {
    /// True once the visitor has read and acknowledged what Interlude is.
    pub fn has_acknowledged_disclosure(&self) -> bool {
        self.disclosure_acknowledged_ms.is_some()
    }

    /// Records the acknowledgement.
    pub fn acknowledge_disclosure(&mut self, now_ms: i64) {
        self.disclosure_acknowledged_ms.get_or_insert(now_ms);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acknowledging_twice_keeps_the_first_time() {
        let mut settings = Settings::default();
        assert!(!settings.has_acknowledged_disclosure());
        settings.acknowledge_disclosure(10);
        settings.acknowledge_disclosure(20);
        assert_eq!(settings.disclosure_acknowledged_ms, Some(10));
    }

    #[test]
    fn unknown_fields_from_a_later_version_are_ignored() {
        let settings: Settings =
            serde_json::from_str(r#"{"disclosure_acknowledged_ms":3,"theme":"dark"}"#).unwrap();
        assert!(settings.has_acknowledged_disclosure());
    }
}
