//! The pipeline forecast (SPEC §13) and the responsiveness figures (SPEC §9): what an
//! organisation will likely close, and how well it answers and keeps its deals up to date.

use chrono::{DateTime, Datelike, Utc};

use crate::domain::deal::visibility::can_see;
use crate::domain::exchange::Exchange;
use crate::domain::records::directory::{Rates, User};
use crate::domain::records::referral::{Direction, Referral, Status, Substatus};
use crate::domain::support::order::sort_by;

/// The deals a forecast and the responsiveness figures are computed from: every deal of
/// the user's organisation that the user may see, inbound and outbound.
pub fn pipeline<'a>(exchange: &'a Exchange, user: &User) -> Vec<&'a Referral> {
    exchange.referrals().filter(|r| can_see(user, r)).collect()
}

/// A calendar quarter: its label ("Q4 2026") and its months as `YYYY-MM`, the labels of
/// [`Forecast::by_month`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quarter {
    pub label: String,
    pub months: [String; 3],
}

/// The quarter `now` falls in.
pub fn quarter_of(now: DateTime<Utc>) -> Quarter {
    let q = (now.month() - 1) / 3;
    let month = |i: u32| format!("{:04}-{:02}", now.year(), q * 3 + i + 1);
    Quarter {
        label: format!("Q{} {}", q + 1, now.year()),
        months: [month(0), month(1), month(2)],
    }
}

/// "2027-01" as "Jan 2027" for chart labels; other text unchanged.
pub fn month_label(month: &str) -> String {
    month_label_in(crate::domain::support::locale::Locale::En, month)
}

/// [`month_label`] in `locale` ("Mär 2027").
pub fn month_label_in(locale: crate::domain::support::locale::Locale, month: &str) -> String {
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    const DE: [&str; 12] = [
        "Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez",
    ];
    let names = if locale == crate::domain::support::locale::Locale::De {
        DE
    } else {
        EN
    };
    match month
        .split_once('-')
        .and_then(|(y, m)| Some((y, m.parse::<usize>().ok()?)))
    {
        Some((y, m)) if (1..=12).contains(&m) => format!("{} {y}", names[m - 1]),
        _ => month.to_string(),
    }
}

/// A bucket's label as the chart shows it in `locale`: a month ("Mär 2027") when grouped by
/// close month, else the sales stage's name (buckets are keyed by the stage's English label).
pub fn bucket_name_in(
    locale: crate::domain::support::locale::Locale,
    label: &str,
    by_month: bool,
) -> String {
    if by_month {
        return month_label_in(locale, label);
    }
    use crate::domain::records::stage::SalesStage;
    SalesStage::STANDARD
        .iter()
        .chain(SalesStage::ASSESSMENT.iter())
        .find(|s| s.label() == label)
        .map(|s| s.text().get(locale).to_string())
        .unwrap_or_else(|| label.to_string())
}

/// `value` in `from` converted into `to` with `rates` (units of the base per unit of each
/// currency; the base itself is 1). `None` when a rate is missing.
pub fn convert(value: f64, from: &str, to: &str, rates: &Rates) -> Option<f64> {
    let rate = |c: &str| {
        if c == rates.base {
            Some(1.0)
        } else {
            rates.rates.get(c).copied().filter(|r| *r > 0.0)
        }
    };
    Some(value * rate(from)? / rate(to)?)
}

/// One bar of the forecast: the open deals of a stage or a close month.
#[derive(Debug, Clone, PartialEq)]
pub struct Bucket {
    /// The stage's name, or the month as `YYYY-MM`.
    pub label: String,
    /// Their value in the reporting currency.
    pub value: f64,
    /// Their value weighted by each deal's stage percentage.
    pub weighted: f64,
    pub ids: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Forecast {
    pub currency: String,
    /// In stage order.
    pub by_stage: Vec<Bucket>,
    /// In month order.
    pub by_month: Vec<Bucket>,
    pub value: f64,
    pub weighted: f64,
    /// Open deals left out because their currency has no rate.
    pub unconverted: Vec<String>,
}

/// The open deals being worked (Active) among `deals`, by stage and by close month, in
/// `currency`.
pub fn forecast(deals: &[&Referral], rates: &Rates, currency: &str) -> Forecast {
    let mut f = Forecast {
        currency: currency.to_string(),
        ..Forecast::default()
    };
    let mut stages: Vec<(u8, Bucket)> = Vec::new();
    let mut months: Vec<Bucket> = Vec::new();
    for r in deals.iter().filter(|r| r.status == Status::Active) {
        let Some(value) = convert(r.details.deal_value, &r.details.currency, currency, rates)
        else {
            f.unconverted.push(r.id.clone());
            continue;
        };
        let stage = r
            .sales_stage
            .unwrap_or(crate::domain::records::stage::SalesStage::Accepted);
        let weighted = value * f64::from(stage.percent()) / 100.0;
        f.value += value;
        f.weighted += weighted;
        let month = format!(
            "{:04}-{:02}",
            r.details.closing_date_time.year(),
            r.details.closing_date_time.month()
        );
        let add = |b: &mut Bucket| {
            b.value += value;
            b.weighted += weighted;
            b.ids.push(r.id.clone());
        };
        let empty = |label: String| Bucket {
            label,
            value: 0.0,
            weighted: 0.0,
            ids: Vec::new(),
        };
        let order = stage_order(stage);
        match stages.iter_mut().find(|(_, b)| b.label == stage.label()) {
            Some((_, b)) => add(b),
            None => {
                let mut b = empty(stage.label().to_string());
                add(&mut b);
                stages.push((order, b));
            }
        }
        match months.iter_mut().find(|b| b.label == month) {
            Some(b) => add(b),
            None => {
                let mut b = empty(month);
                add(&mut b);
                months.push(b);
            }
        }
    }
    sort_by(&mut stages, |a, b| a.0.cmp(&b.0));
    sort_by(&mut months, |a, b| a.label.cmp(&b.label));
    f.by_stage = stages.into_iter().map(|(_, b)| b).collect();
    f.by_month = months;
    f
}

impl Forecast {
    /// The deals closing in `months` (labels of `by_month`), as one bucket named `label`.
    pub fn closing_in(&self, label: &str, months: &[String]) -> Bucket {
        let mut total = Bucket {
            label: label.to_string(),
            value: 0.0,
            weighted: 0.0,
            ids: Vec::new(),
        };
        for b in self.by_month.iter().filter(|b| months.contains(&b.label)) {
            total.value += b.value;
            total.weighted += b.weighted;
            total.ids.extend(b.ids.iter().cloned());
        }
        total
    }
}

fn stage_order(stage: crate::domain::records::stage::SalesStage) -> u8 {
    stage.percent() * 2 + u8::from(stage.is_assessment())
}

/// How an organisation answers and keeps its deals up to date (SPEC §9).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Responsiveness {
    /// Inbound referrals accepted or declined.
    pub answered: usize,
    /// Median time from arrival to answer, in hours.
    pub median_hours: Option<f64>,
    /// Inbound referrals that expired unanswered, and all inbound referrals that ended
    /// waiting (answered or expired).
    pub expired: usize,
    pub received: usize,
    /// Open deals with no value.
    pub missing_value: Vec<String>,
    /// Open deals whose close date has passed: a new date or a final status is due.
    pub overdue: Vec<String>,
}

impl Responsiveness {
    /// Expired among the inbound referrals that stopped waiting, in percent.
    pub fn share_expired(&self) -> Option<f64> {
        (self.received > 0).then(|| self.expired as f64 * 100.0 / self.received as f64)
    }
}

/// The figures for the referrals of one organisation, `own`.
pub fn responsiveness(own: &[&Referral], now: DateTime<Utc>) -> Responsiveness {
    let mut out = Responsiveness::default();
    let mut hours = Vec::new();
    for r in own {
        if r.direction == Direction::Incoming {
            let answered_at = match r.substatus {
                Substatus::Declined => Some(r.updated_date_time),
                _ => r.accepted_date_time,
            };
            if let Some(at) = answered_at {
                hours.push((at - r.created_date_time).num_minutes() as f64 / 60.0);
            }
            if r.substatus == Substatus::Expired {
                out.expired += 1;
            }
            if answered_at.is_some() || r.substatus == Substatus::Expired {
                out.received += 1;
            }
        }
        if r.status == Status::Active {
            if r.details.deal_value <= 0.0 {
                out.missing_value.push(r.id.clone());
            }
            if r.details.closing_date_time.date_naive() < now.date_naive() {
                out.overdue.push(r.id.clone());
            }
        }
    }
    out.answered = hours.len();
    sort_by(&mut hours, |a, b| a.total_cmp(b));
    out.median_hours = match hours.len() {
        0 => None,
        n if n % 2 == 1 => Some(hours[n / 2]),
        n => Some((hours[n / 2 - 1] + hours[n / 2]) / 2.0),
    };
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::records::stage::SalesStage;
    use crate::domain::testing::rules_tests::World;
    use chrono::{Duration, TimeZone};
    use std::collections::BTreeMap;

    fn rates() -> Rates {
        Rates {
            base: "EUR".into(),
            as_of: String::new(),
            rates: BTreeMap::from([("USD".into(), 0.9), ("GBP".into(), 1.2)]),
        }
    }

    fn deal(
        id: &str,
        value: f64,
        currency: &str,
        stage: SalesStage,
        close: (i32, u32),
    ) -> Referral {
        let mut r = crate::domain::testing::referral_at(
            "contoso",
            "contoso-munich",
            &["a@contoso.example"],
        );
        r.id = id.into();
        r.status = Status::Active;
        r.substatus = Substatus::Accepted;
        r.sales_stage = Some(stage);
        r.details.deal_value = value;
        r.details.currency = currency.into();
        r.details.closing_date_time = Utc.with_ymd_and_hms(close.0, close.1, 15, 0, 0, 0).unwrap();
        r
    }

    #[test]
    fn the_forecast_matches_a_hand_computed_example() {
        // 100,000 EUR at Developed (40 %), 50,000 USD at Proposed (60 %), 10,000 GBP at Developed.
        let a = deal("a", 100_000.0, "EUR", SalesStage::Developed, (2027, 1));
        let b = deal("b", 50_000.0, "USD", SalesStage::Proposed, (2027, 2));
        let c = deal("c", 10_000.0, "GBP", SalesStage::Developed, (2027, 1));
        let mut closed = deal("d", 999_999.0, "EUR", SalesStage::Won, (2027, 1));
        closed.status = Status::Closed;
        closed.substatus = Substatus::Won;
        let mut odd = deal("e", 5.0, "JPY", SalesStage::Qualified, (2027, 3));
        odd.details.currency = "JPY".into();
        let f = forecast(&[&a, &b, &c, &closed, &odd], &rates(), "EUR");
        // In EUR: a 100,000; b 45,000; c 12,000. Weighted: 40,000 + 27,000 + 4,800.
        assert!((f.value - 157_000.0).abs() < 1e-6);
        assert!((f.weighted - 71_800.0).abs() < 1e-6);
        let stages: Vec<(&str, f64)> = f
            .by_stage
            .iter()
            .map(|x| (x.label.as_str(), x.weighted))
            .collect();
        assert_eq!(stages.len(), 2);
        assert_eq!(stages[0].0, "Developed");
        assert!((stages[0].1 - 44_800.0).abs() < 1e-6 && (stages[1].1 - 27_000.0).abs() < 1e-6);
        let months: Vec<&str> = f.by_month.iter().map(|x| x.label.as_str()).collect();
        assert_eq!(months, ["2027-01", "2027-02"]);
        assert_eq!(f.by_month[0].ids, ["a", "c"]);
        assert_eq!(f.unconverted, ["e"]);
        // The same pipeline in USD: 71,800 EUR / 0.9.
        assert!((forecast(&[&a, &b, &c], &rates(), "USD").weighted - 71_800.0 / 0.9).abs() < 1e-6);
    }

    #[test]
    fn responsiveness_has_the_median_answer_time_the_share_expired_and_the_gaps() {
        let w = World::new();
        let now = w.now;
        let inbound = |id: &str, sub: Substatus, hours: i64| {
            let mut r = deal(id, 1.0, "EUR", SalesStage::Accepted, (2027, 6));
            r.direction = Direction::Incoming;
            r.created_date_time = now - Duration::days(20);
            r.substatus = sub;
            r.status = if sub == Substatus::Accepted {
                Status::Active
            } else {
                Status::Closed
            };
            r.accepted_date_time =
                (sub == Substatus::Accepted).then(|| r.created_date_time + Duration::hours(hours));
            r.updated_date_time = r.created_date_time + Duration::hours(hours);
            r
        };
        let a = inbound("a", Substatus::Accepted, 2);
        let b = inbound("b", Substatus::Declined, 30);
        let c = inbound("c", Substatus::Accepted, 10);
        let d = inbound("d", Substatus::Expired, 336);
        let mut zero = deal("z", 0.0, "EUR", SalesStage::Qualified, (2026, 10));
        zero.direction = Direction::Outgoing;
        let r = responsiveness(&[&a, &b, &c, &d, &zero], now);
        assert_eq!(r.answered, 3);
        assert_eq!(r.median_hours, Some(10.0));
        assert_eq!((r.expired, r.received), (1, 4));
        assert_eq!(r.share_expired(), Some(25.0));
        assert_eq!(r.missing_value, ["z"]);
        assert_eq!(r.overdue, ["z"]);
        assert_eq!(responsiveness(&[], now).median_hours, None);
    }

    #[test]
    fn this_quarter_sums_its_three_months() {
        let now = Utc.with_ymd_and_hms(2027, 2, 10, 9, 0, 0).unwrap();
        let q = quarter_of(now);
        assert_eq!(q.label, "Q1 2027");
        assert_eq!(
            q.months,
            ["2027-01".to_string(), "2027-02".into(), "2027-03".into()]
        );
        assert_eq!(
            quarter_of(Utc.with_ymd_and_hms(2026, 12, 31, 23, 0, 0).unwrap()).label,
            "Q4 2026"
        );
        let a = deal("a", 100_000.0, "EUR", SalesStage::Developed, (2027, 1));
        let b = deal("b", 50_000.0, "EUR", SalesStage::Proposed, (2027, 3));
        let c = deal("c", 10_000.0, "EUR", SalesStage::Developed, (2027, 4));
        let f = forecast(&[&a, &b, &c], &rates(), "EUR");
        let total = f.closing_in(&q.label, &q.months);
        // 40 % of 100,000 and 60 % of 50,000; April is the next quarter.
        assert!((total.weighted - 70_000.0).abs() < 1e-6);
        assert!((total.value - 150_000.0).abs() < 1e-6);
        assert_eq!(total.ids, ["a", "b"]);
        assert_eq!(month_label("2027-03"), "Mar 2027");
        assert_eq!(
            month_label_in(crate::domain::support::locale::Locale::De, "2027-03"),
            "Mär 2027"
        );
        assert_eq!(
            bucket_name_in(crate::domain::support::locale::Locale::De, "2027-03", true),
            "Mär 2027"
        );
        assert_eq!(
            bucket_name_in(
                crate::domain::support::locale::Locale::De,
                "Developed",
                false
            ),
            "Entwickelt"
        );
        assert_eq!(
            bucket_name_in(
                crate::domain::support::locale::Locale::De,
                "Data collected",
                false
            ),
            "Daten erfasst"
        );
        assert_eq!(
            bucket_name_in(
                crate::domain::support::locale::Locale::En,
                "Negotiated",
                false
            ),
            "Negotiated"
        );
        assert_eq!(month_label("Developed"), "Developed");
    }

    #[test]
    fn the_pipeline_is_what_the_user_may_see() {
        use crate::domain::records::directory::{LocationScope, Role};
        let munich = deal("m", 1.0, "EUR", SalesStage::Qualified, (2027, 1));
        let mut seattle = deal("s", 1.0, "EUR", SalesStage::Qualified, (2027, 1));
        seattle.location = "contoso-seattle".into();
        let mut other = deal("o", 1.0, "EUR", SalesStage::Qualified, (2027, 1));
        other.organization_id = "fabrikam".into();
        let exchange = Exchange::new(vec![munich, seattle, other], vec![]);
        let global =
            crate::domain::testing::user("contoso", &[Role::ReferralAdmin], LocationScope::Global);
        let ids = |u: &User| {
            pipeline(&exchange, u)
                .iter()
                .map(|r| r.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&global).len(), 2);
        let local = crate::domain::testing::user(
            "contoso",
            &[Role::ReferralAdmin],
            LocationScope::Locations(vec!["contoso-munich".into()]),
        );
        assert_eq!(ids(&local), ["m"]);
    }

    #[test]
    fn conversion_goes_through_the_base() {
        assert_eq!(convert(10.0, "EUR", "EUR", &rates()), Some(10.0));
        assert!((convert(10.0, "GBP", "USD", &rates()).unwrap() - 12.0 / 0.9).abs() < 1e-9);
        assert_eq!(convert(10.0, "JPY", "EUR", &rates()), None);
    }
}
