//! Three `cosell-server` processes on one PostgreSQL database: any of them takes pushes,
//! pulls and API calls; a change through one is heard by the browsers of another; two
//! processes deciding on one deal at once give one winner and one conflict; a retry sent to
//! another process is answered, not applied again; the expiry runs once across them.
//! (PostgreSQL only: SQLite serves one process.)

mod common;

use std::time::Duration;

use chrono::Utc;
use common::*;
use cosell::domain::deal::commands::Command;
use cosell::domain::records::referral::Substatus;
use cosell::sync::{Change, Mutation, MutationStatus, Seen};
use futures_util::StreamExt;
use serde_json::{json, Value};

/// Three processes on one fresh PostgreSQL database, or none without a cluster.
async fn three(args: &[&str]) -> Option<[Server; 3]> {
    if !backends().contains(&Backend::Postgres) {
        return None;
    }
    let a = Server::start(Backend::Postgres, args).await;
    let b = Server::another_on(&a, args).await;
    let c = Server::another_on(&a, args).await;
    Some([a, b, c])
}

/// `client`, talking to `server` from now on (its session is in the shared database).
fn via(mut client: Client, server: &Server) -> Client {
    client.base = server.base();
    client
}

#[tokio::test]
async fn a_change_through_one_process_is_seen_and_heard_through_the_others() {
    let Some([a, b, c]) = three(&[]).await else {
        return;
    };
    let mut contoso = Client::sign_in(&a, "contoso-admin").await;
    let fabrikam = via(Client::sign_in(&a, "fabrikam-admin").await, &b);
    let events = fabrikam
        .http
        .get(format!("{}/sync/events", b.base()))
        .header("cookie", &fabrikam.cookie)
        .send()
        .await
        .expect("Fabrikam's stream on B");
    let mut events = events.bytes_stream();

    let e = engagement();
    let mut deal = new_deal(&e, Utc::now());
    deal.invitations = vec![invitation("fabrikam", Utc::now())];
    let pushed = contoso.command(Command::CreateDeal { deal }).await;
    assert_eq!(pushed.results[0].status, MutationStatus::Applied);

    let heard = tokio::time::timeout(Duration::from_secs(3), events.next())
        .await
        .expect("B's stream hears of A's change")
        .expect("an event")
        .expect("bytes");
    assert!(String::from_utf8_lossy(&heard).contains("event: changed"));
    let mut fabrikam = fabrikam;
    fabrikam.pull().await;
    assert!(fabrikam.copy_of(&e).is_some(), "a pull through B has it");
    // The Referrals API through C lists it too.
    let listed = reqwest::Client::new()
        .get(format!("{}/v1.0/engagements/referrals", c.base()))
        .header("cookie", &fabrikam.cookie)
        .send()
        .await
        .expect("C answers")
        .json::<Value>()
        .await
        .expect("JSON");
    let ids: Vec<&str> = listed["value"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["engagementId"].as_str())
        .collect();
    assert!(ids.contains(&e.as_str()), "{listed}");
}

#[tokio::test]
async fn two_processes_deciding_on_one_deal_at_once_give_one_winner_and_one_conflict() {
    let Some([a, b, _c]) = three(&[]).await else {
        return;
    };
    let mut admin = Client::sign_in(&a, "contoso-admin").await;
    let mut rounds = 0;
    for _ in 0..10 {
        let e = engagement();
        let id = admin.create_deal(&e).await;
        let e_tag = admin
            .copy_of(&e)
            .map(|r| r.e_tag.clone())
            .unwrap_or_default();
        let mut first = via(Client::sign_in(&a, "contoso-admin").await, &a);
        let mut second = via(Client::sign_in(&a, "contoso-de-admin").await, &b);
        // Two changes either of which the rules take in any order: only the eTag decides.
        let change = |name: &str| {
            vec![(
                Change::Deal {
                    command: Command::AddTeamMember {
                        referral_id: id.clone(),
                        member: contact(name, &format!("{}@contoso.example", name.to_lowercase())),
                    },
                },
                vec![Seen {
                    referral_id: id.clone(),
                    e_tag: e_tag.clone(),
                }],
            )]
        };
        let (one, two) = tokio::join!(
            first.push_seen(change("Ana")),
            second.push_seen(change("Ben"))
        );
        let statuses = [one.results[0].status, two.results[0].status];
        assert_eq!(
            statuses
                .iter()
                .filter(|s| **s == MutationStatus::Applied)
                .count(),
            1,
            "exactly one wins: {statuses:?}"
        );
        assert_eq!(
            statuses
                .iter()
                .filter(|s| **s == MutationStatus::Refused)
                .count(),
            1,
            "the other is refused: {statuses:?}"
        );
        let refused = if one.results[0].status == MutationStatus::Refused {
            &one
        } else {
            &two
        };
        let why = refused.results[0].error.as_ref().map(|e| e.kind.clone());
        assert_eq!(
            why.as_deref(),
            Some("stale"),
            "told the deal changed: {refused:?}"
        );
        rounds += 1;
    }
    eprintln!("{rounds} rounds of two processes deciding on one deal at once");
}

#[tokio::test]
async fn a_retry_sent_to_another_process_is_answered_and_not_applied_again() {
    let Some([a, b, _c]) = three(&[]).await else {
        return;
    };
    let mut admin = Client::sign_in(&a, "contoso-admin").await;
    let e = engagement();
    let first = admin
        .command(Command::CreateDeal {
            deal: new_deal(&e, Utc::now()),
        })
        .await;
    assert_eq!(first.results[0].status, MutationStatus::Applied);
    // The same mutation again (the answer was lost), through B.
    let body = json!({
        "clientId": admin.client_id,
        "mutations": [Mutation {
            id: 1,
            change: Change::Deal {
                command: Command::CreateDeal {
                    deal: new_deal(&e, Utc::now()),
                },
            },
            seen: Vec::new(),
        }],
    });
    let again = via(admin, &b);
    let (status, v) = again.post("/sync/push", &body).await;
    assert_eq!(status, reqwest::StatusCode::OK, "{v}");
    assert_eq!(v["lastMutationId"], json!(1));
    let mut again = again;
    again.pull().await;
    let copies = again
        .referrals
        .values()
        .filter(|r| r.engagement_id == e)
        .count();
    assert_eq!(copies, 1, "one deal, not two");
    // And the next mutation through B follows on.
    let next = again
        .command(Command::CreateDeal {
            deal: new_deal(&engagement(), Utc::now()),
        })
        .await;
    assert_eq!(next.last_mutation_id, 2);
}

#[tokio::test]
async fn the_expiry_runs_once_across_the_processes() {
    let Some(mut servers) = three(&["--expiry-interval-secs", "1"]).await else {
        return;
    };
    let mut contoso = Client::sign_in(&servers[0], "contoso-admin").await;
    let e = engagement();
    let mut deal = new_deal(&e, Utc::now());
    deal.invitations = vec![invitation("fabrikam", Utc::now())];
    contoso.command(Command::CreateDeal { deal }).await;
    // Fifteen days later by their clocks, the three processes start again.
    for s in servers.iter_mut() {
        s.kill();
        s.args = [
            "--expiry-interval-secs",
            "1",
            "--clock-offset-secs",
            "1296000",
        ]
        .map(String::from)
        .to_vec();
    }
    for s in servers.iter_mut() {
        s.launch().await;
    }
    let mut fabrikam = via(
        Client::sign_in(&servers[1], "fabrikam-admin").await,
        &servers[2],
    );
    let mut expired = false;
    for _ in 0..60 {
        fabrikam.pull().await;
        if fabrikam.copy_of(&e).map(|r| r.substatus) == Some(Substatus::Expired) {
            expired = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(expired, "expired by one of the servers");
    // Every process has run its expiry since.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let history = fabrikam.fresh_pull("auditor").await;
    let entries = history["activity"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|a| a["engagementId"] == e.as_str() && a["action"] == "expired")
        .count();
    assert_eq!(entries, 1, "expired once, not once per process");
    servers[0].assert_replays();
}

#[tokio::test]
async fn a_copy_whose_pulls_go_to_any_process_is_kept_up_to_date_without_starting_afresh() {
    let Some([a, b, c]) = three(&[]).await else {
        return;
    };
    let mut admin = Client::sign_in(&a, "contoso-admin").await;
    let mut seller = Client::sign_in(&a, "contoso-de-seller").await;
    let first = seller.pull().await;
    assert!(first.reset, "a new copy starts afresh");

    // A deal with the seller on its team: the next pull, through B, brings it.
    let e = engagement();
    let mut deal = new_deal(&e, Utc::now());
    deal.team = vec![
        contact("Lena Vogel", "lena@contoso.example"),
        contact("Contoso Germany Seller", "de.seller@contoso.example"),
    ];
    admin.command(Command::CreateDeal { deal }).await;
    admin.pull().await;
    let id = admin.copy_of(&e).map(|r| r.id.clone()).unwrap_or_default();
    let mut seller = via(seller, &b);
    let through_b = seller.pull().await;
    assert!(!through_b.reset, "B continues A's cursor");
    assert!(
        seller.copy_of(&e).is_some(),
        "the new deal arrives through B"
    );

    // Taken off the team: through C, the copy is told to drop it.
    let removed = admin
        .command(Command::RemoveTeamMember {
            referral_id: id.clone(),
            email: "de.seller@contoso.example".into(),
        })
        .await;
    assert_eq!(
        removed.results[0].status,
        MutationStatus::Applied,
        "{removed:?}"
    );
    let mut seller = via(seller, &c);
    let through_c = seller.pull().await;
    assert!(!through_c.reset, "C continues B's cursor");
    assert_eq!(through_c.removed, vec![id.clone()], "{through_c:?}");
    assert!(seller.copy_of(&e).is_none());

    // A deal the seller never saw changes: nothing of it reaches the copy, not even its id.
    let other = admin.create_deal(&engagement()).await;
    let mut seller = via(seller, &a);
    let quiet = seller.pull().await;
    assert!(quiet.referrals.iter().all(|r| r.id != other));
    assert!(quiet.removed.is_empty(), "{quiet:?}");
}

#[tokio::test]
async fn a_process_killed_under_load_loses_and_doubles_nothing_and_the_others_carry_on() {
    let Some(mut servers) = three(&[]).await else {
        return;
    };
    let bases: Vec<String> = servers.iter().map(|s| s.base()).collect();
    let mut pushers = Vec::new();
    for i in 0..6 {
        let server = &servers[i % 3];
        let user = ["contoso-admin", "fabrikam-admin", "northwind-admin"][i % 3];
        let mut copy = Client::sign_in(server, user).await;
        let id = match user {
            "contoso-admin" => copy.create_deal(&engagement()).await,
            _ => {
                let mut deal = new_deal(&engagement(), Utc::now());
                let (org, location, solution) = match user {
                    "fabrikam-admin" => ("fabrikam", "fabrikam-redmond", "fabrikam-data-platform"),
                    _ => ("northwind", "northwind-london", "northwind-retail-insights"),
                };
                deal.location = location.into();
                deal.solution_ids = vec![solution.into()];
                let e = deal.engagement_id.clone();
                copy.command(Command::CreateDeal { deal }).await;
                copy.pull().await;
                let _ = org;
                copy.copy_of(&e).map(|r| r.id.clone()).unwrap_or_default()
            }
        };
        assert!(!id.is_empty(), "{user} made a deal");
        let stop = std::time::Instant::now() + Duration::from_millis(2500);
        pushers.push(tokio::spawn(push_notes(copy, id, bases.clone(), stop)));
    }
    tokio::time::sleep(Duration::from_millis(800)).await;
    servers[0].kill();
    let mut applied_by: Vec<(Client, Vec<u64>)> = Vec::new();
    for p in pushers {
        let (copy, applied, _) = p.await.expect("a pusher");
        applied_by.push((copy, applied));
    }
    servers[0].launch().await;
    let mut total = 0;
    for (copy, applied) in &mut applied_by {
        // The copy, kept up to date by pulls through whichever process, equals what a fresh
        // copy of the same user gets.
        let mut copy_now = via(
            Client::sign_in(&servers[2], &copy.user_id).await,
            &servers[2],
        );
        copy_now.client_id = copy.client_id.clone();
        copy_now.cursor = copy.cursor.clone();
        copy_now.referrals = copy.referrals.clone();
        copy_now.pull().await;
        let fresh = copy_now.fresh_pull("check").await;
        let mut expected: Vec<(String, String)> = fresh["referrals"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|r| {
                let field = |k: &str| r[k].as_str().unwrap_or_default().to_string();
                (field("id"), field("eTag"))
            })
            .collect();
        expected.sort();
        let held: Vec<(String, String)> = copy_now
            .referrals
            .values()
            .map(|r| (r.id.clone(), r.e_tag.clone()))
            .collect();
        assert_eq!(held, expected, "the copy equals a fresh one");
        let copy = &*copy;
        let applied = &*applied;
        let auditor = via(
            Client::sign_in(&servers[1], &copy.user_id).await,
            &servers[0],
        );
        let counts = notes_of(&auditor, &copy.client_id).await;
        for m in applied {
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
        // Every note there was acknowledged or is one the server processed after the last
        // answer was lost: never more than the copy's processed mutations.
        assert!(counts.len() as u64 <= copy.next_id, "{counts:?}");
        total += applied.len();
    }
    eprintln!("{total} acknowledged notes, each found once, with one of three processes killed");
    assert!(total > 30, "pushes got through: {total}");
    servers[0].assert_replays();
}
