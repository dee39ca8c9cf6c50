//! Standardised check-ins a clinic can turn on: PHQ-9, GAD-7 and WHO-5,
//! with their published wording, response options and scoring.
//!
//! Results are "something to talk about with your clinician", never a
//! diagnosis. PHQ-9 item 9 (thoughts of self-harm) is handled with care by
//! the view: any answer above "Not at all" shows crisis help and the safety
//! plan at once, before any score. Nothing else records it.

use serde::{Deserialize, Serialize};

use crate::i18n::{self, key, tr, trf, Locale};

/// One of the supported questionnaires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Questionnaire {
    /// Patient Health Questionnaire-9 (Kroenke, Spitzer & Williams, 2001).
    Phq9,
    /// Generalized Anxiety Disorder-7 (Spitzer et al., 2006).
    Gad7,
    /// WHO-5 Well-Being Index (WHO, 1998).
    Who5,
}

const FREQUENCY: [(&str, u8); 4] = [
    (key("Not at all"), 0),
    (key("Several days"), 1),
    (key("More than half the days"), 2),
    (key("Nearly every day"), 3),
];

const WHO5_OPTIONS: [(&str, u8); 6] = [
    (key("All of the time"), 5),
    (key("Most of the time"), 4),
    (key("More than half of the time"), 3),
    (key("Less than half of the time"), 2),
    (key("Some of the time"), 1),
    (key("At no time"), 0),
];

const PHQ9_ITEMS: [&str; 9] = [
    key("Little interest or pleasure in doing things"),
    key("Feeling down, depressed, or hopeless"),
    key("Trouble falling or staying asleep, or sleeping too much"),
    key("Feeling tired or having little energy"),
    key("Poor appetite or overeating"),
    key("Feeling bad about yourself — or that you are a failure or have let yourself or your family down"),
    key("Trouble concentrating on things, such as reading the newspaper or watching television"),
    key("Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual"),
    key("Thoughts that you would be better off dead or of hurting yourself in some way"),
];

const GAD7_ITEMS: [&str; 7] = [
    key("Feeling nervous, anxious, or on edge"),
    key("Not being able to stop or control worrying"),
    key("Worrying too much about different things"),
    key("Trouble relaxing"),
    key("Being so restless that it is hard to sit still"),
    key("Becoming easily annoyed or irritable"),
    key("Feeling afraid, as if something awful might happen"),
];

const WHO5_ITEMS: [&str; 5] = [
    key("I have felt cheerful and in good spirits"),
    key("I have felt calm and relaxed"),
    key("I have felt active and vigorous"),
    key("I woke up feeling fresh and rested"),
    key("My daily life has been filled with things that interest me"),
];

/// Index of PHQ-9's item about thoughts of self-harm.
pub const PHQ9_SELF_HARM_ITEM: usize = 8;

impl Questionnaire {
    /// Every questionnaire, in the order offered.
    pub const ALL: [Questionnaire; 3] = [
        Questionnaire::Phq9,
        Questionnaire::Gad7,
        Questionnaire::Who5,
    ];

    /// The id a clinic uses in `data-checkins` (`phq9`, `gad7`, `who5`).
    pub fn id(self) -> &'static str {
        match self {
            Questionnaire::Phq9 => "phq9",
            Questionnaire::Gad7 => "gad7",
            Questionnaire::Who5 => "who5",
        }
    }

    /// The questionnaire for an id (case-insensitive).
    pub fn from_id(id: &str) -> Option<Questionnaire> {
        Questionnaire::ALL
            .into_iter()
            .find(|q| q.id().eq_ignore_ascii_case(id.trim()))
    }

    /// Its usual name.
    pub fn name(self) -> &'static str {
        match self {
            Questionnaire::Phq9 => "PHQ-9",
            Questionnaire::Gad7 => "GAD-7",
            Questionnaire::Who5 => "WHO-5",
        }
    }

    /// What it asks about, in plain words.
    pub fn about(self) -> &'static str {
        match self {
            Questionnaire::Phq9 => tr("Mood over the last two weeks (9 questions)"),
            Questionnaire::Gad7 => tr("Worry and anxiety over the last two weeks (7 questions)"),
            Questionnaire::Who5 => tr("Wellbeing over the last two weeks (5 questions)"),
        }
    }

    /// True when its wording in `locale` is the publisher's official
    /// translation, checked word for word (the README names the source).
    /// Elsewhere it is shown in English: a validated questionnaire's scores
    /// only mean what they mean in a validated wording.
    pub fn official_in(self, locale: Locale) -> bool {
        match locale {
            Locale::En => true,
            // PHQ Screeners (Pfizer), "Spanish for the USA".
            Locale::Es => self == Questionnaire::Phq9,
            Locale::Ar => false,
        }
    }

    /// `english` in the visitor's language where this questionnaire has
    /// its official translation, else as it is.
    fn worded(self, english: &'static str) -> &'static str {
        if self.official_in(i18n::locale()) {
            tr(english)
        } else {
            english
        }
    }

    /// The published instruction above the items (in English where there
    /// is no official translation, see [`Self::official_in`]).
    pub fn stem(self) -> &'static str {
        self.worded(match self {
            Questionnaire::Phq9 => key(
                "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
            ),
            Questionnaire::Gad7 => key(
                "Over the last 2 weeks, how often have you been bothered by the following problems?",
            ),
            Questionnaire::Who5 => key(
                "Please indicate for each of the five statements which is closest to how you have been feeling over the last two weeks.",
            ),
        })
    }

    /// The items' English, in order.
    fn english_items(self) -> &'static [&'static str] {
        match self {
            Questionnaire::Phq9 => &PHQ9_ITEMS,
            Questionnaire::Gad7 => &GAD7_ITEMS,
            Questionnaire::Who5 => &WHO5_ITEMS,
        }
    }

    /// The items in order, worded as [`Self::stem`] is.
    pub fn items(self) -> impl ExactSizeIterator<Item = &'static str> {
        self.english_items()
            .iter()
            .map(move |&item| self.worded(item))
    }

    /// How many items it has.
    pub fn item_count(self) -> usize {
        self.english_items().len()
    }

    /// The response options (English label, score), in the order shown.
    fn english_options(self) -> &'static [(&'static str, u8)] {
        match self {
            Questionnaire::Phq9 | Questionnaire::Gad7 => &FREQUENCY,
            Questionnaire::Who5 => &WHO5_OPTIONS,
        }
    }

    /// The response options (label worded as [`Self::stem`] is, score),
    /// in the order shown.
    pub fn options(self) -> impl ExactSizeIterator<Item = (&'static str, u8)> {
        self.english_options()
            .iter()
            .map(move |&(label, score)| (self.worded(label), score))
    }

    /// Whether `score` is one of the options' scores.
    fn allows(self, score: u8) -> bool {
        self.english_options().iter().any(|&(_, s)| s == score)
    }

    /// The highest possible raw total.
    pub fn max_total(self) -> u8 {
        let top = self
            .english_options()
            .iter()
            .map(|&(_, s)| s)
            .max()
            .unwrap_or(0);
        top * self.item_count() as u8
    }

    /// The score shown and compared over time: the raw total, or for
    /// WHO-5 the percentage (raw × 4).
    pub fn score(self, total: u8) -> u8 {
        match self {
            Questionnaire::Who5 => total * 4,
            _ => total,
        }
    }

    /// The highest possible [`Self::score`].
    pub fn max_score(self) -> u8 {
        self.score(self.max_total())
    }

    /// The score's scale, for a spreadsheet column.
    pub fn scale(self) -> &'static str {
        match self {
            Questionnaire::Phq9 => "0-27",
            Questionnaire::Gad7 => "0-21",
            Questionnaire::Who5 => "0-100%",
        }
    }

    /// A score as the visitor reads it: `7 of 27`, or for WHO-5 `64%`.
    pub fn score_text(self, score: u8) -> String {
        match self {
            Questionnaire::Who5 => i18n::percent(u64::from(score)),
            _ => trf(
                "{score} of {max}",
                &[
                    ("score", &i18n::number(u64::from(score))),
                    ("max", &i18n::number(u64::from(self.max_score()))),
                ],
            ),
        }
    }

    /// The published range a score falls in, in words, in the visitor's
    /// language.
    pub fn band(self, score: u8) -> &'static str {
        tr(self.english_band(score))
    }

    /// The published range a score falls in, in English.
    fn english_band(self, score: u8) -> &'static str {
        match self {
            Questionnaire::Phq9 => match score {
                0..=4 => key("minimal"),
                5..=9 => key("mild"),
                10..=14 => key("moderate"),
                15..=19 => key("moderately severe"),
                _ => key("severe"),
            },
            Questionnaire::Gad7 => match score {
                0..=4 => key("minimal"),
                5..=9 => key("mild"),
                10..=14 => key("moderate"),
                _ => key("severe"),
            },
            // WHO-5: 50% or less suggests low wellbeing; 28% or less is
            // often seen with depression.
            Questionnaire::Who5 => match score {
                0..=28 => key("low"),
                29..=50 => key("below average"),
                _ => key("typical"),
            },
        }
    }
}

/// Why answers were not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerProblem {
    /// Some items have no answer.
    Incomplete {
        /// How many are unanswered.
        missing: usize,
    },
    /// An answer is not one of the options (damaged or altered data).
    Invalid,
}

/// A completed questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ResultFields", into = "ResultFields")]
pub struct CheckInResult {
    questionnaire: Questionnaire,
    taken_ms: i64,
    answers: Vec<u8>,
}

#[derive(Serialize, Deserialize)]
struct ResultFields {
    questionnaire: Questionnaire,
    taken_ms: i64,
    answers: Vec<u8>,
}

impl TryFrom<ResultFields> for CheckInResult {
    type Error = &'static str;

    fn try_from(f: ResultFields) -> Result<Self, Self::Error> {
        let answers = f.answers.into_iter().map(Some).collect::<Vec<_>>();
        CheckInResult::new(f.questionnaire, f.taken_ms, &answers)
            .map_err(|_| "invalid check-in answers")
    }
}

impl From<CheckInResult> for ResultFields {
    fn from(r: CheckInResult) -> Self {
        ResultFields {
            questionnaire: r.questionnaire,
            taken_ms: r.taken_ms,
            answers: r.answers,
        }
    }
}

impl CheckInResult {
    /// A result from one answer (score) per item; every item must be
    /// answered with one of the questionnaire's scores.
    pub fn new(
        questionnaire: Questionnaire,
        taken_ms: i64,
        answers: &[Option<u8>],
    ) -> Result<CheckInResult, AnswerProblem> {
        if answers.len() != questionnaire.item_count() {
            return Err(AnswerProblem::Invalid);
        }
        let missing = answers.iter().filter(|a| a.is_none()).count();
        if missing > 0 {
            return Err(AnswerProblem::Incomplete { missing });
        }
        let answers: Vec<u8> = answers.iter().flatten().copied().collect();
        if !answers.iter().all(|&a| questionnaire.allows(a)) {
            return Err(AnswerProblem::Invalid);
        }
        Ok(CheckInResult {
            questionnaire,
            taken_ms,
            answers,
        })
    }

    /// Which questionnaire.
    pub fn questionnaire(&self) -> Questionnaire {
        self.questionnaire
    }

    /// Each item's score, in question order.
    pub fn answers(&self) -> &[u8] {
        &self.answers
    }

    /// When it was completed (ms since the Unix epoch).
    pub fn taken_ms(&self) -> i64 {
        self.taken_ms
    }

    /// True when PHQ-9 item 9 was answered above "Not at all".
    pub fn shows_self_harm_thoughts(&self) -> bool {
        let answers: Vec<Option<u8>> = self.answers.iter().copied().map(Some).collect();
        shows_self_harm_thoughts(self.questionnaire, &answers)
    }

    /// The score shown: raw total, or WHO-5 percentage.
    pub fn score(&self) -> u8 {
        self.questionnaire.score(self.answers.iter().sum::<u8>())
    }

    /// The range it falls in, in words.
    pub fn band(&self) -> &'static str {
        self.questionnaire.band(self.score())
    }

    /// A calm one-line summary, in the visitor's language.
    pub fn summary(&self) -> String {
        let q = self.questionnaire;
        trf(
            "{name}: {score} ({band} range). Not a diagnosis: something to talk about with your clinician.",
            &[
                ("name", q.name()),
                ("score", &q.score_text(self.score())),
                ("band", self.band()),
            ],
        )
    }
}

/// True when answers so far include thoughts of self-harm: PHQ-9 item 9
/// answered above "Not at all". The view shows crisis help at once.
pub fn shows_self_harm_thoughts(questionnaire: Questionnaire, answers: &[Option<u8>]) -> bool {
    questionnaire == Questionnaire::Phq9
        && answers
            .get(PHQ9_SELF_HARM_ITEM)
            .copied()
            .flatten()
            .is_some_and(|a| a > 0)
}

/// Scores of one questionnaire over time, oldest first: `(taken_ms, score)`.
pub fn trend(results: &[CheckInResult], questionnaire: Questionnaire) -> Vec<(i64, u8)> {
    let mut points: Vec<_> = results
        .iter()
        .filter(|r| r.questionnaire == questionnaire)
        .map(|r| (r.taken_ms, r.score()))
        .collect();
    points.sort();
    points
}

/// True when the gentle check-in reminder should show as the widget opens:
/// the clinic set an interval, and neither a check-in nor "Not now" happened
/// within it. Never more than that: no streaks, no notifications.
pub fn reminder_due(
    every_days: Option<u32>,
    last_taken_ms: Option<i64>,
    dismissed_ms: Option<i64>,
    now_ms: i64,
) -> bool {
    let Some(days) = every_days else {
        return false;
    };
    let interval_ms = i64::from(days) * 86_400_000;
    let recent = |t: Option<i64>| t.is_some_and(|t| now_ms - t < interval_ms);
    !recent(last_taken_ms) && !recent(dismissed_ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_total(q: Questionnaire, total: u8) -> CheckInResult {
        // Spread the total over the items, each within the top score.
        let top = q.options().map(|(_, s)| s).max().unwrap();
        let mut left = total;
        let answers: Vec<Option<u8>> = q
            .items()
            .map(|_| {
                let a = left.min(top);
                left -= a;
                Some(a)
            })
            .collect();
        assert_eq!(left, 0, "total {total} too high for {}", q.name());
        CheckInResult::new(q, 0, &answers).unwrap()
    }

    #[test]
    fn only_officially_translated_wordings_are_shown_translated() {
        use crate::i18n::set_locale;
        set_locale(Locale::Es);
        let phq9_es: Vec<_> = Questionnaire::Phq9.items().collect();
        let gad7_es = Questionnaire::Gad7.stem();
        let who5_es: Vec<_> = Questionnaire::Who5.options().map(|(l, _)| l).collect();
        set_locale(Locale::Ar);
        let phq9_ar = Questionnaire::Phq9.stem();
        set_locale(Locale::En);
        // PHQ Screeners' "Spanish for the USA", as published.
        assert_eq!(phq9_es[0], "Poco interés o placer en hacer cosas");
        assert_eq!(
            phq9_es[5],
            "Se ha sentido mal con usted mismo(a) – o que es un fracaso o que ha quedado mal \
             con usted mismo(a) o con su familia"
        );
        assert_eq!(gad7_es, Questionnaire::Gad7.stem());
        assert_eq!(who5_es[0], "All of the time");
        assert_eq!(phq9_ar, Questionnaire::Phq9.stem());
        for q in Questionnaire::ALL {
            assert!(q.official_in(Locale::En));
            assert!(!q.official_in(Locale::Ar));
        }
    }

    #[test]
    fn item_counts_and_options_match_the_published_instruments() {
        assert_eq!(Questionnaire::Phq9.items().len(), 9);
        assert_eq!(Questionnaire::Gad7.item_count(), 7);
        assert_eq!(Questionnaire::Who5.item_count(), 5);
        assert_eq!(Questionnaire::Phq9.max_total(), 27);
        assert_eq!(Questionnaire::Gad7.max_total(), 21);
        assert_eq!(Questionnaire::Who5.max_total(), 25);
        assert_eq!(Questionnaire::Who5.max_score(), 100);
        assert_eq!(
            Questionnaire::Phq9.options().nth(3),
            Some(("Nearly every day", 3))
        );
        assert_eq!(
            Questionnaire::Who5.options().next(),
            Some(("All of the time", 5))
        );
        assert!(Questionnaire::Phq9
            .items()
            .nth(PHQ9_SELF_HARM_ITEM)
            .unwrap()
            .starts_with("Thoughts that you would be better off dead"));
    }

    #[test]
    fn phq9_bands_at_every_boundary() {
        let band = |t| with_total(Questionnaire::Phq9, t).band();
        for (total, expected) in [
            (0, "minimal"),
            (4, "minimal"),
            (5, "mild"),
            (9, "mild"),
            (10, "moderate"),
            (14, "moderate"),
            (15, "moderately severe"),
            (19, "moderately severe"),
            (20, "severe"),
            (27, "severe"),
        ] {
            assert_eq!(band(total), expected, "PHQ-9 {total}");
        }
    }

    #[test]
    fn gad7_bands_at_every_boundary() {
        let band = |t| with_total(Questionnaire::Gad7, t).band();
        for (total, expected) in [
            (0, "minimal"),
            (4, "minimal"),
            (5, "mild"),
            (9, "mild"),
            (10, "moderate"),
            (14, "moderate"),
            (15, "severe"),
            (21, "severe"),
        ] {
            assert_eq!(band(total), expected, "GAD-7 {total}");
        }
    }

    #[test]
    fn who5_is_a_percentage_with_its_cut_offs() {
        let result = |t| with_total(Questionnaire::Who5, t);
        assert_eq!(result(0).score(), 0);
        assert_eq!(result(25).score(), 100);
        for (raw, percent, expected) in [
            (0, 0, "low"),
            (7, 28, "low"),
            (8, 32, "below average"),
            (12, 48, "below average"),
            (13, 52, "typical"),
            (25, 100, "typical"),
        ] {
            assert_eq!(result(raw).score(), percent);
            assert_eq!(result(raw).band(), expected, "WHO-5 {percent}%");
        }
    }

    #[test]
    fn answers_must_be_complete_and_valid() {
        let q = Questionnaire::Gad7;
        let mut answers = vec![Some(1); 7];
        answers[2] = None;
        assert_eq!(
            CheckInResult::new(q, 0, &answers),
            Err(AnswerProblem::Incomplete { missing: 1 })
        );
        assert_eq!(
            CheckInResult::new(q, 0, &[Some(1); 6]),
            Err(AnswerProblem::Invalid)
        );
        assert_eq!(
            CheckInResult::new(Questionnaire::Phq9, 0, &[Some(4); 9]),
            Err(AnswerProblem::Invalid)
        );
        assert_eq!(
            CheckInResult::new(Questionnaire::Who5, 0, &[Some(6); 5]),
            Err(AnswerProblem::Invalid)
        );
        assert!(CheckInResult::new(Questionnaire::Who5, 0, &[Some(5); 5]).is_ok());
    }

    #[test]
    fn stored_results_round_trip_and_altered_ones_are_refused() {
        let result = with_total(Questionnaire::Phq9, 12);
        let json = serde_json::to_string(&result).unwrap();
        assert!(json.contains(r#""questionnaire":"phq9""#), "{json}");
        assert_eq!(
            serde_json::from_str::<CheckInResult>(&json).unwrap(),
            result
        );
        let altered = r#"{"questionnaire":"gad7","taken_ms":0,"answers":[9,0,0,0,0,0,0]}"#;
        assert!(serde_json::from_str::<CheckInResult>(altered).is_err());
        let short = r#"{"questionnaire":"who5","taken_ms":0,"answers":[1]}"#;
        assert!(serde_json::from_str::<CheckInResult>(short).is_err());
    }

    #[test]
    fn item_nine_above_not_at_all_needs_care_at_once() {
        let mut answers = vec![None; 9];
        assert!(!shows_self_harm_thoughts(Questionnaire::Phq9, &answers));
        answers[PHQ9_SELF_HARM_ITEM] = Some(0);
        assert!(!shows_self_harm_thoughts(Questionnaire::Phq9, &answers));
        for a in 1..=3 {
            answers[PHQ9_SELF_HARM_ITEM] = Some(a);
            assert!(shows_self_harm_thoughts(Questionnaire::Phq9, &answers));
        }
        assert!(!shows_self_harm_thoughts(
            Questionnaire::Gad7,
            &[Some(3); 9]
        ));
    }

    #[test]
    fn summaries_never_read_as_a_diagnosis() {
        let phq = with_total(Questionnaire::Phq9, 7).summary();
        assert_eq!(phq, "PHQ-9: 7 of 27 (mild range). Not a diagnosis: something to talk about with your clinician.");
        let who = with_total(Questionnaire::Who5, 16).summary();
        assert!(who.starts_with("WHO-5: 64% (typical range)."), "{who}");
    }

    #[test]
    fn the_reminder_waits_a_whole_interval_after_a_check_in_or_not_now() {
        let day = 86_400_000;
        let now = 100 * day;
        assert!(!reminder_due(None, None, None, now));
        assert!(reminder_due(Some(7), None, None, now));
        assert!(!reminder_due(Some(7), Some(now - 6 * day), None, now));
        assert!(reminder_due(Some(7), Some(now - 7 * day), None, now));
        assert!(!reminder_due(
            Some(7),
            Some(now - 30 * day),
            Some(now - day),
            now
        ));
        assert!(reminder_due(
            Some(7),
            Some(now - 30 * day),
            Some(now - 8 * day),
            now
        ));
    }

    #[test]
    fn a_trend_is_one_questionnaire_oldest_first() {
        let mut a = with_total(Questionnaire::Gad7, 3);
        a.taken_ms = 20;
        let mut b = with_total(Questionnaire::Gad7, 9);
        b.taken_ms = 10;
        let c = with_total(Questionnaire::Phq9, 1);
        assert_eq!(
            trend(&[a, b, c], Questionnaire::Gad7),
            vec![(10, 9), (20, 3)]
        );
        assert_eq!(Questionnaire::from_id(" GAD7 "), Some(Questionnaire::Gad7));
        assert_eq!(Questionnaire::from_id("bdi"), None);
    }
}
