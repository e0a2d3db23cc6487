//! Email delivery: when an SMTP relay is configured (`--smtp-url`), the Email outbox's
//! messages are sent from the outbox rows written with each notification (`Db::commit`),
//! each in its recipient's language (`deal::notify::message`, the words the outbox shows),
//! retried as [`crate::outbox`] says, and marked sent or failed; the app's **Email outbox**
//! shows that (`GET /outbox/deliveries`). Without a relay they stay in the outbox, unsent.

use std::collections::HashSet;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use cosell::domain::deal::notify::message;
use cosell::domain::records::notification::Notification;
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::Serialize;
use sqlx::Row;

use crate::db::{on_pool, stamp, Db};
use crate::engine::Engine;
use crate::http::{problem_of_db, session_of, Shared};
use crate::outbox::{short_error, Retry, Settled};
use crate::problem::Problem;

pub fn routes() -> Router<Shared> {
    Router::new().route("/outbox/deliveries", get(deliveries))
}

/// How one email of the outbox went.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EmailDelivery {
    pub notification_id: String,
    /// `pending` (waiting or retrying), `sent` or `failed`.
    pub status: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub sent_at: Option<String>,
}

/// The delivery of the signed-in organisation's outbox, and whether a relay sends it.
async fn deliveries(State(app): State<Shared>, headers: HeaderMap) -> Response {
    let run = async {
        let session = session_of(&app, &headers).await?;
        let ids = app
            .engine
            .outbox_of(&session.user_id)
            .await
            .map_err(crate::http::problem_of_sync)?;
        let value = of(app.engine.db(), &ids).await.map_err(problem_of_db)?;
        Ok::<_, Problem>(
            Json(serde_json::json!({ "relay": app.smtp, "value": value })).into_response(),
        )
    };
    run.await.unwrap_or_else(IntoResponse::into_response)
}

/// Sends the email outbox through an SMTP relay.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    retry: Retry,
}

struct Due {
    notification_id: String,
    attempts: i64,
    doc: String,
}

impl Mailer {
    /// The mailer of `url` sending as `from`, or why not (never echoing the URL, which may
    /// hold a password).
    pub fn new(url: &str, from: &str, retry: Retry) -> Result<Mailer, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|_| {
                "the SMTP URL is not valid (smtp://host:port, smtp://user:password@host:587?tls=required or smtps://host:465)".to_string()
            })?
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        let from = from
            .parse::<Mailbox>()
            .map_err(|e| format!("the sender \"{from}\" is not an email address: {e}"))?;
        Ok(Mailer {
            transport,
            from,
            retry,
        })
    }

    /// Sends every due email once; failures are scheduled again or given up.
    pub async fn deliver_due(&self, engine: &Engine, claimer: &str) -> Result<(), sqlx::Error> {
        let now = engine.now();
        let until = stamp(now + crate::outbox::LEASE);
        for due in due(engine.db(), claimer, &stamp(now), &until).await? {
            let sent = match serde_json::from_str::<Notification>(&due.doc) {
                Ok(n) => self.send(&n).await,
                Err(_) => Err((true, "the stored notification cannot be read".to_string())),
            };
            let settled = self.retry.settle(due.attempts, sent, "sent", engine.now());
            if let Some(why) = &settled.last_error {
                tracing::warn!(notification = %due.notification_id, tried = settled.attempts, status = settled.status, why = %why, "email not sent");
            }
            mark(engine.db(), &due.notification_id, &settled).await?;
        }
        Ok(())
    }

    /// Sends `n`; on failure, whether it is permanent, and why.
    async fn send(&self, n: &Notification) -> Result<(), (bool, String)> {
        let to = n
            .email
            .parse::<Mailbox>()
            .map_err(|_| (true, format!("\"{}\" is not an email address", n.email)))?;
        let (subject, body) = message(n);
        let email = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| (true, short_error(&e.to_string())))?;
        self.transport.send(email).await.map(|_| ()).map_err(|e| {
            (
                e.is_permanent(),
                short_error(&format!("the mail relay refused it: {e}")),
            )
        })
    }
}

/// Claims up to 50 emails due at `now` for `claimer` until `until`, and returns them with
/// their notification, oldest first.
async fn due(db: &Db, claimer: &str, now: &str, until: &str) -> Result<Vec<Due>, sqlx::Error> {
    on_pool!(db, |pool| {
        sqlx::query(
            "UPDATE email_deliveries SET claimed_by = $1, claimed_until = $2 \
             WHERE notification_id IN ( \
               SELECT notification_id FROM email_deliveries \
               WHERE status = 'pending' AND next_attempt_at <= $3 \
               AND (claimed_until IS NULL OR claimed_until < $3) \
               ORDER BY next_attempt_at LIMIT 50) \
             AND (claimed_until IS NULL OR claimed_until < $3)",
        )
        .bind(claimer)
        .bind(until)
        .bind(now)
        .execute(pool)
        .await?;
        sqlx::query(
            "SELECT e.notification_id, e.attempts, n.doc FROM email_deliveries e \
             JOIN notifications n ON n.id = e.notification_id \
             WHERE e.claimed_by = $1 AND e.claimed_until = $2 AND e.status = 'pending' \
             ORDER BY e.next_attempt_at",
        )
        .bind(claimer)
        .bind(until)
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| {
            Ok(Due {
                notification_id: r.try_get(0)?,
                attempts: r.try_get(1)?,
                doc: r.try_get(2)?,
            })
        })
        .collect()
    })
}

async fn mark(db: &Db, id: &str, settled: &Settled) -> Result<(), sqlx::Error> {
    on_pool!(db, |pool| sqlx::query(
        "UPDATE email_deliveries SET status = $1, attempts = $2, next_attempt_at = $3, \
         last_error = $4, sent_at = $5, claimed_by = NULL, claimed_until = NULL \
         WHERE notification_id = $6",
    )
    .bind(settled.status)
    .bind(settled.attempts)
    .bind(&settled.next_attempt_at)
    .bind(&settled.last_error)
    .bind(&settled.done_at)
    .bind(id)
    .execute(pool)
    .await
    .map(|_| ()))
}

/// The deliveries of the notifications `ids`.
async fn of(db: &Db, ids: &[String]) -> Result<Vec<EmailDelivery>, sqlx::Error> {
    let wanted: HashSet<&str> = ids.iter().map(String::as_str).collect();
    let mut out = Vec::new();
    // In slices, so no statement holds more parameters than either engine takes.
    for chunk in ids.chunks(500) {
        let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT notification_id, status, attempts, last_error, sent_at FROM email_deliveries \
             WHERE notification_id IN ({})",
            marks.join(", ")
        );
        let rows = on_pool!(db, |pool| {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
            for id in chunk {
                q = q.bind(id);
            }
            q.fetch_all(pool)
                .await?
                .iter()
                .map(|r| {
                    Ok(EmailDelivery {
                        notification_id: r.try_get(0)?,
                        status: r.try_get(1)?,
                        attempts: r.try_get(2)?,
                        last_error: r.try_get(3)?,
                        sent_at: r.try_get(4)?,
                    })
                })
                .collect::<Result<Vec<_>, sqlx::Error>>()
        })?;
        out.extend(
            rows.into_iter()
                .filter(|d| wanted.contains(d.notification_id.as_str())),
        );
    }
    Ok(out)
}
