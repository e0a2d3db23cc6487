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
    let Some(doc) = window().document() else { return };
    let selector = if between_tabs { "[role=tab][aria-selected=true]" } else { "main h1" };
    if let Ok(Some(h1)) = doc.query_selector(selector) {
        use wasm_bindgen::JsCast;
        if let Ok(h1) = h1.dyn_into::<web_sys::HtmlElement>() {
            let _ = h1.focus();
        }
    }
}
