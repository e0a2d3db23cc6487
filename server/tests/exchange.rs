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
}
