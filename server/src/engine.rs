//! The engine: the exchange in memory, the only writer of the database, and the pull that
//! gives each user exactly what they may see.
//!
//! Every write takes the one lock and decides each change with the domain as the signed-in
//! user at the server's clock. Pushes waiting for the lock are decided together, each
//! applied in memory so the next is decided on it, and written with their answers in one
//! transaction (group commit); no read sees them before that commits, and a failed commit
//! reads memory back from the database. The API's and the timer's writes are written
//! first and then applied. The
//! global version (one counter for every write) orders everything; a pull sends what is
//! newer than its cursor and what the client's copy lacks.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use cosell::domain::deal::commands::expire_due;
use cosell::domain::deal::engagement::{entry_for, party_copy};
use cosell::domain::deal::visibility::can_see;
use cosell::domain::exchange::{
    Ctx, Exchange, Favorite, FavoriteChange, Outcome, ReferralWrite, SetupWrite,
};
use cosell::domain::records::directory::{LocationScope, ReferenceData, User};
use cosell::domain::records::notification::Notification;
use cosell::domain::records::referral::Referral;
use cosell::domain::support::locale::Locale;
use cosell::domain::transfer::referrals_api::{self, ListQuery, PatchOp};
use cosell::sync::{
    decide_change, Change, ChangeError, Mutation, MutationResult, MutationStatus, PullRequest,
    PullResponse, PushRequest, PushResponse, RefusedBecause, MAX_MUTATIONS,
};
use tokio::sync::{broadcast, oneshot, Mutex, MutexGuard};

use crate::db::{Announcement, ApiAnswer, Db, LogEntry, MutationRecord, Write, WriterLock};
use crate::metrics::Metrics;
use crate::replay::Logged;

/// Who a change concerns, for the "changed" signal: the organisations whose deals, people or
/// notifications it touched (`all` for a set-up, which every directory shows).
#[derive(Debug, Clone, Default)]
pub struct Touched {
    pub organizations: BTreeSet<String>,
    pub all: bool,
    pub version: u64,
}

/// Why a push or pull could not be served.
#[derive(Debug)]
pub enum SyncError {
    /// The client id belongs to another user.
    NotYourClient,
    /// The first mutation is not the next one the server expects.
    Gap {
        expected: u64,
    },
    TooMany,
    /// The user is unknown or deactivated (their session is no longer valid).
    SignedOut,
    /// The database did not take the write; nothing changed.
    Unavailable(String),
}

struct State {
    shipped: ReferenceData,
    directory: ReferenceData,
    exchange: Exchange,
    version: u64,
    referral_v: HashMap<String, u64>,
    activity_v: HashMap<String, u64>,
    notification_v: HashMap<String, u64>,
    /// The version of each user's last favorite change.
    favorites_v: HashMap<String, u64>,
    setup_v: HashMap<String, u64>,
    /// What each version wrote, so an incremental pull reads only what is newer than its
    /// cursor instead of the whole exchange.
    written: BTreeMap<u64, Written>,
    /// Memory ran ahead of the database (a group commit failed and the database could not
    /// be read back at once): the next catch-up reads everything again.
    stale: bool,
}

/// The records one version wrote: referral ids, positions in `exchange.activity()` and
/// notification ids.
#[derive(Default)]
struct Written {
    referrals: Vec<String>,
    activity: Vec<usize>,
    notifications: Vec<String>,
}

impl State {
    /// Notes that `version` wrote the referrals `referrals`, the activity entries from
    /// position `from` on, and the notifications `notifications`.
    fn index(
        &mut self,
        version: u64,
        referrals: impl IntoIterator<Item = String>,
        from: usize,
        notifications: impl IntoIterator<Item = String>,
    ) {
        let w = self.written.entry(version).or_default();
        w.referrals.extend(referrals);
        w.notifications.extend(notifications);
        w.activity.extend(from..self.exchange.activity().len());
    }
}

/// The domain's decision on `change` in `ctx`, based on the deals `seen` (id, eTag), checked
/// against the current state: the outcome to write, or why not.
pub(crate) fn decided_on(
    exchange: &Exchange,
    change: &Change,
    ctx: Ctx,
    seen: &[(String, String)],
) -> Result<Outcome, ChangeError> {
    let outcome = decide_change(change, ctx)?.as_seen(seen);
    exchange.check(&outcome).map_err(ChangeError::Conflict)?;
    Ok(outcome)
}

impl State {
    /// The directory user `id` as they are now, if they may still act.
    fn signed_in(&self, id: &str) -> Result<User, SyncError> {
        self.directory
            .user(id)
            .filter(|u| u.active)
            .cloned()
            .ok_or(SyncError::SignedOut)
    }
}

pub struct Engine {
    db: Db,
    state: Mutex<State>,
    /// Pushes waiting for the writer: whoever holds the state next decides them all and
    /// writes them in one transaction.
    waiting: std::sync::Mutex<Vec<PushJob>>,
    changed: broadcast::Sender<Arc<Touched>>,
    /// The database's name in cursors (`Db::epoch`): a cursor of another database (a
    /// restored backup, a new one) starts a fresh copy.
    epoch: String,
    /// Added to the real clock (a test hook: `--clock-offset-secs`).
    offset: Duration,
    pub metrics: Arc<Metrics>,
    /// The most referrals one answer of a first pull carries (`--first-pull-page`).
    page: usize,
}

/// How many referrals one answer of a first pull carries unless configured.
pub const FIRST_PULL_PAGE: usize = 2000;

/// A push waiting for the writer, with where its answer goes.
struct PushJob {
    user_id: String,
    request: PushRequest,
    language: Option<Locale>,
    reply: oneshot::Sender<Result<PushResponse, SyncError>>,
}

/// A decided mutation applied in memory, not yet in the database: written with the others
/// of its batch.
struct Staged {
    version: u64,
    outcome: Outcome,
    read_now: Vec<Notification>,
    announce: Vec<(String, String, &'static str)>,
    client_id: String,
    mutation_id: u64,
    user_id: String,
    change: String,
    result: String,
    touched: Touched,
    logged: LogEntry,
}

fn unavailable(e: sqlx::Error) -> SyncError {
    SyncError::Unavailable(e.to_string())
}

/// Applies what other processes wrote (`loaded`, newer than `state.version`) to memory, as
/// the write path does for this process's own changes; returns whom it concerns.
fn absorb(state: &mut State, loaded: crate::db::Loaded) -> Touched {
    let version = loaded.version;
    let mut touched = Touched {
        version,
        ..Touched::default()
    };
    let mut outcome = Outcome::default();
    for (r, v) in loaded.referrals {
        state.referral_v.insert(r.id.clone(), v);
        touched.organizations.insert(r.organization_id.clone());
        outcome.referrals.push(ReferralWrite {
            expected_etag: state.exchange.referral(&r.id).map(|o| o.e_tag.clone()),
            referral: r,
        });
    }
    let mut activity = loaded.activity;
    activity.sort_by_key(|(a, v)| (*v, a.at));
    for (a, v) in activity {
        if state.activity_v.insert(a.id.clone(), v).is_none() {
            touched.organizations.insert(a.organization_id.clone());
            outcome.activity.push(a);
        }
    }
    for (n, v) in loaded.notifications {
        state.notification_v.insert(n.id.clone(), v);
        if let Some(u) = n.user_id.as_deref().and_then(|id| state.directory.user(id)) {
            touched.organizations.insert(u.organization_id.clone());
        }
        outcome.notifications.push(n);
    }
    for (s, v) in loaded.setups {
        state.setup_v.insert(s.organization_id.clone(), v);
        touched.all = true;
        outcome.setups.push(SetupWrite {
            expected_etag: state
                .exchange
                .setup(&s.organization_id)
                .map(|o| o.e_tag.clone()),
            setup: s,
        });
    }
    if loaded.favorites_changed {
        let now: HashSet<(String, String)> = loaded.favorites.into_iter().collect();
        let before: HashSet<(String, String)> = state
            .exchange
            .favorites()
            .map(|f| (f.user_id.clone(), f.referral_id.clone()))
            .collect();
        let favorite = |(user_id, referral_id): &(String, String)| Favorite {
            user_id: user_id.clone(),
            referral_id: referral_id.clone(),
        };
        for f in now.difference(&before) {
            outcome.favorites.push(FavoriteChange::Add(favorite(f)));
        }
        for f in before.difference(&now) {
            outcome.favorites.push(FavoriteChange::Remove(favorite(f)));
        }
        for change in &outcome.favorites {
            let (FavoriteChange::Add(f) | FavoriteChange::Remove(f)) = change;
            state.favorites_v.insert(f.user_id.clone(), version);
            if let Some(u) = state.directory.user(&f.user_id) {
                touched.organizations.insert(u.organization_id.clone());
            }
        }
    }
    let from = state.exchange.activity().len();
    if state.exchange.apply(&outcome).is_err() {
        tracing::error!(version, "another process's changes did not apply in memory");
    }
    // Indexed by each record's own version (several may arrive at once).
    for w in &outcome.referrals {
        let v = state
            .referral_v
            .get(&w.referral.id)
            .copied()
            .unwrap_or(version);
        state.index(v, [w.referral.id.clone()], usize::MAX, []);
    }
    for n in &outcome.notifications {
        let v = state.notification_v.get(&n.id).copied().unwrap_or(version);
        state.index(v, [], usize::MAX, [n.id.clone()]);
    }
    let appended: Vec<(usize, u64)> = state.exchange.activity()[from..]
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let v = state.activity_v.get(&a.id).copied().unwrap_or(version);
            (from + i, v)
        })
        .collect();
    for (i, v) in appended {
        state.written.entry(v).or_default().activity.push(i);
    }
    if !outcome.setups.is_empty() {
        state.directory = state.shipped.with_setups(state.exchange.setups());
    }
    state.version = version;
    touched
}

/// One page of a first pull (or one starting afresh), as the exchange was at version `at`:
/// the referrals the user saw then with ids after `after`, at most `limit` of them, with the
/// other parties' copies and the history (up to `at`) of their engagements; the first page
/// also carries the user's notifications and the organisation-wide history. `then` holds the
/// referrals changed since `at` as they were at `at` (absent: they did not exist). Returns
/// the last id sent when more follow.
#[allow(clippy::too_many_arguments)]
fn first_pull_page(
    state: &State,
    user: &User,
    at: u64,
    after: Option<&str>,
    then: &HashMap<String, Referral>,
    changed: &HashSet<String>,
    limit: usize,
    response: &mut PullResponse,
) -> Option<String> {
    use std::ops::Bound;
    let vendor = state.directory.vendor().id.clone();
    let start = match after {
        Some(id) => Bound::Excluded(id.to_string()),
        None => Bound::Unbounded,
    };
    let mut engagements = BTreeSet::new();
    let mut last = None;
    let mut more = false;
    for current in state.exchange.referrals_from(start) {
        let mine = match changed.contains(&current.id) {
            true => match then.get(&current.id) {
                Some(r) => r,
                None => continue,
            },
            false => current,
        };
        if !can_see(user, mine) {
            continue;
        }
        if response.referrals.len() == limit {
            more = true;
            break;
        }
        response.referrals.push(mine.clone());
        last = Some(mine.id.clone());
        if engagements.insert(mine.engagement_id.clone()) {
            for other in state.exchange.engagement(&mine.engagement_id) {
                if other.organization_id != user.organization_id {
                    response.parties.push(party_copy(other, mine, &vendor));
                }
            }
        }
    }
    let written_by_then = |id: &str| state.activity_v.get(id).copied().unwrap_or(0) <= at;
    let all = state.exchange.activity();
    let mut positions: BTreeSet<usize> = engagements
        .iter()
        .flat_map(|e| state.exchange.activity_positions(e))
        .copied()
        .collect();
    if after.is_none() {
        // An organisation-wide entry (its set-up changed): for its members.
        positions.extend(
            all.iter()
                .enumerate()
                .filter(|(_, a)| {
                    a.referral_id.is_empty() && a.organization_id == user.organization_id
                })
                .map(|(i, _)| i),
        );
        for n in state.exchange.notifications() {
            if n.user_id.as_deref() == Some(user.id.as_str())
                && state.notification_v.get(&n.id).copied().unwrap_or(0) <= at
            {
                response.notifications.push(n.clone());
            }
        }
    }
    for a in positions.into_iter().filter_map(|i| all.get(i)) {
        if written_by_then(&a.id) {
            response.activity.push(entry_for(a, &user.organization_id));
        }
    }
    last.filter(|_| more)
}

/// A pull that continues a copy: only what was written after `since` (the `changed`
/// referrals, of which the copy held `held`), read from the version index, so its cost
/// follows what changed, not the size of the exchange.
fn since_cursor(
    state: &State,
    user: &User,
    since: u64,
    changed: &[String],
    held: &HashSet<String>,
    response: &mut PullResponse,
) {
    let vendor = state.directory.vendor().id.clone();
    // The user's copy in an engagement, if they see one.
    let mine_in = |engagement: &str| -> Option<&Referral> {
        state
            .exchange
            .engagement(engagement)
            .find(|r| can_see(user, r))
    };
    let mut visible_now = HashSet::new();
    let mut arrived = BTreeSet::new();
    for r in changed.iter().filter_map(|id| state.exchange.referral(id)) {
        if can_see(user, r) {
            response.referrals.push(r.clone());
            visible_now.insert(r.id.clone());
            if !held.contains(&r.id) {
                arrived.insert(r.engagement_id.clone());
            }
        }
    }
    response.removed = held.difference(&visible_now).cloned().collect();
    response.removed.sort();
    // Other parties' copies: all of an engagement new to the copy, else those changed.
    for engagement in &arrived {
        if let Some(mine) = mine_in(engagement) {
            for other in state.exchange.engagement(engagement) {
                if other.organization_id != user.organization_id {
                    response.parties.push(party_copy(other, mine, &vendor));
                }
            }
        }
    }
    for other in changed.iter().filter_map(|id| state.exchange.referral(id)) {
        if other.organization_id == user.organization_id || arrived.contains(&other.engagement_id) {
            continue;
        }
        if let Some(mine) = mine_in(&other.engagement_id) {
            response.parties.push(party_copy(other, mine, &vendor));
        }
    }
    // History: all of an arrived engagement's, and what is newer where the user has a copy.
    let all = state.exchange.activity();
    let mut positions: BTreeSet<usize> = arrived
        .iter()
        .flat_map(|e| state.exchange.activity_positions(e))
        .copied()
        .collect();
    let mut sees: HashMap<&str, bool> = HashMap::new();
    for (_, w) in state.written.range(since + 1..) {
        for &i in &w.activity {
            let Some(a) = all.get(i) else { continue };
            let wanted = match a.referral_id.is_empty() {
                true => a.organization_id == user.organization_id,
                false => *sees
                    .entry(a.engagement_id.as_str())
                    .or_insert_with(|| mine_in(&a.engagement_id).is_some()),
            };
            if wanted {
                positions.insert(i);
            }
        }
    }
    for i in positions {
        if let Some(a) = all.get(i) {
            response.activity.push(entry_for(a, &user.organization_id));
        }
    }
    let mut notified = BTreeSet::new();
    for (_, w) in state.written.range(since + 1..) {
        notified.extend(w.notifications.iter());
    }
    for n in notified
        .into_iter()
        .filter_map(|id| state.exchange.notification(id))
    {
        if n.user_id.as_deref() == Some(user.id.as_str()) {
            response.notifications.push(n.clone());
        }
    }
}

/// Everything stored, read into memory with its version index; and how many stored
/// documents could not be read (they are skipped, and counted in the log).
async fn load_state(db: &Db, shipped: ReferenceData) -> Result<(State, usize), sqlx::Error> {
    let loaded = db.load().await?;
    let mut state = State {
        directory: shipped.clone(),
        shipped,
        exchange: Exchange::default(),
        version: loaded.version,
        referral_v: HashMap::new(),
        activity_v: HashMap::new(),
        notification_v: HashMap::new(),
        favorites_v: HashMap::new(),
        setup_v: HashMap::new(),
        written: BTreeMap::new(),
        stale: false,
    };
    let mut referrals = Vec::with_capacity(loaded.referrals.len());
    for (r, v) in loaded.referrals {
        state.referral_v.insert(r.id.clone(), v);
        referrals.push(r);
    }
    let favorites = loaded
        .favorites
        .into_iter()
        .map(|(user_id, referral_id)| Favorite {
            user_id,
            referral_id,
        })
        .collect();
    // In the order written: by version, then time (one outcome's entries share both).
    let mut loaded_activity = loaded.activity;
    loaded_activity.sort_by_key(|(a, v)| (*v, a.at));
    let mut activity = Vec::with_capacity(loaded_activity.len());
    for (a, v) in loaded_activity {
        state.activity_v.insert(a.id.clone(), v);
        activity.push(a);
    }
    let mut notifications = Vec::with_capacity(loaded.notifications.len());
    for (n, v) in loaded.notifications {
        state.notification_v.insert(n.id.clone(), v);
        notifications.push(n);
    }
    let mut setups = Vec::new();
    for (s, v) in loaded.setups {
        state.setup_v.insert(s.organization_id.clone(), v);
        setups.push(s);
    }
    state.exchange = Exchange::new(referrals, favorites)
        .with_history(activity, notifications)
        .with_setups(setups);
    state.directory = state.shipped.with_setups(state.exchange.setups());
    // The version index of everything loaded.
    let mut by_version: BTreeMap<u64, Written> = BTreeMap::new();
    for (id, v) in &state.referral_v {
        by_version.entry(*v).or_default().referrals.push(id.clone());
    }
    for (id, v) in &state.notification_v {
        by_version
            .entry(*v)
            .or_default()
            .notifications
            .push(id.clone());
    }
    for (i, a) in state.exchange.activity().iter().enumerate() {
        let v = state.activity_v.get(&a.id).copied().unwrap_or(0);
        by_version.entry(v).or_default().activity.push(i);
    }
    state.written = by_version;
    Ok((state, loaded.unreadable))
}

/// What writing `outcome` on `state` also writes: its notifications marked read (the
/// documents as they are now) and the webhook announcements of its referrals (organisation,
/// referral, event).
fn consequences(
    state: &State,
    outcome: &Outcome,
) -> (Vec<Notification>, Vec<(String, String, &'static str)>) {
    let read_now = outcome
        .read_notifications
        .iter()
        .filter_map(|id| state.exchange.notification(id).cloned())
        .map(|mut n| {
            n.read = true;
            n
        })
        .collect();
    let announce = outcome
        .referrals
        .iter()
        .map(|w| {
            let event = match state.exchange.referral(&w.referral.id) {
                None => "referral-created",
                Some(_) => "referral-updated",
            };
            (
                w.referral.organization_id.clone(),
                w.referral.id.clone(),
                event,
            )
        })
        .collect();
    (read_now, announce)
}

fn announcements<'a>(announce: &'a [(String, String, &'static str)]) -> Vec<Announcement<'a>> {
    announce
        .iter()
        .map(|(organization_id, referral_id, event)| Announcement {
            organization_id,
            referral_id,
            event,
        })
        .collect()
}

/// Applies a decided `outcome`, written (or to be written) as `version`, to memory and its
/// version index; returns whom it concerns.
fn apply_in_memory(
    state: &mut State,
    version: u64,
    outcome: &Outcome,
    read_now: &[Notification],
) -> Touched {
    let from = state.exchange.activity().len();
    if state.exchange.apply(outcome).is_err() {
        // Decided and checked on this state under the lock, so it applies; should it not,
        // the database holds the truth and the next start reads it.
        tracing::error!(
            version,
            "an outcome written to the database did not apply in memory"
        );
    }
    state.index(
        version,
        outcome.referrals.iter().map(|w| w.referral.id.clone()),
        from,
        outcome
            .notifications
            .iter()
            .chain(read_now)
            .map(|n| n.id.clone()),
    );
    state.version = version;
    let mut touched = Touched {
        version,
        ..Touched::default()
    };
    for w in &outcome.referrals {
        state.referral_v.insert(w.referral.id.clone(), version);
        touched
            .organizations
            .insert(w.referral.organization_id.clone());
    }
    for a in &outcome.activity {
        state.activity_v.insert(a.id.clone(), version);
        touched.organizations.insert(a.organization_id.clone());
    }
    for n in outcome.notifications.iter().chain(read_now) {
        state.notification_v.insert(n.id.clone(), version);
        if let Some(u) = n.user_id.as_deref().and_then(|id| state.directory.user(id)) {
            touched.organizations.insert(u.organization_id.clone());
        }
    }
    for change in &outcome.favorites {
        let (FavoriteChange::Add(f) | FavoriteChange::Remove(f)) = change;
        state.favorites_v.insert(f.user_id.clone(), version);
        if let Some(u) = state.directory.user(&f.user_id) {
            touched.organizations.insert(u.organization_id.clone());
        }
    }
    if !outcome.setups.is_empty() {
        for w in &outcome.setups {
            state
                .setup_v
                .insert(w.setup.organization_id.clone(), version);
        }
        state.directory = state.shipped.with_setups(state.exchange.setups());
        touched.all = true;
    }
    touched
}

/// `user` for the command log when the directory does not hold them (an API token's
/// integration), so a replay acts as them too.
fn outside_directory(state: &State, user: &User) -> Option<Box<User>> {
    match state.directory.user(&user.id) {
        Some(_) => None,
        None => Some(Box::new(user.clone())),
    }
}

/// The system as the actor of the expiry: no roles, sees nothing, decides only what the
/// rules give the system.
pub(crate) fn system_user() -> User {
    User {
        id: "system".into(),
        display_name: "Co-sell".into(),
        organization_id: String::new(),
        email: String::new(),
        phone: String::new(),
        roles: Vec::new(),
        location_scope: LocationScope::Global,
        locale: "en".into(),
        disable_notifications: true,
        active: true,
    }
}

impl Engine {
    /// Loads everything stored. Returns the engine and how many stored documents could not
    /// be read (they are skipped, and counted in the log).
    pub async fn load(
        db: Db,
        shipped: ReferenceData,
        offset: Duration,
        metrics: Arc<Metrics>,
    ) -> Result<(Engine, usize), sqlx::Error> {
        let (state, unreadable) = load_state(&db, shipped).await?;
        let epoch = db.epoch().await?;
        let (changed, _) = broadcast::channel(256);
        let engine = Engine {
            db,
            state: Mutex::new(state),
            waiting: std::sync::Mutex::new(Vec::new()),
            changed,
            epoch: format!("{epoch:x}"),
            offset,
            metrics,
            page: FIRST_PULL_PAGE,
        };
        Ok((engine, unreadable))
    }

    /// This engine with first pulls answered `page` referrals at a time (at least one).
    pub fn with_first_pull_page(mut self, page: usize) -> Engine {
        self.page = page.max(1);
        self
    }

    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.offset
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    /// The "changed" signal: one message per write, naming whom it concerns.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Touched>> {
        self.changed.subscribe()
    }

    /// The directory user `id` as they are now, if they may use Co-sell.
    pub async fn active_user(&self, id: &str) -> Option<User> {
        let state = self.fresh().await;
        state.directory.user(id).filter(|u| u.active).cloned()
    }

    /// The ids of the Email outbox of `user_id`'s organisation.
    pub async fn outbox_of(&self, user_id: &str) -> Result<Vec<String>, SyncError> {
        let state = self.reading().await?;
        let Some(org) = state
            .directory
            .user(user_id)
            .map(|u| u.organization_id.clone())
        else {
            return Ok(Vec::new());
        };
        Ok(cosell::domain::deal::notify::outbox(&state.exchange, &org)
            .into_iter()
            .map(|n| n.id.clone())
            .collect())
    }

    /// The active directory user an identity provider's claim names.
    pub async fn user_by_identity(&self, claim: &str) -> Option<User> {
        let state = self.fresh().await;
        state.directory.user_by_identity(claim).cloned()
    }

    /// Seeds demo deals into an empty exchange, the way `?demo=N` seeds a browser.
    pub async fn seed_demo(&self, n: usize) -> Result<bool, sqlx::Error> {
        let mut state = self.state.lock().await;
        let lock = self.db.lock_writer().await?;
        let seeded = async {
            self.catch_up(&mut state).await?;
            if !state.exchange.is_empty() || n == 0 {
                return Ok(false);
            }
            let now = self.now();
            let outcome = cosell::domain::transfer::demo::generate(n, &state.directory, now);
            let logged = Logged::Demo { n }.entry(&system_user().id, now);
            self.write(&mut state, outcome, &logged).await?;
            Ok(true)
        }
        .await;
        lock.release().await;
        seeded
    }

    /// Expires every referral whose 14 days have passed by the server's clock, as the
    /// system; returns how many. Runs under the one lock, so each expires exactly once.
    pub async fn expire_due(&self) -> Result<usize, sqlx::Error> {
        let mut state = self.state.lock().await;
        let lock = self.db.lock_writer().await?;
        let expired = self.expire_locked(&mut state).await;
        lock.release().await;
        expired
    }

    async fn expire_locked(&self, state: &mut State) -> Result<usize, sqlx::Error> {
        self.catch_up(state).await?;
        let system = system_user();
        let now = self.now();
        let outcome = expire_due(Ctx {
            exchange: &state.exchange,
            directory: &state.directory,
            user: &system,
            now,
        });
        let n = outcome.referrals.len();
        if n > 0 {
            let logged = Logged::Expire.entry(&system.id, now);
            self.write(state, outcome, &logged).await?;
        }
        Ok(n)
    }

    /// The state for a write: this process's lock, the writer's right across every process
    /// on the database, and the state caught up with what the others wrote. Release the
    /// right (`WriterLock::release`) when done.
    async fn writing(&self) -> Result<(MutexGuard<'_, State>, WriterLock), SyncError> {
        let mut state = self.state.lock().await;
        let lock = self.db.lock_writer().await.map_err(unavailable)?;
        self.catch_up(&mut state).await.map_err(unavailable)?;
        Ok((state, lock))
    }

    /// The state to read, caught up if the database answers (else as this process has it:
    /// for the directory only, as the deals may hold a failed batch's writes until the
    /// database is read back).
    async fn fresh(&self) -> MutexGuard<'_, State> {
        let committed = self.committed().await;
        let mut state = self.state.lock().await;
        if let Err(e) = async { self.catch_up_to(&mut state, committed?).await }.await {
            tracing::warn!(error = %e, "reading without the other processes' latest changes");
        }
        state
    }

    /// The state to read, caught up with what other processes wrote.
    async fn reading(&self) -> Result<MutexGuard<'_, State>, SyncError> {
        // Asked before taking the lock, so reads do not queue behind a database round
        // trip: whatever was committed when the read came is in it.
        let committed = self.committed().await.map_err(unavailable)?;
        let mut state = self.state.lock().await;
        self.catch_up_to(&mut state, committed)
            .await
            .map_err(unavailable)?;
        Ok(state)
    }

    /// The database's latest committed version (SQLite has one process: this one's
    /// writes are all there is, so it is not asked).
    async fn committed(&self) -> Result<u64, sqlx::Error> {
        match self.db {
            Db::Sqlite(_) => Ok(0),
            Db::Postgres(_) => self.db.version().await,
        }
    }

    /// The owner and last processed mutation of a client, as the database says.
    async fn client(&self, client_id: &str) -> Result<Option<(String, u64)>, SyncError> {
        self.db.client(client_id).await.map_err(unavailable)
    }

    /// Reads what other processes wrote since this one's version, applies it in memory and
    /// signals it to this process's event streams. SQLite has one process: nothing to read.
    async fn catch_up(&self, state: &mut State) -> Result<(), sqlx::Error> {
        if state.stale {
            return self.reload(state).await;
        }
        let committed = self.committed().await?;
        self.catch_up_to(state, committed).await
    }

    /// [`Engine::catch_up`] with everything up to `committed`, the database's version.
    async fn catch_up_to(&self, state: &mut State, committed: u64) -> Result<(), sqlx::Error> {
        if state.stale {
            return self.reload(state).await;
        }
        if committed <= state.version {
            return Ok(());
        }
        let loaded = self.db.load_since(state.version).await?;
        if loaded.version <= state.version {
            return Ok(());
        }
        let touched = absorb(state, loaded);
        let _ = self.changed.send(Arc::new(touched));
        Ok(())
    }

    /// Reads everything again (memory ran ahead of the database: a group commit failed);
    /// until it succeeds, the state stays marked stale and every write and read that needs
    /// the database is refused.
    async fn reload(&self, state: &mut State) -> Result<(), sqlx::Error> {
        state.stale = true;
        let (fresh, _) = load_state(&self.db, state.shipped.clone()).await?;
        *state = fresh;
        let _ = self.changed.send(Arc::new(Touched {
            all: true,
            version: state.version,
            ..Touched::default()
        }));
        Ok(())
    }

    /// Catches up now (another process announced a change).
    pub async fn refresh(&self) -> Result<(), sqlx::Error> {
        let mut state = self.state.lock().await;
        self.catch_up(&mut state).await
    }

    /// Writes a decided outcome (and the mutation it answers) as the next version, then
    /// applies it in memory and signals it.
    async fn write(
        &self,
        state: &mut State,
        outcome: Outcome,
        logged: &LogEntry,
    ) -> Result<(), sqlx::Error> {
        self.write_answering(state, outcome, logged, None).await
    }

    /// [`Engine::write`], with the Referrals API's answer to a request id in the same
    /// transaction.
    async fn write_answering(
        &self,
        state: &mut State,
        outcome: Outcome,
        logged: &LogEntry,
        api: Option<&ApiAnswer<'_>>,
    ) -> Result<(), sqlx::Error> {
        let version = state.version + 1;
        let (read_now, announce) = consequences(state, &outcome);
        let announce = announcements(&announce);
        let now = crate::db::stamp(self.now());
        let started = std::time::Instant::now();
        let write = Write {
            version,
            outcome: &outcome,
            read_now: &read_now,
            mutation: None,
            api,
            announce: &announce,
            logged,
        };
        let written = self.db.commit_all(&[write], &now).await;
        drop(announce);
        self.metrics.transaction(started.elapsed());
        written?;
        let touched = apply_in_memory(state, version, &outcome, &read_now);
        let _ = self.changed.send(Arc::new(touched));
        Ok(())
    }

    /// Decides and saves the pushed mutations in order, as `user_id`; refusals are worded in
    /// `language` (the app's), else in the user's own.
    ///
    /// The push waits with the others for the writer: whoever holds the state next decides
    /// every waiting push in order and writes them in one transaction (group commit), so
    /// many users pushing at once cost the database one commit, not one each.
    pub async fn push(
        &self,
        user_id: &str,
        request: PushRequest,
        language: Option<Locale>,
    ) -> Result<PushResponse, SyncError> {
        if request.mutations.len() > MAX_MUTATIONS {
            return Err(SyncError::TooMany);
        }
        let (reply, answer) = oneshot::channel();
        self.waiting_pushes().push(PushJob {
            user_id: user_id.to_string(),
            request,
            language,
            reply,
        });
        {
            let mut state = self.state.lock().await;
            self.push_waiting(&mut state).await;
        }
        answer
            .await
            .unwrap_or_else(|_| Err(SyncError::Unavailable("the push was not decided".into())))
    }

    fn waiting_pushes(&self) -> std::sync::MutexGuard<'_, Vec<PushJob>> {
        self.waiting.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Decides and writes the waiting pushes in batches until none waits. A client's
    /// second push waits for the next batch, so it is decided knowing what its first wrote.
    async fn push_waiting(&self, state: &mut State) {
        loop {
            let jobs = std::mem::take(&mut *self.waiting_pushes());
            if jobs.is_empty() {
                return;
            }
            let mut clients = HashSet::new();
            let (batch, later): (Vec<PushJob>, Vec<PushJob>) = jobs
                .into_iter()
                .partition(|j| clients.insert(j.request.client_id.clone()));
            if !later.is_empty() {
                self.waiting_pushes().splice(0..0, later);
            }
            self.push_batch(state, batch).await;
        }
    }

    /// Decides `jobs` in order against the current state (each seeing what the earlier
    /// ones decided, applied in memory), writes them in one transaction and answers them.
    /// Should the transaction fail, nothing of it is kept: memory is read back from the
    /// database and each push that wrote is answered "unavailable" (its client retries).
    async fn push_batch(&self, state: &mut State, jobs: Vec<PushJob>) {
        let lock = match self.db.lock_writer().await {
            Ok(lock) => lock,
            Err(e) => {
                let why = e.to_string();
                for job in jobs {
                    let _ = job.reply.send(Err(SyncError::Unavailable(why.clone())));
                }
                return;
            }
        };
        if let Err(e) = self.catch_up(state).await {
            lock.release().await;
            let why = e.to_string();
            for job in jobs {
                let _ = job.reply.send(Err(SyncError::Unavailable(why.clone())));
            }
            return;
        }
        let mut staged: Vec<Staged> = Vec::new();
        let mut answers = Vec::with_capacity(jobs.len());
        for job in jobs {
            let before = staged.len();
            let answer = self.stage_push(state, &job, &mut staged).await;
            answers.push((job.reply, answer, staged.len() > before));
        }
        if !staged.is_empty() {
            let records: Vec<MutationRecord> = staged
                .iter()
                .map(|s| MutationRecord {
                    client_id: &s.client_id,
                    mutation_id: s.mutation_id,
                    user_id: &s.user_id,
                    change: s.change.clone(),
                    result: s.result.clone(),
                })
                .collect();
            let announce: Vec<Vec<Announcement>> =
                staged.iter().map(|s| announcements(&s.announce)).collect();
            let writes: Vec<Write> = staged
                .iter()
                .zip(&records)
                .zip(&announce)
                .map(|((s, record), announce)| Write {
                    version: s.version,
                    outcome: &s.outcome,
                    read_now: &s.read_now,
                    mutation: Some(record),
                    api: None,
                    announce,
                    logged: &s.logged,
                })
                .collect();
            let now = crate::db::stamp(self.now());
            let started = std::time::Instant::now();
            let written = self.db.commit_all(&writes, &now).await;
            self.metrics.transaction(started.elapsed());
            drop(writes);
            match written {
                Ok(()) => {
                    for s in staged {
                        let _ = self.changed.send(Arc::new(s.touched));
                    }
                }
                Err(e) => {
                    let why = e.to_string();
                    tracing::warn!(error = %why, "a group commit failed; reading the database again");
                    if let Err(e) = self.reload(state).await {
                        tracing::warn!(error = %e, "the database could not be read back yet");
                    }
                    for (_, answer, wrote) in &mut answers {
                        if *wrote {
                            *answer = Err(SyncError::Unavailable(why.clone()));
                        }
                    }
                }
            }
        }
        lock.release().await;
        for (reply, answer, _) in answers {
            let _ = reply.send(answer);
        }
    }

    /// Decides the mutations of one push in order, applying each in memory and staging it
    /// for the batch's transaction; returns the push's answer.
    async fn stage_push(
        &self,
        state: &mut State,
        job: &PushJob,
        staged: &mut Vec<Staged>,
    ) -> Result<PushResponse, SyncError> {
        let PushJob {
            user_id,
            request,
            language,
            ..
        } = job;
        let mut last = match self.client(&request.client_id).await? {
            Some((owner, _)) if owner != *user_id => return Err(SyncError::NotYourClient),
            Some((_, last)) => last,
            None => 0,
        };
        let mut results = Vec::with_capacity(request.mutations.len());
        for m in &request.mutations {
            if m.id <= last {
                // A retry: the answer the first attempt got.
                let stored = self
                    .db
                    .mutation_result(&request.client_id, m.id)
                    .await
                    .map_err(|e| SyncError::Unavailable(e.to_string()))?;
                if let Some(r) = stored.and_then(|s| serde_json::from_str(&s).ok()) {
                    results.push(r);
                }
                continue;
            }
            if m.id > last + 1 {
                if results.is_empty() {
                    return Err(SyncError::Gap { expected: last + 1 });
                }
                break;
            }
            let user = state.signed_in(user_id)?;
            let locale = language
                .or_else(|| Locale::from_tag(&user.locale))
                .unwrap_or(Locale::En);
            let seen: Vec<(String, String)> = m
                .seen
                .iter()
                .map(|s| (s.referral_id.clone(), s.e_tag.clone()))
                .collect();
            let now = self.now();
            let (result, outcome) = self.decide(state, &user, m, &seen, locale, now);
            self.metrics.command(result.status);
            let logged = Logged::Change {
                change: Box::new(m.change.clone()),
                seen,
                actor: None,
            }
            .entry(user_id, now);
            let version = state.version + 1;
            let (read_now, announce) = consequences(state, &outcome);
            let touched = apply_in_memory(state, version, &outcome, &read_now);
            staged.push(Staged {
                version,
                change: serde_json::to_string(&m.change).unwrap_or_default(),
                result: serde_json::to_string(&result).unwrap_or_default(),
                outcome,
                read_now,
                announce,
                client_id: request.client_id.clone(),
                mutation_id: m.id,
                user_id: user_id.clone(),
                touched,
                logged,
            });
            last = m.id;
            results.push(result);
        }
        Ok(PushResponse {
            last_mutation_id: last,
            results,
        })
    }

    /// The domain's decision on one mutation: applied with its outcome, or refused (an
    /// empty outcome: a refused mutation is still processed).
    fn decide(
        &self,
        state: &State,
        user: &User,
        m: &Mutation,
        seen: &[(String, String)],
        locale: Locale,
        now: DateTime<Utc>,
    ) -> (MutationResult, Outcome) {
        let ctx = Ctx {
            exchange: &state.exchange,
            directory: &state.directory,
            user,
            now,
        };
        let decided = decided_on(&state.exchange, &m.change, ctx, seen);
        match decided {
            Ok(outcome) => (
                MutationResult {
                    id: m.id,
                    status: MutationStatus::Applied,
                    error: None,
                    e_tags: outcome
                        .referrals
                        .iter()
                        .map(|w| (w.referral.id.clone(), w.referral.e_tag.clone()))
                        .collect(),
                },
                outcome,
            ),
            Err(e) => (
                MutationResult {
                    id: m.id,
                    status: MutationStatus::Refused,
                    error: Some(RefusedBecause::of(&e, locale)),
                    e_tags: Default::default(),
                },
                Outcome::default(),
            ),
        }
    }

    /// Everything `user_id` may see that the client's copy lacks or has older.
    pub async fn pull(
        &self,
        user_id: &str,
        request: PullRequest,
    ) -> Result<PullResponse, SyncError> {
        let started = std::time::Instant::now();
        let state = self.reading().await?;
        let user = state.signed_in(user_id)?;
        let last_mutation_id = match self.client(&request.client_id).await? {
            Some((owner, _)) if owner != user_id => return Err(SyncError::NotYourClient),
            Some((_, last)) => last,
            None => 0,
        };
        // "epoch.version", or "epoch.version~id" while the pages of a first pull are
        // fetched (the exchange as it was at that version, after that referral id).
        let cursor = request
            .cursor
            .as_deref()
            .and_then(|c| c.split_once('.'))
            .filter(|(epoch, _)| *epoch == self.epoch)
            .map(|(_, rest)| match rest.split_once('~') {
                Some((v, after)) => (v, Some(after.to_string())),
                None => (rest, None),
            });
        let paging = cursor.as_ref().and_then(|(_, after)| after.clone());
        let since = cursor
            .and_then(|(v, _)| v.parse::<u64>().ok())
            // Not from the future (a restored database), and the user's own organisation's
            // set-up (their roles and scope) unchanged since: else what they see may differ.
            .filter(|v| *v <= state.version)
            .filter(|v| {
                state
                    .setup_v
                    .get(&user.organization_id)
                    .copied()
                    .unwrap_or(0)
                    <= *v
            });
        let reset = since.is_none();
        let paging = paging.filter(|_| !reset);
        let first_page = reset || paging.is_some();
        let since = since.unwrap_or(state.version);
        // What the copy held at its cursor: every referral unchanged since that the user
        // sees (it was the same then), and of the changed ones, those the user saw as they
        // were at the cursor (the database keeps every version, so any process can tell).
        let changed: BTreeSet<String> = state
            .written
            .range(since + 1..)
            .flat_map(|(_, w)| w.referrals.iter().cloned())
            .collect();
        let changed: Vec<String> = changed.into_iter().collect();
        let before = self
            .db
            .referrals_at(&changed, since)
            .await
            .map_err(unavailable)?;
        let mut response = PullResponse {
            cursor: format!("{}.{}", self.epoch, state.version),
            last_mutation_id,
            reset,
            ..PullResponse::default()
        };
        if first_page {
            let then: HashMap<String, Referral> =
                before.into_iter().map(|r| (r.id.clone(), r)).collect();
            let changed: HashSet<String> = changed.into_iter().collect();
            let more = first_pull_page(
                &state,
                &user,
                since,
                paging.as_deref(),
                &then,
                &changed,
                self.page,
                &mut response,
            );
            response.cursor = match &more {
                Some(last) => format!("{}.{since}~{last}", self.epoch),
                None => format!("{}.{since}", self.epoch),
            };
            response.more = more.is_some();
            if paging.is_some() {
                // The rest of the copy follows with the first page's cursor.
                self.metrics.pull(started.elapsed());
                return Ok(response);
            }
        } else {
            let held_changed: HashSet<String> = before
                .into_iter()
                .filter(|r| can_see(&user, r))
                .map(|r| r.id)
                .collect();
            since_cursor(&state, &user, since, &changed, &held_changed, &mut response);
        }
        if state.favorites_v.get(&user.id).copied().unwrap_or(0) > since || reset {
            response.favorites = Some(
                state
                    .exchange
                    .favorites()
                    .filter(|f| f.user_id == user.id)
                    .cloned()
                    .collect(),
            );
        }
        for s in state.exchange.setups() {
            if state.setup_v.get(&s.organization_id).copied().unwrap_or(0) > since || reset {
                response.setups.push(s.clone());
            }
        }
        self.metrics.pull(started.elapsed());
        Ok(response)
    }

    /// A page of the referrals `user_id` may see, as the Referrals API lists them.
    pub async fn list_referrals(
        &self,
        user: &User,
        query: &ListQuery,
    ) -> Result<(Vec<Referral>, Option<usize>), SyncError> {
        let state = self.reading().await?;
        let visible = state.exchange.referrals().filter(|r| can_see(user, r));
        let (page, next) = referrals_api::list(visible, query);
        Ok((page.into_iter().cloned().collect(), next))
    }

    /// The referral `id` if `user` may see it (`None` also for an unknown id).
    pub async fn referral_for(&self, user: &User, id: &str) -> Result<Option<Referral>, SyncError> {
        let state = self.reading().await?;
        Ok(state
            .exchange
            .referral(id)
            .filter(|r| can_see(user, r))
            .cloned())
    }

    /// Applies a JSON Patch of the referral `id` as `user_id`, based on the eTag `if_match`:
    /// the domain's commands, decided in order and saved whole, or the reason they are not.
    /// With a `request_id` (MS-RequestId), the answer is kept and a retry gets it again.
    /// The answer given before to `request_id` (`MS-RequestId`) of `user_id`, if any.
    async fn answered_before(
        &self,
        user_id: &str,
        request_id: Option<&str>,
    ) -> Result<Option<ApiOutcome>, SyncError> {
        let Some(request_id) = request_id else {
            return Ok(None);
        };
        let stored = self
            .db
            .api_answer(user_id, request_id)
            .await
            .map_err(|e| SyncError::Unavailable(e.to_string()))?;
        Ok(stored.map(|(status, body)| ApiOutcome::Repeated { status, body }))
    }

    /// Writes an API change with its answer (`status`, `referral`) kept for `request_id`.
    #[allow(clippy::too_many_arguments)]
    async fn write_api(
        &self,
        state: &mut State,
        outcome: Outcome,
        logged: &LogEntry,
        user_id: &str,
        request_id: Option<&str>,
        status: u16,
        referral: &Referral,
    ) -> Result<(), SyncError> {
        let body = serde_json::to_string(referral).unwrap_or_default();
        let answer = request_id.map(|request_id| ApiAnswer {
            user_id,
            request_id,
            status,
            body: &body,
        });
        self.write_answering(state, outcome, logged, answer.as_ref())
            .await
            .map_err(|e| SyncError::Unavailable(e.to_string()))?;
        self.metrics.command(MutationStatus::Applied);
        Ok(())
    }

    /// Creates the referral `body` describes (the resource's shape), as `user`; a repeated
    /// `request_id` gets its first answer.
    pub async fn create_referral(
        &self,
        user: &User,
        body: &serde_json::Value,
        request_id: Option<&str>,
        locale: Locale,
    ) -> Result<ApiOutcome, SyncError> {
        let (mut state, lock) = self.writing().await?;
        let answer = self
            .create_referral_locked(&mut state, user, body, request_id, locale)
            .await;
        lock.release().await;
        answer
    }

    async fn create_referral_locked(
        &self,
        state: &mut State,
        user: &User,
        body: &serde_json::Value,
        request_id: Option<&str>,
        locale: Locale,
    ) -> Result<ApiOutcome, SyncError> {
        let user_id = user.id.as_str();
        if let Some(repeated) = self.answered_before(user_id, request_id).await? {
            return Ok(repeated);
        }
        let command = match referrals_api::create_command(body, &uuid::Uuid::new_v4().to_string()) {
            Ok(c) => c,
            Err(why) => return Ok(ApiOutcome::BadRequest("invalidReferral", why)),
        };
        let engagement = match &command {
            cosell::domain::deal::commands::Command::CreateDeal { deal } => {
                deal.engagement_id.clone()
            }
            _ => String::new(),
        };
        let now = self.now();
        let ctx = Ctx {
            exchange: &state.exchange,
            directory: &state.directory,
            user,
            now,
        };
        let change = Change::Deal { command };
        let outcome = match decided_on(&state.exchange, &change, ctx, &[]) {
            Ok(o) => o,
            Err(e) => return Ok(ApiOutcome::Refused(RefusedBecause::of(&e, locale))),
        };
        let Some(created) = outcome
            .referrals
            .iter()
            .find(|w| {
                w.referral.engagement_id == engagement
                    && w.referral.organization_id == user.organization_id
            })
            .map(|w| w.referral.clone())
        else {
            return Ok(ApiOutcome::BadRequest(
                "invalidReferral",
                "the referral was not created for your organisation".into(),
            ));
        };
        let logged = Logged::Change {
            change: Box::new(change),
            seen: Vec::new(),
            actor: outside_directory(state, user),
        }
        .entry(user_id, now);
        self.write_api(state, outcome, &logged, user_id, request_id, 201, &created)
            .await?;
        Ok(ApiOutcome::Created(Box::new(created)))
    }

    pub async fn patch_referral(
        &self,
        user: &User,
        id: &str,
        if_match: &str,
        patch: &[PatchOp],
        request_id: Option<&str>,
        locale: Locale,
    ) -> Result<ApiOutcome, SyncError> {
        let (mut state, lock) = self.writing().await?;
        let answer = self
            .patch_referral_locked(&mut state, user, id, if_match, patch, request_id, locale)
            .await;
        lock.release().await;
        answer
    }

    #[allow(clippy::too_many_arguments)]
    async fn patch_referral_locked(
        &self,
        state: &mut State,
        user: &User,
        id: &str,
        if_match: &str,
        patch: &[PatchOp],
        request_id: Option<&str>,
        locale: Locale,
    ) -> Result<ApiOutcome, SyncError> {
        let user_id = user.id.as_str();
        if let Some(repeated) = self.answered_before(user_id, request_id).await? {
            return Ok(repeated);
        }
        let Some(current) = state
            .exchange
            .referral(id)
            .filter(|r| can_see(user, r))
            .cloned()
        else {
            return Ok(ApiOutcome::NotFound);
        };
        if current.e_tag != if_match {
            return Ok(ApiOutcome::Stale(current.e_tag));
        }
        let commands = match referrals_api::patch_commands(&current, patch) {
            Ok(c) => c,
            Err(why) => return Ok(ApiOutcome::BadRequest("invalidPatch", why)),
        };
        let now = self.now();
        let ctx = Ctx {
            exchange: &state.exchange,
            directory: &state.directory,
            user,
            now,
        };
        let seen = vec![(id.to_string(), if_match.to_string())];
        let change = Change::Batch { commands };
        let decided = decided_on(&state.exchange, &change, ctx, &seen);
        let outcome = match decided {
            Ok(o) => o,
            Err(e) => return Ok(ApiOutcome::Refused(RefusedBecause::of(&e, locale))),
        };
        let after = outcome
            .referrals
            .iter()
            .find(|w| w.referral.id == id)
            .map(|w| w.referral.clone())
            .unwrap_or(current);
        let logged = Logged::Change {
            change: Box::new(change),
            seen,
            actor: outside_directory(state, user),
        }
        .entry(user_id, now);
        self.write_api(state, outcome, &logged, user_id, request_id, 200, &after)
            .await?;
        Ok(ApiOutcome::Changed(Box::new(after)))
    }
}

/// How a Referrals API write ended.
#[derive(Debug)]
pub enum ApiOutcome {
    Changed(Box<Referral>),
    /// A new referral: the caller's organisation's copy.
    Created(Box<Referral>),
    /// The same MS-RequestId was answered before: that answer again.
    Repeated {
        status: u16,
        body: String,
    },
    NotFound,
    /// The eTag moved: the current one.
    Stale(String),
    /// The request's body says nothing the API can do: its problem code and why.
    BadRequest(&'static str, String),
    Refused(RefusedBecause),
}
