//! What a mood check-in can hold besides the 1–5 mood: energy, emotion
//! words and tags. All optional, so a check-in can still take seconds.

use serde::{Deserialize, Serialize};

use crate::i18n::{key, tr};
use crate::model::lowercase::lowercase;

/// Energy on a five-point scale, always shown with its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Energy(u8);

impl Energy {
    /// Every point of the scale, lowest first.
    pub const ALL: [Energy; 5] = [Energy(1), Energy(2), Energy(3), Energy(4), Energy(5)];

    /// Energy from its number; `None` outside 1–5.
    pub fn new(value: u8) -> Option<Energy> {
        (1..=5).contains(&value).then_some(Energy(value))
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
            3 => tr("Moderate"),
            4 => tr("High"),
            _ => tr("Very high"),
        }
    }
}

impl TryFrom<u8> for Energy {
    type Error = String;

    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Energy::new(value).ok_or_else(|| format!("energy must be 1 to 5, got {value}"))
    }
}

impl From<Energy> for u8 {
    fn from(energy: Energy) -> u8 {
        energy.0
    }
}

/// The four groups of the emotion vocabulary: how pleasant a feeling is,
/// and how much energy it carries (the "mood meter" used in emotion
/// literacy work), so a visitor can find a word by how it feels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quadrant {
    /// Pleasant, more energy.
    PleasantHigh,
    /// Pleasant, less energy.
    PleasantLow,
    /// Unpleasant, more energy.
    UnpleasantHigh,
    /// Unpleasant, less energy.
    UnpleasantLow,
}

impl Quadrant {
    /// Every group, in the order they are offered.
    pub const ALL: [Quadrant; 4] = [
        Quadrant::PleasantHigh,
        Quadrant::PleasantLow,
        Quadrant::UnpleasantHigh,
        Quadrant::UnpleasantLow,
    ];

    /// The group's heading, in the visitor's language.
    pub fn title(self) -> &'static str {
        match self {
            Quadrant::PleasantHigh => tr("Pleasant, more energy"),
            Quadrant::PleasantLow => tr("Pleasant, less energy"),
            Quadrant::UnpleasantHigh => tr("Unpleasant, more energy"),
            Quadrant::UnpleasantLow => tr("Unpleasant, less energy"),
        }
    }

    /// The words in this group, in vocabulary order.
    pub fn emotions(self) -> impl Iterator<Item = Emotion> {
        VOCABULARY
            .iter()
            .enumerate()
            .filter(move |(_, (_, q))| *q == self)
            .map(|(i, _)| Emotion(i as u8))
    }
}

/// The emotion words offered, each with its group. Stored by the English
/// word, so the order here can change but a word, once shipped, must stay.
/// The same word is the key of its translation, shown by [`Emotion::label`].
const VOCABULARY: [(&str, Quadrant); 24] = [
    (key("excited"), Quadrant::PleasantHigh),
    (key("joyful"), Quadrant::PleasantHigh),
    (key("hopeful"), Quadrant::PleasantHigh),
    (key("proud"), Quadrant::PleasantHigh),
    (key("motivated"), Quadrant::PleasantHigh),
    (key("playful"), Quadrant::PleasantHigh),
    (key("calm"), Quadrant::PleasantLow),
    (key("content"), Quadrant::PleasantLow),
    (key("relaxed"), Quadrant::PleasantLow),
    (key("grateful"), Quadrant::PleasantLow),
    (key("relieved"), Quadrant::PleasantLow),
    (key("safe"), Quadrant::PleasantLow),
    (key("anxious"), Quadrant::UnpleasantHigh),
    (key("angry"), Quadrant::UnpleasantHigh),
    (key("stressed"), Quadrant::UnpleasantHigh),
    (key("frustrated"), Quadrant::UnpleasantHigh),
    (key("overwhelmed"), Quadrant::UnpleasantHigh),
    (key("restless"), Quadrant::UnpleasantHigh),
    (key("sad"), Quadrant::UnpleasantLow),
    (key("tired"), Quadrant::UnpleasantLow),
    (key("lonely"), Quadrant::UnpleasantLow),
    (key("disappointed"), Quadrant::UnpleasantLow),
    (key("numb"), Quadrant::UnpleasantLow),
    (key("hopeless"), Quadrant::UnpleasantLow),
];

/// One word from the emotion vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Emotion(u8);

impl Emotion {
    /// The vocabulary word, e.g. `"anxious"`; `None` for any other text.
    pub fn new(word: &str) -> Option<Emotion> {
        VOCABULARY
            .iter()
            .position(|(w, _)| *w == word)
            .map(|i| Emotion(i as u8))
    }

    /// Every word, in vocabulary order.
    pub fn all() -> impl Iterator<Item = Emotion> {
        (0..VOCABULARY.len()).map(|i| Emotion(i as u8))
    }

    /// The English word, in lower case: what entries, files and search
    /// use. Never shown as it is: see [`Emotion::label`].
    pub fn word(self) -> &'static str {
        VOCABULARY[usize::from(self.0)].0
    }

    /// The word as a visitor reads it, in their language.
    pub fn label(self) -> &'static str {
        tr(self.word())
    }

    /// Its group.
    pub fn quadrant(self) -> Quadrant {
        VOCABULARY[usize::from(self.0)].1
    }
}

impl TryFrom<String> for Emotion {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Emotion::new(&value).ok_or_else(|| format!("not an emotion word Interlude knows: {value}"))
    }
}

impl From<Emotion> for String {
    fn from(emotion: Emotion) -> String {
        emotion.word().to_owned()
    }
}

/// Longest tag, in characters.
pub const MAX_TAG_CHARS: usize = 40;
/// Most tags on one entry.
pub const MAX_TAGS: usize = 20;

/// Tags offered before the visitor has made any of their own.
pub const SUGGESTED_TAGS: [&str; 4] = ["sleep", "movement", "social", "work"];

/// A short label the visitor puts on a check-in ("sleep", "family"): lower
/// case, single spaces, no commas or semicolons (they separate tags in
/// files), 1–[`MAX_TAG_CHARS`] characters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Tag(String);

impl Tag {
    /// A tag from what the visitor typed, tidied as above; `None` when
    /// nothing is left or it is too long.
    pub fn new(text: &str) -> Option<Tag> {
        let words: String = text
            .chars()
            .map(|c| {
                if c == ',' || c == ';' || c.is_whitespace() {
                    ' '
                } else {
                    c
                }
            })
            .filter(|c| !c.is_control())
            .collect::<String>()
            .split(' ')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let cleaned = lowercase(&words);
        let length = cleaned.chars().count();
        (1..=MAX_TAG_CHARS)
            .contains(&length)
            .then_some(Tag(cleaned))
    }

    /// The tag's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Tag {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Tag::new(&value).ok_or_else(|| format!("tags are 1 to {MAX_TAG_CHARS} characters"))
    }
}

impl From<Tag> for String {
    fn from(tag: Tag) -> String {
        tag.0
    }
}

/// The tags to offer as quick choices: the suggested ones, then the
/// visitor's own most used (ties alphabetical), up to `limit` in all.
pub fn quick_tags<'a>(used: impl IntoIterator<Item = &'a Tag>, limit: usize) -> Vec<Tag> {
    let mut counts = std::collections::BTreeMap::<&Tag, usize>::new();
    for tag in used {
        *counts.entry(tag).or_default() += 1;
    }
    let mut own: Vec<(&Tag, usize)> = counts.into_iter().collect();
    own.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let mut tags: Vec<Tag> = SUGGESTED_TAGS.iter().filter_map(|t| Tag::new(t)).collect();
    for (tag, _) in own {
        if !tags.contains(tag) {
            tags.push(tag.clone());
        }
    }
    tags.truncate(limit);
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn energy_is_one_to_five_with_words() {
        assert_eq!(Energy::new(0), None);
        assert_eq!(Energy::new(6), None);
        assert_eq!(Energy::new(3).map(Energy::label), Some("Moderate"));
        assert!(serde_json::from_str::<Energy>("7").is_err());
    }

    #[test]
    fn each_group_offers_six_words_and_every_word_is_distinct() {
        for quadrant in Quadrant::ALL {
            assert_eq!(quadrant.emotions().count(), 6, "{}", quadrant.title());
        }
        let words: std::collections::BTreeSet<_> = Emotion::all().map(Emotion::word).collect();
        assert_eq!(words.len(), VOCABULARY.len());
    }

    #[test]
    fn emotions_are_stored_by_their_word() {
        let anxious = Emotion::new("anxious").unwrap();
        assert_eq!(serde_json::to_string(&anxious).unwrap(), r#""anxious""#);
        assert_eq!(anxious.quadrant(), Quadrant::UnpleasantHigh);
        assert!(serde_json::from_str::<Emotion>(r#""Anxious""#).is_err());
        assert!(serde_json::from_str::<Emotion>(r#""<b>""#).is_err());
    }

    #[test]
    fn tags_are_tidied() {
        assert_eq!(Tag::new("  Bad   Sleep ").unwrap().as_str(), "bad sleep");
        assert_eq!(
            Tag::new("work;late,night").unwrap().as_str(),
            "work late night"
        );
        assert_eq!(Tag::new("a\u{0}b\tc").unwrap().as_str(), "ab c");
        assert_eq!(Tag::new(" ,; "), None);
        assert!(Tag::new(&"x".repeat(MAX_TAG_CHARS)).is_some());
        assert_eq!(Tag::new(&"x".repeat(MAX_TAG_CHARS + 1)), None);
        assert_eq!(Tag::new("café").unwrap().as_str(), "café");
        // Any script's capitals, a Greek word's final sigma included.
        assert_eq!(Tag::new("CAFÉ Семья").unwrap().as_str(), "café семья");
        assert_eq!(Tag::new("ΦΊΛΟΙ, ΎΠΝΟΣ").unwrap().as_str(), "φίλοι ύπνος");
    }

    #[test]
    fn stored_tags_are_tidied_the_same_way_or_refused() {
        assert_eq!(
            serde_json::from_str::<Tag>(r#""Family ""#)
                .unwrap()
                .as_str(),
            "family"
        );
        assert!(serde_json::from_str::<Tag>(r#""""#).is_err());
    }

    #[test]
    fn quick_tags_start_with_the_suggestions_then_the_most_used() {
        let tag = |t: &str| Tag::new(t).unwrap();
        let used = [tag("family"), tag("art"), tag("family"), tag("work")];
        let names: Vec<String> = quick_tags(&used, 6).into_iter().map(String::from).collect();
        assert_eq!(
            names,
            ["sleep", "movement", "social", "work", "family", "art"]
        );
        assert_eq!(quick_tags(&used, 5).len(), 5);
    }
}
