//! Who may see which referral (SPEC §1).

use crate::domain::records::directory::{Role, User};
use crate::domain::records::referral::Referral;

/// Whether `user` may see `referral`.
///
/// A user only ever sees referrals of their own organisation: what another party shared
/// reaches them as their organisation's own linked referral. Within the organisation a
/// referral admin sees the deals of their location scope, a referral user additionally
/// only those on whose team they are, and an MPN partner admin without a referral role
/// sees none.
pub fn can_see(user: &User, referral: &Referral) -> bool {
    if referral.organization_id != user.organization_id {
        return false;
    }
    let in_scope = user.location_scope.covers(&referral.location);
    if user.has_role(Role::ReferralAdmin) || user.has_role(Role::MicrosoftSeller) {
        return in_scope;
    }
    if user.has_role(Role::ReferralUser) {
        return in_scope && referral.has_team_member(&user.email);
    }
    false
}

/// Who works on deals: referral admins and users, and Microsoft sellers. Anyone else (an MPN
/// partner admin without a referral role) sees and changes no deal.
pub fn works_on_deals(user: &User) -> bool {
    [
        Role::ReferralAdmin,
        Role::ReferralUser,
        Role::MicrosoftSeller,
    ]
    .iter()
    .any(|r| user.has_role(*r))
}

/// Whether a user sees no deals at all: their roles give them none.
pub fn sees_no_deals(user: &User) -> bool {
    !works_on_deals(user)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::records::directory::LocationScope;
    use crate::domain::testing::{referral_at, user};

    #[test]
    fn global_referral_admin_sees_every_deal_of_the_organisation() {
        let admin = user("contoso", &[Role::ReferralAdmin], LocationScope::Global);
        assert!(can_see(
            &admin,
            &referral_at("contoso", "contoso-munich", &[])
        ));
        assert!(can_see(
            &admin,
            &referral_at("contoso", "contoso-seattle", &[])
        ));
    }

    #[test]
    fn scoped_referral_admin_sees_only_deals_in_scope() {
        let admin = user(
            "contoso",
            &[Role::ReferralAdmin],
            LocationScope::Locations(vec!["contoso-munich".into()]),
        );
        assert!(can_see(
            &admin,
            &referral_at("contoso", "contoso-munich", &[])
        ));
        assert!(!can_see(
            &admin,
            &referral_at("contoso", "contoso-seattle", &[])
        ));
    }

    #[test]
    fn referral_user_needs_scope_and_team_membership() {
        let seller = user(
            "contoso",
            &[Role::ReferralUser],
            LocationScope::Locations(vec!["contoso-munich".into()]),
        );
        let upper = seller.email.to_uppercase();
        let on_team = [upper.as_str()];
        assert!(
            can_see(&seller, &referral_at("contoso", "contoso-munich", &on_team)),
            "team match ignores case"
        );
        assert!(
            !can_see(&seller, &referral_at("contoso", "contoso-munich", &[])),
            "not on the team"
        );
        assert!(
            !can_see(
                &seller,
                &referral_at("contoso", "contoso-seattle", &on_team)
            ),
            "out of scope"
        );
    }

    #[test]
    fn mpn_partner_admin_without_referral_role_sees_nothing() {
        let mpn = user("contoso", &[Role::MpnPartnerAdmin], LocationScope::Global);
        assert!(sees_no_deals(&mpn));
        assert!(!can_see(
            &mpn,
            &referral_at("contoso", "contoso-munich", &[mpn.email.as_str()])
        ));
    }

    #[test]
    fn nobody_sees_another_organisations_referral() {
        let admin = user("fabrikam", &[Role::ReferralAdmin], LocationScope::Global);
        assert!(!can_see(
            &admin,
            &referral_at("contoso", "contoso-munich", &[])
        ));
        let seller = user("msft", &[Role::MicrosoftSeller], LocationScope::Global);
        assert!(!can_see(
            &seller,
            &referral_at("contoso", "contoso-munich", &[])
        ));
        assert!(can_see(&seller, &referral_at("msft", "msft-global", &[])));
    }
}
