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

/// The built-in packs, in the order shown. Ids are stored with entries:
/// never change or reuse one.
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
            Prompt {
                id: "check-in.energy",
                text: "What gave you energy today, and what took it away?",
                why: "Seeing the pattern helps you plan a little more of the first.",
            },
            Prompt {
                id: "check-in.need",
                text: "What do you need most right now?",
                why: "Asking the question is how you start to meet the need.",
            },
        ],
    },
    Pack {
        id: "expressive",
        title: "Writing it out",
        prompts: &[
            Prompt {
                id: "expressive.on-my-mind",
                text: "What is weighing on you? Write about it freely for ten minutes, without worrying about spelling or order.",
                why: "Writing openly about what troubles us can ease how much space it takes up.",
            },
            Prompt {
                id: "expressive.unsaid",
                text: "Is there something you haven't said to anyone? You can write it here, just for you.",
                why: "Putting the unspoken into words can lighten it, even if no one else reads it.",
            },
            Prompt {
                id: "expressive.hard-moment",
                text: "Describe a hard moment from this week: what happened, and how it felt then and now.",
                why: "Telling it as a story helps the mind make sense of it.",
            },
            Prompt {
                id: "expressive.letter",
                text: "Write a letter you will not send, to someone or something on your mind.",
                why: "An unsent letter lets you say it all, safely.",
            },
            Prompt {
                id: "expressive.worry",
                text: "What are you worried might happen? What would you do if it did?",
                why: "Following a worry to its end often shows you could cope.",
            },
            Prompt {
                id: "expressive.change",
                text: "What has changed in you over the past year?",
                why: "Looking back shows movement that day-to-day life hides.",
            },
        ],
    },
    Pack {
        id: "gratitude",
        title: "Noticing the good",
        prompts: &[
            Prompt {
                id: "gratitude.three",
                text: "What are three things, big or small, that you are grateful for today?",
                why: "Regularly noticing good things gently shifts where attention goes.",
            },
            Prompt {
                id: "gratitude.person",
                text: "Who made a difference to you recently, and how?",
                why: "Recognising others' kindness strengthens the sense of connection.",
            },
            Prompt {
                id: "gratitude.ordinary",
                text: "What ordinary thing did you enjoy today?",
                why: "Small pleasures are easy to miss and worth savouring.",
            },
            Prompt {
                id: "gratitude.yourself",
                text: "What is something you did this week that you can appreciate in yourself?",
                why: "Appreciating your own effort builds steadier self-worth.",
            },
            Prompt {
                id: "gratitude.looking-forward",
                text: "What is something you are looking forward to?",
                why: "Something to look forward to can carry you through a hard stretch.",
            },
        ],
    },
    Pack {
        id: "body",
        title: "Body and breath",
        prompts: &[
            Prompt {
                id: "body.scan",
                text: "Slowly notice your body from head to toe. Where is it tense, and where is it at ease?",
                why: "Paying attention to the body helps you notice stress early.",
            },
            Prompt {
                id: "body.breath",
                text: "Take five slow breaths. What do you notice afterwards?",
                why: "Slow breathing can calm the body, and noticing it helps you return to it.",
            },
            Prompt {
                id: "body.senses",
                text: "Name five things you can see, four you can hear, three you can touch.",
                why: "Grounding in the senses brings you back to the present moment.",
            },
            Prompt {
                id: "body.rest",
                text: "How have you been sleeping and resting lately?",
                why: "Rest shapes mood more than we often notice.",
            },
            Prompt {
                id: "body.movement",
                text: "How did your body move today? How did that feel?",
                why: "Gentle movement is one of the most reliable lifts to mood.",
            },
            Prompt {
                id: "body.now",
                text: "What is happening right now, in this moment, without judging it?",
                why: "Simply noticing, without fixing, can loosen difficult feelings.",
            },
        ],
    },
    Pack {
        id: "values",
        title: "What matters to me",
        prompts: &[
            Prompt {
                id: "values.important",
                text: "What matters most to you in life? Choose one thing and write about why.",
                why: "Knowing your values makes choices clearer.",
            },
            Prompt {
                id: "values.step",
                text: "What is one small step this week that would move you towards what matters to you?",
                why: "Small steps in a valued direction build a sense of purpose.",
            },
            Prompt {
                id: "values.proud",
                text: "When did you last feel proud of how you acted? What did that show about what you value?",
                why: "Remembering when you lived your values shows you can again.",
            },
            Prompt {
                id: "values.relationships",
                text: "What kind of friend, partner or family member do you want to be?",
                why: "Naming the person you want to be gives you something to aim at.",
            },
            Prompt {
                id: "values.energy-spent",
                text: "Where does most of your time and energy go? Does that fit what matters to you?",
                why: "Noticing the gap between values and days is the first step to closing it.",
            },
        ],
    },
    Pack {
        id: "self-compassion",
        title: "Being kind to myself",
        prompts: &[
            Prompt {
                id: "self-compassion.friend",
                text: "What would you say to a good friend going through what you are going through?",
                why: "We are often kinder to others than to ourselves; that kindness can be turned inwards.",
            },
            Prompt {
                id: "self-compassion.critic",
                text: "What has your inner critic been saying? How could you answer it more gently?",
                why: "Answering self-criticism kindly reduces its grip.",
            },
            Prompt {
                id: "self-compassion.common",
                text: "In what ways is what you are feeling something many people feel?",
                why: "Remembering that struggle is shared eases the sense of being alone.",
            },
            Prompt {
                id: "self-compassion.permission",
                text: "What would you like to give yourself permission to do, or not do?",
                why: "Permission to rest or to say no is a form of care.",
            },
            Prompt {
                id: "self-compassion.comfort",
                text: "What comforts you when things are hard? How could you make room for it this week?",
                why: "Planning comfort ahead makes it easier to reach for.",
            },
        ],
    },
    Pack {
        id: "thoughts",
        title: "Looking at a thought",
        prompts: &[
            Prompt {
                id: "thoughts.situation",
                text: "Think of a moment that upset you. What happened, and what went through your mind?",
                why: "Separating what happened from what we thought about it is the core of CBT.",
            },
            Prompt {
                id: "thoughts.evidence",
                text: "Pick one upsetting thought. What supports it, and what doesn't?",
                why: "Weighing the evidence can loosen a thought that feels like fact.",
            },
            Prompt {
                id: "thoughts.balanced",
                text: "Is there a more balanced way of seeing the situation?",
                why: "A balanced view is usually both kinder and more accurate.",
            },
            Prompt {
                id: "thoughts.pattern",
                text: "Do you notice any thought that keeps coming back? When does it show up?",
                why: "Spotting a repeating thought makes it easier to catch next time.",
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
            Prompt {
                id: "before-session.hardest",
                text: "What was the hardest moment since your last session?",
                why: "Bringing a concrete moment gives you and your clinician something to work with.",
            },
            Prompt {
                id: "before-session.hope",
                text: "What do you hope to get from your next session?",
                why: "Knowing what you want helps you ask for it.",
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
            Prompt {
                id: "after-session.feeling-after",
                text: "How did you feel as you left the session? How do you feel now?",
                why: "Feelings after a session are part of the work; noticing them is useful.",
            },
            Prompt {
                id: "after-session.question",
                text: "Is there anything you wish you had said or asked?",
                why: "Writing it down means you can bring it next time.",
            },
        ],
    },
];

/// The prompt with this id, in any pack (the clinic's own included).
pub fn find(id: &str) -> Option<&'static Prompt> {
    PACKS
        .iter()
        .chain(super::content_pack::own_packs())
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
    fn the_library_is_large_enough_and_the_stored_ids_never_change() {
        assert!(PACKS.len() >= 6);
        assert!(PACKS.iter().map(|p| p.prompts.len()).sum::<usize>() >= 40);
        // Entries written before the library grew refer to these.
        for id in [
            "check-in.today",
            "check-in.feeling",
            "check-in.kind",
            "check-in.good",
            "before-session.bring",
            "before-session.changed",
            "after-session.stayed",
            "after-session.try",
        ] {
            assert!(find(id).is_some(), "{id}");
        }
    }

    #[test]
    fn find_returns_the_prompt_or_nothing() {
        assert_eq!(find("check-in.today").unwrap().id, "check-in.today");
        assert!(find("check-in").is_none());
    }
}
