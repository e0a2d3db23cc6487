//! The co-sell rules the UI asks before it offers an action, and the write path checks
//! before it decides one: deal types and upgrades (SPEC §3), the lifecycle and sales stages
//! (SPEC §6), registration (SPEC §7). One function per rule; both sides call it.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::deal::eligibility::{eligible_when_won, is_eligible};
use crate::domain::deal::response_window::time_left;
use crate::domain::deal::visibility::can_see;
use crate::domain::deal::visibility::works_on_deals;
use crate::domain::exchange::Exchange;
use crate::domain::records::directory::{Role, User};
use crate::domain::records::referral::{Direction, HelpType, Referral, SharingType, Substatus};
use crate::domain::records::registration::RegistrationStatus;
use crate::domain::records::stage::SalesStage;
use crate::domain::support::i18n::Text;
use crate::domain::support::locale::Locale;

/// Marking an eligible deal won this soon after creation asks for confirmation (SPEC §7).
pub const EARLY_WIN_HOURS: i64 = 72;

/// The deal type from the wizard's two answers (SPEC §3): any help from Microsoft makes it
/// Co-sell; otherwise it is Partner-led when Microsoft sellers may view it, else Private.
pub fn deal_type(help: HelpType, microsoft_may_view: bool) -> SharingType {
    match (help, microsoft_may_view) {
        (HelpType::NoHelpRequired, false) => SharingType::Private,
        (HelpType::NoHelpRequired, true) => SharingType::PartnerLed,
        _ => SharingType::CoSell,
    }
}

/// An upgrade of a deal's sharing (SPEC §3 upgrade table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Upgrade {
    /// Invite Microsoft: the deal becomes Co-sell.
    InviteMicrosoft,
    /// Let Microsoft sellers view: Private becomes Partner-led.
    AllowMicrosoftView,
    /// Invite another partner: the type stays, the deal becomes P2P.
    InvitePartner,
}

wire_names!(Upgrade {
    InviteMicrosoft => "InviteMicrosoft",
    AllowMicrosoftView => "AllowMicrosoftView",
    InvitePartner => "InvitePartner",
});

impl Upgrade {
    /// The sharing type after the upgrade.
    pub fn result(self, from: SharingType) -> SharingType {
        match self {
            Upgrade::InviteMicrosoft => SharingType::CoSell,
            Upgrade::AllowMicrosoftView => SharingType::PartnerLed,
            Upgrade::InvitePartner => from,
        }
    }
}

/// Which upgrades the deal's type allows at all (the state rules come on top).
pub fn upgrades_for(sharing: SharingType) -> Vec<Upgrade> {
    match sharing {
        SharingType::Private => vec![
            Upgrade::InviteMicrosoft,
            Upgrade::AllowMicrosoftView,
            Upgrade::InvitePartner,
        ],
        SharingType::PartnerLed => vec![Upgrade::InviteMicrosoft, Upgrade::InvitePartner],
        SharingType::CoSell => vec![Upgrade::InvitePartner],
    }
}

/// Something a user can do to a referral.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    Accept,
    Decline,
    Expire,
    Edit,
    AddTeamMember,
    RemoveTeamMember,
    EditSolutions,
    InviteMicrosoft,
    AllowMicrosoftView,
    InvitePartner,
    MarkStage(SalesStage),
    MarkWon,
    MarkLost,
    Register,
    Resubmit,
    StartReview,
    Approve,
    RequestAction,
    Reject,
    /// A note every party of the engagement reads (SPEC §6).
    AddSharedNote,
}

impl Action {
    /// What happened after a bulk answer to `n` deals.
    pub fn done_all(self, n: usize) -> String {
        self.done_all_in(Locale::En, n)
    }

    pub fn done_all_in(self, locale: Locale, n: usize) -> String {
        let n_text = n.to_string();
        match self {
            _ if n == 1 => self.done_in(locale),
            Action::Accept => Text::DoneAcceptAll.fill(locale, &[("n", &n_text)]),
            Action::Decline => Text::DoneDeclineAll.fill(locale, &[("n", &n_text)]),
            _ => Text::DoneMany.fill(locale, &[("n", &n_text), ("done", &self.done_in(locale))]),
        }
    }

    /// What the user is told once it is saved.
    pub fn done(self) -> String {
        self.done_in(Locale::En)
    }

    pub fn done_in(self, locale: Locale) -> String {
        self.word(locale, self.texts().1)
    }

    /// The button that offers it (SPEC §11).
    pub fn label(self) -> String {
        self.label_in(Locale::En)
    }

    pub fn label_in(self, locale: Locale) -> String {
        self.word(locale, self.texts().0)
    }

    /// `text` in `locale`, with the stage of a MarkStage in its `{stage}`.
    fn word(self, locale: Locale, text: Text) -> String {
        match self {
            Action::MarkStage(stage) => text.fill(locale, &[("stage", stage.text().get(locale))]),
            _ => text.get(locale).to_string(),
        }
    }

    /// The action's button and what the user is told once it is saved, in one table.
    fn texts(self) -> (Text, Text) {
        use Action::*;
        match self {
            Accept => (Text::ActAccept, Text::DoneAccept),
            Decline => (Text::ActDecline, Text::DoneDecline),
            Expire => (Text::ActExpire, Text::DoneExpire),
            Edit => (Text::ActEdit, Text::DoneEdit),
            AddTeamMember => (Text::ActAddMember, Text::DoneAddMember),
            RemoveTeamMember => (Text::ActRemoveMember, Text::DoneRemoveMember),
            EditSolutions => (Text::ActEditSolutions, Text::DoneEditSolutions),
            InviteMicrosoft => (Text::ActInviteMicrosoft, Text::DoneInviteMicrosoft),
            AllowMicrosoftView => (Text::ActAllowView, Text::DoneAllowView),
            InvitePartner => (Text::ActInvitePartner, Text::DoneInvitePartner),
            MarkStage(_) => (Text::ActMarkStage, Text::DoneMarkStage),
            MarkWon => (Text::ActMarkWon, Text::DoneWon),
            MarkLost => (Text::ActMarkLost, Text::DoneLost),
            Register => (Text::ActRegister, Text::DoneRegister),
            Resubmit => (Text::ActResubmit, Text::DoneRegister),
            StartReview => (Text::ActStartReview, Text::DoneStartReview),
            Approve => (Text::ActApprove, Text::DoneApprove),
            RequestAction => (Text::ActRequestAction, Text::DoneRequestAction),
            Reject => (Text::ActReject, Text::DoneReject),
            AddSharedNote => (Text::ActAddSharedNote, Text::DoneAddSharedNote),
        }
    }
}

/// Why an action is not allowed now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Refusal {
    NoReferralRole,
    NotVisible,
    Terminal,
    NotReceived,
    NotAccepted,
    ResponseWindowClosed,
    ResponseWindowOpen,
    NotCreator,
    UpgradeNotAllowed,
    StageNotForward,
    StageNotNext,
    WrongStageKind,
    AssessmentIncomplete,
    EarlyWinNeedsConfirmation,
    NotEligible,
    AlreadyRegistered,
    NotValidator,
    RegistrationState,
    LastTeamMember,
    VendorCannotInvitePartners,
    /// Microsoft's copy is never registered: the registrant is always a partner.
    OnlyPartnersRegister,
    DealExists,
    NotPartnerAdmin,
    LastPartnerAdmin,
    CannotDeactivateSelf,
    UnknownUser,
    UnknownLocation,
    LastLocation,
    LocationInUse,
    LocationInScope,
    UnknownSolution,
}

impl Refusal {
    /// Why, as a clause to follow "Nothing was changed:".
    pub fn text(self) -> Text {
        match self {
            Refusal::NoReferralRole => Text::NoReferralRole,
            Refusal::NotVisible => Text::NotVisible,
            Refusal::Terminal => Text::Terminal,
            Refusal::NotReceived => Text::NotReceived,
            Refusal::NotAccepted => Text::NotAccepted,
            Refusal::ResponseWindowClosed => Text::WindowClosed,
            Refusal::ResponseWindowOpen => Text::WindowOpen,
            Refusal::NotCreator => Text::NotCreator,
            Refusal::UpgradeNotAllowed => Text::UpgradeNotAllowed,
            Refusal::StageNotForward => Text::StageNotForward,
            Refusal::StageNotNext => Text::StageNotNext,
            Refusal::WrongStageKind => Text::WrongStageKind,
            Refusal::AssessmentIncomplete => Text::AssessmentIncomplete,
            Refusal::EarlyWinNeedsConfirmation => Text::EarlyWin,
            Refusal::NotEligible => Text::NotEligible,
            Refusal::AlreadyRegistered => Text::AlreadyRegistered,
            Refusal::NotValidator => Text::NotValidator,
            Refusal::RegistrationState => Text::RegistrationState,
            Refusal::LastTeamMember => Text::LastTeamMember,
            Refusal::VendorCannotInvitePartners => Text::VendorCannotInvite,
            Refusal::OnlyPartnersRegister => Text::OnlyPartnersRegister,
            Refusal::DealExists => Text::DealExists,
            Refusal::NotPartnerAdmin => Text::NotPartnerAdmin,
            Refusal::LastPartnerAdmin => Text::LastPartnerAdmin,
            Refusal::CannotDeactivateSelf => Text::CannotDeactivateSelf,
            Refusal::UnknownUser => Text::UnknownUser,
            Refusal::UnknownLocation => Text::UnknownLocationRefusal,
            Refusal::LastLocation => Text::LastLocation,
            Refusal::LocationInUse => Text::LocationInUse,
            Refusal::LocationInScope => Text::LocationInScope,
            Refusal::UnknownSolution => Text::UnknownSolutionRefusal,
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.text().get(Locale::En))
    }
}

impl std::error::Error for Refusal {}

/// Whether `user` may do `action` to `referral` now. `None` means allowed.
pub fn check(
    exchange: &Exchange,
    vendor_id: &str,
    user: &User,
    referral: &Referral,
    action: Action,
    now: DateTime<Utc>,
) -> Result<(), Refusal> {
    use Action::*;
    match action {
        Expire => {
            // Due expiry is the system's, whoever's browser notices it first.
            return match time_left(referral, now) {
                None => Err(Refusal::NotReceived),
                Some(left) if left > Duration::zero() => Err(Refusal::ResponseWindowOpen),
                Some(_) => Ok(()),
            };
        }
        StartReview | Approve | RequestAction | Reject => {
            if !user.has_role(Role::MicrosoftSeller) {
                return Err(Refusal::NotValidator);
            }
            let status = referral.registration.as_ref().map(|r| r.status);
            return match (action, status) {
                (StartReview, Some(RegistrationStatus::Submitted)) => Ok(()),
                (Approve | RequestAction | Reject, Some(s)) if s.awaits_validator() => Ok(()),
                _ => Err(Refusal::RegistrationState),
            };
        }
        _ => {}
    }
    if !works_on_deals(user) {
        return Err(Refusal::NoReferralRole);
    }
    if !can_see(user, referral) {
        return Err(Refusal::NotVisible);
    }
    match action {
        Register | Resubmit => return registration_check(exchange, vendor_id, referral, action),
        AddSharedNote => return shared_note_check(referral),
        _ => {}
    }
    if referral.substatus.is_terminal() {
        return Err(Refusal::Terminal);
    }
    match action {
        Accept | Decline => {
            if referral.substatus != Substatus::Received {
                return Err(Refusal::NotReceived);
            }
            match time_left(referral, now) {
                Some(left) if left > Duration::zero() => Ok(()),
                _ => Err(Refusal::ResponseWindowClosed),
            }
        }
        _ if referral.substatus != Substatus::Accepted => Err(Refusal::NotAccepted),
        Edit | AddTeamMember | EditSolutions | MarkLost => Ok(()),
        RemoveTeamMember if referral.team.len() <= 1 => Err(Refusal::LastTeamMember),
        RemoveTeamMember => Ok(()),
        InviteMicrosoft | AllowMicrosoftView | InvitePartner => {
            // An invited partner may bring Microsoft into its own copy of a P2P deal; only
            // inviting further partners stays with the creator (SPEC §3).
            let invited_partner = referral.p2p
                && referral
                    .invite_context
                    .as_ref()
                    .is_some_and(|c| c.invited_by.organization_id != vendor_id);
            let may = referral.direction == Direction::Outgoing
                || (invited_partner && action != InvitePartner);
            if !may {
                return Err(Refusal::NotCreator);
            }
            let upgrade = match action {
                InviteMicrosoft => Upgrade::InviteMicrosoft,
                AllowMicrosoftView => Upgrade::AllowMicrosoftView,
                _ => Upgrade::InvitePartner,
            };
            if upgrade == Upgrade::InvitePartner && referral.organization_id == vendor_id {
                return Err(Refusal::VendorCannotInvitePartners);
            }
            if upgrades_for(referral.sharing).contains(&upgrade) {
                Ok(())
            } else {
                Err(Refusal::UpgradeNotAllowed)
            }
        }
        MarkStage(stage) => stage_check(referral, stage),
        MarkWon => {
            if referral.is_solution_assessment()
                && referral.sales_stage != Some(SalesStage::ReportDelivered)
            {
                Err(Refusal::AssessmentIncomplete)
            } else {
                Ok(())
            }
        }
        Expire | Register | Resubmit | StartReview | Approve | RequestAction | Reject
        | AddSharedNote => {
            unreachable!("handled above")
        }
    }
}

/// Parties that take part write shared notes: an accepted deal, or Microsoft's view of a
/// Partner-led one. A Received copy answers first; a closed copy is read-only.
fn shared_note_check(referral: &Referral) -> Result<(), Refusal> {
    match referral.substatus {
        Substatus::Accepted | Substatus::Pending => Ok(()),
        Substatus::Received => Err(Refusal::NotAccepted),
        _ => Err(Refusal::Terminal),
    }
}

fn registration_check(
    exchange: &Exchange,
    vendor_id: &str,
    referral: &Referral,
    action: Action,
) -> Result<(), Refusal> {
    if referral.organization_id == vendor_id {
        return Err(Refusal::OnlyPartnersRegister);
    }
    match (action, referral.registration.as_ref().map(|r| r.status)) {
        (Action::Register, None) if is_eligible(exchange, vendor_id, referral) => Ok(()),
        (Action::Register, None) => Err(Refusal::NotEligible),
        (Action::Register, Some(_)) => Err(Refusal::AlreadyRegistered),
        (_, Some(RegistrationStatus::ActionRequired)) => Ok(()),
        _ => Err(Refusal::RegistrationState),
    }
}

/// The stages that can be marked on this deal, in order (Won is marked with Mark as won).
pub fn markable_stages(referral: &Referral) -> &'static [SalesStage] {
    if referral.is_solution_assessment() {
        &SalesStage::ASSESSMENT[..4]
    } else {
        &SalesStage::STANDARD[2..6]
    }
}

fn stage_check(referral: &Referral, stage: SalesStage) -> Result<(), Refusal> {
    let stages = markable_stages(referral);
    let Some(pos) = stages.iter().position(|s| *s == stage) else {
        return Err(Refusal::WrongStageKind);
    };
    let current = referral.sales_stage.unwrap_or(SalesStage::Created);
    if referral.is_solution_assessment() {
        // Mandatory and in order: the next one only.
        let next = stages
            .iter()
            .position(|s| *s == current)
            .map_or(0, |i| i + 1);
        return if pos == next {
            Ok(())
        } else if pos < next {
            Err(Refusal::StageNotForward)
        } else {
            Err(Refusal::StageNotNext)
        };
    }
    if stage.percent() > current.percent() {
        Ok(())
    } else {
        Err(Refusal::StageNotForward)
    }
}

/// The whole hours left of the 72-hour guard while marking the deal won needs confirmation.
pub fn early_win_hours_left(
    exchange: &Exchange,
    vendor_id: &str,
    referral: &Referral,
    now: DateTime<Utc>,
) -> Option<i64> {
    early_win_needs_confirmation(exchange, vendor_id, referral, now)
        .then(|| EARLY_WIN_HOURS - (now - referral.created_date_time).num_hours())
}

/// Whether marking this deal won now needs the 72-hour confirmation.
pub fn early_win_needs_confirmation(
    exchange: &Exchange,
    vendor_id: &str,
    referral: &Referral,
    now: DateTime<Utc>,
) -> bool {
    now - referral.created_date_time < Duration::hours(EARLY_WIN_HOURS)
        && eligible_when_won(exchange, vendor_id, referral)
}

/// Every action `user` may take on `referral` now: the UI enables exactly these.
pub fn allowed_actions(
    exchange: &Exchange,
    vendor_id: &str,
    user: &User,
    referral: &Referral,
    now: DateTime<Utc>,
) -> Vec<Action> {
    use Action::*;
    let mut candidates = vec![
        Accept,
        Decline,
        Edit,
        AddTeamMember,
        RemoveTeamMember,
        EditSolutions,
        InviteMicrosoft,
        AllowMicrosoftView,
        InvitePartner,
    ];
    candidates.extend(markable_stages(referral).iter().map(|s| MarkStage(*s)));
    candidates.extend([
        MarkWon,
        MarkLost,
        Register,
        Resubmit,
        StartReview,
        Approve,
        RequestAction,
        Reject,
        AddSharedNote,
    ]);
    candidates
        .into_iter()
        .filter(|a| check(exchange, vendor_id, user, referral, *a, now).is_ok())
        .collect()
}

/// How a step of the lifecycle stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepState {
    Done,
    Current,
    Next,
}

wire_names!(StepState {
    Done => "Done",
    Current => "Current",
    Next => "Next",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepKind {
    Stage,
    /// The deal registration milestone; its validation status when submitted.
    Registration(Option<RegistrationStatus>),
    /// Received, Declined, Expired, Lost: states outside the stage ladder.
    State,
    Closed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LifecycleStep {
    pub label: Text,
    pub percent: Option<u8>,
    pub kind: StepKind,
    pub state: StepState,
}

/// What a screen reader says of each step: the sales stages are numbered among themselves
/// ("stage 3 of 6, Developed, 40 percent, current"); the milestones (Received, Deal
/// registration, Closed) are named with their state.
pub fn lifecycle_spoken_in(
    locale: Locale,
    steps: &[LifecycleStep],
    names: &[String],
) -> Vec<String> {
    let stages = steps.iter().filter(|s| s.percent.is_some()).count();
    let mut number = 0;
    steps
        .iter()
        .zip(names)
        .map(|(step, name)| {
            let mut out = match step.percent {
                Some(p) => {
                    number += 1;
                    let stage = Text::StepSpoken.fill(
                        locale,
                        &[
                            ("i", &number.to_string()),
                            ("n", &stages.to_string()),
                            ("name", name),
                        ],
                    );
                    format!(
                        "{stage}, {}",
                        Text::StepPercentSpoken.fill(locale, &[("p", &p.to_string())])
                    )
                }
                None => name.clone(),
            };
            let state = match step.state {
                StepState::Done => Text::StepDone,
                StepState::Current => Text::StepCurrent,
                StepState::Next => Text::StepNext,
            };
            out.push_str(", ");
            out.push_str(state.get(locale));
            out
        })
        .collect()
}

/// The lifecycle to draw for a referral (SPEC §6, §7): its stages with percentages, done,
/// current and next; the registration milestone when the deal is eligible; and Closed.
pub fn lifecycle(exchange: &Exchange, vendor_id: &str, referral: &Referral) -> Vec<LifecycleStep> {
    let step = |label: Text, percent: Option<u8>, kind: StepKind| LifecycleStep {
        label,
        percent,
        kind,
        state: StepState::Next,
    };
    let mut steps = Vec::new();
    let first = if referral.direction == Direction::Incoming {
        SalesStage::Accepted
    } else {
        SalesStage::Created
    };
    if referral.direction == Direction::Incoming {
        steps.push(step(Text::StatusReceived, None, StepKind::State));
    }
    match referral.substatus {
        Substatus::Declined | Substatus::Expired => {
            steps.push(step(referral.substatus.text(), None, StepKind::State));
        }
        _ => {
            steps.push(step(first.text(), Some(first.percent()), StepKind::Stage));
            for s in markable_stages(referral) {
                steps.push(step(s.text(), Some(s.percent()), StepKind::Stage));
            }
            if referral.substatus == Substatus::Lost {
                steps.push(step(Text::StatusLost, None, StepKind::State));
            } else {
                steps.push(step(Text::StatusWon, Some(100), StepKind::Stage));
            }
        }
    }
    let registration = referral.registration.as_ref().map(|r| r.status);
    if registration.is_some()
        || (referral.substatus == Substatus::Won && is_eligible(exchange, vendor_id, referral))
    {
        steps.push(step(
            Text::StepDealRegistration,
            None,
            StepKind::Registration(registration),
        ));
    }
    steps.push(step(Text::StepClosed, None, StepKind::Closed));

    // Where the deal stands.
    let current_label = match referral.substatus {
        Substatus::Received | Substatus::Pending => Text::StatusReceived,
        Substatus::Accepted => referral
            .sales_stage
            .filter(|s| *s != SalesStage::Created && *s != SalesStage::Accepted)
            .unwrap_or(first)
            .text(),
        Substatus::Won => match registration {
            Some(s) if s.is_final() => Text::StepClosed,
            _ if steps
                .iter()
                .any(|s| matches!(s.kind, StepKind::Registration(_))) =>
            {
                Text::StepDealRegistration
            }
            _ => Text::StepClosed,
        },
        Substatus::Lost | Substatus::Declined | Substatus::Expired => Text::StepClosed,
    };
    let current = steps
        .iter()
        .position(|s| s.label == current_label)
        .unwrap_or(0);
    for (i, s) in steps.iter_mut().enumerate() {
        s.state = match i.cmp(&current) {
            std::cmp::Ordering::Less => StepState::Done,
            std::cmp::Ordering::Equal => StepState::Current,
            std::cmp::Ordering::Greater => StepState::Next,
        };
    }
    steps
}

/// Maps a partner's own stage percentage to a standard stage (SPEC §6): the highest
/// standard stage whose percentage is at most the given one; 100 only by an explicit Won.
pub fn stage_for_percent(percent: u8, direction: Direction, explicit_won: bool) -> SalesStage {
    if explicit_won {
        return SalesStage::Won;
    }
    let first = if direction == Direction::Incoming {
        SalesStage::Accepted
    } else {
        SalesStage::Created
    };
    SalesStage::STANDARD[2..6]
        .iter()
        .copied()
        .rfind(|s| s.percent() <= percent)
        .unwrap_or(first)
}

/// Maps a stage given by name or percentage ("Proposed", "60", "60%", "Won").
pub fn stage_from_text(text: &str, direction: Direction) -> Option<SalesStage> {
    stage_from_text_for(text, direction, false)
}

/// As [`stage_from_text`], for a deal of its kind: a percentage maps to a solution
/// assessment's stages when `assessment` (the highest at or below it, 100 only by name).
pub fn stage_from_text_for(
    text: &str,
    direction: Direction,
    assessment: bool,
) -> Option<SalesStage> {
    let t = text.trim();
    let all = SalesStage::STANDARD
        .iter()
        .chain(SalesStage::ASSESSMENT.iter());
    if let Some(s) = all
        .clone()
        .find(|s| s.label().eq_ignore_ascii_case(t) || s.wire_name().eq_ignore_ascii_case(t))
    {
        return Some(*s);
    }
    let number = crate::domain::deal::validation::parse_decimal(t.trim_end_matches('%').trim())?;
    if !(0.0..=100.0).contains(&number) {
        return None;
    }
    let percent = number.floor() as u8;
    if assessment {
        return Some(
            SalesStage::ASSESSMENT[..4]
                .iter()
                .copied()
                .rfind(|s| s.percent() <= percent)
                .unwrap_or(SalesStage::AssessmentPlanned),
        );
    }
    Some(stage_for_percent(percent, direction, false))
}
