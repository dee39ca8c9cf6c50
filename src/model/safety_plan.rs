//! The visitor's safety plan, in the structure of Stanley and Brown's Safety
//! Planning Intervention: six steps to work through, in order, when things
//! get hard, plus reasons for living. Written by the visitor, ideally with
//! their clinician; kept only on their device.
//!
//! Each step is free text, one item per line, so a plan is as easy to write
//! on a phone as a note. Numbers in a line become "Call" and "Text" links.

use serde::{Deserialize, Serialize};

use super::crisis::{self, Contact, ContactKind, Region, Way};
use crate::config::DEFAULT_CLINIC_NAME;
use crate::i18n::{key, tr, trf};

/// Longest text accepted for one step, in characters.
pub const MAX_STEP_CHARS: usize = 4_000;

/// The parts of a safety plan, in the order they are used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// 1. Warning signs that a crisis may be developing.
    WarningSigns,
    /// 2. Things I can do on my own to cope.
    Coping,
    /// 3. People and places that take my mind off things.
    Distractions,
    /// 4. People I can ask for help.
    People,
    /// 5. Professionals and crisis lines.
    Professionals,
    /// 6. Making my environment safer.
    SaferEnvironment,
    /// My reasons for living.
    Reasons,
}

impl Step {
    /// Every part, in order.
    pub const ALL: [Step; 7] = [
        Step::WarningSigns,
        Step::Coping,
        Step::Distractions,
        Step::People,
        Step::Professionals,
        Step::SaferEnvironment,
        Step::Reasons,
    ];

    /// The heading, numbered like the published plan, in the visitor's
    /// language.
    pub fn title(self) -> &'static str {
        tr(match self {
            Step::WarningSigns => key("1. My warning signs"),
            Step::Coping => key("2. Things I can do on my own to cope"),
            Step::Distractions => key("3. People and places that take my mind off things"),
            Step::People => key("4. People I can ask for help"),
            Step::Professionals => key("5. Professionals and crisis lines I can contact"),
            Step::SaferEnvironment => key("6. Making my surroundings safer"),
            Step::Reasons => key("My reasons for living"),
        })
    }

    /// A short prompt under the heading, in the visitor's language.
    pub fn hint(self) -> &'static str {
        tr(match self {
            Step::WarningSigns => {
                key("Thoughts, feelings, situations or behaviour that tell you things are getting harder.")
            }
            Step::Coping => key("Small things that help, even a little: a walk, music, a shower, breathing."),
            Step::Distractions => key("People to be around and places to go, without needing to talk about it."),
            Step::People => key("Names and phone numbers of people you can tell that you are struggling."),
            Step::Professionals => {
                key("Your clinic and crisis lines, with numbers. You can edit these.")
            }
            Step::SaferEnvironment => {
                key("Ways to keep things you might use to hurt yourself out of reach, and who can help with that.")
            }
            Step::Reasons => key("People, hopes, plans, anything that matters to you."),
        })
    }

    /// A stable identifier (element ids, print layout).
    pub fn id(self) -> &'static str {
        match self {
            Step::WarningSigns => "warning-signs",
            Step::Coping => "coping",
            Step::Distractions => "distractions",
            Step::People => "people",
            Step::Professionals => "professionals",
            Step::SaferEnvironment => "safer-environment",
            Step::Reasons => "reasons",
        }
    }
}

/// The plan: each step's text, one item per line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SafetyPlan {
    /// Step 1.
    #[serde(default)]
    pub warning_signs: String,
    /// Step 2.
    #[serde(default)]
    pub coping: String,
    /// Step 3.
    #[serde(default)]
    pub distractions: String,
    /// Step 4.
    #[serde(default)]
    pub people: String,
    /// Step 5.
    #[serde(default)]
    pub professionals: String,
    /// Step 6.
    #[serde(default)]
    pub safer_environment: String,
    /// Reasons for living.
    #[serde(default)]
    pub reasons: String,
    /// When it was last changed (ms since the Unix epoch); 0 if never.
    #[serde(default)]
    pub updated_ms: i64,
}

impl SafetyPlan {
    /// A new plan with step 5 filled in with the clinic and crisis lines.
    pub fn starting_with(professionals: String) -> SafetyPlan {
        SafetyPlan {
            professionals,
            ..SafetyPlan::default()
        }
    }

    /// The text of one step.
    pub fn text(&self, step: Step) -> &str {
        match step {
            Step::WarningSigns => &self.warning_signs,
            Step::Coping => &self.coping,
            Step::Distractions => &self.distractions,
            Step::People => &self.people,
            Step::Professionals => &self.professionals,
            Step::SaferEnvironment => &self.safer_environment,
            Step::Reasons => &self.reasons,
        }
    }

    /// Replaces one step's text (cut at [`MAX_STEP_CHARS`]).
    pub fn set_text(&mut self, step: Step, text: &str, now_ms: i64) {
        let text: String = text.chars().take(MAX_STEP_CHARS).collect();
        let slot = match step {
            Step::WarningSigns => &mut self.warning_signs,
            Step::Coping => &mut self.coping,
            Step::Distractions => &mut self.distractions,
            Step::People => &mut self.people,
            Step::Professionals => &mut self.professionals,
            Step::SaferEnvironment => &mut self.safer_environment,
            Step::Reasons => &mut self.reasons,
        };
        *slot = text;
        self.updated_ms = now_ms;
    }

    /// A step's items: its non-blank lines, trimmed.
    pub fn items(&self, step: Step) -> Vec<&str> {
        self.text(step)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    }

    /// True when nothing has been written in any step.
    pub fn is_empty(&self) -> bool {
        Step::ALL.iter().all(|&s| self.items(s).is_empty())
    }

    /// Of two copies (this browser's and a backup's), the one to keep: the
    /// one changed last, or the one that has anything in it.
    pub fn newer(self, other: SafetyPlan) -> SafetyPlan {
        match (self.is_empty(), other.is_empty()) {
            (true, false) => other,
            (false, true) => self,
            _ if other.updated_ms > self.updated_ms => other,
            _ => self,
        }
    }
}

/// Step 5's starting text, in the visitor's language (it is then theirs to
/// edit): the clinic (with its phone when known), the region's crisis lines
/// that can be called or texted, and the emergency number.
pub fn professionals_to_start_with(
    clinic: &str,
    clinic_phone: Option<&str>,
    region: Region,
) -> String {
    // A clinic that gave no name is "your clinic", in the visitor's words.
    let clinic = if clinic == DEFAULT_CLINIC_NAME {
        tr("your clinic")
    } else {
        clinic
    };
    let mut lines = Vec::new();
    match clinic_phone {
        Some(phone) => lines.push(format!("{clinic}: {phone}")),
        None => lines.push(clinic.to_owned()),
    }
    for line in region.crisis_lines() {
        // One line per number, so each is listed once: "Call or text 988";
        // a single way's label already reads well: "Call 116 123", "Text
        // SHOUT to 85258".
        let phones: Vec<&Contact> = line
            .contacts
            .iter()
            .filter(|c| c.kind != ContactKind::Web && c.only_in.is_none())
            .collect();
        let mut numbers: Vec<&str> = phones.iter().map(|c| c.number()).collect();
        numbers.dedup();
        for number in numbers {
            let ways: Vec<&&Contact> = phones.iter().filter(|c| c.number() == number).collect();
            match ways.as_slice() {
                [call, text]
                    if call.kind == ContactKind::Call
                        && text.kind == ContactKind::Text
                        && text.word().is_empty() =>
                {
                    let how = trf("Call or text {number}", &[("number", number)]);
                    lines.push(format!("{}: {how}", line.name()));
                }
                _ => lines.extend(
                    ways.iter()
                        .map(|way| format!("{}: {}", line.name(), way.label())),
                ),
            }
        }
    }
    lines.push(trf(
        "Emergency: {number}",
        &[("number", region.emergency_number())],
    ));
    lines.join("\n")
}

/// A phone number found in a plan line, for `tel:` and `sms:` links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNumber {
    /// As written, e.g. `07700 900123`.
    pub written: String,
    /// Digits, with a leading `+` if written, e.g. `07700900123`.
    pub dialable: String,
}

/// The last phone number in a line: a run of digits, spaces, `+`, `-`,
/// `.` and brackets holding at least three digits (emergency numbers are
/// three), or `None`.
pub fn phone_number(line: &str) -> Option<PhoneNumber> {
    let is_part = |c: char| c.is_ascii_digit() || " +-.()".contains(c);
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut best = None;
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_ascii_digit() && chars[i].1 != '+' && chars[i].1 != '(' {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_part(chars[i].1) {
            i += 1;
        }
        let end = chars.get(i).map_or(line.len(), |&(at, _)| at);
        let written = line[chars[start].0..end]
            .trim()
            .trim_end_matches(['-', '.', '(']);
        let digits = written.chars().filter(char::is_ascii_digit).count();
        if digits >= 3 {
            let plus = written.trim_start_matches(['(', ' ']).starts_with('+');
            let dialable = plus
                .then_some('+')
                .into_iter()
                .chain(written.chars().filter(char::is_ascii_digit))
                .collect();
            best = Some(PhoneNumber {
                written: written.to_owned(),
                dialable,
            });
        }
        i = i.max(start + 1);
    }
    best
}

/// A link offered beside a plan line that holds a phone number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanLink {
    /// Call or text.
    pub kind: ContactKind,
    /// `tel:` or `sms:` (with the word a service expects as the message).
    pub href: String,
}

/// The number in a plan line and the ways to use it: only those a known
/// crisis line or emergency number offers (see [`crisis::known_ways`]),
/// otherwise call and text. `None` when the line holds no number.
pub fn links(line: &str) -> Option<(PhoneNumber, Vec<PlanLink>)> {
    let number = phone_number(line)?;
    let ways = crisis::known_ways(&number.dialable).unwrap_or_else(|| {
        [ContactKind::Call, ContactKind::Text]
            .map(|kind| Way { kind, word: "" })
            .to_vec()
    });
    let links = ways
        .into_iter()
        .map(|way| PlanLink {
            kind: way.kind,
            href: match (way.kind, way.word) {
                (ContactKind::Call, _) => format!("tel:{}", number.dialable),
                (_, "") => format!("sms:{}", number.dialable),
                (_, word) => format!("sms:{}?&body={word}", number.dialable),
            },
        })
        .collect();
    Some((number, links))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_follow_the_published_order() {
        let titles: Vec<_> = Step::ALL.iter().map(|s| s.title()).collect();
        assert!(titles[0].starts_with("1. ") && titles[5].starts_with("6. "));
        assert_eq!(titles[6], "My reasons for living");
    }

    #[test]
    fn items_are_the_non_blank_lines() {
        let mut plan = SafetyPlan::default();
        assert!(plan.is_empty());
        plan.set_text(Step::Coping, "  walk the dog \n\n  music\n   ", 5);
        assert_eq!(plan.items(Step::Coping), vec!["walk the dog", "music"]);
        assert_eq!(plan.updated_ms, 5);
        assert!(!plan.is_empty());
    }

    #[test]
    fn a_step_is_cut_at_the_limit() {
        let mut plan = SafetyPlan::default();
        plan.set_text(Step::Reasons, &"é".repeat(MAX_STEP_CHARS + 10), 1);
        assert_eq!(plan.reasons.chars().count(), MAX_STEP_CHARS);
    }

    #[test]
    fn step_five_starts_with_the_clinic_and_the_region_s_lines() {
        let text = professionals_to_start_with("Harbour Clinic", Some("020 7946 0000"), Region::Uk);
        let lines: Vec<_> = text.lines().collect();
        assert_eq!(lines[0], "Harbour Clinic: 020 7946 0000");
        assert!(lines.contains(&"Samaritans: Call 116 123"), "{text}");
        assert_eq!(*lines.last().unwrap(), "Emergency: 999");
        let us = professionals_to_start_with("your clinic", None, Region::Us);
        assert!(us.contains("988"), "{us}");
    }

    #[test]
    fn step_five_lists_each_number_once() {
        // Regression: 988 was listed twice (call, then text) and the Crisis
        // Text Line's line offered a call.
        let us = professionals_to_start_with("Harbour Clinic", None, Region::Us);
        let lines: Vec<_> = us.lines().collect();
        assert_eq!(
            lines,
            [
                "Harbour Clinic",
                "988 Suicide & Crisis Lifeline: Call or text 988",
                "Crisis Text Line: Text HOME to 741741",
                "Emergency: 911",
            ]
        );
        let au = professionals_to_start_with("your clinic", None, Region::Au);
        assert!(
            au.contains("Lifeline: Call 13 11 14\nLifeline: Text 0477 13 11 14"),
            "{au}"
        );
        for region in [
            Region::Uk,
            Region::Ie,
            Region::Ca,
            Region::Nz,
            Region::International,
        ] {
            let text = professionals_to_start_with("c", None, region);
            let numbers: Vec<_> = text.lines().filter_map(phone_number).collect();
            let mut unique = numbers.clone();
            unique.dedup();
            assert_eq!(numbers, unique, "{text}");
        }
    }

    fn kinds_and_hrefs(line: &str) -> Vec<(ContactKind, String)> {
        links(line)
            .map(|(_, links)| links.into_iter().map(|l| (l.kind, l.href)).collect())
            .unwrap_or_default()
    }

    #[test]
    fn plan_lines_offer_only_what_the_number_supports() {
        use ContactKind::{Call, Text};
        assert_eq!(
            kinds_and_hrefs("Crisis Text Line: Text HOME to 741741"),
            [(Text, "sms:741741?&body=HOME".to_owned())]
        );
        assert_eq!(
            kinds_and_hrefs("Emergency: 911"),
            [(Call, "tel:911".to_owned())]
        );
        assert_eq!(
            kinds_and_hrefs("Notfall: 112"),
            [(Call, "tel:112".to_owned())]
        );
        assert_eq!(
            kinds_and_hrefs("988 Suicide & Crisis Lifeline: Call or text 988"),
            [(Call, "tel:988".to_owned()), (Text, "sms:988".to_owned())]
        );
        assert_eq!(
            kinds_and_hrefs("Shout: Text SHOUT to 85258"),
            [(Text, "sms:85258?&body=SHOUT".to_owned())]
        );
        assert_eq!(
            kinds_and_hrefs("Samaritans: Call 116 123"),
            [(Call, "tel:116123".to_owned())]
        );
        // A person's number: both, as the visitor may do either.
        assert_eq!(
            kinds_and_hrefs("Mum 07700 900123"),
            [
                (Call, "tel:07700900123".to_owned()),
                (Text, "sms:07700900123".to_owned())
            ]
        );
        assert_eq!(kinds_and_hrefs("Go for a walk"), []);
    }

    #[test]
    fn every_line_a_plan_starts_with_offers_what_its_service_offers() {
        // Each step-5 line's links are exactly the ways its region lists
        // for that number (or a call, for the emergency number).
        for region in Region::ALL {
            let text = professionals_to_start_with("Clinic", None, region);
            for line in text.lines().skip(1) {
                let (number, links) = links(line).expect(line);
                let expected: Vec<ContactKind> = if number.dialable == region.emergency_number() {
                    vec![ContactKind::Call]
                } else {
                    region
                        .crisis_lines()
                        .iter()
                        .flat_map(|l| l.contacts)
                        .filter(|c| c.dialable() == number.dialable && c.only_in.is_none())
                        .map(|c| c.kind)
                        .collect()
                };
                let kinds: Vec<_> = links.iter().map(|l| l.kind).collect();
                assert_eq!(kinds, expected, "{line}");
            }
        }
    }

    #[test]
    fn numbers_in_lines_are_found() {
        let found = |l: &str| phone_number(l).map(|p| p.dialable);
        assert_eq!(found("Mum 07700 900123"), Some("07700900123".into()));
        assert_eq!(found("Samaritans: Call 116 123"), Some("116123".into()));
        assert_eq!(
            found("Dr Lee (+44) 20-7946-0000 ext"),
            Some("+442079460000".into())
        );
        assert_eq!(found("Emergency: 999"), Some("999".into()));
        assert_eq!(
            found("Crisis text line: text HOME to 741741"),
            Some("741741".into())
        );
        assert_eq!(found("Call 10 or 2"), None);
        assert_eq!(found("Go for a walk"), None);
        assert_eq!(found(""), None);
        assert_eq!(
            phone_number("Aunt Jo 555 0100.").unwrap().written,
            "555 0100"
        );
    }

    #[test]
    fn the_newer_or_non_empty_copy_is_kept() {
        let mut old = SafetyPlan::default();
        old.set_text(Step::Coping, "old", 1);
        let mut new = SafetyPlan::default();
        new.set_text(Step::Coping, "new", 2);
        assert_eq!(old.clone().newer(new.clone()).coping, "new");
        assert_eq!(new.clone().newer(old.clone()).coping, "new");
        assert_eq!(SafetyPlan::default().newer(old.clone()).coping, "old");
        let emptied_later = SafetyPlan {
            updated_ms: 10,
            ..SafetyPlan::default()
        };
        assert_eq!(old.newer(emptied_later).coping, "old");
    }

    #[test]
    fn a_stored_plan_round_trips_and_tolerates_missing_fields() {
        let mut plan = SafetyPlan::starting_with("Clinic".into());
        plan.set_text(Step::People, "Sam 0123 456", 9);
        let json = serde_json::to_string(&plan).unwrap();
        assert_eq!(serde_json::from_str::<SafetyPlan>(&json).unwrap(), plan);
        let partial: SafetyPlan = serde_json::from_str(r#"{"coping":"tea"}"#).unwrap();
        assert_eq!(partial.coping, "tea");
    }
}
