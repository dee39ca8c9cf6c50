//! Packed records as storage reads them: any stored string unpacks or is
//! refused, never a panic, and whatever packs unpacks to itself.
#![no_main]

use interlude::packing;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = packing::unpack(&format!("{}{text}", packing::PACKED_PREFIX));
        let _ = packing::unpack(text);
        assert_eq!(packing::unpack(&packing::pack(text)).as_deref(), Ok(text));
    }
    // Raw bytes in valid units reach the DEFLATE decoder itself.
    let _ = packing::unpack(&format!(
        "{}{}",
        packing::PACKED_PREFIX,
        packing::units::encode(data)
    ));
});
