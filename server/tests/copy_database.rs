//! `cosell-server copy-database`: an exchange on SQLite moved to PostgreSQL. Every table
//! comes along (a test lists them against the migrations), browsers continue their copies
//! without starting afresh, sessions and API tokens keep working, and a target that is not
//! empty is refused with nothing written.

mod common;

use std::process::Command as Process;

use chrono::Utc;
use common::*;
use cosell::domain::deal::commands::Command;
use cosell_server::copy::TABLES;
use serde_json::json;

fn copy(from: &str, to: &str) -> std::process::Output {
    Process::new(env!("CARGO_BIN_EXE_cosell-server"))
        .args(["copy-database", "--from", from, "--to", to])
        .output()
        .expect("the binary runs")
}

#[tokio::test]
async fn the_copy_lists_every_table_the_migrations_make() {
    let dir = tempfile::tempdir().expect("a directory");
    let url = format!("sqlite://{}/t.db", dir.path().display());
    let db = cosell_server::db::Db::open(&url).await.expect("opens");
    let cosell_server::db::Db::Sqlite(pool) = &db else {
        unreachable!("a SQLite URL")
    };
    let tables: Vec<(String,)> = sqlx::query_as(
        "SELECT name FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE '\\_sqlx%' ESCAPE '\\' AND name NOT LIKE 'sqlite%' ORDER BY name",
    )
    .fetch_all(pool)
    .await
    .expect("the tables");
    let mut listed: Vec<&str> = TABLES.iter().map(|(t, _)| *t).collect();
    listed.sort();
    let made: Vec<&str> = tables.iter().map(|(t,)| t.as_str()).collect();
    assert_eq!(made, listed);
    for (table, columns) in TABLES {
        let cols: Vec<(String,)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT name FROM pragma_table_info('{table}')"
        )))
        .fetch_all(pool)
        .await
        .expect("columns");
        let mut have: Vec<&str> = cols.iter().map(|(c,)| c.as_str()).collect();
        let mut want = columns.to_vec();
        have.sort();
        want.sort();
        assert_eq!(have, want, "{table}");
    }
}

#[tokio::test]
async fn an_exchange_moves_from_sqlite_to_postgresql_and_browsers_carry_on() {
    if !backends().contains(&Backend::Postgres) {
        return;
    }
    let mut sqlite = Server::start(Backend::Sqlite, &[]).await;
    let mut contoso = Client::sign_in(&sqlite, "contoso-admin").await;
    let mut fabrikam = Client::sign_in(&sqlite, "fabrikam-admin").await;
    let e = engagement();
    let mut deal = new_deal(&e, Utc::now());
    deal.invitations = vec![invitation("fabrikam", Utc::now())];
    contoso.command(Command::CreateDeal { deal }).await;
    contoso.create_deal(&engagement()).await;
    fabrikam.pull().await;
    let (_, made) = contoso
        .post("/v1.0/tokens", &json!({ "name": "CRM", "scope": "read" }))
        .await;
    let token = made["token"].as_str().unwrap_or_default().to_string();
    let before = contoso.fresh_pull("before").await;
    sqlite.terminate();

    let target = Server::start(Backend::Postgres, &[]).await;
    let pg_url = target.database_url.clone();
    drop(target);
    // A target that already holds an exchange is refused.
    let refused = copy(&sqlite.database_url, &sqlite.database_url);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not empty"));

    let done = copy(&sqlite.database_url, &pg_url);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert!(String::from_utf8_lossy(&done.stdout).contains("referrals"));

    let mut pg = sqlite;
    pg.database_url = pg_url;
    pg.launch().await;
    // Same sessions, same cursors: Fabrikam's copy continues without starting afresh.
    let after = contoso.fresh_pull("after").await;
    // The same records (entries of one change share their time; their order among
    // themselves is not kept).
    let sorted = |v: &serde_json::Value| {
        let mut all: Vec<String> = v
            .as_array()
            .into_iter()
            .flatten()
            .map(|x| x.to_string())
            .collect();
        all.sort();
        all
    };
    assert_eq!(sorted(&after["referrals"]), sorted(&before["referrals"]));
    assert_eq!(sorted(&after["activity"]), sorted(&before["activity"]));
    assert_eq!(
        sorted(&after["notifications"]),
        sorted(&before["notifications"])
    );
    let next = fabrikam.pull().await;
    assert!(!next.reset, "the copy carries on");
    assert!(fabrikam.copy_of(&e).is_some());
    let listed = reqwest::Client::new()
        .get(format!("{}/v1.0/engagements/referrals", pg.base()))
        .bearer_auth(&token)
        .send()
        .await
        .expect("the API");
    assert_eq!(
        listed.status(),
        reqwest::StatusCode::OK,
        "the API token still works"
    );
    // And the copy takes changes.
    let more = contoso.create_deal(&engagement()).await;
    assert!(!more.is_empty());
}
