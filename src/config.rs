//! The clinic's configuration, validated.
//!
//! The loader (`public/embed.js`) copies the script tag's `data-*`
//! attributes into the iframe's URL fragment, which browsers never send to a
//! server. [`Config::from_fragment`] turns that fragment into typed values.
//! An invalid value is reported as a [`ConfigProblem`] (the app logs it to
//! the console for the clinic) and replaced by a safe default, so a typo can
//! never break the widget or produce an unsafe link.

use crate::i18n::Locale;
use crate::model::theme::{self, ratio_text, Accent, Rgb};
use crate::model::{content_pack, Pack, Questionnaire, Region, PACKS};

/// How the widget page is being shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Opened directly as its own page (or continued in its own tab).
    Standalone,
    /// In the loader's floating panel, which the widget can ask to close.
    Launcher,
    /// Inline in a container on the clinic's page.
    Inline,
}

/// How a visitor can book a session with a person at the clinic.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Booking {
    /// An `http(s)` booking page.
    pub url: Option<String>,
    /// A phone number as the clinic wrote it.
    pub phone: Option<String>,
    /// An email address.
    pub email: Option<String>,
}

impl Booking {
    /// The `tel:` link for the phone number: digits and a leading `+` only.
    pub fn phone_href(&self) -> Option<String> {
        let phone = self.phone.as_ref()?;
        let mut href = String::from("tel:");
        for (i, c) in phone.chars().enumerate() {
            if c.is_ascii_digit() || (c == '+' && i == 0) {
                href.push(c);
            }
        }
        Some(href)
    }

    /// The `mailto:` link for the email address.
    pub fn email_href(&self) -> Option<String> {
        self.email.as_ref().map(|e| format!("mailto:{e}"))
    }

    /// True when the clinic gave no way to book at all.
    pub fn is_empty(&self) -> bool {
        self.url.is_none() && self.phone.is_none() && self.email.is_none()
    }
}

/// The validated configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The clinic's name, shown in the booking handoff.
    pub clinic_name: String,
    /// Ways to book a session with a person.
    pub booking: Booking,
    /// Which crisis lines to show by default.
    pub crisis_region: Region,
    /// How the page is shown.
    pub mode: Mode,
    /// Origin of the clinic page that embeds the widget, for `postMessage`.
    pub host_origin: Option<String>,
    /// Where quick exit goes: a neutral site.
    pub exit_url: String,
    /// Standardised check-ins the clinic offers (none unless it asks).
    pub checkins: Vec<Questionnaire>,
    /// Days between gentle check-in reminders; `None` for no reminder.
    pub checkin_reminder_days: Option<u32>,
    /// Ids of the built-in prompt packs to offer, in the clinic's order;
    /// empty for all of them.
    pub packs: Vec<&'static str>,
    /// True when the clinic asked for no built-in packs (`data-packs="none"`).
    pub no_built_in_packs: bool,
    /// The clinic's own prompts: a JSON file next to the widget.
    pub content_pack: Option<String>,
    /// The clinic's brand colour as given (adjusted for contrast when shown).
    pub accent: Option<Rgb>,
    /// Light, dark, or following the visitor's device.
    pub theme: Theme,
    /// The clinic's language for the widget (`data-locale`); `None` to
    /// follow the visitor's browser.
    pub locale: Option<Locale>,
}

/// Which colour scheme the widget uses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Theme {
    /// The visitor's device setting.
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    /// As written in `data-theme`.
    pub fn code(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

impl Default for Config {
    fn default() -> Config {
        Config {
            clinic_name: DEFAULT_CLINIC_NAME.to_owned(),
            booking: Booking::default(),
            crisis_region: Region::International,
            mode: Mode::Standalone,
            host_origin: None,
            exit_url: DEFAULT_EXIT_URL.to_owned(),
            checkins: Vec::new(),
            checkin_reminder_days: None,
            packs: Vec::new(),
            no_built_in_packs: false,
            content_pack: None,
            accent: None,
            theme: Theme::Auto,
            locale: None,
        }
    }
}

/// Where quick exit goes unless the clinic chooses: a weather page, which
/// says nothing about what the visitor was doing.
pub const DEFAULT_EXIT_URL: &str = "https://www.bbc.com/weather";

/// Shown when the clinic gives no name.
pub const DEFAULT_CLINIC_NAME: &str = "your clinic";

const MAX_NAME_CHARS: usize = 80;
const MAX_URL_LEN: usize = 2048;

/// One rejected configuration value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    /// The `data-*` attribute it came from.
    pub attribute: &'static str,
    /// What was wrong and what is used instead.
    pub message: String,
}

impl std::fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Interlude: {}: {}", self.attribute, self.message)
    }
}

impl Config {
    /// Parses a URL fragment (with or without the leading `#`) of
    /// `key=value` pairs encoded like `URLSearchParams`.
    ///
    /// Returns the configuration, with safe defaults for anything invalid,
    /// and the problems found. Unknown keys are ignored.
    ///
    /// ```
    /// use interlude::config::{Config, Mode};
    /// let (config, problems) =
    ///     Config::from_fragment("#clinic=Harbour+Street&booking=javascript%3Aalert(1)\
    ///                            &mode=launcher&host=https%3A%2F%2Fwww.clinic.example");
    /// assert_eq!(config.clinic_name, "Harbour Street");
    /// assert_eq!(config.booking.url, None);
    /// assert_eq!(config.mode, Mode::Launcher);
    /// assert_eq!(problems.len(), 1);
    /// ```
    pub fn from_fragment(fragment: &str) -> (Config, Vec<ConfigProblem>) {
        let mut config = Config::default();
        let mut problems = Vec::new();
        let mut problem =
            |attribute, message: String| problems.push(ConfigProblem { attribute, message });
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        for pair in fragment.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = percent_decode(value);
            match percent_decode(key).as_str() {
                "clinic" => match clinic_name(&value) {
                    Some(name) => config.clinic_name = name,
                    None => problem(
                        "data-clinic-name",
                        format!("is empty; using \"{DEFAULT_CLINIC_NAME}\""),
                    ),
                },
                "booking" => match http_url(&value) {
                    Some(url) => config.booking.url = Some(url),
                    None => problem(
                        "data-booking-url",
                        "must be a full http:// or https:// address; the booking link is hidden"
                            .into(),
                    ),
                },
                "phone" => match phone(&value) {
                    Some(p) => config.booking.phone = Some(p),
                    None => problem(
                        "data-booking-phone",
                        "must be a phone number (digits, spaces, + - ( ) .); it is hidden".into(),
                    ),
                },
                "email" => match email(&value) {
                    Some(e) => config.booking.email = Some(e),
                    None => problem(
                        "data-booking-email",
                        "is not an email address; it is hidden".into(),
                    ),
                },
                "region" => match Region::from_code(&value) {
                    Some(r) => config.crisis_region = r,
                    None => problem(
                        "data-crisis-region",
                        format!(
                            "\"{}\" is not a known region (US, UK, IE, CA, AU, NZ, INTL); \
                             showing international crisis resources",
                            printable(&value)
                        ),
                    ),
                },
                "mode" => match value.as_str() {
                    "launcher" => config.mode = Mode::Launcher,
                    "inline" => config.mode = Mode::Inline,
                    "standalone" => config.mode = Mode::Standalone,
                    other => problem(
                        "data-mode",
                        format!(
                            "\"{}\" is not launcher or inline; using launcher",
                            printable(other)
                        ),
                    ),
                },
                "exit" => match http_url(&value) {
                    Some(url) => config.exit_url = url,
                    None => problem(
                        "data-exit-url",
                        format!(
                            "must be a full http:// or https:// address; using {DEFAULT_EXIT_URL}"
                        ),
                    ),
                },
                "checkins" => {
                    for id in value.split(',').filter(|id| !id.trim().is_empty()) {
                        match Questionnaire::from_id(id) {
                            Some(q) if !config.checkins.contains(&q) => config.checkins.push(q),
                            Some(_) => {}
                            None => problem(
                                "data-checkins",
                                format!(
                                    "\"{}\" is not a known check-in (phq9, gad7, who5); it is left out",
                                    printable(id.trim())
                                ),
                            ),
                        }
                    }
                }
                "packs" if value.trim().eq_ignore_ascii_case("none") => {
                    config.no_built_in_packs = true;
                }
                "content" => match content_pack_name(&value) {
                    Some(name) => config.content_pack = Some(name),
                    None => problem(
                        "data-content-pack",
                        format!(
                            "\"{}\" is not a file name next to the widget, such as \"prompts.json\"; \
                             only the built-in prompts are offered",
                            printable(&value)
                        ),
                    ),
                },
                "packs" => {
                    for id in value.split(',').map(str::trim).filter(|id| !id.is_empty()) {
                        match PACKS.iter().find(|p| p.id.eq_ignore_ascii_case(id)) {
                            Some(pack) if !config.packs.contains(&pack.id) => {
                                config.packs.push(pack.id)
                            }
                            Some(_) => {}
                            None => problem(
                                "data-packs",
                                format!(
                                    "\"{}\" is not a prompt pack ({}); it is left out",
                                    printable(id),
                                    PACKS.iter().map(|p| p.id).collect::<Vec<_>>().join(", ")
                                ),
                            ),
                        }
                    }
                }
                "accent" => match Rgb::parse(&value) {
                    Some(color) => {
                        config.accent = Some(color);
                        let light = Accent::from_brand(color).light;
                        if light != color {
                            problem(
                                "data-accent",
                                format!(
                                    "{} has {} contrast with white text, below the 4.5:1 that \
                                     keeps text readable; the widget uses {} ({}) instead",
                                    color.hex(),
                                    ratio_text(theme::light_contrast(color)),
                                    light.hex(),
                                    ratio_text(theme::light_contrast(light))
                                ),
                            );
                        }
                    }
                    None => problem(
                        "data-accent",
                        format!(
                            "\"{}\" is not a colour like #2f5d62; using the default",
                            printable(value.trim())
                        ),
                    ),
                },
                "theme" => match value.trim().to_ascii_lowercase().as_str() {
                    "auto" | "" => config.theme = Theme::Auto,
                    "light" => config.theme = Theme::Light,
                    "dark" => config.theme = Theme::Dark,
                    other => problem(
                        "data-theme",
                        format!(
                            "\"{}\" is not light, dark or auto; following the visitor's device",
                            printable(other)
                        ),
                    ),
                },
                "locale" => match Locale::from_tag(&value) {
                    Some(locale) => config.locale = Some(locale),
                    None => problem(
                        "data-locale",
                        format!(
                            "\"{}\" is not a language Interlude speaks (en, es, ar); \
                             following the visitor's browser",
                            printable(&value)
                        ),
                    ),
                },
                "reminder" => match value.trim().to_ascii_lowercase().as_str() {
                    "weekly" => config.checkin_reminder_days = Some(7),
                    "fortnightly" => config.checkin_reminder_days = Some(14),
                    "monthly" => config.checkin_reminder_days = Some(30),
                    "off" | "" => config.checkin_reminder_days = None,
                    other => problem(
                        "data-checkin-reminder",
                        format!(
                            "\"{}\" is not weekly, fortnightly, monthly or off; no reminder is shown",
                            printable(other)
                        ),
                    ),
                },
                "host" => match origin(&value) {
                    Some(o) => config.host_origin = Some(o),
                    None => problem(
                        "host",
                        "is not an origin; the widget cannot talk to the page".into(),
                    ),
                },
                _ => {}
            }
        }
        // A widget told it is embedded but not by whom cannot send `close`
        // safely; treat it as standalone rather than post to any origin.
        if config.mode != Mode::Standalone && config.host_origin.is_none() {
            config.mode = Mode::Standalone;
        }
        (config, problems)
    }

    /// The prompt packs the Write view offers: the clinic's own (once
    /// loaded) first, then the built-in ones it chose, in its order, or
    /// every built-in pack.
    pub fn offered_packs(&self) -> Vec<&'static Pack> {
        let built_in: Vec<&'static Pack> = if self.no_built_in_packs {
            Vec::new()
        } else if self.packs.is_empty() {
            PACKS.iter().collect()
        } else {
            self.packs
                .iter()
                .filter_map(|id| PACKS.iter().find(|p| p.id == *id))
                .collect()
        };
        content_pack::own_packs().iter().chain(built_in).collect()
    }

    /// The fragment that opens the same configuration as a standalone page
    /// (used by "continue in a new tab").
    pub fn standalone_fragment(&self) -> String {
        let mut pairs = vec![("clinic", self.clinic_name.as_str())];
        if let Some(url) = &self.booking.url {
            pairs.push(("booking", url));
        }
        if let Some(phone) = &self.booking.phone {
            pairs.push(("phone", phone));
        }
        if let Some(email) = &self.booking.email {
            pairs.push(("email", email));
        }
        pairs.push(("region", self.crisis_region.code()));
        let checkins: Vec<&str> = self.checkins.iter().map(|q| q.id()).collect();
        let checkins = checkins.join(",");
        if !checkins.is_empty() {
            pairs.push(("checkins", &checkins));
        }
        let reminder = match self.checkin_reminder_days {
            Some(7) => "weekly",
            Some(14) => "fortnightly",
            Some(_) => "monthly",
            None => "off",
        };
        if self.checkin_reminder_days.is_some() {
            pairs.push(("reminder", reminder));
        }
        let accent = self.accent.map(Rgb::hex);
        if let Some(accent) = &accent {
            pairs.push(("accent", accent));
        }
        if self.theme != Theme::Auto {
            pairs.push(("theme", self.theme.code()));
        }
        if let Some(locale) = self.locale {
            pairs.push(("locale", locale.tag()));
        }
        let packs = if self.no_built_in_packs {
            "none".to_owned()
        } else {
            self.packs.join(",")
        };
        if !packs.is_empty() {
            pairs.push(("packs", &packs));
        }
        if let Some(name) = &self.content_pack {
            pairs.push(("content", name));
        }
        if self.exit_url != DEFAULT_EXIT_URL {
            pairs.push(("exit", &self.exit_url));
        }
        let encoded: Vec<String> = pairs
            .into_iter()
            .map(|(k, v)| format!("{k}={}", percent_encode(v)))
            .collect();
        format!("#{}", encoded.join("&"))
    }
}

/// A content pack's file name: it must sit next to the widget (no folders,
/// no other site), so only a plain `name.json` is accepted.
fn content_pack_name(value: &str) -> Option<String> {
    let value = value.trim();
    let valid = (6..=80).contains(&value.len())
        && value.ends_with(".json")
        && !value.starts_with('.')
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
    valid.then(|| value.to_owned())
}

fn clinic_name(value: &str) -> Option<String> {
    let cleaned: String = value
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_NAME_CHARS)
        .collect();
    (!cleaned.is_empty()).then_some(cleaned)
}

fn http_url(value: &str) -> Option<String> {
    let value = value.trim();
    let lower = value.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))?;
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let has_host = host_end > 0 && !rest[..host_end].contains('@');
    let clean = value.len() <= MAX_URL_LEN
        && !value
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>');
    (has_host && clean).then(|| value.to_owned())
}

fn phone(value: &str) -> Option<String> {
    let value = value.trim();
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let allowed = value
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c));
    (allowed && (3..=20).contains(&digits) && value.len() <= 32).then(|| value.to_owned())
}

fn email(value: &str) -> Option<String> {
    let value = value.trim();
    let (local, domain) = value.split_once('@')?;
    let ok = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && value.len() <= 254
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "@.-_+".contains(c));
    ok.then(|| value.to_owned())
}

fn origin(value: &str) -> Option<String> {
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"))?;
    let ok = !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c));
    ok.then(|| value.to_owned())
}

/// Clinic-supplied text quoted in a console message: short, no control characters.
fn printable(value: &str) -> String {
    value.chars().filter(|c| !c.is_control()).take(40).collect()
}

/// Decodes `%XX` escapes and `+` (as `URLSearchParams` writes spaces).
/// Invalid escapes are kept literally; invalid UTF-8 becomes U+FFFD.
pub fn percent_decode(input: &str) -> String {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Encodes everything but unreserved characters as `%XX`.
pub fn percent_encode(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for b in input.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_fragment_gives_the_standalone_defaults() {
        let (config, problems) = Config::from_fragment("");
        assert_eq!(config, Config::default());
        assert!(problems.is_empty());
    }

    #[test]
    fn a_full_fragment_is_read() {
        let (config, problems) = Config::from_fragment(
            "#clinic=Harbour%20Street%20Counselling&booking=https%3A%2F%2Fclinic.example%2Fbook\
             &phone=%2B1+555+0100&email=hello%40clinic.example&region=uk&mode=launcher\
             &host=https%3A%2F%2Fwww.clinic.example",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.clinic_name, "Harbour Street Counselling");
        assert_eq!(
            config.booking.url.as_deref(),
            Some("https://clinic.example/book")
        );
        assert_eq!(
            config.booking.phone_href().as_deref(),
            Some("tel:+15550100")
        );
        assert_eq!(
            config.booking.email_href().as_deref(),
            Some("mailto:hello@clinic.example")
        );
        assert_eq!(config.crisis_region, Region::Uk);
        assert_eq!(config.mode, Mode::Launcher);
        assert_eq!(
            config.host_origin.as_deref(),
            Some("https://www.clinic.example")
        );
    }

    #[test]
    fn script_and_data_urls_are_never_used_for_booking() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "//evil.example",
            "https://",
            "https://user@evil.example",
            "https://clinic.example/\"onmouseover=\"x",
            "ftp://clinic.example",
        ] {
            let fragment = format!("booking={}", percent_encode(bad));
            let (config, problems) = Config::from_fragment(&fragment);
            assert_eq!(config.booking.url, None, "{bad}");
            assert_eq!(problems[0].attribute, "data-booking-url");
        }
    }

    #[test]
    fn an_unknown_region_falls_back_to_international_with_a_problem() {
        let (config, problems) = Config::from_fragment("region=Narnia");
        assert_eq!(config.crisis_region, Region::International);
        assert!(problems[0].to_string().contains("Narnia"));
        assert!(problems[0]
            .to_string()
            .starts_with("Interlude: data-crisis-region"));
    }

    #[test]
    fn hostile_phone_and_email_are_hidden() {
        let (config, problems) =
            Config::from_fragment("phone=call%20me%3Cscript%3E&email=a%40b.example%3Fbody%3Dx");
        assert_eq!(config.booking, Booking::default());
        assert_eq!(problems.len(), 2);
    }

    #[test]
    fn clinic_names_are_tidied_and_bounded() {
        let (config, _) =
            Config::from_fragment(&format!("clinic=%20A%0A%20%20B{}", "c".repeat(200)));
        assert!(config.clinic_name.starts_with("A B"));
        assert_eq!(config.clinic_name.chars().count(), MAX_NAME_CHARS);
        let (config, problems) = Config::from_fragment("clinic=%20%20");
        assert_eq!(config.clinic_name, DEFAULT_CLINIC_NAME);
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn embedded_without_a_valid_host_is_treated_as_standalone() {
        let (config, _) = Config::from_fragment("mode=launcher&host=*");
        assert_eq!(config.mode, Mode::Standalone);
        assert_eq!(config.host_origin, None);
    }

    #[test]
    fn an_unknown_mode_is_reported_and_ignored() {
        let (config, problems) =
            Config::from_fragment("mode=sidebar&host=http%3A%2F%2F127.0.0.1%3A8080");
        assert_eq!(config.mode, Mode::Standalone);
        assert_eq!(problems[0].attribute, "data-mode");
    }

    #[test]
    fn the_standalone_fragment_round_trips_without_embedding() {
        let (config, _) = Config::from_fragment(
            "clinic=A%26B%20Care&booking=https%3A%2F%2Fa.example%2F%3Fx%3D1%26y%3D2&region=CA\
             &mode=launcher&host=https%3A%2F%2Fa.example&locale=es-MX",
        );
        let (again, problems) = Config::from_fragment(&config.standalone_fragment());
        assert!(problems.is_empty());
        assert_eq!(again.locale, Some(Locale::Es));
        assert_eq!(again.clinic_name, "A&B Care");
        assert_eq!(again.booking, config.booking);
        assert_eq!(again.crisis_region, Region::Ca);
        assert_eq!(again.mode, Mode::Standalone);
        assert_eq!(again.host_origin, None);
    }

    #[test]
    fn a_language_interlude_does_not_speak_follows_the_browser() {
        let (config, problems) = Config::from_fragment("locale=AR");
        assert_eq!((config.locale, problems.len()), (Some(Locale::Ar), 0));
        let (config, problems) = Config::from_fragment("locale=fr");
        assert_eq!(config.locale, None);
        assert_eq!(problems[0].attribute, "data-locale");
        assert!(problems[0].message.contains("en, es, ar"));
    }

    #[test]
    fn a_content_pack_is_a_plain_file_name_next_to_the_widget() {
        for bad in [
            "https://evil.example/p.json",
            "../p.json",
            "dir/p.json",
            "p.txt",
            ".json",
            "javascript:x.json",
        ] {
            let (config, problems) =
                Config::from_fragment(&format!("content={}", percent_encode(bad)));
            assert_eq!(config.content_pack, None, "{bad}");
            assert_eq!(problems[0].attribute, "data-content-pack");
        }
        let (config, problems) = Config::from_fragment("content=harbour-prompts.json&packs=none");
        assert!(problems.is_empty());
        assert_eq!(config.content_pack.as_deref(), Some("harbour-prompts.json"));
        assert!(config.no_built_in_packs);
        assert_eq!(
            config.offered_packs().len(),
            content_pack::own_packs().len()
        );
        let (again, _) = Config::from_fragment(&config.standalone_fragment());
        assert_eq!(again.content_pack, config.content_pack);
        assert!(again.no_built_in_packs);
    }

    #[test]
    fn the_exit_url_must_be_a_web_address_and_survives_a_new_tab() {
        let (config, problems) = Config::from_fragment("exit=javascript%3Ahistory.back()");
        assert_eq!(config.exit_url, DEFAULT_EXIT_URL);
        assert_eq!(problems[0].attribute, "data-exit-url");
        let (config, _) = Config::from_fragment("exit=https%3A%2F%2Fnews.example%2F");
        let (again, _) = Config::from_fragment(&config.standalone_fragment());
        assert_eq!(again.exit_url, "https://news.example/");
    }

    #[test]
    fn check_ins_are_chosen_by_the_clinic_and_survive_a_new_tab() {
        let (config, problems) =
            Config::from_fragment("checkins=who5%2C%20PHQ9%2Cbdi%2Cwho5&reminder=weekly");
        assert_eq!(
            config.checkins,
            vec![Questionnaire::Who5, Questionnaire::Phq9]
        );
        assert_eq!(config.checkin_reminder_days, Some(7));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].attribute, "data-checkins");
        let (again, _) = Config::from_fragment(&config.standalone_fragment());
        assert_eq!(again.checkins, config.checkins);
        assert_eq!(again.checkin_reminder_days, Some(7));
        let (config, problems) = Config::from_fragment("reminder=hourly");
        assert_eq!(config.checkin_reminder_days, None);
        assert_eq!(problems[0].attribute, "data-checkin-reminder");
        assert!(Config::from_fragment("").0.checkins.is_empty());
    }

    #[test]
    fn prompt_packs_are_chosen_by_the_clinic_in_its_order() {
        let (config, problems) =
            Config::from_fragment("packs=gratitude%2C%20Before-Session%2Ctarot%2Cgratitude");
        assert_eq!(config.packs, vec!["gratitude", "before-session"]);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].attribute, "data-packs");
        assert!(problems[0].message.contains("tarot"));
        let (again, _) = Config::from_fragment(&config.standalone_fragment());
        assert_eq!(again.packs, config.packs);
        assert_eq!(config.offered_packs().len(), 2);
        // Another test may have installed a clinic pack in this process.
        let own = content_pack::own_packs().len();
        assert_eq!(Config::default().offered_packs().len(), PACKS.len() + own);
    }

    #[test]
    fn the_brand_colour_and_theme_are_read_and_an_unreadable_colour_is_reported() {
        let (config, problems) = Config::from_fragment("accent=%232F5D62&theme=Dark");
        assert_eq!(config.accent, Some(Rgb(0x2f, 0x5d, 0x62)));
        assert_eq!(config.theme, Theme::Dark);
        assert!(problems.is_empty());
        let (again, _) = Config::from_fragment(&config.standalone_fragment());
        assert_eq!((again.accent, again.theme), (config.accent, config.theme));

        let (config, problems) = Config::from_fragment("accent=%23ffcc00");
        assert_eq!(config.accent, Some(Rgb(0xff, 0xcc, 0x00)));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].attribute, "data-accent");
        assert!(
            problems[0].message.starts_with("#ffcc00 has 1."),
            "{}",
            problems[0].message
        );

        let (config, problems) = Config::from_fragment("accent=red;background:url(x)&theme=sepia");
        assert_eq!((config.accent, config.theme), (None, Theme::Auto));
        let attributes: Vec<_> = problems.iter().map(|p| p.attribute).collect();
        assert_eq!(attributes, ["data-accent", "data-theme"]);
    }

    #[test]
    fn percent_decoding_handles_broken_input() {
        assert_eq!(percent_decode("a+b%20c"), "a b c");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%C3%A9"), "é");
        assert_eq!(percent_decode("%FF"), "\u{FFFD}");
    }
}
