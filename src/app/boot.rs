//! Start-up: the clock hooks, the reference data, the store and the demo hook.

use std::rc::Rc;

use leptos::prelude::*;

use crate::domain::i18n::Text;

use super::browser::{self, Area};
use super::state::{AppState, Notice};
use crate::domain::clock::{parse_demo_count, parse_now, ClockOffset};
use crate::domain::demo;
use crate::domain::directory::{ReferenceData, ReferenceDataError, REFERENCE_FILES};
use crate::store::indexeddb::IndexedDbStore;
use crate::store::{Store, StoreError};

const CLOCK_KEY: &str = "cosell.clockOffsetMs";

#[derive(Clone)]
pub enum Boot {
    Loading,
    Ready(AppState),
    Failed(BootError),
}

#[derive(Debug, Clone)]
pub enum BootError {
    ReferenceData(ReferenceDataError),
    Storage(String),
}

/// Starts Co-sell in `locale` (chosen once, before anything is shown).
pub async fn start(locale: crate::domain::locale::Locale) -> Result<AppState, BootError> {
    let mut notices = Vec::new();
    let offset = clock_offset(&mut notices, locale);
    let data = load_reference_data().await.map_err(BootError::ReferenceData)?;

    let version_changed = RwSignal::new(false);
    let store = IndexedDbStore::open(move || version_changed.set(true)).await?;
    let snapshot = store.load().await?;
    if snapshot.unreadable > 0 {
        notices.push(Notice::error(Text::Unreadable.fill(locale, &[("n", &snapshot.unreadable.to_string())])));
    }
    let mut exchange = snapshot.into_exchange();

    if let Some(value) = browser::query_param("demo") {
        match parse_demo_count(&value) {
            Ok(n) if exchange.is_empty() => {
                let outcome = demo::generate(n, &data, offset.now(browser::real_now()));
                match store.apply(&outcome).await {
                    Ok(()) => {
                        let _ = exchange.apply(&outcome);
                    }
                    Err(e) => notices.push(Notice::error(Text::DemoFailed.fill(locale, &[("error", &e.to_string())]))),
                }
            }
            Ok(_) => {}
            Err(()) => notices.push(Notice::error(Text::DemoParamInvalid.fill(locale, &[("value", &value), ("max", &crate::domain::clock::MAX_DEMO_DEALS.to_string())]))),
        }
    }

    let state = AppState::new(data, exchange, Rc::new(store), offset, version_changed, locale);
    for n in notices {
        state.notify(n);
    }
    Ok(state)
}

/// `?now=` sets the tab's simulated clock; it is kept in sessionStorage across reloads.
fn clock_offset(notices: &mut Vec<Notice>, locale: crate::domain::locale::Locale) -> ClockOffset {
    if let Some(value) = browser::query_param("now") {
        match parse_now(&value) {
            Ok(simulated) => {
                let offset = ClockOffset::simulating(simulated, browser::real_now());
                browser::store(Area::Session, CLOCK_KEY, &offset.0.to_string());
                return offset;
            }
            Err(()) => notices.push(Notice::error(Text::NowParamInvalid.fill(locale, &[("value", &value)]))),
        }
    }
    browser::stored(Area::Session, CLOCK_KEY).and_then(|v| v.parse().ok()).map(ClockOffset).unwrap_or_default()
}

/// Back to the real time in this tab.
pub fn clear_clock() {
    browser::forget(Area::Session, CLOCK_KEY);
}

async fn load_reference_data() -> Result<ReferenceData, ReferenceDataError> {
    let mut texts = Vec::with_capacity(REFERENCE_FILES.len());
    for file in REFERENCE_FILES {
        texts.push((file, fetch_text(file).await?));
    }
    ReferenceData::parse(&texts)
}

async fn fetch_text(file: &'static str) -> Result<String, ReferenceDataError> {
    let fail = |problem: String| ReferenceDataError { file: file.to_string(), problem };
    // Relative to the document's <base>, so a deployment under a sub-path works too.
    let response = gloo_net::http::Request::get(&format!("data/{file}"))
        .send()
        .await
        .map_err(|e| fail(format!("could not be fetched ({e})")))?;
    if !response.ok() {
        return Err(fail(format!("the server answered {} {}", response.status(), response.status_text())));
    }
    response.text().await.map_err(|e| fail(format!("could not be read ({e})")))
}

impl From<StoreError> for BootError {
    fn from(e: StoreError) -> Self {
        BootError::Storage(e.to_string())
    }
}
