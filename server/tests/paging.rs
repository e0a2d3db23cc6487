//! A browser's first pull comes in pages (`--first-pull-page`): each page is the exchange as
//! it was when the first page was cut, the copy continues with the page's cursor through any
//! change made meanwhile, and the pull after the last page brings what changed: the copy then
//! equals a fresh one, on both engines.

mod common;

use std::collections::BTreeMap;

use chrono::Utc;
use common::*;
use cosell::domain::deal::commands::Command;
use cosell::sync::MutationStatus;

/// Every page of a fresh copy of `user`: its referrals (id → eTag) and how many pages.
async fn fresh_copy(server: &Server, user: &str) -> (BTreeMap<String, String>, usize) {
    let mut copy = Client::sign_in(server, user).await;
    let mut pages = 1;
    while copy.pull().await.more {
        pages += 1;
    }
    let ids = copy
        .referrals
        .values()
        .map(|r| (r.id.clone(), r.e_tag.clone()))
        .collect();
    (ids, pages)
}

#[tokio::test]
async fn a_first_pull_in_pages_shows_the_exchange_as_it_was_and_then_what_changed_meanwhile() {
    for backend in backends() {
        let server = Server::start(backend, &["--first-pull-page", "4"]).await;
        let mut seller = Client::sign_in(&server, "contoso-admin").await;
        let mut ids = Vec::new();
        for _ in 0..10 {
            let pushed = seller
                .command(Command::CreateDeal {
                    deal: new_deal(&engagement(), Utc::now()),
                })
                .await;
            assert_eq!(pushed.results[0].status, MutationStatus::Applied);
            ids.extend(pushed.results[0].e_tags.keys().cloned());
        }
        ids.sort();

        let mut reader = Client::sign_in(&server, "contoso-admin").await;
        let first = reader.pull().await;
        assert!(first.reset && first.more, "{backend:?}: a first page");
        assert_eq!(first.referrals.len(), 4);
        let then: BTreeMap<String, String> = reader
            .referrals
            .values()
            .map(|r| (r.id.clone(), r.e_tag.clone()))
            .collect();

        // While the pages are fetched: the last deal (by id, so not sent yet) changes and a
        // new one is made.
        let last = ids.last().cloned().unwrap_or_default();
        let changed = seller
            .command(Command::AddSharedNote {
                referral_id: last.clone(),
                text: "while paging".into(),
            })
            .await;
        assert_eq!(changed.results[0].status, MutationStatus::Applied);
        let member = seller
            .command(Command::AddTeamMember {
                referral_id: last.clone(),
                member: contact("Paging Member", "paging@contoso.example"),
            })
            .await;
        assert_eq!(member.results[0].status, MutationStatus::Applied);
        let new_etag = member.results[0].e_tags[&last].clone();
        let made = seller
            .command(Command::CreateDeal {
                deal: new_deal(&engagement(), Utc::now()),
            })
            .await;
        let new_id = made.results[0]
            .e_tags
            .keys()
            .next()
            .cloned()
            .unwrap_or_default();

        let mut pages = 1;
        let mut history = first.activity.len();
        loop {
            let page = reader.pull().await;
            pages += 1;
            history += page.activity.len();
            assert!(!page.reset, "{backend:?}: pages add to the copy");
            assert!(
                page.referrals.iter().all(|r| r.id != new_id),
                "{backend:?}: a deal made after the first page is not in the pages"
            );
            if !page.more {
                break;
            }
        }
        assert_eq!(pages, 3, "{backend:?}: 10 deals in pages of 4");
        // Each deal's creation, with its page.
        assert_eq!(history, 10, "{backend:?}: the history of every deal sent");
        assert_eq!(
            reader.referrals.keys().cloned().collect::<Vec<_>>(),
            ids,
            "{backend:?}: every deal there was, each once"
        );
        assert_ne!(
            reader.referrals[&last].e_tag, new_etag,
            "{backend:?}: as it was when the first page was cut"
        );
        assert!(then.iter().all(|(id, e)| reader.referrals[id].e_tag == *e));

        // The next pull brings what changed meanwhile; the copy equals a fresh one.
        let next = reader.pull().await;
        assert!(!next.reset && !next.more);
        let sent: Vec<&str> = next.referrals.iter().map(|r| r.id.as_str()).collect();
        assert!(
            sent.contains(&last.as_str()) && sent.contains(&new_id.as_str()),
            "{sent:?}"
        );
        assert!(
            next.activity
                .iter()
                .any(|a| a.referral_id == last && a.note.as_deref() == Some("while paging")),
            "{backend:?}: the note made meanwhile comes with it"
        );
        let held: BTreeMap<String, String> = reader
            .referrals
            .values()
            .map(|r| (r.id.clone(), r.e_tag.clone()))
            .collect();
        let (fresh, fresh_pages) = fresh_copy(&server, "contoso-admin").await;
        assert_eq!(held, fresh, "{backend:?}");
        assert_eq!(fresh_pages, 3, "{backend:?}: 11 deals in pages of 4");
        server.assert_replays();
    }
}
