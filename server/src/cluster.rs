//! Several `cosell-server` processes on one PostgreSQL database. Each keeps the exchange in
//! memory; the database is the truth. A write takes the writer's right (an advisory lock,
//! `Db::lock_writer`), catches up with what the others committed, decides, and commits with
//! `NOTIFY cosell_changed`. This module listens for those notifications, so a change made
//! through one process reaches the browsers connected to every other at once (their event
//! streams say "changed"); a slow catch-up every few seconds covers notifications missed
//! while the listening connection was down. SQLite has one process and needs none of this.

use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::{PgListener, PgPool};

use crate::engine::Engine;

/// How often a process catches up even without a notification.
const EVERY: Duration = Duration::from_secs(5);

/// Listens for the other processes' changes until the server stops.
pub fn spawn_listener(pool: PgPool, engine: Arc<Engine>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            match PgListener::connect_with(&pool).await {
                Ok(mut listener) => {
                    if let Err(e) = listener.listen("cosell_changed").await {
                        tracing::warn!(error = %e, "cannot listen for other processes' changes");
                    } else {
                        hear(&mut listener, &engine).await;
                    }
                }
                Err(e) => tracing::warn!(error = %e, "cannot listen for other processes' changes"),
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    })
}

/// Catches up on each notification, and every [`EVERY`]; returns when the connection fails.
async fn hear(listener: &mut PgListener, engine: &Engine) {
    let mut tick = tokio::time::interval(EVERY);
    loop {
        tokio::select! {
            heard = listener.try_recv() => match heard {
                Ok(Some(_)) => {}
                // The connection was lost (and messages with it): catch up, then listen again.
                Ok(None) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "lost the connection that listens for changes");
                    let _ = engine.refresh().await;
                    return;
                }
            },
            _ = tick.tick() => {}
        }
        if let Err(e) = engine.refresh().await {
            tracing::warn!(error = %e, "cannot read the other processes' changes");
        }
    }
}
