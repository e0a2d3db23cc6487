//! A property test over the real binary: random users of several organisations, with roles
//! and location scopes changed by their admin mid-run, give random commands (about deals they
//! may see, and deals they may not). After every step, each response is checked against the
//! domain's `can_see` for the user as the server knows them then: a pull holds exactly the
//! deals the user may see, and the history and notifications of nothing else; a refusal
//! about an invisible deal is word for word the refusal about an unknown one.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use chrono::Utc;
use common::*;
use cosell::domain::deal::commands::Command;
use cosell::domain::deal::visibility::can_see;
use cosell::domain::org::admin::{AdminCommand, RoleChoice, UserInput};
use cosell::domain::records::directory::{LocationScope, User};
use cosell::domain::records::referral::Referral;
use cosell::domain::records::stage::SalesStage;
use cosell::sync::{Change, PullResponse};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::json;

const USERS: [&str; 6] = [
    "contoso-admin",
    "contoso-de-admin",
    "contoso-de-seller",
    "fabrikam-admin",
    "northwind-admin",
    "msft-seller",
];
/// Who sees every deal of their organisation: together, the whole exchange.
const ORACLES: [&str; 4] = [
    "contoso-admin",
    "fabrikam-admin",
    "northwind-admin",
    "msft-seller",
];

#[derive(Debug, Clone)]
enum Step {
    Create {
        user: usize,
        seattle: bool,
        invite: Option<&'static str>,
    },
    Act {
        user: usize,
        deal: usize,
        what: u8,
    },
    Rescope {
        global: bool,
        seller_admin: bool,
    },
    Pull {
        user: usize,
    },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (
            0..3usize,
            any::<bool>(),
            prop_oneof![Just(None), Just(Some("fabrikam")), Just(Some("northwind"))]
        )
            .prop_map(|(user, seattle, invite)| Step::Create {
                user,
                seattle,
                invite
            }),
        (0..USERS.len(), 0..32usize, 0..4u8).prop_map(|(user, deal, what)| Step::Act {
            user,
            deal,
            what
        }),
        (any::<bool>(), any::<bool>()).prop_map(|(global, seller_admin)| Step::Rescope {
            global,
            seller_admin
        }),
        (0..USERS.len()).prop_map(|user| Step::Pull { user }),
    ]
}

struct World {
    clients: Vec<Client>,
    /// Every referral id any oracle has pulled, in order of discovery.
    known: Vec<String>,
}

impl World {
    async fn me(&self, user: usize) -> Option<User> {
        let c = &self.clients[user];
        let r = c
            .http
            .get(format!("{}/auth/me", c.base))
            .header("cookie", &c.cookie)
            .send()
            .await
            .ok()?;
        let v: serde_json::Value = r.json().await.ok()?;
        serde_json::from_value(v["user"].clone()).ok()
    }

    /// Everything, from the organisations' global admins.
    async fn everything(&mut self) -> BTreeMap<String, Referral> {
        let mut all = BTreeMap::new();
        for oracle in ORACLES {
            let i = USERS.iter().position(|u| *u == oracle).unwrap_or(0);
            let (_, v) = self.clients[i]
                .post(
                    "/sync/pull",
                    &json!({ "clientId": format!("oracle-{oracle}"), "cursor": null }),
                )
                .await;
            let pulled: PullResponse = serde_json::from_value(v).expect("a pull");
            for r in pulled.referrals {
                if !self.known.contains(&r.id) {
                    self.known.push(r.id.clone());
                }
                all.insert(r.id.clone(), r);
            }
        }
        all
    }

    /// Pulls as `user` and checks the response and the copy against `can_see`.
    async fn pull_and_check(&mut self, user: usize) -> Result<(), TestCaseError> {
        let all = self.everything().await;
        let me = self.me(user).await.expect("signed in");
        let pulled = self.clients[user].pull().await;
        for r in &pulled.referrals {
            prop_assert!(can_see(&me, r), "{} got {} it may not see", me.id, r.id);
        }
        let copy: BTreeSet<&String> = self.clients[user].referrals.keys().collect();
        let expected: BTreeSet<&String> = all
            .values()
            .filter(|r| can_see(&me, r))
            .map(|r| &r.id)
            .collect();
        prop_assert_eq!(copy, expected, "{}'s copy after the pull", me.id);
        let engagements: BTreeSet<&str> = self.clients[user]
            .referrals
            .values()
            .map(|r| r.engagement_id.as_str())
            .collect();
        for a in &pulled.activity {
            prop_assert!(
                engagements.contains(a.engagement_id.as_str())
                    || (a.referral_id.is_empty() && a.organization_id == me.organization_id),
                "{} got history of an engagement it has no copy of",
                me.id
            );
        }
        for p in &pulled.parties {
            prop_assert!(
                engagements.contains(p.engagement_id.as_str()) && p.details.notes.is_empty(),
                "{} got a party card of an engagement it has no copy of",
                me.id
            );
        }
        for n in &pulled.notifications {
            prop_assert_eq!(n.user_id.as_deref(), Some(me.id.as_str()));
        }
        for id in &pulled.removed {
            prop_assert!(all
                .get(id)
                .is_some_and(|r| r.organization_id == me.organization_id));
        }
        Ok(())
    }
}

async fn run(steps: Vec<Step>) -> Result<(), TestCaseError> {
    let server = Server::start(Backend::Sqlite, &[]).await;
    let mut clients = Vec::new();
    for u in USERS {
        clients.push(Client::sign_in(&server, u).await);
    }
    let mut w = World {
        clients,
        known: Vec::new(),
    };
    for step in steps {
        match step {
            Step::Create {
                user,
                seattle,
                invite,
            } => {
                let mut deal = new_deal(&engagement(), Utc::now());
                if seattle {
                    deal.location = "contoso-seattle".into();
                }
                if let Some(p) = invite {
                    deal.invitations.push(invitation(p, Utc::now()));
                }
                w.clients[user].command(Command::CreateDeal { deal }).await;
            }
            Step::Act { user, deal, what } => {
                let all = w.everything().await;
                let Some(id) = w.known.get(deal % w.known.len().max(1)).cloned() else {
                    continue;
                };
                let me = w.me(user).await.expect("signed in");
                let command = match what {
                    0 => Command::MarkStage {
                        referral_id: id.clone(),
                        stage: SalesStage::Qualified,
                    },
                    1 => Command::AddSharedNote {
                        referral_id: id.clone(),
                        text: "hello".into(),
                    },
                    2 => Command::ToggleFavorite {
                        referral_id: id.clone(),
                    },
                    _ => Command::AddTeamMember {
                        referral_id: id.clone(),
                        member: contact(
                            "Contoso Germany Seller",
                            "contoso-de-seller@contoso.example",
                        ),
                    },
                };
                let answer = w.clients[user].command(command.clone()).await;
                let visible = all.get(&id).is_some_and(|r| can_see(&me, r));
                if !visible {
                    let unknown = w.clients[user]
                        .command(match command {
                            Command::MarkStage { stage, .. } => Command::MarkStage {
                                referral_id: "no-such".into(),
                                stage,
                            },
                            Command::AddSharedNote { text, .. } => Command::AddSharedNote {
                                referral_id: "no-such".into(),
                                text,
                            },
                            Command::ToggleFavorite { .. } => Command::ToggleFavorite {
                                referral_id: "no-such".into(),
                            },
                            _ => Command::AddTeamMember {
                                referral_id: "no-such".into(),
                                member: contact(
                                    "Contoso Germany Seller",
                                    "contoso-de-seller@contoso.example",
                                ),
                            },
                        })
                        .await;
                    prop_assert_eq!(
                        &answer.results[0].error,
                        &unknown.results[0].error,
                        "{} about {}",
                        me.id,
                        id
                    );
                }
            }
            Step::Rescope {
                global,
                seller_admin,
            } => {
                let admin = &mut w.clients[0];
                let input = UserInput {
                    display_name: "Contoso Germany Seller".into(),
                    email: "contoso-de-seller@contoso.example".into(),
                    phone: String::new(),
                    locale: "en".into(),
                    role: if seller_admin {
                        RoleChoice::ReferralAdmin
                    } else {
                        RoleChoice::ReferralUser
                    },
                    location_scope: if global {
                        LocationScope::Global
                    } else {
                        LocationScope::Locations(vec!["contoso-munich".into()])
                    },
                };
                admin
                    .push(vec![Change::Admin {
                        command: AdminCommand::SaveUser {
                            user_id: Some("contoso-de-seller".into()),
                            input,
                        },
                    }])
                    .await;
            }
            Step::Pull { user } => w.pull_and_check(user).await?,
        }
    }
    for user in 0..USERS.len() {
        w.pull_and_check(user).await?;
    }
    Ok(())
}

#[test]
fn every_pull_and_refusal_holds_only_what_the_user_may_see() {
    let cases = std::env::var("COSELL_VISIBILITY_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(16);
    let mut runner = TestRunner::new(Config {
        cases,
        ..Config::default()
    });
    let rt = tokio::runtime::Runtime::new().expect("a runtime");
    runner
        .run(&proptest::collection::vec(step(), 5..30), |steps| {
            rt.block_on(run(steps))
        })
        .expect("visibility holds");
    println!("visibility: {cases} random runs of 5 to 30 steps, every pull checked");
}
