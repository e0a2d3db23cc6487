//! The real binary killed with SIGKILL while clients push, restarted, again and again: every
//! command the server acknowledged is there, exactly once, and nothing is half-applied. And
//! the 14-day expiry, run by the server's clock, happens once per referral across restarts.

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::Utc;
use common::*;
use cosell::domain::deal::commands::Command;
use cosell::domain::records::referral::Substatus;
use cosell::sync::{Change, Mutation, MutationStatus};
use serde_json::json;

#[tokio::test]
async fn acknowledged_commands_survive_sigkill_once_each() {
    for backend in backends() {
        let mut server = Server::start(backend, &[]).await;
        let mut c = Client::sign_in(&server, "contoso-admin").await;
        let e = engagement();
        let id = c.create_deal(&e).await;
        // Notes numbered by mutation id; each acknowledged id must show up once.
        let mut acknowledged: BTreeMap<u64, MutationStatus> = BTreeMap::new();
        let mut next = c.next_id;
        for round in 0..6 {
            let pusher = {
                let (http, base, cookie, csrf, client_id) = (
                    c.http.clone(),
                    c.base.clone(),
                    c.cookie.clone(),
                    c.csrf.clone(),
                    c.client_id.clone(),
                );
                let id = id.clone();
                let start = next;
                tokio::spawn(async move {
                    let mut acked = Vec::new();
                    let mut n = start;
                    loop {
                        let batch: Vec<Mutation> = (n..n + 3)
                            .map(|m| Mutation {
                                id: m,
                                change: Change::Deal {
                                    command: Command::AddSharedNote {
                                        referral_id: id.clone(),
                                        text: format!("note {m}"),
                                    },
                                },
                                seen: Vec::new(),
                            })
                            .collect();
                        let sent = http
                            .post(format!("{base}/sync/push"))
                            .header("cookie", &cookie)
                            .header("x-cosell-csrf", &csrf)
                            .json(&json!({ "clientId": client_id, "mutations": batch }))
                            .send()
                            .await;
                        let Ok(r) = sent else { break };
                        let Ok(v) = r.json::<serde_json::Value>().await else {
                            break;
                        };
                        for result in v["results"].as_array().into_iter().flatten() {
                            acked.push((
                                result["id"].as_u64().unwrap_or(0),
                                result["status"].as_str().unwrap_or("").to_string(),
                            ));
                        }
                        n = v["lastMutationId"].as_u64().unwrap_or(n) + 1;
                    }
                    (acked, n)
                })
            };
            tokio::time::sleep(Duration::from_millis(150 + 40 * round)).await;
            server.kill();
            let (acked, _) = pusher.await.unwrap();
            for (m, status) in acked {
                let status = if status == "applied" {
                    MutationStatus::Applied
                } else {
                    MutationStatus::Refused
                };
                acknowledged.insert(m, status);
            }
            server.launch().await;
            // Retry from where the server says this client is (a lost answer is retried).
            let mut again = Client::sign_in(&server, "contoso-admin").await;
            again.client_id = c.client_id.clone();
            let pulled = again.pull().await;
            next = pulled.last_mutation_id + 1;
            c = again;
            c.next_id = next;
        }
        assert!(
            acknowledged.len() > 6,
            "{backend:?}: pushes got through between kills"
        );
        let fresh = c.fresh_pull("auditor").await;
        let mut notes: BTreeMap<u64, usize> = BTreeMap::new();
        for a in fresh["activity"].as_array().unwrap() {
            if let Some(n) = a["note"].as_str().and_then(|t| t.strip_prefix("note ")) {
                *notes.entry(n.parse().unwrap()).or_default() += 1;
            }
        }
        for (m, status) in &acknowledged {
            if *status == MutationStatus::Applied {
                assert_eq!(
                    notes.get(m),
                    Some(&1),
                    "{backend:?}: acknowledged mutation {m} is there once"
                );
            }
        }
        assert!(
            notes.values().all(|&n| n == 1),
            "{backend:?}: no note twice: {notes:?}"
        );
        // Nothing beyond what the server counted as processed.
        let last = next - 1;
        assert!(notes.keys().all(|&m| m <= last), "{backend:?}");
        println!(
            "{backend:?}: {} acknowledged over 6 kills, {} notes stored, last id {last}",
            acknowledged.len(),
            notes.len()
        );
        server.assert_replays();
    }
}

#[tokio::test]
async fn the_server_expires_an_unanswered_referral_once_by_its_own_clock() {
    for backend in backends() {
        let mut server = Server::start(backend, &["--expiry-interval-secs", "1"]).await;
        let mut contoso = Client::sign_in(&server, "contoso-admin").await;
        let e = engagement();
        let mut deal = new_deal(&e, Utc::now());
        deal.invitations.push(invitation("fabrikam", Utc::now()));
        contoso.command(Command::CreateDeal { deal }).await;
        server.kill();
        // Fifteen days later by the server's clock.
        server.args = vec![
            "--expiry-interval-secs".into(),
            "1".into(),
            "--clock-offset-secs".into(),
            (15 * 86400).to_string(),
        ];
        server.launch().await;
        let mut fabrikam = Client::sign_in(&server, "fabrikam-admin").await;
        let mut expired = false;
        for _ in 0..40 {
            fabrikam.pull().await;
            if fabrikam.copy_of(&e).map(|r| r.substatus) == Some(Substatus::Expired) {
                expired = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(
            expired,
            "{backend:?}: expired by the server: {}",
            server.log()
        );
        server.kill();
        server.launch().await;
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let auditor = Client::sign_in(&server, "fabrikam-admin").await;
        let fresh = auditor.fresh_pull("auditor").await;
        let expiries = fresh["activity"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["engagementId"] == e.as_str() && a["action"] == "expired")
            .count();
        assert_eq!(expiries, 1, "{backend:?}: once, across restarts");
        let metrics = server.metrics().await;
        assert!(
            metrics.contains("cosell_expired_total 0"),
            "this run had nothing left to expire"
        );
        server.assert_replays();
    }
}
