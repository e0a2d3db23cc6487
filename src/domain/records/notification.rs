//! A notification as stored: what happened to which referral, for whom, and whether it was
//! read. Who hears about what is a rule: `deal::notify`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::records::registration::RegistrationStatus;
use crate::domain::support::json_reader::{JsonReader, Read, ReadJson};
use crate::domain::support::json_writer::{JsonWriter, WriteJson};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "KindRecord", into = "KindRecord")]
pub enum NotificationKind {
    /// A referral arrived and waits for an answer.
    NewInbound,
    /// The invited party accepted.
    Accepted { by: String },
    /// The invited party declined, with its reason.
    Declined { by: String, reason: String },
    /// The invited party did not answer within 14 days.
    Expired { by: String },
    /// A Microsoft seller decided on the deal registration.
    Registration { status: RegistrationStatus },
}

/// The stored form: `{"kind": "declined", "by": "…", "reason": "…"}`, read as a plain
/// struct (a tagged enum would pull serde's buffering machinery into the wasm).
#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct KindRecord {
    kind: KindTag,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    by: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<RegistrationStatus>,
}

json_record!(KindRecord {
    kind: "kind" required,
    by: "by" omit,
    reason: "reason" omit,
    status: "status" omit,
});

impl WriteJson for NotificationKind {
    fn write_json(&self, w: &mut JsonWriter<'_>) {
        KindRecord::from(self.clone()).write_json(w);
    }
}

impl ReadJson for NotificationKind {
    fn read_json(r: &mut JsonReader<'_>) -> Read<Self> {
        KindRecord::read_json(r).map(Self::from)
    }
}

#[derive(Clone, Copy)]
enum KindTag {
    NewInbound,
    Accepted,
    Declined,
    Expired,
    Registration,
}

wire_names!(KindTag {
    NewInbound => "newInbound",
    Accepted => "accepted",
    Declined => "declined",
    Expired => "expired",
    Registration => "registration",
});

impl From<KindRecord> for NotificationKind {
    fn from(r: KindRecord) -> Self {
        match r.kind {
            KindTag::NewInbound => NotificationKind::NewInbound,
            KindTag::Accepted => NotificationKind::Accepted { by: r.by },
            KindTag::Declined => NotificationKind::Declined {
                by: r.by,
                reason: r.reason,
            },
            KindTag::Expired => NotificationKind::Expired { by: r.by },
            KindTag::Registration => NotificationKind::Registration {
                status: r.status.unwrap_or(RegistrationStatus::Submitted),
            },
        }
    }
}

impl From<NotificationKind> for KindRecord {
    fn from(k: NotificationKind) -> Self {
        let record = |kind| KindRecord {
            kind,
            by: String::new(),
            reason: String::new(),
            status: None,
        };
        match k {
            NotificationKind::NewInbound => record(KindTag::NewInbound),
            NotificationKind::Accepted { by } => KindRecord {
                by,
                ..record(KindTag::Accepted)
            },
            NotificationKind::Declined { by, reason } => KindRecord {
                by,
                reason,
                ..record(KindTag::Declined)
            },
            NotificationKind::Expired { by } => KindRecord {
                by,
                ..record(KindTag::Expired)
            },
            NotificationKind::Registration { status } => KindRecord {
                status: Some(status),
                ..record(KindTag::Registration)
            },
        }
    }
}

/// One message to one person: in-app for users, and an email unless they turned emails off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Notification {
    pub id: String,
    /// The user it is for; `None` for a location's contact address (email only).
    pub user_id: Option<String>,
    pub email: String,
    pub locale: String,
    /// The recipient organisation's own referral it is about.
    pub referral_id: String,
    pub deal_name: String,
    #[serde(with = "crate::domain::support::instant::utc")]
    pub at: DateTime<Utc>,
    pub kind: NotificationKind,
    /// Whether it goes to the email outbox.
    pub emailed: bool,
    #[serde(default)]
    pub read: bool,
}

json_record!(Notification {
    id: "id" required,
    user_id: "userId" default,
    email: "email" required,
    locale: "locale" required,
    referral_id: "referralId" required,
    deal_name: "dealName" required,
    at: "at" required,
    kind: "kind" required,
    emailed: "emailed" required,
    read: "read" default,
});
