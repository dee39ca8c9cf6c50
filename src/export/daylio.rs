//! Importing Daylio's CSV export, so a visitor can bring earlier moods and
//! notes with them.
//!
//! Daylio writes `full_date,date,weekday,time,mood,activities,note_title,note`
//! (older versions: `year,date,weekday,time,mood,activities,note`), newest
//! first, `time` as "10:00 pm" or "22:00", activities separated by `|`, and
//! notes with a little HTML (`<br>`, `<b>`…). Moods carry the visitor's own
//! labels; Daylio's defaults (rad, good, meh, bad, awful) and common
//! renamings map to 5…1, and any other label is left out (the row is kept
//! and the visitor is told).
//!
//! Each row becomes an entry with an id made from its contents, so
//! importing the same file twice adds nothing. Times are local: the parser
//! returns the calendar date and minutes, and the browser turns them into
//! a timestamp.

use super::backup::MAX_ENTRIES;
use crate::i18n::{self, tr, trf};
use crate::model::feelings::MAX_TAGS;
use crate::model::{Mood, Tag, MAX_TEXT_CHARS};

/// Why a file could not be imported. Nothing is changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DaylioProblem {
    /// No Daylio header line.
    NotDaylio,
    /// A quoted field never ends, or a row has the wrong number of fields.
    Malformed { line: usize },
    /// A date or time that does not exist.
    BadDate { line: usize },
    /// A note longer than an entry can be.
    TooLong { line: usize },
    /// More rows than one import accepts.
    TooManyRows,
    /// A header and no rows.
    Empty,
}

/// One imported row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DaylioRow {
    /// Stable id made from the row's contents.
    pub id: String,
    pub year: u32,
    pub month: u32,
    pub day: u32,
    /// Minutes after local midnight.
    pub minutes: u32,
    /// `None` when Daylio's label is not one we know.
    pub mood: Option<Mood>,
    /// Whether the row had a mood label we did not recognise.
    pub unknown_mood: bool,
    /// Title and note as the entry's text (plus any activity that cannot
    /// be a tag).
    pub text: String,
    /// Daylio's activities, as tags.
    pub tags: Vec<Tag>,
}

/// Daylio mood labels (lower case) and the 1–5 value each means.
const MOOD_LABELS: &[(&str, u8)] = &[
    ("rad", 5),
    ("amazing", 5),
    ("awesome", 5),
    ("great", 5),
    ("good", 4),
    ("happy", 4),
    ("meh", 3),
    ("okay", 3),
    ("ok", 3),
    ("average", 3),
    ("fine", 3),
    ("bad", 2),
    ("sad", 2),
    ("down", 2),
    ("awful", 1),
    ("horrible", 1),
    ("terrible", 1),
];

/// Parses a Daylio CSV export, all at once (see [`SplittingDaylio`] for
/// the same in steps).
pub fn parse(text: &str) -> Result<Vec<DaylioRow>, DaylioProblem> {
    let mut reading = SplittingDaylio::new(text).finish()?;
    let mut rows = Vec::new();
    while reading.read_rows(usize::MAX, &mut rows)? {}
    Ok(rows)
}

/// The first pass over a Daylio file, a few megabytes at a time: splits
/// it into RFC 4180 records (quoted fields may hold commas, line breaks and
/// doubled quotes), each with the line it starts on. Years of notes are
/// megabytes, and reading them at once held the page for a long task.
pub struct SplittingDaylio<'a> {
    text: &'a str,
    /// Bytes looked at so far.
    at: usize,
    records: Vec<(usize, Vec<String>)>,
    fields: Vec<String>,
    field: String,
    quoted: bool,
    /// The line being read, and the one the current record started on.
    line: usize,
    start_line: usize,
}

impl<'a> SplittingDaylio<'a> {
    /// Starts the pass over `text` (a leading byte order mark is skipped).
    pub fn new(text: &'a str) -> SplittingDaylio<'a> {
        SplittingDaylio {
            text: text.strip_prefix('\u{FEFF}').unwrap_or(text),
            at: 0,
            records: Vec::new(),
            fields: Vec::new(),
            field: String::new(),
            quoted: false,
            line: 1,
            start_line: 1,
        }
    }

    /// Looks at about `bytes` more bytes (whole characters); false once
    /// the whole text is.
    pub fn go_on(&mut self, bytes: usize) -> bool {
        let rest = &self.text[self.at..];
        let end = bytes.min(rest.len());
        let mut chars = rest.char_indices().peekable();
        let next_is = |chars: &mut std::iter::Peekable<std::str::CharIndices>, c: char| {
            chars.peek().is_some_and(|&(_, next)| next == c)
        };
        while let Some(&(i, c)) = chars.peek() {
            if i >= end {
                self.at += i;
                return true;
            }
            chars.next();
            match (self.quoted, c) {
                (true, '"') if next_is(&mut chars, '"') => {
                    chars.next();
                    self.field.push('"');
                }
                (true, '"') => self.quoted = false,
                (true, c) => {
                    if c == '\n' {
                        self.line += 1;
                    }
                    self.field.push(c);
                }
                (false, '"') if self.field.trim().is_empty() => {
                    self.field.clear();
                    self.quoted = true;
                }
                (false, ',') => self.fields.push(std::mem::take(&mut self.field)),
                (false, '\r') if next_is(&mut chars, '\n') => {}
                (false, '\n' | '\r') => {
                    self.fields.push(std::mem::take(&mut self.field));
                    self.records
                        .push((self.start_line, std::mem::take(&mut self.fields)));
                    self.line += 1;
                    self.start_line = self.line;
                }
                (false, c) => self.field.push(c),
            }
        }
        self.at = self.text.len();
        false
    }

    /// Looks at what is left, then checks that this is a Daylio export
    /// and finds its columns; the rows are read after.
    pub fn finish(mut self) -> Result<ReadingDaylio, DaylioProblem> {
        while self.go_on(usize::MAX) {}
        if self.quoted {
            return Err(DaylioProblem::Malformed {
                line: self.start_line,
            });
        }
        if !self.field.is_empty() || !self.fields.is_empty() {
            self.fields.push(self.field);
            self.records.push((self.start_line, self.fields));
        }
        let mut records = self.records.into_iter();
        let (_, header) = records.next().ok_or(DaylioProblem::NotDaylio)?;
        let columns = Columns::find(&header).ok_or(DaylioProblem::NotDaylio)?;
        Ok(ReadingDaylio {
            total: records.len(),
            records,
            columns,
            kept: 0,
        })
    }
}

/// Where each field is, from the header line.
struct Columns {
    count: usize,
    date: usize,
    /// `date` is "2021-09-28" (newer exports) rather than "28 Sep" with a
    /// `year` column (older ones).
    full_date: bool,
    year: Option<usize>,
    time: usize,
    mood: usize,
    activities: usize,
    title: Option<usize>,
    note: Option<usize>,
}

impl Columns {
    fn find(header: &[String]) -> Option<Columns> {
        let header: Vec<String> = header
            .iter()
            .map(|h| h.trim().to_ascii_lowercase())
            .collect();
        let column = |name: &str| header.iter().position(|h| h == name);
        Some(Columns {
            count: header.len(),
            date: column("full_date").or(column("date"))?,
            full_date: column("full_date").is_some(),
            year: column("year"),
            time: column("time")?,
            mood: column("mood")?,
            activities: column("activities")?,
            title: column("note_title"),
            note: column("note"),
        })
    }
}

/// A split Daylio file whose rows are read a few at a time
/// ([`Self::read_rows`]), so the page stays responsive.
pub struct ReadingDaylio {
    records: std::vec::IntoIter<(usize, Vec<String>)>,
    /// Records after the header, blank ones included.
    total: usize,
    columns: Columns,
    /// Rows read so far.
    kept: usize,
}

impl ReadingDaylio {
    /// Records looked at so far, of [`Self::total`].
    pub fn done(&self) -> usize {
        self.total - self.records.len()
    }

    /// The records after the header.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Reads up to `count` more records into `rows` (blank lines are
    /// passed over); false once every one is read. A file with no rows at
    /// all is refused as [`DaylioProblem::Empty`] at its end.
    pub fn read_rows(
        &mut self,
        count: usize,
        rows: &mut Vec<DaylioRow>,
    ) -> Result<bool, DaylioProblem> {
        for _ in 0..count {
            let Some((line, fields)) = self.records.next() else {
                break;
            };
            if fields.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            if fields.len() != self.columns.count {
                return Err(DaylioProblem::Malformed { line });
            }
            if self.kept == MAX_ENTRIES {
                return Err(DaylioProblem::TooManyRows);
            }
            rows.push(self.row(line, &fields)?);
            self.kept += 1;
        }
        if self.records.len() > 0 {
            return Ok(true);
        }
        if self.kept == 0 {
            return Err(DaylioProblem::Empty);
        }
        Ok(false)
    }

    fn row(&self, line: usize, fields: &[String]) -> Result<DaylioRow, DaylioProblem> {
        let columns = &self.columns;
        let (year, month, day) = if columns.full_date {
            iso_date(&fields[columns.date])
        } else {
            columns
                .year
                .and_then(|y| day_month_date(&fields[y], &fields[columns.date]))
        }
        .ok_or(DaylioProblem::BadDate { line })?;
        let minutes = clock_time(&fields[columns.time]).ok_or(DaylioProblem::BadDate { line })?;
        let label = fields[columns.mood].trim().to_ascii_lowercase();
        let mood = MOOD_LABELS
            .iter()
            .find(|(l, _)| *l == label)
            .and_then(|&(_, v)| Mood::new(v));
        let (tags, other_activities) = activity_tags(&fields[columns.activities]);
        let text = entry_text(
            columns.title.map_or("", |i| &fields[i]),
            columns.note.map_or("", |i| &fields[i]),
            &other_activities,
        );
        if text.chars().count() > MAX_TEXT_CHARS {
            return Err(DaylioProblem::TooLong { line });
        }
        Ok(DaylioRow {
            id: format!("daylio-{:016x}", fnv1a(&fields.join("\u{1F}"))),
            year,
            month,
            day,
            minutes,
            mood,
            unknown_mood: mood.is_none() && !label.is_empty(),
            text,
            tags,
        })
    }
}

/// "2021-09-28" → (2021, 9, 28), checked.
fn iso_date(text: &str) -> Option<(u32, u32, u32)> {
    let mut parts = text.trim().splitn(3, '-').map(|p| p.parse::<u32>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    valid_date(y, m, d).then_some((y, m, d))
}

/// Older exports: year "2018" and date "18 May".
fn day_month_date(year: &str, date: &str) -> Option<(u32, u32, u32)> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let y = year.trim().parse::<u32>().ok()?;
    let mut parts = date.split_whitespace();
    let d = parts.next()?.parse::<u32>().ok()?;
    let month = parts.next()?.to_ascii_lowercase();
    let m = MONTHS.iter().position(|&p| month.starts_with(p))? as u32 + 1;
    valid_date(y, m, d).then_some((y, m, d))
}

fn valid_date(y: u32, m: u32, d: u32) -> bool {
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1970..=9999).contains(&y) && (1..=days).contains(&d)
}

/// "10:00 pm", "10:00 PM", "22:00" or "7:05 a.m." → minutes after midnight.
fn clock_time(text: &str) -> Option<u32> {
    let lower = text.trim().to_ascii_lowercase().replace('.', "");
    let (clock, half) = match lower.strip_suffix("am").or(lower.strip_suffix("pm")) {
        Some(clock) => (clock.trim(), Some(lower.ends_with("pm"))),
        None => (lower.as_str(), None),
    };
    let (h, m) = clock.split_once(':')?;
    let (h, m) = (h.trim().parse::<u32>().ok()?, m.trim().parse::<u32>().ok()?);
    let h = match half {
        Some(_) if !(1..=12).contains(&h) => return None,
        Some(pm) => h % 12 + if pm { 12 } else { 0 },
        None => h,
    };
    // `then`, not `then_some`: an hour of millions would overflow.
    (h < 24 && m < 60).then(|| h * 60 + m)
}

/// Daylio's `|`-separated activities as tags, and the few that cannot be
/// one (over-long, or past the tag limit), to keep in the text instead.
fn activity_tags(activities: &str) -> (Vec<Tag>, Vec<&str>) {
    let mut tags: Vec<Tag> = Vec::new();
    let mut others = Vec::new();
    for activity in activities
        .split('|')
        .map(str::trim)
        .filter(|a| !a.is_empty())
    {
        match Tag::new(activity) {
            Some(tag) if tags.contains(&tag) => {}
            Some(tag) if tags.len() < MAX_TAGS => tags.push(tag),
            _ => others.push(activity),
        }
    }
    (tags, others)
}

/// The entry's text: title, note (Daylio's bits of HTML turned into plain
/// text), and any activities that could not become tags.
fn entry_text(title: &str, note: &str, activities: &[&str]) -> String {
    let mut parts = Vec::new();
    if !title.trim().is_empty() {
        parts.push(title.trim().to_owned());
    }
    let note = plain_note(note);
    if !note.is_empty() {
        parts.push(note);
    }
    if !activities.is_empty() {
        parts.push(trf(
            "Activities: {activities}",
            &[("activities", &activities.join(", "))],
        ));
    }
    parts.join("\n\n")
}

/// Line breaks and list items become lines; the few formatting tags Daylio
/// writes are dropped. Anything else stays as the literal text it is.
fn plain_note(note: &str) -> String {
    const DROPPED: [&str; 10] = [
        "<b>", "</b>", "<i>", "</i>", "<u>", "</u>", "<ul>", "</ul>", "<ol>", "</ol>",
    ];
    let mut text = note.to_owned();
    for br in ["<br>", "<br/>", "<br />", "</li>", "</p>"] {
        text = text.replace(br, "\n");
    }
    text = text.replace("<li>", "- ").replace("<p>", "");
    for tag in DROPPED {
        text = text.replace(tag, "");
    }
    text.replace("&nbsp;", " ").trim().to_owned()
}

/// FNV-1a, 64 bits: a stable, dependency-free hash for ids (not security).
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

impl DaylioProblem {
    /// What is wrong, for the visitor, in their language.
    pub fn message(&self) -> String {
        let line = |line: &usize| i18n::number(*line as u64);
        match self {
            DaylioProblem::NotDaylio => tr(
                "This file doesn't look like a Daylio export (the CSV file from Daylio's \
                 “Export entries”).",
            )
            .into(),
            DaylioProblem::Empty => tr("This Daylio file has no entries in it.").into(),
            DaylioProblem::Malformed { line: n } => trf(
                "Line {line} of this file is broken (a quote that never ends, or missing columns).",
                &[("line", &line(n))],
            ),
            DaylioProblem::BadDate { line: n } => trf(
                "Line {line} of this file has a date or time that doesn't exist.",
                &[("line", &line(n))],
            ),
            DaylioProblem::TooLong { line: n } => trf(
                "The note on line {line} is longer than an entry can be.",
                &[("line", &line(n))],
            ),
            DaylioProblem::TooManyRows => {
                tr("This file has more entries than Interlude can import at once.").into()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\u{FEFF}full_date,date,weekday,time,mood,activities,note_title,note\r\n\
2021-09-28,28 September,Tuesday,10:00 pm,rad,\"work | friends \",\"Good day\",\"Lunch with <b>Ana</b><br>then a walk\"\r\n\
2021-09-27,27 September,Monday,7:05 am,Awful,\"\",\"\",\"Said \"\"no\"\" at last,\nfinally\"\r\n\
2021-09-26,26 September,Sunday,23:59,custom mood,\"bad sleep\",\"\",\"<script>x</script>\"\r\n";

    #[test]
    fn a_daylio_export_becomes_entries_with_moods_and_notes() {
        let rows = parse(SAMPLE).unwrap();
        assert_eq!(rows.len(), 3);
        let first = &rows[0];
        assert_eq!(
            (first.year, first.month, first.day, first.minutes),
            (2021, 9, 28, 22 * 60)
        );
        assert_eq!(first.mood, Mood::new(5));
        assert_eq!(first.text, "Good day\n\nLunch with Ana\nthen a walk");
        assert_eq!(first.tags, [tag("work"), tag("friends")]);
        assert_eq!(rows[1].minutes, 7 * 60 + 5);
        assert_eq!(rows[1].mood, Mood::new(1));
        assert_eq!(rows[1].text, "Said \"no\" at last,\nfinally");
        assert_eq!(rows[2].minutes, 23 * 60 + 59);
        assert_eq!((rows[2].mood, rows[2].unknown_mood), (None, true));
        assert_eq!(rows[2].text, "<script>x</script>");
        assert_eq!(rows[2].tags, [tag("bad sleep")]);
        assert!(rows[1].tags.is_empty());
        // Ids are stable and distinct, so importing twice adds nothing.
        assert_eq!(parse(SAMPLE).unwrap()[0].id, first.id);
        assert_ne!(rows[0].id, rows[1].id);
        assert!(crate::model::EntryId::new(&first.id).is_some());
    }

    #[test]
    fn the_older_seven_column_format_is_read_too() {
        let old = "year,date,weekday,time,mood,activities,note\n\
2018,18 May,Friday,11:54 pm,good,\"clean | cook\",\"Went to a party\"\n";
        let rows = parse(old).unwrap();
        assert_eq!((rows[0].year, rows[0].month, rows[0].day), (2018, 5, 18));
        assert_eq!(rows[0].minutes, 23 * 60 + 54);
        assert_eq!(rows[0].text, "Went to a party");
        assert_eq!(rows[0].tags, [tag("clean"), tag("cook")]);
    }

    fn tag(t: &str) -> Tag {
        Tag::new(t).unwrap()
    }

    #[test]
    fn activities_that_cannot_be_tags_stay_in_the_text() {
        let long = "x".repeat(60);
        let many: Vec<String> = (0..MAX_TAGS + 2).map(|n| format!("a{n}")).collect();
        let activities = format!("Work | work | {long} | {}", many.join("|"));
        let (tags, others) = activity_tags(&activities);
        assert_eq!(tags.len(), MAX_TAGS);
        assert_eq!(tags[0], tag("work"), "repeats are dropped");
        assert_eq!(others, [long.as_str(), "a19", "a20", "a21"]);
        assert_eq!(
            entry_text("", "note", &others[..1]),
            format!("note\n\nActivities: {long}")
        );
    }

    #[test]
    fn broken_and_hostile_files_are_refused_with_the_line() {
        let header = "full_date,date,weekday,time,mood,activities,note_title,note\n";
        let row = |date: &str, time: &str| format!("{date},x,x,{time},rad,\"\",\"\",\"hi\"\n");
        let cases = [
            (String::new(), DaylioProblem::NotDaylio),
            (
                "{\"format\":\"interlude-backup\"}".into(),
                DaylioProblem::NotDaylio,
            ),
            ("date,time,mood\n".into(), DaylioProblem::NotDaylio),
            (header.into(), DaylioProblem::Empty),
            (
                format!("{header}2021-01-01,x,x,10:00,rad,\"open quote"),
                DaylioProblem::Malformed { line: 2 },
            ),
            (
                format!("{header}2021-01-01,x,x,10:00,rad\n"),
                DaylioProblem::Malformed { line: 2 },
            ),
            (
                format!("{header}{}", row("2021-02-30", "10:00")),
                DaylioProblem::BadDate { line: 2 },
            ),
            (
                format!("{header}{}", row("1969-12-31", "10:00")),
                DaylioProblem::BadDate { line: 2 },
            ),
            (
                format!(
                    "{header}{}{}",
                    row("2021-01-01", "10:00"),
                    row("2021-01-02", "25:00")
                ),
                DaylioProblem::BadDate { line: 3 },
            ),
            (
                format!("{header}{}", row("2021-01-01", "13:00 pm")),
                DaylioProblem::BadDate { line: 2 },
            ),
            (
                format!(
                    "{header}2021-01-01,x,x,10:00,rad,\"\",\"\",\"{}\"\n",
                    "x".repeat(MAX_TEXT_CHARS + 1)
                ),
                DaylioProblem::TooLong { line: 2 },
            ),
        ];
        for (text, problem) in cases {
            assert_eq!(
                parse(&text),
                Err(problem),
                "{}",
                &text[..text.len().min(100)]
            );
        }
    }

    #[test]
    fn too_many_rows_are_refused() {
        let mut text =
            String::from("full_date,date,weekday,time,mood,activities,note_title,note\n");
        for i in 0..=MAX_ENTRIES {
            text.push_str(&format!("2021-01-01,x,x,10:00,rad,\"\",\"\",\"{i}\"\n"));
        }
        assert_eq!(parse(&text), Err(DaylioProblem::TooManyRows));
    }

    /// Reads `text` as the widget does: split `step` bytes at a time, then
    /// read `count` records at a time.
    fn parse_in_steps(
        text: &str,
        step: usize,
        count: usize,
    ) -> Result<Vec<DaylioRow>, DaylioProblem> {
        let mut split = SplittingDaylio::new(text);
        while split.go_on(step) {}
        let mut reading = split.finish()?;
        let mut rows = Vec::new();
        while reading.read_rows(count, &mut rows)? {
            assert!(reading.done() < reading.total());
        }
        assert_eq!(reading.done(), reading.total());
        Ok(rows)
    }

    #[test]
    fn reading_in_steps_reads_what_reading_at_once_does() {
        let header = "full_date,date,weekday,time,mood,activities,note_title,note\r\n";
        let texts = [
            SAMPLE.to_owned(),
            format!("{header}\r\n2021-01-01,x,x,10:00,rad,\"\",\"\",\"é\"\"\"\"\r\n\n"),
            format!("{header}2021-01-01,x,x,10:00,rad,\"\",\"\",\"open"),
            format!("{header}2021-01-01,x,x,10:00,rad\r\n"),
            header.to_owned(),
            String::new(),
        ];
        for text in &texts {
            for step in [1, 2, 3, 5, 8, 64, usize::MAX] {
                for count in [1, 2, 100] {
                    assert_eq!(parse_in_steps(text, step, count), parse(text), "{text:?}");
                }
            }
        }
        let mut split = SplittingDaylio::new(SAMPLE);
        assert!(split.go_on(10), "more to look at after 10 bytes");
        let mut reading = split.finish().unwrap();
        assert_eq!((reading.done(), reading.total()), (0, 3));
        let mut rows = Vec::new();
        assert_eq!(reading.read_rows(2, &mut rows), Ok(true));
        assert_eq!((reading.done(), rows.len()), (2, 2));
        assert_eq!(reading.read_rows(2, &mut rows), Ok(false));
        assert_eq!(rows, parse(SAMPLE).unwrap());
    }

    // Native only, like the other property tests.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Any text, cut anywhere: the records and every problem come out
        /// the same as when it is read whole.
        #[test]
        fn any_file_read_in_steps_reads_as_whole(
            body in "[a-z0-9:, \"\r\n|é\u{FEFF}-]{0,300}",
            rows in proptest::collection::vec(
                (2000u32..2030, 1u32..13, 1u32..29, "[\"a-z ,\r\n|é]{0,20}"),
                0..6,
            ),
            step in 1usize..40,
            count in 1usize..4,
        ) {
            let mut text =
                String::from("full_date,date,weekday,time,mood,activities,note_title,note\n");
            for (year, month, day, note) in &rows {
                let note = note.replace('"', "\"\"");
                text.push_str(&format!(
                    "{year}-{month:02}-{day:02},x,x,9:05 pm,good,\"a|b\",\"\",\"{note}\"\r\n"
                ));
            }
            text.push_str(&body);
            proptest::prop_assert_eq!(parse_in_steps(&text, step, count), parse(&text));
        }
    }

    #[test]
    fn times_in_both_clocks() {
        assert_eq!(clock_time("12:00 am"), Some(0));
        assert_eq!(clock_time("12:30 PM"), Some(12 * 60 + 30));
        assert_eq!(clock_time("1:15 p.m."), Some(13 * 60 + 15));
        assert_eq!(clock_time("00:00"), Some(0));
        assert_eq!(clock_time("0:00 am"), None);
        assert_eq!(clock_time("noon"), None);
        // Found by the fuzzer: hours too large to count in minutes.
        assert_eq!(clock_time("666666611:54"), None);
    }
}
