//! The Inbound, Outbound and Favorites lists: which deals they hold, search, filters and
//! sorting (SPEC §4).

use std::cmp::Ordering;
use std::sync::Arc;

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

    /// Whether a deal the user sees, going in `direction` and their favorite or not, is in
    /// this tab.
    pub fn holds(self, direction: Direction, favorite: bool) -> bool {
        match self.direction() {
            Some(d) => direction == d,
            None => favorite,
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
    /// The list's columns, in the order the table shows them.
    pub const ALL: [SortKey; 7] = [
        SortKey::Name,
        SortKey::Customer,
        SortKey::Type,
        SortKey::Status,
        SortKey::Value,
        SortKey::CloseDate,
        SortKey::TimeLeft,
    ];

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
    /// Whether `r` passes the type, status and stage filters (the search is [`Visible`]'s).
    fn filters_pass(&self, r: &Referral) -> bool {
        self.type_filter.is_none_or(|t| t.matches(r))
            && self.status_filter.is_none_or(|s| r.substatus == s)
            && self.stage_filter.is_none_or(|s| r.sales_stage == Some(s))
    }

    pub fn is_filtered(&self) -> bool {
        !self.search.trim().is_empty()
            || self.type_filter.is_some()
            || self.status_filter.is_some()
            || self.stage_filter.is_some()
    }
}

/// The fields a seller searches by, in the order [`Visible`] keeps them.
fn searched_fields(r: &Referral) -> [&str; SEARCHED] {
    let c = &r.customer_profile;
    [
        r.name.as_str(),
        c.name.as_str(),
        c.address.city.as_str(),
        r.external_reference_id.as_str(),
        c.ids.duns.as_deref().unwrap_or(""),
    ]
}

const SEARCHED: usize = 5;

/// What ends each searched field in [`Visible`]'s text.
const FIELD_END: char = '\n';

/// The deals one user sees, with what the tabs need of them at each keystroke: the tab each
/// is in and its searched fields, folded, in one text.
///
/// Worked out once per change of the exchange (the tab counts come with it), so a keystroke
/// in the search reads one contiguous text instead of five strings of every deal, scattered
/// over memory, and no tab switch or keystroke asks each deal's visibility again. Each deal
/// is shared with the exchange it was worked out from, not copied.
#[derive(Debug, Default)]
pub struct Visible {
    deals: Vec<VisibleDeal>,
    /// The searched fields of every visible deal, folded, each ended by [`FIELD_END`].
    text: String,
    counts: [usize; 3],
    /// Who sees them, and every deal of the exchange they were worked out from: when only
    /// favorites changed since (a heart), only the favorites are looked up again.
    user: Option<User>,
    all: Vec<Arc<Referral>>,
}

#[derive(Debug)]
struct VisibleDeal {
    referral: Arc<Referral>,
    favorite: bool,
    /// Where each searched field ends in `text`; each starts after the [`FIELD_END`] of the
    /// one before.
    ends: [u32; SEARCHED],
}

impl Visible {
    /// The deals `user` sees in `exchange`, reusing `previous`: all of it when the user and
    /// every deal are the same ones (a heart changed only favorites), its memory otherwise.
    pub fn of(exchange: &Exchange, user: &User, previous: Option<Visible>) -> Visible {
        let mut v = previous.unwrap_or_default();
        let same_deals = v.all.len() == exchange.len()
            && v.all
                .iter()
                .zip(exchange.shared_referrals())
                .all(|(a, b)| Arc::ptr_eq(a, b));
        if same_deals && v.user.as_ref() == Some(user) {
            v.counts = [0; 3];
            for d in &mut v.deals {
                let r = d.referral.as_ref();
                d.favorite = exchange.is_favorite(&user.id, &r.id);
                count(&mut v.counts, r.direction, d.favorite);
            }
            return v;
        }
        v.deals.clear();
        v.text.clear();
        v.counts = [0; 3];
        v.user = Some(user.clone());
        v.all.clear();
        v.all.extend(exchange.shared_referrals().cloned());
        for r in exchange.shared_referrals() {
            if !can_see(user, r) {
                continue;
            }
            let favorite = exchange.is_favorite(&user.id, &r.id);
            count(&mut v.counts, r.direction, favorite);
            let ends = searched_fields(r).map(|field| {
                crate::domain::support::fold::fold_into(field, &mut v.text);
                let end = u32::try_from(v.text.len()).unwrap_or(u32::MAX);
                v.text.push(FIELD_END);
                end
            });
            v.deals.push(VisibleDeal {
                referral: Arc::clone(r),
                favorite,
                ends,
            });
        }
        v
    }

    /// How many deals the user sees in each tab of [`Tab::ALL`], ignoring search and filters.
    pub fn counts(&self) -> [usize; 3] {
        self.counts
    }

    /// The deals of `tab` that match `query`, sorted.
    pub fn list(&self, tab: Tab, query: &ListQuery, now: DateTime<Utc>) -> Vec<&Referral> {
        let needle = crate::domain::support::fold::fold(query.search.trim());
        let found = self.found(&needle);
        let mut rows = Vec::new();
        for (d, found) in self.deals.iter().zip(found) {
            let r = d.referral.as_ref();
            if found && tab.holds(r.direction, d.favorite) && query.filters_pass(r) {
                rows.push(r);
            }
        }
        sort_deals(&mut rows, query.sort, now);
        rows
    }

    /// For each deal, whether one of its searched fields, folded, holds `needle` (folded).
    ///
    /// The text is searched once from start to end: a field ends with [`FIELD_END`], which a
    /// needle without it cannot match across, so each match lies in one field, and the
    /// search goes on from the next deal's text. A needle with a line break (none that can be
    /// typed in the search box) is looked for field by field.
    fn found(&self, needle: &str) -> Vec<bool> {
        if needle.is_empty() {
            return vec![true; self.deals.len()];
        }
        if needle.contains(FIELD_END) {
            let mut begin = 0;
            return self
                .deals
                .iter()
                .map(|d| {
                    let found = self.found_in(d, begin, needle);
                    begin = d.ends[SEARCHED - 1] as usize + FIELD_END.len_utf8();
                    found
                })
                .collect();
        }
        let mut found = vec![false; self.deals.len()];
        let (mut deal, mut from) = (0, 0);
        while let Some(at) = find_from(&self.text, needle, from) {
            let end = at + needle.len();
            while self
                .deals
                .get(deal)
                .is_some_and(|d| (d.ends[SEARCHED - 1] as usize) < end)
            {
                deal += 1;
            }
            let Some(d) = self.deals.get(deal) else {
                break;
            };
            found[deal] = true;
            from = d.ends[SEARCHED - 1] as usize + FIELD_END.len_utf8();
        }
        found
    }

    /// Whether one of `d`'s searched fields, whose text starts at `begin`, holds `needle`.
    fn found_in(&self, d: &VisibleDeal, begin: usize, needle: &str) -> bool {
        let mut from = begin;
        d.ends.iter().any(|&end| {
            let field = self.text.get(from..end as usize).unwrap_or("");
            from = end as usize + FIELD_END.len_utf8();
            field.contains(needle)
        })
    }
}

/// Counts a visible deal in each tab of [`Tab::ALL`] that holds it.
fn count(counts: &mut [usize; 3], direction: Direction, favorite: bool) {
    for (n, tab) in counts.iter_mut().zip(Tab::ALL) {
        *n += usize::from(tab.holds(direction, favorite));
    }
}

/// Where `needle` (not empty) first is in `text` at or after `from`, a character boundary.
///
/// Its first byte is looked for by a plain loop: for the few bytes of a typed search over
/// the hundreds of kilobytes of a list's text, the wasm's profile of a keystroke showed the
/// standard library's two-way search costing more (a quarter of the list's own time).
fn find_from(text: &str, needle: &str, from: usize) -> Option<usize> {
    let (text, needle) = (text.as_bytes(), needle.as_bytes());
    let first = *needle.first()?;
    let mut at = from;
    while let Some(i) = text.get(at..)?.iter().position(|&b| b == first) {
        if text.get(at + i..)?.starts_with(needle) {
            return Some(at + i);
        }
        at += i + 1;
    }
    None
}

/// The deals `user` may see in `tab`, searched, filtered and sorted.
pub fn list<'a>(
    exchange: &'a Exchange,
    user: &User,
    tab: Tab,
    query: &ListQuery,
    now: DateTime<Utc>,
) -> Vec<&'a Referral> {
    let visible = Visible::of(exchange, user, None);
    let listed = visible.list(tab, query, now);
    listed
        .into_iter()
        .filter_map(|r| exchange.referral(&r.id))
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::exchange::{Favorite, FavoriteChange, Outcome};
    use crate::domain::present::format::time_left_label;
    use crate::domain::records::directory::{LocationScope, Role};
    use crate::domain::records::referral::SharingType;
    use crate::domain::testing::properties::USERS;
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
        assert_eq!(Visible::of(&exchange, &u, None).counts(), [1, 1, 2]);
    }

    /// What a tab lists, worked out the plain way: every deal the user sees in the tab whose
    /// folded fields hold the folded search, through the filters, sorted.
    fn listed_plainly(
        exchange: &Exchange,
        user: &User,
        tab: Tab,
        q: &ListQuery,
        now: DateTime<Utc>,
    ) -> Vec<String> {
        use crate::domain::support::fold::fold;
        let needle = fold(q.search.trim());
        let mut rows: Vec<&Referral> = exchange
            .referrals()
            .filter(|r| {
                can_see(user, r)
                    && tab.holds(r.direction, exchange.is_favorite(&user.id, &r.id))
                    && searched_fields(r).iter().any(|f| fold(f).contains(&needle))
                    && q.filters_pass(r)
            })
            .collect();
        sort_deals(&mut rows, q.sort, now);
        rows.into_iter().map(|r| r.id.clone()).collect()
    }

    /// Searches besides pieces of fields: none, one no deal holds, non-ASCII, with spaces,
    /// with a line break, and ones most deals hold.
    const NEEDLES: [&str; 10] = [
        "", "zzz", "MÜN", " gmbh ", "ß", "İ", "a\nb", "o\n", "e", "1",
    ];

    fn favorite(user_id: &str, r: &Referral) -> Favorite {
        Favorite {
            user_id: user_id.into(),
            referral_id: r.id.clone(),
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn the_visible_deals_list_what_every_deal_checked_one_by_one_lists(
            who in 0usize..5,
            tab in 0usize..3,
            field in 0usize..SEARCHED,
            deal in proptest::prelude::any::<usize>(),
            cut in (0usize..12, 0usize..6),
            upper in proptest::prelude::any::<bool>(),
            fixed in proptest::option::of(0usize..NEEDLES.len()),
            filter in (0usize..4, proptest::prelude::any::<usize>()),
            sort in proptest::option::of((0usize..7, proptest::prelude::any::<bool>())),
            previous in 0usize..4,
        ) {
            use crate::domain::testing::rules_tests::World;
            let mut w = World::new();
            w.exchange
                .apply(&crate::domain::transfer::demo::generate(90, &w.data, w.now))
                .unwrap();
            let referrals: Vec<Referral> = w.exchange.referrals().cloned().collect();
            let favorites = referrals
                .iter()
                .step_by(3)
                .map(|r| favorite(USERS[r.name.len() % USERS.len()], r))
                .collect();
            let exchange = Exchange::new(referrals.clone(), favorites);
            let user = w.user(USERS[who]);
            // A piece of a field of some deal, or a needle no deal holds, or none.
            let r = &referrals[deal % referrals.len()];
            let text: Vec<char> = searched_fields(r)[field].chars().collect();
            let start = cut.0.min(text.len());
            let piece: String = text[start..(start + cut.1).min(text.len())].iter().collect();
            let piece = if upper { piece.to_uppercase() } else { piece };
            let search = fixed.map_or(piece, |i| NEEDLES[i].to_string());
            let mut q = ListQuery { search, ..Default::default() };
            match filter.0 {
                1 => q.type_filter = Some(TypeFilter::ALL[filter.1 % TypeFilter::ALL.len()]),
                2 => q.status_filter = Some(Substatus::ALL[filter.1 % Substatus::ALL.len()]),
                3 => q.stage_filter = referrals[filter.1 % referrals.len()].sales_stage,
                _ => {}
            }
            q.sort = sort.map(|(k, descending)| Sort { key: SortKey::ALL[k], descending });
            let tab = Tab::ALL[tab];
            // Worked out anew, or from what it was before: other favorites of the same deals
            // (a heart), another user, or other deals.
            let before = match previous {
                1 => {
                    let mut before = exchange.clone();
                    let hearts = referrals
                        .iter()
                        .step_by(2)
                        .map(|r| {
                            let f = favorite(&user.id, r);
                            if exchange.is_favorite(&f.user_id, &f.referral_id) {
                                FavoriteChange::Remove(f)
                            } else {
                                FavoriteChange::Add(f)
                            }
                        })
                        .collect();
                    before.apply(&Outcome { favorites: hearts, ..Outcome::default() }).unwrap();
                    Some(Visible::of(&before, &user, None))
                }
                2 => {
                    let other = w.user(USERS[(who + 1) % USERS.len()]);
                    Some(Visible::of(&exchange, &other, None))
                }
                3 => {
                    let fewer = Exchange::new(referrals[1..].to_vec(), vec![]);
                    Some(Visible::of(&fewer, &user, None))
                }
                _ => None,
            };
            let visible = Visible::of(&exchange, &user, before);
            let listed: Vec<String> = visible
                .list(tab, &q, w.now)
                .into_iter()
                .map(|r| r.id.clone())
                .collect();
            proptest::prop_assert_eq!(listed, listed_plainly(&exchange, &user, tab, &q, w.now));
            let all = ListQuery::default();
            let counts = Tab::ALL.map(|t| listed_plainly(&exchange, &user, t, &all, w.now).len());
            proptest::prop_assert_eq!(visible.counts(), counts);
        }
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
