//! Guided reflection prompts, grouped in packs.
//!
//! Each prompt carries a one-line "why this helps" so a visitor knows what
//! it is for. Free writing without a prompt is always possible.

use crate::i18n::{key, tr};

/// One guided prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prompt {
    /// Stable id, stored with entries (`pack.slug`).
    pub id: &'static str,
    /// The question the visitor answers (see [`Prompt::text`]).
    text: &'static str,
    /// Why this kind of reflection can help, in one line (see [`Prompt::why`]).
    why: &'static str,
    /// True for a clinic's own prompt, whose words are shown as written;
    /// a built-in prompt's are English, translated where shown.
    own: bool,
}

impl Prompt {
    /// A clinic's own prompt (from its content pack), shown as written.
    pub(super) fn own(id: &'static str, text: &'static str, why: &'static str) -> Prompt {
        Prompt {
            id,
            text,
            why,
            own: true,
        }
    }

    /// The question the visitor answers, in their language (a clinic's
    /// own prompt as the clinic wrote it).
    pub fn text(&self) -> &'static str {
        shown(self.text, self.own)
    }

    /// Why this kind of reflection can help, in one line, in the
    /// visitor's language (a clinic's own as the clinic wrote it).
    pub fn why(&self) -> &'static str {
        shown(self.why, self.own)
    }
}

/// A themed group of prompts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pack {
    /// Stable id.
    pub id: &'static str,
    /// Heading shown to the visitor (see [`Pack::title`]).
    title: &'static str,
    /// The prompts, in the order shown.
    pub prompts: &'static [Prompt],
    /// True for a clinic's own pack, shown as written.
    own: bool,
}

impl Pack {
    /// A clinic's own pack (from its content pack), shown as written.
    pub(super) fn own(id: &'static str, title: &'static str, prompts: &'static [Prompt]) -> Pack {
        Pack {
            id,
            title,
            prompts,
            own: true,
        }
    }

    /// The heading shown to the visitor, in their language (a clinic's
    /// own pack as the clinic wrote it).
    pub fn title(&self) -> &'static str {
        shown(self.title, self.own)
    }
}

/// Built-in English translated; a clinic's own words never.
fn shown(words: &'static str, own: bool) -> &'static str {
    if own {
        words
    } else {
        tr(words)
    }
}

/// A built-in prompt: `text` and `why` are English, wrapped in `key`.
const fn prompt(id: &'static str, text: &'static str, why: &'static str) -> Prompt {
    Prompt {
        id,
        text,
        why,
        own: false,
    }
}

/// A built-in pack: `title` is English, wrapped in `key`.
const fn pack(id: &'static str, title: &'static str, prompts: &'static [Prompt]) -> Pack {
    Pack {
        id,
        title,
        prompts,
        own: false,
    }
}

/// The built-in packs, in the order shown. Ids are stored with entries:
/// never change or reuse one.
pub const PACKS: &[Pack] = &[
    pack(
        "check-in",
        key("Checking in with myself"),
        &[
            prompt(
                "check-in.today",
                key("What has today been like for you, in a few sentences?"),
                key("Putting the day into words can make it feel more manageable."),
            ),
            prompt(
                "check-in.feeling",
                key("What are you feeling right now, and where do you notice it in your body?"),
                key("Naming a feeling is a first step to making room for it."),
            ),
            prompt(
                "check-in.kind",
                key("What is one small, kind thing you could do for yourself today?"),
                key("Small acts of care add up, especially on hard days."),
            ),
            prompt(
                "check-in.good",
                key("What went well today, however small?"),
                key("Noticing good moments helps balance the ones that weigh on us."),
            ),
            prompt(
                "check-in.energy",
                key("What gave you energy today, and what took it away?"),
                key("Seeing the pattern helps you plan a little more of the first."),
            ),
            prompt(
                "check-in.need",
                key("What do you need most right now?"),
                key("Asking the question is how you start to meet the need."),
            ),
        ],
    ),
    pack(
        "expressive",
        key("Writing it out"),
        &[
            prompt(
                "expressive.on-my-mind",
                key("What is weighing on you? Write about it freely for ten minutes, without worrying about spelling or order."),
                key("Writing openly about what troubles us can ease how much space it takes up."),
            ),
            prompt(
                "expressive.unsaid",
                key("Is there something you haven't said to anyone? You can write it here, just for you."),
                key("Putting the unspoken into words can lighten it, even if no one else reads it."),
            ),
            prompt(
                "expressive.hard-moment",
                key("Describe a hard moment from this week: what happened, and how it felt then and now."),
                key("Telling it as a story helps the mind make sense of it."),
            ),
            prompt(
                "expressive.letter",
                key("Write a letter you will not send, to someone or something on your mind."),
                key("An unsent letter lets you say it all, safely."),
            ),
            prompt(
                "expressive.worry",
                key("What are you worried might happen? What would you do if it did?"),
                key("Following a worry to its end often shows you could cope."),
            ),
            prompt(
                "expressive.change",
                key("What has changed in you over the past year?"),
                key("Looking back shows movement that day-to-day life hides."),
            ),
        ],
    ),
    pack(
        "gratitude",
        key("Noticing the good"),
        &[
            prompt(
                "gratitude.three",
                key("What are three things, big or small, that you are grateful for today?"),
                key("Regularly noticing good things gently shifts where attention goes."),
            ),
            prompt(
                "gratitude.person",
                key("Who made a difference to you recently, and how?"),
                key("Recognising others' kindness strengthens the sense of connection."),
            ),
            prompt(
                "gratitude.ordinary",
                key("What ordinary thing did you enjoy today?"),
                key("Small pleasures are easy to miss and worth savouring."),
            ),
            prompt(
                "gratitude.yourself",
                key("What is something you did this week that you can appreciate in yourself?"),
                key("Appreciating your own effort builds steadier self-worth."),
            ),
            prompt(
                "gratitude.looking-forward",
                key("What is something you are looking forward to?"),
                key("Something to look forward to can carry you through a hard stretch."),
            ),
        ],
    ),
    pack(
        "body",
        key("Body and breath"),
        &[
            prompt(
                "body.scan",
                key("Slowly notice your body from head to toe. Where is it tense, and where is it at ease?"),
                key("Paying attention to the body helps you notice stress early."),
            ),
            prompt(
                "body.breath",
                key("Take five slow breaths. What do you notice afterwards?"),
                key("Slow breathing can calm the body, and noticing it helps you return to it."),
            ),
            prompt(
                "body.senses",
                key("Name five things you can see, four you can hear, three you can touch."),
                key("Grounding in the senses brings you back to the present moment."),
            ),
            prompt(
                "body.rest",
                key("How have you been sleeping and resting lately?"),
                key("Rest shapes mood more than we often notice."),
            ),
            prompt(
                "body.movement",
                key("How did your body move today? How did that feel?"),
                key("Gentle movement is one of the most reliable lifts to mood."),
            ),
            prompt(
                "body.now",
                key("What is happening right now, in this moment, without judging it?"),
                key("Simply noticing, without fixing, can loosen difficult feelings."),
            ),
        ],
    ),
    pack(
        "values",
        key("What matters to me"),
        &[
            prompt(
                "values.important",
                key("What matters most to you in life? Choose one thing and write about why."),
                key("Knowing your values makes choices clearer."),
            ),
            prompt(
                "values.step",
                key("What is one small step this week that would move you towards what matters to you?"),
                key("Small steps in a valued direction build a sense of purpose."),
            ),
            prompt(
                "values.proud",
                key("When did you last feel proud of how you acted? What did that show about what you value?"),
                key("Remembering when you lived your values shows you can again."),
            ),
            prompt(
                "values.relationships",
                key("What kind of friend, partner or family member do you want to be?"),
                key("Naming the person you want to be gives you something to aim at."),
            ),
            prompt(
                "values.energy-spent",
                key("Where does most of your time and energy go? Does that fit what matters to you?"),
                key("Noticing the gap between values and days is the first step to closing it."),
            ),
        ],
    ),
    pack(
        "self-compassion",
        key("Being kind to myself"),
        &[
            prompt(
                "self-compassion.friend",
                key("What would you say to a good friend going through what you are going through?"),
                key("We are often kinder to others than to ourselves; that kindness can be turned inwards."),
            ),
            prompt(
                "self-compassion.critic",
                key("What has your inner critic been saying? How could you answer it more gently?"),
                key("Answering self-criticism kindly reduces its grip."),
            ),
            prompt(
                "self-compassion.common",
                key("In what ways is what you are feeling something many people feel?"),
                key("Remembering that struggle is shared eases the sense of being alone."),
            ),
            prompt(
                "self-compassion.permission",
                key("What would you like to give yourself permission to do, or not do?"),
                key("Permission to rest or to say no is a form of care."),
            ),
            prompt(
                "self-compassion.comfort",
                key("What comforts you when things are hard? How could you make room for it this week?"),
                key("Planning comfort ahead makes it easier to reach for."),
            ),
        ],
    ),
    pack(
        "thoughts",
        key("Looking at a thought"),
        &[
            prompt(
                "thoughts.situation",
                key("Think of a moment that upset you. What happened, and what went through your mind?"),
                key("Separating what happened from what we thought about it is the core of CBT."),
            ),
            prompt(
                "thoughts.evidence",
                key("Pick one upsetting thought. What supports it, and what doesn't?"),
                key("Weighing the evidence can loosen a thought that feels like fact."),
            ),
            prompt(
                "thoughts.balanced",
                key("Is there a more balanced way of seeing the situation?"),
                key("A balanced view is usually both kinder and more accurate."),
            ),
            prompt(
                "thoughts.pattern",
                key("Do you notice any thought that keeps coming back? When does it show up?"),
                key("Spotting a repeating thought makes it easier to catch next time."),
            ),
        ],
    ),
    pack(
        "before-session",
        key("Before my session"),
        &[
            prompt(
                "before-session.bring",
                key("What would you like to bring up at your next session?"),
                key("Writing it down means it won't slip away when the time comes."),
            ),
            prompt(
                "before-session.changed",
                key("What has changed since your last session?"),
                key("Noticing change, in either direction, gives your sessions a thread."),
            ),
            prompt(
                "before-session.hardest",
                key("What was the hardest moment since your last session?"),
                key("Bringing a concrete moment gives you and your clinician something to work with."),
            ),
            prompt(
                "before-session.hope",
                key("What do you hope to get from your next session?"),
                key("Knowing what you want helps you ask for it."),
            ),
        ],
    ),
    pack(
        "after-session",
        key("After my session"),
        &[
            prompt(
                "after-session.stayed",
                key("What stayed with you from your last session?"),
                key("Returning to what resonated helps it settle and last."),
            ),
            prompt(
                "after-session.try",
                key("What is one thing you'd like to try before the next one?"),
                key("A small, concrete step is easier to begin than a big one."),
            ),
            prompt(
                "after-session.feeling-after",
                key("How did you feel as you left the session? How do you feel now?"),
                key("Feelings after a session are part of the work; noticing them is useful."),
            ),
            prompt(
                "after-session.question",
                key("Is there anything you wish you had said or asked?"),
                key("Writing it down means you can bring it next time."),
            ),
        ],
    ),
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
                assert!(!prompt.why().is_empty());
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
