//! The session summary: what the visitor chose to bring to their next
//! session, gathered from the journal for one date range. The component
//! renders it as a preview that is also the printed page. Its words are in
//! the visitor's language; its Markdown structure is the same in all.

use std::collections::BTreeSet;

use crate::i18n::{self, key, tr, trf, trn};
use crate::model::safety_plan::Step;
use crate::model::trends::tenths;
use crate::model::{CheckInResult, Entry, EntryId, Journal, Mood, SafetyPlan};

/// Prompts whose answers are "topics I want to bring up".
const TOPIC_PROMPT_PREFIX: &str = "before-session.";

/// One day in milliseconds.
const DAY_MS: i64 = 86_400_000;

/// An entry longer than this (characters, or lines) may be split across
/// two printed pages; a shorter one never is (about a third of a page).
const SHORT_CHARS: usize = 1_200;
const SHORT_LINES: usize = 16;

/// At most this many dates label the mood chart's axis (each label is
/// about 40 px wide on a chart of 320 px).
const MAX_DATE_TICKS: i64 = 6;

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
    /// Thought records written in the range (except `left_out`).
    pub thought_records: bool,
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
    pub thought_records: Vec<&'a Entry>,
    pub entries: Vec<&'a Entry>,
    pub moods: Vec<(i64, Mood)>,
    pub checkins: Vec<&'a CheckInResult>,
    pub safety_plan: Option<&'a SafetyPlan>,
}

impl Summary<'_> {
    /// True when nothing was chosen or nothing falls in the range.
    pub fn is_empty(&self) -> bool {
        self.topics.is_empty()
            && self.thought_records.is_empty()
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
    let thought_records = in_range
        .iter()
        .filter(|e| choice.thought_records && e.thought_record.is_some() && !is_topic(e))
        .filter(chosen)
        .copied()
        .collect();
    let entries = in_range
        .iter()
        .filter(|e| choice.entries && e.thought_record.is_none() && !is_topic(e))
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
        thought_records,
        entries,
        moods,
        checkins,
        safety_plan,
    }
}

/// True for an entry that is only a check-in: a mood (or energy, feelings,
/// tags) with no words and no thought record. It is shown by its mood,
/// not by an empty text.
pub fn is_check_in_only(entry: &Entry) -> bool {
    entry.text.trim().is_empty() && entry.thought_record.is_none()
}

/// An entry's check-in as one line, e.g. "Mood: 2 of 5, Low · Energy: 3
/// of 5, Okay"; empty when nothing was logged.
pub fn check_in_line(entry: &Entry) -> String {
    entry
        .check_in_details()
        .into_iter()
        .map(|(label, words)| format!("{label}: {words}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The first words of an entry (at most `length` characters, then "…"), to
/// recognise it in the list of entries to tick: its text, its thought, or
/// for a check-in alone its mood.
pub fn opening(entry: &Entry, length: usize) -> String {
    let written = match &entry.thought_record {
        Some(record) if entry.text.trim().is_empty() => {
            trf("Thought record: {thought}", &[("thought", &record.thought)])
        }
        _ if is_check_in_only(entry) => check_in_line(entry),
        _ => entry.text.clone(),
    };
    let text = written.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() > length {
        format!("{}…", text.chars().take(length).collect::<String>())
    } else {
        text
    }
}

/// True when an entry takes well under a page, so the printed summary
/// keeps it whole (it moves to the next page rather than split); a longer
/// one may be split, so it leaves no large gap.
pub fn is_short(entry: &Entry) -> bool {
    let mut chars = entry.text.chars().count();
    let mut lines = entry.text.lines().count();
    for (_, text) in entry.thought_record.iter().flat_map(|r| r.sections()) {
        chars += text.chars().count();
        // Each section has its heading line too.
        lines += text.lines().count() + 1;
    }
    chars <= SHORT_CHARS && lines <= SHORT_LINES
}

/// The dates the summary covers, as printed under its title: "1 March 2026
/// to 28 March 2026 (28 days)", or one date for a single day. `day`
/// formats a timestamp as a local date.
pub fn period(from_ms: i64, until_ms: i64, day: &dyn Fn(i64) -> String) -> String {
    let first = day(from_ms);
    let last = day(until_ms - 1);
    // Days of 23 or 25 hours (clock changes) still count as one.
    let days = ((until_ms - from_ms + DAY_MS / 2) / DAY_MS).max(1) as u64;
    if days == 1 {
        return first;
    }
    let dates = trf("{first} to {last}", &[("first", &first), ("last", &last)]);
    format!("{dates} ({})", trn("{n} day|{n} days", days))
}

/// The mood chart over the chosen dates: time runs along the axis from
/// the first day to the last, whether or not moods were logged on them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoodChart {
    /// Each mood as (x, y), both from 0 to the `scale` given: x is when it
    /// was logged, y its value (1 at 0, 5 at `scale`).
    pub points: Vec<(i64, i64)>,
    /// The labelled days as (local day number, x): the first and last day
    /// always, and between them days a sensible step apart.
    pub ticks: Vec<(i64, i64)>,
    /// True when the dates span more than a year, so labels name months
    /// and years rather than days.
    pub long: bool,
}

impl MoodChart {
    /// The chart of `moods` (oldest first) over `[from_ms, until_ms)`.
    /// `day` gives a moment's local day number (days since 1970-01-01).
    ///
    /// ```
    /// use interlude::export::summary::MoodChart;
    /// use interlude::model::Mood;
    /// const DAY: i64 = 86_400_000;
    /// let moods = [(DAY / 2, Mood::new(1).unwrap()), (27 * DAY + DAY / 2, Mood::new(5).unwrap())];
    /// let chart = MoodChart::new(&moods, 0, 28 * DAY, &|ms| ms.div_euclid(DAY), 1000);
    /// let days: Vec<i64> = chart.ticks.iter().map(|&(day, _)| day).collect();
    /// assert_eq!(days, [0, 7, 14, 21, 27]);
    /// assert_eq!(chart.points, [(17, 0), (982, 1000)]);
    /// ```
    pub fn new(
        moods: &[(i64, Mood)],
        from_ms: i64,
        until_ms: i64,
        day: &dyn Fn(i64) -> i64,
        scale: i64,
    ) -> MoodChart {
        let span_ms = (until_ms - from_ms).max(1);
        // i64 holds a century of milliseconds times a scale of thousands.
        let x = |ms: i64| ((ms - from_ms).clamp(0, span_ms) * scale) / span_ms;
        let points = moods
            .iter()
            .map(|&(ms, mood)| (x(ms), i64::from(mood.value() - 1) * scale / 4))
            .collect();
        let first = day(from_ms);
        let last = day(until_ms - 1).max(first);
        let ticks = date_ticks(first, last)
            .into_iter()
            // Each label sits under the middle of its day.
            .map(|d| (d, x(from_ms + (d - first) * DAY_MS + DAY_MS / 2).min(scale)))
            .collect();
        MoodChart {
            points,
            ticks,
            long: last - first > 366,
        }
    }
}

/// The days to label on an axis from `first` to `last` (local day
/// numbers): both ends, and days one step apart from the first, the step
/// being the smallest of a day, two days, a week, two weeks, four weeks,
/// a quarter, half a year, a year… that keeps the labels few. A label too
/// close to the last day (under half a step) is left out.
pub fn date_ticks(first: i64, last: i64) -> Vec<i64> {
    const STEPS: [i64; 10] = [1, 2, 7, 14, 28, 91, 182, 365, 730, 1826];
    let span = last - first;
    if span <= 0 {
        return vec![first];
    }
    // Labels naming a month and year are wider: fewer of them.
    let most = if span > 366 { 4 } else { MAX_DATE_TICKS };
    // Labels at first, first + step, … and last: span / step + 1 of them.
    let Some(step) = STEPS.into_iter().find(|step| span / step < most) else {
        return vec![first, last];
    };
    let mut ticks: Vec<i64> = (0..)
        .map(|k| first + k * step)
        .take_while(|&d| d < last && 2 * (last - d) >= step)
        .collect();
    ticks.push(last);
    ticks
}

/// When the moods were logged, said in words for the caption and the
/// text file (the chart's axis says it on paper): "From 2 March 2026 to 28
/// March 2026." or "On 2 March 2026."; `None` without moods.
pub fn mood_dates(moods: &[(i64, Mood)], day: &dyn Fn(i64) -> String) -> Option<String> {
    let first = day(moods.iter().map(|&(ms, _)| ms).min()?);
    let last = day(moods.iter().map(|&(ms, _)| ms).max()?);
    Some(if first == last {
        trf("On {day}.", &[("day", &first)])
    } else {
        trf(
            "From {first} to {last}.",
            &[("first", &first), ("last", &last)],
        )
    })
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
        let logged = trn("{n} mood logged.|{n} moods logged.", self.count as u64);
        let figures = trf(
            "Average {average} of 5; lowest {lowest} ({lowest_name}), highest {highest} \
             ({highest_name}).",
            &[
                ("average", &tenths(self.average_tenths)),
                ("lowest", &i18n::number(u64::from(self.lowest.value()))),
                ("lowest_name", self.lowest.label()),
                ("highest", &i18n::number(u64::from(self.highest.value()))),
                ("highest_name", self.highest.label()),
            ],
        );
        format!("{logged} {figures}")
    }
}

/// The footer on every printed or saved summary (English; shown with
/// [`footer`]).
const FOOTER: &str = key(
    "Written by me, for my own session. Made with Interlude on my own \
device: not a medical record and not a diagnosis.",
);

/// The footer on every printed or saved summary, in the visitor's language.
pub fn footer() -> &'static str {
    tr(FOOTER)
}

/// The summary as Markdown, which also reads as plain text. `when` and
/// `day` format a timestamp as a local date and time, and a local date.
pub fn markdown(
    gathered: &Summary,
    title: &str,
    dates: &str,
    when: &dyn Fn(i64) -> String,
    day: &dyn Fn(i64) -> String,
) -> String {
    let mut out = format!("# {}\n\n{dates}\n", inline(title));
    let entries = |out: &mut String, heading: &str, list: &[&Entry]| {
        if list.is_empty() {
            return;
        }
        out.push_str(&format!("\n## {heading}\n"));
        for entry in list {
            out.push_str(&format!("\n### {}\n\n", when(entry.created_ms)));
            if let Some(prompt) = &entry.prompt {
                out.push_str(&format!("*{}*\n\n", inline(&prompt.text)));
            }
            // Each part after the first is set off by a blank line.
            let mut gap = "";
            if !entry.text.is_empty() {
                out.push_str(&block(&entry.text));
                out.push('\n');
                gap = "\n";
            }
            for (title, text) in entry.thought_record.iter().flat_map(|r| r.sections()) {
                out.push_str(&format!("{gap}**{title}**\n\n{}\n", block(&text)));
                gap = "\n";
            }
            let details = entry.check_in_details();
            if !details.is_empty() {
                // A check-in alone has its mood straight under the date.
                out.push_str(gap);
                for (label, words) in details {
                    out.push_str(&format!("{label}: {}  \n", inline(&words)));
                }
            }
        }
    };
    entries(&mut out, tr("Topics I want to bring up"), &gathered.topics);
    if let Some(figures) = MoodFigures::of(&gathered.moods) {
        let dates = mood_dates(&gathered.moods, day).unwrap_or_default();
        out.push_str(&format!(
            "\n## {}\n\n{} {dates}\n",
            tr("Mood"),
            figures.sentence()
        ));
    }
    if !gathered.checkins.is_empty() {
        out.push_str(&format!("\n## {}\n\n", tr("Check-in results")));
        for result in &gathered.checkins {
            out.push_str(&format!(
                "- {}: {}\n",
                day(result.taken_ms()),
                result.summary()
            ));
        }
    }
    entries(&mut out, tr("Thought records"), &gathered.thought_records);
    entries(&mut out, tr("Entries"), &gathered.entries);
    if let Some(plan) = gathered.safety_plan {
        out.push_str(&format!("\n## {}\n", tr("My safety plan")));
        for step in Step::ALL {
            out.push_str(&format!("\n### {}\n\n", step.title()));
            let items = plan.items(step);
            if items.is_empty() {
                out.push_str(&format!("{}\n", tr("Nothing written yet.")));
            }
            for item in items {
                out.push_str(&format!("- {}\n", inline(item)));
            }
        }
    }
    out.push_str(&format!("\n---\n\n{}\n", footer()));
    out
}

/// One line of the visitor's text in a heading, list item or emphasis:
/// line breaks become spaces and Markdown's markers are escaped.
fn inline(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(flat.len());
    for c in flat.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The visitor's text as written: each line kept (a hard break at its end,
/// invisible as plain text), and a line that Markdown would turn into a
/// heading, quote, list or rule starts with a backslash.
fn block(text: &str) -> String {
    text.lines()
        .map(|line| {
            let trimmed = line.trim_start();
            let numbered = trimmed
                .split_once(['.', ')'])
                .filter(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
            if let Some((number, rest)) = numbered {
                // "1. x" would start a list; "1\. x" is read as written.
                let mark = &trimmed[number.len()..=number.len()];
                format!("{number}\\{mark}{rest}")
            } else if trimmed.starts_with(['#', '>', '-', '*', '+', '=', '`', '|', '<']) {
                format!("\\{trimmed}")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("  \n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::thought_record::RatedFeeling;
    use crate::model::{PromptRef, Questionnaire, ThoughtRecord};

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
            energy: None,
            emotions: vec![],
            tags: vec![],
            thought_record: None,
        }
    }

    fn everything(from_ms: i64, until_ms: i64) -> SummaryChoice {
        SummaryChoice {
            from_ms,
            until_ms,
            moods: true,
            entries: true,
            topics: true,
            thought_records: true,
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
            thought_records: false,
            checkins: false,
            safety_plan: false,
            ..everything(0, 10)
        };
        assert!(gather(&journal, &results, &plan, &none).is_empty());
    }

    #[test]
    fn thought_records_are_their_own_part_and_print_each_step() {
        let mut record = entry("r", 5, None, None);
        record.text.clear();
        record.thought_record = Some(ThoughtRecord {
            situation: "Late for work".into(),
            feelings: vec![RatedFeeling {
                name: "anxious".into(),
                before: 80,
                after: Some(30),
            }],
            thought: "I'll be *fired*".into(),
            ..ThoughtRecord::default()
        });
        let journal = Journal::from_entries([record, entry("e", 6, None, None)]);
        let plan = SafetyPlan::default();
        let summary = gather(&journal, &[], &plan, &everything(0, 10));
        assert_eq!(ids(&summary.thought_records), ["r"]);
        assert_eq!(ids(&summary.entries), ["e"]);
        let text = markdown(&summary, "Notes", "dates", &|_| "when".into(), &|_| {
            "day".into()
        });
        assert!(text.contains(
            "\n## Thought records\n\n### when\n\n\
             **The situation**\n\nLate for work\n\n\
             **Feelings**\n\nanxious 80 → 30\n\n\
             **The thought**\n\nI'll be *fired*\n\n## Entries"
        ));
        let without = SummaryChoice {
            thought_records: false,
            ..everything(0, 10)
        };
        assert!(gather(&journal, &[], &plan, &without)
            .thought_records
            .is_empty());
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

    #[test]
    fn the_markdown_matches_its_golden_form_and_keeps_the_visitors_text_inert() {
        let mut topic = entry("t", 10, Some("before-session.bring"), None);
        topic.text = "Sleep\n# not a heading\n1. not a list".into();
        let mut plain = entry("e", 20, None, Some(2));
        plain.text = "<script>x</script> and *stars*".into();
        let journal = Journal::from_entries([topic, plain]);
        let results = [CheckInResult::new(Questionnaire::Gad7, 15, &[Some(1); 7]).unwrap()];
        let mut plan = SafetyPlan::default();
        plan.set_text(Step::Reasons, "my [sister]", 1);
        let gathered = gather(&journal, &results, &plan, &everything(0, 100));
        let when = |ms: i64| format!("day {ms}, noon");
        let day = |ms: i64| format!("day {ms}");
        let text = markdown(
            &gathered,
            "Notes to bring to A*B",
            "day 0 to day 99",
            &when,
            &day,
        );
        let expected = "# Notes to bring to A\\*B\n\nday 0 to day 99\n\
\n## Topics I want to bring up\n\
\n### day 10, noon\n\n*A prompt*\n\nSleep  \n\\# not a heading  \n1\\. not a list\n\
\n## Mood\n\n1 mood logged. Average 2.0 of 5; lowest 2 (Low), highest 2 (Low). On day 20.\n\
\n## Check-in results\n\n- day 15: GAD-7: 7 of 21 (mild range). Not a diagnosis: something to talk about with your clinician.\n\
\n## Entries\n\
\n### day 20, noon\n\n\\<script>x</script> and *stars*\n\nMood: 2 of 5, Low  \n\
\n## My safety plan\n";
        assert!(text.starts_with(expected), "{text}");
        assert!(
            text.contains("\n### My reasons for living\n\n- my \\[sister\\]\n"),
            "{text}"
        );
        assert!(
            text.contains("\n### 1. My warning signs\n\nNothing written yet.\n"),
            "{text}"
        );
        assert!(text.ends_with(&format!("\n---\n\n{FOOTER}\n")));
    }

    const DAY: i64 = 86_400_000;

    /// Local days as in UTC, for tests.
    fn utc_day(ms: i64) -> i64 {
        ms.div_euclid(DAY)
    }

    #[test]
    fn a_check_in_alone_is_shown_by_its_mood_not_by_its_date_alone() {
        let mut mood_only = entry("m", 30, None, Some(2));
        mood_only.text.clear();
        assert!(is_check_in_only(&mood_only));
        assert!(!is_check_in_only(&entry("e", 31, None, Some(2))));
        assert_eq!(check_in_line(&mood_only), "Mood: 2 of 5, Low");
        assert_eq!(opening(&mood_only, 60), "Mood: 2 of 5, Low");
        mood_only.energy = crate::model::Energy::new(4);
        assert_eq!(
            check_in_line(&mood_only),
            "Mood: 2 of 5, Low · Energy: 4 of 5, High"
        );
        assert_eq!(opening(&mood_only, 10), "Mood: 2 of…");

        // In the text file, straight under its date, with no gap.
        mood_only.energy = None;
        let journal = Journal::from_entries([mood_only]);
        let plan = SafetyPlan::default();
        let gathered = gather(&journal, &[], &plan, &everything(0, 100));
        let text = markdown(
            &gathered,
            "Notes",
            "dates",
            &|ms| format!("at {ms}"),
            &|ms| format!("day {ms}"),
        );
        assert!(
            text.contains("\n## Entries\n\n### at 30\n\nMood: 2 of 5, Low  \n\n---"),
            "{text}"
        );
    }

    #[test]
    fn the_opening_of_an_entry_is_its_first_words() {
        let mut long = entry("l", 1, None, None);
        long.text = "one  two\nthree four".into();
        assert_eq!(opening(&long, 60), "one two three four");
        assert_eq!(opening(&long, 7), "one two…");
        long.text.clear();
        long.thought_record = Some(ThoughtRecord {
            thought: "I always fail".into(),
            ..ThoughtRecord::default()
        });
        assert_eq!(opening(&long, 60), "Thought record: I always fail");
    }

    #[test]
    fn short_entries_are_kept_whole_and_long_ones_may_split() {
        let mut e = entry("s", 1, None, None);
        e.text = "word ".repeat(200);
        assert!(is_short(&e), "1,000 characters on one line");
        e.text = "word ".repeat(300);
        assert!(!is_short(&e), "1,500 characters");
        e.text = "line\n".repeat(20);
        assert!(!is_short(&e), "twenty short lines");
        e.text = "a few words".into();
        e.thought_record = Some(ThoughtRecord {
            situation: "x ".repeat(700),
            ..ThoughtRecord::default()
        });
        assert!(!is_short(&e), "a thought record counts too");
    }

    #[test]
    fn the_period_says_the_dates_and_how_many_days() {
        let day = |ms: i64| format!("day {}", utc_day(ms));
        assert_eq!(period(0, 28 * DAY, &day), "day 0 to day 27 (28 days)");
        assert_eq!(period(0, DAY, &day), "day 0");
        // A day with a clock change (23 hours) still counts as a day.
        assert_eq!(
            period(0, 7 * DAY - 3_600_000, &day),
            "day 0 to day 6 (7 days)"
        );
    }

    #[test]
    fn date_ticks_mark_both_ends_and_sensible_steps_between() {
        assert_eq!(date_ticks(100, 100), [100]);
        assert_eq!(date_ticks(100, 101), [100, 101]);
        // A week: every other day.
        assert_eq!(date_ticks(0, 6), [0, 2, 4, 6]);
        // Four weeks: weekly, from the first day.
        assert_eq!(date_ticks(0, 27), [0, 7, 14, 21, 27]);
        // Not crowding the last day: 21 is too close to 24.
        assert_eq!(date_ticks(0, 24), [0, 7, 14, 24]);
        // A year: quarterly.
        assert_eq!(date_ticks(0, 364), [0, 91, 182, 273, 364]);
        // Ten years: few labels.
        let decade = date_ticks(0, 3652);
        assert_eq!(decade.first(), Some(&0));
        assert_eq!(decade.last(), Some(&3652));
        assert!(decade.len() <= 4, "{decade:?}");
        for (first, last) in [(0, 1), (5, 40), (0, 200), (0, 800), (0, 36_500)] {
            let ticks = date_ticks(first, last);
            assert!(ticks.len() <= 6, "{first}..{last}: {ticks:?}");
            assert!(ticks.windows(2).all(|w| w[0] < w[1]), "{ticks:?}");
            assert_eq!((ticks[0], *ticks.last().unwrap()), (first, last));
        }
    }

    #[test]
    fn the_mood_chart_spans_the_chosen_dates_with_dated_ticks() {
        let mood = |v| Mood::new(v).unwrap();
        // Four weeks from day 10; moods on its third and last days.
        let (from, until) = (10 * DAY, 38 * DAY);
        let moods = [(12 * DAY + DAY / 2, mood(3)), (37 * DAY + DAY / 2, mood(5))];
        let chart = MoodChart::new(&moods, from, until, &utc_day, 1000);
        assert_eq!(chart.points, [(89, 500), (982, 1000)]);
        assert_eq!(
            chart.ticks,
            [(10, 17), (17, 267), (24, 517), (31, 767), (37, 982)]
        );
        assert!(!chart.long);
        let years = MoodChart::new(&moods, 0, 800 * DAY, &utc_day, 1000);
        assert!(years.long);
        let one_day = MoodChart::new(&moods[..1], 12 * DAY, 13 * DAY, &utc_day, 1000);
        assert_eq!(one_day.ticks, [(12, 500)]);
        assert_eq!(one_day.points, [(500, 500)]);
    }

    #[test]
    fn mood_dates_name_the_first_and_last_day() {
        let mood = Mood::new(3).unwrap();
        let day = |ms: i64| format!("day {}", utc_day(ms));
        assert_eq!(mood_dates(&[], &day), None);
        assert_eq!(
            mood_dates(&[(5 * DAY, mood), (DAY, mood)], &day).as_deref(),
            Some("From day 1 to day 5.")
        );
        assert_eq!(
            mood_dates(&[(DAY, mood), (DAY + 5, mood)], &day).as_deref(),
            Some("On day 1.")
        );
    }
}
