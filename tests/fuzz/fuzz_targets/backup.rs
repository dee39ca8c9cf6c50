//! The backup parser: any bytes are refused or accepted, never a panic, and
//! whatever it accepts is within the documented limits.
#![no_main]

use interlude::export::backup::{parse_backup_payload, MAX_ENTRIES};
use interlude::model::MAX_TEXT_CHARS;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(backup) = parse_backup_payload(text) {
        assert!(backup.entries.len() + backup.checkins.len() <= MAX_ENTRIES);
        for entry in &backup.entries {
            assert!(entry.text.chars().count() <= MAX_TEXT_CHARS);
            assert!(entry.created_ms >= 0 && entry.updated_ms >= entry.created_ms);
        }
    }
});
