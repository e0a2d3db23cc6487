//! Thin wrappers over the browser APIs the app uses, so views stay free of `web-sys` detail.

use chrono::{DateTime, TimeZone, Utc};

use crate::domain::support::locale::Locale;

pub fn window() -> web_sys::Window {
    web_sys::window().expect("a browser window")
}

thread_local! {
    static BASE: String = {
        // The path of the document's <base href> (Trunk's public URL), without its last slash:
        // "" at the root of a site, "/apps/cosell" when deployed under a sub-path.
        let uri = web_sys::window().and_then(|w| w.document()).and_then(|d| d.base_uri().ok().flatten()).unwrap_or_default();
        let path = web_sys::Url::new(&uri).map(|u| u.pathname()).unwrap_or_default();
        path.trim_end_matches('/').to_string()
    };
}

/// Where the app is deployed: "" at a site's root, or a sub-path such as "/apps/cosell".
pub fn base() -> String {
    BASE.with(Clone::clone)
}

/// The address of an app route (`/deals/<id>`) in this deployment, for links.
pub fn href(route: &str) -> String {
    BASE.with(|b| format!("{b}{route}"))
}

/// The app route of a location's path: the deployment's sub-path taken off.
pub fn route(pathname: &str) -> String {
    let rest = BASE.with(|b| {
        pathname
            .strip_prefix(b.as_str())
            .unwrap_or(pathname)
            .to_string()
    });
    if rest.is_empty() {
        "/".into()
    } else {
        rest
    }
}

/// The real time now.
pub fn real_now() -> DateTime<Utc> {
    let ms = js_sys::Date::now() as i64;
    Utc.timestamp_millis_opt(ms).single().unwrap_or_default()
}

const LOCALE_KEY: &str = "cosell.locale";

/// The interface's language: the one chosen in Settings, else the browser's first that
/// Co-sell speaks, else English.
pub fn chosen_locale() -> Locale {
    let preferred: Vec<String> = window()
        .navigator()
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    Locale::choose(stored(Area::Local, LOCALE_KEY).as_deref(), &preferred)
}

/// Remembers `locale` as this browser's choice.
pub fn remember_locale(locale: Locale) {
    store(Area::Local, LOCALE_KEY, locale.tag());
}

/// `<html lang>`, so screen readers speak the page in its language.
pub fn set_document_lang(locale: Locale) {
    if let Some(html) = window().document().and_then(|d| d.document_element()) {
        let _ = html.set_attribute("lang", locale.tag());
    }
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
/// the new content after navigation; says whether there was something to focus.
pub fn focus_after_navigation(between_tabs: bool) -> bool {
    focus_selector(if between_tabs {
        "[role=tab][aria-selected=true]"
    } else {
        PAGE_HEADING
    })
}

/// The heading of the page shown: the list of deals stays in the document, hidden, while a
/// deal is open, and its heading comes first.
pub const PAGE_HEADING: &str = "main h1:not([hidden] h1)";

/// The list's search box, where it is shown (the `/` key goes there).
pub const SEARCH_BOX: &str = "input[type=search]:not([hidden] input)";

/// Focuses the first element matching `selector`; says whether it took the focus (one in a
/// closed dialog or a hidden part of the page does not).
pub fn focus_selector(selector: &str) -> bool {
    use wasm_bindgen::JsCast;
    let Some(doc) = window().document() else {
        return false;
    };
    let Ok(Some(el)) = doc.query_selector(selector) else {
        return false;
    };
    // Focusing makes the browser lay the page out at once; the element clicked has it already.
    if doc.active_element().is_some_and(|active| active == el) {
        return true;
    }
    let focused = el
        .dyn_ref::<web_sys::HtmlElement>()
        .is_some_and(|html| html.focus().is_ok());
    focused && doc.active_element().is_some_and(|active| active == el)
}

/// The element that has the focus now.
pub fn focused() -> Option<web_sys::Element> {
    window().document()?.active_element()
}

/// Whether the user has put the focus somewhere since `before` had it: on another element,
/// not the body (where focus falls when its element leaves the page). Focus that a page moves
/// a frame or more after a click must not take it back from the field being typed in.
pub fn focus_moved(before: Option<&web_sys::Element>) -> bool {
    let Some(doc) = window().document() else {
        return false;
    };
    let Some(active) = doc.active_element() else {
        return false;
    };
    let on_body = doc.body().is_some_and(|b| active.is_same_node(Some(&b)));
    !on_body && before.is_none_or(|b| !active.is_same_node(Some(b)))
}

/// Focuses `selector` in the next frame, once the page is drawn, unless the user has put
/// the focus somewhere else by then.
pub fn focus_next_frame(selector: &'static str) {
    let before = focused();
    leptos::prelude::request_animation_frame(move || {
        if !focus_moved(before.as_ref()) {
            focus_selector(selector);
        }
    });
}

/// Random ids from the browser's cryptographic generator.
pub struct BrowserIds;

impl crate::domain::support::ids::IdSource for BrowserIds {
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
    use crate::domain::support::ids::IdSource;
    BrowserIds.uuid()
}

/// Offers `text` as a file download named `name` (a Blob URL on a temporary link).
pub fn download(name: &str, mime: &str, text: &str) {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(a) = window()
        .document()
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Waits for the browser to paint (a zero timeout), so a progress bar shows before long work.
pub async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The bytes of `file`.
pub async fn file_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("{e:?}"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Whether the browser keeps this site's storage even when space runs low (`None`: it does
/// not say). boot.js asks for it at start.
pub async fn storage_persisted() -> Option<bool> {
    let promise = window().navigator().storage().persisted().ok()?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .as_bool()
}

/// boot.js sets `cosellUpdateReady` and fires `cosell-update-ready` once a new deployment is
/// installed and waiting.
pub fn update_ready() -> bool {
    js_sys::Reflect::get(&window(), &"cosellUpdateReady".into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// Lets the waiting deployment take over; boot.js reloads the page when it has.
pub fn apply_update() {
    use wasm_bindgen::JsCast;
    match js_sys::Reflect::get(&window(), &"cosellUpdate".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    {
        Some(f) => {
            let _ = f.call0(&window());
        }
        None => reload(),
    }
}
