//! Finding entries again: by words, prompt pack, tag, mood and dates.

use super::crisis_language::normalise;
use super::{Entry, Mood, Tag};

/// Which entries a search keeps, by the prompt they answered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum PackChoice {
    /// Any entry.
    #[default]
    Any,
    /// Entries written without a prompt.
    FreeWriting,
    /// Entries answering a prompt from the pack with this id.
    Pack(String),
}

/// What the visitor searched for. Every part left empty matches everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Words that must all appear (as the start of a word, ignoring case
    /// and accents) in the text, prompt, feelings or tags.
    pub words: String,
    /// The prompt pack.
    pub pack: PackChoice,
    /// A tag the entry must have.
    pub tag: Option<Tag>,
    /// The mood the entry must have.
    pub mood: Option<Mood>,
    /// Entries written at or after this moment (ms since the epoch).
    pub from_ms: Option<i64>,
    /// Entries written before this moment.
    pub until_ms: Option<i64>,
}

impl Filter {
    /// True when the filter narrows anything down.
    pub fn is_active(&self) -> bool {
        let without_words = Filter {
            words: String::new(),
            ..self.clone()
        };
        !self.words.trim().is_empty() || without_words != Filter::default()
    }

    /// A matcher for this filter, with the words prepared once.
    pub fn matcher(&self) -> Matcher<'_> {
        Matcher {
            filter: self,
            words: normalise(&self.words)
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(|w| format!(" {w}"))
                .collect(),
        }
    }
}

/// Tests entries against a [`Filter`].
pub struct Matcher<'a> {
    filter: &'a Filter,
    /// Each query word with a space before it, to match word starts.
    words: Vec<String>,
}

impl Matcher<'_> {
    /// True when the entry meets every part of the filter. The cheap
    /// checks come first; the words are looked for last.
    pub fn matches(&self, entry: &Entry) -> bool {
        let f = self.filter;
        f.from_ms.is_none_or(|from| entry.created_ms >= from)
            && f.until_ms.is_none_or(|until| entry.created_ms < until)
            && f.mood.is_none_or(|mood| entry.mood == Some(mood))
            && f.tag.as_ref().is_none_or(|tag| entry.tags.contains(tag))
            && match &f.pack {
                PackChoice::Any => true,
                PackChoice::FreeWriting => entry.prompt.is_none(),
                PackChoice::Pack(id) => entry.prompt.as_ref().is_some_and(|p| pack_of(&p.id) == id),
            }
            && (self.words.is_empty() || self.words_match(entry))
    }

    fn words_match(&self, entry: &Entry) -> bool {
        let mut haystack = entry.written_text();
        if let Some(prompt) = &entry.prompt {
            haystack.push('\n');
            haystack.push_str(&prompt.text);
        }
        // Feelings are stored as English words; a visitor searches in
        // their own language, so the word they were shown counts too.
        for emotion in &entry.emotions {
            haystack.push(' ');
            haystack.push_str(emotion.word());
            if emotion.label() != emotion.word() {
                haystack.push(' ');
                haystack.push_str(emotion.label());
            }
        }
        for tag in &entry.tags {
            haystack.push(' ');
            haystack.push_str(tag.as_str());
        }
        let normal = normalise(&haystack);
        self.words.iter().all(|w| normal.contains(w.as_str()))
    }
}

/// The pack a prompt id belongs to: the part before the first dot
/// (`"gratitude.small"` → `"gratitude"`).
pub fn pack_of(prompt_id: &str) -> &str {
    prompt_id.split('.').next().unwrap_or(prompt_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Draft, DraftChange, Emotion, EntryId, PromptRef};

    fn entry(created_ms: i64, text: &str, prompt: Option<&str>) -> Entry {
        let mut entry = Draft {
            text: text.into(),
            mood: Mood::new(3),
            ..Draft::default()
        }
        .to_entry(EntryId::new("a").unwrap(), created_ms)
        .unwrap();
        entry.prompt = prompt.map(|id| PromptRef {
            id: id.into(),
            text: "What went well today?".into(),
        });
        entry
    }

    fn matches(filter: &Filter, entry: &Entry) -> bool {
        filter.matcher().matches(entry)
    }

    fn words(w: &str) -> Filter {
        Filter {
            words: w.into(),
            ..Filter::default()
        }
    }

    #[test]
    fn an_empty_filter_matches_everything_and_is_not_active() {
        assert!(matches(&Filter::default(), &entry(1, "", None)));
        assert!(!Filter::default().is_active());
        assert!(!words("   ").is_active());
        assert!(words("walk").is_active());
        let mood = Filter {
            mood: Mood::new(2),
            ..Filter::default()
        };
        assert!(mood.is_active());
    }

    #[test]
    fn every_word_must_start_a_word_ignoring_case_and_accents() {
        let e = entry(1, "Walking with Ana in the jardín", None);
        assert!(matches(&words("walk"), &e));
        assert!(matches(&words("ANA jardin"), &e));
        assert!(matches(&words("Jardín"), &e));
        assert!(!matches(&words("alking"), &e), "only word starts match");
        assert!(!matches(&words("walk river"), &e), "every word must appear");
    }

    #[test]
    fn words_are_found_in_the_prompt_feelings_and_tags() {
        let e = entry(1, "", Some("gratitude.small"));
        assert!(matches(&words("went well"), &e));
        let mut draft = e.to_draft();
        draft.apply(DraftChange::ToggleEmotion(Emotion::new("lonely").unwrap()));
        draft.apply(DraftChange::ToggleTag(Tag::new("night shift").unwrap()));
        let e = e.edited(&draft, 2).unwrap();
        assert!(matches(&words("lonely"), &e));
        assert!(matches(&words("shift"), &e));
        // In Spanish, the feeling is found by the word the visitor saw.
        crate::i18n::set_locale(crate::i18n::Locale::Es);
        let shown = Emotion::new("lonely").unwrap().label();
        let found = matches(&words(shown), &e);
        crate::i18n::set_locale(crate::i18n::Locale::En);
        assert_ne!(shown, "lonely");
        assert!(found, "{shown}");
    }

    #[test]
    fn hostile_queries_are_just_words() {
        let e = entry(1, "a (b) [c] .* \\d", None);
        assert!(matches(&words(".*"), &e), "punctuation alone matches all");
        assert!(matches(&words("(b)"), &e));
        assert!(!matches(&words("<script>"), &e));
    }

    #[test]
    fn pack_tag_mood_and_dates_narrow_it_down() {
        let mut e = entry(1_000, "x", Some("gratitude.small"));
        e.mood = Mood::new(4);
        e.tags = vec![Tag::new("work").unwrap()];
        let with = |change: &dyn Fn(&mut Filter)| {
            let mut f = Filter::default();
            change(&mut f);
            matches(&f, &e)
        };
        assert!(with(&|f| f.pack = PackChoice::Pack("gratitude".into())));
        assert!(!with(&|f| f.pack = PackChoice::Pack("values".into())));
        assert!(!with(&|f| f.pack = PackChoice::FreeWriting));
        assert!(matches(
            &Filter {
                pack: PackChoice::FreeWriting,
                ..Filter::default()
            },
            &entry(1, "x", None)
        ));
        assert!(with(&|f| f.tag = Tag::new("work")));
        assert!(!with(&|f| f.tag = Tag::new("sleep")));
        assert!(with(&|f| f.mood = Mood::new(4)));
        assert!(!with(&|f| f.mood = Mood::new(2)));
        assert!(with(&|f| f.from_ms = Some(1_000)));
        assert!(!with(&|f| f.from_ms = Some(1_001)));
        assert!(with(&|f| f.until_ms = Some(1_001)));
        assert!(!with(&|f| f.until_ms = Some(1_000)), "the end is exclusive");
    }

    #[test]
    fn packs_are_the_part_of_the_prompt_id_before_the_dot() {
        assert_eq!(pack_of("before-session.topics"), "before-session");
        assert_eq!(pack_of("plain"), "plain");
    }
}
