//! `cosell-server`: the shared exchange. Reads its settings, opens and migrates the
//! database, loads the exchange, seeds demo deals when asked, runs the 14-day expiry on a
//! timer, and serves the app and its API until SIGTERM or Ctrl-C, letting requests in
//! flight finish (see `cosell_server::run`).

use std::process::ExitCode;

use clap::Parser;
use cosell_server::config::Config;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    let config = Config::parse();
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    if config.log_json {
        tracing_subscriber::fmt()
            .json()
            .with_env_filter(filter)
            .init();
    } else {
        tracing_subscriber::fmt()
            .with_writer(std::io::stderr)
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .with_env_filter(filter)
            .init();
    }
    match cosell_server::run(config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            tracing::error!("{why}");
            eprintln!("cosell-server: {why}");
            ExitCode::FAILURE
        }
    }
}
