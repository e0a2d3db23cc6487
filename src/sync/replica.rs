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
use crate::domain::support::json_writer::to_json;

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

json_record!(Pending {
    id: "id" required,
    at: "at" required,
    mutation: "mutation" required,
    outcome: "outcome" required,
});

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

json_record!(CopyState {
    user_id: "userId" default,
    client_id: "clientId" default,
    cursor: "cursor" default,
    next_id: "nextId" default,
    outbox: "outbox" default,
    last_sync: "lastSync" default,
});

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
            mutation: to_json(&mutation),
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
            to_json(&self.client_id),
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

/// The pages of one first pull that arrived while the copy was writing the last one, as
/// one answer to write in one go (a page rewrites the stored buckets it touches, so fewer
/// and larger writes are faster). Where two pages carry the same record (a deal, a party's
/// copy, an entry, a notification, a set-up), the later page's wins; the cursor, the last
/// mutation and whether more follows are the last page's. A page that resets the copy
/// drops the pages before it.
pub fn merge_pages(pages: Vec<PullResponse>) -> Option<PullResponse> {
    let mut pages = pages.into_iter();
    let first = pages.next()?;
    Some(pages.fold(first, |merged, next| {
        if next.reset {
            return next;
        }
        let later: HashSet<String> = next
            .referrals
            .iter()
            .chain(&next.parties)
            .map(|r| r.id.clone())
            .collect();
        let mut removed = merged.removed;
        removed.extend(next.removed.into_iter().filter(|id| !later.contains(id)));
        PullResponse {
            cursor: next.cursor,
            last_mutation_id: next.last_mutation_id,
            reset: merged.reset,
            referrals: later_wins(merged.referrals, next.referrals, &later, |r| &r.id),
            removed,
            parties: later_wins(merged.parties, next.parties, &later, |r| &r.id),
            activity: {
                let ids = next.activity.iter().map(|a| a.id.clone()).collect();
                later_wins(merged.activity, next.activity, &ids, |a| &a.id)
            },
            notifications: {
                let ids = next.notifications.iter().map(|n| n.id.clone()).collect();
                later_wins(merged.notifications, next.notifications, &ids, |n| &n.id)
            },
            favorites: next.favorites.or(merged.favorites),
            setups: {
                let ids = next
                    .setups
                    .iter()
                    .map(|s| s.organization_id.clone())
                    .collect();
                later_wins(merged.setups, next.setups, &ids, |s| &s.organization_id)
            },
            more: next.more,
        }
    }))
}

/// Whether the pages gathered since the copy last wrote (the deals it holds: `held`) are
/// written now: the last page is, a page that starts afresh is, and otherwise they wait until
/// they hold twice as many deals as the copy. Each write rewrites the stored buckets it
/// touches, so writes that triple the copy keep a first pull of n deals to about 1.5 n
/// written, where a write per page writes n² / 2 pages (10,000 deals in pages of 2,000:
/// 18,000 written in three writes, against 30,000 in five).
pub fn write_pages_now(held: usize, gathered: &[PullResponse]) -> bool {
    let deals: usize = gathered.iter().map(|p| p.referrals.len()).sum();
    gathered.iter().any(|p| !p.more || p.reset) || (deals > 0 && deals >= 2 * held)
}

/// `earlier` without the records whose key is in `later_keys`, then `later`.
fn later_wins<T>(
    mut earlier: Vec<T>,
    later: Vec<T>,
    later_keys: &HashSet<String>,
    key: impl Fn(&T) -> &String,
) -> Vec<T> {
    earlier.retain(|x| !later_keys.contains(key(x)));
    earlier.extend(later);
    earlier
}

/// The outcome that brings `base` (the stored confirmed copy; empty for a fresh one) to
/// what the pull says: the user's referrals and the parties' copies as sent, new history,
/// notifications, the user's hearts and the set-ups. The pull's records move into it (a
/// first pull's pages hold 20,000 referrals).
pub fn pull_outcome(base: &Exchange, pull: PullResponse, user_id: &str) -> Outcome {
    let known: HashSet<&str> = base.activity().iter().map(|a| a.id.as_str()).collect();
    let mut outcome = Outcome {
        referrals: pull
            .referrals
            .into_iter()
            .chain(pull.parties)
            .map(|referral| ReferralWrite {
                expected_etag: base.referral(&referral.id).map(|s| s.e_tag.clone()),
                referral,
            })
            .collect(),
        activity: pull
            .activity
            .into_iter()
            .filter(|a| !known.contains(a.id.as_str()))
            .collect(),
        notifications: pull.notifications,
        setups: pull
            .setups
            .into_iter()
            .map(|setup| SetupWrite {
                expected_etag: base.setup(&setup.organization_id).map(|x| x.e_tag.clone()),
                setup,
            })
            .collect(),
        ..Outcome::default()
    };
    if let Some(hearts) = pull.favorites {
        let had: Vec<&Favorite> = base.favorites().filter(|f| f.user_id == user_id).collect();
        let now: HashSet<&Favorite> = hearts.iter().collect();
        outcome.favorites.extend(
            had.iter()
                .filter(|f| !now.contains(**f))
                .map(|f| FavoriteChange::Remove((*f).clone())),
        );
        outcome.favorites.extend(
            hearts
                .iter()
                .filter(|f| !had.contains(f))
                .cloned()
                .map(FavoriteChange::Add),
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

    fn page(cursor: &str, more: bool) -> PullResponse {
        PullResponse {
            cursor: cursor.into(),
            more,
            ..PullResponse::default()
        }
    }

    #[test]
    fn pages_written_together_keep_each_record_once_as_the_later_page_has_it() {
        let mut w = World::new();
        for e in ["e1", "e2"] {
            let deal = new_deal(e, HelpType::NoHelpRequired, false, w.now);
            w.run("contoso-admin", Command::CreateDeal { deal })
                .unwrap();
        }
        let (before, other) = (w.copy("e1", "contoso"), w.copy("e2", "contoso"));
        let hearts = vec![Favorite {
            user_id: "contoso-admin".into(),
            referral_id: other.id.clone(),
        }];
        let mut first = page("c1", true);
        first.reset = true;
        first.referrals = vec![before.clone()];
        first.parties = vec![other.clone()];
        first.activity = w.exchange.activity().to_vec();
        first.favorites = Some(hearts.clone());
        w.run(
            "contoso-admin",
            Command::MarkStage {
                referral_id: before.id.clone(),
                stage: SalesStage::Qualified,
            },
        )
        .unwrap();
        let after = w.copy("e1", "contoso");
        let mut second = page("c2", false);
        second.last_mutation_id = 7;
        second.referrals = vec![after.clone()];
        second.parties = vec![other.clone()];
        second.activity = w.exchange.activity().to_vec();

        let merged = merge_pages(vec![first, second]).unwrap();
        assert_eq!(merged.referrals, vec![after.clone()]);
        assert_eq!(merged.parties, vec![other]);
        assert_eq!(merged.activity, w.exchange.activity().to_vec());
        assert_eq!(
            (merged.cursor.as_str(), merged.last_mutation_id, merged.more),
            ("c2", 7, false)
        );
        assert!(merged.reset, "the first page's fresh start is kept");
        assert_eq!(
            merged.favorites,
            Some(hearts),
            "a page without hearts keeps them"
        );
        // Written in one go into a fresh copy: no record is written twice.
        let mut copy = Exchange::default();
        copy.apply(&pull_outcome(&copy, merged.clone(), "contoso-admin"))
            .unwrap();
        assert_eq!(
            copy.referral(&after.id).map(|r| &r.e_tag),
            Some(&after.e_tag)
        );
        assert_ne!(before.e_tag, after.e_tag);
    }

    #[test]
    fn the_pages_of_a_first_pull_are_written_when_they_triple_the_copy_or_end_it() {
        let mut w = World::new();
        for e in ["e1", "e2", "e3"] {
            let deal = new_deal(e, HelpType::NoHelpRequired, false, w.now);
            w.run("contoso-admin", Command::CreateDeal { deal })
                .unwrap();
        }
        let with = |n: usize, more: bool| {
            let mut p = page("c", more);
            p.referrals = ["e1", "e2", "e3"][..n]
                .iter()
                .map(|e| w.copy(e, "contoso"))
                .collect();
            p
        };
        assert!(
            write_pages_now(1, &[with(2, true)]),
            "2 deals on a copy of 1"
        );
        assert!(
            !write_pages_now(2, &[with(3, true)]),
            "3 deals wait on a copy of 2"
        );
        assert!(write_pages_now(2, &[with(3, true), with(1, true)]));
        assert!(
            write_pages_now(9, &[with(1, false)]),
            "the last page is written"
        );
        let mut fresh = with(1, true);
        fresh.reset = true;
        assert!(write_pages_now(9, &[fresh]), "a fresh start is written");
        assert!(
            !write_pages_now(0, &[page("c", true)]),
            "nothing to write yet"
        );
    }

    #[test]
    fn a_page_that_starts_afresh_drops_the_pages_before_it() {
        let mut w = World::new();
        let deal = new_deal("e1", HelpType::NoHelpRequired, false, w.now);
        w.run("contoso-admin", Command::CreateDeal { deal })
            .unwrap();
        let mut first = page("c1", true);
        first.referrals = vec![w.copy("e1", "contoso")];
        let mut fresh = page("c9", false);
        fresh.reset = true;
        let merged = merge_pages(vec![first, fresh.clone()]).unwrap();
        assert_eq!(merged, fresh);
        assert_eq!(merge_pages(Vec::new()), None);
        assert_eq!(merge_pages(vec![page("c", true)]), Some(page("c", true)));
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
        copy.apply(&pull_outcome(&copy, first, "contoso-admin"))
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
        let outcome = pull_outcome(&copy, next, "contoso-admin");
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
