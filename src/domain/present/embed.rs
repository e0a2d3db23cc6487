//! Embedding in a host page (an intranet): which origins may talk to the app, what a host
//! may send (the signed-in user, a theme), and the events the app reports back.
//!
//! Everything a host sends is checked here before the app uses it.

use serde::Serialize;

use crate::domain::exchange::{Exchange, Outcome};
use crate::domain::records::referral::Substatus;
use crate::domain::support::json_reader::from_json;

/// `embed.json` next to index.html: the deployer's list of host origins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmbedConfig {
    pub allowed_origins: Vec<String>,
}

json_record!(EmbedConfig {
    allowed_origins: "allowedOrigins" default,
});

impl EmbedConfig {
    /// A missing, unreadable or malformed file allows no host: the app then neither reads
    /// nor sends messages. Origins that are not `scheme://host[:port]` are dropped.
    pub fn parse(text: &str) -> Self {
        let mut config: Self = from_json(text).unwrap_or_default();
        config.allowed_origins.retain(|o| is_origin(o));
        config
    }

    pub fn allows(&self, origin: &str) -> bool {
        self.allowed_origins.iter().any(|o| o == origin)
    }
}

fn is_origin(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|host| !host.is_empty() && !host.contains(['/', '?', '#', '@', ' ']))
}

/// What a host may send: `{"type": "cosell:init", "user": "<user id>", "theme": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostMessage {
    Init {
        user: Option<String>,
        theme: Vec<(String, String)>,
    },
}

impl HostMessage {
    /// A message from its parts as read from the `postMessage` data (`type`, `user`, and
    /// the `theme` object's string entries); `None` for anything that is not one of the
    /// messages above.
    pub fn from_parts(
        kind: Option<&str>,
        user: Option<String>,
        theme: Vec<(String, String)>,
    ) -> Option<Self> {
        (kind == Some("cosell:init")).then(|| HostMessage::Init {
            user: user.filter(|u| !u.is_empty()),
            theme,
        })
    }
}

/// The theme properties the app accepts: its documented custom properties (`--cs-…`, see
/// README, Theming) with plain values; anything else is dropped.
pub fn theme_properties(theme: &[(String, String)]) -> Vec<(String, String)> {
    theme
        .iter()
        .filter(|(name, value)| {
            name.strip_prefix("--cs-").is_some_and(|n| {
                !n.is_empty()
                    && n.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            }) && plain_value(value)
        })
        .cloned()
        .collect()
}

/// The CSS functions a theme value may call: colours and arithmetic, none of which loads
/// anything (`url()`, `image-set()`, `src()` and the like would fetch from the host's choice
/// of address, outside the app's content policy).
const THEME_FUNCTIONS: [&str; 8] = ["rgb", "rgba", "hsl", "hsla", "calc", "min", "max", "clamp"];

/// A value that cannot end its declaration, open a block, escape a character or call a
/// function outside [`THEME_FUNCTIONS`].
fn plain_value(value: &str) -> bool {
    if value.len() > 200 || value.contains([';', '{', '}', '<', '>', '\\', '@']) {
        return false;
    }
    let mut name = String::new();
    for c in value.chars() {
        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            name.push(c.to_ascii_lowercase());
            continue;
        }
        if c == '(' && !THEME_FUNCTIONS.contains(&name.as_str()) {
            return false;
        }
        name.clear();
    }
    true
}

/// What the app tells its host.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type")]
pub enum HostEvent {
    /// The app started and listens.
    #[serde(rename = "cosell:ready")]
    Ready,
    #[serde(rename = "cosell:deal-created")]
    DealCreated { id: String, name: String },
    #[serde(rename = "cosell:deal-won")]
    DealWon { id: String, name: String },
}

write_tagged!(HostEvent, "type" {
    Ready "cosell:ready" {},
    DealCreated "cosell:deal-created" { id: "id", name: "name" },
    DealWon "cosell:deal-won" { id: "id", name: "name" },
});

/// The events of `outcome`, saved by a user of `organization_id` over `before`: the deals
/// that organisation created, and those it marked won. Copies for other parties are not
/// reported (their host hears of them in their own app).
pub fn events(before: &Exchange, outcome: &Outcome, organization_id: &str) -> Vec<HostEvent> {
    outcome
        .referrals
        .iter()
        .filter(|w| w.referral.organization_id == organization_id)
        .filter_map(|w| {
            let r = &w.referral;
            let (id, name) = (r.id.clone(), r.name.clone());
            match before.referral(&r.id) {
                None => Some(HostEvent::DealCreated { id, name }),
                Some(old) if r.substatus == Substatus::Won && old.substatus != Substatus::Won => {
                    Some(HostEvent::DealWon { id, name })
                }
                Some(_) => None,
            }
        })
        .collect()
}

impl HostEvent {
    pub fn to_json(&self) -> String {
        crate::domain::support::json_writer::to_json(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::exchange::ReferralWrite;
    use crate::domain::testing::referral_at;

    #[test]
    fn only_well_formed_origins_are_allowed_and_a_broken_file_allows_none() {
        let c = EmbedConfig::parse(
            r#"{"allowedOrigins": ["https://intranet.example", "http://localhost:8090", "*", "https://a.example/path", "javascript:alert(1)"]}"#,
        );
        assert_eq!(
            c.allowed_origins,
            vec!["https://intranet.example", "http://localhost:8090"]
        );
        assert!(c.allows("https://intranet.example"));
        assert!(!c.allows("https://intranet.example.evil"));
        assert_eq!(EmbedConfig::parse("not json"), EmbedConfig::default());
        assert!(!EmbedConfig::parse("").allows("null"));
    }

    #[test]
    fn only_an_init_message_is_understood() {
        let theme = vec![("--cs-accent".to_string(), "#005a9e".to_string())];
        let m = HostMessage::from_parts(
            Some("cosell:init"),
            Some("contoso-de-seller".into()),
            theme.clone(),
        );
        assert_eq!(
            m,
            Some(HostMessage::Init {
                user: Some("contoso-de-seller".into()),
                theme
            })
        );
        assert_eq!(
            HostMessage::from_parts(Some("cosell:init"), Some(String::new()), vec![]),
            Some(HostMessage::Init {
                user: None,
                theme: vec![]
            })
        );
        assert_eq!(HostMessage::from_parts(Some("other"), None, vec![]), None);
        assert_eq!(
            HostMessage::from_parts(None, Some("x".into()), vec![]),
            None
        );
    }

    #[test]
    fn only_documented_properties_with_plain_values_are_themed() {
        let theme = [
            ("--cs-accent", "#005a9e"),
            ("--cs-font", "\"Segoe UI\", sans-serif"),
            ("color", "red"),
            ("--cs-bg", "red; background: url(x)"),
            ("--cs-surface", "url(https://tracker.example/x.png)"),
            ("--cs-", "x"),
            ("--cs-Text", "x"),
            ("--cs-shadow", "0 1px 2px rgba(0, 0, 0, 0.1)"),
            ("--cs-max-width", "calc(100% - 2rem)"),
            (
                "--cs-accent-soft",
                "image-set(\"https://tracker.example/x.png\" 1x)",
            ),
            ("--cs-accent-hover", "-webkit-image-set(\"x.png\" 1x)"),
            ("--cs-danger", "URL (x)"),
            ("--cs-heart", "src(\"x\")"),
            ("--cs-focus", "\\75 rl(x)"),
            ("--cs-border", "@import 'x'"),
            ("--cs-radius", &"4px ".repeat(60)),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()));
        let kept: Vec<_> = theme_properties(&theme)
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        assert_eq!(
            kept,
            vec!["--cs-accent", "--cs-font", "--cs-shadow", "--cs-max-width"]
        );
    }

    #[test]
    fn a_created_deal_and_a_won_deal_of_the_own_organisation_are_reported() {
        let a = referral_at("contoso", "contoso-munich", &[]);
        let before = Exchange::new(vec![a.clone()], vec![]);
        let mut created = referral_at("contoso", "contoso-munich", &[]);
        created.id = "new".into();
        created.name = "New deal".into();
        let mut partner_copy = created.clone();
        partner_copy.id = "copy".into();
        partner_copy.organization_id = "fabrikam".into();
        let mut won = a.clone();
        won.substatus = Substatus::Won;
        let outcome = Outcome {
            referrals: vec![
                ReferralWrite {
                    referral: created,
                    expected_etag: None,
                },
                ReferralWrite {
                    referral: partner_copy,
                    expected_etag: None,
                },
                ReferralWrite {
                    referral: won.clone(),
                    expected_etag: Some(a.e_tag.clone()),
                },
            ],
            ..Outcome::default()
        };
        let got = events(&before, &outcome, "contoso");
        assert_eq!(
            got,
            vec![
                HostEvent::DealCreated {
                    id: "new".into(),
                    name: "New deal".into()
                },
                HostEvent::DealWon {
                    id: a.id.clone(),
                    name: a.name.clone()
                },
            ]
        );
        // Saving a deal that was already won again is no new event.
        let after = Exchange::new(vec![won.clone()], vec![]);
        let again = Outcome {
            referrals: vec![ReferralWrite {
                referral: won,
                expected_etag: Some(a.e_tag.clone()),
            }],
            ..Outcome::default()
        };
        assert!(events(&after, &again, "contoso").is_empty());
        assert_eq!(
            HostEvent::DealCreated {
                id: "1".into(),
                name: "A \"quoted\" deal".into()
            }
            .to_json(),
            r#"{"type":"cosell:deal-created","id":"1","name":"A \"quoted\" deal"}"#
        );
        assert_eq!(HostEvent::Ready.to_json(), r#"{"type":"cosell:ready"}"#);
    }
}
