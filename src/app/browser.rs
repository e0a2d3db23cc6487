//! Thin wrappers over the browser APIs the app uses, so views stay free of `web-sys` detail.

use chrono::{DateTime, TimeZone, Utc};

pub fn window() -> web_sys::Window {
    web_sys::window().expect("a browser window")
}

/// The real time now.
pub fn real_now() -> DateTime<Utc> {
    let ms = js_sys::Date::now() as i64;
    Utc.timestamp_millis_opt(ms).single().unwrap_or_default()
}

/// A query parameter of the page's URL.
pub fn query_param(name: &str) -> Option<String> {
    let search = window().location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    params.get(name)
}

/// Which Web Storage area: `Local` lasts across sessions, `Session` is per tab.
#[derive(Clone, Copy)]
pub enum Area {
    Local,
    Session,
}

fn storage(area: Area) -> Option<web_sys::Storage> {
    match area {
        Area::Local => window().local_storage(),
        Area::Session => window().session_storage(),
    }
    .ok()
    .flatten()
}

pub fn stored(area: Area, key: &str) -> Option<String> {
    storage(area)?.get_item(key).ok().flatten()
}

/// Best effort: storage can be full or disabled, and these values are conveniences.
pub fn store(area: Area, key: &str, value: &str) {
    if let Some(s) = storage(area) {
        let _ = s.set_item(key, value);
    }
}

pub fn forget(area: Area, key: &str) {
    if let Some(s) = storage(area) {
        let _ = s.remove_item(key);
    }
}

pub fn reload() {
    let _ = window().location().reload();
}

/// Moves focus to the page's main heading, so keyboard and screen-reader users land on
/// the new content after navigation.
pub fn focus_after_navigation(between_tabs: bool) {
    let _ = focus_selector(if between_tabs { "[role=tab][aria-selected=true]" } else { "main h1" });
}

/// Focuses the first element matching `selector`; says whether there was one.
pub fn focus_selector(selector: &str) -> bool {
    use wasm_bindgen::JsCast;
    let Some(doc) = window().document() else { return false };
    match doc.query_selector(selector) {
        Ok(Some(el)) => el.dyn_into::<web_sys::HtmlElement>().map(|el| el.focus().is_ok()).unwrap_or(false),
        _ => false,
    }
}

/// Random ids from the browser's cryptographic generator.
pub struct BrowserIds;

impl crate::domain::ids::IdSource for BrowserIds {
    fn random_bytes(&mut self) -> [u8; 16] {
        let mut bytes = [0u8; 16];
        if let Ok(crypto) = window().crypto() {
            let _ = crypto.get_random_values_with_u8_array(&mut bytes);
        }
        bytes
    }
}

/// A new random UUID (a deal's id, generated here so an offline deal keeps it).
pub fn random_uuid() -> String {
    use crate::domain::ids::IdSource;
    BrowserIds.uuid()
}
