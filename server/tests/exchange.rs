//! Two organisations' users through the HTTP API of the real binary, on SQLite and on
//! PostgreSQL: an invitation crosses from Contoso to Fabrikam and back, Microsoft's referral
//! reaches the partner's admins, a stale change is refused in the domain's words, and
//! retried or reordered pushes apply each command once.

mod common;

use chrono::Utc;
use common::*;
use cosell::domain::deal::commands::{Command, DealDetailsInput, PartnerTarget};
use cosell::domain::records::referral::{Direction, Status, Substatus};
use cosell::domain::records::stage::SalesStage;
use cosell::sync::{Change, MutationStatus, Seen};
use reqwest::StatusCode;
use serde_json::json;

fn accept(referral_id: &str, name: &str) -> Command {
    Command::Accept {
        referral_id: referral_id.into(),
        details: DealDetailsInput {
            name: name.into(),
            deal_value: 30_000.0,
            currency: "EUR".into(),
            closing_date_time: Utc::now() + chrono::Duration::days(60),
            notes: String::new(),
            crm_id: String::new(),
            campaign_id: String::new(),
        },
        team: Vec::new(),
    }
}

#[tokio::test]
async fn a_p2p_invitation_from_contoso_is_accepted_at_fabrikam_and_contoso_sees_it() {
    for backend in backends() {
        let server = Server::start(backend, &[]).await;
        let mut contoso = Client::sign_in(&server, "contoso-admin").await;
        let mut fabrikam = Client::sign_in(&server, "fabrikam-admin").await;
        let mut northwind = Client::sign_in(&server, "northwind-admin").await;
        let e = engagement();
        let mut deal = new_deal(&e, Utc::now());
        deal.invitations.push(invitation("fabrikam", Utc::now()));
        let pushed = contoso.command(Command::CreateDeal { deal }).await;
        assert_eq!(
            pushed.results[0].status,
            MutationStatus::Applied,
            "{backend:?}: {pushed:?}"
        );

        fabrikam.pull().await;
        contoso.pull().await;
        let received = fabrikam
            .copy_of(&e)
            .expect("the invitation reached Fabrikam")
            .clone();
        assert_eq!(received.organization_id, "fabrikam");
        assert_eq!(received.direction, Direction::Incoming);
        assert_eq!(received.substatus, Substatus::Received);
        // Northwind was not invited: it sees nothing of it.
        northwind.pull().await;
        assert!(northwind.copy_of(&e).is_none());

        let answered = fabrikam
            .command(accept(&received.id, "Fabrikam part"))
            .await;
        assert_eq!(
            answered.results[0].status,
            MutationStatus::Applied,
            "{answered:?}"
        );
        fabrikam.pull().await;
        assert_eq!(
            fabrikam.copy_of(&e).map(|r| r.substatus),
            Some(Substatus::Accepted)
        );

        let pulled = contoso.pull().await;
        let party = pulled
            .parties
            .iter()
            .find(|p| p.engagement_id == e && p.organization_id == "fabrikam")
            .expect("Fabrikam's card comes with the pull");
        assert_eq!(party.substatus, Substatus::Accepted, "{backend:?}");
        assert!(party.details.notes.is_empty());
        let mine = contoso.copy_of(&e).expect("Contoso's own copy");
        assert_eq!(mine.organization_id, "contoso");
        assert!(
            contoso
                .referrals
                .values()
                .all(|r| r.organization_id == "contoso"),
            "a user only ever holds their organisation's copies"
        );
        let notified = contoso.fresh_pull("fresh-contoso").await;
        let texts = notified["notifications"].to_string();
        assert!(
            texts.contains("Fabrikam"),
            "{backend:?}: Contoso is told Fabrikam accepted: {texts}"
        );
        server.assert_replays();
    }
}

#[tokio::test]
async fn a_microsoft_referral_reaches_the_partners_admins_and_no_one_else() {
    for backend in backends() {
        let server = Server::start(backend, &[]).await;
        let mut seller = Client::sign_in(&server, "msft-seller").await;
        let e = engagement();
        let mut deal = new_deal(&e, Utc::now());
        deal.location = "msft-global".into();
        deal.solution_ids = vec!["azure".into()];
        deal.team = vec![contact("Microsoft Seller", "seller@microsoft.example")];
        deal.for_partner = Some(PartnerTarget {
            organization_id: "contoso".into(),
            location: "contoso-munich".into(),
        });
        let pushed = seller.command(Command::CreateDeal { deal }).await;
        assert_eq!(
            pushed.results[0].status,
            MutationStatus::Applied,
            "{backend:?}: {pushed:?}"
        );

        for (user, sees) in [
            ("contoso-admin", true),
            ("contoso-de-admin", true),
            ("contoso-de-seller", false),
            ("fabrikam-admin", false),
        ] {
            let mut c = Client::sign_in(&server, user).await;
            let pulled = c.pull().await;
            assert_eq!(c.copy_of(&e).is_some(), sees, "{backend:?}: {user}");
            let told = pulled
                .notifications
                .iter()
                .any(|n| n.deal_name == "Adatum fleet analytics");
            assert_eq!(told, sees, "{backend:?}: {user} notified");
        }
        server.assert_replays();
    }
}

#[tokio::test]
async fn a_change_based_on_a_stale_etag_is_refused_in_the_domains_words_and_changes_nothing() {
    for backend in backends() {
        let server = Server::start(backend, &[]).await;
        let mut first = Client::sign_in(&server, "contoso-admin").await;
        let mut second = Client::sign_in(&server, "contoso-de-admin").await;
        let e = engagement();
        first
            .command(Command::CreateDeal {
                deal: new_deal(&e, Utc::now()),
            })
            .await;
        second.pull().await;
        let seen = second.copy_of(&e).expect("in scope").clone();
        first.pull().await;
        let id = seen.id.clone();
        let moved = first
            .command(Command::MarkStage {
                referral_id: id.clone(),
                stage: SalesStage::Qualified,
            })
            .await;
        assert_eq!(moved.results[0].status, MutationStatus::Applied);
        // The second admin's form was opened on the deal before that move.
        let stale = second
            .push_seen(vec![(
                Change::Deal {
                    command: Command::MarkStage {
                        referral_id: id.clone(),
                        stage: SalesStage::Proposed,
                    },
                },
                vec![Seen {
                    referral_id: id.clone(),
                    e_tag: seen.e_tag.clone(),
                }],
            )])
            .await;
        let result = &stale.results[0];
        assert_eq!(result.status, MutationStatus::Refused);
        let error = result.error.as_ref().expect("a reason");
        assert_eq!(error.kind, "stale");
        assert!(
            error.message.contains("Adatum fleet analytics"),
            "{}",
            error.message
        );
        second.pull().await;
        assert_eq!(
            second.copy_of(&e).and_then(|r| r.sales_stage),
            Some(SalesStage::Qualified),
            "{backend:?}"
        );
        // A refused mutation still counts as processed.
        assert_eq!(stale.last_mutation_id, 1);
        server.assert_replays();
    }
}

#[tokio::test]
async fn retried_duplicated_and_reordered_pushes_apply_each_command_once() {
    for backend in backends() {
        let server = Server::start(backend, &[]).await;
        let mut c = Client::sign_in(&server, "contoso-admin").await;
        let e = engagement();
        let id = c.create_deal(&e).await;
        let note = |text: &str| Change::Deal {
            command: Command::AddSharedNote {
                referral_id: id.clone(),
                text: text.into(),
            },
        };
        let batch = json!({
            "clientId": c.client_id,
            "mutations": [
                { "id": 2, "change": note("first") },
                { "id": 3, "change": note("second") },
            ]
        });
        let (status, first) = c.post("/sync/push", &batch).await;
        assert_eq!(status, StatusCode::OK);
        // The same batch again (a retry after a lost answer), and once more duplicated.
        let (_, again) = c.post("/sync/push", &batch).await;
        assert_eq!(
            again, first,
            "{backend:?}: a retry answers what the first attempt answered"
        );
        let twice = json!({ "clientId": c.client_id, "mutations": [
            { "id": 3, "change": note("second") }, { "id": 3, "change": note("second") }
        ]});
        c.post("/sync/push", &twice).await;
        // Out of order: 5 before 4 is refused as a gap and changes nothing.
        let (status, gap) = c
            .post("/sync/push", &json!({ "clientId": c.client_id, "mutations": [{ "id": 5, "change": note("fifth") }] }))
            .await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(gap["code"], "mutationGap");
        assert_eq!(gap["expected"], 4);
        let (status, _) = c
            .post(
                "/sync/push",
                &json!({ "clientId": c.client_id, "mutations": [
                    { "id": 4, "change": note("fourth") }, { "id": 5, "change": note("fifth") }
                ]}),
            )
            .await;
        assert_eq!(status, StatusCode::OK);

        let fresh = c.fresh_pull("another-copy").await;
        let notes: Vec<String> = fresh["activity"]
            .as_array()
            .expect("activity")
            .iter()
            .filter(|a| a["referralId"] == id.as_str() && a["action"] == "sharedNoteAdded")
            .map(|a| a["note"].as_str().unwrap_or_default().to_string())
            .collect();
        assert_eq!(
            notes.len(),
            4,
            "{backend:?}: each note once: {notes:?} {}",
            fresh["activity"]
        );
        assert_eq!(fresh["lastMutationId"], 0, "another copy has its own count");
        let pulled = c.pull().await;
        assert_eq!(pulled.last_mutation_id, 5);
        server.assert_replays();
    }
}

#[tokio::test]
async fn a_deal_of_another_organisation_is_answered_like_an_unknown_one() {
    for backend in backends() {
        let server = Server::start(backend, &[]).await;
        let mut contoso = Client::sign_in(&server, "contoso-admin").await;
        let mut fabrikam = Client::sign_in(&server, "fabrikam-admin").await;
        let e = engagement();
        contoso
            .command(Command::CreateDeal {
                deal: new_deal(&e, Utc::now()),
            })
            .await;
        contoso.pull().await;
        let theirs = contoso.copy_of(&e).expect("created").id.clone();
        let stage = |id: &str| Command::MarkStage {
            referral_id: id.into(),
            stage: SalesStage::Qualified,
        };
        let invisible = fabrikam.command(stage(&theirs)).await;
        let unknown = fabrikam.command(stage("no-such-deal")).await;
        let (a, b) = (
            invisible.results[0].error.clone(),
            unknown.results[0].error.clone(),
        );
        assert_eq!(a, b, "{backend:?}: the same answer");
        assert_eq!(a.map(|e| e.kind), Some("unknownReferral".to_string()));
        contoso.pull().await;
        assert_eq!(
            contoso.copy_of(&e).and_then(|r| r.sales_stage),
            Some(SalesStage::Created),
            "{backend:?}: Fabrikam's attempt changed nothing"
        );
        assert_eq!(contoso.copy_of(&e).map(|r| r.status), Some(Status::Active));
        server.assert_replays();
    }
}

#[tokio::test]
async fn refusals_are_worded_in_the_apps_language() {
    let server = Server::start(Backend::Sqlite, &[]).await;
    let c = Client::sign_in(&server, "contoso-admin").await;
    let body = json!({ "clientId": c.client_id, "mutations": [{ "id": 1, "change": { "kind": "deal",
        "command": { "command": "markStage", "referralId": "no-such", "stage": "Qualified" } } }] });
    let answer: serde_json::Value = c
        .http
        .post(format!("{}/sync/push", c.base))
        .header("cookie", &c.cookie)
        .header("x-cosell-csrf", &c.csrf)
        .header("accept-language", "de-DE,de;q=0.9")
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        answer["results"][0]["error"]["message"],
        "dieser Deal existiert nicht"
    );
    server.assert_replays();
}

/// The value of the metric line starting with `name` (a counter or a summary's count).
fn metric(metrics: &str, name: &str) -> u64 {
    metrics
        .lines()
        .find_map(|l| l.strip_prefix(name)?.trim().parse().ok())
        .unwrap_or(0)
}

#[tokio::test]
async fn pushes_at_once_are_written_together_each_once_and_decided_in_order() {
    for backend in backends() {
        let server = Server::start(backend, &[]).await;
        let mut admin = Client::sign_in(&server, "contoso-admin").await;
        let e = engagement();
        let id = admin.create_deal(&e).await;
        let e_tag = admin
            .copy_of(&e)
            .map(|r| r.e_tag.clone())
            .unwrap_or_default();
        let mut copies = Vec::new();
        for _ in 0..24 {
            copies.push(Client::sign_in(&server, "contoso-admin").await);
        }
        let before = server.metrics().await;

        // Every copy at once: a shared note (any order is right) and a team member based
        // on the same eTag (only the first decided may win).
        let pushes = copies.iter_mut().enumerate().map(|(i, copy)| {
            let id = id.clone();
            let e_tag = e_tag.clone();
            async move {
                let note = Change::Deal {
                    command: Command::AddSharedNote {
                        referral_id: id.clone(),
                        text: format!("note {i}"),
                    },
                };
                let member = Change::Deal {
                    command: Command::AddTeamMember {
                        referral_id: id.clone(),
                        member: contact(&format!("M{i}"), &format!("m{i}@contoso.example")),
                    },
                };
                let seen = vec![Seen {
                    referral_id: id,
                    e_tag,
                }];
                copy.push_seen(vec![(note, Vec::new()), (member, seen)])
                    .await
            }
        });
        let answers = futures_util::future::join_all(pushes).await;
        let after = server.metrics().await;

        let notes = answers
            .iter()
            .filter(|a| a.results[0].status == MutationStatus::Applied)
            .count();
        assert_eq!(notes, 24, "{backend:?}: every note is applied");
        let members: Vec<_> = answers.iter().map(|a| a.results[1].status).collect();
        assert_eq!(
            members
                .iter()
                .filter(|s| **s == MutationStatus::Applied)
                .count(),
            1,
            "{backend:?}: one team member on the same eTag wins: {members:?}"
        );
        let commands = metric(&after, "cosell_commands_total{outcome=\"applied\"}")
            + metric(&after, "cosell_commands_total{outcome=\"refused\"}")
            - metric(&before, "cosell_commands_total{outcome=\"applied\"}")
            - metric(&before, "cosell_commands_total{outcome=\"refused\"}");
        let transactions = metric(&after, "cosell_transaction_seconds_count")
            - metric(&before, "cosell_transaction_seconds_count");
        assert_eq!(commands, 48, "{backend:?}");
        assert!(
            transactions < 24,
            "{backend:?}: 24 pushes at once share transactions ({transactions})"
        );
        eprintln!("{backend:?}: 24 pushes of 2 commands in {transactions} transactions");

        let fresh = admin.fresh_pull("auditor").await;
        let mut seen_notes: Vec<String> = fresh["activity"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| a["note"].as_str())
            .filter(|t| t.starts_with("note "))
            .map(str::to_string)
            .collect();
        seen_notes.sort();
        let before_dedup = seen_notes.len();
        seen_notes.dedup();
        assert_eq!(
            (before_dedup, seen_notes.len()),
            (24, 24),
            "{backend:?}: each note once in the history"
        );
        server.assert_replays();
    }
}

/// Makes the database refuse (or take again) activity entries whose text holds `poison`.
async fn refuse_poison(server: &Server, backend: Backend, refuse: bool) {
    let statements: &[&str] = match (backend, refuse) {
        (Backend::Postgres, true) => &[
            "CREATE FUNCTION refuse_poison() RETURNS trigger AS $$ BEGIN \
             IF NEW.doc::text LIKE '%poison%' THEN RAISE EXCEPTION 'poisoned'; END IF; \
             RETURN NEW; END $$ LANGUAGE plpgsql",
            "CREATE TRIGGER refuse_poison BEFORE INSERT ON activity \
             FOR EACH ROW EXECUTE FUNCTION refuse_poison()",
        ],
        (Backend::Postgres, false) => &["DROP TRIGGER refuse_poison ON activity"],
        (Backend::Sqlite, true) => &["CREATE TRIGGER refuse_poison BEFORE INSERT ON activity \
             WHEN NEW.doc LIKE '%poison%' BEGIN SELECT RAISE(ABORT, 'poisoned'); END"],
        (Backend::Sqlite, false) => &["DROP TRIGGER refuse_poison"],
    };
    run_sql(backend, &server.database_url, statements).await;
}

#[tokio::test]
async fn a_group_commit_that_fails_keeps_none_of_its_pushes_and_their_retries_apply_once() {
    for backend in backends() {
        let server = Server::start(backend, &[]).await;
        let mut admin = Client::sign_in(&server, "contoso-admin").await;
        let id = admin.create_deal(&engagement()).await;
        let mut copies = Vec::new();
        for _ in 0..12 {
            copies.push(Client::sign_in(&server, "contoso-admin").await);
        }
        refuse_poison(&server, backend, true).await;
        let body = |copy: &Client, i: usize| {
            let text = if i == 0 {
                "poison".to_string()
            } else {
                format!("note {i}")
            };
            json!({ "clientId": copy.client_id, "mutations": [{
                "id": 1,
                "change": Change::Deal { command: Command::AddSharedNote {
                    referral_id: id.clone(), text } },
                "seen": [],
            }]})
        };
        let first = futures_util::future::join_all(
            copies
                .iter()
                .enumerate()
                .map(|(i, c)| async move { c.post("/sync/push", &body(c, i)).await.0 }),
        )
        .await;
        assert_eq!(
            first[0],
            StatusCode::SERVICE_UNAVAILABLE,
            "{backend:?}: the refused write is not acknowledged"
        );
        let failed: Vec<usize> = (0..12)
            .filter(|i| first[*i] == StatusCode::SERVICE_UNAVAILABLE)
            .collect();
        assert!(
            (0..12).all(|i| first[i] == StatusCode::OK || failed.contains(&i)),
            "{backend:?}: {first:?}"
        );
        eprintln!(
            "{backend:?}: the failed transaction took {} of 12 pushes with it",
            failed.len()
        );

        // What the server shows is what the database holds: only acknowledged notes.
        let notes = |fresh: &serde_json::Value| {
            let mut texts: Vec<String> = fresh["activity"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|a| a["note"].as_str())
                .map(str::to_string)
                .collect();
            texts.sort();
            texts
        };
        let mut acknowledged: Vec<String> = (1..12)
            .filter(|i| first[*i] == StatusCode::OK)
            .map(|i| format!("note {i}"))
            .collect();
        acknowledged.sort();
        assert_eq!(
            notes(&admin.fresh_pull("auditor").await),
            acknowledged,
            "{backend:?}"
        );

        // The copies send the same mutations again: each applies once.
        refuse_poison(&server, backend, false).await;
        for (i, copy) in copies.iter().enumerate() {
            let (status, answer) = copy.post("/sync/push", &body(copy, i)).await;
            assert_eq!(status, StatusCode::OK, "{backend:?}: {answer}");
            assert_eq!(answer["results"][0]["status"], "applied", "{answer}");
        }
        let mut all: Vec<String> = (1..12).map(|i| format!("note {i}")).collect();
        all.push("poison".into());
        all.sort();
        assert_eq!(
            notes(&admin.fresh_pull("auditor").await),
            all,
            "{backend:?}"
        );
        server.assert_replays();
    }
}
