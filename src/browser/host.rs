//! Talking to the clinic page that embeds the widget, and other small
//! browser facts the views need.
//!
//! The widget sends the loader only `{interlude: 1, type: "close" | "exit"}`,
//! posted to the configured host origin only. They carry no journal data.

use wasm_bindgen::JsValue;

use crate::config::{Config, Theme};
use crate::i18n::{self, Locale};
use crate::model::theme::Accent;

/// Asks the embedding page's loader to close the panel. Does nothing when
/// there is no embedding page.
pub fn request_close(config: &Config) {
    post_to_host(config, "close");
}

/// Asks the embedding page's loader to leave the clinic page for the
/// neutral exit site. Returns false when there is no embedding page.
pub fn request_exit(config: &Config) -> bool {
    post_to_host(config, "exit")
}

/// Posts `{interlude: 1, type}` to the configured host origin only. The
/// messages carry no journal data.
fn post_to_host(config: &Config, kind: &str) -> bool {
    let Some(host) = config.host_origin.as_deref() else {
        return false;
    };
    let Some(parent) = web_sys::window().and_then(|w| w.parent().ok().flatten()) else {
        return false;
    };
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"interlude".into(), &JsValue::from(1));
    let _ = js_sys::Reflect::set(&message, &"type".into(), &kind.into());
    // Posting to a named origin: if the page has navigated elsewhere the
    // browser drops the message instead of delivering it to a stranger.
    parent.post_message(&message, host).is_ok()
}

/// True when this page is inside a frame (whatever the configuration says).
pub fn is_framed() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    match window.top() {
        Ok(Some(top)) => !js_sys::Object::is(&top, &window),
        // A top we cannot even name means we are framed.
        _ => true,
    }
}

/// This page's address with the configuration as a standalone page, for
/// "continue in a new tab".
pub fn standalone_url(config: &Config) -> String {
    let location = web_sys::window().map(|w| w.location());
    let base = location
        .map(|l| {
            format!(
                "{}{}",
                l.origin().unwrap_or_default(),
                l.pathname().unwrap_or_default()
            )
        })
        .unwrap_or_default();
    format!("{base}{}", config.standalone_fragment())
}

/// Applies the clinic's colour scheme and brand colour (adjusted for
/// contrast) to the widget's page, through the CSSOM, which the strict
/// Content-Security-Policy allows.
pub fn apply_theme(config: &Config) {
    use wasm_bindgen::JsCast;
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    match config.theme {
        Theme::Auto => {
            let _ = root.remove_attribute("data-theme");
        }
        theme => {
            let _ = root.set_attribute("data-theme", theme.code());
        }
    }
    if let Some(brand) = config.accent {
        let accent = Accent::from_brand(brand);
        let style = root.style();
        let _ = style.set_property("--clinic-accent", &accent.light.hex());
        let _ = style.set_property("--clinic-accent-dark", &accent.dark.hex());
    }
}

/// A timestamp formatted for the visitor's language, e.g.
/// "Sunday, 22 November 2026 at 14:05".
pub fn local_date_time(ms: i64) -> String {
    formatted(
        &date_at(ms),
        &[("dateStyle", "full"), ("timeStyle", "short")],
    )
}

/// A local day in words with its weekday, e.g. "Sunday, 22 November 2026".
pub fn local_day(ms: i64) -> String {
    formatted(&date_at(ms), &[("dateStyle", "full")])
}

/// A local time of day for the visitor's language, e.g. "14:05" or "2:05 PM".
pub fn local_time(ms: i64) -> String {
    formatted(&date_at(ms), &[("timeStyle", "short")])
}

/// The visitor's local day number for a moment: days since 1 January
/// 1970, counted in local time (the model's trends use it).
pub fn local_day_number(ms: i64) -> i64 {
    let date = date_at(ms);
    let offset_ms = (date.get_timezone_offset() * 60_000.0) as i64;
    (ms - offset_ms).div_euclid(86_400_000)
}

/// A local day number in words: `"day"` gives e.g. "23 Nov", `"month"`
/// e.g. "November 2026", in the visitor's language.
pub fn day_label(day: i64, style: &str) -> String {
    let (year, month, day) = crate::model::time::civil_from_days(day);
    let date = js_sys::Date::new_with_year_month_day(year as u32, month as i32 - 1, day as i32);
    if style == "month" {
        formatted(&date, &[("month", "long"), ("year", "numeric")])
    } else {
        formatted(&date, &[("day", "numeric"), ("month", "short")])
    }
}

/// A local date in words for the visitor's language, e.g. "22 November 2026".
pub fn local_date(ms: i64) -> String {
    formatted(&date_at(ms), &[("dateStyle", "long")])
}

fn date_at(ms: i64) -> js_sys::Date {
    js_sys::Date::new(&JsValue::from_f64(ms as f64))
}

/// Makes a first date formatter in a quiet moment. The first one made in
/// a page loads the browser's calendar data (15–35 ms at 1x CPU); left
/// for later, that happened inside whatever first showed a date, such as
/// drawing Past entries or a restored journal, and made it a long task.
pub fn prepare_date_formats() {
    local_day(js_sys::Date::now() as i64);
}

/// `date` in the visitor's language with `Intl.DateTimeFormat` options.
/// Each formatter is made once per language and options: making one for
/// every date (as `toLocaleDateString` does) took most of the time of
/// drawing a list of entries.
fn formatted(date: &js_sys::Date, options: &'static [(&'static str, &'static str)]) -> String {
    type Options = &'static [(&'static str, &'static str)];
    thread_local! {
        static MADE: std::cell::RefCell<Vec<(Locale, Options, js_sys::Function)>> =
            std::cell::RefCell::default();
    }
    let locale = i18n::locale();
    let format = MADE.with_borrow_mut(|made| {
        if let Some((_, _, format)) = made.iter().find(|(l, o, _)| *l == locale && *o == options) {
            return format.clone();
        }
        let object = js_sys::Object::new();
        for (key, value) in options {
            let _ = js_sys::Reflect::set(&object, &(*key).into(), &(*value).into());
        }
        let locales = js_sys::Array::of1(&language().into());
        let format = js_sys::Intl::DateTimeFormat::new(&locales, &object).format();
        made.push((locale, options, format.clone()));
        format
    });
    format
        .call1(&JsValue::NULL, date)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}

/// The local date and time as a spreadsheet shows them: ("2026-11-22", "14:05").
pub fn local_stamp(ms: i64) -> (String, String) {
    let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    (
        date_input_value(&date),
        format!("{:02}:{:02}", date.get_hours(), date.get_minutes()),
    )
}

/// A local day as an `<input type="date">` value, `days_ago` days before today.
pub fn date_input_days_ago(days_ago: u32) -> String {
    let today = js_sys::Date::new_0();
    // Days below 1 roll back into earlier months, as in JavaScript.
    let date = js_sys::Date::new_with_year_month_day(
        today.get_full_year(),
        today.get_month() as i32,
        today.get_date() as i32 - days_ago as i32,
    );
    date_input_value(&date)
}

/// The moment a local day starts, from an `<input type="date">` value
/// ("2026-11-22") moved on by `plus_days`; `None` for anything else.
pub fn local_day_start_ms(value: &str, plus_days: i32) -> Option<i64> {
    let mut parts = value.splitn(3, '-').map(|p| p.parse::<u32>().ok());
    let (year, month, day) = (parts.next()??, parts.next()??, parts.next()??);
    if !(1000..=9999).contains(&year) || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let exact = js_sys::Date::new_with_year_month_day(year, month as i32 - 1, day as i32);
    // Reject days that rolled over, such as 31 February.
    if exact.get_date() != day || exact.get_month() != month - 1 {
        return None;
    }
    let date =
        js_sys::Date::new_with_year_month_day(year, month as i32 - 1, day as i32 + plus_days);
    let ms = date.get_time();
    ms.is_finite().then_some(ms as i64)
}

/// A local calendar date and time of day as ms since the Unix epoch.
pub fn local_ms(year: u32, month: u32, day: u32, minutes: u32) -> i64 {
    js_sys::Date::new_with_year_month_day_hr_min(
        year,
        month as i32 - 1,
        day as i32,
        (minutes / 60) as i32,
        (minutes % 60) as i32,
    )
    .get_time() as i64
}

fn date_input_value(date: &js_sys::Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date()
    )
}

/// The tag dates are formatted with: the browser's own tag when it is the
/// widget's language (so "en-GB" keeps day-month order and "ar-MA" its
/// digits), else the widget's language.
fn language() -> String {
    let locale = i18n::locale();
    browser_languages()
        .into_iter()
        .find(|tag| Locale::from_tag(tag) == Some(locale))
        .unwrap_or_else(|| locale.tag().to_owned())
}

/// The visitor's preferred languages, as the browser lists them.
pub fn browser_languages() -> Vec<String> {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let listed: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .collect();
    if listed.is_empty() {
        navigator.language().into_iter().collect()
    } else {
        listed
    }
}

/// Sets the page's `lang`, `dir` and title, so screen readers pronounce it
/// in the right language and right-to-left languages lay out from the right.
pub fn set_document_language(locale: Locale) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", locale.tag());
        let _ = root.set_attribute("dir", locale.dir());
    }
    document.set_title(i18n::tr("Interlude: a private space to reflect"));
}

/// Hands `contents` to the browser as a file download. The data goes from
/// memory to the visitor's disk through a `blob:` URL; nothing is uploaded.
pub fn offer_download(file_name: &str, mime: &str, contents: &str) -> Result<(), JsValue> {
    offer_download_parts(
        file_name,
        mime,
        &js_sys::Array::of1(&JsValue::from_str(contents)),
    )
}

/// [`offer_download`] for a file made in parts (strings, joined in order),
/// so a large one never has to be one string in memory.
pub fn offer_download_parts(
    file_name: &str,
    mime: &str,
    parts: &js_sys::Array,
) -> Result<(), JsValue> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    // The click has started the download; the URL is no longer needed.
    web_sys::Url::revoke_object_url(&url)?;
    Ok(())
}

/// True when the browser can hand a file to another app (the Web Share API
/// with files: mostly phones). Looked up at run time, as the API is not in
/// every browser.
pub fn can_share_files() -> bool {
    use wasm_bindgen::JsCast;
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return false;
    };
    let Some(can_share) = js_sys::Reflect::get(&navigator, &"canShare".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return false;
    };
    share_data("notes.txt", "text/plain", "")
        .ok()
        .and_then(|data| can_share.call1(&navigator, &data).ok())
        .is_some_and(|answer| answer.is_truthy())
}

/// Starts sharing `contents` as a file. Call it straight from a click (the
/// browser requires that); the promise settles when the visitor has chosen
/// an app or cancelled (an `AbortError`).
pub fn share_file(file_name: &str, mime: &str, contents: &str) -> Result<js_sys::Promise, JsValue> {
    use wasm_bindgen::JsCast;
    let navigator = web_sys::window().ok_or("no window")?.navigator();
    let share: js_sys::Function = js_sys::Reflect::get(&navigator, &"share".into())?.dyn_into()?;
    let data: JsValue = share_data(file_name, mime, contents)?.into();
    share.call1(&navigator, &data)?.dyn_into()
}

fn share_data(file_name: &str, mime: &str, contents: &str) -> Result<js_sys::Object, JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let options = web_sys::FilePropertyBag::new();
    options.set_type(mime);
    let file = web_sys::File::new_with_str_sequence_and_options(&parts, file_name, &options)?;
    let data = js_sys::Object::new();
    js_sys::Reflect::set(&data, &"files".into(), &js_sys::Array::of1(&file))?;
    Ok(data)
}
