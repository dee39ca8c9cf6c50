//! The CBT thought record: a situation, the feelings it brought and how
//! strong they were, the thought that came automatically, the evidence for
//! and against it, a more balanced thought, and the feelings re-rated.

use serde::{Deserialize, Serialize};

use crate::i18n::{self, key, tr, trf, Locale};

/// Longest any one written step can be, in characters.
pub const MAX_STEP_CHARS: usize = 10_000;
/// Longest name of a feeling, in characters.
pub const MAX_FEELING_CHARS: usize = 40;
/// Most feelings rated in one record.
pub const MAX_FEELINGS: usize = 5;

/// A feeling and how strong it was (0–100), before and after.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatedFeeling {
    /// The visitor's word for it ("anxious", "ashamed").
    pub name: String,
    /// How strong, 0–100, when it happened.
    pub before: u8,
    /// How strong, 0–100, after the balanced thought; `None` until re-rated.
    #[serde(default)]
    pub after: Option<u8>,
}

/// One thought record, filled in step by step.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThoughtRecord {
    /// What happened.
    #[serde(default)]
    pub situation: String,
    /// The feelings, with intensity.
    #[serde(default)]
    pub feelings: Vec<RatedFeeling>,
    /// The thought that went through the visitor's mind.
    #[serde(default)]
    pub thought: String,
    /// What supports the thought.
    #[serde(default)]
    pub evidence_for: String,
    /// What does not fit with it.
    #[serde(default)]
    pub evidence_against: String,
    /// A more balanced way to see it.
    #[serde(default)]
    pub balanced: String,
}

/// The steps, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// What happened.
    Situation,
    /// Feelings and how strong.
    Feelings,
    /// The automatic thought.
    Thought,
    /// Evidence for the thought.
    EvidenceFor,
    /// Evidence against it.
    EvidenceAgainst,
    /// The balanced thought.
    Balanced,
    /// The feelings rated again.
    Rerate,
}

impl Step {
    /// Every step, in order.
    pub const ALL: [Step; 7] = [
        Step::Situation,
        Step::Feelings,
        Step::Thought,
        Step::EvidenceFor,
        Step::EvidenceAgainst,
        Step::Balanced,
        Step::Rerate,
    ];

    /// The step's heading, in the visitor's language.
    pub fn title(self) -> &'static str {
        tr(match self {
            Step::Situation => key("The situation"),
            Step::Feelings => key("Feelings"),
            Step::Thought => key("The thought"),
            Step::EvidenceFor => key("What supports the thought"),
            Step::EvidenceAgainst => key("What doesn't fit with it"),
            Step::Balanced => key("A more balanced thought"),
            Step::Rerate => key("Feelings now"),
        })
    }

    /// The question the step asks, in the visitor's language.
    pub fn question(self) -> &'static str {
        tr(match self {
            Step::Situation => key("What happened? Where were you, who was there, when was it?"),
            Step::Feelings => key(
                "What did you feel, and how strongly (0 is not at all, 100 the most you can imagine)?",
            ),
            Step::Thought => key(
                "What went through your mind? Write the thought as it came, in its own words.",
            ),
            Step::EvidenceFor => key("What facts support this thought?"),
            Step::EvidenceAgainst => key(
                "What facts don't fit with it? What would you say to a friend who had this thought?",
            ),
            Step::Balanced => {
                key("Taking all of it into account, what is a more balanced way to see it?")
            }
            Step::Rerate => key("Read the balanced thought again. How strong is each feeling now?"),
        })
    }

    /// Its number, 1 to 7.
    pub fn number(self) -> usize {
        Step::ALL.iter().position(|&s| s == self).unwrap_or(0) + 1
    }

    /// The step after this one.
    pub fn next(self) -> Option<Step> {
        Step::ALL.get(self.number()).copied()
    }

    /// The step before this one.
    pub fn previous(self) -> Option<Step> {
        self.number().checked_sub(2).map(|i| Step::ALL[i])
    }
}

/// Why a thought record cannot be saved as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordProblem {
    /// One written step is longer than [`MAX_STEP_CHARS`].
    StepTooLong(Step),
    /// A feeling's name is empty or longer than [`MAX_FEELING_CHARS`], or
    /// a rating is over 100, or there are too many feelings.
    BadFeeling,
}

impl RecordProblem {
    /// A calm sentence for the visitor, in their language.
    pub fn message(&self) -> String {
        match self {
            RecordProblem::StepTooLong(step) => trf(
                "“{step}” is longer than the {max} characters one step can hold. \
                 Nothing has been removed.",
                &[("step", step.title()), ("max", &step_limit())],
            ),
            RecordProblem::BadFeeling => trf(
                "Each feeling needs a name of up to {max} characters \
                 (up to {feelings} feelings).",
                &[
                    ("max", &i18n::number(MAX_FEELING_CHARS as u64)),
                    ("feelings", &i18n::number(MAX_FEELINGS as u64)),
                ],
            ),
        }
    }
}

/// [`MAX_STEP_CHARS`] as the visitor reads it: ungrouped in English, as
/// it has always been written there; in the language's digits otherwise.
fn step_limit() -> String {
    match i18n::locale() {
        Locale::En => MAX_STEP_CHARS.to_string(),
        _ => i18n::number(MAX_STEP_CHARS as u64),
    }
}

impl ThoughtRecord {
    /// The written text of a step (empty for the rating steps).
    pub fn text(&self, step: Step) -> &str {
        match step {
            Step::Situation => &self.situation,
            Step::Thought => &self.thought,
            Step::EvidenceFor => &self.evidence_for,
            Step::EvidenceAgainst => &self.evidence_against,
            Step::Balanced => &self.balanced,
            Step::Feelings | Step::Rerate => "",
        }
    }

    /// Sets the written text of a step (rating steps ignore it).
    pub fn set_text(&mut self, step: Step, text: String) {
        match step {
            Step::Situation => self.situation = text,
            Step::Thought => self.thought = text,
            Step::EvidenceFor => self.evidence_for = text,
            Step::EvidenceAgainst => self.evidence_against = text,
            Step::Balanced => self.balanced = text,
            Step::Feelings | Step::Rerate => {}
        }
    }

    /// True when nothing has been written or rated.
    pub fn is_empty(&self) -> bool {
        Step::ALL.iter().all(|&s| self.text(s).trim().is_empty())
            && self.feelings.iter().all(|f| f.name.trim().is_empty())
    }

    /// Why it cannot be kept as it is, if anything.
    pub fn problem(&self) -> Option<RecordProblem> {
        if let Some(&step) = Step::ALL
            .iter()
            .find(|&&s| self.text(s).chars().count() > MAX_STEP_CHARS)
        {
            return Some(RecordProblem::StepTooLong(step));
        }
        let bad_feeling = |f: &RatedFeeling| {
            f.name.trim().is_empty()
                || f.name.chars().count() > MAX_FEELING_CHARS
                || f.before > 100
                || f.after.is_some_and(|a| a > 100)
        };
        (self.feelings.len() > MAX_FEELINGS || self.feelings.iter().any(bad_feeling))
            .then_some(RecordProblem::BadFeeling)
    }

    /// The record as it is kept: feelings without a name are dropped and
    /// every step's outer blank lines trimmed.
    pub fn tidied(&self) -> ThoughtRecord {
        let trim = |s: &str| s.trim_matches(|c| c == '\n' || c == '\r').to_owned();
        ThoughtRecord {
            situation: trim(&self.situation),
            feelings: self
                .feelings
                .iter()
                .filter(|f| !f.name.trim().is_empty())
                .map(|f| RatedFeeling {
                    name: f.name.trim().to_owned(),
                    ..f.clone()
                })
                .collect(),
            thought: trim(&self.thought),
            evidence_for: trim(&self.evidence_for),
            evidence_against: trim(&self.evidence_against),
            balanced: trim(&self.balanced),
        }
    }

    /// Each feeling as "anxious 80 → 40" (or "anxious 80" before
    /// re-rating), with the language's digits (and arrow).
    pub fn feeling_lines(&self) -> Vec<String> {
        self.feelings
            .iter()
            .map(|f| {
                let before = i18n::number(u64::from(f.before));
                match f.after {
                    Some(after) => trf(
                        "{feeling} {before} → {after}",
                        &[
                            ("feeling", &f.name),
                            ("before", &before),
                            ("after", &i18n::number(u64::from(after))),
                        ],
                    ),
                    None => format!("{} {before}", f.name),
                }
            })
            .collect()
    }

    /// The parts that were filled in, as (heading, text) in step order,
    /// for every place a record is shown or searched.
    pub fn sections(&self) -> Vec<(&'static str, String)> {
        let mut sections = Vec::new();
        for step in Step::ALL {
            let text = match step {
                Step::Feelings => self.feeling_lines().join("\n"),
                Step::Rerate => continue,
                _ => self.text(step).to_owned(),
            };
            if !text.trim().is_empty() {
                sections.push((step.title(), text));
            }
        }
        sections
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feeling(name: &str, before: u8, after: Option<u8>) -> RatedFeeling {
        RatedFeeling {
            name: name.into(),
            before,
            after,
        }
    }

    #[test]
    fn steps_go_forward_and_back_in_order() {
        assert_eq!(Step::Situation.previous(), None);
        assert_eq!(Step::Situation.next(), Some(Step::Feelings));
        assert_eq!(Step::Rerate.next(), None);
        assert_eq!(Step::Rerate.previous(), Some(Step::Balanced));
        assert_eq!(Step::Rerate.number(), 7);
    }

    #[test]
    fn a_record_with_only_unnamed_feelings_is_empty() {
        let mut record = ThoughtRecord {
            feelings: vec![feeling(" ", 50, None)],
            ..ThoughtRecord::default()
        };
        assert!(record.is_empty());
        record.set_text(Step::Thought, "I always get it wrong".into());
        assert!(!record.is_empty());
        assert_eq!(record.text(Step::Thought), "I always get it wrong");
    }

    #[test]
    fn problems_are_found_and_explained() {
        let mut record = ThoughtRecord::default();
        assert_eq!(record.problem(), None);
        record.evidence_for = "x".repeat(MAX_STEP_CHARS + 1);
        assert_eq!(
            record.problem(),
            Some(RecordProblem::StepTooLong(Step::EvidenceFor))
        );
        assert!(record
            .problem()
            .unwrap()
            .message()
            .contains("What supports the thought"));
        record.evidence_for.clear();
        record.feelings = vec![feeling("sad", 101, None)];
        assert_eq!(record.problem(), Some(RecordProblem::BadFeeling));
        record.feelings = vec![feeling("sad", 100, Some(101))];
        assert_eq!(record.problem(), Some(RecordProblem::BadFeeling));
        record.feelings = vec![feeling("sad", 10, None); MAX_FEELINGS + 1];
        assert_eq!(record.problem(), Some(RecordProblem::BadFeeling));
        record.feelings = vec![feeling("sad", 100, Some(0)); MAX_FEELINGS];
        assert_eq!(record.problem(), None);
    }

    #[test]
    fn tidying_drops_unnamed_feelings_and_blank_edges() {
        let record = ThoughtRecord {
            situation: "\nAt work\n".into(),
            feelings: vec![feeling(" anxious ", 80, Some(40)), feeling("", 10, None)],
            ..ThoughtRecord::default()
        };
        let tidy = record.tidied();
        assert_eq!(tidy.situation, "At work");
        assert_eq!(tidy.feelings, [feeling("anxious", 80, Some(40))]);
    }

    #[test]
    fn sections_list_what_was_filled_in_with_ratings() {
        let record = ThoughtRecord {
            situation: "Meeting ran late".into(),
            feelings: vec![feeling("anxious", 80, Some(40)), feeling("sad", 30, None)],
            thought: "They think I'm useless".into(),
            balanced: "One late meeting says little".into(),
            ..ThoughtRecord::default()
        };
        assert_eq!(
            record.sections(),
            [
                ("The situation", "Meeting ran late".to_string()),
                ("Feelings", "anxious 80 → 40\nsad 30".into()),
                ("The thought", "They think I'm useless".into()),
                (
                    "A more balanced thought",
                    "One late meeting says little".into()
                ),
            ]
        );
    }

    #[test]
    fn stored_records_missing_parts_still_parse() {
        let record: ThoughtRecord = serde_json::from_str(r#"{"thought":"x"}"#).unwrap();
        assert_eq!(record.thought, "x");
        assert!(serde_json::from_str::<ThoughtRecord>(
            r#"{"feelings":[{"name":"a","before":300}]}"#
        )
        .is_err());
    }
}
