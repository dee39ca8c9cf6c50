//! The browser's cryptography: random bytes, and the passphrase derivation.
//!
//! PBKDF2 with 600,000 iterations takes a few hundred milliseconds; WebCrypto
//! runs it off the page's thread, so the widget stays responsive (pure-Rust
//! PBKDF2 in wasm would freeze it for seconds). So do sealing and opening a
//! backup of years of entries (megabytes of AES-GCM). Everything else in the
//! envelope is [`crate::vault`], pure Rust.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::vault::{KdfParams, KeyEncryptionKey, KEY_LEN, NONCE_LEN};

/// The browser offers no WebCrypto here (very old browsers, or pages not
/// served over HTTPS or loopback).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CryptoUnavailable;

/// `N` bytes from the browser's cryptographically secure generator.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], CryptoUnavailable> {
    let mut bytes = [0u8; N];
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or(CryptoUnavailable)?
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(|_| CryptoUnavailable)?;
    Ok(bytes)
}

/// Derives the key-encryption key from a passphrase (PBKDF2-HMAC-SHA256).
/// The passphrase is Unicode-normalised (NFC) first, so the same words typed
/// on another keyboard give the same key.
pub async fn derive_key(
    passphrase: &str,
    params: &KdfParams,
) -> Result<KeyEncryptionKey, CryptoUnavailable> {
    let subtle = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or(CryptoUnavailable)?
        .subtle();
    let normalized: String = js_sys::JsString::from(passphrase).normalize("NFC").into();
    let secret = js_sys::Uint8Array::from(normalized.as_bytes());
    let usages = js_sys::Array::of1(&JsValue::from_str("deriveBits"));
    let base_key = subtle
        .import_key_with_str("raw", &secret, "PBKDF2", false, &usages)
        .map_err(|_| CryptoUnavailable)?;
    let base_key: web_sys::CryptoKey = JsFuture::from(base_key)
        .await
        .map_err(|_| CryptoUnavailable)?
        .unchecked_into();
    // Overwrite the JS copy of the passphrase bytes as soon as it is used.
    secret.fill(0, 0, secret.length());
    let salt = js_sys::Uint8Array::from(params.salt.as_slice());
    let algorithm =
        web_sys::Pbkdf2Params::new_with_str("PBKDF2", "SHA-256", params.iterations, &salt);
    let bits = subtle
        .derive_bits_with_object(&algorithm, &base_key, (KEY_LEN * 8) as u32)
        .map_err(|_| CryptoUnavailable)?;
    let bits = JsFuture::from(bits).await.map_err(|_| CryptoUnavailable)?;
    let view = js_sys::Uint8Array::new(&bits);
    if view.length() as usize != KEY_LEN {
        return Err(CryptoUnavailable);
    }
    let mut key = [0u8; KEY_LEN];
    view.copy_to(&mut key);
    view.fill(0, 0, view.length());
    Ok(KeyEncryptionKey::from_bytes(key))
}

/// `key` as an AES-GCM key the browser holds for `usage`; the JS copy of
/// the raw bytes is overwritten once the browser has taken its own.
async fn aes_gcm_key(
    subtle: &web_sys::SubtleCrypto,
    key: zeroize::Zeroizing<[u8; KEY_LEN]>,
    usage: &str,
) -> Result<web_sys::CryptoKey, CryptoUnavailable> {
    let raw = js_sys::Uint8Array::from(key.as_slice());
    drop(key);
    let usages = js_sys::Array::of1(&JsValue::from_str(usage));
    let imported = subtle.import_key_with_str("raw", &raw, "AES-GCM", false, &usages);
    raw.fill(0, 0, raw.length());
    Ok(JsFuture::from(imported.map_err(|_| CryptoUnavailable)?)
        .await
        .map_err(|_| CryptoUnavailable)?
        .unchecked_into())
}

fn subtle() -> Result<web_sys::SubtleCrypto, CryptoUnavailable> {
    Ok(web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or(CryptoUnavailable)?
        .subtle())
}

/// AES-GCM with `nonce`, and `label` as associated data.
fn aes_gcm_params(nonce: [u8; NONCE_LEN], label: &str) -> web_sys::AesGcmParams {
    let algorithm = web_sys::AesGcmParams::new("AES-GCM", &js_sys::Uint8Array::from(&nonce[..]));
    algorithm.set_additional_data(&js_sys::Uint8Array::from(label.as_bytes()));
    algorithm
}

/// Seals `plaintext` (bytes: an `ArrayBuffer` or typed array) as
/// `vault::DataKey::seal` does (AES-256-GCM under `key`, `label` as
/// associated data), in the browser, off the page's thread. Gives the
/// ciphertext and tag; the sealed form puts `nonce` before them.
pub async fn seal_in_browser(
    key: zeroize::Zeroizing<[u8; KEY_LEN]>,
    label: &str,
    plaintext: &js_sys::Object,
    nonce: [u8; NONCE_LEN],
) -> Result<js_sys::Uint8Array, CryptoUnavailable> {
    let subtle = subtle()?;
    let crypto_key = aes_gcm_key(&subtle, key, "encrypt").await?;
    let sealing = subtle
        .encrypt_with_object_and_buffer_source(
            &aes_gcm_params(nonce, label),
            &crypto_key,
            plaintext,
        )
        .map_err(|_| CryptoUnavailable)?;
    let sealed = JsFuture::from(sealing)
        .await
        .map_err(|_| CryptoUnavailable)?;
    Ok(js_sys::Uint8Array::new(&sealed))
}

/// Opens what [`seal_in_browser`] (or `vault::DataKey::seal`) sealed:
/// `sealed` is the ciphertext and tag that followed `nonce`. Off the page's
/// thread. `Err` also when the key or label is wrong or the data changed
/// (AES-GCM's tag does not match), which the caller reports as damage.
pub async fn open_in_browser(
    key: zeroize::Zeroizing<[u8; KEY_LEN]>,
    label: &str,
    nonce: [u8; NONCE_LEN],
    sealed: &js_sys::Uint8Array,
) -> Result<js_sys::Uint8Array, CryptoUnavailable> {
    let subtle = subtle()?;
    let crypto_key = aes_gcm_key(&subtle, key, "decrypt").await?;
    let opening = subtle
        .decrypt_with_object_and_buffer_source(&aes_gcm_params(nonce, label), &crypto_key, sealed)
        .map_err(|_| CryptoUnavailable)?;
    let plain = JsFuture::from(opening)
        .await
        .map_err(|_| CryptoUnavailable)?;
    Ok(js_sys::Uint8Array::new(&plain))
}
