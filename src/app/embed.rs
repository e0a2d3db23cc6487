//! Embedded in a host page's iframe (`?embed=1`, kept for the tab's session): no header
//! chrome and a compact layout; the host may pass the signed-in user and a theme, and hears
//! of deals created and won. Messages go to and come from the origins in `embed.json` only
//! (domain::present::embed checks what arrives).

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::browser::{self, Area};
use super::lazy;
use super::state::{switch_user, AppState};
use crate::domain::present::embed::{theme_properties, EmbedConfig, HostEvent, HostMessage};

const EMBED_KEY: &str = "cosell.embed";

thread_local! {
    static EMBEDDED: bool = {
        match browser::query_param("embed").as_deref() {
            Some("0") => { browser::forget(Area::Session, EMBED_KEY); false }
            Some(_) => { browser::store(Area::Session, EMBED_KEY, "1"); true }
            None => browser::stored(Area::Session, EMBED_KEY).is_some(),
        }
    };
    static CONFIG: RefCell<EmbedConfig> = RefCell::new(EmbedConfig::default());
}

pub fn is_embedded() -> bool {
    EMBEDDED.with(|e| *e)
}

/// In embed mode: marks the page (`html[data-embed]`, style/main.css) at once, then
/// [`listen_to_host`] from the rare pages' module (few visits are embedded).
pub async fn start(state: AppState) {
    if !is_embedded() {
        return;
    }
    if let Some(html) = browser::window()
        .document()
        .and_then(|d| d.document_element())
    {
        let _ = html.set_attribute("data-embed", "");
    }
    if let Some(listening) = lazy::loaded(state, lazy::embed_host(state).await) {
        listening.await;
    }
}

/// Reads `embed.json`, listens to the host and tells it the app is ready.
pub(crate) async fn listen_to_host(state: AppState) {
    let text = match gloo_net::http::Request::get("embed.json").send().await {
        Ok(response) if response.ok() => response.text().await.unwrap_or_default(),
        _ => String::new(),
    };
    CONFIG.with(|c| *c.borrow_mut() = EmbedConfig::parse(&text));
    let listener =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            if !CONFIG.with(|c| c.borrow().allows(&event.origin())) {
                return;
            }
            let data = event.data();
            let field = |name: &str| {
                js_sys::Reflect::get(&data, &name.into())
                    .ok()
                    .filter(|v| !v.is_undefined() && !v.is_null())
            };
            let kind = field("type").and_then(|v| v.as_string());
            let user = field("user").and_then(|v| v.as_string());
            let theme = field("theme")
                .filter(JsValue::is_object)
                .map(|t| {
                    js_sys::Object::entries(t.unchecked_ref())
                        .iter()
                        .filter_map(|e| {
                            let pair: js_sys::Array = e.unchecked_into();
                            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
                        })
                        .collect()
                })
                .unwrap_or_default();
            if let Some(HostMessage::Init { user, theme }) =
                HostMessage::from_parts(kind.as_deref(), user, theme)
            {
                if let Some(user) = user {
                    switch_user(state, user);
                }
                apply_theme(&theme_properties(&theme));
            }
        });
    let _ = browser::window()
        .add_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
    listener.forget(); // lives as long as the page
    announce(&[HostEvent::Ready]);
}

fn apply_theme(properties: &[(String, String)]) {
    let Some(html) = browser::window()
        .document()
        .and_then(|d| d.document_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    for (name, value) in properties {
        let _ = html.style().set_property(name, value);
    }
}

/// Posts `events` to the host, addressed to each allowed origin (never `*`).
pub fn announce(events: &[HostEvent]) {
    if events.is_empty() || !is_embedded() {
        return;
    }
    let Ok(Some(parent)) = browser::window().parent() else {
        return;
    };
    CONFIG.with(|c| {
        for origin in &c.borrow().allowed_origins {
            for event in events {
                if let Ok(data) = js_sys::JSON::parse(&event.to_json()) {
                    let _ = parent.post_message(&data, origin);
                }
            }
        }
    });
}
