//! The encrypted backup file's outer layer: any bytes are refused or
//! accepted, never a panic.
#![no_main]

use interlude::vault::EncryptedBackup;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = EncryptedBackup::parse(text);
    }
});
