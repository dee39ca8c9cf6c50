//! The Daylio CSV import: any bytes are refused or accepted, never a panic,
//! and every row it accepts is a real date with a valid entry id.
#![no_main]

use interlude::export::daylio;
use interlude::model::{EntryId, MAX_TEXT_CHARS};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(rows) = daylio::parse(text) {
        for row in rows {
            assert!(EntryId::new(&row.id).is_some());
            assert!((1..=12).contains(&row.month) && (1..=31).contains(&row.day));
            assert!(row.minutes < 24 * 60);
            assert!(row.text.chars().count() <= MAX_TEXT_CHARS);
        }
    }
});
