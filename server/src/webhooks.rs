//! Webhooks: an organisation's MPN partner admin registers a URL for `referral-created` and
//! `referral-updated` (Partner Center's event names), and each change to one of the
//! organisation's referrals is announced there. The announcement is thin (event, resource
//! URI, time; the receiver reads the referral through the API with its token) and signed:
//! `X-Cosell-Signature: sha256=<hex>` is the HMAC-SHA256 of the body with the hook's
//! secret, shown once when the hook is made.
//!
//! Deliveries come from the outbox written with each change (`Db::commit`); see
//! [`crate::outbox`] for the retries.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get};
use axum::{Json, Router};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use sqlx::Row;

use crate::api::partner_admin;
use crate::auth;
use crate::db::{on_pool, stamp, Db};
use crate::engine::Engine;
use crate::http::{problem_of_db, problem_of_make, Body_, Shared};
use crate::outbox::{short_error, Retry, Settled};
use crate::problem::Problem;

/// The events a hook can ask for.
pub const EVENTS: [&str; 2] = ["referral-created", "referral-updated"];
/// The signature header.
pub const SIGNATURE: &str = "x-cosell-signature";

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/v1.0/webhooks", get(list).post(create))
        .route("/v1.0/webhooks/{id}", delete(remove))
}

/// A hook as listed (never with its secret), with its latest deliveries.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Hook {
    pub id: String,
    pub url: String,
    pub events: Vec<String>,
    pub created_by: String,
    pub created_at: String,
    pub deliveries: Vec<Delivery>,
}

/// One delivery and how it went.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Delivery {
    pub event: String,
    pub referral_id: String,
    pub occurred_at: String,
    /// `pending` (waiting or retrying), `delivered`, `failed` or `cancelled`.
    pub status: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub delivered_at: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewHook {
    url: String,
    events: Vec<String>,
}

fn invalid(code: &'static str, detail: &str) -> Problem {
    Problem::new(StatusCode::BAD_REQUEST, code, detail.to_string())
}

/// What is wrong with a hook's URL, if anything: an absolute http(s) URL without
/// credentials, at most 2,000 characters.
fn url_problem(url: &str) -> Option<&'static str> {
    if url.len() > 2000 {
        return Some("The URL is longer than 2,000 characters.");
    }
    match reqwest::Url::parse(url) {
        Ok(u) if !matches!(u.scheme(), "http" | "https") => {
            Some("The URL must start with https:// (or http:// inside your network).")
        }
        Ok(u) if !u.username().is_empty() || u.password().is_some() => {
            Some("Put no user name or password in the URL; check the signature instead.")
        }
        Ok(u) if u.host_str().is_none_or(str::is_empty) => Some("The URL names no host."),
        Ok(_) => None,
        Err(_) => Some("This is not a URL (for example https://crm.contoso.com/cosell-events)."),
    }
}

async fn create(
    State(app): State<Shared>,
    headers: HeaderMap,
    body: Result<Body_<NewHook>, Problem>,
) -> Response {
    let run = async {
        let admin = partner_admin(&app, &headers, true).await?;
        let Body_(new) = body?;
        let url = new.url.trim().to_string();
        if let Some(why) = url_problem(&url) {
            return Err(invalid("invalidUrl", why));
        }
        let mut events: Vec<String> = Vec::new();
        for e in &new.events {
            if !EVENTS.contains(&e.as_str()) {
                return Err(invalid(
                    "invalidEvent",
                    "The events are referral-created and referral-updated.",
                ));
            }
            if !events.contains(e) {
                events.push(e.clone());
            }
        }
        if events.is_empty() {
            return Err(invalid(
                "noEvents",
                "Choose at least one event: referral-created, referral-updated.",
            ));
        }
        let secret = format!("whsec_{}", auth::random_hex(24).map_err(problem_of_make)?);
        let id = uuid::Uuid::new_v4().to_string();
        let created_at = stamp(app.engine.now());
        insert(
            app.engine.db(),
            &id,
            &admin.organization_id,
            &url,
            &events.join(","),
            &secret,
            &admin.id,
            &created_at,
        )
        .await
        .map_err(problem_of_db)?;
        tracing::info!(id = %id, by = %admin.id, "webhook registered");
        let hook = Hook {
            id,
            url,
            events,
            created_by: admin.id,
            created_at,
            deliveries: Vec::new(),
        };
        let mut body = serde_json::to_value(&hook).unwrap_or_default();
        body["secret"] = secret.into();
        Ok((StatusCode::CREATED, Json(body)).into_response())
    };
    run.await.unwrap_or_else(IntoResponse::into_response)
}

async fn list(State(app): State<Shared>, headers: HeaderMap) -> Response {
    let run = async {
        let admin = partner_admin(&app, &headers, false).await?;
        let hooks = hooks_of(app.engine.db(), &admin.organization_id)
            .await
            .map_err(problem_of_db)?;
        Ok::<_, Problem>(Json(serde_json::json!({ "value": hooks })).into_response())
    };
    run.await.unwrap_or_else(IntoResponse::into_response)
}

async fn remove(State(app): State<Shared>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let run = async {
        let admin = partner_admin(&app, &headers, true).await?;
        let at = stamp(app.engine.now());
        let removed = delete_hook(app.engine.db(), &admin.organization_id, &id, &at)
            .await
            .map_err(problem_of_db)?;
        if !removed {
            return Err(Problem::new(
                StatusCode::NOT_FOUND,
                "notFound",
                "There is no such webhook.",
            ));
        }
        tracing::info!(id = %id, by = %admin.id, "webhook removed");
        Ok(StatusCode::NO_CONTENT.into_response())
    };
    run.await.unwrap_or_else(IntoResponse::into_response)
}

/// The body of one announcement (Partner Center's webhook event shape).
pub fn payload(event: &str, resource_uri: &str, occurred_at: &str) -> String {
    serde_json::json!({
        "EventName": event,
        "ResourceUri": resource_uri,
        "ResourceName": "referral",
        "AuditUri": null,
        "ResourceChangeUtcDate": occurred_at,
    })
    .to_string()
}

/// `sha256=<hex>`: the HMAC-SHA256 of `body` with `secret`.
pub fn signature(secret: &str, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes a key of any length"));
    mac.update(body.as_bytes());
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("sha256={hex}")
}

/// Delivers the webhook outbox.
#[derive(Clone)]
pub struct Deliverer {
    pub http: reqwest::Client,
    pub public_url: String,
    pub retry: Retry,
}

struct Due {
    hook_id: String,
    referral_id: String,
    version: i64,
    event: String,
    occurred_at: String,
    attempts: i64,
    url: String,
    secret: String,
}

impl Deliverer {
    pub fn new(public_url: String, retry: Retry) -> Self {
        Deliverer {
            http: reqwest::Client::builder()
                .timeout(std::time::Duration::from_secs(10))
                .redirect(reqwest::redirect::Policy::none())
                .user_agent("Co-sell webhooks")
                .build()
                .unwrap_or_default(),
            public_url,
            retry,
        }
    }

    /// Delivers every due announcement once; failures are scheduled again or given up.
    pub async fn deliver_due(&self, engine: &Engine, claimer: &str) -> Result<(), sqlx::Error> {
        let now = engine.now();
        let until = stamp(now + crate::outbox::LEASE);
        for due in due(engine.db(), claimer, &stamp(now), &until).await? {
            let uri = format!(
                "{}/v1.0/engagements/referrals/{}",
                self.public_url, due.referral_id
            );
            let body = payload(&due.event, &uri, &due.occurred_at);
            let sent = self
                .http
                .post(&due.url)
                .header("content-type", "application/json")
                .header(SIGNATURE, signature(&due.secret, &body))
                .header("x-cosell-event", &due.event)
                .header(
                    "x-cosell-delivery",
                    format!("{}:{}:{}", due.hook_id, due.referral_id, due.version),
                )
                .body(body)
                .send()
                .await;
            let tried = match sent {
                Ok(r) if r.status().is_success() => Ok(()),
                Ok(r) => Err(format!("the receiver answered {}", r.status())),
                Err(e) if e.is_timeout() => Err("the receiver did not answer in 10 seconds".into()),
                Err(e) if e.is_connect() => Err("the receiver could not be reached".into()),
                Err(e) => Err(short_error(&e.to_string())),
            };
            let settled = self.retry.settle(
                due.attempts,
                tried.map_err(|why| (false, why)),
                "delivered",
                engine.now(),
            );
            if let Some(why) = &settled.last_error {
                tracing::warn!(hook = %due.hook_id, tried = settled.attempts, status = settled.status, why = %why, "webhook delivery failed");
            }
            mark(engine.db(), &due, &settled).await?;
        }
        Ok(())
    }
}

#[allow(clippy::too_many_arguments)]
async fn insert(
    db: &Db,
    id: &str,
    organization_id: &str,
    url: &str,
    events: &str,
    secret: &str,
    created_by: &str,
    created_at: &str,
) -> Result<(), sqlx::Error> {
    on_pool!(db, |pool| sqlx::query(
        "INSERT INTO webhooks (id, organization_id, url, events, secret, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(organization_id)
    .bind(url)
    .bind(events)
    .bind(secret)
    .bind(created_by)
    .bind(created_at)
    .execute(pool)
    .await
    .map(|_| ()))
}

/// Removes the organisation's hook `id`; its waiting deliveries are cancelled.
async fn delete_hook(
    db: &Db,
    organization_id: &str,
    id: &str,
    at: &str,
) -> Result<bool, sqlx::Error> {
    on_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        let done = sqlx::query(
            "UPDATE webhooks SET deleted_at = $1 \
             WHERE id = $2 AND organization_id = $3 AND deleted_at IS NULL",
        )
        .bind(at)
        .bind(id)
        .bind(organization_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE webhook_deliveries SET status = 'cancelled' WHERE hook_id = $1 AND status = 'pending'",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(done.rows_affected() == 1)
    })
}

/// The organisation's hooks, newest first, each with its 20 latest deliveries.
async fn hooks_of(db: &Db, organization_id: &str) -> Result<Vec<Hook>, sqlx::Error> {
    on_pool!(db, |pool| {
        let rows = sqlx::query(
            "SELECT id, url, events, created_by, created_at FROM webhooks \
             WHERE organization_id = $1 AND deleted_at IS NULL ORDER BY created_at DESC",
        )
        .bind(organization_id)
        .fetch_all(pool)
        .await?;
        let mut hooks = Vec::new();
        for r in rows {
            let id: String = r.try_get(0)?;
            let events: String = r.try_get(2)?;
            let deliveries = sqlx::query(
                "SELECT event, referral_id, occurred_at, status, attempts, last_error, delivered_at \
                 FROM webhook_deliveries WHERE hook_id = $1 \
                 ORDER BY occurred_at DESC, version DESC LIMIT 20",
            )
            .bind(&id)
            .fetch_all(pool)
            .await?
            .iter()
            .map(|d| {
                Ok(Delivery {
                    event: d.try_get(0)?,
                    referral_id: d.try_get(1)?,
                    occurred_at: d.try_get(2)?,
                    status: d.try_get(3)?,
                    attempts: d.try_get(4)?,
                    last_error: d.try_get(5)?,
                    delivered_at: d.try_get(6)?,
                })
            })
            .collect::<Result<Vec<_>, sqlx::Error>>()?;
            hooks.push(Hook {
                id,
                url: r.try_get(1)?,
                events: events.split(',').map(str::to_string).collect(),
                created_by: r.try_get(3)?,
                created_at: r.try_get(4)?,
                deliveries,
            });
        }
        Ok(hooks)
    })
}

/// Claims up to 50 deliveries due at `now` for `claimer` until `until` (no other process
/// takes them meanwhile), and returns them, oldest first.
async fn due(db: &Db, claimer: &str, now: &str, until: &str) -> Result<Vec<Due>, sqlx::Error> {
    on_pool!(db, |pool| {
        sqlx::query(
            "UPDATE webhook_deliveries SET claimed_by = $1, claimed_until = $2 \
             WHERE (hook_id, referral_id, version) IN ( \
               SELECT hook_id, referral_id, version FROM webhook_deliveries \
               WHERE status = 'pending' AND next_attempt_at <= $3 \
               AND (claimed_until IS NULL OR claimed_until < $3) \
               ORDER BY next_attempt_at, version LIMIT 50) \
             AND (claimed_until IS NULL OR claimed_until < $3)",
        )
        .bind(claimer)
        .bind(until)
        .bind(now)
        .execute(pool)
        .await?;
        sqlx::query(
            "SELECT d.hook_id, d.referral_id, d.version, d.event, d.occurred_at, d.attempts, w.url, w.secret \
             FROM webhook_deliveries d JOIN webhooks w ON w.id = d.hook_id \
             WHERE d.claimed_by = $1 AND d.claimed_until = $2 AND d.status = 'pending' \
             AND w.deleted_at IS NULL ORDER BY d.next_attempt_at, d.version",
        )
        .bind(claimer)
        .bind(until)
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| {
            Ok(Due {
                hook_id: r.try_get(0)?,
                referral_id: r.try_get(1)?,
                version: r.try_get(2)?,
                event: r.try_get(3)?,
                occurred_at: r.try_get(4)?,
                attempts: r.try_get(5)?,
                url: r.try_get(6)?,
                secret: r.try_get(7)?,
            })
        })
        .collect()
    })
}

async fn mark(db: &Db, due: &Due, settled: &Settled) -> Result<(), sqlx::Error> {
    on_pool!(db, |pool| {
        sqlx::query(
            "UPDATE webhook_deliveries SET status = $1, attempts = $2, next_attempt_at = $3, \
             last_error = $4, delivered_at = $5, claimed_by = NULL, claimed_until = NULL \
             WHERE hook_id = $6 AND referral_id = $7 AND version = $8",
        )
        .bind(settled.status)
        .bind(settled.attempts)
        .bind(&settled.next_attempt_at)
        .bind(&settled.last_error)
        .bind(&settled.done_at)
        .bind(&due.hook_id)
        .bind(&due.referral_id)
        .bind(due.version)
        .execute(pool)
        .await
        .map(|_| ())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hook_url_is_an_absolute_http_url_without_credentials() {
        assert_eq!(url_problem("https://crm.contoso.com/events"), None);
        assert_eq!(url_problem("http://10.0.0.5:8080/hook"), None);
        assert!(url_problem("ftp://crm.contoso.com/").is_some());
        assert!(url_problem("javascript:alert(1)").is_some());
        assert!(url_problem("https://user:pw@crm.contoso.com/").is_some());
        assert!(url_problem("/relative").is_some());
        assert!(url_problem(&format!("https://x.example/{}", "a".repeat(2001))).is_some());
    }

    #[test]
    fn the_signature_is_the_hmac_sha256_of_the_body_with_the_secret() {
        // RFC 4231, test case 2.
        assert_eq!(
            signature("Jefe", "what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
