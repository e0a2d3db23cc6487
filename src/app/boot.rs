//! Start-up: the clock hooks, the reference data, the mode (served by a Co-sell server, or
//! the static build alone), the store and the demo hook.

use std::future::{poll_fn, Future};
use std::pin::{pin, Pin};
use std::task::{Context, Poll};

use leptos::prelude::*;

use crate::domain::support::i18n::Text;

use super::browser::{self, Area};
use super::state::{AppState, Notice};
use super::sync;
use crate::app::lazy::LoadFailed;
use crate::domain::records::directory::{ReferenceData, ReferenceDataError, REFERENCE_FILES};
use crate::domain::support::clock::{parse_demo_count, parse_now, ClockOffset};
use crate::store::indexeddb::IndexedDbStore;
use crate::store::{Store, StoreError};

const CLOCK_KEY: &str = "cosell.clockOffsetMs";

#[derive(Clone)]
pub enum Boot {
    Loading,
    Ready(AppState),
    /// A Co-sell server serves the app and nobody is signed in: the sign-in page, with the
    /// directory to choose from.
    SignIn(ReferenceData, sync::SignInWays),
    Failed(BootError),
}

#[derive(Debug, Clone)]
pub enum BootError {
    ReferenceData(ReferenceDataError),
    Storage(String),
}

/// Starts Co-sell in `locale` (chosen once, before anything is shown).
pub async fn start(locale: crate::domain::support::locale::Locale) -> Boot {
    match run(locale).await {
        Ok(boot) => boot,
        Err(e) => Boot::Failed(e),
    }
}

/// Starts shared mode: opens the signed-in user's copy of the server's exchange.
async fn start_shared(
    locale: crate::domain::support::locale::Locale,
    user_id: String,
    csrf: String,
    switch_users: bool,
) -> Result<Boot, BootError> {
    let mut notices = Vec::new();
    let offset = clock_offset(&mut notices, locale);
    let version_changed = RwSignal::new(false);
    let (data, copy) = join(
        load_reference_data(),
        sync::open_copy(&user_id, move || version_changed.set(true)),
    )
    .await;
    let data = data.map_err(BootError::ReferenceData)?;
    let (store, confirmed, copy, unreadable) = copy?;
    if unreadable > 0 {
        notices.push(Notice::error(
            Text::Unreadable.fill(locale, &[("n", &unreadable.to_string())]),
        ));
    }
    let shared = sync::Shared::new(confirmed.clone(), copy, csrf, switch_users);
    let state = AppState::new(
        data,
        confirmed,
        store,
        offset,
        version_changed,
        locale,
        Some((user_id, shared)),
    );
    for n in notices {
        state.notify(n);
    }
    Ok(Boot::Ready(state))
}

async fn run(locale: crate::domain::support::locale::Locale) -> Result<Boot, BootError> {
    match sync::detect().await {
        sync::Detected::Local => {}
        sync::Detected::Shared {
            session: Some((user_id, csrf)),
            ways,
        } => return start_shared(locale, user_id, csrf, ways.demo).await,
        // Offline no one can sign in as someone else.
        sync::Detected::SharedOffline { user_id } => {
            return start_shared(locale, user_id, String::new(), false).await
        }
        sync::Detected::Shared {
            session: None,
            ways,
        } => {
            let data = load_reference_data()
                .await
                .map_err(BootError::ReferenceData)?;
            return Ok(Boot::SignIn(data, ways));
        }
    }
    let mut notices = Vec::new();
    let offset = clock_offset(&mut notices, locale);
    let version_changed = RwSignal::new(false);
    // The reference data arrives while the store is opened and read.
    let stored = async {
        let store = IndexedDbStore::open(crate::store::indexeddb::DB_NAME, move || {
            version_changed.set(true)
        })
        .await?;
        let snapshot = store.load().await?;
        Ok::<_, StoreError>((store, snapshot))
    };
    let (data, stored) = join(load_reference_data(), stored).await;
    let data = data.map_err(BootError::ReferenceData)?;
    let (store, snapshot) = stored?;
    if snapshot.unreadable > 0 {
        notices.push(Notice::error(
            Text::Unreadable.fill(locale, &[("n", &snapshot.unreadable.to_string())]),
        ));
    }
    let mut exchange = snapshot.into_exchange();

    if let Some(value) = browser::query_param("demo") {
        match parse_demo_count(&value) {
            Some(n) if exchange.is_empty() => {
                let now = offset.now(browser::real_now());
                match crate::app::lazy::demo_deals(n, &data, now).await {
                    Ok(outcome) => match store.apply(&outcome).await {
                        Ok(()) => {
                            let _ = exchange.apply_owned(outcome);
                        }
                        Err(e) => notices.push(Notice::error(
                            Text::DemoFailed.fill(locale, &[("error", &e.to_string())]),
                        )),
                    },
                    Err(LoadFailed) => notices.push(Notice::error(Text::DemoNotLoaded.get(locale))),
                }
            }
            Some(_) => {}
            None => notices.push(Notice::error(Text::DemoParamInvalid.fill(
                locale,
                &[
                    ("value", &value),
                    (
                        "max",
                        &crate::domain::support::clock::MAX_DEMO_DEALS.to_string(),
                    ),
                ],
            ))),
        }
    }

    let state = AppState::new(data, exchange, store, offset, version_changed, locale, None);
    for n in notices {
        state.notify(n);
    }
    Ok(Boot::Ready(state))
}

/// `?now=` sets the tab's simulated clock; it is kept in sessionStorage across reloads.
fn clock_offset(
    notices: &mut Vec<Notice>,
    locale: crate::domain::support::locale::Locale,
) -> ClockOffset {
    if let Some(value) = browser::query_param("now") {
        match parse_now(&value) {
            Some(simulated) => {
                let offset = ClockOffset::simulating(simulated, browser::real_now());
                browser::store(Area::Session, CLOCK_KEY, &offset.0.to_string());
                return offset;
            }
            None => notices.push(Notice::error(
                Text::NowParamInvalid.fill(locale, &[("value", &value)]),
            )),
        }
    }
    browser::stored(Area::Session, CLOCK_KEY)
        .and_then(|v| v.parse().ok())
        .map(ClockOffset)
        .unwrap_or_default()
}

/// Back to the real time in this tab.
pub fn clear_clock() {
    browser::forget(Area::Session, CLOCK_KEY);
}

/// The reference files, fetched all at once.
async fn load_reference_data() -> Result<ReferenceData, ReferenceDataError> {
    let fetches: Vec<_> = REFERENCE_FILES
        .iter()
        .map(|file| Box::pin(fetch_text(file)))
        .collect();
    let mut texts = Vec::with_capacity(REFERENCE_FILES.len());
    for (file, text) in REFERENCE_FILES.into_iter().zip(join_all(fetches).await) {
        texts.push((file, text?));
    }
    ReferenceData::parse(&texts)
}

/// Runs two futures at once; done when both are.
async fn join<A: Future, B: Future>(a: A, b: B) -> (A::Output, B::Output) {
    let (mut a, mut b) = (pin!(a), pin!(b));
    let (mut first, mut second) = (None, None);
    poll_fn(|cx| {
        if first.is_none() {
            first = poll_once(a.as_mut(), cx);
        }
        if second.is_none() {
            second = poll_once(b.as_mut(), cx);
        }
        match (first.take(), second.take()) {
            (Some(x), Some(y)) => Poll::Ready((x, y)),
            (x, y) => {
                (first, second) = (x, y);
                Poll::Pending
            }
        }
    })
    .await
}

/// Runs futures at once; their outputs in order, when all are done.
async fn join_all<F: Future + Unpin>(mut futures: Vec<F>) -> Vec<F::Output> {
    let mut outputs: Vec<Option<F::Output>> = futures.iter().map(|_| None).collect();
    poll_fn(|cx| {
        for (future, output) in futures.iter_mut().zip(outputs.iter_mut()) {
            if output.is_none() {
                *output = poll_once(Pin::new(future), cx);
            }
        }
        if outputs.iter().all(Option::is_some) {
            Poll::Ready(outputs.iter_mut().filter_map(Option::take).collect())
        } else {
            Poll::Pending
        }
    })
    .await
}

fn poll_once<F: Future + ?Sized>(future: Pin<&mut F>, cx: &mut Context<'_>) -> Option<F::Output> {
    match future.poll(cx) {
        Poll::Ready(v) => Some(v),
        Poll::Pending => None,
    }
}

/// Fetches the German texts (`i18n/de.json`, relative to the document's <base>) and takes
/// them into use; says whether German is there. When they cannot be had, the app speaks
/// English and says why in the console.
pub async fn load_german() -> bool {
    use crate::domain::support::i18n::german;
    if german::is_loaded() {
        return true;
    }
    let loaded = match gloo_net::http::Request::get("i18n/de.json").send().await {
        Ok(response) if response.ok() => match response.text().await {
            Ok(json) => german::install(&json),
            Err(e) => Err(format!("it could not be read ({e})")),
        },
        Ok(response) => Err(format!("the server answered {}", response.status())),
        Err(e) => Err(format!("it could not be fetched ({e})")),
    };
    if let Err(why) = &loaded {
        web_sys::console::warn_1(&format!("Co-sell speaks English: i18n/de.json: {why}").into());
    }
    loaded.is_ok()
}

async fn fetch_text(file: &'static str) -> Result<String, ReferenceDataError> {
    let fail = |problem: String| ReferenceDataError {
        file: file.to_string(),
        problem,
    };
    // Relative to the document's <base>, so a deployment under a sub-path works too.
    let response = gloo_net::http::Request::get(&format!("data/{file}"))
        .send()
        .await
        .map_err(|e| fail(format!("could not be fetched ({e})")))?;
    if !response.ok() {
        return Err(fail(format!(
            "the server answered {} {}",
            response.status(),
            response.status_text()
        )));
    }
    response
        .text()
        .await
        .map_err(|e| fail(format!("could not be read ({e})")))
}

impl From<StoreError> for BootError {
    fn from(e: StoreError) -> Self {
        BootError::Storage(e.to_string())
    }
}
