//! The session summary: what the visitor chose to bring to their next
//! session, gathered from the journal for one date range. The component
//! renders it as a preview that is also the printed page.

use std::collections::BTreeSet;

use crate::model::{CheckInResult, Entry, EntryId, Journal, Mood, SafetyPlan};

/// Prompts whose answers are "topics I want to bring up".
const TOPIC_PROMPT_PREFIX: &str = "before-session.";

/// What to include, and for which dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryChoice {
    /// First moment included (ms since the Unix epoch).
    pub from_ms: i64,
    /// First moment no longer included.
    pub until_ms: i64,
    /// The mood chart and its figures.
    pub moods: bool,
    /// Entries written in the range (except `left_out`).
    pub entries: bool,
    /// Answers to the "Before my session" prompts, listed first.
    pub topics: bool,
    /// Standardised check-in results.
    pub checkins: bool,
    /// The safety plan (off unless the visitor chooses it).
    pub safety_plan: bool,
    /// Entries the visitor unticked.
    pub left_out: BTreeSet<EntryId>,
}

/// Everything that goes on the page, oldest first within each part.
#[derive(Debug, Default, PartialEq)]
pub struct Summary<'a> {
    pub topics: Vec<&'a Entry>,
    pub entries: Vec<&'a Entry>,
    pub moods: Vec<(i64, Mood)>,
    pub checkins: Vec<&'a CheckInResult>,
    pub safety_plan: Option<&'a SafetyPlan>,
}

impl Summary<'_> {
    /// True when nothing was chosen or nothing falls in the range.
    pub fn is_empty(&self) -> bool {
        self.topics.is_empty()
            && self.entries.is_empty()
            && self.moods.is_empty()
            && self.checkins.is_empty()
            && self.safety_plan.is_none()
    }
}

/// True for an answer to a "Before my session" prompt.
pub fn is_topic(entry: &Entry) -> bool {
    entry
        .prompt
        .as_ref()
        .is_some_and(|p| p.id.starts_with(TOPIC_PROMPT_PREFIX))
}

/// Entries written in the range, oldest first: the ones the visitor can
/// tick or untick.
pub fn entries_in_range(journal: &Journal, from_ms: i64, until_ms: i64) -> Vec<&Entry> {
    let mut found: Vec<&Entry> = journal
        .entries()
        .iter()
        .filter(|e| (from_ms..until_ms).contains(&e.created_ms))
        .collect();
    found.sort_by_key(|e| e.created_ms);
    found
}

/// Gathers what `choice` asks for.
pub fn gather<'a>(
    journal: &'a Journal,
    checkins: &'a [CheckInResult],
    plan: &'a SafetyPlan,
    choice: &SummaryChoice,
) -> Summary<'a> {
    let in_range = entries_in_range(journal, choice.from_ms, choice.until_ms);
    let chosen = |e: &&&Entry| !choice.left_out.contains(&e.id);
    let topics = in_range
        .iter()
        .filter(|e| choice.topics && is_topic(e))
        .filter(chosen)
        .copied()
        .collect();
    let entries = in_range
        .iter()
        .filter(|e| choice.entries && !is_topic(e))
        .filter(chosen)
        .copied()
        .collect();
    // The chart covers every mood in the range: unticking an entry keeps
    // its words off the page, and a mood alone says little.
    let moods = in_range
        .iter()
        .filter(|_| choice.moods)
        .filter_map(|e| Some((e.created_ms, e.mood?)))
        .collect();
    let mut checkins: Vec<&CheckInResult> = checkins
        .iter()
        .filter(|r| choice.checkins && (choice.from_ms..choice.until_ms).contains(&r.taken_ms()))
        .collect();
    checkins.sort_by_key(|r| r.taken_ms());
    let safety_plan = (choice.safety_plan && !plan.is_empty()).then_some(plan);
    Summary {
        topics,
        entries,
        moods,
        checkins,
        safety_plan,
    }
}

/// The mood figures printed under the chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MoodFigures {
    pub count: usize,
    /// The average mood times ten, rounded (34 is 3.4), so no float
    /// formatting is needed.
    pub average_tenths: u32,
    pub lowest: Mood,
    pub highest: Mood,
}

impl MoodFigures {
    /// From moods in any order; `None` when there are none.
    pub fn of(moods: &[(i64, Mood)]) -> Option<MoodFigures> {
        let values = moods.iter().map(|&(_, m)| m);
        let lowest = values.clone().min_by_key(|m| m.value())?;
        let highest = values.clone().max_by_key(|m| m.value())?;
        let count = moods.len();
        let sum: u32 = values.map(|m| u32::from(m.value())).sum();
        let n = count as u32;
        Some(MoodFigures {
            count,
            average_tenths: (sum * 10 + n / 2) / n,
            lowest,
            highest,
        })
    }

    /// E.g. "8 moods logged. Average 3.4 of 5; lowest 1 (Very low), highest 5 (Very good)."
    pub fn sentence(&self) -> String {
        let logged = match self.count {
            1 => "1 mood logged".to_owned(),
            n => format!("{n} moods logged"),
        };
        format!(
            "{logged}. Average {}.{} of 5; lowest {} ({}), highest {} ({}).",
            self.average_tenths / 10,
            self.average_tenths % 10,
            self.lowest.value(),
            self.lowest.label(),
            self.highest.value(),
            self.highest.label()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::safety_plan::Step;
    use crate::model::{PromptRef, Questionnaire};

    fn entry(id: &str, created_ms: i64, prompt: Option<&str>, mood: Option<u8>) -> Entry {
        Entry {
            id: EntryId::new(id).unwrap(),
            created_ms,
            updated_ms: created_ms,
            prompt: prompt.map(|p| PromptRef {
                id: p.into(),
                text: "A prompt".into(),
            }),
            text: format!("text of {id}"),
            mood: mood.and_then(Mood::new),
        }
    }

    fn everything(from_ms: i64, until_ms: i64) -> SummaryChoice {
        SummaryChoice {
            from_ms,
            until_ms,
            moods: true,
            entries: true,
            topics: true,
            checkins: true,
            safety_plan: true,
            left_out: BTreeSet::new(),
        }
    }

    fn ids(entries: &[&Entry]) -> Vec<String> {
        entries.iter().map(|e| e.id.as_str().to_owned()).collect()
    }

    #[test]
    fn the_range_is_half_open_and_each_part_is_oldest_first() {
        let journal = Journal::from_entries([
            entry("before", 99, None, Some(1)),
            entry("first", 100, None, Some(2)),
            entry("topic", 150, Some("before-session.bring"), None),
            entry("last", 199, Some("check-in.today"), Some(4)),
            entry("after", 200, None, Some(5)),
        ]);
        let results = [
            CheckInResult::new(Questionnaire::Gad7, 180, &[Some(0); 7]).unwrap(),
            CheckInResult::new(Questionnaire::Gad7, 120, &[Some(1); 7]).unwrap(),
            CheckInResult::new(Questionnaire::Gad7, 250, &[Some(2); 7]).unwrap(),
        ];
        let plan = SafetyPlan::default();
        let summary = gather(&journal, &results, &plan, &everything(100, 200));
        assert_eq!(ids(&summary.topics), ["topic"]);
        assert_eq!(ids(&summary.entries), ["first", "last"]);
        assert_eq!(
            summary.moods,
            vec![(100, Mood::new(2).unwrap()), (199, Mood::new(4).unwrap())]
        );
        let taken: Vec<i64> = summary.checkins.iter().map(|r| r.taken_ms()).collect();
        assert_eq!(taken, [120, 180]);
        assert_eq!(summary.safety_plan, None, "an empty plan is never printed");
    }

    #[test]
    fn each_part_can_be_left_out_and_unticked_entries_stay_off_the_page() {
        let journal = Journal::from_entries([
            entry("a", 1, None, Some(3)),
            entry("b", 2, None, Some(5)),
            entry("t", 3, Some("before-session.bring"), None),
        ]);
        let results = [CheckInResult::new(Questionnaire::Who5, 2, &[Some(5); 5]).unwrap()];
        let mut plan = SafetyPlan::default();
        plan.set_text(Step::Reasons, "my dog", 1);
        let mut choice = everything(0, 10);
        choice.left_out.insert(EntryId::new("b").unwrap());
        choice.left_out.insert(EntryId::new("t").unwrap());
        let summary = gather(&journal, &results, &plan, &choice);
        assert_eq!(ids(&summary.entries), ["a"]);
        assert!(summary.topics.is_empty());
        assert_eq!(
            summary.moods.len(),
            2,
            "the chart keeps unticked entries' moods"
        );
        assert_eq!(summary.safety_plan, Some(&plan));

        let none = SummaryChoice {
            moods: false,
            entries: false,
            topics: false,
            checkins: false,
            safety_plan: false,
            ..everything(0, 10)
        };
        assert!(gather(&journal, &results, &plan, &none).is_empty());
    }

    #[test]
    fn mood_figures_round_the_average_to_one_decimal() {
        let moods: Vec<(i64, Mood)> = [1, 4, 5]
            .iter()
            .map(|&v| (0, Mood::new(v).unwrap()))
            .collect();
        let figures = MoodFigures::of(&moods).unwrap();
        assert_eq!(figures.average_tenths, 33);
        assert_eq!(
            figures.sentence(),
            "3 moods logged. Average 3.3 of 5; lowest 1 (Very low), highest 5 (Very good)."
        );
        let one = MoodFigures::of(&[(0, Mood::new(2).unwrap())]).unwrap();
        assert_eq!(
            one.sentence(),
            "1 mood logged. Average 2.0 of 5; lowest 2 (Low), highest 2 (Low)."
        );
        assert_eq!(MoodFigures::of(&[]), None);
    }
}
