//! What one party may know about the other parties of its engagement.

use chrono::{DateTime, Utc};

use crate::domain::exchange::Exchange;
use crate::domain::records::activity::{ActivityAction, ActivityEntry};
use crate::domain::records::referral::{Contact, Referral, SharingType, Substatus};
use crate::domain::support::i18n::Text;

/// Another party of the engagement as this party sees it (its card on the deal page).
#[derive(Debug, Clone, PartialEq)]
pub struct PartyStatus {
    pub organization_id: String,
    pub substatus: Substatus,
    /// That party's own estimate of its part.
    pub deal_value: f64,
    pub currency: String,
    pub closing_date_time: DateTime<Utc>,
    /// When it accepted (or, once closed, last changed).
    pub answered_date_time: Option<DateTime<Utc>>,
    /// That party's team, where the two work on a P2P deal together (see [`shares_team`]).
    pub team: Vec<Contact>,
}

/// Another party's copy as the party `viewer` may hold it (a shared server sends it so the
/// deal page can show that party's card and Microsoft's status): what [`other_parties`] and
/// [`microsoft_status`] read, and nothing of that party's own: no notes, CRM or campaign id,
/// registration or closing notes, and its team only where [`shares_team`] allows.
pub fn party_copy(other: &Referral, viewer: &Referral, vendor_id: &str) -> Referral {
    let mut r = other.clone();
    if !shares_team(vendor_id, viewer, other) {
        r.team.clear();
    }
    r.details.notes.clear();
    r.external_reference_id.clear();
    r.marketing_campaign_id.clear();
    r.status_reason_notes.clear();
    r.registration = None;
    if let Some(c) = r.invite_context.as_mut() {
        c.notes.clear();
        c.contacts.clear();
    }
    r
}

/// Every other party of `referral`'s engagement with its status: what the parties tell each
/// other by sharing one engagement, never their own notes; the team only between P2P partners.
pub fn other_parties(
    exchange: &Exchange,
    vendor_id: &str,
    referral: &Referral,
) -> Vec<PartyStatus> {
    let mut parties: Vec<PartyStatus> = exchange
        .engagement(&referral.engagement_id)
        .filter(|r| r.organization_id != referral.organization_id)
        .map(|r| PartyStatus {
            team: if shares_team(vendor_id, referral, r) {
                r.team.clone()
            } else {
                Vec::new()
            },
            organization_id: r.organization_id.clone(),
            substatus: r.substatus,
            deal_value: r.details.deal_value,
            currency: r.details.currency.clone(),
            closing_date_time: r.details.closing_date_time,
            answered_date_time: match r.substatus {
                Substatus::Received | Substatus::Pending => None,
                Substatus::Accepted => r.accepted_date_time,
                _ => Some(r.updated_date_time),
            },
        })
        .collect();
    crate::domain::support::order::sort_by(&mut parties, |a, b| {
        a.organization_id.cmp(&b.organization_id)
    });
    parties
}

/// Both companies see the whole P2P team (SPEC §2): a partner that invited another and the
/// invited partner see each other's team members once the invitee accepted. Microsoft's team,
/// and the teams of two partners invited by a third, stay with their organisations.
pub fn shares_team(vendor_id: &str, own: &Referral, other: &Referral) -> bool {
    let joined = |invitee: &Referral, inviter: &Referral| {
        invitee.accepted_date_time.is_some()
            && invitee
                .invite_context
                .as_ref()
                .is_some_and(|c| c.invited_by.organization_id == inviter.organization_id)
    };
    own.organization_id != vendor_id
        && other.organization_id != vendor_id
        && (joined(own, other) || joined(other, own))
}

/// The engagement's shared notes, oldest first: what any party wrote for every party to read,
/// each with its author, organisation and time (SPEC §6).
pub fn shared_notes<'a>(
    exchange: &'a Exchange,
    engagement_id: &'a str,
) -> impl Iterator<Item = &'a ActivityEntry> + 'a {
    exchange
        .activity_of_engagement(engagement_id)
        .filter(|a| a.action == ActivityAction::SharedNoteAdded)
}

/// The deal's timeline, newest first: every party's entries of the engagement; another
/// party's entries say who did what, never which of its fields changed.
pub fn timeline(exchange: &Exchange, referral: &Referral) -> Vec<ActivityEntry> {
    let mut entries: Vec<&ActivityEntry> = exchange
        .activity_of_engagement(&referral.engagement_id)
        .collect();
    entries.reverse();
    entries
        .iter()
        .map(|a| entry_for(a, &referral.organization_id))
        .collect()
}

/// An engagement's activity entry as `organization_id` may read it: its own entries whole,
/// another party's with who did what but not which of its fields changed (as [`timeline`]).
pub fn entry_for(entry: &ActivityEntry, organization_id: &str) -> ActivityEntry {
    let mut e = entry.clone();
    if e.organization_id != organization_id {
        e.changes.clear();
    }
    e
}

/// Microsoft's part in this deal, as the deal page's **Microsoft status** shows it.
pub fn microsoft_status(exchange: &Exchange, referral: &Referral, vendor_id: &str) -> Text {
    if referral.organization_id == vendor_id {
        return referral.substatus.text();
    }
    let vendor_copy = exchange
        .engagement(&referral.engagement_id)
        .find(|r| r.organization_id == vendor_id);
    match vendor_copy.map(|r| r.substatus) {
        Some(Substatus::Pending) => Text::MsMayView,
        Some(Substatus::Received) => Text::MsAwaiting,
        Some(Substatus::Expired) => Text::MsExpired,
        Some(s) => s.text(),
        None => match referral.sharing {
            SharingType::Private => Text::MsNotShared,
            SharingType::PartnerLed => Text::MsMayView,
            SharingType::CoSell => Text::MsInvited,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::referral_at;

    #[test]
    fn a_party_copy_keeps_what_the_card_shows_and_none_of_the_partys_own() {
        let mine = referral_at("contoso", "contoso-munich", &[]);
        let mut theirs = referral_at("fabrikam", "fabrikam-redmond", &["x@fabrikam.example"]);
        theirs.details.notes = "our margin".into();
        theirs.external_reference_id = "CRM-9".into();
        let copy = party_copy(&theirs, &mine, "msft");
        assert_eq!(copy.substatus, theirs.substatus);
        assert_eq!(copy.details.deal_value, theirs.details.deal_value);
        assert!(copy.details.notes.is_empty() && copy.external_reference_id.is_empty());
        assert!(copy.team.is_empty(), "no P2P partnership between these two");
        let exchange = Exchange::new(vec![mine.clone(), copy], vec![]);
        assert_eq!(other_parties(&exchange, "msft", &mine).len(), 1);
    }

    #[test]
    fn microsoft_status_follows_microsofts_copy_or_the_sharing_type() {
        let mut partner = referral_at("contoso", "contoso-munich", &[]);
        partner.sharing = SharingType::Private;
        let exchange = Exchange::new(vec![partner.clone()], vec![]);
        assert_eq!(
            microsoft_status(&exchange, &partner, "msft")
                .get(crate::domain::support::locale::Locale::En),
            "Not shared with Microsoft"
        );
        partner.sharing = SharingType::PartnerLed;
        assert_eq!(
            microsoft_status(&exchange, &partner, "msft")
                .get(crate::domain::support::locale::Locale::En),
            "Microsoft sellers may view"
        );

        partner.sharing = SharingType::CoSell;
        let mut vendor = referral_at("msft", "msft-global", &[]);
        vendor.substatus = Substatus::Received;
        let exchange = Exchange::new(vec![partner.clone(), vendor.clone()], vec![]);
        assert_eq!(
            microsoft_status(&exchange, &partner, "msft")
                .get(crate::domain::support::locale::Locale::En),
            "Invited, awaiting response"
        );
        vendor.substatus = Substatus::Accepted;
        let exchange = Exchange::new(vec![partner.clone(), vendor.clone()], vec![]);
        assert_eq!(
            microsoft_status(&exchange, &partner, "msft")
                .get(crate::domain::support::locale::Locale::En),
            "Accepted"
        );
        assert_eq!(
            microsoft_status(&exchange, &vendor, "msft")
                .get(crate::domain::support::locale::Locale::En),
            "Accepted",
            "Microsoft's own copy"
        );
    }

    #[test]
    fn each_party_sees_the_others_status_value_and_answer_time() {
        let partner = referral_at("contoso", "contoso-munich", &[]);
        let mut vendor = referral_at("msft", "msft-global", &[]);
        vendor.id = "ms".into();
        vendor.substatus = Substatus::Received;
        vendor.details.deal_value = 5.0;
        let mut other = referral_at("fabrikam", "fabrikam-redmond", &[]);
        other.id = "fab".into();
        other.substatus = Substatus::Declined;
        let exchange = Exchange::new(vec![partner.clone(), vendor, other.clone()], vec![]);
        let parties = other_parties(&exchange, "msft", &partner);
        let view: Vec<(&str, Substatus, f64)> = parties
            .iter()
            .map(|p| (p.organization_id.as_str(), p.substatus, p.deal_value))
            .collect();
        assert_eq!(
            view,
            [
                ("fabrikam", Substatus::Declined, 100_000.0),
                ("msft", Substatus::Received, 5.0)
            ]
        );
        assert_eq!(parties[0].answered_date_time, Some(other.updated_date_time));
        assert_eq!(parties[1].answered_date_time, None, "no answer yet");
        assert_eq!(other_parties(&exchange, "msft", &partner).len(), 2);
    }
}
