//! The server's settings, from flags or the environment (`cosell-server --help`).

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// The Co-sell server: one shared exchange for every browser and organisation.
#[derive(Debug, Clone, Parser)]
#[command(name = "cosell-server", version)]
pub struct Config {
    /// Address and port to listen on.
    #[arg(long, env = "COSELL_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// The database: sqlite://path/to/file.db (created when missing) or postgres://…
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/cosell.db")]
    pub database_url: String,

    /// The app's release build to serve (trunk's dist folder).
    #[arg(long, env = "COSELL_STATIC_DIR", default_value = "dist")]
    pub static_dir: PathBuf,

    /// The reference data (organizations.json, users.json, …); default: <static-dir>/data.
    #[arg(long, env = "COSELL_REFERENCE_DATA")]
    pub reference_data: Option<PathBuf>,

    /// Demo sign-in: anyone may sign in as any directory user. Only on a loopback address.
    #[arg(long, env = "COSELL_DEMO_SIGN_IN")]
    pub demo_sign_in: bool,

    /// Seeds this many demo deals at start when the exchange is empty (like ?demo=N).
    #[arg(long, env = "COSELL_DEMO_DEALS", default_value_t = 0)]
    pub demo_deals: usize,

    /// The most referrals one answer of a browser's first pull carries; the browser asks
    /// for the next page at once (an organisation with 100,000 deals syncs in pages).
    #[arg(long, env = "COSELL_FIRST_PULL_PAGE", default_value_t = crate::engine::FIRST_PULL_PAGE)]
    pub first_pull_page: usize,

    /// How often the 14-day expiry runs, in seconds.
    #[arg(long, env = "COSELL_EXPIRY_INTERVAL_SECS", default_value_t = 30)]
    pub expiry_interval_secs: u64,

    /// Test hook: seconds added to the server's clock (as ?now= does in a browser).
    #[arg(
        long,
        env = "COSELL_CLOCK_OFFSET_SECS",
        default_value_t = 0,
        allow_hyphen_values = true
    )]
    pub clock_offset_secs: i64,

    /// How long a session lasts, in hours.
    #[arg(long, env = "COSELL_SESSION_HOURS", default_value_t = 12)]
    pub session_hours: i64,

    /// The largest request body accepted, in bytes.
    #[arg(long, env = "COSELL_MAX_BODY_BYTES", default_value_t = 1 << 20)]
    pub max_body_bytes: usize,

    /// Sign-in attempts allowed per client address and minute.
    #[arg(long, env = "COSELL_SIGN_IN_PER_MINUTE", default_value_t = 60)]
    pub sign_in_per_minute: usize,

    /// Requests allowed per API token and minute.
    #[arg(long, env = "COSELL_TOKEN_REQUESTS_PER_MINUTE", default_value_t = 600)]
    pub token_requests_per_minute: usize,

    /// The address people and systems reach this server at (e.g. https://cosell.contoso.com);
    /// the sign-in's redirect and the webhooks' resource links start with it.
    /// Default: http://<bind>.
    #[arg(long, env = "COSELL_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// OpenID Connect: the identity provider's issuer URL (for Microsoft Entra ID,
    /// https://login.microsoftonline.com/<tenant id>/v2.0). Turns on sign-in through it.
    #[arg(long, env = "COSELL_OIDC_ISSUER")]
    pub oidc_issuer: Option<String>,

    /// OpenID Connect: this application's client id at the provider.
    #[arg(long, env = "COSELL_OIDC_CLIENT_ID")]
    pub oidc_client_id: Option<String>,

    /// OpenID Connect: the client secret (prefer the environment variable to the flag).
    #[arg(long, env = "COSELL_OIDC_CLIENT_SECRET", hide_env_values = true)]
    pub oidc_client_secret: Option<String>,

    /// OpenID Connect: the claim naming the directory user. An email address (email,
    /// preferred_username, upn) matches a user's email; any other value (oid, sub) a user's id.
    #[arg(long, env = "COSELL_OIDC_USER_CLAIM", default_value = "email")]
    pub oidc_user_claim: String,

    /// OpenID Connect: the scopes asked for at sign-in.
    #[arg(
        long,
        env = "COSELL_OIDC_SCOPES",
        default_value = "openid profile email"
    )]
    pub oidc_scopes: String,

    /// The audience a Bearer JWT for the Referrals API must carry (default: the client id).
    #[arg(long, env = "COSELL_OIDC_API_AUDIENCE")]
    pub oidc_api_audience: Option<String>,

    /// SMTP relay for notification emails: smtp://host:25 (plain, for a relay inside the
    /// network), smtp://user:password@host:587?tls=required (STARTTLS) or smtps://host:465.
    /// Without it, emails stay in the Email outbox.
    #[arg(long, env = "COSELL_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// The sender of notification emails.
    #[arg(
        long,
        env = "COSELL_SMTP_FROM",
        default_value = "Co-sell <cosell@localhost>"
    )]
    pub smtp_from: String,

    /// The first retry of a failed email or webhook delivery waits this long (in
    /// milliseconds); each further retry twice as long as the one before.
    #[arg(long, env = "COSELL_RETRY_BASE_MS", default_value_t = 30_000)]
    pub retry_base_ms: u64,

    /// How many times an email or webhook delivery is tried before it is marked failed.
    #[arg(long, env = "COSELL_DELIVERY_ATTEMPTS", default_value_t = 8)]
    pub delivery_attempts: u32,

    /// How often the outboxes are looked at for deliveries that are due, in milliseconds.
    #[arg(long, env = "COSELL_OUTBOX_INTERVAL_MS", default_value_t = 1_000)]
    pub outbox_interval_ms: u64,

    /// Log lines as JSON (for a log collector) instead of text.
    #[arg(long, env = "COSELL_LOG_JSON")]
    pub log_json: bool,

    /// The most connections this process opens to PostgreSQL (add one for the writer's lock
    /// and one for listening per process when sizing the database's max_connections).
    #[arg(long, env = "COSELL_DB_MAX_CONNECTIONS", default_value_t = 8)]
    pub db_max_connections: u32,

    /// A tool to run instead of the server.
    #[command(subcommand)]
    pub tool: Option<Tool>,
}

/// What `cosell-server <tool>` does instead of serving.
#[derive(Debug, Clone, Subcommand)]
pub enum Tool {
    /// Copies every record of one database into another, empty one (for instance from
    /// SQLite to PostgreSQL), then exits. Stop the servers on the source first.
    CopyDatabase {
        /// The database to copy from (sqlite://… or postgres://…).
        #[arg(long)]
        from: String,
        /// The empty database to copy into.
        #[arg(long)]
        to: String,
    },
    /// Decides the database's command log again from an empty exchange and compares the
    /// outcome with what the database holds (a consistency check, after a fault or before a
    /// move); exits non-zero when they differ. Uses `--database-url` and the reference
    /// data of `--static-dir` (or `--reference-data`).
    Verify,
}

impl Config {
    pub fn reference_dir(&self) -> PathBuf {
        self.reference_data
            .clone()
            .unwrap_or_else(|| self.static_dir.join("data"))
    }

    /// The address this server is reached at, without a trailing slash.
    pub fn public_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.bind))
            .trim_end_matches('/')
            .to_string()
    }

    /// Why this configuration must not start, if it must not.
    pub fn refusal(&self) -> Option<String> {
        if self.oidc_issuer.is_some()
            && (self.oidc_client_id.is_none() || self.oidc_client_secret.is_none())
        {
            return Some(
                "OpenID Connect needs the client id and secret too (COSELL_OIDC_CLIENT_ID, COSELL_OIDC_CLIENT_SECRET)".into(),
            );
        }
        if let Some(url) = &self.public_url {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Some(format!(
                    "the public URL must start with http:// or https:// (got \"{url}\")"
                ));
            }
        }
        if self.demo_sign_in && !self.bind.ip().is_loopback() {
            return Some(format!(
                "demo sign-in lets anyone act as anyone: it is only allowed on a loopback address, not {}",
                self.bind
            ));
        }
        None
    }
}
