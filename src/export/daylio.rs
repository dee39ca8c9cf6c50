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
use crate::i18n::trf;
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

/// Parses a Daylio CSV export.
pub fn parse(text: &str) -> Result<Vec<DaylioRow>, DaylioProblem> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let records = records(text)?;
    let mut lines = records.into_iter();
    let (_, header) = lines.next().ok_or(DaylioProblem::NotDaylio)?;
    let header: Vec<String> = header
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let column = |name: &str| header.iter().position(|h| h == name);
    let (Some(date), Some(time), Some(mood), Some(activities)) = (
        column("full_date").or(column("date")),
        column("time"),
        column("mood"),
        column("activities"),
    ) else {
        return Err(DaylioProblem::NotDaylio);
    };
    let full_date = column("full_date").is_some();
    let year = column("year");
    let title = column("note_title");
    let note = column("note");
    let mut rows = Vec::new();
    for (line, fields) in lines {
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if fields.len() != header.len() {
            return Err(DaylioProblem::Malformed { line });
        }
        if rows.len() == MAX_ENTRIES {
            return Err(DaylioProblem::TooManyRows);
        }
        let (y, m, d) = if full_date {
            iso_date(&fields[date])
        } else {
            year.and_then(|y| day_month_date(&fields[y], &fields[date]))
        }
        .ok_or(DaylioProblem::BadDate { line })?;
        let minutes = clock_time(&fields[time]).ok_or(DaylioProblem::BadDate { line })?;
        let label = fields[mood].trim().to_ascii_lowercase();
        let mood_value = MOOD_LABELS
            .iter()
            .find(|(l, _)| *l == label)
            .and_then(|&(_, v)| Mood::new(v));
        let (tags, other_activities) = activity_tags(&fields[activities]);
        let text = entry_text(
            title.map_or("", |i| &fields[i]),
            note.map_or("", |i| &fields[i]),
            &other_activities,
        );
        if text.chars().count() > MAX_TEXT_CHARS {
            return Err(DaylioProblem::TooLong { line });
        }
        rows.push(DaylioRow {
            id: format!("daylio-{:016x}", fnv1a(&fields.join("\u{1F}"))),
            year: y,
            month: m,
            day: d,
            minutes,
            mood: mood_value,
            unknown_mood: mood_value.is_none() && !label.is_empty(),
            text,
            tags,
        });
    }
    if rows.is_empty() {
        return Err(DaylioProblem::Empty);
    }
    Ok(rows)
}

/// RFC 4180 records with the line each starts on (1-based). Quoted fields
/// may hold commas, line breaks and doubled quotes.
fn records(text: &str) -> Result<Vec<(usize, Vec<String>)>, DaylioProblem> {
    let mut out = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut line = 1;
    let mut start_line = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => {
                if c == '\n' {
                    line += 1;
                }
                field.push(c);
            }
            (false, '"') if field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            (false, ',') => fields.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n' | '\r') => {
                fields.push(std::mem::take(&mut field));
                out.push((start_line, std::mem::take(&mut fields)));
                line += 1;
                start_line = line;
            }
            (false, c) => field.push(c),
        }
    }
    if quoted {
        return Err(DaylioProblem::Malformed { line: start_line });
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        out.push((start_line, fields));
    }
    Ok(out)
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
