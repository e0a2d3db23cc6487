//! The Co-sell server as a library: the binary (`main.rs`) parses its settings and calls
//! [`run`]; the tests reach the database layer directly for the store conformance suite.

pub mod api;
pub mod auth;
pub mod cluster;
pub mod config;
pub mod copy;
pub mod db;
pub mod email;
pub mod engine;
pub mod http;
pub mod limits;
pub mod metrics;
pub mod oidc;
pub mod outbox;
pub mod problem;
pub mod replay;
pub mod webhooks;

use std::sync::Arc;
use std::time::Duration;

use cosell::domain::records::directory::{ReferenceData, REFERENCE_FILES};

use config::Config;
use db::Db;
use engine::Engine;

fn reference_data(config: &Config) -> Result<ReferenceData, String> {
    let dir = config.reference_dir();
    let mut texts = Vec::new();
    for file in REFERENCE_FILES {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read the reference data {}: {e}", path.display()))?;
        texts.push((file, text));
    }
    ReferenceData::parse(&texts)
        .map_err(|e| format!("the reference data in {} is not valid: {e}", dir.display()))
}

/// `cosell-server verify`: the command log replayed and compared with the database.
async fn verify(database_url: &str, shipped: &ReferenceData) -> Result<(), String> {
    let db = Db::open(database_url).await.map_err(|e| e.to_string())?;
    let report = replay::verify(&db, shipped)
        .await
        .map_err(|e| format!("cannot read the database: {e}"))?;
    db.close().await;
    if report.differences.is_empty() {
        println!(
            "replayed {}: the database equals its replay",
            replay::commands(report.replayed)
        );
        return Ok(());
    }
    for d in &report.differences {
        println!("{d}");
    }
    let differences = match report.differences.len() {
        1 => "1 difference".to_string(),
        n => format!("{n} differences"),
    };
    Err(format!(
        "replayed {}: {differences} with the database",
        replay::commands(report.replayed)
    ))
}

/// Runs the server with `config` until SIGTERM or Ctrl-C (or the tool it names).
pub async fn run(config: Config) -> Result<(), String> {
    if let Some(config::Tool::CopyDatabase { from, to }) = &config.tool {
        let report = copy::copy_database(from, to).await?;
        for (table, rows) in report {
            println!("{table:>20}  {rows} rows");
        }
        println!("copied; start the servers on the new database");
        return Ok(());
    }
    if let Some(why) = config.refusal() {
        return Err(why);
    }
    let shipped = reference_data(&config)?;
    if let Some(config::Tool::Verify) = &config.tool {
        return verify(&config.database_url, &shipped).await;
    }
    if let Some(dir) = config
        .database_url
        .strip_prefix("sqlite://")
        .and_then(|p| {
            std::path::Path::new(p.split('?').next().unwrap_or(p))
                .parent()
                .map(|d| d.to_path_buf())
        })
        .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create the data directory {}: {e}", dir.display()))?;
    }
    let db = Db::open_with(&config.database_url, config.db_max_connections)
        .await
        .map_err(|e| e.to_string())?;
    let metrics = Arc::new(metrics::Metrics::default());
    let offset = chrono::Duration::seconds(config.clock_offset_secs);
    let (engine, unreadable) = Engine::load(db.clone(), shipped, offset, metrics)
        .await
        .map_err(|e| format!("cannot read the exchange: {e}"))?;
    let engine = engine.with_first_pull_page(config.first_pull_page);
    if unreadable > 0 {
        tracing::warn!(
            unreadable,
            "stored records that could not be read were skipped"
        );
    }
    let engine = Arc::new(engine);
    if config.demo_deals > 0
        && engine
            .seed_demo(config.demo_deals)
            .await
            .map_err(|e| e.to_string())?
    {
        tracing::info!(deals = config.demo_deals, "seeded demo deals");
    }

    let expiry = {
        let engine = engine.clone();
        let every = Duration::from_secs(config.expiry_interval_secs.max(1));
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            loop {
                tick.tick().await;
                match engine.expire_due().await {
                    Ok(0) => {}
                    Ok(n) => {
                        engine.metrics.expired(n);
                        tracing::info!(n, "expired referrals unanswered for 14 days")
                    }
                    Err(e) => tracing::error!(error = %e, "the expiry could not be written"),
                }
            }
        })
    };

    let retry = outbox::Retry {
        base: Duration::from_millis(config.retry_base_ms.max(1)),
        attempts: config.delivery_attempts.max(1),
    };
    let mailer = match &config.smtp_url {
        Some(url) => Some(email::Mailer::new(url, &config.smtp_from, retry)?),
        None => None,
    };
    let deliveries = outbox::spawn(
        engine.clone(),
        webhooks::Deliverer::new(config.public_url(), retry),
        mailer,
        Duration::from_millis(config.outbox_interval_ms.max(10)),
    );

    // Other processes on the same PostgreSQL database: hear of their changes.
    let heard = match engine.db() {
        Db::Postgres(pool) => Some(cluster::spawn_listener(pool.clone(), engine.clone())),
        Db::Sqlite(_) => None,
    };

    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.bind))?;
    tracing::info!(
        address = %config.bind,
        database = db.engine(),
        demo_sign_in = config.demo_sign_in,
        oidc = config.oidc_issuer.is_some(),
        smtp = config.smtp_url.is_some(),
        "Co-sell server on http://{}/",
        config.bind
    );
    let app = http::router(http::App {
        engine: engine.clone(),
        static_dir: config.static_dir.clone(),
        demo_sign_in: config.demo_sign_in,
        session_hours: config.session_hours,
        max_body_bytes: config.max_body_bytes,
        sign_in_limit: limits::RateLimit::new(config.sign_in_per_minute),
        token_limit: limits::RateLimit::new(config.token_requests_per_minute),
        oidc: oidc::Oidc::from_config(&config),
        smtp: config.smtp_url.is_some(),
        secure_cookies: config.public_url().starts_with("https://"),
    });
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown())
    .await
    .map_err(|e| format!("the server stopped: {e}"))?;
    expiry.abort();
    deliveries.abort();
    if let Some(heard) = heard {
        heard.abort();
    }
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// SIGTERM or Ctrl-C: stop taking requests, finish those in flight.
async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
