//! The passphrase lock's envelope: how records are encrypted at rest.
//!
//! Pure Rust and deterministic (callers pass in the random bytes), so every
//! rule here is tested natively, including known-answer vectors made with an
//! independent implementation (Node's `crypto`).
//!
//! Keys:
//!
//! * a **data key**: 32 random bytes; every stored record is sealed with it
//!   using AES-256-GCM, a fresh random 96-bit nonce per write, and the record's
//!   storage key as associated data, so a record moved to another key (or
//!   swapped with another) fails to open instead of showing the wrong text;
//! * a **key-encryption key** derived from the passphrase with
//!   PBKDF2-HMAC-SHA256 ([`MIN_ITERATIONS`] or more, a random 128-bit salt;
//!   the browser's WebCrypto does the derivation off the page's thread). It
//!   only wraps the data key, so changing the passphrase rewrites one record.
//!
//! No hash of the passphrase is stored: a wrong passphrase is simply a key
//! that fails to open the wrapped data key.
//!
//! Stored forms:
//!
//! * lock record: `{"v":1,"kdf":"PBKDF2-SHA256","iterations":600000,
//!   "salt":"<base64>","key":"<base64 nonce‖wrapped data key‖tag>"}`
//! * sealed record: `sealed.v2.<nonce‖ciphertext‖tag in 15-bit units>`,
//!   whose plaintext is the record's JSON compressed with raw DEFLATE
//!   ([`crate::packing`]); older builds wrote `sealed.v1.<base64 …>` of the
//!   JSON itself, which still opens
//! * encrypted backup file: the lock record's fields plus `format`,
//!   `interlude_version` (the release that wrote it; not read back),
//!   `exported_at` and `data` (the sealed backup payload, label [`BACKUP_LABEL`]).

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, Zeroizing};

use crate::i18n::{tr, trn};
use crate::packing;

/// The fewest PBKDF2-SHA256 iterations accepted (OWASP's 2023 recommendation).
pub const MIN_ITERATIONS: u32 = 600_000;
/// The most accepted: a lock record asking for more is damaged or hostile
/// (it would make unlocking take minutes).
pub const MAX_ITERATIONS: u32 = 10_000_000;
/// Iterations used for new passphrases.
pub const DEFAULT_ITERATIONS: u32 = MIN_ITERATIONS;
/// Salt length in bytes.
pub const SALT_LEN: usize = 16;
/// AES-GCM nonce length in bytes.
pub const NONCE_LEN: usize = 12;
/// Key length in bytes (AES-256).
pub const KEY_LEN: usize = 32;
/// Shortest passphrase accepted, in characters.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// Associated data label of an encrypted backup's payload.
pub const BACKUP_LABEL: &str = "interlude.backup";
/// `format` of an encrypted backup file.
pub const BACKUP_FORMAT: &str = "interlude-encrypted-backup";

const SEALED_PREFIX: &str = "sealed.v1.";
/// How an encrypted backup's data starts, before the base64 of its sealed
/// bytes.
pub const SEALED_BACKUP_PREFIX: &str = SEALED_PREFIX;
const SEALED_PACKED_PREFIX: &str = "sealed.v2.";
/// What every sealed value starts with, whatever its version.
pub const SEALED_MARK: &str = "sealed.v";
const KDF_NAME: &str = "PBKDF2-SHA256";
const TAG_LEN: usize = 16;

/// Why something in the envelope could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VaultError {
    /// Not in the expected shape (not JSON, missing fields, bad base64, wrong lengths).
    Malformed,
    /// Made by a newer version of Interlude.
    UnsupportedVersion,
    /// Key derivation parameters outside the accepted range.
    WeakParameters,
    /// The passphrase did not open the data key.
    WrongPassphrase,
    /// A sealed record failed authentication: changed, truncated, or moved
    /// from another key.
    Tampered,
}

/// How a passphrase becomes a key-encryption key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KdfParams {
    /// PBKDF2 iteration count.
    pub iterations: u32,
    /// Random salt.
    pub salt: [u8; SALT_LEN],
}

impl KdfParams {
    /// Parameters for a new passphrase.
    pub fn new(salt: [u8; SALT_LEN]) -> KdfParams {
        KdfParams {
            iterations: DEFAULT_ITERATIONS,
            salt,
        }
    }

    /// Rejects parameters that are too weak (or absurdly costly).
    pub fn validate(&self) -> Result<(), VaultError> {
        if (MIN_ITERATIONS..=MAX_ITERATIONS).contains(&self.iterations) {
            Ok(())
        } else {
            Err(VaultError::WeakParameters)
        }
    }
}

/// A key derived from the passphrase; wiped from memory when dropped.
pub struct KeyEncryptionKey(Zeroizing<[u8; KEY_LEN]>);

impl KeyEncryptionKey {
    /// Takes the derived bytes (the caller's copy should be wiped).
    pub fn from_bytes(bytes: [u8; KEY_LEN]) -> KeyEncryptionKey {
        KeyEncryptionKey(Zeroizing::new(bytes))
    }
}

/// Checks a new passphrase and its confirmation.
pub fn check_new_passphrase(passphrase: &str, confirmation: &str) -> Result<(), PassphraseProblem> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        Err(PassphraseProblem::TooShort)
    } else if passphrase != confirmation {
        Err(PassphraseProblem::DoesNotMatch)
    } else {
        Ok(())
    }
}

/// Why a new passphrase was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PassphraseProblem {
    /// Shorter than [`MIN_PASSPHRASE_CHARS`].
    TooShort,
    /// The two fields differ.
    DoesNotMatch,
}

impl PassphraseProblem {
    /// What the visitor is told.
    pub fn message(self) -> String {
        match self {
            PassphraseProblem::TooShort => trn(
                "Please use at least {n} character. \
                 A few unrelated words are easy to remember and hard to guess.|\
                 Please use at least {n} characters. \
                 A few unrelated words are easy to remember and hard to guess.",
                MIN_PASSPHRASE_CHARS as u64,
            ),
            PassphraseProblem::DoesNotMatch => {
                tr("The two passphrases are different. Please type the same one twice.").into()
            }
        }
    }
}

/// The key every record is sealed with. Its bytes are wiped when dropped
/// (locking drops it).
pub struct DataKey {
    bytes: Zeroizing<[u8; KEY_LEN]>,
    cipher: Aes256Gcm,
}

impl DataKey {
    /// A data key from random bytes (the caller's copy should be wiped).
    pub fn from_bytes(bytes: [u8; KEY_LEN]) -> DataKey {
        let bytes = Zeroizing::new(bytes);
        let cipher = Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(bytes.as_slice()));
        DataKey { bytes, cipher }
    }

    /// A copy of the key's bytes (wiped when dropped), for the browser's
    /// AES-GCM: a backup of years of entries is sealed there, off the
    /// page's thread (see `webcrypto::seal_in_browser`).
    pub fn to_bytes(&self) -> Zeroizing<[u8; KEY_LEN]> {
        self.bytes.clone()
    }

    /// Seals `plaintext` under `label` (its storage key) in the first
    /// stored form, `sealed.v1.` + base64. Builds before packed records
    /// wrote it; storage now writes [`Self::seal_packed`], and this stays to
    /// make test fixtures of journals those builds left.
    pub fn seal(&self, label: &str, plaintext: &str, nonce: [u8; NONCE_LEN]) -> String {
        let sealed = seal_bytes(&self.cipher, label.as_bytes(), plaintext.as_bytes(), nonce);
        format!("{SEALED_PREFIX}{}", base64::encode(&sealed))
    }

    /// Seals a record's JSON packed: compressed, then sealed, then written
    /// 15 bits per code unit (see [`crate::packing`]). What storage writes.
    pub fn seal_packed(&self, label: &str, json: &str, nonce: [u8; NONCE_LEN]) -> String {
        self.seal_compressed(label, &packing::compress(json.as_bytes()), nonce)
    }

    /// [`Self::seal_packed`] of JSON already compressed (a packed record's
    /// bytes, see [`packing::packed_bytes`]): turning the lock on seals
    /// years of records without inflating and compressing each again.
    pub fn seal_compressed(
        &self,
        label: &str,
        compressed: &[u8],
        nonce: [u8; NONCE_LEN],
    ) -> String {
        let sealed = seal_bytes(&self.cipher, label.as_bytes(), compressed, nonce);
        format!("{SEALED_PACKED_PREFIX}{}", packing::units::encode(&sealed))
    }

    /// The compressed bytes sealed in a value made by
    /// [`Self::seal_packed`], not inflated: removing the lock stores them
    /// packed as they are.
    pub fn open_compressed(&self, label: &str, stored: &str) -> Result<Vec<u8>, VaultError> {
        let encoded = stored
            .strip_prefix(SEALED_PACKED_PREFIX)
            .ok_or(VaultError::Malformed)?;
        let sealed = packing::units::decode(encoded).map_err(|_| VaultError::Malformed)?;
        open_bytes(&self.cipher, label.as_bytes(), &sealed)
    }

    /// Opens a value made by [`Self::seal`] or [`Self::seal_packed`] with
    /// the same `label`.
    pub fn open(&self, label: &str, stored: &str) -> Result<String, VaultError> {
        let plain = if let Some(encoded) = stored.strip_prefix(SEALED_PACKED_PREFIX) {
            let sealed = packing::units::decode(encoded).map_err(|_| VaultError::Malformed)?;
            let compressed = open_bytes(&self.cipher, label.as_bytes(), &sealed)?;
            packing::decompress(&compressed).map_err(|_| VaultError::Malformed)?
        } else {
            let encoded = stored
                .strip_prefix(SEALED_PREFIX)
                .ok_or(VaultError::Malformed)?;
            let sealed = base64::decode(encoded).ok_or(VaultError::Malformed)?;
            open_bytes(&self.cipher, label.as_bytes(), &sealed)?
        };
        String::from_utf8(plain).map_err(|_| VaultError::Malformed)
    }
}

/// True when a stored value is sealed (rather than plain or packed JSON).
pub fn is_sealed(stored: &str) -> bool {
    stored.starts_with(SEALED_PREFIX) || stored.starts_with(SEALED_PACKED_PREFIX)
}

/// True when a stored value is sealed in the current form.
pub fn is_sealed_packed(stored: &str) -> bool {
    stored.starts_with(SEALED_PACKED_PREFIX)
}

/// The data key wrapped by a passphrase: the only thing needed, with the
/// passphrase, to open sealed records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockRecord {
    /// How the passphrase becomes the key-encryption key.
    pub kdf: KdfParams,
    /// `nonce ‖ AES-GCM(data key) ‖ tag`.
    wrapped_key: Vec<u8>,
}

#[derive(Serialize, Deserialize)]
struct LockRecordJson {
    v: u32,
    kdf: String,
    iterations: u32,
    salt: String,
    key: String,
}

impl LockRecord {
    /// Wraps `data_key` under `kek` (derived with `kdf`).
    pub fn wrap(
        kdf: KdfParams,
        kek: &KeyEncryptionKey,
        data_key: &DataKey,
        nonce: [u8; NONCE_LEN],
    ) -> LockRecord {
        let cipher = Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(kek.0.as_slice()));
        let wrapped_key = seal_bytes(&cipher, &wrap_label(&kdf), data_key.bytes.as_slice(), nonce);
        LockRecord { kdf, wrapped_key }
    }

    /// Opens the data key; [`VaultError::WrongPassphrase`] when `kek` was
    /// derived from another passphrase (or the record was altered).
    pub fn unwrap_key(&self, kek: &KeyEncryptionKey) -> Result<DataKey, VaultError> {
        let cipher = Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(kek.0.as_slice()));
        let mut plain = open_bytes(&cipher, &wrap_label(&self.kdf), &self.wrapped_key)
            .map_err(|_| VaultError::WrongPassphrase)?;
        let mut bytes = [0u8; KEY_LEN];
        let result = if plain.len() == KEY_LEN {
            bytes.copy_from_slice(&plain);
            Ok(DataKey::from_bytes(bytes))
        } else {
            Err(VaultError::Malformed)
        };
        plain.zeroize();
        bytes.zeroize();
        result
    }

    /// The stored JSON form.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.to_json_fields()).unwrap_or_default()
    }

    /// Parses and validates a stored lock record.
    pub fn parse(json: &str) -> Result<LockRecord, VaultError> {
        let fields: LockRecordJson =
            serde_json::from_str(json).map_err(|_| VaultError::Malformed)?;
        LockRecord::from_json_fields(fields)
    }

    fn to_json_fields(&self) -> LockRecordJson {
        LockRecordJson {
            v: 1,
            kdf: KDF_NAME.into(),
            iterations: self.kdf.iterations,
            salt: base64::encode(&self.kdf.salt),
            key: base64::encode(&self.wrapped_key),
        }
    }

    fn from_json_fields(fields: LockRecordJson) -> Result<LockRecord, VaultError> {
        if fields.v != 1 || fields.kdf != KDF_NAME {
            return Err(VaultError::UnsupportedVersion);
        }
        let salt = base64::decode(&fields.salt)
            .and_then(|s| <[u8; SALT_LEN]>::try_from(s).ok())
            .ok_or(VaultError::Malformed)?;
        let wrapped_key = base64::decode(&fields.key).ok_or(VaultError::Malformed)?;
        if wrapped_key.len() != NONCE_LEN + KEY_LEN + TAG_LEN {
            return Err(VaultError::Malformed);
        }
        let kdf = KdfParams {
            iterations: fields.iterations,
            salt,
        };
        kdf.validate()?;
        Ok(LockRecord { kdf, wrapped_key })
    }
}

/// An encrypted backup file: opens only with the passphrase it was made under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncryptedBackup {
    /// The wrapped data key that sealed `data`.
    pub lock: LockRecord,
    data: String,
}

#[derive(Serialize)]
struct EncryptedBackupJson {
    format: String,
    interlude_version: &'static str,
    exported_at: String,
    about: String,
    #[serde(flatten)]
    lock: LockRecordJson,
    data: String,
}

impl EncryptedBackup {
    /// Seals `payload` (a backup document) under the journal's data key.
    pub fn seal(
        lock: &LockRecord,
        data_key: &DataKey,
        payload: &str,
        nonce: [u8; NONCE_LEN],
    ) -> EncryptedBackup {
        EncryptedBackup {
            lock: lock.clone(),
            data: data_key.seal(BACKUP_LABEL, payload, nonce),
        }
    }

    /// The file's text around its sealed data, for writing it in pieces:
    /// `head`, then [`SEALED_BACKUP_PREFIX`] and the base64 of the sealed
    /// bytes (nonce, ciphertext, tag; in runs of whole 3-byte groups), then
    /// `tail` is exactly [`Self::to_json`] of the same backup. `None` if
    /// the file's layout were not the expected one.
    pub fn file_frame(lock: &LockRecord, exported_at: &str) -> Option<(String, String)> {
        let empty = EncryptedBackup {
            lock: lock.clone(),
            data: String::new(),
        }
        .to_json(exported_at);
        // `data` is the last field; inside the other values every quote is
        // escaped, so this is only found as the field itself.
        const EMPTY_DATA: &str = "\"data\": \"\"";
        // Between the value's two quotes.
        let at = empty.rfind(EMPTY_DATA)? + EMPTY_DATA.len() - 1;
        Some((empty[..at].to_owned(), empty[at..].to_owned()))
    }

    /// The file's text.
    pub fn to_json(&self, exported_at: &str) -> String {
        let file = EncryptedBackupJson {
            format: BACKUP_FORMAT.into(),
            interlude_version: crate::VERSION,
            exported_at: exported_at.into(),
            // For whoever opens the file, in the visitor's language.
            about: tr(
                "An encrypted Interlude backup. Only Interlude, with the passphrase \
                    it was made under, can open it.",
            )
            .into(),
            lock: self.lock.to_json_fields(),
            data: self.data.clone(),
        };
        serde_json::to_string_pretty(&file).unwrap_or_default()
    }

    /// Parses a file; `Ok(None)` when it is JSON but not an encrypted backup.
    pub fn parse(text: &str) -> Result<Option<EncryptedBackup>, VaultError> {
        #[derive(Deserialize)]
        struct Format {
            format: Option<String>,
        }
        // Without its format name anywhere it cannot be one. A large file
        // (a plain backup of years of entries) is then not read through in
        // one go just to see that: the plain restore reads it, in steps,
        // and says what is wrong with it.
        const READ_THROUGH_BYTES: usize = 64 * 1024;
        if text.len() > READ_THROUGH_BYTES && !text.contains(BACKUP_FORMAT) {
            return Ok(None);
        }
        let format: Format = serde_json::from_str(text).map_err(|_| VaultError::Malformed)?;
        if format.format.as_deref() != Some(BACKUP_FORMAT) {
            return Ok(None);
        }
        // The same fields as `EncryptedBackupJson`, read without its
        // `flatten`, which would first copy every field (megabytes of
        // `data`) into a buffer.
        // `exported_at` and `about` are not kept, but a file without them
        // is not one Interlude wrote.
        #[derive(Deserialize)]
        struct Fields {
            #[allow(dead_code)]
            exported_at: String,
            #[allow(dead_code)]
            about: String,
            v: u32,
            kdf: String,
            iterations: u32,
            salt: String,
            key: String,
            data: String,
        }
        let file: Fields = serde_json::from_str(text).map_err(|_| VaultError::Malformed)?;
        if !is_sealed(&file.data) {
            return Err(VaultError::Malformed);
        }
        let lock = LockRecordJson {
            v: file.v,
            kdf: file.kdf,
            iterations: file.iterations,
            salt: file.salt,
            key: file.key,
        };
        Ok(Some(EncryptedBackup {
            lock: LockRecord::from_json_fields(lock)?,
            data: file.data,
        }))
    }

    /// The base64 of the sealed payload (nonce, ciphertext, tag), for
    /// opening it in steps; `None` when it is in another sealed form, which
    /// [`Self::open`] reads.
    pub fn sealed_base64(&self) -> Option<&str> {
        self.data.strip_prefix(SEALED_BACKUP_PREFIX)
    }

    /// The payload, given the key-encryption key derived from the passphrase.
    pub fn open(&self, kek: &KeyEncryptionKey) -> Result<String, VaultError> {
        self.open_with_data_key(&self.lock.unwrap_key(kek)?)
    }

    /// The payload, given the data key [`LockRecord::unwrap_key`] gave.
    pub fn open_with_data_key(&self, data_key: &DataKey) -> Result<String, VaultError> {
        data_key.open(BACKUP_LABEL, &self.data)
    }
}

/// Associated data for the wrapped key: binds it to its parameters.
fn wrap_label(kdf: &KdfParams) -> Vec<u8> {
    let mut label = format!("interlude.v1.lock|{KDF_NAME}|{}|", kdf.iterations).into_bytes();
    label.extend_from_slice(&kdf.salt);
    label
}

fn seal_bytes(cipher: &Aes256Gcm, aad: &[u8], msg: &[u8], nonce: [u8; NONCE_LEN]) -> Vec<u8> {
    // AES-GCM encryption only fails for messages over 64 GiB.
    let ciphertext = cipher
        .encrypt(Nonce::from_slice(&nonce), Payload { msg, aad })
        .unwrap_or_default();
    let mut sealed = Vec::with_capacity(NONCE_LEN + ciphertext.len());
    sealed.extend_from_slice(&nonce);
    sealed.extend_from_slice(&ciphertext);
    sealed
}

fn open_bytes(cipher: &Aes256Gcm, aad: &[u8], sealed: &[u8]) -> Result<Vec<u8>, VaultError> {
    if sealed.len() < NONCE_LEN + TAG_LEN {
        return Err(VaultError::Tampered);
    }
    let (nonce, msg) = sealed.split_at(NONCE_LEN);
    cipher
        .decrypt(Nonce::from_slice(nonce), Payload { msg, aad })
        .map_err(|_| VaultError::Tampered)
}

/// Standard base64 (RFC 4648 §4, with padding): small enough to keep here
/// rather than add a crate to the widget.
pub mod base64 {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// Encodes bytes.
    pub fn encode(bytes: &[u8]) -> String {
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    /// Decodes padded base64; `None` for anything else (including
    /// non-canonical trailing bits).
    pub fn decode(text: &str) -> Option<Vec<u8>> {
        let bytes = text.as_bytes();
        if !bytes.len().is_multiple_of(4) {
            return None;
        }
        let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
        for (index, chunk) in bytes.chunks(4).enumerate() {
            let last = index == bytes.len() / 4 - 1;
            let padding = chunk.iter().rev().take_while(|&&c| c == b'=').count();
            if padding > 2 || (padding > 0 && !last) {
                return None;
            }
            let mut n = 0u32;
            for &c in &chunk[..4 - padding] {
                n = n << 6 | u32::from(value(c)?);
            }
            n <<= 6 * padding as u32;
            let decoded = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            let keep = 3 - padding;
            if decoded[keep..].iter().any(|&b| b != 0) {
                return None;
            }
            out.extend_from_slice(&decoded[..keep]);
        }
        Some(out)
    }

    /// The letter's place in [`ALPHABET`], without searching it (a backup
    /// of years holds millions of letters).
    fn value(c: u8) -> Option<u8> {
        match c {
            b'A'..=b'Z' => Some(c - b'A'),
            b'a'..=b'z' => Some(c - b'a' + 26),
            b'0'..=b'9' => Some(c - b'0' + 52),
            b'+' => Some(62),
            b'/' => Some(63),
            _ => None,
        }
    }
}

// Native only: the known-answer tests use native PBKDF2 and proptest.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// PBKDF2-HMAC-SHA256("correct horse battery staple", salt 00‥0f,
    /// 600,000 iterations, 32 bytes), computed with Node's `crypto.pbkdf2Sync`.
    const KAT_KEK: &str = "ef177144eec9420cbc1093d2a8b344a92bc506d0d4ec9c028dd19f8324d8c1e6";
    /// AES-256-GCM, key 0x42×32, nonce 00‥0b, AAD "interlude.v1.entry.abc",
    /// plaintext `{"text":"canary"}`, as nonce‖ciphertext‖tag, from Node's
    /// `crypto.createCipheriv("aes-256-gcm")`.
    const KAT_RECORD: &str = "AAECAwQFBgcICQoLfvzluMlY0DG/ZSV9sK8iGU95h6XdFwVVzW88AuFowCGg";

    fn salt() -> [u8; SALT_LEN] {
        core::array::from_fn(|i| i as u8)
    }

    fn nonce(n: u8) -> [u8; NONCE_LEN] {
        [n; NONCE_LEN]
    }

    fn kek_for(passphrase: &str, params: &KdfParams) -> KeyEncryptionKey {
        let mut bytes = [0u8; KEY_LEN];
        pbkdf2::pbkdf2_hmac::<sha2::Sha256>(
            passphrase.as_bytes(),
            &params.salt,
            params.iterations,
            &mut bytes,
        );
        KeyEncryptionKey::from_bytes(bytes)
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// A cheap key for tests that do not exercise the derivation itself.
    fn quick_kek(seed: u8) -> KeyEncryptionKey {
        KeyEncryptionKey::from_bytes([seed; KEY_LEN])
    }

    #[test]
    fn derivation_matches_the_known_answer() {
        let params = KdfParams::new(salt());
        let kek = kek_for("correct horse battery staple", &params);
        assert_eq!(hex(kek.0.as_slice()), KAT_KEK);
    }

    #[test]
    fn sealing_matches_the_known_answer() {
        let key = DataKey::from_bytes([0x42; KEY_LEN]);
        let nonce: [u8; NONCE_LEN] = core::array::from_fn(|i| i as u8);
        let sealed = key.seal("interlude.v1.entry.abc", r#"{"text":"canary"}"#, nonce);
        assert_eq!(sealed, format!("sealed.v1.{KAT_RECORD}"));
        assert_eq!(
            key.open("interlude.v1.entry.abc", &sealed).unwrap(),
            r#"{"text":"canary"}"#
        );
    }

    #[test]
    fn a_sealed_record_does_not_contain_its_text() {
        let key = DataKey::from_bytes([7; KEY_LEN]);
        let sealed = key.seal("k", "canary canary canary", nonce(1));
        assert!(!sealed.contains("canary"));
        assert!(is_sealed(&sealed));
        assert!(!is_sealed(r#"{"text":"canary"}"#));
    }

    #[test]
    fn the_right_passphrase_unwraps_and_a_wrong_one_does_not() {
        let params = KdfParams::new(salt());
        let data_key = DataKey::from_bytes([9; KEY_LEN]);
        let lock = LockRecord::wrap(
            params.clone(),
            &kek_for("a long passphrase", &params),
            &data_key,
            nonce(3),
        );
        let stored = LockRecord::parse(&lock.to_json()).unwrap();
        assert_eq!(stored, lock);
        let opened = stored
            .unwrap_key(&kek_for("a long passphrase", &params))
            .unwrap();
        assert_eq!(opened.bytes.as_slice(), &[9; KEY_LEN]);
        assert_eq!(
            stored
                .unwrap_key(&kek_for("a long passphrasE", &params))
                .err(),
            Some(VaultError::WrongPassphrase)
        );
    }

    #[test]
    fn no_passphrase_hash_or_key_is_stored_in_clear() {
        let params = KdfParams::new(salt());
        let kek = quick_kek(1);
        let lock = LockRecord::wrap(params, &kek, &DataKey::from_bytes([5; KEY_LEN]), nonce(0));
        let json = lock.to_json();
        assert!(!json.contains(&base64::encode(&[5; KEY_LEN])));
        assert!(!json.contains(&base64::encode(&[1; KEY_LEN])));
        assert!(json.contains(r#""iterations":600000"#));
    }

    #[test]
    fn weak_or_absurd_parameters_are_rejected() {
        let lock = LockRecord::wrap(
            KdfParams::new(salt()),
            &quick_kek(1),
            &DataKey::from_bytes([5; KEY_LEN]),
            nonce(0),
        );
        let json = lock.to_json();
        for iterations in ["1000", "599999", "10000001", "0"] {
            let weakened = json.replace("600000", iterations);
            assert_eq!(
                LockRecord::parse(&weakened).err(),
                Some(VaultError::WeakParameters),
                "{iterations}"
            );
        }
        assert!(KdfParams {
            iterations: MAX_ITERATIONS,
            salt: salt()
        }
        .validate()
        .is_ok());
    }

    #[test]
    fn damaged_lock_records_are_reported_not_trusted() {
        let json = LockRecord::wrap(
            KdfParams::new(salt()),
            &quick_kek(1),
            &DataKey::from_bytes([5; KEY_LEN]),
            nonce(0),
        )
        .to_json();
        assert_eq!(
            LockRecord::parse("not json").err(),
            Some(VaultError::Malformed)
        );
        assert_eq!(
            LockRecord::parse(&json.replace(r#""v":1"#, r#""v":2"#)).err(),
            Some(VaultError::UnsupportedVersion)
        );
        assert_eq!(
            LockRecord::parse(&json.replace("PBKDF2-SHA256", "MD5")).err(),
            Some(VaultError::UnsupportedVersion)
        );
        let short_salt = format!(r#""salt":"{}""#, base64::encode(&[1; 8]));
        let with_short_salt = json.replace(
            &format!(r#""salt":"{}""#, base64::encode(&salt())),
            &short_salt,
        );
        assert_eq!(
            LockRecord::parse(&with_short_salt).err(),
            Some(VaultError::Malformed)
        );
    }

    #[test]
    fn changing_the_parameters_in_a_lock_record_breaks_the_unwrap() {
        let params = KdfParams::new(salt());
        let kek = quick_kek(4);
        let lock = LockRecord::wrap(
            params.clone(),
            &kek,
            &DataKey::from_bytes([5; KEY_LEN]),
            nonce(0),
        );
        let mut altered = lock.clone();
        altered.kdf.iterations += 1;
        assert_eq!(
            altered.unwrap_key(&kek).err(),
            Some(VaultError::WrongPassphrase)
        );
        assert!(lock.unwrap_key(&kek).is_ok());
    }

    #[test]
    fn a_record_moved_to_another_key_does_not_open() {
        let key = DataKey::from_bytes([3; KEY_LEN]);
        let sealed = key.seal("interlude.v1.entry.a", "first", nonce(2));
        assert_eq!(
            key.open("interlude.v1.entry.b", &sealed).err(),
            Some(VaultError::Tampered)
        );
    }

    #[test]
    fn another_journal_s_key_does_not_open_a_record() {
        let sealed = DataKey::from_bytes([3; KEY_LEN]).seal("k", "text", nonce(2));
        assert_eq!(
            DataKey::from_bytes([4; KEY_LEN]).open("k", &sealed).err(),
            Some(VaultError::Tampered)
        );
    }

    #[test]
    fn truncated_or_garbled_records_are_reported() {
        let key = DataKey::from_bytes([3; KEY_LEN]);
        let sealed = key.seal("k", "text", nonce(2));
        assert_eq!(
            key.open("k", "sealed.v1.").err(),
            Some(VaultError::Tampered)
        );
        assert_eq!(
            key.open("k", "sealed.v1.%%%%").err(),
            Some(VaultError::Malformed)
        );
        assert_eq!(key.open("k", "plain").err(), Some(VaultError::Malformed));
        let truncated = &sealed[..sealed.len() - 4];
        assert!(key.open("k", truncated).is_err());
        let packed = key.seal_packed("k", "text", nonce(2));
        let truncated: String = packed.chars().take(packed.chars().count() - 1).collect();
        assert!(key.open("k", &truncated).is_err());
        assert_eq!(
            key.open("k", "sealed.v2.%%%%").err(),
            Some(VaultError::Malformed)
        );
        assert_eq!(key.open("other", &packed).err(), Some(VaultError::Tampered));
    }

    #[test]
    fn packed_sealing_hides_the_text_and_takes_less_room_than_base64() {
        let key = DataKey::from_bytes([5; KEY_LEN]);
        let text = "I felt calm after the walk, and I want to talk about work. ".repeat(20);
        let v1 = key.seal("interlude.v1.entry.a", &text, nonce(1));
        let v2 = key.seal_packed("interlude.v1.entry.a", &text, nonce(1));
        assert!(!v2.contains("calm") && !v2.contains("walk"));
        let units = |s: &str| s.encode_utf16().count();
        assert!(
            units(&v2) * 4 < units(&v1),
            "{} vs {}",
            units(&v2),
            units(&v1)
        );
        assert_eq!(key.open("interlude.v1.entry.a", &v2), Ok(text));
    }

    #[test]
    fn a_packed_record_seals_as_its_json_would() {
        let key = DataKey::from_bytes([5; KEY_LEN]);
        let json = r#"{"text":"the same words, packed or not"}"#;
        let bytes = packing::packed_bytes(&packing::pack(json)).unwrap();
        let sealed = key.seal_compressed("interlude.v1.entry.a", &bytes, nonce(4));
        assert_eq!(
            sealed,
            key.seal_packed("interlude.v1.entry.a", json, nonce(4))
        );
        let opened = key
            .open_compressed("interlude.v1.entry.a", &sealed)
            .unwrap();
        assert_eq!(packing::pack_compressed(&opened), packing::pack(json));
        assert!(key
            .open_compressed("interlude.v1.entry.b", &sealed)
            .is_err());
        assert_eq!(
            key.open("interlude.v1.entry.a", &sealed).as_deref(),
            Ok(json)
        );
    }

    #[test]
    fn an_encrypted_backup_written_in_pieces_is_the_one_written_at_once() {
        let params = KdfParams::new(salt());
        let data_key = DataKey::from_bytes([8; KEY_LEN]);
        let lock = LockRecord::wrap(params, &quick_kek(3), &data_key, nonce(1));
        let payload = format!(r#"{{"entries":["{}"]}}"#, "a \"quoted\" word ".repeat(500));
        let at = "2026-11-23T10:00:00Z";
        let whole = EncryptedBackup::seal(&lock, &data_key, &payload, nonce(2)).to_json(at);
        // The bytes the browser's AES-GCM gives back, nonce first.
        let sealed = seal_bytes(
            &data_key.cipher,
            BACKUP_LABEL.as_bytes(),
            payload.as_bytes(),
            nonce(2),
        );
        let (head, tail) = EncryptedBackup::file_frame(&lock, at).unwrap();
        let mut pieces = head + SEALED_BACKUP_PREFIX;
        for run in sealed.chunks(3 * 7) {
            pieces.push_str(&base64::encode(run));
        }
        pieces.push_str(&tail);
        assert_eq!(pieces, whole);
    }

    #[test]
    fn an_encrypted_backup_opens_only_with_its_passphrase() {
        let params = KdfParams::new(salt());
        let data_key = DataKey::from_bytes([8; KEY_LEN]);
        let lock = LockRecord::wrap(
            params.clone(),
            &kek_for("backup passphrase", &params),
            &data_key,
            nonce(1),
        );
        let file = EncryptedBackup::seal(&lock, &data_key, r#"{"entries":[]}"#, nonce(2))
            .to_json("2026-11-23T10:00:00Z");
        assert!(!file.contains("entries"));
        let backup = EncryptedBackup::parse(&file).unwrap().unwrap();
        assert_eq!(
            backup.open(&kek_for("backup passphrase", &params)).unwrap(),
            r#"{"entries":[]}"#
        );
        assert_eq!(
            backup.open(&kek_for("wrong passphrase", &params)).err(),
            Some(VaultError::WrongPassphrase)
        );
        assert_eq!(
            EncryptedBackup::parse(r#"{"format":"interlude-journal"}"#),
            Ok(None)
        );
        assert_eq!(EncryptedBackup::parse("[1,2"), Err(VaultError::Malformed));
        // A large plain backup is told apart without being parsed here.
        let large_plain = format!(
            r#"{{"format":"interlude-backup","version":1,"entries":[{}]}}"#,
            "1,".repeat(40_000) + "1"
        );
        assert_eq!(EncryptedBackup::parse(&large_plain), Ok(None));
        let large_encrypted = EncryptedBackup::seal(&lock, &data_key, &large_plain, nonce(3))
            .to_json("2026-11-23T10:00:00Z");
        assert!(EncryptedBackup::parse(&large_encrypted).unwrap().is_some());
        let weakened = file.replace("600000", "1000");
        assert_eq!(
            EncryptedBackup::parse(&weakened),
            Err(VaultError::WeakParameters)
        );
        // The file says which release wrote it; one written before that
        // field existed opens the same.
        let field = format!("\n  \"interlude_version\": \"{}\",", crate::VERSION);
        assert!(file.starts_with(&format!("{{\n  \"format\": \"{BACKUP_FORMAT}\",{field}")));
        let older = EncryptedBackup::parse(&file.replacen(&field, "", 1))
            .unwrap()
            .unwrap();
        assert_eq!(older, backup);
    }

    #[test]
    fn new_passphrases_are_checked() {
        assert_eq!(
            check_new_passphrase("short", "short"),
            Err(PassphraseProblem::TooShort)
        );
        assert_eq!(
            check_new_passphrase("long enough", "long enougH"),
            Err(PassphraseProblem::DoesNotMatch)
        );
        assert_eq!(check_new_passphrase("ñandú ñandú", "ñandú ñandú"), Ok(()));
        assert_eq!(
            check_new_passphrase("çççççç", "çççççç"),
            Err(PassphraseProblem::TooShort),
            "characters, not bytes"
        );
    }

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(base64::encode(plain.as_bytes()), encoded);
            assert_eq!(base64::decode(encoded).unwrap(), plain.as_bytes());
        }
        for bad in ["Zg=", "Zg=a", "Z===", "Zh==", "Zm9v!A==", "=Zm9"] {
            assert_eq!(base64::decode(bad), None, "{bad}");
        }
    }

    proptest! {
        #[test]
        fn base64_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            prop_assert_eq!(base64::decode(&base64::encode(&bytes)), Some(bytes));
        }

        #[test]
        fn sealing_round_trips(text in ".{0,300}", label in "[a-z.]{1,30}", n in any::<u8>()) {
            let key = DataKey::from_bytes([n; KEY_LEN]);
            let sealed = key.seal(&label, &text, nonce(n));
            prop_assert_eq!(key.open(&label, &sealed), Ok(text.clone()));
            let packed = key.seal_packed(&label, &text, nonce(n));
            prop_assert!(is_sealed(&packed) && is_sealed_packed(&packed));
            prop_assert_eq!(key.open(&label, &packed), Ok(text));
        }

        #[test]
        fn any_flipped_bit_is_detected(text in ".{1,100}", position in any::<prop::sample::Index>(), bit in 0u8..8) {
            let key = DataKey::from_bytes([1; KEY_LEN]);
            let sealed = key.seal("k", &text, nonce(9));
            let mut bytes = base64::decode(sealed.strip_prefix("sealed.v1.").unwrap()).unwrap();
            let i = position.index(bytes.len());
            bytes[i] ^= 1 << bit;
            let flipped = format!("sealed.v1.{}", base64::encode(&bytes));
            prop_assert_eq!(key.open("k", &flipped), Err(VaultError::Tampered));
        }
    }
}
