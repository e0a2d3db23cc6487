//! The browser's copy in shared mode: what the server confirmed, plus the changes still on
//! their way (the outbox), replayed through the domain. Pure, so the rules of the copy are
//! host-tested; the app keeps the confirmed part in IndexedDB and the outbox beside it.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::change::Change;
use super::protocol::{Mutation, PullResponse, Seen};
use crate::domain::exchange::{
    Exchange, Favorite, FavoriteChange, Outcome, ReferralWrite, SetupWrite,
};

/// A change decided locally and waiting for the server: the mutation as it will be pushed
/// (JSON, written once when it was queued), and the outcome the domain decided for it then.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pending {
    pub id: u64,
    #[serde(with = "crate::domain::support::instant::utc")]
    pub at: DateTime<Utc>,
    /// The `Mutation`, as JSON.
    pub mutation: String,
    pub outcome: Outcome,
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
    /// Queues `change` (based on the deals `seen`) with the outcome decided for it now, as
    /// the next mutation; returns its id.
    pub fn queue(
        &mut self,
        change: &Change,
        seen: Vec<Seen>,
        outcome: Outcome,
        at: DateTime<Utc>,
    ) -> u64 {
        let id = self.next_id.max(1);
        self.next_id = id + 1;
        let mutation = Mutation {
            id,
            change: change.clone(),
            seen,
        };
        self.outbox.push(Pending {
            id,
            at,
            mutation: serde_json::to_string(&mutation).unwrap_or_default(),
            outcome,
        });
        id
    }

    /// Drops what the server has processed (applied or refused).
    pub fn processed(&mut self, last_mutation_id: u64) {
        self.outbox.retain(|p| p.id > last_mutation_id);
        self.next_id = self.next_id.max(last_mutation_id + 1);
    }

    /// The body of a push of the first `n` waiting mutations, written from their stored JSON.
    pub fn push_body(&self, n: usize) -> String {
        let mutations: Vec<&str> = self
            .outbox
            .iter()
            .take(n)
            .map(|p| p.mutation.as_str())
            .collect();
        format!(
            "{{\"clientId\":{},\"mutations\":[{}]}}",
            serde_json::to_string(&self.client_id).unwrap_or_default(),
            mutations.join(",")
        )
    }
}

/// What the user sees: the confirmed state with each waiting change's outcome laid on top,
/// in order. An outcome whose deal moved on meanwhile (its eTag no longer holds) shows
/// nothing: the server decides that change again on the newer deal, and the next pull shows
/// what it decided. (The outcome is kept rather than the command decided again, so the app
/// never reads a command back: that keeps the commands' decoding out of the browser's build.)
pub fn replay(confirmed: &Exchange, pending: &[Pending]) -> Exchange {
    let mut shown = confirmed.clone();
    for p in pending {
        let _ = shown.apply(&p.outcome);
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
    use crate::domain::deal::commands::{decide, Command};
    use crate::domain::exchange::Ctx;
    use crate::domain::records::referral::HelpType;
    use crate::domain::records::stage::SalesStage;
    use crate::domain::testing::rules_tests::{new_deal, World};

    fn queued(w: &World, copy: &mut CopyState, shown: &Exchange, command: Command) {
        let user = w.user("contoso-admin");
        let ctx = Ctx {
            exchange: shown,
            directory: &w.data,
            user: &user,
            now: w.now,
        };
        let outcome = decide(&command, ctx).unwrap_or_default();
        copy.queue(&Change::Deal { command }, Vec::new(), outcome, w.now);
    }

    #[test]
    fn the_waiting_changes_show_on_top_of_the_confirmed_state_until_it_moves_on() {
        let mut w = World::new();
        let deal = new_deal("e1", HelpType::NoHelpRequired, false, w.now);
        w.run("contoso-admin", Command::CreateDeal { deal })
            .unwrap();
        let id = w.copy("e1", "contoso").id;
        let mut copy = CopyState::default();
        let stage = |stage| Command::MarkStage {
            referral_id: id.clone(),
            stage,
        };
        queued(&w, &mut copy, &w.exchange, stage(SalesStage::Qualified));
        let shown = replay(&w.exchange, &copy.outbox);
        queued(
            &w,
            &mut copy,
            &shown,
            Command::ToggleFavorite {
                referral_id: id.clone(),
            },
        );
        let shown = replay(&w.exchange, &copy.outbox);
        assert_eq!(
            shown.referral(&id).unwrap().sales_stage,
            Some(SalesStage::Qualified)
        );
        assert!(shown.is_favorite("contoso-admin", &id));
        // The server moved the deal meanwhile: the stale stage change shows nothing, the
        // heart (which depends on no eTag) still shows.
        w.run("contoso-admin", stage(SalesStage::Developed))
            .unwrap();
        let shown = replay(&w.exchange, &copy.outbox);
        assert_eq!(
            shown.referral(&id).unwrap().sales_stage,
            Some(SalesStage::Developed)
        );
        assert!(shown.is_favorite("contoso-admin", &id));
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
    fn queued_changes_are_numbered_pushed_as_written_and_dropped_once_processed() {
        let at = World::new().now;
        let mut state = CopyState {
            client_id: "c-1".into(),
            ..CopyState::default()
        };
        let read = |id: &str| Change::ReadNotifications {
            ids: vec![id.into()],
        };
        state.queue(&read("a"), Vec::new(), Outcome::default(), at);
        state.queue(&read("b"), Vec::new(), Outcome::default(), at);
        let body: crate::sync::PushRequest = serde_json::from_str(&state.push_body(100)).unwrap();
        assert_eq!(body.client_id, "c-1");
        assert_eq!(
            body.mutations.iter().map(|m| m.id).collect::<Vec<_>>(),
            vec![1, 2]
        );
        assert_eq!(body.mutations[1].change, read("b"));
        state.processed(1);
        assert_eq!(state.outbox.len(), 1);
        assert_eq!(
            state.queue(&read("c"), Vec::new(), Outcome::default(), at),
            3
        );
        let stored = serde_json::to_string(&state).unwrap();
        assert_eq!(serde_json::from_str::<CopyState>(&stored).unwrap(), state);
    }
}
