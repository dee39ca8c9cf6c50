//! The labelled 1–5 mood scale.

use serde::{Deserialize, Serialize};

use crate::i18n::tr;

/// A mood rating on a five-point scale, always shown with its words so it
/// never depends on colour or emoji alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Mood(u8);

impl Mood {
    /// Every point of the scale, lowest first.
    pub const ALL: [Mood; 5] = [Mood(1), Mood(2), Mood(3), Mood(4), Mood(5)];

    /// A mood from its number; `None` outside 1–5.
    pub fn new(value: u8) -> Option<Mood> {
        (1..=5).contains(&value).then_some(Mood(value))
    }

    /// The number, 1 (lowest) to 5 (highest).
    pub fn value(self) -> u8 {
        self.0
    }

    /// The words a visitor sees next to the number, in their language
    /// (entries store only the number).
    pub fn label(self) -> &'static str {
        match self.0 {
            1 => tr("Very low"),
            2 => tr("Low"),
            3 => tr("Okay"),
            4 => tr("Good"),
            _ => tr("Very good"),
        }
    }
}

impl TryFrom<u8> for Mood {
    type Error = String;

    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Mood::new(value).ok_or_else(|| format!("mood must be 1 to 5, got {value}"))
    }
}

impl From<Mood> for u8 {
    fn from(mood: Mood) -> u8 {
        mood.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_one_to_five_are_moods() {
        assert_eq!(Mood::new(0), None);
        assert_eq!(Mood::new(6), None);
        assert_eq!(Mood::new(3).map(Mood::value), Some(3));
    }

    #[test]
    fn every_point_has_distinct_words() {
        let labels: std::collections::BTreeSet<_> = Mood::ALL.iter().map(|m| m.label()).collect();
        assert_eq!(labels.len(), 5);
    }

    #[test]
    fn out_of_range_json_is_rejected() {
        assert!(serde_json::from_str::<Mood>("9").is_err());
        assert_eq!(serde_json::from_str::<Mood>("2").unwrap(), Mood(2));
    }
}
