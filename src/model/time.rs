//! Calendar arithmetic for timestamps, without a date crate.
//!
//! The browser formats dates for display (`Intl`); this only turns epoch
//! milliseconds into UTC ISO 8601 for exports and file names.

/// A UTC calendar date and time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UtcDateTime {
    /// Year, e.g. 2026.
    pub year: i64,
    /// Month, 1–12.
    pub month: u32,
    /// Day of month, 1–31.
    pub day: u32,
    /// Hour, 0–23.
    pub hour: u32,
    /// Minute, 0–59.
    pub minute: u32,
    /// Second, 0–59.
    pub second: u32,
}

impl UtcDateTime {
    /// The UTC date and time of `ms` milliseconds since 1970-01-01T00:00:00Z.
    pub fn from_epoch_ms(ms: i64) -> UtcDateTime {
        let secs = ms.div_euclid(1000);
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400) as u32;
        let (year, month, day) = civil_from_days(days);
        UtcDateTime {
            year,
            month,
            day,
            hour: rem / 3600,
            minute: rem % 3600 / 60,
            second: rem % 60,
        }
    }

    /// `2026-11-22T14:05:09Z`
    pub fn iso8601(&self) -> String {
        format!(
            "{}T{:02}:{:02}:{:02}Z",
            self.date(),
            self.hour,
            self.minute,
            self.second
        )
    }

    /// `2026-11-22`
    pub fn date(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian.
/// Howard Hinnant's `civil_from_days` algorithm: day 0 is 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The day number of a calendar date (Howard Hinnant's `days_from_civil`),
/// the inverse of [`civil_from_days`].
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let month = i64::from(month);
    let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_instants() {
        assert_eq!(
            UtcDateTime::from_epoch_ms(0).iso8601(),
            "1970-01-01T00:00:00Z"
        );
        assert_eq!(
            UtcDateTime::from_epoch_ms(1_795_356_309_000).iso8601(),
            "2026-11-22T14:05:09Z"
        );
        // Leap day.
        assert_eq!(
            UtcDateTime::from_epoch_ms(951_782_400_000).date(),
            "2000-02-29"
        );
        // Before the epoch.
        assert_eq!(
            UtcDateTime::from_epoch_ms(-1).iso8601(),
            "1969-12-31T23:59:59Z"
        );
    }

    #[test]
    fn every_day_for_thirty_years_follows_the_previous_one() {
        let mut prev = UtcDateTime::from_epoch_ms(0);
        for day in 1..(30 * 366) {
            let next = UtcDateTime::from_epoch_ms(day * 86_400_000);
            let same_month = next.year == prev.year && next.month == prev.month;
            if same_month {
                assert_eq!(next.day, prev.day + 1);
            } else {
                assert_eq!(next.day, 1);
                assert!(prev.day >= 28);
            }
            prev = next;
        }
    }
}
