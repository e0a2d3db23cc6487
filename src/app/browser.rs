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

fn local() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn session() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

pub fn local_get(key: &str) -> Option<String> {
    local()?.get_item(key).ok().flatten()
}

pub fn local_set(key: &str, value: &str) {
    if let Some(s) = local() {
        let _ = s.set_item(key, value);
    }
}

pub fn local_remove(key: &str) {
    if let Some(s) = local() {
        let _ = s.remove_item(key);
    }
}

pub fn session_get(key: &str) -> Option<String> {
    session()?.get_item(key).ok().flatten()
}

pub fn session_set(key: &str, value: &str) {
    if let Some(s) = session() {
        let _ = s.set_item(key, value);
    }
}

pub fn session_remove(key: &str) {
    if let Some(s) = session() {
        let _ = s.remove_item(key);
    }
}

pub fn reload() {
    let _ = window().location().reload();
}

/// Moves focus to the page's main heading, so keyboard and screen-reader users land on
/// the new content after navigation.
pub fn focus_after_navigation(between_tabs: bool) {
    let Some(doc) = window().document() else { return };
    let selector = if between_tabs { "[role=tab][aria-selected=true]" } else { "main h1" };
    if let Ok(Some(h1)) = doc.query_selector(selector) {
        use wasm_bindgen::JsCast;
        if let Ok(h1) = h1.dyn_into::<web_sys::HtmlElement>() {
            let _ = h1.focus();
        }
    }
}
