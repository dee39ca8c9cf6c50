//! Mood over time, from the moods logged with entries: averages per day,
//! week, month and weekday, a month's calendar, and how days with a tag
//! compare with the others.
//!
//! Days are numbered like the Unix epoch's (day 0 is 1 January 1970) but
//! in the visitor's local time; the browser supplies that numbering, tests
//! use UTC. Averages are kept in tenths (34 is 3.4) and shown in the
//! visitor's language with [`tenths`].

use std::collections::{BTreeMap, BTreeSet};

use super::time::{civil_from_days, days_from_civil};
use super::{Entry, Tag};
use crate::i18n::{self, key, tr, trf_pieces, trn};

/// The moods and tags of one local day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Day {
    /// Sum of the moods logged that day.
    pub sum: u32,
    /// How many moods were logged.
    pub count: u32,
    /// Every tag used that day (on any entry, with a mood or not).
    pub tags: BTreeSet<Tag>,
}

impl Day {
    /// The day's average mood in tenths; `None` without moods.
    pub fn average(&self) -> Option<u32> {
        average(self.sum, self.count)
    }
}

/// `sum / count` in tenths, rounded half up.
fn average(sum: u32, count: u32) -> Option<u32> {
    (count > 0).then(|| (sum * 10 + count / 2) / count)
}

/// An average in tenths as text in the visitor's language: 34 → "3.4"
/// ("3,4" in Spanish, "٣٫٤" in Arabic).
pub fn tenths(value: u32) -> String {
    i18n::decimal(f64::from(value) / 10.0)
}

/// Every day with an entry, by local day number.
pub fn days<'a>(
    entries: impl IntoIterator<Item = &'a Entry>,
    local_day: &dyn Fn(i64) -> i64,
) -> BTreeMap<i64, Day> {
    let mut days = BTreeMap::<i64, Day>::new();
    for entry in entries {
        let day = days.entry(local_day(entry.created_ms)).or_default();
        if let Some(mood) = entry.mood {
            day.sum += u32::from(mood.value());
            day.count += 1;
        }
        day.tags.extend(entry.tags.iter().cloned());
    }
    days
}

/// How far back the mood chart looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    /// The last 7 days, a point per day.
    Week,
    /// The last 30 days, a point per day.
    Month,
    /// The last 12 months, a point per month.
    Year,
}

impl Span {
    /// Every span, shortest first.
    pub const ALL: [Span; 3] = [Span::Week, Span::Month, Span::Year];

    /// Its name for the visitor.
    pub fn label(self) -> &'static str {
        match self {
            Span::Week => tr("Last 7 days"),
            Span::Month => tr("Last 30 days"),
            Span::Year => tr("Last 12 months"),
        }
    }
}

/// One point of the chart: a day or a month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    /// Its first local day.
    pub first_day: i64,
    /// Average mood in tenths; `None` when nothing was logged.
    pub average: Option<u32>,
    /// How many moods it holds.
    pub count: u32,
}

/// The chart's points for `span`, oldest first, ending with `today`.
pub fn series(days: &BTreeMap<i64, Day>, span: Span, today: i64) -> Vec<Point> {
    let ranges: Vec<(i64, i64)> = match span {
        Span::Week => (today - 6..=today).map(|d| (d, d + 1)).collect(),
        Span::Month => (today - 29..=today).map(|d| (d, d + 1)).collect(),
        Span::Year => {
            let (year, month, _) = civil_from_days(today);
            (0..12)
                .rev()
                .map(|back| {
                    let (y, m) = months_before(year, month, back);
                    let (ny, nm) = months_before(y, m, -1);
                    (days_from_civil(y, m, 1), days_from_civil(ny, nm, 1))
                })
                .collect()
        }
    };
    ranges
        .into_iter()
        .map(|(first, end)| {
            let (sum, count) = days
                .range(first..end)
                .fold((0, 0), |(s, c), (_, day)| (s + day.sum, c + day.count));
            Point {
                first_day: first,
                average: average(sum, count),
                count,
            }
        })
        .collect()
}

/// The month `back` months before `year`-`month` (negative goes forward).
fn months_before(year: i64, month: u32, back: i64) -> (i64, u32) {
    let index = year * 12 + i64::from(month) - 1 - back;
    (index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
}

/// What a chart's caption says: moods, days, average, lowest and highest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesFigures {
    /// Moods logged in the span.
    pub moods: u32,
    /// Points (days or months) with a mood.
    pub points_with_moods: usize,
    /// Average of every mood in the span, in tenths.
    pub average: u32,
    /// The lowest and highest point averages, in tenths, with their first day.
    pub lowest: (u32, i64),
    /// The highest.
    pub highest: (u32, i64),
}

impl SeriesFigures {
    /// The figures of a series; `None` when it holds no mood.
    pub fn of(points: &[Point]) -> Option<SeriesFigures> {
        let with: Vec<(u32, i64)> = points
            .iter()
            .filter_map(|p| Some((p.average?, p.first_day)))
            .collect();
        let moods: u32 = points.iter().map(|p| p.count).sum();
        // The exact overall average needs the sums, which the points
        // round; weigh each point's average by its count instead.
        let weighted: u32 = points
            .iter()
            .filter_map(|p| Some(p.average? * p.count))
            .sum();
        Some(SeriesFigures {
            moods,
            points_with_moods: with.len(),
            average: (weighted + moods / 2).checked_div(moods)?,
            lowest: *with.iter().min_by_key(|(avg, day)| (*avg, -day))?,
            highest: *with.iter().max_by_key(|(avg, day)| (*avg, *day))?,
        })
    }
}

/// Average mood for each weekday, Monday first, over the given days:
/// `(average in tenths, moods)`.
pub fn by_weekday(days: &BTreeMap<i64, Day>) -> [(Option<u32>, u32); 7] {
    let mut totals = [(0u32, 0u32); 7];
    for (&day, d) in days {
        let slot = &mut totals[weekday(day)];
        slot.0 += d.sum;
        slot.1 += d.count;
    }
    totals.map(|(sum, count)| (average(sum, count), count))
}

/// 0 for Monday to 6 for Sunday (day 0, 1 January 1970, was a Thursday).
pub fn weekday(day: i64) -> usize {
    (day + 3).rem_euclid(7) as usize
}

/// Weekday names, Monday first (English; shown with [`weekday_name`]).
const WEEKDAYS: [&str; 7] = [
    key("Monday"),
    key("Tuesday"),
    key("Wednesday"),
    key("Thursday"),
    key("Friday"),
    key("Saturday"),
    key("Sunday"),
];

/// Short weekday names for a calendar's columns, Monday first (English;
/// shown with [`weekday_short`]).
const WEEKDAYS_SHORT: [&str; 7] = [
    key("Mon"),
    key("Tue"),
    key("Wed"),
    key("Thu"),
    key("Fri"),
    key("Sat"),
    key("Sun"),
];

/// The name of a weekday (0 Monday to 6 Sunday) in the visitor's language.
pub fn weekday_name(weekday: usize) -> &'static str {
    tr(WEEKDAYS[weekday % 7])
}

/// A weekday's short name (0 Monday to 6 Sunday), for a calendar's columns.
pub fn weekday_short(weekday: usize) -> &'static str {
    tr(WEEKDAYS_SHORT[weekday % 7])
}

/// How days with one tag compare with days without it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagComparison {
    /// The tag.
    pub tag: Tag,
    /// Days with the tag and a mood.
    pub days_with: u32,
    /// Their average of day averages, in tenths.
    pub average_with: u32,
    /// Days with a mood but not the tag.
    pub days_without: u32,
    /// Their average, in tenths; `None` when every day had the tag.
    pub average_without: Option<u32>,
}

impl TagComparison {
    /// E.g. "Days with “sleep” averaged 2.8 (4 days); other days 3.6 (10 days)."
    pub fn sentence(&self) -> String {
        i18n::joined(&self.pieces())
    }

    /// [`Self::sentence`] with the visitor's tag kept apart, to be isolated.
    pub fn pieces(&self) -> Vec<i18n::Piece> {
        let days = |n: u32| trn("{n} day|{n} days", u64::from(n));
        let tag = self.tag.as_str();
        let average = tenths(self.average_with);
        let days_with = days(self.days_with);
        match self.average_without {
            Some(avg) => trf_pieces(
                "Days with “{tag}” averaged {average} ({days}); other days \
                 {other_average} ({other_days}).",
                &[
                    ("average", &average),
                    ("days", &days_with),
                    ("other_average", &tenths(avg)),
                    ("other_days", &days(self.days_without)),
                    ("tag", tag),
                ],
                &["tag"],
            ),
            None => trf_pieces(
                "Days with “{tag}” averaged {average} ({days}); there were no days without it.",
                &[("average", &average), ("days", &days_with), ("tag", tag)],
                &["tag"],
            ),
        }
    }
}

/// Each tag used on a day with a mood, compared with the other days, most
/// used first (ties alphabetical). Each day counts once, by its average.
pub fn tag_comparisons(days: &BTreeMap<i64, Day>) -> Vec<TagComparison> {
    let rated: Vec<(&Day, u32)> = days
        .values()
        .filter_map(|d| Some((d, d.average()?)))
        .collect();
    let tags: BTreeSet<&Tag> = rated.iter().flat_map(|(d, _)| &d.tags).collect();
    let mut comparisons: Vec<TagComparison> = tags
        .into_iter()
        .filter_map(|tag| {
            let (with, without): (Vec<_>, Vec<_>) =
                rated.iter().partition(|(d, _)| d.tags.contains(tag));
            // The mean of day averages (already in tenths), rounded.
            let mean = |list: &[&(&Day, u32)]| {
                let n = list.len() as u32;
                (n > 0).then(|| (list.iter().map(|(_, a)| a).sum::<u32>() + n / 2) / n)
            };
            Some(TagComparison {
                tag: tag.clone(),
                days_with: with.len() as u32,
                average_with: mean(&with)?,
                days_without: without.len() as u32,
                average_without: mean(&without),
            })
        })
        .collect();
    comparisons.sort_by(|a, b| b.days_with.cmp(&a.days_with).then(a.tag.cmp(&b.tag)));
    comparisons
}

/// One month laid out for a calendar: the weekday its first day falls on
/// (0 Monday) and each day's `(local day number, average in tenths)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthGrid {
    /// The year.
    pub year: i64,
    /// The month, 1–12.
    pub month: u32,
    /// Empty cells before day 1.
    pub leading_blanks: usize,
    /// Every day of the month in order.
    pub days: Vec<(i64, Option<u32>)>,
}

impl MonthGrid {
    /// The month that holds `day`.
    pub fn containing(days: &BTreeMap<i64, Day>, day: i64) -> MonthGrid {
        let (year, month, _) = civil_from_days(day);
        MonthGrid::of(days, year, month)
    }

    /// The given month.
    pub fn of(days: &BTreeMap<i64, Day>, year: i64, month: u32) -> MonthGrid {
        let first = days_from_civil(year, month, 1);
        let (ny, nm) = months_before(year, month, -1);
        let end = days_from_civil(ny, nm, 1);
        MonthGrid {
            year,
            month,
            leading_blanks: weekday(first),
            days: (first..end)
                .map(|d| (d, days.get(&d).and_then(Day::average)))
                .collect(),
        }
    }

    /// The month before.
    pub fn previous(&self, days: &BTreeMap<i64, Day>) -> MonthGrid {
        let (y, m) = months_before(self.year, self.month, 1);
        MonthGrid::of(days, y, m)
    }

    /// The month after.
    pub fn next(&self, days: &BTreeMap<i64, Day>) -> MonthGrid {
        let (y, m) = months_before(self.year, self.month, -1);
        MonthGrid::of(days, y, m)
    }

    /// The first local day of the month.
    pub fn first_day(&self) -> i64 {
        self.days.first().map_or(0, |&(d, _)| d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Draft, DraftChange, EntryId, Mood};

    const DAY_MS: i64 = 86_400_000;

    fn utc_day(ms: i64) -> i64 {
        ms.div_euclid(DAY_MS)
    }

    fn entry(day: i64, hour: i64, mood: Option<u8>, tags: &[&str]) -> Entry {
        let mut draft = Draft {
            text: "x".into(),
            mood: mood.and_then(Mood::new),
            ..Draft::default()
        };
        for t in tags {
            draft.apply(DraftChange::ToggleTag(Tag::new(t).unwrap()));
        }
        draft
            .to_entry(EntryId::new("a").unwrap(), day * DAY_MS + hour * 3_600_000)
            .unwrap()
    }

    /// 2026-11-23 (a Monday) as a day number.
    const MONDAY: i64 = 20_780;

    #[test]
    fn day_numbers_and_weekdays_agree_with_the_calendar() {
        assert_eq!(civil_from_days(MONDAY), (2026, 11, 23));
        assert_eq!(days_from_civil(2026, 11, 23), MONDAY);
        assert_eq!(weekday(MONDAY), 0);
        assert_eq!(weekday(0), 3, "1 January 1970 was a Thursday");
        assert_eq!(weekday(-1), 2);
    }

    #[test]
    fn days_sum_their_moods_and_gather_their_tags() {
        let entries = [
            entry(MONDAY, 8, Some(2), &["sleep"]),
            entry(MONDAY, 20, Some(5), &["work"]),
            entry(MONDAY, 21, None, &["family"]),
            entry(MONDAY - 1, 23, Some(3), &[]),
        ];
        let days = days(&entries, &utc_day);
        let monday = &days[&MONDAY];
        assert_eq!((monday.sum, monday.count), (7, 2));
        assert_eq!(monday.average(), Some(35));
        assert_eq!(monday.tags.len(), 3);
        assert_eq!(days[&(MONDAY - 1)].average(), Some(30));
        assert_eq!(tenths(35), "3.5");
    }

    #[test]
    fn averages_round_half_up_in_tenths() {
        assert_eq!(average(10, 3), Some(33));
        assert_eq!(average(11, 3), Some(37));
        assert_eq!(average(0, 0), None);
    }

    #[test]
    fn week_and_month_series_have_a_point_per_day_ending_today() {
        let entries = [
            entry(MONDAY, 8, Some(4), &[]),
            entry(MONDAY - 6, 8, Some(2), &[]),
            entry(MONDAY - 7, 8, Some(1), &[]),
        ];
        let days = days(&entries, &utc_day);
        let week = series(&days, Span::Week, MONDAY);
        assert_eq!(week.len(), 7);
        assert_eq!(week[0].first_day, MONDAY - 6);
        assert_eq!(week[0].average, Some(20));
        assert_eq!(week[6].average, Some(40));
        assert_eq!(week[3].average, None);
        assert_eq!(series(&days, Span::Month, MONDAY).len(), 30);
        let figures = SeriesFigures::of(&week).unwrap();
        assert_eq!(figures.moods, 2);
        assert_eq!(figures.points_with_moods, 2);
        assert_eq!(figures.average, 30);
        assert_eq!(figures.lowest, (20, MONDAY - 6));
        assert_eq!(figures.highest, (40, MONDAY));
        assert_eq!(
            SeriesFigures::of(&series(&days, Span::Week, MONDAY + 30)),
            None
        );
    }

    #[test]
    fn the_year_series_has_twelve_calendar_months() {
        let jan_2026 = days_from_civil(2026, 1, 31);
        let dec_2025 = days_from_civil(2025, 12, 1);
        let entries = [
            entry(jan_2026, 8, Some(5), &[]),
            entry(dec_2025, 8, Some(1), &[]),
            entry(days_from_civil(2025, 11, 30), 8, Some(3), &[]),
        ];
        let days = days(&entries, &utc_day);
        let year = series(&days, Span::Year, MONDAY);
        assert_eq!(year.len(), 12);
        assert_eq!(
            year[0].first_day, dec_2025,
            "December 2025 to November 2026"
        );
        assert_eq!(year[0].average, Some(10));
        assert_eq!(year[1].first_day, days_from_civil(2026, 1, 1));
        assert_eq!(year[1].average, Some(50));
        assert_eq!(year[11].first_day, days_from_civil(2026, 11, 1));
    }

    #[test]
    fn weekday_averages_start_on_monday() {
        let entries = [
            entry(MONDAY, 8, Some(2), &[]),
            entry(MONDAY - 7, 8, Some(3), &[]),
            entry(MONDAY - 1, 8, Some(5), &[]),
        ];
        let by_day = by_weekday(&days(&entries, &utc_day));
        assert_eq!(by_day[0], (Some(25), 2));
        assert_eq!(by_day[6], (Some(50), 1));
        assert_eq!(by_day[3], (None, 0));
    }

    #[test]
    fn tag_days_are_compared_with_the_other_days() {
        let entries = [
            entry(MONDAY, 8, Some(2), &["sleep"]),
            entry(MONDAY, 9, Some(3), &[]),
            entry(MONDAY - 1, 8, Some(4), &[]),
            entry(MONDAY - 2, 8, Some(5), &["work"]),
            entry(MONDAY - 3, 8, None, &["sleep"]),
        ];
        let comparisons = tag_comparisons(&days(&entries, &utc_day));
        assert_eq!(comparisons.len(), 2);
        let sleep = &comparisons[0];
        assert_eq!(sleep.tag.as_str(), "sleep");
        assert_eq!((sleep.days_with, sleep.average_with), (1, 25));
        assert_eq!((sleep.days_without, sleep.average_without), (2, Some(45)));
        assert_eq!(
            sleep.sentence(),
            "Days with “sleep” averaged 2.5 (1 day); other days 4.5 (2 days)."
        );
        let only = tag_comparisons(&days(&[entry(MONDAY, 8, Some(4), &["work"])], &utc_day));
        assert_eq!(
            only[0].sentence(),
            "Days with “work” averaged 4.0 (1 day); there were no days without it."
        );
    }

    #[test]
    fn a_month_grid_starts_on_the_right_weekday() {
        let entries = [entry(MONDAY, 8, Some(4), &[])];
        let days = days(&entries, &utc_day);
        let november = MonthGrid::containing(&days, MONDAY);
        assert_eq!((november.year, november.month), (2026, 11));
        assert_eq!(november.days.len(), 30);
        assert_eq!(november.leading_blanks, 6, "1 November 2026 is a Sunday");
        assert_eq!(november.days[22], (MONDAY, Some(40)));
        let december = november.next(&days);
        assert_eq!(
            (december.year, december.month, december.days.len()),
            (2026, 12, 31)
        );
        let january = december.next(&days);
        assert_eq!((january.year, january.month), (2027, 1));
        assert_eq!(january.previous(&days), december);
        let february = MonthGrid::of(&days, 2028, 2);
        assert_eq!(february.days.len(), 29);
    }
}
