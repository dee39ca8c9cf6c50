//! The clinic's brand colour, made safe to read.
//!
//! The accent is the background of the main buttons (with white or dark
//! text on it) and the colour of links and outlines on the page. A colour
//! that would give text less than WCAG's 4.5:1 is moved towards black (light
//! scheme) or white (dark scheme) in small steps until it reaches it, and
//! the clinic is told on the console. Ratios are kept in hundredths so no
//! floating-point number is ever formatted.

/// A colour, 8 bits a channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// Text contrast WCAG 2.2 AA asks for, in hundredths (4.5:1).
pub const MIN_CONTRAST: u32 = 450;

/// The light scheme's page, surface and text on the accent (style/main.css).
const LIGHT_BACKGROUNDS: [Rgb; 3] = [
    Rgb(0xfb, 0xfa, 0xf7),
    Rgb(0xff, 0xff, 0xff),
    Rgb(0xff, 0xff, 0xff),
];
/// The dark scheme's page, surface and text on the accent.
const DARK_BACKGROUNDS: [Rgb; 3] = [
    Rgb(0x15, 0x18, 0x1c),
    Rgb(0x1e, 0x23, 0x28),
    Rgb(0x0d, 0x1f, 0x21),
];

impl Rgb {
    /// `#rgb` or `#rrggbb`, any case.
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.trim().strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |s: &str| u8::from_str_radix(s, 16).ok();
        match hex.len() {
            3 => {
                let d: Vec<u8> = hex
                    .chars()
                    .map(|c| channel(&c.to_string().repeat(2)))
                    .collect::<Option<_>>()?;
                Some(Rgb(d[0], d[1], d[2]))
            }
            6 => Some(Rgb(
                channel(&hex[0..2])?,
                channel(&hex[2..4])?,
                channel(&hex[4..6])?,
            )),
            _ => None,
        }
    }

    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// WCAG relative luminance.
    fn luminance(self) -> f64 {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(self.0) + 0.7152 * linear(self.1) + 0.0722 * linear(self.2)
    }

    /// `percent`% of the way to `target`.
    fn towards(self, target: Rgb, percent: u32) -> Rgb {
        let mix = |a: u8, b: u8| {
            let (a, b, p) = (i32::from(a), i32::from(b), percent as i32);
            (a + (b - a) * p / 100) as u8
        };
        Rgb(
            mix(self.0, target.0),
            mix(self.1, target.1),
            mix(self.2, target.2),
        )
    }
}

/// The WCAG contrast ratio of two colours, in hundredths (450 is 4.5:1).
pub fn contrast(a: Rgb, b: Rgb) -> u32 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    ((light + 0.05) / (dark + 0.05) * 100.0).floor() as u32
}

/// "4.52:1" from hundredths.
pub fn ratio_text(hundredths: u32) -> String {
    format!("{}.{:02}:1", hundredths / 100, hundredths % 100)
}

/// The accent for each scheme, from the clinic's colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Accent {
    /// As given, or darkened until it reads on the light scheme.
    pub light: Rgb,
    /// As given, or lightened until it reads on the dark scheme.
    pub dark: Rgb,
}

impl Accent {
    /// Adjusts `color` for both schemes.
    pub fn from_brand(color: Rgb) -> Accent {
        Accent {
            light: readable(color, Rgb(0, 0, 0), &LIGHT_BACKGROUNDS),
            dark: readable(color, Rgb(255, 255, 255), &DARK_BACKGROUNDS),
        }
    }
}

/// The lowest contrast of `color` against any of `backgrounds`.
pub fn worst_contrast(color: Rgb, backgrounds: &[Rgb]) -> u32 {
    backgrounds
        .iter()
        .map(|&b| contrast(color, b))
        .min()
        .unwrap_or(0)
}

/// The light-scheme contrast of `color` (for the clinic's console message).
pub fn light_contrast(color: Rgb) -> u32 {
    worst_contrast(color, &LIGHT_BACKGROUNDS)
}

/// `color`, moved towards `target` in 2% steps until it has at least
/// [`MIN_CONTRAST`] with every background.
fn readable(color: Rgb, target: Rgb, backgrounds: &[Rgb]) -> Rgb {
    (0..=100)
        .step_by(2)
        .map(|percent| color.towards(target, percent))
        .find(|&c| worst_contrast(c, backgrounds) >= MIN_CONTRAST)
        .unwrap_or(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_in_both_lengths_and_anything_else_is_refused() {
        assert_eq!(Rgb::parse("#2f5d62"), Some(Rgb(0x2f, 0x5d, 0x62)));
        assert_eq!(Rgb::parse(" #ABC "), Some(Rgb(0xaa, 0xbb, 0xcc)));
        for bad in [
            "2f5d62",
            "#2f5d6",
            "#ggg",
            "red",
            "#12345678",
            "",
            "#",
            "url(x)",
        ] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
        assert_eq!(Rgb(0x2f, 0x5d, 0x62).hex(), "#2f5d62");
    }

    #[test]
    fn contrast_matches_the_wcag_reference_values() {
        assert_eq!(contrast(Rgb(0, 0, 0), Rgb(255, 255, 255)), 2100);
        assert_eq!(contrast(Rgb(255, 255, 255), Rgb(255, 255, 255)), 100);
        // #767676 on white is the well-known 4.54:1.
        assert_eq!(contrast(Rgb(0x76, 0x76, 0x76), Rgb(255, 255, 255)), 454);
        assert_eq!(ratio_text(454), "4.54:1");
        assert_eq!(ratio_text(2100), "21.00:1");
    }

    #[test]
    fn a_readable_brand_colour_is_kept_in_the_light_scheme() {
        let brand = Rgb(0x2f, 0x5d, 0x62);
        assert_eq!(Accent::from_brand(brand).light, brand);
    }

    #[test]
    fn a_pale_brand_colour_is_darkened_just_enough() {
        let yellow = Rgb(0xff, 0xcc, 0x00);
        assert!(light_contrast(yellow) < MIN_CONTRAST);
        let accent = Accent::from_brand(yellow);
        let light = light_contrast(accent.light);
        assert!(light >= MIN_CONTRAST, "{light}");
        // One step less would not have been enough.
        assert!(light < 520, "darkened more than needed: {light}");
        assert!(worst_contrast(accent.dark, &DARK_BACKGROUNDS) >= MIN_CONTRAST);
    }

    #[test]
    fn every_colour_ends_up_readable_in_both_schemes() {
        for r in (0..=255).step_by(51) {
            for g in (0..=255).step_by(51) {
                for b in (0..=255).step_by(51) {
                    let accent = Accent::from_brand(Rgb(r, g, b));
                    assert!(light_contrast(accent.light) >= MIN_CONTRAST, "{r},{g},{b}");
                    assert!(
                        worst_contrast(accent.dark, &DARK_BACKGROUNDS) >= MIN_CONTRAST,
                        "{r},{g},{b}"
                    );
                }
            }
        }
    }
}
