//! The consistency check (`cosell-server verify`): a database equals the replay of its
//! command log, and one that was changed behind the server's back, or lost an entry, is
//! reported with what differs. The fault tests call the same check after their runs.

mod common;

use common::*;
use cosell::domain::deal::commands::Command;

/// Runs `statement` on the database of `server`, behind its back.
async fn tamper(server: &Server, backend: Backend, statement: &str) {
    run_sql(backend, &server.database_url, &[statement]).await;
}

#[tokio::test]
async fn a_database_changed_behind_the_servers_back_differs_from_its_replay() {
    for backend in backends() {
        let server = Server::start(backend, &["--demo-deals", "12"]).await;
        let mut contoso = Client::sign_in(&server, "contoso-admin").await;
        let e = engagement();
        let id = contoso.create_deal(&e).await;
        contoso
            .command(Command::AddSharedNote {
                referral_id: id.clone(),
                text: "first call went well".into(),
            })
            .await;
        contoso
            .command(Command::ToggleFavorite {
                referral_id: id.clone(),
            })
            .await;
        let (equal, report) = server.verify();
        assert!(equal, "{backend:?}: {report}");
        assert!(
            report.contains("the database equals its replay"),
            "{report}"
        );

        // A referral's stored document changed outside Co-sell.
        tamper(
            &server,
            backend,
            &format!("UPDATE referrals SET doc = replace(doc, '\"name\":\"', '\"name\":\"Forged ') WHERE id = '{id}'"),
        )
        .await;
        let (equal, report) = server.verify();
        assert!(!equal, "{backend:?}: a forged referral is found");
        assert!(
            report.contains(&format!("referral {id} differs")),
            "{backend:?}: {report}"
        );

        // An entry of the log lost.
        tamper(&server, backend, "DELETE FROM commands WHERE version = 2").await;
        let (equal, report) = server.verify();
        assert!(!equal);
        assert!(
            report.contains("version 2 has no logged command"),
            "{backend:?}: {report}"
        );
    }
}
