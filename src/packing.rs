//! Packed records: how ten years of writing fit in `localStorage`.
//!
//! Browsers count `localStorage` in UTF-16 code units, and Chromium allows
//! about 5 million per origin. Ten years of a heavy writer (about 2,000
//! characters a day plus check-ins) is about 10 million as plain JSON. So
//! each record is stored packed:
//!
//! 1. its JSON is compressed with raw DEFLATE (RFC 1951, the format any zip
//!    tool reads; `DecompressionStream("deflate-raw")` in a browser), which
//!    roughly halves journal text;
//! 2. the compressed bytes are written 15 bits per code unit, using only
//!    U+4000‥U+BFFF (no surrogates, no control characters), where base64
//!    would carry 6.
//!
//! Together a record takes about a quarter of the code units its JSON
//! would (measured in the README). Each record is still its own key, so
//! saving one entry writes only that entry.
//!
//! Stored form: `z1:` + one header character (`a` + the number of padding
//! bits in the last unit, 0‥14) + the units.
//!
//! Pure and deterministic: tested natively, fuzzed (`tests/fuzz`).

use std::fmt;

/// The start of every packed record.
pub const PACKED_PREFIX: &str = "z1:";
/// The largest record accepted when unpacking, in bytes of JSON. Far above
/// any real record (an entry's text is capped well below it); a damaged or
/// hostile value cannot make the widget allocate more.
pub const MAX_UNPACKED_BYTES: usize = 4 * 1024 * 1024;
/// The first code unit used: every unit is `UNIT_BASE + 15 bits`.
const UNIT_BASE: u32 = 0x4000;
const UNIT_BITS: u32 = 15;
/// Level 6 is DEFLATE's usual balance: level 9 saved under 1% on journal
/// text and took twice as long.
const LEVEL: u8 = 6;

/// Why a stored value could not be unpacked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackError {
    /// Not `z1:` and a header, or a unit outside the alphabet.
    NotPacked,
    /// The compressed data is damaged or truncated.
    Damaged,
    /// It would unpack to more than [`MAX_UNPACKED_BYTES`].
    TooLarge,
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PackError::NotPacked => "not a packed record",
            PackError::Damaged => "the packed record is damaged",
            PackError::TooLarge => "the packed record is too large",
        })
    }
}

/// True when a stored value is packed (rather than plain JSON or sealed).
pub fn is_packed(stored: &str) -> bool {
    stored.starts_with(PACKED_PREFIX)
}

/// Packs a record's JSON for storage.
pub fn pack(json: &str) -> String {
    pack_compressed(&compress(json.as_bytes()))
}

/// [`pack`] of JSON already compressed with [`compress`].
pub fn pack_compressed(compressed: &[u8]) -> String {
    format!("{PACKED_PREFIX}{}", units::encode(compressed))
}

/// The JSON of a value made by [`pack`].
pub fn unpack(stored: &str) -> Result<String, PackError> {
    json_of(decompress(&packed_bytes(stored)?)?)
}

/// The compressed bytes of a value made by [`pack`], not inflated.
pub fn packed_bytes(stored: &str) -> Result<Vec<u8>, PackError> {
    let encoded = stored
        .strip_prefix(PACKED_PREFIX)
        .ok_or(PackError::NotPacked)?;
    units::decode(encoded)
}

/// True when a stored value, given as its UTF-16 code units, is packed.
pub fn is_packed_utf16(stored: &[u16]) -> bool {
    stored.starts_with(&PACKED_PREFIX_UTF16)
}

/// [`unpack`] of a value given as its UTF-16 code units, as JavaScript
/// holds it: years of records are read without first turning each into a
/// UTF-8 string only to take the units back out of it.
pub fn unpack_utf16(stored: &[u16]) -> Result<String, PackError> {
    let encoded = stored
        .strip_prefix(&PACKED_PREFIX_UTF16)
        .ok_or(PackError::NotPacked)?;
    json_of(decompress(&units::decode_utf16(encoded)?)?)
}

/// [`PACKED_PREFIX`] as UTF-16 code units.
const PACKED_PREFIX_UTF16: [u16; 3] = [b'z' as u16, b'1' as u16, b':' as u16];

fn json_of(bytes: Vec<u8>) -> Result<String, PackError> {
    String::from_utf8(bytes).map_err(|_| PackError::Damaged)
}

/// Raw DEFLATE of `bytes`.
pub fn compress(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(bytes, LEVEL)
}

/// Inflates raw DEFLATE, refusing anything over [`MAX_UNPACKED_BYTES`].
pub fn decompress(bytes: &[u8]) -> Result<Vec<u8>, PackError> {
    use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;
    use std::cell::RefCell;
    /// Scratch output kept between records up to this size.
    const KEPT_SCRATCH: usize = 64 * 1024;
    thread_local! {
        // One inflater and output buffer for every record: opening the
        // journal inflates thousands of small records, and a fresh inflater
        // is 11 KB to allocate and zero for each.
        static INFLATER: RefCell<(Box<DecompressorOxide>, Vec<u8>)> =
            RefCell::new((Box::default(), Vec::new()));
    }
    // Raw DEFLATE (no zlib header), all input given at once, output in one
    // buffer that earlier output stays in (matches refer back into it).
    let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    INFLATER.with_borrow_mut(|(state, out)| {
        state.init();
        let wanted = bytes.len().saturating_mul(4).clamp(256, MAX_UNPACKED_BYTES);
        if out.len() < wanted {
            out.resize(wanted, 0);
        }
        let (mut input, mut written) = (bytes, 0);
        let result = loop {
            let (status, read, wrote) = decompress(state, input, out, written, flags);
            written += wrote;
            match status {
                TINFLStatus::Done => break Ok(out[..written].to_vec()),
                TINFLStatus::HasMoreOutput
                    if read <= input.len() && out.len() < MAX_UNPACKED_BYTES =>
                {
                    input = &input[read..];
                    let grown = out.len().saturating_mul(2).min(MAX_UNPACKED_BYTES);
                    out.resize(grown, 0);
                }
                TINFLStatus::HasMoreOutput => break Err(PackError::TooLarge),
                _ => break Err(PackError::Damaged),
            }
        };
        if out.len() > KEPT_SCRATCH {
            *out = Vec::new();
        }
        result
    })
}

/// Bytes written 15 bits per UTF-16 code unit.
pub mod units {
    use super::{PackError, UNIT_BASE, UNIT_BITS};

    /// Encodes bytes: a header character, then one unit per 15 bits.
    pub fn encode(bytes: &[u8]) -> String {
        let bits = bytes.len() as u32 * 8;
        let count = bits.div_ceil(UNIT_BITS);
        let padding = count * UNIT_BITS - bits;
        let mut out = String::with_capacity(1 + count as usize * 3);
        out.push(char::from(b'a' + padding as u8));
        let (mut acc, mut held) = (0u32, 0u32);
        for &byte in bytes {
            acc = acc << 8 | u32::from(byte);
            held += 8;
            if held >= UNIT_BITS {
                held -= UNIT_BITS;
                out.push(unit(acc >> held));
                acc &= (1 << held) - 1;
            }
        }
        if held > 0 {
            out.push(unit(acc << (UNIT_BITS - held)));
        }
        out
    }

    /// Decodes what [`encode`] made; anything else is [`PackError::NotPacked`]
    /// (including non-zero padding, so each byte string has one encoding).
    pub fn decode(text: &str) -> Result<Vec<u8>, PackError> {
        decode_values(text.chars().map(u32::from))
    }

    /// [`decode`] of the text given as UTF-16 code units. Every valid unit
    /// is one code unit, so both read the same values (and a surrogate, in
    /// either form, is refused).
    pub fn decode_utf16(text: &[u16]) -> Result<Vec<u8>, PackError> {
        decode_values(text.iter().map(|&unit| u32::from(unit)))
    }

    fn decode_values(mut values: impl Iterator<Item = u32> + Clone) -> Result<Vec<u8>, PackError> {
        let header = values.next().ok_or(PackError::NotPacked)?;
        let padding = header
            .checked_sub(u32::from(b'a'))
            .filter(|&p| p < UNIT_BITS)
            .ok_or(PackError::NotPacked)?;
        let count = values.clone().count() as u32;
        // Padding is under one unit, so each byte string has one encoding.
        let bits = (count * UNIT_BITS)
            .checked_sub(padding)
            .filter(|bits| bits % 8 == 0)
            .ok_or(PackError::NotPacked)?;
        let mut out = Vec::with_capacity(bits as usize / 8);
        let (mut acc, mut held) = (0u32, 0u32);
        for value in values {
            let value = value
                .checked_sub(UNIT_BASE)
                .filter(|&v| v < 1 << UNIT_BITS)
                .ok_or(PackError::NotPacked)?;
            acc = acc << UNIT_BITS | value;
            held += UNIT_BITS;
            while held >= 8 && out.len() < bits as usize / 8 {
                held -= 8;
                out.push((acc >> held) as u8);
                acc &= (1 << held) - 1;
            }
        }
        if acc != 0 {
            return Err(PackError::NotPacked);
        }
        Ok(out)
    }

    fn unit(value: u32) -> char {
        // UNIT_BASE + 15 bits stays in U+4000‥U+BFFF: never a surrogate.
        char::from_u32(UNIT_BASE + value).unwrap_or('\u{4000}')
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn utf16_len(s: &str) -> usize {
        s.encode_utf16().count()
    }

    #[test]
    fn units_stay_in_their_range_and_carry_15_bits_each() {
        let packed = units::encode(&[0xff; 30]);
        // 240 bits = 16 units exactly, so no padding: header 'a'.
        assert_eq!(utf16_len(&packed), 17);
        assert!(packed.starts_with('a'));
        assert!(packed
            .chars()
            .skip(1)
            .all(|c| ('\u{4000}'..='\u{BFFF}').contains(&c)));
        assert_eq!(units::encode(&[]), "a");
        assert_eq!(units::decode("a"), Ok(vec![]));
        // One byte: 8 bits in one unit, 7 bits of padding.
        assert_eq!(units::encode(&[0x80]), "h\u{8000}");
    }

    #[test]
    fn malformed_units_are_refused() {
        for bad in [
            "",                  // no header
            "z\u{4000}",         // padding out of range
            "a\u{4000}",         // 15 bits is not whole bytes
            "hx",                // a unit outside the alphabet
            "h\u{8001}",         // non-zero padding bits
            "h\u{C000}",         // just past the alphabet
            "h\u{8000}\u{4000}", // longer than its padding says
        ] {
            assert_eq!(units::decode(bad), Err(PackError::NotPacked), "{bad:?}");
        }
    }

    #[test]
    fn journal_text_packs_to_about_a_quarter_of_its_code_units() {
        let json = serde_json::json!({
            "id": "m4x2k9", "created_ms": 1_763_820_000_000u64, "updated_ms": 1_763_820_000_000u64,
            "prompt": "gratitude-three",
            "text": "Today I noticed that I felt calmer after the walk. I talked to my sister \
                     about the week and it helped to say out loud that work has been a lot. \
                     I still worry about the meeting on Thursday, but I wrote down what I \
                     want to say and that made it feel smaller. Sleep was better last night. \
                     I want to bring up with my therapist how often I replay conversations \
                     in my head before I fall asleep, and what I could try instead.",
            "mood": 3, "energy": 2, "emotions": ["calm", "tired"], "tags": ["sleep", "work"]
        })
        .to_string();
        let packed = pack(&json);
        assert_eq!(unpack(&packed).as_deref(), Ok(json.as_str()));
        let ratio = utf16_len(&packed) as f64 / utf16_len(&json) as f64;
        assert!(ratio < 0.4, "packed to {ratio:.2} of its length");
    }

    #[test]
    fn damaged_or_hostile_packed_values_are_reported() {
        let packed = pack(r#"{"text":"hello"}"#);
        assert_eq!(unpack("{}"), Err(PackError::NotPacked));
        assert_eq!(unpack("z1:"), Err(PackError::NotPacked));
        let truncated: String = packed.chars().take(packed.chars().count() - 2).collect();
        assert!(unpack(&truncated).is_err());
        // Random bytes in valid units are not valid DEFLATE.
        assert_eq!(
            unpack(&format!("{PACKED_PREFIX}{}", units::encode(&[0xff; 12]))),
            Err(PackError::Damaged)
        );
        // A small value that would inflate past the limit.
        let bomb = compress(&vec![b' '; MAX_UNPACKED_BYTES + 1]);
        assert!(bomb.len() < 10_000);
        assert_eq!(
            unpack(&format!("{PACKED_PREFIX}{}", units::encode(&bomb))),
            Err(PackError::TooLarge)
        );
        // Valid DEFLATE of bytes that are not UTF-8.
        assert_eq!(
            unpack(&format!(
                "{PACKED_PREFIX}{}",
                units::encode(&compress(&[0xff, 0xfe]))
            )),
            Err(PackError::Damaged)
        );
    }

    #[test]
    fn packed_records_are_standard_raw_deflate() {
        // Known answer: raw DEFLATE (fixed Huffman) of "hi", as made by
        // Node's zlib.deflateRawSync; inflating it must give "hi" back.
        assert_eq!(decompress(&[0xcb, 0xc8, 0x04, 0x00]), Ok(b"hi".to_vec()));
    }

    proptest! {
        #[test]
        fn units_round_trip(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let encoded = units::encode(&bytes);
            prop_assert_eq!(units::decode(&encoded), Ok(bytes.clone()));
            prop_assert_eq!(utf16_len(&encoded), 1 + (bytes.len() * 8).div_ceil(15));
        }

        #[test]
        fn records_round_trip(text in "\\PC{0,400}") {
            let json = serde_json::to_string(&text).unwrap();
            prop_assert_eq!(unpack(&pack(&json)), Ok(json));
        }

        #[test]
        fn any_string_unpacks_or_is_refused_without_panicking(s in "\\PC{0,60}") {
            let _ = unpack(&format!("{PACKED_PREFIX}{s}"));
        }

        #[test]
        fn code_units_read_as_the_string_does(
            text in "\\PC{0,200}",
            damage in proptest::collection::vec(any::<u16>(), 0..3),
        ) {
            let mut stored: Vec<u16> = pack(&text).encode_utf16().collect();
            // Any unit, a lone surrogate included, in a random place.
            for (i, unit) in damage.iter().enumerate() {
                let at = (usize::from(*unit) + i) % (stored.len() + 1);
                stored.insert(at, *unit);
            }
            let as_string = String::from_utf16_lossy(&stored);
            prop_assert_eq!(is_packed_utf16(&stored), is_packed(&as_string));
            if damage.iter().all(|&u| char::from_u32(u.into()).is_some()) {
                prop_assert_eq!(unpack_utf16(&stored), unpack(&as_string));
            } else {
                // A lone surrogate: refused (the string form reads it as U+FFFD).
                prop_assert!(unpack_utf16(&stored).is_err());
            }
        }
    }

    #[test]
    fn one_inflater_reads_record_after_record_whatever_came_before() {
        let records: Vec<String> = (0..40)
            .map(|i| format!("{{\"text\":\"{}\"}}", "word ".repeat(i * 37)))
            .collect();
        for (i, json) in records.iter().enumerate() {
            // A damaged record and a refused one in between leave nothing behind.
            let _ = decompress(&[0xff; 9]);
            let _ = decompress(&compress(&vec![b'x'; MAX_UNPACKED_BYTES + 1]));
            assert_eq!(unpack(&pack(json)).as_ref(), Ok(json), "record {i}");
        }
    }
}
