//! CSV files for spreadsheets: moods logged with entries, and check-in
//! results.
//!
//! RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a
//! comma, quote, line break or edge space, with quotes doubled. The file
//! starts with a UTF-8 byte order mark, because Excel otherwise reads UTF-8
//! as the local code page and garbles accents (LibreOffice, Numbers and
//! Google Sheets accept it too). A field that a spreadsheet would run as a
//! formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) gets a
//! leading `'`, so text the visitor wrote stays text.

use crate::model::{CheckInResult, Entry};

/// The byte order mark that opens every file.
pub const BOM: &str = "\u{FEFF}";

/// A local date and time, as the spreadsheet should show them, e.g.
/// `("2026-11-22", "14:05")`. The browser supplies it (it knows the time
/// zone); tests use UTC.
pub type LocalStamp = dyn Fn(i64) -> (String, String);

/// One row per mood check-in (an entry with a mood, energy or emotion
/// words), oldest first:
/// `date,time,mood,mood_label,energy,emotions,tags,prompt,note`.
/// Empty cells for what was not logged; emotions and tags separated by `;`.
pub fn moods_csv<'a>(entries: impl IntoIterator<Item = &'a Entry>, local: &LocalStamp) -> String {
    let rows = mood_rows(entries);
    let mut out = moods_csv_header();
    out.push_str(&moods_csv_rows(rows.iter().copied(), local));
    out
}

/// The entries [`moods_csv`] has a row for, in its order, so a long file
/// can be written a run at a time: [`moods_csv_header`], then
/// [`moods_csv_rows`] for each run.
pub fn mood_rows<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> Vec<&'a Entry> {
    let mut rows: Vec<&Entry> = entries
        .into_iter()
        .filter(|e| e.mood.is_some() || e.energy.is_some() || !e.emotions.is_empty())
        .collect();
    rows.sort_by_key(|e| e.created_ms);
    rows
}

/// The start of the moods file: byte order mark and column names.
pub fn moods_csv_header() -> String {
    document(&[
        "date",
        "time",
        "mood",
        "mood_label",
        "energy",
        "emotions",
        "tags",
        "prompt",
        "note",
    ])
}

/// The moods file's rows for `rows` (from [`mood_rows`]).
pub fn moods_csv_rows<'a>(rows: impl IntoIterator<Item = &'a Entry>, local: &LocalStamp) -> String {
    let mut out = String::new();
    for entry in rows {
        let (date, time) = local(entry.created_ms);
        let prompt = entry.prompt.as_ref().map_or("", |p| p.text.as_str());
        let emotions: Vec<&str> = entry.emotions.iter().map(|e| e.word()).collect();
        let tags: Vec<&str> = entry.tags.iter().map(|t| t.as_str()).collect();
        push_row(
            &mut out,
            &[
                &date,
                &time,
                &entry
                    .mood
                    .map(|m| m.value().to_string())
                    .unwrap_or_default(),
                entry.mood.map_or("", |m| m.label()),
                &entry
                    .energy
                    .map(|e| e.value().to_string())
                    .unwrap_or_default(),
                &emotions.join(";"),
                &tags.join(";"),
                prompt,
                &entry.text,
            ],
        );
    }
    out
}

/// One row per check-in result, oldest first:
/// `date,time,questionnaire,score,scale,range,answers` where WHO-5's score
/// is the percentage and `answers` lists each item's score in order,
/// separated by `;`.
pub fn checkins_csv<'a>(
    results: impl IntoIterator<Item = &'a CheckInResult>,
    local: &LocalStamp,
) -> String {
    let mut rows: Vec<&CheckInResult> = results.into_iter().collect();
    rows.sort_by_key(|r| r.taken_ms());
    let mut out = document(&[
        "date",
        "time",
        "questionnaire",
        "score",
        "scale",
        "range",
        "answers",
    ]);
    for result in rows {
        let (date, time) = local(result.taken_ms());
        let q = result.questionnaire();
        let answers = result
            .answers()
            .iter()
            .map(u8::to_string)
            .collect::<Vec<_>>()
            .join(";");
        push_row(
            &mut out,
            &[
                &date,
                &time,
                q.name(),
                &result.score().to_string(),
                q.scale(),
                result.band(),
                &answers,
            ],
        );
    }
    out
}

fn document(header: &[&str]) -> String {
    let mut out = String::from(BOM);
    push_row(&mut out, header);
    out
}

fn push_row(out: &mut String, fields: &[&str]) {
    for (i, value) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&field(value));
    }
    out.push_str("\r\n");
}

/// One field, made safe for a spreadsheet and quoted when needed.
pub fn field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    let needs_quotes =
        value.contains([',', '"', '\n', '\r']) || value.starts_with(' ') || value.ends_with(' ');
    if needs_quotes {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::time::UtcDateTime;
    use crate::model::{Emotion, Energy, EntryId, Mood, PromptRef, Questionnaire, Tag};

    fn utc(ms: i64) -> (String, String) {
        let iso = UtcDateTime::from_epoch_ms(ms).iso8601();
        (iso[..10].to_owned(), iso[11..16].to_owned())
    }

    fn entry(id: &str, created_ms: i64, text: &str, mood: Option<u8>) -> Entry {
        Entry {
            id: EntryId::new(id).unwrap(),
            created_ms,
            updated_ms: created_ms,
            prompt: None,
            text: text.into(),
            mood: mood.and_then(Mood::new),
            energy: None,
            emotions: vec![],
            tags: vec![],
            thought_record: None,
        }
    }

    #[test]
    fn fields_are_quoted_only_when_needed_and_formulas_stay_text() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field(" edge"), "\" edge\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("-1"), "'-1");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("niño 😊"), "niño 😊");
        assert_eq!(field(""), "");
    }

    #[test]
    fn the_moods_file_matches_its_golden_form() {
        let mut with_prompt = entry(
            "b",
            1_795_356_309_000,
            "Tired, but \"okay\"\nreally",
            Some(3),
        );
        with_prompt.prompt = Some(PromptRef {
            id: "check-in.today".into(),
            text: "How am I today?".into(),
        });
        with_prompt.energy = Energy::new(2);
        with_prompt.emotions = ["anxious", "tired"]
            .map(|w| Emotion::new(w).unwrap())
            .into();
        with_prompt.tags = ["sleep", "bad night"].map(|t| Tag::new(t).unwrap()).into();
        let mut feelings_only = entry("d", 1_795_410_000_000, "", None);
        feelings_only.energy = Energy::new(4);
        feelings_only.emotions = vec![Emotion::new("calm").unwrap()];
        let entries = [
            with_prompt,
            entry("a", 1_795_300_000_000, "=cmd", Some(1)),
            entry("c", 1_795_400_000_000, "no mood here", None),
            feelings_only,
        ];
        let csv = moods_csv(&entries, &utc);
        assert_eq!(
            csv,
            "\u{FEFF}date,time,mood,mood_label,energy,emotions,tags,prompt,note\r\n\
             2026-11-21,22:26,1,Very low,,,,,'=cmd\r\n\
             2026-11-22,14:05,3,Okay,2,anxious;tired,sleep;bad night,How am I today?,\
             \"Tired, but \"\"okay\"\"\nreally\"\r\n\
             2026-11-23,05:00,,,4,calm,,,\r\n"
        );
    }

    #[test]
    fn the_checkins_file_matches_its_golden_form() {
        let results = [
            CheckInResult::new(Questionnaire::Who5, 1_795_400_000_000, &[Some(3); 5]).unwrap(),
            CheckInResult::new(Questionnaire::Phq9, 1_795_356_309_000, &[Some(1); 9]).unwrap(),
        ];
        assert_eq!(
            checkins_csv(&results, &utc),
            "\u{FEFF}date,time,questionnaire,score,scale,range,answers\r\n\
             2026-11-22,14:05,PHQ-9,9,0-27,mild,1;1;1;1;1;1;1;1;1\r\n\
             2026-11-23,02:13,WHO-5,60,0-100%,typical,3;3;3;3;3\r\n"
        );
    }

    #[test]
    fn empty_files_still_have_their_header() {
        assert_eq!(
            moods_csv([], &utc),
            "\u{FEFF}date,time,mood,mood_label,energy,emotions,tags,prompt,note\r\n"
        );
    }
}
