//! Shared mode: the app as an offline-first copy of a Co-sell server's exchange
//! (`server/PROTOCOL.md`). Every action is decided here as in local mode, queued in the
//! copy's outbox in IndexedDB, and shown at once; the outbox is pushed when the server can be
//! reached, and the copy is refreshed by pulls (at start, after a push, on the server's
//! "changed" signal, when the browser comes back online, and every minute). What the user
//! sees is always the confirmed state plus the changes still on their way, replayed through
//! the domain (`sync::replica`). The rules stay in the domain: this file only moves data.

use std::time::Duration;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::browser::{self, Area};
use super::state::{AppState, Notice};
use crate::client::{Done, Refusal};
use crate::domain::exchange::{Exchange, Outcome};
use crate::domain::support::i18n::Text;
use crate::domain::support::json_reader::{from_json, JsonReader, Read, ReadJson};
use crate::domain::support::json_writer::{to_json, JsonWriter, WriteJson};
use crate::store::indexeddb::IndexedDbStore;
use crate::store::StoreError;
use crate::sync::replica::{self, pull_outcome, replay, CopyState};
use crate::sync::{Change, MutationStatus, PullRequest, PullResponse, PushResponse, Seen};

/// Remembered in this browser: a server served the app, and who was signed in (so the copy
/// opens offline too).
const MODE_KEY: &str = "cosell.sharedUser";

/// What the header says about the copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncStatus {
    UpToDate,
    Saving,
    Offline,
    Unreachable,
    SignedOut,
}

/// A change the server refused, kept to be shown on its deal and offered again.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    pub id: u64,
    pub referral_id: Option<String>,
    pub message: String,
    /// The change, when this tab queued it (it can be offered again).
    pub change: Option<Change>,
}

/// The shared-mode half of the app state. `Copy`: every field is a handle.
#[derive(Clone, Copy)]
pub struct Shared {
    pub status: RwSignal<SyncStatus>,
    /// How many changes wait in the outbox.
    pub pending: RwSignal<usize>,
    pub last_sync: RwSignal<Option<DateTime<Utc>>>,
    pub refused: RwSignal<Vec<Refused>>,
    confirmed: StoredValue<Exchange>,
    copy: StoredValue<CopyState>,
    /// The changes this tab queued, by mutation id: what a refusal offers again (the outbox
    /// keeps only their JSON, which the app never reads back).
    queued: StoredValue<Vec<(u64, Change)>>,
    csrf: StoredValue<String>,
    /// A sync is running / another was asked for meanwhile.
    running: StoredValue<(bool, bool)>,
    /// Whether the server's demo sign-in lets **Signed in as** switch user (with the
    /// organisation's identity provider, people are who they signed in as).
    pub switch_users: bool,
}

/// How the app found itself at start.
pub enum Detected {
    Local,
    /// A server serves the app; `session` is the signed-in user and CSRF token, if any.
    Shared {
        session: Option<(String, String)>,
        ways: SignInWays,
    },
    /// The server cannot be reached, but this browser holds a copy of `user_id`'s.
    SharedOffline {
        user_id: String,
    },
}

pub(crate) async fn get_json<T: ReadJson>(url: &str) -> Result<T, u16> {
    let response = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|_| 0u16)?;
    if !response.ok() {
        return Err(response.status());
    }
    read_json(&response).await.ok_or(0)
}

/// A response's body as JSON. Read as bytes, not as text: a first pull's pages are 29 MB for
/// 10,000 deals, and text would be decoded to a JavaScript string by the browser and encoded
/// back to UTF-8 for the wasm (about a tenth of a first sync's main thread in Chromium's
/// profile); the bytes are copied once and checked as UTF-8 in place.
async fn read_json<T: ReadJson>(response: &gloo_net::http::Response) -> Option<T> {
    let bytes = response.binary().await.ok()?;
    let text = String::from_utf8(bytes).ok()?;
    from_json(&text).ok()
}

/// What the server's problem+json says that the app uses.
#[derive(Debug, Default)]
pub(crate) struct Problem {
    pub detail: String,
    expected: Option<u64>,
}

json_record!(Problem {
    detail: "detail" default,
    expected: "expected" default,
});

/// An empty JSON object, for requests without a body of their own.
struct Empty {}

impl WriteJson for Empty {
    fn write_json(&self, w: &mut JsonWriter<'_>) {
        w.open_object();
        w.close_object();
    }
}

impl ReadJson for Empty {
    fn read_json(r: &mut JsonReader<'_>) -> Read<Self> {
        r.object(&mut |r, _| r.skip()).map(|()| Empty {})
    }
}

/// DELETEs `url` with the session's CSRF token; whether the server did it.
pub(crate) async fn delete(url: &str, csrf: &str) -> bool {
    gloo_net::http::Request::delete(url)
        .header("X-Cosell-Csrf", csrf)
        .send()
        .await
        .is_ok_and(|r| r.ok())
}

/// POSTs a JSON body written already (a push, from the outbox's stored mutations, or a
/// request written by [`post_json`]).
async fn post_raw<T: ReadJson>(url: &str, csrf: &str, body: String) -> Result<T, (u16, Problem)> {
    let request = gloo_net::http::Request::post(url)
        .header("X-Cosell-Csrf", csrf)
        .header("Content-Type", "application/json")
        .header("Accept-Language", browser::chosen_locale().tag())
        .body(body)
        .map_err(|_| (0, Problem::default()))?;
    answer(request.send().await).await
}

async fn answer<T: ReadJson>(
    sent: Result<gloo_net::http::Response, gloo_net::Error>,
) -> Result<T, (u16, Problem)> {
    let response = sent.map_err(|_| (0, Problem::default()))?;
    if !response.ok() {
        let problem = read_json(&response).await.unwrap_or_default();
        return Err((response.status(), problem));
    }
    read_json(&response).await.ok_or((0, Problem::default()))
}

pub(crate) async fn post_json<T: ReadJson>(
    url: &str,
    csrf: &str,
    body: &impl WriteJson,
) -> Result<T, (u16, Problem)> {
    post_raw(url, csrf, to_json(body)).await
}

struct ServerInfo {
    mode: String,
    signed_in: bool,
    oidc: bool,
    demo_sign_in: bool,
}

json_record!(ServerInfo {
    mode: "mode" required,
    signed_in: "signedIn" default,
    oidc: "oidc" default,
    demo_sign_in: "demoSignIn" default,
});

/// How the server lets people sign in: through the organisation's identity provider, by
/// choosing a directory user (demo), or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SignInWays {
    pub oidc: bool,
    pub demo: bool,
}

struct Me {
    user: Option<crate::domain::records::directory::User>,
    csrf: String,
}

json_record!(Me {
    user: "user" default,
    csrf: "csrf" required,
});

/// Finds out whether a Co-sell server serves the app (the static build has no
/// `server.json`) and who is signed in.
pub async fn detect() -> Detected {
    match get_json::<ServerInfo>("server.json").await {
        Ok(info) if info.mode == "shared" => {
            let session = match info.signed_in {
                true => get_json::<Me>("auth/me")
                    .await
                    .ok()
                    .and_then(|me| me.user.map(|u| (u.id, me.csrf))),
                false => None,
            };
            Detected::Shared {
                session,
                ways: SignInWays {
                    oidc: info.oidc,
                    demo: info.demo_sign_in,
                },
            }
        }
        // No answer at all: offline. A copy of a shared exchange opens without its server.
        Err(0) => match browser::stored(Area::Local, MODE_KEY) {
            Some(user_id) if !user_id.is_empty() => Detected::SharedOffline { user_id },
            _ => Detected::Local,
        },
        _ => {
            browser::forget(Area::Local, MODE_KEY);
            Detected::Local
        }
    }
}

/// Signs in through the server's demo sign-in, then starts afresh as that user.
pub async fn sign_in(user_id: &str) -> Result<(), String> {
    struct Body {
        user_id: String,
    }
    json_record!(write Body {
        user_id: "userId" required,
    });
    let body = Body {
        user_id: user_id.to_string(),
    };
    match post_json::<Me>("auth/demo", "", &body).await {
        Ok(_) => {
            browser::store(Area::Local, MODE_KEY, user_id);
            browser::reload();
            Ok(())
        }
        Err((0, _)) => Err("the server did not answer".into()),
        Err((_, problem)) => Err(problem.detail),
    }
}

/// Ends the session on the server and removes this user's copy from the browser.
pub fn sign_out(state: AppState) {
    let Some(shared) = state.shared else { return };
    spawn_local(async move {
        let csrf = shared.csrf.get_value();
        let _ = post_json::<Empty>("auth/logout", &csrf, &Empty {}).await;
        let user_id = state.user_id.get_untracked();
        let _ = IndexedDbStore::delete_database(&IndexedDbStore::shared_name(&user_id)).await;
        browser::forget(Area::Local, MODE_KEY);
        browser::reload();
    });
}

/// Opens `user_id`'s copy: its database, what it holds, and its state.
pub async fn open_copy(
    user_id: &str,
    on_version_change: impl Fn() + 'static,
) -> Result<(IndexedDbStore, Exchange, CopyState, usize), StoreError> {
    use crate::store::Store;
    let store =
        IndexedDbStore::open(&IndexedDbStore::shared_name(user_id), on_version_change).await?;
    let snapshot = store.load().await?;
    let unreadable = snapshot.unreadable;
    let mut copy: CopyState = store
        .copy_state()
        .await?
        .and_then(|json| from_json(&json).ok())
        .unwrap_or_default();
    if copy.client_id.is_empty() || copy.user_id != user_id {
        copy = CopyState {
            user_id: user_id.into(),
            client_id: browser::random_uuid(),
            next_id: 1,
            ..CopyState::default()
        };
    }
    browser::store(Area::Local, MODE_KEY, user_id);
    Ok((store, snapshot.into_exchange(), copy, unreadable))
}

impl Shared {
    pub fn new(confirmed: Exchange, copy: CopyState, csrf: String, switch_users: bool) -> Self {
        let pending = copy.outbox.len();
        let last_sync = copy.last_sync;
        Self {
            status: RwSignal::new(if pending > 0 {
                SyncStatus::Saving
            } else {
                SyncStatus::UpToDate
            }),
            pending: RwSignal::new(pending),
            last_sync: RwSignal::new(last_sync),
            refused: RwSignal::new(Vec::new()),
            confirmed: StoredValue::new(confirmed),
            copy: StoredValue::new(copy),
            queued: StoredValue::new(Vec::new()),
            csrf: StoredValue::new(csrf),
            running: StoredValue::new((false, false)),
            switch_users,
        }
    }

    /// The session's CSRF token, for requests of the app's own (API tokens).
    pub fn csrf(&self) -> String {
        self.csrf.get_value()
    }

    /// What the user sees: the confirmed state with the outbox on top.
    pub fn shown(&self) -> Exchange {
        self.confirmed
            .with_value(|confirmed| self.copy.with_value(|copy| replay(confirmed, &copy.outbox)))
    }

    fn set_copy(&self, copy: CopyState) {
        self.pending.set(copy.outbox.len());
        self.last_sync.set(copy.last_sync);
        self.copy.set_value(copy);
    }
}

/// Queues a decided change in the outbox (one IndexedDB transaction), shows its outcome,
/// and starts a sync. `done` learns whether it was kept.
pub fn queue(
    state: AppState,
    change: Change,
    seen: Vec<Seen>,
    outcome: Outcome,
    done: impl FnOnce(Done) + 'static,
) {
    let Some(shared) = state.shared else { return };
    let at = state.now.get_untracked();
    spawn_local(async move {
        let store = state.writes();
        let (kept, queued_change) = (outcome.clone(), change.clone());
        let id = StoredValue::new(0u64);
        let written = store
            .store()
            .apply_with_copy(&Outcome::default(), false, move |stored| {
                let mut copy: CopyState = stored
                    .and_then(|json| from_json(&json).ok())
                    .unwrap_or_else(|| shared.copy.get_value());
                id.set_value(copy.queue(&queued_change, seen, kept, at));
                to_json(&copy)
            })
            .await;
        match written.map(|json| from_json::<CopyState>(&json)) {
            Ok(Ok(copy)) => {
                shared
                    .queued
                    .update_value(|q| q.push((id.get_value(), change)));
                shared.set_copy(copy);
                state.exchange.update(|e| {
                    let _ = e.apply(&outcome);
                });
                if !outcome.setups.is_empty() {
                    state.follow_setups();
                }
                done(Done::Saved);
                sync_now(state);
            }
            Ok(Err(e)) => done(Done::Refused(Refusal::Store(StoreError::Write(
                e.to_string(),
            )))),
            Err(e) => done(Done::Refused(Refusal::Store(e))),
        }
    });
}

/// Reloads the copy from IndexedDB (another tab queued or pulled) and shows it.
pub fn reload(state: AppState) {
    let Some(shared) = state.shared else { return };
    spawn_local(async move {
        use crate::store::Store;
        let store = state.writes();
        let Ok(snapshot) = store.store().load().await else {
            return;
        };
        if let Ok(Some(json)) = store.store().copy_state().await {
            if let Ok(copy) = from_json::<CopyState>(&json) {
                shared.set_copy(copy);
            }
        }
        shared.confirmed.set_value(snapshot.into_exchange());
        state.set_exchange(shared.shown());
        update_status(shared);
        // Another tab queued a change: if that tab is not pushing, this one does.
        if shared.pending.get_untracked() > 0 {
            sync_now(state);
        }
    });
}

fn update_status(shared: Shared) {
    let online = browser::window().navigator().on_line();
    let pending = shared.pending.get_untracked();
    shared.status.set(match (online, pending) {
        (false, _) => SyncStatus::Offline,
        (true, 0) => SyncStatus::UpToDate,
        (true, _) => SyncStatus::Saving,
    });
}

/// Pushes the outbox and pulls, until nothing is left to do. Requests that arrive while
/// one runs are served by one more round after it.
pub fn sync_now(state: AppState) {
    let Some(shared) = state.shared else { return };
    let (running, _) = shared.running.get_value();
    if running {
        return shared.running.set_value((true, true));
    }
    shared.running.set_value((true, false));
    spawn_local(async move {
        loop {
            let ended = sync_round(state, shared).await;
            match ended {
                Ok(()) => update_status(shared),
                Err(status) => {
                    shared.status.set(status);
                    if status != SyncStatus::SignedOut {
                        // Tried again shortly; the online event and the minute tick too.
                        set_timeout(move || sync_now(state), Duration::from_secs(5));
                    }
                    break;
                }
            }
            let (_, again) = shared.running.get_value();
            if !again {
                break;
            }
            shared.running.set_value((true, false));
        }
        shared.running.set_value((false, false));
    });
}

fn failed(status: u16) -> SyncStatus {
    match status {
        401 => SyncStatus::SignedOut,
        _ if !browser::window().navigator().on_line() => SyncStatus::Offline,
        _ => SyncStatus::Unreachable,
    }
}

/// One push of the whole outbox, then one pull.
async fn sync_round(state: AppState, shared: Shared) -> Result<(), SyncStatus> {
    if !browser::window().navigator().on_line() {
        return Err(SyncStatus::Offline);
    }
    let csrf = shared.csrf.get_value();
    if csrf.is_empty() {
        // Opened offline: the session's token comes with the server's first answer.
        let me = get_json::<Me>("auth/me").await.map_err(failed)?;
        shared.csrf.set_value(me.csrf);
        return Box::pin(sync_round(state, shared)).await;
    }
    let client_id = shared.copy.with_value(|c| c.client_id.clone());
    let batch: Vec<(u64, Option<String>)> = shared.copy.with_value(|c| {
        c.outbox
            .iter()
            .take(crate::sync::MAX_MUTATIONS)
            .map(|p| {
                (
                    p.id,
                    p.outcome.referrals.first().map(|w| w.referral.id.clone()),
                )
            })
            .collect()
    });
    if !batch.is_empty() {
        shared.status.set(SyncStatus::Saving);
        let body = shared
            .copy
            .with_value(|c| c.push_body(crate::sync::MAX_MUTATIONS));
        // One tab of this browser pushes at a time; the others follow its writes.
        let pushed = one_tab_at_a_time(post_raw::<PushResponse>("sync/push", &csrf, body)).await;
        match pushed {
            None => {}
            Some(Ok(answer)) => note_refusals(state, shared, &batch, &answer),
            // The server has processed up to `expected - 1` already (another tab pushed).
            Some(Err((409, problem))) if problem.expected.is_some() => {}
            Some(Err((status, _))) => return Err(failed(status)),
        }
    }
    let cursor = shared.copy.with_value(|c| c.cursor.clone());
    let mut pulled = post_json::<PullResponse>(
        "sync/pull",
        &csrf,
        &PullRequest {
            client_id: client_id.clone(),
            cursor,
        },
    )
    .await
    .map_err(|(status, _)| failed(status))?;
    if !pulled.removed.is_empty() && !pulled.reset {
        // Deals the user may no longer see: start a fresh copy.
        pulled = post_json::<PullResponse>(
            "sync/pull",
            &csrf,
            &PullRequest {
                client_id: client_id.clone(),
                cursor: None,
            },
        )
        .await
        .map_err(|(status, _)| failed(status))?;
    }
    // A first pull comes in pages. The next pages are fetched while the copy writes, and
    // written together once they hold twice the copy's deals (`write_pages_now`). Each
    // write is kept with its cursor, so the first deals show at once and a reload continues
    // where the written pages left off.
    let pages = pulled
        .more
        .then(|| Pages::fetch(csrf.clone(), client_id.clone(), pulled.cursor.clone()));
    let mut held = pulled.referrals.len();
    apply_pull(state, shared, pulled).await?;
    let Some(pages) = pages else { return Ok(()) };
    let mut gathered = Vec::new();
    loop {
        let mut stopped = None;
        for page in pages.arrived().await {
            match page {
                Ok(page) => gathered.push(page),
                Err(status) => stopped = Some(status),
            }
        }
        let last = gathered.iter().any(|p| !p.more);
        if stopped.is_some() || replica::write_pages_now(held, &gathered) {
            held += gathered.iter().map(|p| p.referrals.len()).sum::<usize>();
            if let Some(page) = replica::merge_pages(std::mem::take(&mut gathered)) {
                apply_pull(state, shared, page).await?;
            }
        }
        if let Some(status) = stopped {
            return Err(status);
        }
        if last {
            return Ok(());
        }
    }
}

/// The pages of a first pull after the first, fetched one after the other as fast as the
/// server answers, for the copy to write as they arrive.
#[derive(Clone, Default)]
struct Pages(std::rc::Rc<std::cell::RefCell<Arrived>>);

#[derive(Default)]
struct Arrived {
    pages: Vec<Result<PullResponse, SyncStatus>>,
    waiting: Option<std::task::Waker>,
}

impl Pages {
    /// Starts fetching the pages after `cursor`; it ends with the last page, a failure, or
    /// when the round that asked for them has ended (a write failed: the next round starts
    /// again from the stored cursor, and pages nobody writes are not fetched meanwhile).
    fn fetch(csrf: String, client_id: String, cursor: String) -> Pages {
        let pages = Pages::default();
        let feed = pages.clone();
        spawn_local(async move {
            let mut cursor = cursor;
            while feed.wanted() {
                let page = post_json::<PullResponse>(
                    "sync/pull",
                    &csrf,
                    &PullRequest {
                        client_id: client_id.clone(),
                        cursor: Some(cursor.clone()),
                    },
                )
                .await
                .map_err(|(status, _)| failed(status));
                let next = match &page {
                    Ok(p) if p.more => Some(p.cursor.clone()),
                    _ => None,
                };
                feed.add(page);
                match next {
                    Some(next) => cursor = next,
                    None => break,
                }
            }
        });
        pages
    }

    /// Whether the round that asked for the pages still holds them.
    fn wanted(&self) -> bool {
        std::rc::Rc::strong_count(&self.0) > 1
    }

    fn add(&self, page: Result<PullResponse, SyncStatus>) {
        let waiting = {
            let mut arrived = self.0.borrow_mut();
            arrived.pages.push(page);
            arrived.waiting.take()
        };
        if let Some(waker) = waiting {
            waker.wake();
        }
    }

    /// The pages that arrived since the last call, waiting for one if none has.
    async fn arrived(&self) -> Vec<Result<PullResponse, SyncStatus>> {
        std::future::poll_fn(|cx| {
            let mut arrived = self.0.borrow_mut();
            if arrived.pages.is_empty() {
                arrived.waiting = Some(cx.waker().clone());
                std::task::Poll::Pending
            } else {
                std::task::Poll::Ready(std::mem::take(&mut arrived.pages))
            }
        })
        .await
    }
}

/// Runs `work` holding this browser's sync lock (Web Locks), so that only one tab pushes at
/// a time; `None` when another tab holds it. Without Web Locks, `work` just runs: pushes are
/// idempotent, a second tab's push of the same mutations is answered as a retry.
async fn one_tab_at_a_time<T>(work: impl std::future::Future<Output = T>) -> Option<T> {
    use js_sys::{Function, Object, Promise, Reflect};
    let navigator = browser::window().navigator();
    let Some(locks) = Reflect::get(&navigator, &"locks".into())
        .ok()
        .filter(|l| l.is_object())
    else {
        return Some(work.await);
    };
    let Some(request) = Reflect::get(&locks, &"request".into())
        .ok()
        .and_then(|r| r.dyn_into::<Function>().ok())
    else {
        return Some(work.await);
    };
    // `release` is held by the lock until the work is done; `got` tells whether it was given.
    let mut release_now: Option<Function> = None;
    let release = Promise::new(&mut |resolve, _| release_now = Some(resolve));
    let mut got_now: Option<Function> = None;
    let got = Promise::new(&mut |resolve, _| got_now = Some(resolve));
    let (Some(release_now), Some(got_now)) = (release_now, got_now) else {
        return Some(work.await);
    };
    let held = release.clone();
    let callback = Closure::once_into_js(move |lock: JsValue| -> JsValue {
        let given = !lock.is_null();
        let _ = got_now.call1(&JsValue::NULL, &given.into());
        if given {
            held.into()
        } else {
            Promise::resolve(&JsValue::NULL).into()
        }
    });
    let options = Object::new();
    let _ = Reflect::set(&options, &"ifAvailable".into(), &true.into());
    if request
        .call3(&locks, &"cosell-sync".into(), &options, &callback)
        .is_err()
    {
        return Some(work.await);
    }
    let given = wasm_bindgen_futures::JsFuture::from(got)
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    if !given {
        return None;
    }
    let done = work.await;
    let _ = release_now.call0(&JsValue::NULL);
    Some(done)
}

/// Records what the server refused, in its words, on the deal and as a notice. `batch`: each
/// pushed mutation's id and the deal its outcome wrote first.
fn note_refusals(
    state: AppState,
    shared: Shared,
    batch: &[(u64, Option<String>)],
    answer: &PushResponse,
) {
    let locale = state.locale.get_untracked();
    for result in answer
        .results
        .iter()
        .filter(|r| r.status == MutationStatus::Refused)
    {
        let Some((_, first_written)) = batch.iter().find(|(id, _)| *id == result.id) else {
            continue;
        };
        let change = shared.queued.with_value(|q| {
            q.iter()
                .find(|(id, _)| *id == result.id)
                .map(|(_, c)| c.clone())
        });
        let why = result
            .error
            .as_ref()
            .map(|e| e.message.clone())
            .unwrap_or_default();
        let referral_id = match &change {
            Some(Change::Deal { command }) => command.referral_id().map(str::to_string),
            _ => first_written.clone(),
        };
        let message = Text::NotSavedByServer.fill(locale, &[("why", &why)]);
        state.notify(Notice::error(message.clone()));
        shared.refused.update(|r| {
            r.push(Refused {
                id: result.id,
                referral_id,
                message,
                change,
            })
        });
    }
}

async fn apply_pull(
    state: AppState,
    shared: Shared,
    pulled: PullResponse,
) -> Result<(), SyncStatus> {
    let user_id = state.user_id.get_untracked();
    let (reset, cursor, last) = (pulled.reset, pulled.cursor.clone(), pulled.last_mutation_id);
    // Decided on the confirmed state where it is kept, not on a copy of it (10,000 deals).
    let checked = shared.confirmed.with_value(|stored| {
        let fresh = Exchange::default();
        let base = if reset { &fresh } else { stored };
        let outcome = pull_outcome(base, pulled, &user_id);
        base.check(&outcome).map(|_| outcome)
    });
    let Ok(outcome) = checked else {
        // The stored copy and the server disagree: start a fresh copy next round.
        shared.copy.update_value(|c| c.cursor = None);
        return Err(SyncStatus::Unreachable);
    };
    let now = browser::real_now();
    let written = state
        .writes()
        .store()
        .apply_with_copy(&outcome, reset, move |stored| {
            let mut copy: CopyState = stored
                .and_then(|json| from_json(&json).ok())
                .unwrap_or_else(|| shared.copy.get_value());
            copy.cursor = Some(cursor);
            copy.processed(last);
            copy.last_sync = Some(now);
            to_json(&copy)
        })
        .await
        .map_err(|_| SyncStatus::Unreachable)?;
    if let Ok(copy) = from_json::<CopyState>(&written) {
        shared.set_copy(copy);
    }
    // Checked above: the records move in uncopied. Only a reload from IndexedDB (another tab
    // wrote) can have changed `confirmed` meanwhile; then the store, which holds this write
    // too, is read again (a failed check changes nothing).
    let applied = if reset {
        let mut fresh = Exchange::default();
        let applied = fresh.apply_owned(outcome);
        if applied.is_ok() {
            shared.confirmed.set_value(fresh);
        }
        applied
    } else {
        shared
            .confirmed
            .try_update_value(|confirmed| confirmed.apply_owned(outcome))
            .unwrap_or(Ok(()))
    };
    if applied.is_err() {
        reload(state);
        return Ok(());
    }
    state.set_exchange(shared.shown());
    Ok(())
}

/// Offers a refused change again, decided on the newer state (nothing of the old form's
/// view of the deal is kept).
pub fn apply_again(state: AppState, refused: Refused) {
    let Some(shared) = state.shared else { return };
    shared.refused.update(|r| r.retain(|x| x.id != refused.id));
    let Some(change) = refused.change else { return };
    let decided = state.decide(|ctx| crate::sync::decide_change(&change, ctx));
    match decided {
        Ok(outcome) => queue(state, change, Vec::new(), outcome, |_| {}),
        Err(e) => {
            let locale = state.locale.get_untracked();
            let why = match e {
                crate::sync::ChangeError::Command { error, .. } => {
                    Refusal::Rule(error).reason(locale)
                }
                crate::sync::ChangeError::Conflict(c) => c.message(locale),
                crate::sync::ChangeError::Forbidden => Text::SyncForbidden.get(locale).into(),
            };
            state.notify(Notice::error(
                Text::NothingChanged.fill(locale, &[("why", &why)]),
            ));
        }
    }
}

/// Starts the copy's life: a sync now, on the server's "changed" signal, when the browser
/// comes back online, and every minute.
pub fn start(state: AppState) {
    if state.shared.is_none() {
        return;
    }
    sync_now(state);
    if let Ok(events) = web_sys::EventSource::new("sync/events") {
        let on_changed = Closure::<dyn FnMut()>::new(move || sync_now(state));
        let _ =
            events.add_event_listener_with_callback("changed", on_changed.as_ref().unchecked_ref());
        on_changed.forget(); // lives as long as the page
    }
    let window = browser::window();
    for event in ["online", "offline"] {
        let on_change = Closure::<dyn FnMut()>::new(move || sync_now(state));
        let _ = window.add_event_listener_with_callback(event, on_change.as_ref().unchecked_ref());
        on_change.forget();
    }
    set_interval(move || sync_now(state), Duration::from_secs(60));
}
