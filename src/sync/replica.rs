//! The browser's copy in shared mode: what the server confirmed, plus the changes still on
//! their way (the outbox), replayed through the domain. Pure, so the rules of the copy are
//! host-tested; the app keeps the confirmed part in IndexedDB and the outbox beside it.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::change::decide_change;
use super::protocol::{Mutation, PullResponse};
use crate::domain::exchange::{
    Ctx, Exchange, Favorite, FavoriteChange, Outcome, ReferralWrite, SetupWrite,
};
use crate::domain::records::directory::{ReferenceData, User};

/// A change decided locally and waiting for the server, with the time it was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pending {
    pub mutation: Mutation,
    #[serde(with = "crate::domain::support::instant::utc")]
    pub at: DateTime<Utc>,
}

/// What one copy keeps beside its data: who it belongs to, its client id, where its pulls
/// stand, its outbox and the next mutation id.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CopyState {
    pub user_id: String,
    pub client_id: String,
    pub cursor: Option<String>,
    pub next_id: u64,
    pub outbox: Vec<Pending>,
    #[serde(with = "crate::domain::support::instant::utc_opt")]
    pub last_sync: Option<DateTime<Utc>>,
}

impl CopyState {
    /// Queues `mutation`'s change as the next mutation, made at `at`.
    pub fn queue(&mut self, mut mutation: Mutation, at: DateTime<Utc>) {
        self.next_id = self.next_id.max(1);
        mutation.id = self.next_id;
        self.next_id += 1;
        self.outbox.push(Pending { mutation, at });
    }

    /// Drops what the server has processed (applied or refused).
    pub fn processed(&mut self, last_mutation_id: u64) {
        self.outbox.retain(|p| p.mutation.id > last_mutation_id);
        self.next_id = self.next_id.max(last_mutation_id + 1);
    }
}

/// What the user sees: the confirmed state with each pending change decided again on top,
/// as `user`, at the time it was made. A change that no longer applies (the server's state
/// moved) shows nothing; the server will refuse it and say why.
pub fn replay(
    confirmed: &Exchange,
    pending: &[Pending],
    directory: &ReferenceData,
    user: &User,
) -> Exchange {
    let mut shown = confirmed.clone();
    for p in pending {
        let seen: Vec<(String, String)> = p
            .mutation
            .seen
            .iter()
            .map(|s| (s.referral_id.clone(), s.e_tag.clone()))
            .collect();
        let decided = decide_change(
            &p.mutation.change,
            Ctx {
                exchange: &shown,
                directory,
                user,
                now: p.at,
            },
        );
        if let Ok(outcome) = decided {
            let _ = shown.apply(&outcome.as_seen(&seen));
        }
    }
    shown
}

/// The outcome that brings `base` (the stored confirmed copy; empty for a fresh one) to
/// what the pull says: the user's referrals and the parties' copies as sent, new history,
/// notifications, the user's hearts and the set-ups.
pub fn pull_outcome(base: &Exchange, pull: &PullResponse, user_id: &str) -> Outcome {
    let known: HashSet<&str> = base.activity().iter().map(|a| a.id.as_str()).collect();
    let mut outcome = Outcome {
        referrals: pull
            .referrals
            .iter()
            .chain(&pull.parties)
            .map(|r| ReferralWrite {
                referral: r.clone(),
                expected_etag: base.referral(&r.id).map(|s| s.e_tag.clone()),
            })
            .collect(),
        activity: pull
            .activity
            .iter()
            .filter(|a| !known.contains(a.id.as_str()))
            .cloned()
            .collect(),
        notifications: pull.notifications.clone(),
        setups: pull
            .setups
            .iter()
            .map(|s| SetupWrite {
                setup: s.clone(),
                expected_etag: base.setup(&s.organization_id).map(|x| x.e_tag.clone()),
            })
            .collect(),
        ..Outcome::default()
    };
    if let Some(hearts) = &pull.favorites {
        let now: HashSet<&Favorite> = hearts.iter().collect();
        let had: Vec<&Favorite> = base.favorites().filter(|f| f.user_id == user_id).collect();
        outcome.favorites.extend(
            had.iter()
                .filter(|f| !now.contains(**f))
                .map(|f| FavoriteChange::Remove((*f).clone())),
        );
        outcome.favorites.extend(
            hearts
                .iter()
                .filter(|f| !had.contains(f))
                .map(|f| FavoriteChange::Add(f.clone())),
        );
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deal::commands::Command;
    use crate::domain::records::referral::HelpType;
    use crate::domain::records::stage::SalesStage;
    use crate::domain::testing::rules_tests::{new_deal, World};
    use crate::sync::change::Change;

    fn pending(id: u64, command: Command, at: DateTime<Utc>) -> Pending {
        Pending {
            mutation: Mutation {
                id,
                change: Change::Deal { command },
                seen: Vec::new(),
            },
            at,
        }
    }

    #[test]
    fn the_pending_changes_show_on_top_of_the_confirmed_state_in_order() {
        let mut w = World::new();
        let deal = new_deal("e1", HelpType::NoHelpRequired, false, w.now);
        w.run("contoso-admin", Command::CreateDeal { deal })
            .unwrap();
        let id = w.copy("e1", "contoso").id;
        let user = w.user("contoso-admin");
        let queue = vec![
            pending(
                1,
                Command::MarkStage {
                    referral_id: id.clone(),
                    stage: SalesStage::Qualified,
                },
                w.now,
            ),
            pending(
                2,
                Command::ToggleFavorite {
                    referral_id: id.clone(),
                },
                w.now,
            ),
            // Moving back is refused by the rules: it shows nothing.
            pending(
                3,
                Command::MarkStage {
                    referral_id: id.clone(),
                    stage: SalesStage::Created,
                },
                w.now,
            ),
        ];
        let shown = replay(&w.exchange, &queue, &w.data, &user);
        let r = shown.referral(&id).unwrap();
        assert_eq!(r.sales_stage, Some(SalesStage::Qualified));
        assert!(shown.is_favorite("contoso-admin", &id));
        assert_eq!(
            w.exchange.referral(&id).unwrap().sales_stage,
            Some(SalesStage::Created)
        );
    }

    #[test]
    fn a_pull_applied_to_the_stored_copy_gives_what_the_server_sent() {
        let mut w = World::new();
        let deal = new_deal("e1", HelpType::NoHelpRequired, false, w.now);
        w.run("contoso-admin", Command::CreateDeal { deal })
            .unwrap();
        let id = w.copy("e1", "contoso").id;
        let first = PullResponse {
            referrals: w.exchange.referrals().cloned().collect(),
            activity: w.exchange.activity().to_vec(),
            favorites: Some(vec![Favorite {
                user_id: "contoso-admin".into(),
                referral_id: id.clone(),
            }]),
            ..PullResponse::default()
        };
        let mut copy = Exchange::default();
        copy.apply(&pull_outcome(&copy, &first, "contoso-admin"))
            .unwrap();
        assert!(copy.is_favorite("contoso-admin", &id));
        // The server moved the deal on, and the heart was taken off elsewhere.
        w.run(
            "contoso-admin",
            Command::MarkStage {
                referral_id: id.clone(),
                stage: SalesStage::Qualified,
            },
        )
        .unwrap();
        let next = PullResponse {
            referrals: vec![w.exchange.referral(&id).unwrap().clone()],
            activity: w.exchange.activity().to_vec(),
            favorites: Some(Vec::new()),
            ..PullResponse::default()
        };
        let outcome = pull_outcome(&copy, &next, "contoso-admin");
        copy.apply(&outcome)
            .expect("the stored eTags are the writer's");
        assert_eq!(copy.referral(&id), w.exchange.referral(&id));
        assert_eq!(
            copy.activity().len(),
            w.exchange.activity().len(),
            "each entry once"
        );
        assert!(!copy.is_favorite("contoso-admin", &id));
    }

    #[test]
    fn queued_changes_are_numbered_and_dropped_once_processed() {
        let at = World::new().now;
        let mut state = CopyState::default();
        let m = |c| Mutation {
            id: 0,
            change: Change::ReadNotifications { ids: vec![c] },
            seen: Vec::new(),
        };
        state.queue(m("a".into()), at);
        state.queue(m("b".into()), at);
        assert_eq!(
            state
                .outbox
                .iter()
                .map(|p| p.mutation.id)
                .collect::<Vec<_>>(),
            vec![1, 2]
        );
        state.processed(1);
        assert_eq!(state.outbox.len(), 1);
        state.queue(m("c".into()), at);
        assert_eq!(state.outbox.last().map(|p| p.mutation.id), Some(3));
        let stored = serde_json::to_string(&state).unwrap();
        assert_eq!(serde_json::from_str::<CopyState>(&stored).unwrap(), state);
    }
}
