//! The server's settings, from flags or the environment (`cosell-server --help`).

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;

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

    /// Log lines as JSON (for a log collector) instead of text.
    #[arg(long, env = "COSELL_LOG_JSON")]
    pub log_json: bool,
}

impl Config {
    pub fn reference_dir(&self) -> PathBuf {
        self.reference_data
            .clone()
            .unwrap_or_else(|| self.static_dir.join("data"))
    }

    /// Why this configuration must not start, if it must not.
    pub fn refusal(&self) -> Option<String> {
        if self.demo_sign_in && !self.bind.ip().is_loopback() {
            return Some(format!(
                "demo sign-in lets anyone act as anyone: it is only allowed on a loopback address, not {}",
                self.bind
            ));
        }
        None
    }
}
