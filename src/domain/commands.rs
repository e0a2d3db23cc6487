//! Commands: every change a user makes, decided against the current state, the acting
//! user and the time. Deciding never changes anything; it returns the outcome to apply
//! or says why the command was refused.

use serde::{Deserialize, Serialize};

use super::directory::User;
use super::exchange::{Exchange, Favorite, FavoriteChange, Outcome};
use super::visibility::can_see;

/// A change a user asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "camelCase")]
pub enum Command {
    /// Hearts a deal, or un-hearts it when it is a favorite already.
    #[serde(rename_all = "camelCase")]
    ToggleFavorite { referral_id: String },
}

/// Why a command was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CommandError {
    #[error("this deal does not exist")]
    UnknownReferral,
    #[error("you may not see this deal")]
    NotVisible,
}

/// Decides `command` for `user` against `exchange`.
pub fn decide(command: &Command, exchange: &Exchange, user: &User) -> Result<Outcome, CommandError> {
    match command {
        Command::ToggleFavorite { referral_id } => toggle_favorite(exchange, user, referral_id),
    }
}

fn toggle_favorite(exchange: &Exchange, user: &User, referral_id: &str) -> Result<Outcome, CommandError> {
    let referral = exchange.referral(referral_id).ok_or(CommandError::UnknownReferral)?;
    if !can_see(user, referral) {
        return Err(CommandError::NotVisible);
    }
    let favorite = Favorite { user_id: user.id.clone(), referral_id: referral_id.to_string() };
    let change = if exchange.is_favorite(&user.id, referral_id) {
        FavoriteChange::Remove(favorite)
    } else {
        FavoriteChange::Add(favorite)
    };
    Ok(Outcome { referrals: Vec::new(), favorites: vec![change] })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::directory::{LocationScope, Role};
    use crate::domain::testing::{referral_at, user};

    #[test]
    fn toggling_twice_adds_then_removes_and_is_per_user() {
        let r = referral_at("contoso", "contoso-munich", &[]);
        let mut exchange = Exchange::new(vec![r.clone()], vec![]);
        let admin = user("contoso", &[Role::ReferralAdmin], LocationScope::Global);
        let mut other = admin.clone();
        other.id = "other-admin".into();
        let cmd = Command::ToggleFavorite { referral_id: r.id.clone() };

        exchange.apply(&decide(&cmd, &exchange, &admin).unwrap()).unwrap();
        assert!(exchange.is_favorite(&admin.id, &r.id));
        assert!(!exchange.is_favorite(&other.id, &r.id), "favorites are per user");

        exchange.apply(&decide(&cmd, &exchange, &admin).unwrap()).unwrap();
        assert!(!exchange.is_favorite(&admin.id, &r.id));
    }

    #[test]
    fn a_deal_the_user_cannot_see_cannot_be_hearted() {
        let r = referral_at("contoso", "contoso-seattle", &[]);
        let exchange = Exchange::new(vec![r.clone()], vec![]);
        let scoped = user("contoso", &[Role::ReferralAdmin], LocationScope::Locations(vec!["contoso-munich".into()]));
        let cmd = Command::ToggleFavorite { referral_id: r.id.clone() };
        assert_eq!(decide(&cmd, &exchange, &scoped), Err(CommandError::NotVisible));
        let missing = Command::ToggleFavorite { referral_id: "nope".into() };
        assert_eq!(decide(&missing, &exchange, &scoped), Err(CommandError::UnknownReferral));
    }

    #[test]
    fn commands_are_serializable_values() {
        let cmd = Command::ToggleFavorite { referral_id: "r1".into() };
        let json = serde_json::to_string(&cmd).unwrap();
        assert_eq!(json, r#"{"command":"toggleFavorite","referralId":"r1"}"#);
        assert_eq!(serde_json::from_str::<Command>(&json).unwrap(), cmd);
    }
}
