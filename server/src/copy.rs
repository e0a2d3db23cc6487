//! `cosell-server copy-database --from <url> --to <url>`: moves an exchange from one
//! database to another, typically from SQLite (one machine) to PostgreSQL (several). Both
//! are brought up to date by the migrations first; the target must be empty. Every table is
//! copied row by row in one transaction on the target, with the database's name for cursors
//! (`Db::epoch`), so browsers continue their copies against the new database without
//! starting afresh, and sessions and API tokens keep working.

use sqlx::Row;

use crate::db::{on_pool, Db};

/// Every table and its columns, in an order the copy can insert them in. A test checks that
/// this lists every table the migrations make.
pub const TABLES: &[(&str, &[&str])] = &[
    ("meta", &["key", "value"]),
    (
        "referrals",
        &[
            "id",
            "organization_id",
            "engagement_id",
            "e_tag",
            "version",
            "doc",
        ],
    ),
    ("referral_versions", &["id", "version", "doc"]),
    (
        "activity",
        &["id", "referral_id", "organization_id", "version", "doc"],
    ),
    ("notifications", &["id", "user_id", "version", "doc"]),
    ("favorites", &["user_id", "referral_id", "version"]),
    (
        "org_setups",
        &["organization_id", "e_tag", "version", "doc"],
    ),
    ("clients", &["client_id", "user_id", "last_mutation_id"]),
    (
        "mutations",
        &[
            "client_id",
            "mutation_id",
            "user_id",
            "version",
            "received_at",
            "change",
            "result",
        ],
    ),
    ("commands", &["version", "user_id", "decided_at", "command"]),
    ("sessions", &["token_hash", "user_id", "csrf", "expires_at"]),
    ("api_requests", &["user_id", "request_id", "status", "body"]),
    (
        "api_tokens",
        &[
            "id",
            "organization_id",
            "name",
            "scope",
            "token_hash",
            "created_by",
            "created_at",
            "revoked_at",
        ],
    ),
    (
        "oidc_logins",
        &[
            "state_hash",
            "browser_hash",
            "verifier",
            "nonce",
            "created_at",
        ],
    ),
    (
        "webhooks",
        &[
            "id",
            "organization_id",
            "url",
            "events",
            "secret",
            "created_by",
            "created_at",
            "deleted_at",
        ],
    ),
    (
        "webhook_deliveries",
        &[
            "hook_id",
            "referral_id",
            "version",
            "event",
            "occurred_at",
            "status",
            "attempts",
            "next_attempt_at",
            "last_error",
            "delivered_at",
            "claimed_by",
            "claimed_until",
        ],
    ),
    (
        "email_deliveries",
        &[
            "notification_id",
            "status",
            "attempts",
            "next_attempt_at",
            "last_error",
            "sent_at",
            "claimed_by",
            "claimed_until",
        ],
    ),
];

/// One stored value: the schema has only numbers and texts, each possibly empty.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Number(Option<i64>),
    Text(Option<String>),
}

fn value_of<R: Row>(row: &R, i: usize) -> Result<Value, sqlx::Error>
where
    usize: sqlx::ColumnIndex<R>,
    Option<i64>: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    Option<String>: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    // Text first: an empty value is read as an empty text (every number column is NOT NULL).
    match row.try_get::<Option<String>, _>(i) {
        Ok(t) => Ok(Value::Text(t)),
        Err(_) => row.try_get::<Option<i64>, _>(i).map(Value::Number),
    }
}

/// How many rows of each table were copied.
pub type Report = Vec<(&'static str, usize)>;

/// Copies everything from `from` into the empty database `to`.
pub async fn copy_database(from: &str, to: &str) -> Result<Report, String> {
    let source = Db::open(from)
        .await
        .map_err(|e| format!("the source: {e}"))?;
    let target = Db::open(to).await.map_err(|e| format!("the target: {e}"))?;
    // The source's name for cursors, made if it had none yet.
    source
        .epoch()
        .await
        .map_err(|e| format!("the source: {e}"))?;
    if !is_empty(&target)
        .await
        .map_err(|e| format!("the target: {e}"))?
    {
        return Err("the target database is not empty: copy into a new, empty one".into());
    }
    let mut report = Report::new();
    let mut rows_of = Vec::new();
    for (table, columns) in TABLES {
        let sql = format!("SELECT {} FROM {table}", columns.join(", "));
        let rows: Vec<Vec<Value>> = on_pool!(&source, |pool| {
            sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
                .fetch_all(pool)
                .await
                .and_then(|rows| {
                    rows.iter()
                        .map(|r| (0..columns.len()).map(|i| value_of(r, i)).collect())
                        .collect()
                })
        })
        .map_err(|e| format!("reading {table}: {e}"))?;
        report.push((*table, rows.len()));
        rows_of.push(rows);
    }
    write(&target, &rows_of)
        .await
        .map_err(|e| format!("writing the target (nothing was kept): {e}"))?;
    source.close().await;
    target.close().await;
    Ok(report)
}

/// Whether a database holds nothing but what the migrations made.
async fn is_empty(db: &Db) -> Result<bool, sqlx::Error> {
    let version = db.version().await?;
    let rows: i64 = on_pool!(db, |pool| {
        sqlx::query(
            "SELECT (SELECT COUNT(*) FROM referrals) + (SELECT COUNT(*) FROM api_tokens) \
             + (SELECT COUNT(*) FROM webhooks) + (SELECT COUNT(*) FROM sessions)",
        )
        .fetch_one(pool)
        .await?
        .try_get(0)
    })?;
    Ok(version == 0 && rows == 0)
}

/// Inserts every table's rows into `db` in one transaction (the target's own `meta` rows,
/// made by its migrations, are replaced by the source's).
async fn write(db: &Db, rows_of: &[Vec<Vec<Value>>]) -> Result<(), sqlx::Error> {
    on_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        sqlx::query("DELETE FROM meta").execute(&mut *tx).await?;
        for ((table, columns), rows) in TABLES.iter().zip(rows_of) {
            let marks: Vec<String> = (1..=columns.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "INSERT INTO {table} ({}) VALUES ({})",
                columns.join(", "),
                marks.join(", ")
            );
            for row in rows {
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
                for value in row {
                    q = match value {
                        Value::Number(n) => q.bind(*n),
                        Value::Text(t) => q.bind(t.clone()),
                    };
                }
                q.execute(&mut *tx).await?;
            }
        }
        tx.commit().await
    })
}
