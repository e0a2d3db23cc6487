//! Notifications and the email outbox (SPEC §8): who hears about what, in their locale.

use crate::domain::deal::visibility::can_see;
use crate::domain::exchange::{Exchange, Outcome};
use crate::domain::records::directory::{ReferenceData, Role};
use crate::domain::records::notification::{Notification, NotificationKind};
use crate::domain::records::referral::Referral;

/// Someone who should hear about a referral.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub user_id: Option<String>,
    pub email: String,
    pub locale: String,
    pub emailed: bool,
}

/// Who hears about `referral`: its organisation's referral admins (or Microsoft sellers)
/// whose scope covers its location, and the users on its team who may see it; plus, for a
/// new inbound referral, the location's contact address. Users who turned notifications off
/// still see them in the app, but get no email. Nobody hears of a deal they may not see.
pub fn recipients(
    data: &ReferenceData,
    referral: &Referral,
    include_location_contact: bool,
) -> Vec<Recipient> {
    let mut out: Vec<Recipient> = data
        .users
        .iter()
        .filter(|u| {
            u.active && u.organization_id == referral.organization_id && can_see(u, referral)
        })
        .filter(|u| {
            u.has_role(Role::ReferralAdmin)
                || u.has_role(Role::MicrosoftSeller)
                || referral.has_team_member(&u.email)
        })
        .map(|u| Recipient {
            user_id: Some(u.id.clone()),
            email: u.email.clone(),
            locale: u.locale.clone(),
            emailed: !u.disable_notifications,
        })
        .collect();
    if include_location_contact {
        let contact = data
            .organization(&referral.organization_id)
            .and_then(|o| o.locations.iter().find(|l| l.id == referral.location))
            .map(|l| l.contact_email.clone())
            .filter(|e| !e.is_empty() && !out.iter().any(|r| r.email.eq_ignore_ascii_case(e)));
        if let Some(email) = contact {
            out.push(Recipient {
                user_id: None,
                email,
                locale: "en".into(),
                emailed: true,
            });
        }
    }
    out
}

/// `user_id`'s in-app notifications, newest first.
pub fn inbox<'a>(exchange: &'a Exchange, user_id: &str) -> Vec<&'a Notification> {
    let mut out: Vec<&Notification> = exchange
        .notifications()
        .filter(|n| n.user_id.as_deref() == Some(user_id))
        .collect();
    crate::domain::support::order::sort_by(&mut out, |a, b| {
        b.at.cmp(&a.at).then_with(|| a.id.cmp(&b.id))
    });
    out
}

/// How many of `user_id`'s notifications are unread (no sorting: it runs on every change).
pub fn unread_count(exchange: &Exchange, user_id: &str) -> usize {
    exchange
        .notifications()
        .filter(|n| !n.read && n.user_id.as_deref() == Some(user_id))
        .count()
}

/// Marks `user_id`'s unread notifications read: those in `ids`, or all when `ids` is empty.
pub fn mark_read(exchange: &Exchange, user_id: &str, ids: &[String]) -> Outcome {
    Outcome {
        read_notifications: inbox(exchange, user_id)
            .into_iter()
            .filter(|n| !n.read && (ids.is_empty() || ids.contains(&n.id)))
            .map(|n| n.id.clone())
            .collect(),
        ..Outcome::default()
    }
}

/// The emails sent to `organization_id`'s people and addresses, newest first: what its
/// email outbox shows.
pub fn outbox<'a>(exchange: &'a Exchange, organization_id: &str) -> Vec<&'a Notification> {
    let mut out: Vec<&Notification> = exchange
        .notifications()
        .filter(|n| {
            n.emailed
                && exchange
                    .referral(&n.referral_id)
                    .is_some_and(|r| r.organization_id == organization_id)
        })
        .collect();
    crate::domain::support::order::sort_by(&mut out, |a, b| {
        b.at.cmp(&a.at).then_with(|| a.email.cmp(&b.email))
    });
    out
}

/// The subject and body of `n` in its recipient's locale ("de" or English).
pub fn message(n: &Notification) -> (String, String) {
    message_in(
        crate::domain::support::locale::Locale::from_tag(&n.locale).unwrap_or_default(),
        n,
    )
}

/// The subject and body of `n` in `locale` (the bell shows them in the interface's language).
pub fn message_in(
    locale: crate::domain::support::locale::Locale,
    n: &Notification,
) -> (String, String) {
    let de = locale == crate::domain::support::locale::Locale::De;
    let deal = &n.deal_name;
    match (&n.kind, de) {
        (NotificationKind::NewInbound, false) => (
            format!("New co-sell referral: {deal}"),
            format!("\"{deal}\" was shared with your organisation. Accept or decline it within 14 days in Co-sell."),
        ),
        (NotificationKind::NewInbound, true) => (
            format!("Neue Co-Selling-Empfehlung: {deal}"),
            format!("„{deal}“ wurde für Ihre Organisation freigegeben. Nehmen Sie den Deal innerhalb von 14 Tagen in Co-sell an oder lehnen Sie ihn ab."),
        ),
        (NotificationKind::Accepted { by }, false) => (format!("{by} accepted {deal}"), format!("{by} accepted \"{deal}\" and is working on it with you.")),
        (NotificationKind::Accepted { by }, true) => (format!("{by} hat {deal} angenommen"), format!("{by} hat „{deal}“ angenommen und arbeitet mit Ihnen daran.")),
        (NotificationKind::Declined { by, reason }, false) => (format!("{by} declined {deal}"), format!("{by} declined \"{deal}\". Reason: {reason}.")),
        (NotificationKind::Declined { by, reason }, true) => (format!("{by} hat {deal} abgelehnt"), format!("{by} hat „{deal}“ abgelehnt. Grund: {reason}.")),
        (NotificationKind::Expired { by }, false) => (format!("{deal} expired unanswered"), format!("{by} did not answer \"{deal}\" within 14 days; the invitation expired.")),
        (NotificationKind::Expired { by }, true) => (format!("{deal} ist abgelaufen"), format!("{by} hat „{deal}“ nicht innerhalb von 14 Tagen beantwortet; die Einladung ist abgelaufen.")),
        (NotificationKind::Registration { status }, false) => (
            format!("Deal registration {}: {deal}", status.label().to_ascii_lowercase()),
            format!("The deal registration of \"{deal}\" is now: {}.", status.label()),
        ),
        (NotificationKind::Registration { status }, true) => (
            format!("Dealregistrierung {}: {deal}", status.text().get(crate::domain::support::locale::Locale::De)),
            format!("Die Dealregistrierung von „{deal}“ hat jetzt den Status: {}.", status.text().get(crate::domain::support::locale::Locale::De)),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::records::registration::RegistrationStatus;
    use crate::domain::testing::directory;
    use crate::domain::testing::referral_at;

    #[test]
    fn the_unread_count_is_the_users_own_unread_notifications() {
        let mut w = crate::domain::testing::rules_tests::World::new();
        let mut deal = crate::domain::testing::rules_tests::new_deal(
            "eng-n",
            crate::domain::records::referral::HelpType::NoHelpRequired,
            true,
            w.now,
        );
        deal.invitations = vec![crate::domain::testing::rules_tests::invitation(
            "fabrikam", w.now,
        )];
        w.run(
            "contoso-admin",
            crate::domain::deal::commands::Command::CreateDeal { deal },
        )
        .unwrap();
        let unread = unread_count(&w.exchange, "fabrikam-admin");
        assert!(unread >= 1);
        assert_eq!(
            unread,
            inbox(&w.exchange, "fabrikam-admin")
                .iter()
                .filter(|n| !n.read)
                .count()
        );
        let outcome = mark_read(&w.exchange, "fabrikam-admin", &[]);
        w.exchange.apply(&outcome).unwrap();
        assert_eq!(unread_count(&w.exchange, "fabrikam-admin"), 0);
        assert_eq!(unread_count(&w.exchange, "northwind-admin"), 0);
    }

    #[test]
    fn messages_speak_the_recipients_language() {
        let n = |locale: &str, kind| Notification {
            id: "n".into(),
            user_id: None,
            email: "x@example.com".into(),
            locale: locale.into(),
            referral_id: "r".into(),
            deal_name: "Adatum fleet".into(),
            at: chrono::DateTime::<chrono::Utc>::MIN_UTC,
            kind,
            emailed: true,
            read: false,
        };
        let declined = NotificationKind::Declined {
            by: "Fabrikam Inc".into(),
            reason: "Not a customer".into(),
        };
        let (subject, body) = message(&n("en", declined.clone()));
        assert_eq!(subject, "Fabrikam Inc declined Adatum fleet");
        assert!(body.contains("Reason: Not a customer"));
        let (subject, body) = message(&n("de-DE", declined));
        assert_eq!(subject, "Fabrikam Inc hat Adatum fleet abgelehnt");
        assert!(body.contains("Grund: Not a customer"));
        assert!(message(&n("de", NotificationKind::NewInbound))
            .0
            .starts_with("Neue Co-Selling-Empfehlung"));
        assert!(message(&n(
            "de",
            NotificationKind::Registration {
                status: RegistrationStatus::Approved
            }
        ))
        .1
        .contains("Genehmigt"));
        assert!(message(&n(
            "fr",
            NotificationKind::Expired {
                by: "Microsoft".into()
            }
        ))
        .0
        .ends_with("expired unanswered"));
    }

    #[test]
    fn notification_kinds_are_stored_as_flat_records_and_read_back() {
        let kinds = [
            NotificationKind::NewInbound,
            NotificationKind::Accepted {
                by: "Microsoft".into(),
            },
            NotificationKind::Declined {
                by: "Fabrikam Inc".into(),
                reason: "Other".into(),
            },
            NotificationKind::Expired {
                by: "Microsoft".into(),
            },
            NotificationKind::Registration {
                status: RegistrationStatus::Approved,
            },
        ];
        for kind in kinds {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(
                serde_json::from_str::<NotificationKind>(&json).unwrap(),
                kind,
                "{json}"
            );
        }
        assert_eq!(
            serde_json::to_string(&NotificationKind::Declined {
                by: "F".into(),
                reason: "R".into()
            })
            .unwrap(),
            r#"{"kind":"declined","by":"F","reason":"R"}"#
        );
    }

    #[test]
    fn a_munich_referral_reaches_global_admins_and_the_team_but_not_out_of_scope_users() {
        let mut data = directory();
        data.users[1].disable_notifications = true; // the Munich seller
        data.organizations[0].locations[0].contact_email = "munich@contoso.example".into();
        let seller_email = data.users[1].email.clone();
        let r = referral_at("contoso", "contoso-munich", &[seller_email.as_str()]);
        let got = recipients(&data, &r, true);
        let ids: Vec<Option<&str>> = got.iter().map(|x| x.user_id.as_deref()).collect();
        assert_eq!(
            ids,
            [Some("contoso-admin"), Some("contoso-de-seller"), None]
        );
        assert!(!got[1].emailed, "notifications off: in the app, no email");
        assert_eq!(got[2].email, "munich@contoso.example");

        // A Seattle referral with the Munich seller on its team: out of their scope.
        let r = referral_at("contoso", "contoso-seattle", &[seller_email.as_str()]);
        let ids: Vec<_> = recipients(&data, &r, false)
            .into_iter()
            .map(|x| x.user_id)
            .collect();
        assert_eq!(ids, [Some("contoso-admin".to_string())]);
    }
}
