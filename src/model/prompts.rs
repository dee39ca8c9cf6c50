//! Guided reflection prompts, grouped in packs.
//!
//! Each prompt carries a one-line "why this helps" so a visitor knows what
//! it is for. Free writing without a prompt is always possible.

/// One guided prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prompt {
    /// Stable id, stored with entries (`pack.slug`).
    pub id: &'static str,
    /// The question the visitor answers.
    pub text: &'static str,
    /// Why this kind of reflection can help, in one line.
    pub why: &'static str,
}

/// A themed group of prompts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pack {
    /// Stable id.
    pub id: &'static str,
    /// Heading shown to the visitor.
    pub title: &'static str,
    /// The prompts, in the order shown.
    pub prompts: &'static [Prompt],
}

/// The built-in packs.
pub const PACKS: &[Pack] = &[
    Pack {
        id: "check-in",
        title: "Checking in with myself",
        prompts: &[
            Prompt {
                id: "check-in.today",
                text: "What has today been like for you, in a few sentences?",
                why: "Putting the day into words can make it feel more manageable.",
            },
            Prompt {
                id: "check-in.feeling",
                text: "What are you feeling right now, and where do you notice it in your body?",
                why: "Naming a feeling is a first step to making room for it.",
            },
            Prompt {
                id: "check-in.kind",
                text: "What is one small, kind thing you could do for yourself today?",
                why: "Small acts of care add up, especially on hard days.",
            },
            Prompt {
                id: "check-in.good",
                text: "What went well today, however small?",
                why: "Noticing good moments helps balance the ones that weigh on us.",
            },
        ],
    },
    Pack {
        id: "before-session",
        title: "Before my session",
        prompts: &[
            Prompt {
                id: "before-session.bring",
                text: "What would you like to bring up at your next session?",
                why: "Writing it down means it won't slip away when the time comes.",
            },
            Prompt {
                id: "before-session.changed",
                text: "What has changed since your last session?",
                why: "Noticing change, in either direction, gives your sessions a thread.",
            },
        ],
    },
    Pack {
        id: "after-session",
        title: "After my session",
        prompts: &[
            Prompt {
                id: "after-session.stayed",
                text: "What stayed with you from your last session?",
                why: "Returning to what resonated helps it settle and last.",
            },
            Prompt {
                id: "after-session.try",
                text: "What is one thing you'd like to try before the next one?",
                why: "A small, concrete step is easier to begin than a big one.",
            },
        ],
    },
];

/// The prompt with this id, in any pack.
pub fn find(id: &str) -> Option<&'static Prompt> {
    PACKS
        .iter()
        .flat_map(|pack| pack.prompts)
        .find(|prompt| prompt.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompt_ids_are_unique_and_belong_to_their_pack() {
        let mut seen = std::collections::BTreeSet::new();
        for pack in PACKS {
            assert!(!pack.prompts.is_empty(), "{} is empty", pack.id);
            for prompt in pack.prompts {
                assert!(seen.insert(prompt.id), "duplicate {}", prompt.id);
                assert!(prompt.id.starts_with(&format!("{}.", pack.id)));
                assert!(!prompt.why.is_empty());
            }
        }
    }

    #[test]
    fn find_returns_the_prompt_or_nothing() {
        assert_eq!(find("check-in.today").unwrap().id, "check-in.today");
        assert!(find("check-in").is_none());
    }
}
