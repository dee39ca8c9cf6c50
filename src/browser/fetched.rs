//! Text files fetched from next to the widget: a clinic's content pack
//! and the languages' catalogs. What goes wrong is explained on the
//! console for the clinic's web developer; callers tell the visitor.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::i18n::{self, Locale};

/// The text of a file next to the widget, such as a clinic's content pack
/// or a language's catalog. These files keep their names from one version
/// to the next, so the browser always checks its cached copy is current
/// (the service worker answers offline). Errors say why, for the console.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("there is no window")?;
    let init = web_sys::RequestInit::new();
    init.set_cache(web_sys::RequestCache::NoCache);
    let response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|_| "it could not be fetched (offline, or blocked)".to_string())?
        .dyn_into::<web_sys::Response>()
        .map_err(|_| "the browser gave no response".to_string())?;
    if !response.ok() {
        return Err(format!(
            "the server answered {} (is the file next to the widget's index.html?)",
            response.status()
        ));
    }
    let text = response.text().map_err(|_| "its body could not be read")?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| "its body is not text".to_string())
}

/// Fetches and adds `locale`'s catalog (`locales/<tag>.json`), so text
/// can be shown in it. A failure is explained on the console; the caller
/// tells the visitor.
pub async fn load_catalog(locale: Locale) -> Result<(), ()> {
    let url = format!("locales/{}.json", locale.tag());
    let why = match fetch_text(&url).await {
        Ok(text) => match i18n::add_catalog(locale, &text) {
            Ok(()) => return Ok(()),
            Err(_) => "it is not a JSON object of text".to_string(),
        },
        Err(why) => why,
    };
    web_sys::console::warn_1(&format!("Interlude: {url} was not loaded because {why}.").into());
    Err(())
}
