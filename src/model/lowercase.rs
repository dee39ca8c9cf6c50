//! Lower case for any character, exactly as `char::to_lowercase` gives it,
//! from 185 runs rather than the standard library's table.
//!
//! Why: `to_lowercase` brings core's table of 1,462 mappings into the wasm
//! (11.7 KB of data, about 7 KB gzip, in the first download). Most of
//! Unicode's lower case is "this range, shifted by n" or "every other
//! character, plus one", so a run per range holds the same mapping. Tests
//! check every character against the standard library; when a new Rust
//! brings a new Unicode version, `print_runs` writes the table again.

/// Characters `first`, `first + step`, … (`count` of them) lower-case to
/// themselves plus `delta`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Run {
    first: u32,
    delta: i32,
    count: u8,
    step: u8,
}

/// The one character whose lower case is two characters: 'İ' → "i̇".
const DOTTED_CAPITAL_I: char = '\u{130}';

/// The lower case of `c`: one character, or two for 'İ'.
pub fn lowercase_char(c: char) -> impl Iterator<Item = char> {
    let (first, second) = match c {
        'A'..='Z' => (c.to_ascii_lowercase(), None),
        _ if c.is_ascii() => (c, None),
        DOTTED_CAPITAL_I => ('i', Some('\u{307}')),
        _ => (shifted(c), None),
    };
    std::iter::once(first).chain(second)
}

/// `text` in lower case, as `str::to_lowercase` gives it, with one
/// simplification: a capital sigma ends a word (becomes 'ς', not 'σ') when
/// a letter comes before it and none after it. The standard library also
/// looks past apostrophes, full stops and combining marks ("Σ.Σ" ends in
/// 'ς' there, in 'σ' here): nothing a tag or a search depends on.
pub fn lowercase(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut before = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == 'Σ' {
            let word_final = before.is_some_and(char::is_alphabetic)
                && !chars.peek().is_some_and(|next| next.is_alphabetic());
            out.push(if word_final { 'ς' } else { 'σ' });
        } else {
            out.extend(lowercase_char(c));
        }
        before = Some(c);
    }
    out
}

fn shifted(c: char) -> char {
    let code = c as u32;
    // The last run starting at or before `code`.
    let index = RUNS.partition_point(|run| run.first <= code);
    let Some(run) = index.checked_sub(1).map(|i| RUNS[i]) else {
        return c;
    };
    let (offset, step) = (code - run.first, u32::from(run.step));
    if offset % step != 0 || offset / step >= u32::from(run.count) {
        return c;
    }
    code.checked_add_signed(run.delta)
        .and_then(char::from_u32)
        .unwrap_or(c)
}

#[rustfmt::skip]
const RUNS: [Run; 185] = [
    Run { first: 0x0041, delta: 32, count: 26, step: 1 },
    Run { first: 0x00C0, delta: 32, count: 23, step: 1 },
    Run { first: 0x00D8, delta: 32, count: 7, step: 1 },
    Run { first: 0x0100, delta: 1, count: 24, step: 2 },
    Run { first: 0x0132, delta: 1, count: 3, step: 2 },
    Run { first: 0x0139, delta: 1, count: 8, step: 2 },
    Run { first: 0x014A, delta: 1, count: 23, step: 2 },
    Run { first: 0x0178, delta: -121, count: 1, step: 1 },
    Run { first: 0x0179, delta: 1, count: 3, step: 2 },
    Run { first: 0x0181, delta: 210, count: 1, step: 1 },
    Run { first: 0x0182, delta: 1, count: 2, step: 2 },
    Run { first: 0x0186, delta: 206, count: 1, step: 1 },
    Run { first: 0x0187, delta: 1, count: 1, step: 1 },
    Run { first: 0x0189, delta: 205, count: 2, step: 1 },
    Run { first: 0x018B, delta: 1, count: 1, step: 1 },
    Run { first: 0x018E, delta: 79, count: 1, step: 1 },
    Run { first: 0x018F, delta: 202, count: 1, step: 1 },
    Run { first: 0x0190, delta: 203, count: 1, step: 1 },
    Run { first: 0x0191, delta: 1, count: 1, step: 1 },
    Run { first: 0x0193, delta: 205, count: 1, step: 1 },
    Run { first: 0x0194, delta: 207, count: 1, step: 1 },
    Run { first: 0x0196, delta: 211, count: 1, step: 1 },
    Run { first: 0x0197, delta: 209, count: 1, step: 1 },
    Run { first: 0x0198, delta: 1, count: 1, step: 1 },
    Run { first: 0x019C, delta: 211, count: 1, step: 1 },
    Run { first: 0x019D, delta: 213, count: 1, step: 1 },
    Run { first: 0x019F, delta: 214, count: 1, step: 1 },
    Run { first: 0x01A0, delta: 1, count: 3, step: 2 },
    Run { first: 0x01A6, delta: 218, count: 1, step: 1 },
    Run { first: 0x01A7, delta: 1, count: 1, step: 1 },
    Run { first: 0x01A9, delta: 218, count: 1, step: 1 },
    Run { first: 0x01AC, delta: 1, count: 1, step: 1 },
    Run { first: 0x01AE, delta: 218, count: 1, step: 1 },
    Run { first: 0x01AF, delta: 1, count: 1, step: 1 },
    Run { first: 0x01B1, delta: 217, count: 2, step: 1 },
    Run { first: 0x01B3, delta: 1, count: 2, step: 2 },
    Run { first: 0x01B7, delta: 219, count: 1, step: 1 },
    Run { first: 0x01B8, delta: 1, count: 1, step: 1 },
    Run { first: 0x01BC, delta: 1, count: 1, step: 1 },
    Run { first: 0x01C4, delta: 2, count: 1, step: 1 },
    Run { first: 0x01C5, delta: 1, count: 1, step: 1 },
    Run { first: 0x01C7, delta: 2, count: 1, step: 1 },
    Run { first: 0x01C8, delta: 1, count: 1, step: 1 },
    Run { first: 0x01CA, delta: 2, count: 1, step: 1 },
    Run { first: 0x01CB, delta: 1, count: 9, step: 2 },
    Run { first: 0x01DE, delta: 1, count: 9, step: 2 },
    Run { first: 0x01F1, delta: 2, count: 1, step: 1 },
    Run { first: 0x01F2, delta: 1, count: 2, step: 2 },
    Run { first: 0x01F6, delta: -97, count: 1, step: 1 },
    Run { first: 0x01F7, delta: -56, count: 1, step: 1 },
    Run { first: 0x01F8, delta: 1, count: 20, step: 2 },
    Run { first: 0x0220, delta: -130, count: 1, step: 1 },
    Run { first: 0x0222, delta: 1, count: 9, step: 2 },
    Run { first: 0x023A, delta: 10795, count: 1, step: 1 },
    Run { first: 0x023B, delta: 1, count: 1, step: 1 },
    Run { first: 0x023D, delta: -163, count: 1, step: 1 },
    Run { first: 0x023E, delta: 10792, count: 1, step: 1 },
    Run { first: 0x0241, delta: 1, count: 1, step: 1 },
    Run { first: 0x0243, delta: -195, count: 1, step: 1 },
    Run { first: 0x0244, delta: 69, count: 1, step: 1 },
    Run { first: 0x0245, delta: 71, count: 1, step: 1 },
    Run { first: 0x0246, delta: 1, count: 5, step: 2 },
    Run { first: 0x0370, delta: 1, count: 2, step: 2 },
    Run { first: 0x0376, delta: 1, count: 1, step: 1 },
    Run { first: 0x037F, delta: 116, count: 1, step: 1 },
    Run { first: 0x0386, delta: 38, count: 1, step: 1 },
    Run { first: 0x0388, delta: 37, count: 3, step: 1 },
    Run { first: 0x038C, delta: 64, count: 1, step: 1 },
    Run { first: 0x038E, delta: 63, count: 2, step: 1 },
    Run { first: 0x0391, delta: 32, count: 17, step: 1 },
    Run { first: 0x03A3, delta: 32, count: 9, step: 1 },
    Run { first: 0x03CF, delta: 8, count: 1, step: 1 },
    Run { first: 0x03D8, delta: 1, count: 12, step: 2 },
    Run { first: 0x03F4, delta: -60, count: 1, step: 1 },
    Run { first: 0x03F7, delta: 1, count: 1, step: 1 },
    Run { first: 0x03F9, delta: -7, count: 1, step: 1 },
    Run { first: 0x03FA, delta: 1, count: 1, step: 1 },
    Run { first: 0x03FD, delta: -130, count: 3, step: 1 },
    Run { first: 0x0400, delta: 80, count: 16, step: 1 },
    Run { first: 0x0410, delta: 32, count: 32, step: 1 },
    Run { first: 0x0460, delta: 1, count: 17, step: 2 },
    Run { first: 0x048A, delta: 1, count: 27, step: 2 },
    Run { first: 0x04C0, delta: 15, count: 1, step: 1 },
    Run { first: 0x04C1, delta: 1, count: 7, step: 2 },
    Run { first: 0x04D0, delta: 1, count: 48, step: 2 },
    Run { first: 0x0531, delta: 48, count: 38, step: 1 },
    Run { first: 0x10A0, delta: 7264, count: 38, step: 1 },
    Run { first: 0x10C7, delta: 7264, count: 1, step: 1 },
    Run { first: 0x10CD, delta: 7264, count: 1, step: 1 },
    Run { first: 0x13A0, delta: 38864, count: 80, step: 1 },
    Run { first: 0x13F0, delta: 8, count: 6, step: 1 },
    Run { first: 0x1C89, delta: 1, count: 1, step: 1 },
    Run { first: 0x1C90, delta: -3008, count: 43, step: 1 },
    Run { first: 0x1CBD, delta: -3008, count: 3, step: 1 },
    Run { first: 0x1E00, delta: 1, count: 75, step: 2 },
    Run { first: 0x1E9E, delta: -7615, count: 1, step: 1 },
    Run { first: 0x1EA0, delta: 1, count: 48, step: 2 },
    Run { first: 0x1F08, delta: -8, count: 8, step: 1 },
    Run { first: 0x1F18, delta: -8, count: 6, step: 1 },
    Run { first: 0x1F28, delta: -8, count: 8, step: 1 },
    Run { first: 0x1F38, delta: -8, count: 8, step: 1 },
    Run { first: 0x1F48, delta: -8, count: 6, step: 1 },
    Run { first: 0x1F59, delta: -8, count: 4, step: 2 },
    Run { first: 0x1F68, delta: -8, count: 8, step: 1 },
    Run { first: 0x1F88, delta: -8, count: 8, step: 1 },
    Run { first: 0x1F98, delta: -8, count: 8, step: 1 },
    Run { first: 0x1FA8, delta: -8, count: 8, step: 1 },
    Run { first: 0x1FB8, delta: -8, count: 2, step: 1 },
    Run { first: 0x1FBA, delta: -74, count: 2, step: 1 },
    Run { first: 0x1FBC, delta: -9, count: 1, step: 1 },
    Run { first: 0x1FC8, delta: -86, count: 4, step: 1 },
    Run { first: 0x1FCC, delta: -9, count: 1, step: 1 },
    Run { first: 0x1FD8, delta: -8, count: 2, step: 1 },
    Run { first: 0x1FDA, delta: -100, count: 2, step: 1 },
    Run { first: 0x1FE8, delta: -8, count: 2, step: 1 },
    Run { first: 0x1FEA, delta: -112, count: 2, step: 1 },
    Run { first: 0x1FEC, delta: -7, count: 1, step: 1 },
    Run { first: 0x1FF8, delta: -128, count: 2, step: 1 },
    Run { first: 0x1FFA, delta: -126, count: 2, step: 1 },
    Run { first: 0x1FFC, delta: -9, count: 1, step: 1 },
    Run { first: 0x2126, delta: -7517, count: 1, step: 1 },
    Run { first: 0x212A, delta: -8383, count: 1, step: 1 },
    Run { first: 0x212B, delta: -8262, count: 1, step: 1 },
    Run { first: 0x2132, delta: 28, count: 1, step: 1 },
    Run { first: 0x2160, delta: 16, count: 16, step: 1 },
    Run { first: 0x2183, delta: 1, count: 1, step: 1 },
    Run { first: 0x24B6, delta: 26, count: 26, step: 1 },
    Run { first: 0x2C00, delta: 48, count: 48, step: 1 },
    Run { first: 0x2C60, delta: 1, count: 1, step: 1 },
    Run { first: 0x2C62, delta: -10743, count: 1, step: 1 },
    Run { first: 0x2C63, delta: -3814, count: 1, step: 1 },
    Run { first: 0x2C64, delta: -10727, count: 1, step: 1 },
    Run { first: 0x2C67, delta: 1, count: 3, step: 2 },
    Run { first: 0x2C6D, delta: -10780, count: 1, step: 1 },
    Run { first: 0x2C6E, delta: -10749, count: 1, step: 1 },
    Run { first: 0x2C6F, delta: -10783, count: 1, step: 1 },
    Run { first: 0x2C70, delta: -10782, count: 1, step: 1 },
    Run { first: 0x2C72, delta: 1, count: 1, step: 1 },
    Run { first: 0x2C75, delta: 1, count: 1, step: 1 },
    Run { first: 0x2C7E, delta: -10815, count: 2, step: 1 },
    Run { first: 0x2C80, delta: 1, count: 50, step: 2 },
    Run { first: 0x2CEB, delta: 1, count: 2, step: 2 },
    Run { first: 0x2CF2, delta: 1, count: 1, step: 1 },
    Run { first: 0xA640, delta: 1, count: 23, step: 2 },
    Run { first: 0xA680, delta: 1, count: 14, step: 2 },
    Run { first: 0xA722, delta: 1, count: 7, step: 2 },
    Run { first: 0xA732, delta: 1, count: 31, step: 2 },
    Run { first: 0xA779, delta: 1, count: 2, step: 2 },
    Run { first: 0xA77D, delta: -35332, count: 1, step: 1 },
    Run { first: 0xA77E, delta: 1, count: 5, step: 2 },
    Run { first: 0xA78B, delta: 1, count: 1, step: 1 },
    Run { first: 0xA78D, delta: -42280, count: 1, step: 1 },
    Run { first: 0xA790, delta: 1, count: 2, step: 2 },
    Run { first: 0xA796, delta: 1, count: 10, step: 2 },
    Run { first: 0xA7AA, delta: -42308, count: 1, step: 1 },
    Run { first: 0xA7AB, delta: -42319, count: 1, step: 1 },
    Run { first: 0xA7AC, delta: -42315, count: 1, step: 1 },
    Run { first: 0xA7AD, delta: -42305, count: 1, step: 1 },
    Run { first: 0xA7AE, delta: -42308, count: 1, step: 1 },
    Run { first: 0xA7B0, delta: -42258, count: 1, step: 1 },
    Run { first: 0xA7B1, delta: -42282, count: 1, step: 1 },
    Run { first: 0xA7B2, delta: -42261, count: 1, step: 1 },
    Run { first: 0xA7B3, delta: 928, count: 1, step: 1 },
    Run { first: 0xA7B4, delta: 1, count: 8, step: 2 },
    Run { first: 0xA7C4, delta: -48, count: 1, step: 1 },
    Run { first: 0xA7C5, delta: -42307, count: 1, step: 1 },
    Run { first: 0xA7C6, delta: -35384, count: 1, step: 1 },
    Run { first: 0xA7C7, delta: 1, count: 2, step: 2 },
    Run { first: 0xA7CB, delta: -42343, count: 1, step: 1 },
    Run { first: 0xA7CC, delta: 1, count: 8, step: 2 },
    Run { first: 0xA7DC, delta: -42561, count: 1, step: 1 },
    Run { first: 0xA7F5, delta: 1, count: 1, step: 1 },
    Run { first: 0xFF21, delta: 32, count: 26, step: 1 },
    Run { first: 0x10400, delta: 40, count: 40, step: 1 },
    Run { first: 0x104B0, delta: 40, count: 36, step: 1 },
    Run { first: 0x10570, delta: 39, count: 11, step: 1 },
    Run { first: 0x1057C, delta: 39, count: 15, step: 1 },
    Run { first: 0x1058C, delta: 39, count: 7, step: 1 },
    Run { first: 0x10594, delta: 39, count: 2, step: 1 },
    Run { first: 0x10C80, delta: 64, count: 51, step: 1 },
    Run { first: 0x10D50, delta: 32, count: 22, step: 1 },
    Run { first: 0x118A0, delta: 32, count: 32, step: 1 },
    Run { first: 0x16E40, delta: 32, count: 32, step: 1 },
    Run { first: 0x16EA0, delta: 27, count: 25, step: 1 },
    Run { first: 0x1E900, delta: 34, count: 34, step: 1 },
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The runs that reproduce `char::to_lowercase` in the Unicode version
    /// of the Rust that runs the tests.
    fn runs_from_std() -> Vec<Run> {
        let mut runs: Vec<Run> = Vec::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut lower = c.to_lowercase();
            let (Some(first), None) = (lower.next(), lower.next()) else {
                continue;
            };
            if first == c {
                continue;
            }
            let code = c as u32;
            let delta = first as i32 - code as i32;
            if let Some(run) = runs.last_mut().filter(|run| run.delta == delta) {
                let gap = code - run.first;
                if run.count == 1 && (gap == 1 || gap == 2) {
                    run.step = gap as u8;
                    run.count = 2;
                    continue;
                }
                if run.first + u32::from(run.count) * u32::from(run.step) == code {
                    run.count += 1;
                    continue;
                }
            }
            runs.push(Run {
                first: code,
                count: 1,
                step: 1,
                delta,
            });
        }
        runs
    }

    #[test]
    fn every_character_lowers_as_the_standard_library_lowers_it() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert!(
                lowercase_char(c).eq(c.to_lowercase()),
                "{c:?} (U+{:04X}): a new Unicode version? Run \
                 `cargo test print_runs -- --ignored --nocapture` and paste its table",
                c as u32
            );
        }
    }

    #[test]
    fn the_table_is_the_one_the_standard_library_gives() {
        assert_eq!(RUNS.to_vec(), runs_from_std());
    }

    #[test]
    #[ignore = "prints the table for a new Unicode version"]
    fn print_runs() {
        let runs = runs_from_std();
        println!("const RUNS: [Run; {}] = [", runs.len());
        for Run {
            first,
            delta,
            count,
            step,
        } in runs
        {
            println!(
                "    Run {{ first: 0x{first:04X}, delta: {delta}, count: {count}, step: {step} }},"
            );
        }
        println!("];");
    }

    #[test]
    fn a_capital_sigma_ending_a_word_becomes_a_final_sigma() {
        assert_eq!(lowercase("ΦΊΛΟΣ"), "φίλος");
        assert_eq!(lowercase("ΟΔΥΣΣΕΥΣ ΣΕ"), "οδυσσευς σε");
        assert_eq!(lowercase("Σ"), "σ");
        assert_eq!(lowercase("ΑΣ, ok"), "ας, ok");
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn text_without_a_capital_sigma_lowers_as_the_standard_library_lowers_it(
            text in "[^Σ]{0,40}"
        ) {
            proptest::prop_assert_eq!(lowercase(&text), text.to_lowercase());
        }

        #[test]
        fn greek_words_lower_as_the_standard_library_lowers_them(
            text in "[ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩάέίόύ ,!?1]{0,30}"
        ) {
            proptest::prop_assert_eq!(lowercase(&text), text.to_lowercase());
        }
    }
}
