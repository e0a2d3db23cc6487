//! PostgreSQL restarted (as after a crash: `pg_ctl stop -m immediate`) while a copy pushes:
//! the server reports not ready while the database is gone, the copy keeps its changes and
//! sends them again, nothing acknowledged is lost or doubled, and service resumes by itself.
//! Its own test binary: cargo runs test binaries one after another, so the restart disturbs
//! no other test (`server/tools/with-postgres.sh` provides the restart command).

mod common;

use std::time::{Duration, Instant};

use common::*;

#[tokio::test]
async fn postgresql_restarted_under_load_loses_nothing_and_service_resumes_by_itself() {
    let Ok(restart) = std::env::var("COSELL_TEST_POSTGRES_RESTART") else {
        eprintln!("skipped: run under server/tools/with-postgres.sh");
        return;
    };
    if !backends().contains(&Backend::Postgres) {
        return;
    }
    let server = Server::start(Backend::Postgres, &[]).await;
    let mut copy = Client::sign_in(&server, "contoso-admin").await;
    let id = copy.create_deal(&engagement()).await;
    let stop = Instant::now() + Duration::from_secs(7);
    let pusher = tokio::spawn(push_notes(copy, id, vec![server.base()], stop));

    tokio::time::sleep(Duration::from_millis(1500)).await;
    let down = tokio::task::spawn_blocking(move || {
        std::process::Command::new(restart)
            .arg("2")
            .status()
            .map(|s| s.success())
    });
    // While the database is gone, the server says it is not ready.
    let http = reqwest::Client::new();
    let ready = |http: &reqwest::Client| {
        let url = format!("{}/readyz", server.base());
        let http = http.clone();
        async move {
            http.get(url)
                .timeout(Duration::from_secs(2))
                .send()
                .await
                .map(|r| r.status().as_u16())
                .unwrap_or(0)
        }
    };
    let mut saw_not_ready = false;
    for _ in 0..40 {
        if ready(&http).await == 503 {
            saw_not_ready = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(matches!(down.await, Ok(Ok(true))), "the cluster restarted");
    assert!(saw_not_ready, "readyz said 503 while the database was down");
    // Ready again by itself.
    let mut back = false;
    for _ in 0..100 {
        if ready(&http).await == 200 {
            back = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(back, "ready again after the restart");

    // Pushes during the outage wait for the database or are answered 503 and sent again.
    let (copy, applied, unanswered) = pusher.await.expect("the pusher");
    let counts = notes_of(&copy, &copy.client_id).await;
    for m in &applied {
        assert_eq!(
            counts.get(m),
            Some(&1),
            "acknowledged note {m} is there once"
        );
    }
    assert!(
        counts.values().all(|&n| n == 1),
        "no note twice: {counts:?}"
    );
    let after = applied.iter().filter(|m| counts.contains_key(m)).count();
    eprintln!(
        "{} notes acknowledged and found once; {unanswered} pushes unanswered during the restart",
        after
    );
    assert!(applied.len() > 20, "pushes got through before and after");
    assert!(
        server.log().contains("database"),
        "the outage is in the log"
    );
    server.assert_replays();
}
