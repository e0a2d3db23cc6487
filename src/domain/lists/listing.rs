//! The Inbound, Outbound and Favorites lists: which deals they hold, search, filters and
//! sorting (SPEC §4).

use std::cmp::Ordering;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::deal::response_window::time_left;
use crate::domain::deal::visibility::can_see;
use crate::domain::exchange::Exchange;
use crate::domain::records::directory::User;
use crate::domain::records::referral::{Direction, Referral, Substatus, TypeFilter};
use crate::domain::records::stage::SalesStage;
use crate::domain::support::i18n::Text;
use crate::domain::support::locale::Locale;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Inbound,
    Outbound,
    Favorites,
}

wire_names!(Tab {
    Inbound => "Inbound",
    Outbound => "Outbound",
    Favorites => "Favorites",
});

impl Tab {
    pub const ALL: [Tab; 3] = [Tab::Inbound, Tab::Outbound, Tab::Favorites];

    pub fn text(self) -> Text {
        match self {
            Tab::Inbound => Text::TabInbound,
            Tab::Outbound => Text::TabOutbound,
            Tab::Favorites => Text::TabFavorites,
        }
    }

    pub fn label(self) -> &'static str {
        self.text().get(Locale::En)
    }

    /// Whether `referral` (already known visible) belongs in this tab for `user_id`.
    pub fn holds(self, exchange: &Exchange, user_id: &str, referral: &Referral) -> bool {
        match self.direction() {
            Some(direction) => referral.direction == direction,
            None => exchange.is_favorite(user_id, &referral.id),
        }
    }

    /// The direction of every deal in this tab; none for Favorites.
    pub fn direction(self) -> Option<Direction> {
        match self {
            Tab::Inbound => Some(Direction::Incoming),
            Tab::Outbound => Some(Direction::Outgoing),
            Tab::Favorites => None,
        }
    }
}

/// The columns a list sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortKey {
    Name,
    Customer,
    Type,
    Status,
    Value,
    CloseDate,
    TimeLeft,
}

wire_names!(SortKey {
    Name => "Name",
    Customer => "Customer",
    Type => "Type",
    Status => "Status",
    Value => "Value",
    CloseDate => "CloseDate",
    TimeLeft => "TimeLeft",
});

impl SortKey {
    /// The column's heading.
    pub fn text(self) -> Text {
        match self {
            SortKey::Name => Text::ColumnDealName,
            SortKey::Customer => Text::ColumnCustomer,
            SortKey::Type => Text::ColumnType,
            SortKey::Status => Text::ColumnStatus,
            SortKey::Value => Text::ColumnValue,
            SortKey::CloseDate => Text::ColumnCloseDate,
            SortKey::TimeLeft => Text::ColumnTimeLeft,
        }
    }

    pub fn label(self) -> &'static str {
        self.text().get(Locale::En)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sort {
    pub key: SortKey,
    pub descending: bool,
}

impl Sort {
    /// Clicking a column: the first click sorts ascending, the next one flips.
    pub fn toggled(current: Option<Sort>, key: SortKey) -> Sort {
        match current {
            Some(s) if s.key == key => Sort {
                key,
                descending: !s.descending,
            },
            _ => Sort {
                key,
                descending: false,
            },
        }
    }
}

/// Search, filters and sort of one list.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ListQuery {
    pub search: String,
    pub type_filter: Option<TypeFilter>,
    pub status_filter: Option<Substatus>,
    pub stage_filter: Option<SalesStage>,
    /// `None`: deals waiting for an answer first (most urgent first), then most recently updated.
    pub sort: Option<Sort>,
}

impl ListQuery {
    pub fn matches(&self, r: &Referral, needle: &str) -> bool {
        self.matches_with(r, needle, &mut String::new())
    }

    /// [`ListQuery::matches`] folding into `buffer`, so a list of thousands allocates once.
    fn matches_with(&self, r: &Referral, needle: &str, buffer: &mut String) -> bool {
        self.type_filter.is_none_or(|t| t.matches(r))
            && self.status_filter.is_none_or(|s| r.substatus == s)
            && self.stage_filter.is_none_or(|s| r.sales_stage == Some(s))
            && (needle.is_empty() || search_matches(r, needle, buffer))
    }

    pub fn is_filtered(&self) -> bool {
        !self.search.trim().is_empty()
            || self.type_filter.is_some()
            || self.status_filter.is_some()
            || self.stage_filter.is_some()
    }
}

/// Case-insensitive match of an already lower-cased needle on the fields a seller searches by.
fn search_matches(r: &Referral, needle: &str, buffer: &mut String) -> bool {
    let c = &r.customer_profile;
    [
        r.name.as_str(),
        c.name.as_str(),
        c.address.city.as_str(),
        r.external_reference_id.as_str(),
        c.ids.duns.as_deref().unwrap_or(""),
    ]
    .iter()
    .any(|field| crate::domain::support::fold::contains_folded(field, needle, buffer))
}

/// The deals `user` may see in `tab`, searched, filtered and sorted.
pub fn list<'a>(
    exchange: &'a Exchange,
    user: &User,
    tab: Tab,
    query: &ListQuery,
    now: DateTime<Utc>,
) -> Vec<&'a Referral> {
    let needle = crate::domain::support::fold::fold(query.search.trim());
    let mut folded = String::new();
    let mut rows: Vec<&Referral> = exchange
        .referrals()
        .filter(|r| {
            // The tab's direction is a field of the deal itself: tried before the visibility
            // rule, which reads the deal's organisation and location, for half fewer reads.
            tab.direction().is_none_or(|d| r.direction == d)
                && can_see(user, r)
                && tab.holds(exchange, &user.id, r)
                && query.matches_with(r, &needle, &mut folded)
        })
        .collect();
    sort_deals(&mut rows, query.sort, now);
    rows
}

/// Sorts deals by `sort`; `None` is the lists' default order. Each deal's sort value is
/// worked out once (a folded name, a time left), not once per comparison.
pub fn sort_deals(rows: &mut Vec<&Referral>, sort: Option<Sort>, now: DateTime<Utc>) {
    let key = sort.map_or(SortKey::TimeLeft, |s| s.key);
    let descending = sort.is_some_and(|s| s.descending);
    let mut keyed: Vec<(SortValue, &Referral)> = rows
        .drain(..)
        .map(|r| (SortValue::of(r, key, now), r))
        .collect();
    crate::domain::support::order::sort_by(&mut keyed, |(a, x), (b, y)| {
        let ord = a.cmp(b);
        let ord = if descending { ord.reverse() } else { ord };
        // The default order: after the deals waiting for an answer, the most recently updated.
        let ord = if sort.is_none() {
            ord.then_with(|| y.updated_date_time.cmp(&x.updated_date_time))
        } else {
            ord
        };
        ord.then_with(|| x.id.cmp(&y.id))
    });
    rows.extend(keyed.into_iter().map(|(_, r)| r));
}

/// What a deal is sorted by, for one column.
#[derive(Debug, PartialEq, PartialOrd)]
enum SortValue {
    Text(String),
    Status(u8, Option<SalesStage>),
    /// The deal type by its codes, never by its label in one language: solution assessments
    /// last, then by sharing (Private, Partner-led, Co-sell), P2P after its plain type.
    Kind(bool, u8, bool),
    Value(f64),
    Date(DateTime<Utc>),
    /// Deals without a running response window sort after every deal that has one.
    TimeLeft(bool, Duration),
}

impl SortValue {
    fn of(r: &Referral, key: SortKey, now: DateTime<Utc>) -> SortValue {
        match key {
            SortKey::Name => SortValue::Text(crate::domain::support::fold::fold(&r.name)),
            SortKey::Customer => {
                SortValue::Text(crate::domain::support::fold::fold(&r.customer_profile.name))
            }
            SortKey::Type => SortValue::Kind(r.is_solution_assessment(), r.sharing as u8, r.p2p),
            SortKey::Status => SortValue::Status(r.substatus as u8, r.sales_stage),
            SortKey::Value => SortValue::Value(r.details.deal_value),
            SortKey::CloseDate => SortValue::Date(r.details.closing_date_time),
            SortKey::TimeLeft => match time_left(r, now) {
                Some(left) => SortValue::TimeLeft(false, left),
                None => SortValue::TimeLeft(true, Duration::zero()),
            },
        }
    }

    fn cmp(&self, other: &SortValue) -> Ordering {
        match (self, other) {
            (SortValue::Value(a), SortValue::Value(b)) => a.total_cmp(b),
            _ => self.partial_cmp(other).unwrap_or(Ordering::Equal),
        }
    }
}

/// How many deals `user` sees in each tab, ignoring search and filters.
pub fn tab_counts(exchange: &Exchange, user: &User) -> [usize; 3] {
    let mut counts = [0; 3];
    for r in exchange.referrals().filter(|r| can_see(user, r)) {
        for (i, tab) in Tab::ALL.iter().enumerate() {
            if tab.holds(exchange, &user.id, r) {
                counts[i] += 1;
            }
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::exchange::Favorite;
    use crate::domain::present::format::time_left_label;
    use crate::domain::records::directory::{LocationScope, Role};
    use crate::domain::records::referral::SharingType;
    use crate::domain::testing::{referral_at, user};
    use chrono::TimeZone;

    fn deal(id: &str, name: &str, value: f64, direction: Direction) -> Referral {
        let mut r = referral_at("contoso", "contoso-munich", &[]);
        r.id = id.into();
        r.name = name.into();
        r.details.deal_value = value;
        r.direction = direction;
        r
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 10, 12, 0, 0).unwrap()
    }

    fn admin() -> User {
        user("contoso", &[Role::ReferralAdmin], LocationScope::Global)
    }

    #[test]
    fn tabs_split_by_direction_and_favorites_take_either() {
        let a = deal("a", "Alpha", 1.0, Direction::Incoming);
        let b = deal("b", "Beta", 2.0, Direction::Outgoing);
        let u = admin();
        let exchange = Exchange::new(
            vec![a, b],
            vec![
                Favorite {
                    user_id: u.id.clone(),
                    referral_id: "a".into(),
                },
                Favorite {
                    user_id: u.id.clone(),
                    referral_id: "b".into(),
                },
            ],
        );
        let q = ListQuery::default();
        let ids = |tab| {
            list(&exchange, &u, tab, &q, now())
                .iter()
                .map(|r| r.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(Tab::Inbound), ["a"]);
        assert_eq!(ids(Tab::Outbound), ["b"]);
        assert_eq!(ids(Tab::Favorites).len(), 2);
        assert_eq!(tab_counts(&exchange, &u), [1, 1, 2]);
    }

    #[test]
    fn search_is_case_insensitive_over_name_customer_and_crm_id() {
        let mut a = deal("a", "Fleet rollout", 1.0, Direction::Outgoing);
        a.external_reference_id = "CRM-0042".into();
        let b = deal("b", "Migration", 2.0, Direction::Outgoing);
        let exchange = Exchange::new(vec![a, b], vec![]);
        let search = |s: &str| {
            let q = ListQuery {
                search: s.into(),
                ..Default::default()
            };
            list(&exchange, &admin(), Tab::Outbound, &q, now())
                .iter()
                .map(|r| r.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(search("FLEET"), ["a"]);
        assert_eq!(search("crm-0042"), ["a"]);
        assert_eq!(search("adatum").len(), 2, "customer name");
        assert!(search("zzz").is_empty());
    }

    #[test]
    fn sorting_by_value_flips_on_the_second_click() {
        let exchange = Exchange::new(
            vec![
                deal("a", "A", 300.0, Direction::Outgoing),
                deal("b", "B", 100.0, Direction::Outgoing),
                deal("c", "C", 200.0, Direction::Outgoing),
            ],
            vec![],
        );
        let first = Sort::toggled(None, SortKey::Value);
        let q = ListQuery {
            sort: Some(first),
            ..Default::default()
        };
        let names: Vec<_> = list(&exchange, &admin(), Tab::Outbound, &q, now())
            .iter()
            .map(|r| r.name.clone())
            .collect();
        assert_eq!(names, ["B", "C", "A"]);
        let q = ListQuery {
            sort: Some(Sort::toggled(Some(first), SortKey::Value)),
            ..Default::default()
        };
        let names: Vec<_> = list(&exchange, &admin(), Tab::Outbound, &q, now())
            .iter()
            .map(|r| r.name.clone())
            .collect();
        assert_eq!(names, ["A", "C", "B"]);
    }

    #[test]
    fn the_type_column_sorts_by_code_in_every_language() {
        use crate::domain::records::referral::SharingType;
        let mut deals: Vec<Referral> = Vec::new();
        for (i, (sharing, p2p)) in [
            (SharingType::CoSell, true),
            (SharingType::Private, false),
            (SharingType::CoSell, false),
            (SharingType::PartnerLed, true),
            (SharingType::PartnerLed, false),
        ]
        .into_iter()
        .enumerate()
        {
            let mut r = referral_at("contoso", "contoso-munich", &[]);
            r.id = format!("r{i}");
            r.sharing = sharing;
            r.p2p = p2p;
            deals.push(r);
        }
        let now = deals[0].created_date_time;
        let mut sorted: Vec<&Referral> = deals.iter().collect();
        sorted.sort_by(|a, b| {
            SortValue::of(a, SortKey::Type, now).cmp(&SortValue::of(b, SortKey::Type, now))
        });
        let kinds: Vec<String> = sorted.iter().map(|r| r.type_label()).collect();
        assert_eq!(
            kinds,
            [
                "Private",
                "Partner-led",
                "Partner-led + P2P",
                "Co-sell",
                "Co-sell + P2P"
            ]
        );
    }

    #[test]
    fn filters_combine() {
        let mut a = deal("a", "A", 1.0, Direction::Outgoing);
        a.sharing = SharingType::Private;
        let mut b = deal("b", "B", 1.0, Direction::Outgoing);
        b.sharing = SharingType::CoSell;
        b.substatus = Substatus::Won;
        let exchange = Exchange::new(vec![a, b], vec![]);
        let q = ListQuery {
            type_filter: Some(TypeFilter::CoSell),
            ..Default::default()
        };
        assert_eq!(
            list(&exchange, &admin(), Tab::Outbound, &q, now())[0].id,
            "b"
        );
        let q = ListQuery {
            type_filter: Some(TypeFilter::CoSell),
            status_filter: Some(Substatus::Accepted),
            ..Default::default()
        };
        assert!(list(&exchange, &admin(), Tab::Outbound, &q, now()).is_empty());
    }

    #[test]
    fn time_left_counts_down_for_received_deals_only() {
        let mut r = deal("a", "A", 1.0, Direction::Incoming);
        assert_eq!(time_left(&r, now()), None, "accepted deals have no window");
        r.substatus = Substatus::Received;
        r.created_date_time = now() - Duration::days(3) - Duration::hours(2);
        r.expiration_date_time = None;
        let left = time_left(&r, now()).unwrap();
        assert_eq!(left, Duration::days(10) + Duration::hours(22));
        assert_eq!(time_left_label(left), "10 days 22 h");
        r.created_date_time = now() - Duration::days(20);
        assert_eq!(time_left(&r, now()), Some(Duration::zero()));
        assert_eq!(time_left_label(Duration::zero()), "Due now");
        assert_eq!(time_left_label(Duration::minutes(125)), "2 h 5 min");
    }

    #[test]
    fn unsorted_lists_put_urgent_received_deals_first_then_recent_updates() {
        let mut old = deal("old", "Old", 1.0, Direction::Incoming);
        old.updated_date_time = now() - Duration::days(9);
        let mut recent = deal("recent", "Recent", 1.0, Direction::Incoming);
        recent.updated_date_time = now() - Duration::days(1);
        let mut waiting = deal("waiting", "Waiting", 1.0, Direction::Incoming);
        waiting.substatus = Substatus::Received;
        waiting.updated_date_time = now() - Duration::days(20);
        waiting.expiration_date_time = Some(now() + Duration::days(2));
        let exchange = Exchange::new(vec![old, recent, waiting], vec![]);
        let ids: Vec<_> = list(
            &exchange,
            &admin(),
            Tab::Inbound,
            &ListQuery::default(),
            now(),
        )
        .iter()
        .map(|r| r.id.clone())
        .collect();
        assert_eq!(ids, ["waiting", "recent", "old"]);
    }

    #[test]
    fn sorting_by_days_left_puts_deals_without_a_window_last() {
        let mut a = deal("a", "A", 1.0, Direction::Incoming);
        a.substatus = Substatus::Received;
        a.expiration_date_time = Some(now() + Duration::days(5));
        let mut b = deal("b", "B", 1.0, Direction::Incoming);
        b.substatus = Substatus::Received;
        b.expiration_date_time = Some(now() + Duration::days(1));
        let c = deal("c", "C", 1.0, Direction::Incoming);
        let exchange = Exchange::new(vec![a, b, c], vec![]);
        let q = ListQuery {
            sort: Some(Sort {
                key: SortKey::TimeLeft,
                descending: false,
            }),
            ..Default::default()
        };
        let ids: Vec<_> = list(&exchange, &admin(), Tab::Inbound, &q, now())
            .iter()
            .map(|r| r.id.clone())
            .collect();
        assert_eq!(ids, ["b", "a", "c"]);
    }
}
