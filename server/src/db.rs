//! The server's database: SQLite (one file, the default) or PostgreSQL (for more than one
//! machine), with the same tables and the same statements. Every write of a decided change
//! is one transaction: the outcome's rows, the mutation's answer, the client's last
//! mutation id and the global version, all or nothing.
//!
//! sqlx's `Any` driver is not used (it rewrites no placeholders for PostgreSQL and maps few
//! types); instead each statement is written once with `$n` placeholders, which both
//! engines read, and `on_pool!` runs it on whichever pool is open.

use std::str::FromStr;
use std::time::Duration;

use cosell::domain::exchange::{FavoriteChange, Outcome};
use cosell::domain::records::activity::ActivityEntry;
use cosell::domain::records::notification::Notification;
use cosell::domain::records::org_setup::OrgSetup;
use cosell::domain::records::referral::Referral;
use sqlx::migrate::{MigrateError, Migrator};
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::Row;

/// One set of migrations for both engines: the schema uses only what both read alike
/// (TEXT, BIGINT, primary keys, `ON CONFLICT`). Should one ever need its own dialect, the
/// folder splits in two. (`server/migrations/`, embedded at build time.)
static MIGRATIONS: Migrator = sqlx::migrate!();

/// The advisory lock key of the writer (any number both processes agree on: "cosell").
const WRITER_LOCK: i64 = 0x636f_7365_6c6c;

/// The writer's right on PostgreSQL, while held (see [`Db::lock_writer`]).
pub struct WriterLock(Option<sqlx::pool::PoolConnection<sqlx::Postgres>>);

impl WriterLock {
    /// Gives the right back for the next writer.
    pub async fn release(mut self) {
        if let Some(mut conn) = self.0.take() {
            let unlocked = sqlx::query("SELECT pg_advisory_unlock($1)")
                .bind(WRITER_LOCK)
                .execute(&mut *conn)
                .await;
            if unlocked.is_err() {
                // The connection is in doubt: closing it ends its session and its lock.
                drop(conn.detach());
            }
        }
    }
}

impl Drop for WriterLock {
    fn drop(&mut self) {
        // Not released (the writer failed or was cancelled): the connection is closed
        // rather than pooled, so the database ends the lock with its session.
        if let Some(conn) = self.0.take() {
            drop(conn.detach());
        }
    }
}

/// An open database of either engine.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs `$body` with `$pool` bound to the open pool, whichever engine it is.
macro_rules! on_pool {
    ($db:expr, |$pool:ident| $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($pool) => $body,
            $crate::db::Db::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_pool;

/// Why the server cannot start on this database.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("DATABASE_URL must start with sqlite: or postgres:// (got \"{0}\")")]
    UnknownScheme(String),
    #[error("cannot open the database: {0}")]
    Connect(sqlx::Error),
    #[error("the database was written by a newer Co-sell server (migration {0} is unknown to this one); start the newer server, or restore a backup")]
    Newer(i64),
    #[error("cannot bring the database up to date: {0}")]
    Migrate(MigrateError),
}

/// Everything stored, as read at start.
#[derive(Default)]
pub struct Loaded {
    pub version: u64,
    pub referrals: Vec<(Referral, u64)>,
    pub activity: Vec<(ActivityEntry, u64)>,
    pub notifications: Vec<(Notification, u64)>,
    pub favorites: Vec<(String, String)>,
    pub setups: Vec<(OrgSetup, u64)>,
    /// Whether `favorites` holds them all (they changed since, or everything was read).
    pub favorites_changed: bool,
    /// Stored documents that could not be read (written by another version, or damaged).
    pub unreadable: usize,
}

/// One processed mutation, written with its effects.
pub struct MutationRecord<'a> {
    pub client_id: &'a str,
    pub mutation_id: u64,
    pub user_id: &'a str,
    pub change: String,
    pub result: String,
}

/// An answer of the Referrals API to one `MS-RequestId`, written with its change.
pub struct ApiAnswer<'a> {
    pub user_id: &'a str,
    pub request_id: &'a str,
    pub status: u16,
    pub body: &'a str,
}

/// One version to write: a decided outcome with what it answers and announces.
#[derive(Clone, Copy)]
pub struct Write<'a> {
    pub version: u64,
    pub outcome: &'a Outcome,
    pub read_now: &'a [Notification],
    pub mutation: Option<&'a MutationRecord<'a>>,
    pub api: Option<&'a ApiAnswer<'a>>,
    pub announce: &'a [Announcement<'a>],
    /// The command that made this version, for the command log.
    pub logged: &'a LogEntry,
}

/// One entry of the command log: who decided what, at which instant (RFC 3339 with
/// nanoseconds, so a replay decides at exactly the same time).
#[derive(Debug, Clone, PartialEq)]
pub struct LogEntry {
    pub user_id: String,
    pub decided_at: String,
    /// The command as JSON (`replay::Logged`).
    pub command: String,
}

/// A referral write to announce to its organisation's webhooks, written with the change.
pub struct Announcement<'a> {
    pub organization_id: &'a str,
    pub referral_id: &'a str,
    /// `referral-created` or `referral-updated` (Partner Center's event names).
    pub event: &'static str,
}

/// An instant as stored in the outbox tables: RFC 3339 in UTC with milliseconds, so the
/// text sorts as the time does on both engines.
pub fn stamp(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// An API token as stored (without the token: only its hash is kept).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenRow {
    pub id: String,
    pub organization_id: String,
    pub name: String,
    /// `read` or `readWrite`.
    pub scope: String,
    pub created_by: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

/// A session as stored.
pub struct SessionRow {
    pub user_id: String,
    pub csrf: String,
    pub expires_at: String,
}

fn token_row<R: Row>(r: &R) -> Result<TokenRow, sqlx::Error>
where
    usize: sqlx::ColumnIndex<R>,
    String: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    Option<String>: for<'r> sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    Ok(TokenRow {
        id: r.try_get(0)?,
        organization_id: r.try_get(1)?,
        name: r.try_get(2)?,
        scope: r.try_get(3)?,
        created_by: r.try_get(4)?,
        created_at: r.try_get(5)?,
        revoked_at: r.try_get(6)?,
    })
}

fn doc<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn read<T: serde::de::DeserializeOwned>(text: &str, unreadable: &mut usize) -> Option<T> {
    match serde_json::from_str(text) {
        Ok(v) => Some(v),
        Err(_) => {
            *unreadable += 1;
            None
        }
    }
}

impl Db {
    /// Opens the database of `url` and brings its tables up to date.
    pub async fn open(url: &str) -> Result<Db, OpenError> {
        Self::open_with(url, 8).await
    }

    /// [`Db::open`] with at most `max_connections` to PostgreSQL.
    pub async fn open_with(url: &str, max_connections: u32) -> Result<Db, OpenError> {
        let db = if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)
                .map_err(OpenError::Connect)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5));
            // One connection: SQLite writes one at a time anyway, and every write here is
            // serialized by the engine; reads come from memory.
            let pool = SqlitePoolOptions::new()
                .max_connections(1)
                .connect_with(options)
                .await
                .map_err(OpenError::Connect)?;
            Db::Sqlite(pool)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool = PgPoolOptions::new()
                .max_connections(max_connections.max(2))
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await
                .map_err(OpenError::Connect)?;
            Db::Postgres(pool)
        } else {
            let scheme = url.split(':').next().unwrap_or_default();
            return Err(OpenError::UnknownScheme(scheme.to_string()));
        };
        let migrated = match &db {
            Db::Sqlite(pool) => MIGRATIONS.run(pool).await,
            Db::Postgres(pool) => MIGRATIONS.run(pool).await,
        };
        match migrated {
            Ok(()) => Ok(db),
            Err(MigrateError::VersionMissing(v)) => Err(OpenError::Newer(v)),
            Err(e) => Err(OpenError::Migrate(e)),
        }
    }

    pub fn engine(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// Whether the database answers.
    /// Whether the database answers within a second (a readiness probe must not hang while
    /// the pool waits for a connection to a database that is gone).
    pub async fn ping(&self) -> bool {
        let asked = async {
            on_pool!(self, |pool| sqlx::query("SELECT 1")
                .execute(pool)
                .await
                .is_ok())
        };
        tokio::time::timeout(std::time::Duration::from_secs(1), asked)
            .await
            .unwrap_or(false)
    }

    pub async fn close(&self) {
        on_pool!(self, |pool| pool.close().await)
    }

    /// Reads everything stored.
    pub async fn load(&self) -> Result<Loaded, sqlx::Error> {
        self.load_since(0).await
    }

    /// The global version: that of the last change written, by any process.
    pub async fn version(&self) -> Result<u64, sqlx::Error> {
        on_pool!(self, |pool| {
            let v: i64 = sqlx::query("SELECT value FROM meta WHERE key = 'version'")
                .fetch_one(pool)
                .await?
                .try_get(0)?;
            Ok(v as u64)
        })
    }

    /// What was written after version `since` (everything for 0): the records of newer
    /// versions, and all favorites and clients when they changed since (`favorites_changed`).
    pub async fn load_since(&self, since: u64) -> Result<Loaded, sqlx::Error> {
        let after = since as i64;
        let postgres = matches!(self, Db::Postgres(_));
        on_pool!(self, |pool| {
            // One snapshot for every table, so a change is read whole or not at all.
            let mut tx = pool.begin().await?;
            if postgres {
                sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                    .execute(&mut *tx)
                    .await?;
            }
            let mut l = Loaded::default();
            let version: i64 = sqlx::query("SELECT value FROM meta WHERE key = 'version'")
                .fetch_one(&mut *tx)
                .await?
                .try_get(0)?;
            l.version = version as u64;
            let favorites: i64 = sqlx::query("SELECT value FROM meta WHERE key = 'favorites'")
                .fetch_one(&mut *tx)
                .await?
                .try_get(0)?;
            l.favorites_changed = since == 0 || favorites > after;
            for row in sqlx::query("SELECT doc, version FROM referrals WHERE version > $1")
                .bind(after)
                .fetch_all(&mut *tx)
                .await?
            {
                let (text, v): (String, i64) = (row.try_get(0)?, row.try_get(1)?);
                if let Some(r) = read(&text, &mut l.unreadable) {
                    l.referrals.push((r, v as u64));
                }
            }
            for row in sqlx::query("SELECT doc, version FROM activity WHERE version > $1")
                .bind(after)
                .fetch_all(&mut *tx)
                .await?
            {
                let (text, v): (String, i64) = (row.try_get(0)?, row.try_get(1)?);
                if let Some(a) = read(&text, &mut l.unreadable) {
                    l.activity.push((a, v as u64));
                }
            }
            for row in sqlx::query("SELECT doc, version FROM notifications WHERE version > $1")
                .bind(after)
                .fetch_all(&mut *tx)
                .await?
            {
                let (text, v): (String, i64) = (row.try_get(0)?, row.try_get(1)?);
                if let Some(n) = read(&text, &mut l.unreadable) {
                    l.notifications.push((n, v as u64));
                }
            }
            if l.favorites_changed {
                for row in sqlx::query("SELECT user_id, referral_id FROM favorites")
                    .fetch_all(&mut *tx)
                    .await?
                {
                    l.favorites.push((row.try_get(0)?, row.try_get(1)?));
                }
            }
            for row in sqlx::query("SELECT doc, version FROM org_setups WHERE version > $1")
                .bind(after)
                .fetch_all(&mut *tx)
                .await?
            {
                let (text, v): (String, i64) = (row.try_get(0)?, row.try_get(1)?);
                if let Some(s) = read(&text, &mut l.unreadable) {
                    l.setups.push((s, v as u64));
                }
            }
            tx.commit().await?;
            Ok(l)
        })
    }

    /// Writes `outcome` as version `version`, with the mutation it answers (if a client
    /// pushed it), in one transaction: [`Db::commit_all`] with one write.
    #[allow(clippy::too_many_arguments)]
    pub async fn commit(
        &self,
        version: u64,
        outcome: &Outcome,
        read_now: &[Notification],
        mutation: Option<&MutationRecord<'_>>,
        api: Option<&ApiAnswer<'_>>,
        announce: &[Announcement<'_>],
        logged: &LogEntry,
        now: &str,
    ) -> Result<(), sqlx::Error> {
        let write = Write {
            version,
            outcome,
            read_now,
            mutation,
            api,
            announce,
            logged,
        };
        self.commit_all(&[write], now).await
    }

    /// Writes each of `writes` as its version, all in one transaction (a group commit: the
    /// writer's batch of waiting pushes costs one commit). `read_now` of each are its
    /// outcome's notifications with the read ones already marked (the documents as they
    /// are now). The outboxes are filled in the same transaction: a delivery for each of
    /// `announce` to every webhook of its organisation that asked for the event, and one
    /// for each emailed notification, so a change is never lost to them and never
    /// announced without having happened.
    pub async fn commit_all(&self, writes: &[Write<'_>], now: &str) -> Result<(), sqlx::Error> {
        let Some(last) = writes.iter().map(|w| w.version).max() else {
            return Ok(());
        };
        let postgres = matches!(self, Db::Postgres(_));
        on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            for write in writes {
                let Write {
                    version,
                    outcome,
                    read_now,
                    mutation,
                    api,
                    announce,
                    logged,
                } = *write;
                let v = version as i64;
                sqlx::query(
                    "INSERT INTO commands (version, user_id, decided_at, command) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(v)
                .bind(&logged.user_id)
                .bind(&logged.decided_at)
                .bind(&logged.command)
                .execute(&mut *tx)
                .await?;
                for w in &outcome.referrals {
                    let r = &w.referral;
                    sqlx::query(
                    "INSERT INTO referrals (id, organization_id, engagement_id, e_tag, version, doc) \
                     VALUES ($1, $2, $3, $4, $5, $6) \
                     ON CONFLICT (id) DO UPDATE SET organization_id = excluded.organization_id, \
                     engagement_id = excluded.engagement_id, e_tag = excluded.e_tag, \
                     version = excluded.version, doc = excluded.doc",
                )
                .bind(&r.id)
                .bind(&r.organization_id)
                .bind(&r.engagement_id)
                .bind(&r.e_tag)
                .bind(v)
                .bind(doc(r))
                .execute(&mut *tx)
                .await?;
                }
                for w in &outcome.referrals {
                    sqlx::query(
                        "INSERT INTO referral_versions (id, version, doc) VALUES ($1, $2, $3) \
                     ON CONFLICT (id, version) DO UPDATE SET doc = excluded.doc",
                    )
                    .bind(&w.referral.id)
                    .bind(v)
                    .bind(doc(&w.referral))
                    .execute(&mut *tx)
                    .await?;
                }
                if !outcome.favorites.is_empty() {
                    sqlx::query("UPDATE meta SET value = $1 WHERE key = 'favorites'")
                        .bind(v)
                        .execute(&mut *tx)
                        .await?;
                }
                for a in &outcome.activity {
                    sqlx::query(
                        "INSERT INTO activity (id, referral_id, organization_id, version, doc) \
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING",
                    )
                    .bind(&a.id)
                    .bind(&a.referral_id)
                    .bind(&a.organization_id)
                    .bind(v)
                    .bind(doc(a))
                    .execute(&mut *tx)
                    .await?;
                }
                for n in outcome.notifications.iter().chain(read_now) {
                    sqlx::query(
                    "INSERT INTO notifications (id, user_id, version, doc) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (id) DO UPDATE SET version = excluded.version, doc = excluded.doc",
                )
                .bind(&n.id)
                .bind(&n.user_id)
                .bind(v)
                .bind(doc(n))
                .execute(&mut *tx)
                .await?;
                }
                for change in &outcome.favorites {
                    match change {
                        FavoriteChange::Add(f) => {
                            sqlx::query(
                            "INSERT INTO favorites (user_id, referral_id, version) VALUES ($1, $2, $3) \
                             ON CONFLICT (user_id, referral_id) DO NOTHING",
                        )
                        .bind(&f.user_id)
                        .bind(&f.referral_id)
                        .bind(v)
                        .execute(&mut *tx)
                        .await?;
                        }
                        FavoriteChange::Remove(f) => {
                            sqlx::query(
                                "DELETE FROM favorites WHERE user_id = $1 AND referral_id = $2",
                            )
                            .bind(&f.user_id)
                            .bind(&f.referral_id)
                            .execute(&mut *tx)
                            .await?;
                        }
                    }
                }
                for w in &outcome.setups {
                    let s = &w.setup;
                    sqlx::query(
                    "INSERT INTO org_setups (organization_id, e_tag, version, doc) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (organization_id) DO UPDATE SET e_tag = excluded.e_tag, \
                     version = excluded.version, doc = excluded.doc",
                )
                .bind(&s.organization_id)
                .bind(&s.e_tag)
                .bind(v)
                .bind(doc(s))
                .execute(&mut *tx)
                .await?;
                }
                if let Some(m) = mutation {
                    sqlx::query(
                    "INSERT INTO clients (client_id, user_id, last_mutation_id) VALUES ($1, $2, $3) \
                     ON CONFLICT (client_id) DO UPDATE SET last_mutation_id = excluded.last_mutation_id",
                )
                .bind(m.client_id)
                .bind(m.user_id)
                .bind(m.mutation_id as i64)
                .execute(&mut *tx)
                .await?;
                    sqlx::query(
                    "INSERT INTO mutations (client_id, mutation_id, user_id, version, received_at, change, result) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(m.client_id)
                .bind(m.mutation_id as i64)
                .bind(m.user_id)
                .bind(v)
                .bind(chrono::Utc::now().to_rfc3339())
                .bind(&m.change)
                .bind(&m.result)
                .execute(&mut *tx)
                .await?;
                }
                if let Some(a) = api {
                    sqlx::query(
                    "INSERT INTO api_requests (user_id, request_id, status, body) VALUES ($1, $2, $3, $4)",
                )
                .bind(a.user_id)
                .bind(a.request_id)
                .bind(i64::from(a.status))
                .bind(a.body)
                .execute(&mut *tx)
                .await?;
                }
                for a in announce {
                    sqlx::query(
                    "INSERT INTO webhook_deliveries \
                     (hook_id, referral_id, version, event, occurred_at, status, attempts, next_attempt_at) \
                     SELECT id, $1, $2, $3, $4, 'pending', 0, $4 FROM webhooks \
                     WHERE organization_id = $5 AND deleted_at IS NULL \
                     AND (',' || events || ',') LIKE $6",
                )
                .bind(a.referral_id)
                .bind(v)
                .bind(a.event)
                .bind(now)
                .bind(a.organization_id)
                .bind(format!("%,{},%", a.event))
                .execute(&mut *tx)
                .await?;
                }
                for n in outcome.notifications.iter().filter(|n| n.emailed) {
                    sqlx::query(
                    "INSERT INTO email_deliveries (notification_id, status, attempts, next_attempt_at) \
                     VALUES ($1, 'pending', 0, $2) ON CONFLICT (notification_id) DO NOTHING",
                )
                .bind(&n.id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                }
            }
            let v = last as i64;
            sqlx::query("UPDATE meta SET value = $1 WHERE key = 'version'")
                .bind(v)
                .execute(&mut *tx)
                .await?;
            if postgres {
                // The other processes hear of it when it commits (LISTEN cosell_changed).
                sqlx::query("SELECT pg_notify('cosell_changed', $1)")
                    .bind(v.to_string())
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await
        })
    }

    /// The command log: where it starts (versions before it were written before there was
    /// a log) and every entry, by version.
    pub async fn command_log(&self) -> Result<(u64, Vec<(u64, LogEntry)>), sqlx::Error> {
        on_pool!(self, |pool| {
            let from: i64 = sqlx::query("SELECT value FROM meta WHERE key = 'log_from'")
                .fetch_one(pool)
                .await?
                .try_get(0)?;
            let rows = sqlx::query(
                "SELECT version, user_id, decided_at, command FROM commands ORDER BY version",
            )
            .fetch_all(pool)
            .await?;
            let mut log = Vec::with_capacity(rows.len());
            for row in rows {
                let version: i64 = row.try_get(0)?;
                log.push((
                    version as u64,
                    LogEntry {
                        user_id: row.try_get(1)?,
                        decided_at: row.try_get(2)?,
                        command: row.try_get(3)?,
                    },
                ));
            }
            Ok((from as u64, log))
        })
    }

    /// This database's name for cursors: made once, at its first start, and kept, so a
    /// cursor means the same to every process on it (and nothing to another database).
    pub async fn epoch(&self) -> Result<i64, sqlx::Error> {
        let mut made = [0u8; 8];
        getrandom::fill(&mut made).map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
        let made = i64::from_le_bytes(made) & i64::MAX;
        on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO meta (key, value) VALUES ('epoch', $1) ON CONFLICT (key) DO NOTHING",
            )
            .bind(made)
            .execute(pool)
            .await?;
            let v: i64 = sqlx::query("SELECT value FROM meta WHERE key = 'epoch'")
                .fetch_one(pool)
                .await?
                .try_get(0)?;
            Ok(v)
        })
    }

    /// The referrals `ids` as they were at version `at` (those that existed then).
    pub async fn referrals_at(
        &self,
        ids: &[String],
        at: u64,
    ) -> Result<Vec<Referral>, sqlx::Error> {
        let mut out = Vec::new();
        let mut unreadable = 0;
        // In slices, so no statement holds more parameters than either engine takes.
        for chunk in ids.chunks(500) {
            let marks: Vec<String> = (2..chunk.len() + 2).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT rv.doc FROM referral_versions rv JOIN ( \
                   SELECT id, MAX(version) AS v FROM referral_versions \
                   WHERE version <= $1 AND id IN ({}) GROUP BY id) latest \
                 ON latest.id = rv.id AND latest.v = rv.version",
                marks.join(", ")
            );
            let docs: Vec<String> = on_pool!(self, |pool| {
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone())).bind(at as i64);
                for id in chunk {
                    q = q.bind(id);
                }
                q.fetch_all(pool)
                    .await?
                    .iter()
                    .map(|r| r.try_get(0))
                    .collect::<Result<Vec<String>, sqlx::Error>>()
            })?;
            out.extend(docs.iter().filter_map(|d| read(d, &mut unreadable)));
        }
        Ok(out)
    }

    /// The user a client id belongs to and the last mutation of it that was processed, as
    /// the database says (any process may have processed it).
    pub async fn client(&self, client_id: &str) -> Result<Option<(String, u64)>, sqlx::Error> {
        on_pool!(self, |pool| {
            let row =
                sqlx::query("SELECT user_id, last_mutation_id FROM clients WHERE client_id = $1")
                    .bind(client_id)
                    .fetch_optional(pool)
                    .await?;
            row.map(|r| {
                let last: i64 = r.try_get(1)?;
                Ok((r.try_get(0)?, last as u64))
            })
            .transpose()
        })
    }

    /// The one writer's right, across every process on this database: on PostgreSQL a
    /// session advisory lock held on a connection of its own (released with
    /// [`WriterLock::release`], or by the database when the connection or the process
    /// ends); SQLite has one process, whose engine lock suffices.
    pub async fn lock_writer(&self) -> Result<WriterLock, sqlx::Error> {
        match self {
            Db::Sqlite(_) => Ok(WriterLock(None)),
            Db::Postgres(pool) => {
                let mut conn = pool.acquire().await?;
                sqlx::query("SELECT pg_advisory_lock($1)")
                    .bind(WRITER_LOCK)
                    .execute(&mut *conn)
                    .await?;
                Ok(WriterLock(Some(conn)))
            }
        }
    }

    /// The answer given to a processed mutation (JSON), for a retry.
    pub async fn mutation_result(
        &self,
        client_id: &str,
        mutation_id: u64,
    ) -> Result<Option<String>, sqlx::Error> {
        on_pool!(self, |pool| {
            let row = sqlx::query(
                "SELECT result FROM mutations WHERE client_id = $1 AND mutation_id = $2",
            )
            .bind(client_id)
            .bind(mutation_id as i64)
            .fetch_optional(pool)
            .await?;
            row.map(|r| r.try_get(0)).transpose()
        })
    }

    /// The answer given to `user_id`'s request `request_id`, if it made one.
    pub async fn api_answer(
        &self,
        user_id: &str,
        request_id: &str,
    ) -> Result<Option<(u16, String)>, sqlx::Error> {
        on_pool!(self, |pool| {
            let row = sqlx::query(
                "SELECT status, body FROM api_requests WHERE user_id = $1 AND request_id = $2",
            )
            .bind(user_id)
            .bind(request_id)
            .fetch_optional(pool)
            .await?;
            row.map(|r| {
                let status: i64 = r.try_get(0)?;
                Ok((status as u16, r.try_get(1)?))
            })
            .transpose()
        })
    }

    pub async fn create_token(&self, row: &TokenRow, token_hash: &str) -> Result<(), sqlx::Error> {
        on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO api_tokens (id, organization_id, name, scope, token_hash, created_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(&row.id)
            .bind(&row.organization_id)
            .bind(&row.name)
            .bind(&row.scope)
            .bind(token_hash)
            .bind(&row.created_by)
            .bind(&row.created_at)
            .execute(pool)
            .await
            .map(|_| ())
        })
    }

    /// The token whose hash is `token_hash`, revoked or not.
    pub async fn token_by_hash(&self, token_hash: &str) -> Result<Option<TokenRow>, sqlx::Error> {
        on_pool!(self, |pool| {
            let row = sqlx::query(
                "SELECT id, organization_id, name, scope, created_by, created_at, revoked_at \
                 FROM api_tokens WHERE token_hash = $1",
            )
            .bind(token_hash)
            .fetch_optional(pool)
            .await?;
            row.map(|r| token_row(&r)).transpose()
        })
    }

    /// The organisation's tokens, newest first.
    pub async fn tokens_of(&self, organization_id: &str) -> Result<Vec<TokenRow>, sqlx::Error> {
        on_pool!(self, |pool| {
            let rows = sqlx::query(
                "SELECT id, organization_id, name, scope, created_by, created_at, revoked_at \
                 FROM api_tokens WHERE organization_id = $1 ORDER BY created_at DESC",
            )
            .bind(organization_id)
            .fetch_all(pool)
            .await?;
            rows.iter().map(token_row).collect()
        })
    }

    /// Revokes the organisation's token `id`; whether there was one to revoke.
    pub async fn revoke_token(
        &self,
        organization_id: &str,
        id: &str,
        at: &str,
    ) -> Result<bool, sqlx::Error> {
        on_pool!(self, |pool| {
            sqlx::query(
                "UPDATE api_tokens SET revoked_at = $1 \
                 WHERE id = $2 AND organization_id = $3 AND revoked_at IS NULL",
            )
            .bind(at)
            .bind(id)
            .bind(organization_id)
            .execute(pool)
            .await
            .map(|done| done.rows_affected() == 1)
        })
    }

    pub async fn create_session(
        &self,
        token_hash: &str,
        user_id: &str,
        csrf: &str,
        expires_at: &str,
    ) -> Result<(), sqlx::Error> {
        on_pool!(self, |pool| {
            sqlx::query(
                "INSERT INTO sessions (token_hash, user_id, csrf, expires_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(token_hash)
            .bind(user_id)
            .bind(csrf)
            .bind(expires_at)
            .execute(pool)
            .await
            .map(|_| ())
        })
    }

    pub async fn session(&self, token_hash: &str) -> Result<Option<SessionRow>, sqlx::Error> {
        on_pool!(self, |pool| {
            let row =
                sqlx::query("SELECT user_id, csrf, expires_at FROM sessions WHERE token_hash = $1")
                    .bind(token_hash)
                    .fetch_optional(pool)
                    .await?;
            row.map(|r| {
                Ok(SessionRow {
                    user_id: r.try_get(0)?,
                    csrf: r.try_get(1)?,
                    expires_at: r.try_get(2)?,
                })
            })
            .transpose()
        })
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<(), sqlx::Error> {
        on_pool!(self, |pool| {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                .bind(token_hash)
                .execute(pool)
                .await
                .map(|_| ())
        })
    }
}
