//! Crisis lines by region. Shown one tap away on every screen.
//!
//! Defaults follow the clinic's configured region. Each region offers ways
//! to reach someone without calling (text or chat) wherever they exist.

/// Where the clinic is, for choosing default crisis lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    /// United States.
    Us,
    /// United Kingdom.
    Uk,
    /// Ireland.
    Ie,
    /// Canada.
    Ca,
    /// Australia.
    Au,
    /// New Zealand.
    Nz,
    /// Anywhere else: general guidance and a directory of helplines.
    International,
}

impl Region {
    /// The region for a clinic-supplied code (case-insensitive): `US`,
    /// `UK`/`GB`, `IE`, `CA`, `AU`, `NZ`, `INTL`.
    pub fn from_code(code: &str) -> Option<Region> {
        match code.trim().to_ascii_uppercase().as_str() {
            "US" => Some(Region::Us),
            "UK" | "GB" => Some(Region::Uk),
            "IE" => Some(Region::Ie),
            "CA" => Some(Region::Ca),
            "AU" => Some(Region::Au),
            "NZ" => Some(Region::Nz),
            "INTL" | "INTERNATIONAL" => Some(Region::International),
            _ => None,
        }
    }

    /// The code that selects this region.
    pub fn code(self) -> &'static str {
        match self {
            Region::Us => "US",
            Region::Uk => "UK",
            Region::Ie => "IE",
            Region::Ca => "CA",
            Region::Au => "AU",
            Region::Nz => "NZ",
            Region::International => "INTL",
        }
    }

    /// The emergency number to call when life is in danger right now.
    pub fn emergency_number(self) -> &'static str {
        match self {
            Region::Us | Region::Ca => "911",
            Region::Uk => "999",
            Region::Ie => "112",
            Region::Au => "000",
            Region::Nz => "111",
            Region::International => "112",
        }
    }

    /// Crisis lines for this region, most broadly useful first.
    pub fn crisis_lines(self) -> &'static [CrisisLine] {
        match self {
            Region::Us => US,
            Region::Uk => UK,
            Region::Ie => IE,
            Region::Ca => CA,
            Region::Au => AU,
            Region::Nz => NZ,
            Region::International => INTERNATIONAL,
        }
    }
}

/// How to reach a crisis line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactKind {
    /// A phone call (`tel:`).
    Call,
    /// A text message (`sms:`).
    Text,
    /// A website with chat or a directory, opened in a new tab.
    Web,
}

/// One way to reach a crisis line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contact {
    /// Call, text or web.
    pub kind: ContactKind,
    /// What the visitor reads on the link, e.g. "Call 988".
    pub label: &'static str,
    /// The link target (`tel:`, `sms:` or `https:`).
    pub href: &'static str,
}

/// A crisis service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CrisisLine {
    /// Its name.
    pub name: &'static str,
    /// Who it is for and when it is open.
    pub detail: &'static str,
    /// Ways to reach it.
    pub contacts: &'static [Contact],
}

const fn call(label: &'static str, href: &'static str) -> Contact {
    Contact {
        kind: ContactKind::Call,
        label,
        href,
    }
}

const fn text(label: &'static str, href: &'static str) -> Contact {
    Contact {
        kind: ContactKind::Text,
        label,
        href,
    }
}

const fn web(label: &'static str, href: &'static str) -> Contact {
    Contact {
        kind: ContactKind::Web,
        label,
        href,
    }
}

const US: &[CrisisLine] = &[
    CrisisLine {
        name: "988 Suicide & Crisis Lifeline",
        detail: "Free and confidential, 24 hours a day. Call, text or chat.",
        contacts: &[
            call("Call 988", "tel:988"),
            text("Text 988", "sms:988"),
            web("Chat online", "https://988lifeline.org/chat/"),
        ],
    },
    CrisisLine {
        name: "Crisis Text Line",
        detail: "Text with a trained volunteer, 24 hours a day.",
        contacts: &[text("Text HOME to 741741", "sms:741741?&body=HOME")],
    },
];

const UK: &[CrisisLine] = &[
    CrisisLine {
        name: "Samaritans",
        detail: "Free to call, 24 hours a day, every day.",
        contacts: &[call("Call 116 123", "tel:116123")],
    },
    CrisisLine {
        name: "Shout",
        detail: "Free, confidential text support, 24 hours a day.",
        contacts: &[text("Text SHOUT to 85258", "sms:85258?&body=SHOUT")],
    },
    CrisisLine {
        name: "NHS 111",
        detail:
            "Urgent mental health help in England: call 111 and choose the mental health option.",
        contacts: &[call("Call 111", "tel:111")],
    },
];

const IE: &[CrisisLine] = &[
    CrisisLine {
        name: "Samaritans Ireland",
        detail: "Free to call, 24 hours a day, every day.",
        contacts: &[call("Call 116 123", "tel:116123")],
    },
    CrisisLine {
        name: "Text About It (50808)",
        detail: "Free text support, 24 hours a day.",
        contacts: &[text("Text HELLO to 50808", "sms:50808?&body=HELLO")],
    },
];

const CA: &[CrisisLine] = &[CrisisLine {
    name: "9-8-8 Suicide Crisis Helpline",
    detail: "Free, 24 hours a day, in English and French. Call or text.",
    contacts: &[call("Call 988", "tel:988"), text("Text 988", "sms:988")],
}];

const AU: &[CrisisLine] = &[CrisisLine {
    name: "Lifeline",
    detail: "Free crisis support, 24 hours a day. Call or text.",
    contacts: &[
        call("Call 13 11 14", "tel:131114"),
        text("Text 0477 13 11 14", "sms:0477131114"),
    ],
}];

const NZ: &[CrisisLine] = &[CrisisLine {
    name: "Need to talk? 1737",
    detail: "Free call or text, 24 hours a day, with a trained counsellor.",
    contacts: &[call("Call 1737", "tel:1737"), text("Text 1737", "sms:1737")],
}];

const INTERNATIONAL: &[CrisisLine] = &[CrisisLine {
    name: "Find a helpline near you",
    detail: "A free directory of crisis lines in many countries, including text and chat services.",
    contacts: &[web("Open Find A Helpline", "https://findahelpline.com/")],
}];

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Region; 7] = [
        Region::Us,
        Region::Uk,
        Region::Ie,
        Region::Ca,
        Region::Au,
        Region::Nz,
        Region::International,
    ];

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for region in ALL {
            assert_eq!(Region::from_code(region.code()), Some(region));
        }
        assert_eq!(Region::from_code(" gb "), Some(Region::Uk));
        assert_eq!(Region::from_code("Atlantis"), None);
        assert_eq!(Region::from_code(""), None);
    }

    #[test]
    fn the_defaults_named_in_the_design_are_there() {
        let hrefs = |r: Region| -> Vec<&str> {
            r.crisis_lines()
                .iter()
                .flat_map(|l| l.contacts)
                .map(|c| c.href)
                .collect()
        };
        assert!(hrefs(Region::Us).contains(&"tel:988"));
        assert!(hrefs(Region::Us).contains(&"sms:988"));
        assert!(hrefs(Region::Uk).contains(&"tel:116123"));
        assert!(hrefs(Region::Uk).contains(&"sms:85258?&body=SHOUT"));
        assert_eq!(Region::Uk.emergency_number(), "999");
        assert_eq!(Region::Us.emergency_number(), "911");
        assert_eq!(Region::International.emergency_number(), "112");
    }

    #[test]
    fn every_contact_is_a_call_text_or_secure_web_link() {
        for region in ALL {
            assert!(!region.crisis_lines().is_empty());
            for contact in region.crisis_lines().iter().flat_map(|l| l.contacts) {
                let scheme_ok = match contact.kind {
                    ContactKind::Call => contact.href.starts_with("tel:"),
                    ContactKind::Text => contact.href.starts_with("sms:"),
                    ContactKind::Web => contact.href.starts_with("https://"),
                };
                assert!(scheme_ok, "{contact:?}");
            }
        }
    }

    #[test]
    fn every_region_but_international_offers_a_way_without_calling() {
        for region in ALL {
            let kinds: Vec<_> = region
                .crisis_lines()
                .iter()
                .flat_map(|l| l.contacts)
                .map(|c| c.kind)
                .collect();
            assert!(kinds.iter().any(|k| *k != ContactKind::Call), "{region:?}");
        }
    }
}
