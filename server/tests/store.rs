//! The conformance suite of the server's database layer, run on SQLite and on PostgreSQL:
//! what is written is read back the same, a write is all or nothing, migrations run once,
//! and a database from a newer server or an unknown URL is refused with a clear message.

mod common;

use common::{backends, fresh_database, Backend};
use cosell::domain::exchange::{Favorite, FavoriteChange, Outcome, ReferralWrite};
use cosell::domain::records::referral::Referral;
use cosell_server::db::{Db, LogEntry, MutationRecord, OpenError};

fn referral(id: &str) -> Referral {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/referral.json"
    ))
    .expect("the fixture");
    let mut r: Referral = serde_json::from_str(&text).expect("a referral");
    r.id = id.into();
    r
}

fn created(r: &Referral) -> Outcome {
    Outcome {
        referrals: vec![ReferralWrite {
            referral: r.clone(),
            expected_etag: None,
        }],
        favorites: vec![FavoriteChange::Add(Favorite {
            user_id: "contoso-admin".into(),
            referral_id: r.id.clone(),
        })],
        ..Outcome::default()
    }
}

/// Runs `sql` on the database of `url` behind the store's back.
async fn tamper(backend: Backend, url: &str, sql: &str) {
    match backend {
        Backend::Sqlite => {
            let pool = sqlx::SqlitePool::connect(url).await.unwrap();
            sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
                .execute(&pool)
                .await
                .unwrap();
            pool.close().await;
        }
        Backend::Postgres => {
            let pool = sqlx::PgPool::connect(url).await.unwrap();
            sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
                .execute(&pool)
                .await
                .unwrap();
            pool.close().await;
        }
    }
}

async fn open(backend: Backend, dir: &std::path::Path) -> (Db, String) {
    let url = fresh_database(backend, dir).await;
    (Db::open(&url).await.expect("opens"), url)
}

/// A command log entry (what it says does not matter to the store).
fn logged() -> LogEntry {
    LogEntry {
        user_id: "contoso-admin".into(),
        decided_at: "2026-12-04T00:00:00Z".into(),
        command: "{}".into(),
    }
}

#[tokio::test]
async fn what_is_written_is_read_back_the_same_after_reopening() {
    for backend in backends() {
        let dir = tempfile::tempdir().unwrap();
        let (db, url) = open(backend, dir.path()).await;
        let a = referral("a");
        let record = MutationRecord {
            client_id: "c",
            mutation_id: 1,
            user_id: "contoso-admin",
            change: "{}".into(),
            result: r#"{"id":1,"status":"applied"}"#.into(),
        };
        db.commit(
            1,
            &created(&a),
            &[],
            Some(&record),
            None,
            &[],
            &logged(),
            "",
        )
        .await
        .unwrap();
        let mut b = a.clone();
        b.name = "Renamed".into();
        b.e_tag = "e2".into();
        let renamed = Outcome {
            referrals: vec![ReferralWrite {
                referral: b.clone(),
                expected_etag: Some(a.e_tag.clone()),
            }],
            favorites: vec![FavoriteChange::Remove(Favorite {
                user_id: "contoso-admin".into(),
                referral_id: "a".into(),
            })],
            ..Outcome::default()
        };
        db.commit(2, &renamed, &[], None, None, &[], &logged(), "")
            .await
            .unwrap();
        db.close().await;

        let db = Db::open(&url)
            .await
            .expect("opens again: migrations run once");
        let loaded = db.load().await.unwrap();
        assert_eq!(loaded.version, 2, "{backend:?}");
        assert_eq!(loaded.referrals, vec![(b, 2)]);
        assert!(loaded.favorites.is_empty());
        assert_eq!(
            db.client("c").await.unwrap(),
            Some(("contoso-admin".into(), 1))
        );
        assert_eq!(db.client("unknown").await.unwrap(), None);
        assert_eq!(
            db.mutation_result("c", 1).await.unwrap().as_deref(),
            Some(r#"{"id":1,"status":"applied"}"#)
        );
        assert_eq!(db.mutation_result("c", 2).await.unwrap(), None);
    }
}

#[tokio::test]
async fn a_write_that_fails_half_way_leaves_nothing_behind() {
    for backend in backends() {
        let dir = tempfile::tempdir().unwrap();
        let (db, _) = open(backend, dir.path()).await;
        let record = |id| MutationRecord {
            client_id: "c",
            mutation_id: id,
            user_id: "u",
            change: "{}".into(),
            result: "{}".into(),
        };
        db.commit(
            1,
            &created(&referral("a")),
            &[],
            Some(&record(1)),
            None,
            &[],
            &logged(),
            "",
        )
        .await
        .unwrap();
        // The same mutation recorded twice breaks its key after the referral's row is
        // written: the whole transaction must go.
        let failed = db
            .commit(
                2,
                &created(&referral("b")),
                &[],
                Some(&record(1)),
                None,
                &[],
                &logged(),
                "",
            )
            .await;
        assert!(failed.is_err(), "{backend:?}");
        let loaded = db.load().await.unwrap();
        assert_eq!(loaded.version, 1);
        assert_eq!(loaded.referrals.len(), 1);
        assert_eq!(loaded.favorites.len(), 1);
    }
}

#[tokio::test]
async fn a_damaged_document_is_skipped_and_counted() {
    for backend in backends() {
        let dir = tempfile::tempdir().unwrap();
        let (db, url) = open(backend, dir.path()).await;
        db.commit(
            1,
            &created(&referral("a")),
            &[],
            None,
            None,
            &[],
            &logged(),
            "",
        )
        .await
        .unwrap();
        db.commit(
            2,
            &created(&referral("b")),
            &[],
            None,
            None,
            &[],
            &logged(),
            "",
        )
        .await
        .unwrap();
        db.close().await;
        tamper(
            backend,
            &url,
            "UPDATE referrals SET doc = '{\"id\": 3' WHERE id = 'b'",
        )
        .await;
        let loaded = Db::open(&url).await.unwrap().load().await.unwrap();
        assert_eq!(loaded.referrals.len(), 1, "{backend:?}");
        assert_eq!(loaded.unreadable, 1);
    }
}

#[tokio::test]
async fn a_database_of_a_newer_server_and_an_unknown_url_are_refused() {
    for backend in backends() {
        let dir = tempfile::tempdir().unwrap();
        let (db, url) = open(backend, dir.path()).await;
        db.close().await;
        let checksum = match backend {
            Backend::Sqlite => "x'00'",
            Backend::Postgres => "'\\x00'",
        };
        let sql = format!(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
             VALUES (9999, 'from the future', TRUE, {checksum}, 1)"
        );
        tamper(backend, &url, &sql).await;
        let refused = Db::open(&url).await.expect_err("a newer database");
        assert!(
            matches!(refused, OpenError::Newer(9999)),
            "{backend:?}: {refused}"
        );
        assert!(refused.to_string().contains("newer Co-sell server"));
    }
    let unknown = Db::open("mysql://localhost/cosell")
        .await
        .expect_err("unknown");
    assert!(matches!(unknown, OpenError::UnknownScheme(ref s) if s == "mysql"));
}
