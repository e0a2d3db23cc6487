//! The exchange in the browser's IndexedDB, through `web-sys` directly.
//!
//! One outcome is one `readwrite` transaction over every store it touches: all values are
//! prepared before the transaction opens, and nothing but the transaction's own requests is
//! awaited inside it, so it cannot commit early. Any failure aborts it, which rolls back
//! every write of the outcome.

use js_sys::{Array, Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DomException, IdbDatabase, IdbObjectStoreParameters, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode};

use super::{decode_snapshot, Records, Snapshot, Store, StoreError, SCHEMA_VERSION};
use crate::domain::exchange::{check_write, FavoriteChange, Outcome};

const DB_NAME: &str = "cosell";
const REFERRALS: &str = "referrals";
const FAVORITES: &str = "favorites";
const ACTIVITY: &str = "activity";
const NOTIFICATIONS: &str = "notifications";
const ALL: [&str; 4] = [REFERRALS, FAVORITES, ACTIVITY, NOTIFICATIONS];

pub struct IndexedDbStore {
    db: IdbDatabase,
    /// Tells the app's other tabs that the stored data changed (see `on_change_elsewhere`).
    channel: Option<web_sys::BroadcastChannel>,
}

/// Each step upgrades the schema from version `i` to `i + 1`; a new version appends a step.
const MIGRATIONS: [fn(&IdbDatabase) -> Result<(), JsValue>; SCHEMA_VERSION as usize] = [create_v1, add_history_v2];

fn create_v1(db: &IdbDatabase) -> Result<(), JsValue> {
    let by_id = IdbObjectStoreParameters::new();
    by_id.set_key_path(&JsValue::from_str("id"));
    db.create_object_store_with_optional_parameters(REFERRALS, &by_id)?;
    let by_user_and_referral = IdbObjectStoreParameters::new();
    by_user_and_referral.set_key_path(&Array::of2(&"userId".into(), &"referralId".into()));
    db.create_object_store_with_optional_parameters(FAVORITES, &by_user_and_referral)?;
    Ok(())
}

/// Version 2: the deals' activity and the notifications (outbox).
fn add_history_v2(db: &IdbDatabase) -> Result<(), JsValue> {
    let by_id = IdbObjectStoreParameters::new();
    by_id.set_key_path(&JsValue::from_str("id"));
    db.create_object_store_with_optional_parameters(ACTIVITY, &by_id)?;
    db.create_object_store_with_optional_parameters(NOTIFICATIONS, &by_id)?;
    Ok(())
}

impl IndexedDbStore {
    /// Opens (and creates or upgrades) the database. `on_version_change` runs when another
    /// tab needs a newer schema: this connection is closed first so the upgrade is not blocked.
    pub async fn open(on_version_change: impl Fn() + 'static) -> Result<Self, StoreError> {
        let factory = web_sys::window()
            .and_then(|w| w.indexed_db().ok().flatten())
            .ok_or_else(|| StoreError::Unavailable("this browser offers no IndexedDB (private mode?)".into()))?;
        let request: IdbOpenDbRequest = factory.open_with_u32(DB_NAME, SCHEMA_VERSION).map_err(unavailable)?;
        let upgrade_request = request.clone();
        let on_upgrade = Closure::<dyn FnMut(web_sys::IdbVersionChangeEvent)>::new(move |event: web_sys::IdbVersionChangeEvent| {
            let Ok(result) = upgrade_request.result() else { return };
            let db: IdbDatabase = result.unchecked_into();
            let from = event.old_version() as usize;
            for step in MIGRATIONS.iter().skip(from) {
                if let Err(e) = step(&db) {
                    web_sys::console::error_2(&"schema migration failed".into(), &e);
                    if let Some(tx) = upgrade_request.transaction() {
                        let _ = tx.abort();
                    }
                    return;
                }
            }
        });
        request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
        let result = request_done(&request).await;
        request.set_onupgradeneeded(None);
        drop(on_upgrade);
        let db: IdbDatabase = result.map_err(unavailable)?.unchecked_into();

        let closing = db.clone();
        let on_change = Closure::<dyn FnMut()>::new(move || {
            closing.close();
            on_version_change();
        });
        db.set_onversionchange(Some(on_change.as_ref().unchecked_ref()));
        on_change.forget(); // lives as long as the connection, i.e. the page
        let channel = web_sys::BroadcastChannel::new(DB_NAME).ok();
        Ok(Self { db, channel })
    }

    /// Runs `f` whenever another tab of this origin committed a change (or reset the data).
    pub fn on_change_elsewhere(&self, f: impl Fn() + 'static) {
        let Some(channel) = &self.channel else { return };
        let listener = Closure::<dyn FnMut()>::new(f);
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        listener.forget(); // lives as long as the page
    }

    fn announce_change(&self) {
        if let Some(channel) = &self.channel {
            let _ = channel.post_message(&JsValue::from_str("changed"));
        }
    }

    fn transaction(&self, stores: &[&str], mode: IdbTransactionMode) -> Result<IdbTransaction, StoreError> {
        let names: Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
        self.db.transaction_with_str_sequence_and_mode(&names, mode).map_err(write_error)
    }
}

impl Store for IndexedDbStore {
    async fn load(&self) -> Result<Snapshot, StoreError> {
        let tx = self.transaction(&ALL, IdbTransactionMode::Readonly)?;
        let mut requests = Vec::with_capacity(ALL.len());
        for name in ALL {
            requests.push(tx.object_store(name).and_then(|s| s.get_all()).map_err(unavailable)?);
        }
        let mut values = Vec::with_capacity(ALL.len());
        for request in &requests {
            values.push(to_values(&request_done(request).await.map_err(unavailable)?));
        }
        let notifications = values.pop().unwrap_or_default();
        let activity = values.pop().unwrap_or_default();
        let favorites = values.pop().unwrap_or_default();
        let referrals = values.pop().unwrap_or_default();
        Ok(decode_snapshot(Records { referrals, favorites, activity, notifications }))
    }

    async fn apply(&self, outcome: &Outcome) -> Result<(), StoreError> {
        if outcome.is_empty() {
            return Ok(());
        }
        // Everything is prepared before the transaction opens.
        let referrals: Vec<JsValue> = outcome.referrals.iter().map(|w| to_js(&w.referral)).collect::<Result<_, _>>()?;
        let favorites: Vec<(bool, JsValue)> = outcome
            .favorites
            .iter()
            .map(|c| match c {
                FavoriteChange::Add(f) => to_js(f).map(|v| (true, v)),
                FavoriteChange::Remove(f) => Ok((false, Array::of2(&f.user_id.as_str().into(), &f.referral_id.as_str().into()).into())),
            })
            .collect::<Result<_, _>>()?;
        let activity: Vec<JsValue> = outcome.activity.iter().map(to_js).collect::<Result<_, _>>()?;
        let notifications: Vec<JsValue> = outcome.notifications.iter().map(to_js).collect::<Result<_, _>>()?;

        let tx = self.transaction(&ALL, IdbTransactionMode::Readwrite)?;
        let done = transaction_done(&tx);
        let result = async {
            let referral_store = tx.object_store(REFERRALS).map_err(write_error)?;
            let favorite_store = tx.object_store(FAVORITES).map_err(write_error)?;
            let activity_store = tx.object_store(ACTIVITY).map_err(write_error)?;
            let notification_store = tx.object_store(NOTIFICATIONS).map_err(write_error)?;
            let mut reads = Vec::new();
            for id in &outcome.read_notifications {
                reads.push(notification_store.get(&JsValue::from_str(id)).map_err(write_error)?);
            }
            // eTag checks of changed referrals, inside the same transaction as the writes.
            let mut checks = Vec::new();
            for write in outcome.referrals.iter().filter(|w| w.expected_etag.is_some()) {
                let get = referral_store.get(&JsValue::from_str(&write.referral.id)).map_err(write_error)?;
                checks.push((write, get));
            }
            for (write, get) in checks {
                let stored = request_done(&get).await.map_err(write_error)?;
                let stored_etag = js_sys::Reflect::get(&stored, &"eTag".into()).ok().and_then(|v| v.as_string());
                check_write(write, stored_etag.as_deref())?;
            }
            for read in reads {
                let stored = request_done(&read).await.map_err(write_error)?;
                if stored.is_object() {
                    js_sys::Reflect::set(&stored, &"read".into(), &JsValue::TRUE).map_err(write_error)?;
                    notification_store.put(&stored).map_err(write_error)?;
                }
            }
            for (write, value) in outcome.referrals.iter().zip(&referrals) {
                // `add` refuses an existing key, which enforces "new means new".
                if write.expected_etag.is_none() {
                    referral_store.add(value).map_err(write_error)?;
                } else {
                    referral_store.put(value).map_err(write_error)?;
                }
            }
            for value in &activity {
                activity_store.add(value).map_err(write_error)?;
            }
            for value in &notifications {
                notification_store.put(value).map_err(write_error)?;
            }
            for (add, value) in &favorites {
                if *add {
                    favorite_store.put(value).map_err(write_error)?;
                } else {
                    favorite_store.delete(value).map_err(write_error)?;
                }
            }
            Ok::<(), StoreError>(())
        }
        .await;
        if let Err(e) = result {
            let _ = tx.abort();
            let _ = done.await;
            return Err(e);
        }
        done.await?;
        self.announce_change();
        Ok(())
    }

    async fn reset(&self) -> Result<(), StoreError> {
        let tx = self.transaction(&ALL, IdbTransactionMode::Readwrite)?;
        let done = transaction_done(&tx);
        for name in ALL {
            if let Err(e) = tx.object_store(name).and_then(|s| s.clear()) {
                let _ = tx.abort();
                let _ = done.await;
                return Err(write_error(e));
            }
        }
        done.await?;
        self.announce_change();
        Ok(())
    }
}

/// Resolves with the request's result once it succeeds.
async fn request_done(request: &IdbRequest) -> Result<JsValue, JsValue> {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let ok = request.clone();
        let on_success = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &ok.result().unwrap_or(JsValue::UNDEFINED));
        });
        let failed = request.clone();
        let on_error = Closure::once_into_js(move |event: web_sys::Event| {
            // Handled here: the transaction's own abort reports it to the caller.
            event.prevent_default();
            let error = failed.error().ok().flatten().map(JsValue::from).unwrap_or_else(|| "request failed".into());
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise).await
}

/// Resolves when the transaction commits; fails when it aborts.
fn transaction_done(tx: &IdbTransaction) -> impl std::future::Future<Output = Result<(), StoreError>> {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let on_complete = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let aborted = tx.clone();
        let reject_abort = reject.clone();
        let on_abort = Closure::once_into_js(move || {
            let error = aborted.error().map(JsValue::from).unwrap_or_else(|| "aborted".into());
            let _ = reject_abort.call1(&JsValue::NULL, &error);
        });
        tx.set_oncomplete(Some(on_complete.unchecked_ref()));
        tx.set_onabort(Some(on_abort.unchecked_ref()));
    });
    let future = JsFuture::from(promise);
    async move { future.await.map(|_| ()).map_err(write_error) }
}

fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, StoreError> {
    let json = serde_json::to_string(value).map_err(|e| StoreError::Write(e.to_string()))?;
    js_sys::JSON::parse(&json).map_err(write_error)
}

/// Each record of a `getAll` result as JSON text (a record that cannot be written as JSON
/// becomes text that fails to decode, and is counted as unreadable).
fn to_values(array: &JsValue) -> Vec<String> {
    let Some(array) = array.dyn_ref::<Array>() else { return Vec::new() };
    array
        .iter()
        .map(|record| js_sys::JSON::stringify(&record).map(String::from).unwrap_or_default())
        .collect()
}

fn describe(e: &JsValue) -> (String, String) {
    match e.dyn_ref::<DomException>() {
        Some(d) => (d.name(), d.message()),
        None => (String::new(), e.as_string().unwrap_or_else(|| format!("{e:?}"))),
    }
}

fn write_error(e: JsValue) -> StoreError {
    match describe(&e) {
        (name, _) if name == "QuotaExceededError" => StoreError::QuotaExceeded,
        (_, message) => StoreError::Write(message),
    }
}

fn unavailable(e: JsValue) -> StoreError {
    StoreError::Unavailable(describe(&e).1)
}
