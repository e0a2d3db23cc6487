//! The exchange in the browser's IndexedDB, through `web-sys` directly.
//!
//! Referrals, activity and notifications are kept in buckets (`super::buckets`): one
//! record per bucket, an `ArrayBuffer` of lines, because the browser reads a few large
//! records many times faster than thousands of small ones. Favorites are one record each.
//!
//! One outcome is one `readwrite` transaction over every store it touches: the buckets it
//! changes are read, checked and written back inside it, and nothing but the transaction's
//! own requests is awaited, so it cannot commit early. Any failure aborts it, which rolls
//! back every write of the outcome.

use js_sys::{Array, ArrayBuffer, Function, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    DomException, IdbDatabase, IdbObjectStore, IdbObjectStoreParameters, IdbOpenDbRequest,
    IdbRequest, IdbTransaction, IdbTransactionMode,
};

use super::buckets::{self, Collection};
use super::{
    decode_snapshot, Records, Snapshot, Store, StoreError, COPY_KEY, COPY_STORE, OBJECT_STORES,
    SCHEMA_VERSION,
};
use crate::domain::exchange::{check_setup_write, FavoriteChange, Outcome};
use crate::domain::support::json_writer::{to_json, WriteJson};

/// The local mode's database; a shared-mode copy has its own per user
/// ([`IndexedDbStore::shared_name`]).
pub const DB_NAME: &str = "cosell";
const ALL: [&str; 5] = OBJECT_STORES;
const ALL_AND_COPY: [&str; 6] = [
    OBJECT_STORES[0],
    OBJECT_STORES[1],
    OBJECT_STORES[2],
    OBJECT_STORES[3],
    OBJECT_STORES[4],
    COPY_STORE,
];
const REFERRAL_BUCKETS: &str = OBJECT_STORES[0];
const ACTIVITY_BUCKETS: &str = OBJECT_STORES[1];
const NOTIFICATION_BUCKETS: &str = OBJECT_STORES[2];
const FAVORITES: &str = OBJECT_STORES[3];
const ORG_SETUPS: &str = OBJECT_STORES[4];
// Schema versions 1 and 2 kept one record per referral, activity entry and notification.
const V2_REFERRALS: &str = "referrals";
const V2_ACTIVITY: &str = "activity";
const V2_NOTIFICATIONS: &str = "notifications";

fn bucket_store(collection: Collection) -> &'static str {
    match collection {
        Collection::Referrals => REFERRAL_BUCKETS,
        Collection::Activity => ACTIVITY_BUCKETS,
        Collection::Notifications => NOTIFICATION_BUCKETS,
    }
}

/// Gives a copy's new state (JSON) from the stored one.
type CopyUpdate<'a> = Box<dyn FnOnce(Option<String>) -> String + 'a>;

pub struct IndexedDbStore {
    db: IdbDatabase,
    /// Tells the app's other tabs that the stored data changed (see `on_change_elsewhere`).
    channel: Option<web_sys::BroadcastChannel>,
}

/// Each step upgrades the schema from version `i` to `i + 1` inside the upgrade
/// transaction; a new version appends a step.
type Migration = fn(&IdbDatabase, &IdbTransaction) -> Result<(), JsValue>;
const MIGRATIONS: [Migration; SCHEMA_VERSION as usize] = [
    create_v1,
    add_history_v2,
    buckets_v3,
    add_setups_v4,
    add_copy_v5,
];

fn create_v1(db: &IdbDatabase, _: &IdbTransaction) -> Result<(), JsValue> {
    let by_id = IdbObjectStoreParameters::new();
    by_id.set_key_path(&JsValue::from_str("id"));
    db.create_object_store_with_optional_parameters(V2_REFERRALS, &by_id)?;
    let by_user_and_referral = IdbObjectStoreParameters::new();
    by_user_and_referral.set_key_path(&Array::of2(&"userId".into(), &"referralId".into()));
    db.create_object_store_with_optional_parameters(FAVORITES, &by_user_and_referral)?;
    Ok(())
}

/// Version 2: the deals' activity and the notifications (outbox).
fn add_history_v2(db: &IdbDatabase, _: &IdbTransaction) -> Result<(), JsValue> {
    let by_id = IdbObjectStoreParameters::new();
    by_id.set_key_path(&JsValue::from_str("id"));
    db.create_object_store_with_optional_parameters(V2_ACTIVITY, &by_id)?;
    db.create_object_store_with_optional_parameters(V2_NOTIFICATIONS, &by_id)?;
    Ok(())
}

/// Version 3: referrals, activity and notifications move from one record each into
/// buckets (keys 0 to 63). The old records are read, bucketed and deleted in the upgrade
/// transaction: the upgrade happens whole or not at all.
fn buckets_v3(db: &IdbDatabase, tx: &IdbTransaction) -> Result<(), JsValue> {
    for (old, new) in [
        (V2_REFERRALS, REFERRAL_BUCKETS),
        (V2_ACTIVITY, ACTIVITY_BUCKETS),
        (V2_NOTIFICATIONS, NOTIFICATION_BUCKETS),
    ] {
        let target = db.create_object_store(new)?;
        let read = tx.object_store(old)?.get_all()?;
        let (result, db, tx) = (read.clone(), db.clone(), tx.clone());
        let on_read = Closure::once_into_js(move || {
            let moved = (|| {
                let records = result.result()?.unchecked_into::<Array>();
                let records = records.iter().map(|record| {
                    let field = |name: &str| {
                        js_sys::Reflect::get(&record, &name.into())
                            .ok()
                            .and_then(|v| v.as_string())
                            .unwrap_or_default()
                    };
                    let json = js_sys::JSON::stringify(&record)
                        .map(String::from)
                        .unwrap_or_default();
                    (field("id"), field("eTag"), json)
                });
                for (key, bytes) in buckets::bucket_records(records.collect::<Vec<_>>()) {
                    target.put_with_key(&to_buffer(&bytes), &key.into())?;
                }
                db.delete_object_store(old)
            })();
            if let Err(e) = moved {
                web_sys::console::error_2(&"moving records into buckets failed".into(), &e);
                let _ = tx.abort();
            }
        });
        read.set_onsuccess(Some(on_read.unchecked_ref()));
    }
    Ok(())
}

/// Version 4: organisations' set-ups (users, locations, solutions), one record each.
fn add_setups_v4(db: &IdbDatabase, _: &IdbTransaction) -> Result<(), JsValue> {
    let by_organization = IdbObjectStoreParameters::new();
    by_organization.set_key_path(&JsValue::from_str("organizationId"));
    db.create_object_store_with_optional_parameters(ORG_SETUPS, &by_organization)?;
    Ok(())
}

/// Version 5: a shared-mode copy's own state (its outbox and cursor), one record.
fn add_copy_v5(db: &IdbDatabase, _: &IdbTransaction) -> Result<(), JsValue> {
    db.create_object_store(COPY_STORE)?;
    Ok(())
}

fn to_buffer(bytes: &[u8]) -> ArrayBuffer {
    Uint8Array::from(bytes).buffer()
}

/// A stored bucket's bytes; `None` for a missing (or foreign, non-binary) value.
fn bucket_bytes(value: &JsValue) -> Option<Vec<u8>> {
    value
        .is_instance_of::<ArrayBuffer>()
        .then(|| Uint8Array::new(value).to_vec())
}

impl IndexedDbStore {
    /// Opens (and creates or upgrades) the database. `on_version_change` runs when another
    /// tab needs a newer schema: this connection is closed first so the upgrade is not blocked.
    pub async fn open(
        name: &str,
        on_version_change: impl Fn() + 'static,
    ) -> Result<Self, StoreError> {
        let factory = web_sys::window()
            .and_then(|w| w.indexed_db().ok().flatten())
            .ok_or_else(|| {
                StoreError::Unavailable("this browser offers no IndexedDB (private mode?)".into())
            })?;
        let request: IdbOpenDbRequest = factory
            .open_with_u32(name, SCHEMA_VERSION)
            .map_err(unavailable)?;
        let upgrade_request = request.clone();
        let on_upgrade = Closure::<dyn FnMut(web_sys::IdbVersionChangeEvent)>::new(
            move |event: web_sys::IdbVersionChangeEvent| {
                let Ok(result) = upgrade_request.result() else {
                    return;
                };
                let db: IdbDatabase = result.unchecked_into();
                let from = event.old_version() as usize;
                let Some(tx) = upgrade_request.transaction() else {
                    return;
                };
                for step in MIGRATIONS.iter().skip(from) {
                    if let Err(e) = step(&db, &tx) {
                        web_sys::console::error_2(&"schema migration failed".into(), &e);
                        let _ = tx.abort();
                        return;
                    }
                }
            },
        );
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
        let channel = web_sys::BroadcastChannel::new(name).ok();
        Ok(Self { db, channel })
    }

    /// The database of `user_id`'s copy of a shared exchange.
    pub fn shared_name(user_id: &str) -> String {
        format!("{DB_NAME}-shared-{user_id}")
    }

    /// Deletes the database `name` (signing out of a shared exchange: a shared computer
    /// keeps nothing of the user's deals). Open connections are asked to close first.
    pub async fn delete_database(name: &str) -> Result<(), StoreError> {
        let factory = web_sys::window()
            .and_then(|w| w.indexed_db().ok().flatten())
            .ok_or_else(|| StoreError::Unavailable("no IndexedDB".into()))?;
        let request = factory.delete_database(name).map_err(unavailable)?;
        request_done(&request)
            .await
            .map(|_| ())
            .map_err(unavailable)
    }

    /// The copy's own state as stored (JSON), if any.
    pub async fn copy_state(&self) -> Result<Option<String>, StoreError> {
        let tx = self.transaction(&[COPY_STORE], IdbTransactionMode::Readonly)?;
        let read = tx
            .object_store(COPY_STORE)
            .and_then(|s| s.get(&COPY_KEY.into()))
            .map_err(unavailable)?;
        let value = request_done(&read).await.map_err(unavailable)?;
        Ok(value.as_string())
    }

    /// Writes `outcome` and updates the copy's state in one transaction: `update` gets the
    /// stored state (JSON, if any) and gives the new one, so two tabs queueing at once never
    /// both take the same place. With `clear`, everything stored is removed first (a fresh
    /// copy replaces the old one whole). Returns the state written.
    pub async fn apply_with_copy(
        &self,
        outcome: &Outcome,
        clear: bool,
        update: impl FnOnce(Option<String>) -> String,
    ) -> Result<String, StoreError> {
        self.write(outcome, Some(Box::new(update)), clear)
            .await
            .map(Option::unwrap_or_default)
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

    fn transaction(
        &self,
        stores: &[&str],
        mode: IdbTransactionMode,
    ) -> Result<IdbTransaction, StoreError> {
        let names: Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
        self.db
            .transaction_with_str_sequence_and_mode(&names, mode)
            .map_err(write_error)
    }
}

impl Store for IndexedDbStore {
    async fn load(&self) -> Result<Snapshot, StoreError> {
        let tx = self.transaction(&ALL, IdbTransactionMode::Readonly)?;
        let mut requests = Vec::with_capacity(ALL.len());
        for name in ALL {
            requests.push(
                tx.object_store(name)
                    .and_then(|s| s.get_all())
                    .map_err(unavailable)?,
            );
        }
        let mut results = Vec::with_capacity(ALL.len());
        for request in &requests {
            results.push(request_done(request).await.map_err(unavailable)?);
        }
        let mut foreign = 0;
        let mut buckets = |i: usize| -> Vec<Vec<u8>> {
            let values = results[i]
                .dyn_ref::<Array>()
                .map(|a| a.to_vec())
                .unwrap_or_default();
            let bytes: Vec<Vec<u8>> = values.iter().filter_map(bucket_bytes).collect();
            foreign += values.len() - bytes.len();
            bytes
        };
        let (referrals, activity, notifications) = (buckets(0), buckets(1), buckets(2));
        let mut snapshot = decode_snapshot(Records {
            referrals,
            activity,
            notifications,
            favorites: to_values(&results[3]),
            setups: to_values(&results[4]),
        });
        snapshot.unreadable += foreign;
        Ok(snapshot)
    }

    async fn apply(&self, outcome: &Outcome) -> Result<(), StoreError> {
        self.write(outcome, None, false).await.map(|_| ())
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

impl IndexedDbStore {
    /// One transaction: optionally clear everything, write the outcome (checking its eTags
    /// against what is stored), and the copy's state when given.
    async fn write(
        &self,
        outcome: &Outcome,
        copy: Option<CopyUpdate<'_>>,
        clear: bool,
    ) -> Result<Option<String>, StoreError> {
        if outcome.is_empty() && copy.is_none() && !clear {
            return Ok(None);
        }
        // Everything that does not depend on what is stored is prepared before the
        // transaction opens.
        let keys = buckets::touched(outcome);
        let favorites: Vec<(bool, JsValue)> = outcome
            .favorites
            .iter()
            .map(|c| match c {
                FavoriteChange::Add(f) => to_js(f).map(|v| (true, v)),
                FavoriteChange::Remove(f) => Ok((
                    false,
                    Array::of2(&f.user_id.as_str().into(), &f.referral_id.as_str().into()).into(),
                )),
            })
            .collect::<Result<_, _>>()?;
        let setups: Vec<JsValue> = outcome
            .setups
            .iter()
            .map(|w| to_js(&w.setup))
            .collect::<Result<_, _>>()?;

        let stores: &[&str] = if copy.is_some() { &ALL_AND_COPY } else { &ALL };
        let tx = self.transaction(stores, IdbTransactionMode::Readwrite)?;
        let done = transaction_done(&tx);
        let result = async {
            let store = |name: &str| -> Result<IdbObjectStore, StoreError> {
                tx.object_store(name).map_err(write_error)
            };
            if clear {
                for name in ALL {
                    store(name)?.clear().map_err(write_error)?;
                }
            }
            let mut written_copy = None;
            if let Some(update) = copy {
                let copy_store = store(COPY_STORE)?;
                let read = copy_store.get(&COPY_KEY.into()).map_err(write_error)?;
                let stored = request_done(&read).await.map_err(write_error)?.as_string();
                let new = update(stored);
                copy_store
                    .put_with_key(&JsValue::from_str(&new), &COPY_KEY.into())
                    .map_err(write_error)?;
                written_copy = Some(new);
            }
            let mut reads = Vec::with_capacity(keys.len());
            for (collection, key) in &keys {
                reads.push(
                    store(bucket_store(*collection))?
                        .get(&(*key).into())
                        .map_err(write_error)?,
                );
            }
            let setup_store = store(ORG_SETUPS)?;
            let mut setup_reads = Vec::with_capacity(outcome.setups.len());
            for write in &outcome.setups {
                setup_reads.push(
                    setup_store
                        .get(&JsValue::from_str(&write.setup.organization_id))
                        .map_err(write_error)?,
                );
            }
            let mut stored = Vec::with_capacity(reads.len());
            for read in &reads {
                stored.push(bucket_bytes(
                    &request_done(read).await.map_err(write_error)?,
                ));
            }
            for (write, read) in outcome.setups.iter().zip(&setup_reads) {
                let stored = request_done(read).await.map_err(write_error)?;
                let stored_etag = js_sys::Reflect::get(&stored, &"eTag".into())
                    .ok()
                    .and_then(|v| v.as_string());
                check_setup_write(write, stored_etag.as_deref())?;
            }
            for value in &setups {
                setup_store.put(value).map_err(write_error)?;
            }
            // Checks every eTag and builds the new buckets, inside the transaction.
            let written = buckets::write(outcome, stored)?;
            for ((collection, key), bytes) in keys.iter().zip(&written) {
                store(bucket_store(*collection))?
                    .put_with_key(&to_buffer(bytes), &(*key).into())
                    .map_err(write_error)?;
            }
            let favorite_store = store(FAVORITES)?;
            for (add, value) in &favorites {
                if *add {
                    favorite_store.put(value).map_err(write_error)?;
                } else {
                    favorite_store.delete(value).map_err(write_error)?;
                }
            }
            Ok::<Option<String>, StoreError>(written_copy)
        }
        .await;
        let written_copy = match result {
            Ok(copy) => copy,
            Err(e) => {
                let _ = tx.abort();
                let _ = done.await;
                return Err(e);
            }
        };
        done.await?;
        self.announce_change();
        Ok(written_copy)
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
            let error = failed
                .error()
                .ok()
                .flatten()
                .map(JsValue::from)
                .unwrap_or_else(|| "request failed".into());
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise).await
}

/// Resolves when the transaction commits; fails when it aborts.
fn transaction_done(
    tx: &IdbTransaction,
) -> impl std::future::Future<Output = Result<(), StoreError>> {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let on_complete = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let aborted = tx.clone();
        let reject_abort = reject.clone();
        let on_abort = Closure::once_into_js(move || {
            let error = aborted
                .error()
                .map(JsValue::from)
                .unwrap_or_else(|| "aborted".into());
            let _ = reject_abort.call1(&JsValue::NULL, &error);
        });
        tx.set_oncomplete(Some(on_complete.unchecked_ref()));
        tx.set_onabort(Some(on_abort.unchecked_ref()));
    });
    let future = JsFuture::from(promise);
    async move { future.await.map(|_| ()).map_err(write_error) }
}

fn to_js<T: WriteJson>(value: &T) -> Result<JsValue, StoreError> {
    js_sys::JSON::parse(&to_json(value)).map_err(write_error)
}

/// Each record of a `getAll` result as JSON text (a record that cannot be written as JSON
/// becomes text that fails to decode, and is counted as unreadable).
fn to_values(array: &JsValue) -> Vec<String> {
    let Some(array) = array.dyn_ref::<Array>() else {
        return Vec::new();
    };
    array
        .iter()
        .map(|record| {
            js_sys::JSON::stringify(&record)
                .map(String::from)
                .unwrap_or_default()
        })
        .collect()
}

fn describe(e: &JsValue) -> (String, String) {
    match e.dyn_ref::<DomException>() {
        Some(d) => (d.name(), d.message()),
        None => (
            String::new(),
            e.as_string().unwrap_or_else(|| format!("{e:?}")),
        ),
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
