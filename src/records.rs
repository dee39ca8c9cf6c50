//! The stored format of each record, by its key: which keys are
//! Interlude's, which hold what the visitor wrote (sealed under a lock),
//! and which form a record takes with and without a lock. Pure rules on the
//! key, the stored text and whether a lock is set, so they are tested
//! natively (property tests below); `storage` applies them to the browser's
//! storage.

use crate::packing;
use crate::vault;

/// Every key Interlude owns starts with this.
pub const PREFIX: &str = "interlude.v1.";
/// The newest layout this build reads and the one it writes: 1 held plain
/// JSON; 2 could hold sealed records; 3 holds packed records. A build
/// finding a higher number stays read-only, so it never overwrites what it
/// cannot read.
pub const SCHEMA: u32 = 3;

/// The layout marker: `{"schema":3}`.
pub const META_KEY: &str = "interlude.v1.meta";
/// The visitor's preferences.
pub const SETTINGS_KEY: &str = "interlude.v1.settings";
/// What is being written, in this tab.
pub const DRAFT_KEY: &str = "interlude.v1.draft";
/// The clinic configuration last opened with, for the installed app.
pub const CLINIC_KEY: &str = "interlude.v1.clinic";
/// The safety plan.
pub const SAFETY_PLAN_KEY: &str = "interlude.v1.safety-plan";
/// One entry per key: this, then its id.
pub const ENTRY_PREFIX: &str = "interlude.v1.entry.";
/// One check-in result per key: this, then an id.
pub const CHECKIN_PREFIX: &str = "interlude.v1.checkin.";
/// A value that could not be read, kept verbatim: this, then its key.
pub const QUARANTINE_PREFIX: &str = "interlude.v1.quarantine.";
/// Written and removed once to learn whether storage works.
pub const PROBE_KEY: &str = "interlude.v1.probe";
/// The passphrase lock's record (the wrapped data key).
pub const LOCK_KEY: &str = "interlude.v1.lock";

/// True for keys whose change in another tab should refresh this one:
/// ours, except the per-tab draft and the availability probe.
pub fn is_shared_record(key: &str) -> bool {
    key.starts_with(PREFIX) && key != DRAFT_KEY && key != PROBE_KEY
}

/// Records that hold what the visitor wrote or chose, sealed under a lock.
pub fn is_sealable(key: &str) -> bool {
    key.starts_with(ENTRY_PREFIX)
        || key.starts_with(CHECKIN_PREFIX)
        || key.starts_with(QUARANTINE_PREFIX)
        || key == DRAFT_KEY
        || key == SETTINGS_KEY
        || key == SAFETY_PLAN_KEY
}

/// True when `raw` is already in the form this build writes for `key`.
pub fn is_current_form(key: &str, raw: &str, lock_set: bool) -> bool {
    if lock_set {
        vault::is_sealed_packed(raw)
    } else if key == SETTINGS_KEY {
        !vault::is_sealed(raw) && !packing::is_packed(raw)
    } else {
        packing::is_packed(raw)
    }
}

/// How a record's content is stored without a lock: settings as plain JSON
/// (through `gloo-storage`), quarantined values verbatim, the rest packed.
pub fn unlocked_form(key: &str, content: &str) -> String {
    if packed_when_unlocked(key) {
        packing::pack(content)
    } else {
        content.to_owned()
    }
}

/// True for the records stored packed without a lock.
pub fn packed_when_unlocked(key: &str) -> bool {
    key != SETTINGS_KEY && !key.starts_with(QUARANTINE_PREFIX)
}

/// True for a packed record; a quarantined value is kept verbatim, even
/// when it looks packed.
pub fn is_packed_record(key: &str, raw: &str) -> bool {
    packing::is_packed(raw) && !key.starts_with(QUARANTINE_PREFIX)
}

/// A packed record's compressed bytes, when they inflate to text: sealed
/// as they are (they open to the same JSON as compressing it again would).
pub fn sound_packed_bytes(key: &str, raw: &str) -> Option<Vec<u8>> {
    let bytes = packing::packed_bytes(raw).ok()?;
    let sound = is_packed_record(key, raw)
        && packing::decompress(&bytes).is_ok_and(|text| std::str::from_utf8(&text).is_ok());
    sound.then_some(bytes)
}

/// The content of an unsealed stored value, to be sealed: a packed record's
/// JSON, anything else (and a quarantined value) as it is.
pub fn unsealed_content(key: &str, raw: &str) -> String {
    if is_packed_record(key, raw) {
        packing::unpack(raw).unwrap_or_else(|_| raw.to_owned())
    } else {
        raw.to_owned()
    }
}

// Natively: proptest is a native-only dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::vault::DataKey;
    use proptest::prelude::*;

    /// Every kind of record key, with ids.
    fn record_key() -> impl Strategy<Value = String> {
        prop_oneof![
            "[0-9a-f]{32}".prop_map(|id| format!("{ENTRY_PREFIX}{id}")),
            "[0-9a-f]{32}".prop_map(|id| format!("{CHECKIN_PREFIX}{id}")),
            "[0-9a-f]{32}".prop_map(|id| format!("{QUARANTINE_PREFIX}{ENTRY_PREFIX}{id}")),
            Just(DRAFT_KEY.to_owned()),
            Just(SETTINGS_KEY.to_owned()),
            Just(SAFETY_PLAN_KEY.to_owned()),
        ]
    }

    proptest! {
        #[test]
        fn what_is_stored_without_a_lock_reads_back_as_written(key in record_key(), content in any::<String>()) {
            let stored = unlocked_form(&key, &content);
            prop_assert_eq!(unsealed_content(&key, &stored), content.clone());
            // Packed exactly where packing belongs, and then sound.
            prop_assert_eq!(is_packed_record(&key, &stored), packed_when_unlocked(&key));
            if packed_when_unlocked(&key) {
                let bytes = sound_packed_bytes(&key, &stored);
                prop_assert!(bytes.is_some());
                prop_assert!(is_current_form(&key, &stored, false));
            }
        }

        #[test]
        fn a_quarantined_value_is_kept_verbatim_even_when_it_looks_packed(id in "[0-9a-f]{8}", content in any::<String>()) {
            let key = format!("{QUARANTINE_PREFIX}{ENTRY_PREFIX}{id}");
            let looks_packed = packing::pack(&content);
            prop_assert!(!is_packed_record(&key, &looks_packed));
            prop_assert_eq!(unlocked_form(&key, &looks_packed), looks_packed.clone());
            prop_assert_eq!(unsealed_content(&key, &looks_packed), looks_packed);
        }

        #[test]
        fn a_sealed_record_is_the_current_form_under_a_lock_and_opens_to_its_json(
            key in record_key(),
            json in any::<String>(),
            key_bytes in any::<[u8; 32]>(),
            nonce in any::<[u8; 12]>(),
        ) {
            let data_key = DataKey::from_bytes(key_bytes);
            let sealed = data_key.seal_packed(&key, &json, nonce);
            prop_assert!(is_current_form(&key, &sealed, true));
            prop_assert!(!is_current_form(&key, &unlocked_form(&key, &json), true));
            prop_assert_eq!(data_key.open(&key, &sealed), Ok(json));
        }
    }

    #[test]
    fn settings_are_plain_json_without_a_lock_and_sealed_with_one() {
        let json = r#"{"acknowledged_ms":1}"#;
        assert_eq!(unlocked_form(SETTINGS_KEY, json), json);
        assert!(is_current_form(SETTINGS_KEY, json, false));
        assert!(!is_current_form(SETTINGS_KEY, &packing::pack(json), false));
        assert!(is_sealable(SETTINGS_KEY));
    }

    #[test]
    fn only_what_the_visitor_wrote_or_chose_is_sealed() {
        for key in [DRAFT_KEY, SETTINGS_KEY, SAFETY_PLAN_KEY] {
            assert!(is_sealable(key), "{key}");
        }
        assert!(is_sealable(&format!("{ENTRY_PREFIX}abc")));
        assert!(is_sealable(&format!("{CHECKIN_PREFIX}abc")));
        assert!(is_sealable(&format!("{QUARANTINE_PREFIX}x")));
        // The lock record, the layout marker, the clinic's configuration
        // and the probe hold nothing the visitor wrote.
        for key in [LOCK_KEY, META_KEY, CLINIC_KEY, PROBE_KEY] {
            assert!(!is_sealable(key), "{key}");
        }
    }

    #[test]
    fn other_tabs_hear_of_records_but_not_of_drafts_or_keys_not_ours() {
        assert!(is_shared_record(&format!("{ENTRY_PREFIX}abc")));
        assert!(is_shared_record(SETTINGS_KEY));
        assert!(is_shared_record(LOCK_KEY));
        assert!(!is_shared_record(DRAFT_KEY));
        assert!(!is_shared_record(PROBE_KEY));
        assert!(!is_shared_record("clinic.cart"));
    }
}
