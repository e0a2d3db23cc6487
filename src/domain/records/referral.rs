//! The referral resource, shaped like the Partner Center Referrals API (SPEC §2).
//!
//! One deal among several parties is one engagement (`engagement_id`) with one
//! referral per organisation: each party's own copy with its own status and team.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::records::registration::DealRegistration;
use crate::domain::records::stage::SalesStage;
use crate::domain::support::i18n::Text;
use crate::domain::support::json_reader::{JsonReader, Read, ReadJson};
use crate::domain::support::json_writer::{JsonWriter, WriteJson};
use crate::domain::support::locale::Locale;

/// Coarse state of a referral, as in the Referrals API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    New,
    Active,
    Closed,
}

wire_names!(Status {
    New => "New",
    Active => "Active",
    Closed => "Closed",
});

/// Fine state of a referral. `New+Received` waits for this party's answer,
/// `Active+Accepted` is being worked, `Closed+{Won,Lost,Declined,Expired}` is terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Substatus {
    Pending,
    Received,
    Accepted,
    Won,
    Lost,
    Declined,
    Expired,
}

wire_names!(Substatus {
    Pending => "Pending",
    Received => "Received",
    Accepted => "Accepted",
    Won => "Won",
    Lost => "Lost",
    Declined => "Declined",
    Expired => "Expired",
});

impl Substatus {
    /// Every substatus, in lifecycle order (for filters).
    pub const ALL: [Substatus; 7] = [
        Substatus::Pending,
        Substatus::Received,
        Substatus::Accepted,
        Substatus::Won,
        Substatus::Lost,
        Substatus::Declined,
        Substatus::Expired,
    ];

    /// The status this substatus belongs to.
    pub fn status(self) -> Status {
        match self {
            Substatus::Pending | Substatus::Received => Status::New,
            Substatus::Accepted => Status::Active,
            Substatus::Won | Substatus::Lost | Substatus::Declined | Substatus::Expired => {
                Status::Closed
            }
        }
    }

    /// Closed deals are read-only: no action of any kind (SPEC §6).
    pub fn is_terminal(self) -> bool {
        self.status() == Status::Closed
    }

    pub fn text(self) -> Text {
        match self {
            Substatus::Pending => Text::StatusPending,
            Substatus::Received => Text::StatusReceived,
            Substatus::Accepted => Text::StatusAccepted,
            Substatus::Won => Text::StatusWon,
            Substatus::Lost => Text::StatusLost,
            Substatus::Declined => Text::StatusDeclined,
            Substatus::Expired => Text::StatusExpired,
        }
    }

    pub fn label(self) -> &'static str {
        self.text().get(Locale::En)
    }
}

/// How far Microsoft is involved, decided by the wizard's two answers (SPEC §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SharingType {
    /// No help from Microsoft, Microsoft sellers may not view.
    Private,
    /// No help from Microsoft, Microsoft sellers may view.
    PartnerLed,
    /// Microsoft is invited to help.
    CoSell,
}

wire_names!(SharingType {
    Private => "Private",
    PartnerLed => "PartnerLed",
    CoSell => "CoSell",
});

impl SharingType {
    pub fn text(self) -> Text {
        match self {
            SharingType::Private => Text::TypePrivate,
            SharingType::PartnerLed => Text::TypePartnerLed,
            SharingType::CoSell => Text::TypeCoSell,
        }
    }

    pub fn label(self) -> &'static str {
        self.text().get(Locale::En)
    }
}

/// Whether this party received the referral or created it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    Incoming,
    Outgoing,
}

wire_names!(Direction {
    Incoming => "Incoming",
    Outgoing => "Outgoing",
});

/// The type of help asked of Microsoft or of an invited partner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HelpType {
    NoHelpRequired,
    WorkloadSpecificValueProposition,
    CustomerTechnicalArchitecture,
    ProofOfConceptOrDemo,
    QuotesAndLicensing,
    PostSalesCustomerSuccess,
    GeneralOrOther,
}

wire_names!(HelpType {
    NoHelpRequired => "NoHelpRequired",
    WorkloadSpecificValueProposition => "WorkloadSpecificValueProposition",
    CustomerTechnicalArchitecture => "CustomerTechnicalArchitecture",
    ProofOfConceptOrDemo => "ProofOfConceptOrDemo",
    QuotesAndLicensing => "QuotesAndLicensing",
    PostSalesCustomerSuccess => "PostSalesCustomerSuccess",
    GeneralOrOther => "GeneralOrOther",
});

impl HelpType {
    pub const ALL: [HelpType; 7] = [
        HelpType::NoHelpRequired,
        HelpType::WorkloadSpecificValueProposition,
        HelpType::CustomerTechnicalArchitecture,
        HelpType::ProofOfConceptOrDemo,
        HelpType::QuotesAndLicensing,
        HelpType::PostSalesCustomerSuccess,
        HelpType::GeneralOrOther,
    ];

    pub fn text(self) -> Text {
        match self {
            HelpType::NoHelpRequired => Text::HelpNone,
            HelpType::WorkloadSpecificValueProposition => Text::HelpWorkload,
            HelpType::CustomerTechnicalArchitecture => Text::HelpArchitecture,
            HelpType::ProofOfConceptOrDemo => Text::HelpProofOfConcept,
            HelpType::QuotesAndLicensing => Text::HelpQuotes,
            HelpType::PostSalesCustomerSuccess => Text::HelpPostSales,
            HelpType::GeneralOrOther => Text::HelpGeneral,
        }
    }

    pub fn label(self) -> &'static str {
        self.text().get(Locale::En)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    pub address_line1: String,
    pub city: String,
    #[serde(default)]
    pub state: String,
    #[serde(default)]
    pub postal_code: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
}

json_record!(Address {
    address_line1: "addressLine1" required,
    city: "city" required,
    state: "state" default,
    postal_code: "postalCode" default,
    country: "country" required,
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CustomerIds {
    /// Nine digits; absent for a customer entered by hand without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duns: Option<String>,
}

json_record!(CustomerIds {
    duns: "duns" omit,
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Contact {
    pub name: String,
    pub phone: String,
    pub email: String,
}

json_record!(Contact {
    name: "name" required,
    phone: "phone" required,
    email: "email" required,
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct CustomerProfile {
    pub name: String,
    pub address: Address,
    #[serde(default)]
    pub size: String,
    #[serde(default)]
    pub ids: CustomerIds,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
}

json_record!(CustomerProfile {
    name: "name" required,
    address: "address" required,
    size: "size" default,
    ids: "ids" default,
    contact: "contact" omit,
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Consent {
    /// False means Private: Microsoft sellers may not see the deal.
    pub consent_to_share_referral_with_microsoft_sellers: bool,
    pub consent_to_contact: bool,
}

json_record!(Consent {
    consent_to_share_referral_with_microsoft_sellers: "consentToShareReferralWithMicrosoftSellers" required,
    consent_to_contact: "consentToContact" required,
});

/// Incentive programs that a solution can carry (SPEC §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IncentiveProgram {
    None,
    AzureIpCoSell,
    BusinessApplicationsPremium,
    BusinessApplicationsStandard,
}

wire_names!(IncentiveProgram {
    None => "None",
    AzureIpCoSell => "AzureIpCoSell",
    BusinessApplicationsPremium => "BusinessApplicationsPremium",
    BusinessApplicationsStandard => "BusinessApplicationsStandard",
});

impl IncentiveProgram {
    /// Whether a deal with this solution can be registered for incentives.
    pub fn is_incentive_eligible(self) -> bool {
        !matches!(self, IncentiveProgram::None)
    }

    pub fn text(self) -> Text {
        match self {
            IncentiveProgram::None => Text::ProgramNone,
            IncentiveProgram::AzureIpCoSell => Text::ProgramAzureIp,
            IncentiveProgram::BusinessApplicationsPremium => Text::ProgramBizAppsPremium,
            IncentiveProgram::BusinessApplicationsStandard => Text::ProgramBizAppsStandard,
        }
    }

    pub fn label(self) -> &'static str {
        self.text().get(Locale::En)
    }
}

/// Which of the wizard's four groups a solution belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SolutionKind {
    /// A partner's own co-sell solution.
    Partner,
    /// A Microsoft product.
    Microsoft,
    /// A solution assessment (vetted organisations only).
    Assessment,
}

wire_names!(SolutionKind {
    Partner => "Partner",
    Microsoft => "Microsoft",
    Assessment => "Assessment",
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Solution {
    pub id: String,
    pub name: String,
    pub publisher: String,
    /// Organisation id of the publisher, when it is one of the directory's organisations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher_organization_id: Option<String>,
    pub kind: SolutionKind,
    pub incentive_program: IncentiveProgram,
}

json_record!(Solution {
    id: "id" required,
    name: "name" required,
    publisher: "publisher" required,
    publisher_organization_id: "publisherOrganizationId" omit,
    kind: "kind" required,
    incentive_program: "incentiveProgram" required,
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Requirements {
    #[serde(default)]
    pub solutions: Vec<Solution>,
}

json_record!(Requirements {
    solutions: "solutions" default,
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Details {
    /// Estimated value, at least 0 with at most two decimals.
    pub deal_value: f64,
    /// ISO 4217.
    pub currency: String,
    #[serde(with = "crate::domain::support::instant::utc")]
    pub closing_date_time: DateTime<Utc>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub requirements: Requirements,
    pub help_type: HelpType,
    /// For solution assessments: the organisation's location where it is delivered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment_location: Option<String>,
}

json_record!(Details {
    deal_value: "dealValue" required,
    currency: "currency" required,
    closing_date_time: "closingDateTime" required,
    notes: "notes" default,
    requirements: "requirements" default,
    help_type: "helpType" required,
    assessment_location: "assessmentLocation" omit,
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvitedBy {
    pub organization_id: String,
    pub name: String,
}

json_record!(InvitedBy {
    organization_id: "organizationId" required,
    name: "name" required,
});

/// What the inviting party told this one when it shared the deal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InviteContext {
    pub invited_by: InvitedBy,
    #[serde(default)]
    pub notes: String,
    pub help_type: HelpType,
    /// The inviter's people who work with this party.
    #[serde(default)]
    pub contacts: Vec<Contact>,
}

json_record!(InviteContext {
    invited_by: "invitedBy" required,
    notes: "notes" default,
    help_type: "helpType" required,
    contacts: "contacts" default,
});

/// One organisation's copy of a deal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Referral {
    pub id: String,
    pub engagement_id: String,
    pub organization_id: String,
    pub name: String,
    /// The CRM ID.
    #[serde(default)]
    pub external_reference_id: String,
    #[serde(default)]
    pub marketing_campaign_id: String,
    #[serde(with = "crate::domain::support::instant::utc")]
    pub created_date_time: DateTime<Utc>,
    #[serde(with = "crate::domain::support::instant::utc")]
    pub updated_date_time: DateTime<Utc>,
    /// When a Received referral expires unanswered (14 days after it arrived).
    #[serde(
        with = "crate::domain::support::instant::utc_opt",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub expiration_date_time: Option<DateTime<Utc>>,
    #[serde(
        with = "crate::domain::support::instant::utc_opt",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub accepted_date_time: Option<DateTime<Utc>>,
    pub status: Status,
    pub substatus: Substatus,
    #[serde(default)]
    pub status_reason: String,
    /// Why the deal was closed, as a code; `status_reason` is its English text for the API.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_reason_code: Option<ReasonCode>,
    /// What the user added to the reason.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub status_reason_notes: String,
    #[serde(rename = "type")]
    pub sharing: SharingType,
    /// Partner to partner: the creator invited other partners.
    #[serde(default)]
    pub p2p: bool,
    #[serde(default)]
    pub qualification: String,
    pub direction: Direction,
    /// Id of one of the organisation's business locations; fixed at creation.
    pub location: String,
    pub customer_profile: CustomerProfile,
    pub consent: Consent,
    pub details: Details,
    #[serde(default)]
    pub team: Vec<Contact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invite_context: Option<InviteContext>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sales_stage: Option<SalesStage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration: Option<DealRegistration>,
    #[serde(rename = "eTag")]
    pub e_tag: String,
}

json_record!(Referral {
    id: "id" required,
    engagement_id: "engagementId" required,
    organization_id: "organizationId" required,
    name: "name" required,
    external_reference_id: "externalReferenceId" default,
    marketing_campaign_id: "marketingCampaignId" default,
    created_date_time: "createdDateTime" required,
    updated_date_time: "updatedDateTime" required,
    expiration_date_time: "expirationDateTime" omit,
    accepted_date_time: "acceptedDateTime" omit,
    status: "status" required,
    substatus: "substatus" required,
    status_reason: "statusReason" default,
    status_reason_code: "statusReasonCode" omit,
    status_reason_notes: "statusReasonNotes" omit,
    sharing: "type" required,
    p2p: "p2p" default,
    qualification: "qualification" default,
    direction: "direction" required,
    location: "location" required,
    customer_profile: "customerProfile" required,
    consent: "consent" required,
    details: "details" required,
    team: "team" default,
    invite_context: "inviteContext" omit,
    sales_stage: "salesStage" omit,
    registration: "registration" omit,
    e_tag: "eTag" required,
});

impl Referral {
    /// Received: waiting for this organisation's answer (accept or decline).
    pub fn awaits_answer(&self) -> bool {
        self.substatus == Substatus::Received
    }

    /// Microsoft's view-only copy of a Partner-led deal: seen, never answered (Pending).
    pub fn is_view_only(&self) -> bool {
        self.substatus == Substatus::Pending
    }

    /// A solution assessment deal: it carries an assessment solution.
    pub fn is_solution_assessment(&self) -> bool {
        self.details
            .requirements
            .solutions
            .iter()
            .any(|s| s.kind == SolutionKind::Assessment)
    }

    /// The deal type as the product names it: "Co-sell + P2P", "Solution assessment", …
    pub fn type_label(&self) -> String {
        self.type_label_in(Locale::En)
    }

    pub fn type_label_in(&self, locale: Locale) -> String {
        deal_type_label_in(
            locale,
            self.sharing,
            self.p2p,
            self.is_solution_assessment(),
        )
    }

    /// Whether `email` is on this referral's team (case-insensitive).
    pub fn has_team_member(&self, email: &str) -> bool {
        self.team
            .iter()
            .any(|m| m.email.eq_ignore_ascii_case(email))
    }

    /// The status cell of the lists: the substatus, and the sales stage while it is worked.
    pub fn status_label(&self) -> String {
        self.status_label_in(Locale::En)
    }

    pub fn status_label_in(&self, locale: Locale) -> String {
        match (self.substatus, self.sales_stage) {
            (Substatus::Accepted, Some(SalesStage::Created | SalesStage::Accepted))
            | (Substatus::Accepted, None) => {
                format!(
                    "{} ({}%)",
                    Text::StatusAccepted.get(locale),
                    SalesStage::Accepted.percent()
                )
            }
            (Substatus::Accepted, Some(stage)) => {
                format!("{} ({}%)", stage.text().get(locale), stage.percent())
            }
            (s, _) => s.text().get(locale).to_string(),
        }
    }
}

/// The deal type as the product names it, from its parts.
pub fn deal_type_label(sharing: SharingType, p2p: bool, assessment: bool) -> String {
    deal_type_label_in(Locale::En, sharing, p2p, assessment)
}

pub fn deal_type_label_in(
    locale: Locale,
    sharing: SharingType,
    p2p: bool,
    assessment: bool,
) -> String {
    let base = if assessment {
        Text::TypeSolutionAssessment
    } else {
        sharing.text()
    }
    .get(locale);
    if p2p {
        format!("{base} + P2P")
    } else {
        base.to_string()
    }
}

/// Why a party declines a referral (SPEC §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeclineReason {
    ProjectBudgetInsufficient,
    CustomerUnresponsive,
    CustomerChoseAnotherVendor,
    CustomerNeedNotMet,
    NotACustomer,
    ProposedTimelineTooShort,
    ReportAsAbuse,
    Other,
}

wire_names!(DeclineReason {
    ProjectBudgetInsufficient => "ProjectBudgetInsufficient",
    CustomerUnresponsive => "CustomerUnresponsive",
    CustomerChoseAnotherVendor => "CustomerChoseAnotherVendor",
    CustomerNeedNotMet => "CustomerNeedNotMet",
    NotACustomer => "NotACustomer",
    ProposedTimelineTooShort => "ProposedTimelineTooShort",
    ReportAsAbuse => "ReportAsAbuse",
    Other => "Other",
});

impl DeclineReason {
    pub const ALL: [DeclineReason; 8] = [
        DeclineReason::ProjectBudgetInsufficient,
        DeclineReason::CustomerUnresponsive,
        DeclineReason::CustomerChoseAnotherVendor,
        DeclineReason::CustomerNeedNotMet,
        DeclineReason::NotACustomer,
        DeclineReason::ProposedTimelineTooShort,
        DeclineReason::ReportAsAbuse,
        DeclineReason::Other,
    ];

    pub fn text(self) -> Text {
        match self {
            DeclineReason::ProjectBudgetInsufficient => Text::DeclineBudget,
            DeclineReason::CustomerUnresponsive => Text::DeclineUnresponsive,
            DeclineReason::CustomerChoseAnotherVendor => Text::DeclineOtherVendor,
            DeclineReason::CustomerNeedNotMet => Text::DeclineNeedNotMet,
            DeclineReason::NotACustomer => Text::DeclineNotACustomer,
            DeclineReason::ProposedTimelineTooShort => Text::DeclineTimeline,
            DeclineReason::ReportAsAbuse => Text::DeclineAbuse,
            DeclineReason::Other => Text::ReasonOther,
        }
    }

    pub fn label(self) -> &'static str {
        self.text().get(Locale::En)
    }
}

/// Why a deal is lost (SPEC §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LossReason {
    Competitor,
    NoBudget,
    NoDecision,
    NeedChanged,
    Timing,
    Other,
}

wire_names!(LossReason {
    Competitor => "Competitor",
    NoBudget => "NoBudget",
    NoDecision => "NoDecision",
    NeedChanged => "NeedChanged",
    Timing => "Timing",
    Other => "Other",
});

impl LossReason {
    pub const ALL: [LossReason; 6] = [
        LossReason::Competitor,
        LossReason::NoBudget,
        LossReason::NoDecision,
        LossReason::NeedChanged,
        LossReason::Timing,
        LossReason::Other,
    ];

    pub fn text(self) -> Text {
        match self {
            LossReason::Competitor => Text::LossCompetitor,
            LossReason::NoBudget => Text::LossNoBudget,
            LossReason::NoDecision => Text::LossNoDecision,
            LossReason::NeedChanged => Text::LossNeedChanged,
            LossReason::Timing => Text::LossTiming,
            LossReason::Other => Text::ReasonOther,
        }
    }

    pub fn label(self) -> &'static str {
        self.text().get(Locale::En)
    }
}

/// Why a deal was closed, as a code (SPEC §6): what lists filter and sort by and what is
/// shown in the reader's language. Stored as "Declined/<reason>", "Lost/<reason>" or "Expired";
/// the API's `statusReason` text is derived from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReasonCode {
    Declined(DeclineReason),
    Lost(LossReason),
    Expired,
}

impl ReasonCode {
    pub fn code(self) -> String {
        match self {
            ReasonCode::Declined(r) => format!("Declined/{}", r.wire_name()),
            ReasonCode::Lost(r) => format!("Lost/{}", r.wire_name()),
            ReasonCode::Expired => "Expired".into(),
        }
    }

    pub fn from_code(code: &str) -> Option<ReasonCode> {
        match code.split_once('/') {
            Some(("Declined", r)) => DeclineReason::from_wire_name(r).map(ReasonCode::Declined),
            Some(("Lost", r)) => LossReason::from_wire_name(r).map(ReasonCode::Lost),
            None if code == "Expired" => Some(ReasonCode::Expired),
            _ => None,
        }
    }
}

impl Serialize for ReasonCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.code())
    }
}

impl<'de> Deserialize<'de> for ReasonCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        ReasonCode::from_code(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown reason code {text:?}")))
    }
}

impl WriteJson for ReasonCode {
    fn write_json(&self, w: &mut JsonWriter<'_>) {
        w.string(&self.code());
    }
}

impl ReadJson for ReasonCode {
    fn read_json(r: &mut JsonReader<'_>) -> Read<Self> {
        let text = r.str()?;
        ReasonCode::from_code(&text).ok_or_else(|| r.fail("unknown reason code", &text))
    }
}

/// The filter a list can apply on deal types (SPEC §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TypeFilter {
    Private,
    PartnerLed,
    CoSell,
    P2p,
    SolutionAssessment,
}

wire_names!(TypeFilter {
    Private => "Private",
    PartnerLed => "PartnerLed",
    CoSell => "CoSell",
    P2p => "P2p",
    SolutionAssessment => "SolutionAssessment",
});

impl TypeFilter {
    pub const ALL: [TypeFilter; 5] = [
        TypeFilter::CoSell,
        TypeFilter::PartnerLed,
        TypeFilter::Private,
        TypeFilter::P2p,
        TypeFilter::SolutionAssessment,
    ];

    pub fn text(self) -> Text {
        match self {
            TypeFilter::Private => Text::TypePrivate,
            TypeFilter::PartnerLed => Text::TypePartnerLed,
            TypeFilter::CoSell => Text::TypeCoSell,
            TypeFilter::P2p => Text::TypeP2p,
            TypeFilter::SolutionAssessment => Text::TypeSolutionAssessment,
        }
    }

    pub fn label(self) -> &'static str {
        self.text().get(Locale::En)
    }

    pub fn matches(self, r: &Referral) -> bool {
        match self {
            TypeFilter::Private => r.sharing == SharingType::Private,
            TypeFilter::PartnerLed => r.sharing == SharingType::PartnerLed,
            TypeFilter::CoSell => r.sharing == SharingType::CoSell,
            TypeFilter::P2p => r.p2p,
            TypeFilter::SolutionAssessment => r.is_solution_assessment(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::referral_at;

    #[test]
    fn the_status_cell_shows_the_stage_while_a_deal_is_worked() {
        let mut r = referral_at("contoso", "contoso-munich", &[]);
        assert_eq!(r.status_label(), "Accepted (10%)");
        r.sales_stage = Some(SalesStage::Proposed);
        assert_eq!(r.status_label(), "Proposed (60%)");
        r.substatus = Substatus::Lost;
        assert_eq!(r.status_label(), "Lost");
    }

    fn distinct<T>(items: &[T], label: impl Fn(&T) -> &'static str) -> bool {
        let set: std::collections::HashSet<&str> = items.iter().map(label).collect();
        set.len() == items.len()
    }

    #[test]
    fn labels_are_distinct_so_filters_and_screen_readers_can_tell_them_apart() {
        // The list filters find the chosen option by its label.
        assert!(distinct(&Substatus::ALL, |s| s.label()));
        assert!(distinct(&TypeFilter::ALL, |t| t.label()));
        assert!(distinct(&DeclineReason::ALL, |r| r.label()));
        assert!(distinct(&HelpType::ALL, |h| h.label()));
        assert!(distinct(
            &[
                SharingType::Private,
                SharingType::PartnerLed,
                SharingType::CoSell
            ],
            |s| s.label()
        ));
        let programs = [
            IncentiveProgram::None,
            IncentiveProgram::AzureIpCoSell,
            IncentiveProgram::BusinessApplicationsPremium,
            IncentiveProgram::BusinessApplicationsStandard,
        ];
        assert!(distinct(&programs, |p| p.label()));
        assert_eq!(
            programs
                .iter()
                .filter(|p| p.is_incentive_eligible())
                .count(),
            3
        );
        assert!(Substatus::ALL
            .iter()
            .filter(|s| s.is_terminal())
            .all(|s| s.status() == Status::Closed));
    }

    #[test]
    fn type_labels_combine_sharing_p2p_and_assessment() {
        let mut r = referral_at("contoso", "contoso-munich", &[]);
        r.sharing = SharingType::CoSell;
        r.p2p = true;
        assert_eq!(r.type_label(), "Co-sell + P2P");
        r.details.requirements.solutions.push(Solution {
            id: "sa".into(),
            name: "Security assessment".into(),
            publisher: "Microsoft".into(),
            publisher_organization_id: None,
            kind: SolutionKind::Assessment,
            incentive_program: IncentiveProgram::None,
        });
        r.p2p = false;
        assert_eq!(r.type_label(), "Solution assessment");
        assert!(TypeFilter::SolutionAssessment.matches(&r));
    }
}
