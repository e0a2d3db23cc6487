//! The deal lists' table (SPEC §4, §11): one row per deal with its heart, link, status and time
//! left; columns that sort on click; a card per deal on a narrow screen.

use leptos::prelude::*;

use crate::app::components::heart::Heart;
use crate::domain::deal::response_window::time_left;
use crate::domain::lists::listing::{Sort, SortKey};
use crate::domain::present::format;
use crate::domain::present::format::time_left_label_in;
use crate::domain::records::referral::{Referral, Substatus};
use crate::domain::support::locale::Locale;
use chrono::{DateTime, Utc};

/// Names longer than this many characters may be cut to three lines in the list
/// (style/deals.css); their link carries the full name as its tooltip too.
const LONG_NAME: usize = 120;

/// One row of a deal list, as displayed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DealRow {
    pub id: String,
    pub e_tag: String,
    pub name: String,
    pub customer: String,
    pub deal_type: String,
    pub status: String,
    /// CSS hook for the status pill; the pill's text says the status, colour only adds to it.
    pub status_class: &'static str,
    pub value: String,
    pub close_date: String,
    pub time_left: String,
    /// Received: waiting for this organisation's answer (selectable for bulk answers).
    pub awaiting: bool,
}

impl DealRow {
    pub fn new(r: &Referral, now: DateTime<Utc>, locale: Locale) -> Self {
        DealRow {
            id: r.id.clone(),
            e_tag: r.e_tag.clone(),
            name: r.name.clone(),
            customer: r.customer_profile.name.clone(),
            deal_type: r.type_label_in(locale),
            status: r.status_label_in(locale),
            status_class: match r.substatus {
                Substatus::Received | Substatus::Pending => "status waiting",
                Substatus::Accepted => "status active",
                Substatus::Won => "status won",
                Substatus::Lost | Substatus::Declined | Substatus::Expired => "status closed",
            },
            value: format::money_in(locale, r.details.deal_value, &r.details.currency),
            close_date: format::date_in(locale, r.details.closing_date_time),
            time_left: time_left(r, now)
                .map(|left| time_left_label_in(locale, left))
                .unwrap_or_default(),
            awaiting: r.awaits_answer(),
        }
    }
}

const COLUMNS: [SortKey; 7] = [
    SortKey::Name,
    SortKey::Customer,
    SortKey::Type,
    SortKey::Status,
    SortKey::Value,
    SortKey::CloseDate,
    SortKey::TimeLeft,
];

/// The deal table: a heart per row, the deal name links to its page, columns sort on click.
#[component]
pub fn DealTable(
    caption: Signal<String>,
    rows: Signal<Vec<DealRow>>,
    sort: RwSignal<Option<Sort>>,
    /// Inbound: the deals selected for a bulk answer (a checkbox on each waiting deal).
    #[prop(optional)]
    selected: Option<RwSignal<Vec<String>>>,
) -> impl IntoView {
    let state = expect_context::<crate::app::state::AppState>();
    let header = move |key: SortKey| {
        let aria_sort = move || match sort.get() {
            Some(s) if s.key == key => {
                if s.descending {
                    "descending"
                } else {
                    "ascending"
                }
            }
            _ => "none",
        };
        let arrow = move || match sort.get() {
            Some(s) if s.key == key => {
                if s.descending {
                    "▼"
                } else {
                    "▲"
                }
            }
            _ => "",
        };
        let numeric = matches!(key, SortKey::Value);
        view! {
            <th scope="col" aria-sort=aria_sort class:numeric=numeric>
                <button type="button" class="sort" on:click=move |_| sort.update(|s| *s = Some(Sort::toggled(*s, key)))>
                    {move || state.tr(key.text())}
                    <span class="sort-arrow" aria-hidden="true">{arrow}</span>
                </button>
            </th>
        }
    };
    view! {
        <div class="table-wrap">
            <table class="deals">
                <caption class="visually-hidden">{move || caption.get()}</caption>
                <thead>
                    <tr>
                        {selected.map(|_| view! { <th scope="col" class="select-col"><span class="visually-hidden">{move || state.tr(crate::domain::support::i18n::Text::Select)}</span></th> })}
                        <th scope="col" class="heart-col"><span class="visually-hidden">{move || state.tr(crate::domain::support::i18n::Text::Favorite)}</span></th>
                        {COLUMNS.into_iter().map(header).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {move || {
                    let l = state.locale.get();
                    rows.get().into_iter().map(|row| view! {
                        <tr data-id=row.id.clone()>
                            {selected.map(|sel| {
                                let (id, toggle_id) = (row.id.clone(), row.id.clone());
                                view! {
                                    <td class="select-col">
                                        {row.awaiting.then(|| view! {
                                            <input type="checkbox" aria-label=crate::domain::support::i18n::Text::SelectDeal.fill(l, &[("name", &row.name)])
                                                prop:checked=move || sel.with(|s| s.contains(&id))
                                                on:change=move |_| toggle(sel, &toggle_id)/>
                                        })}
                                    </td>
                                }
                            })}
                            <td class="heart-col"><Heart referral_id=row.id.clone()/></td>
                            <th scope="row" class="deal-name">
                                <a href=crate::app::routes::Page::Deal(row.id.clone()).href()
                                    title=(row.name.chars().count() > LONG_NAME).then(|| row.name.clone())>{row.name.clone()}</a>
                            </th>
                            <td data-label=crate::domain::support::i18n::Text::ColumnCustomer.get(l)>{row.customer.clone()}</td>
                            <td data-label=crate::domain::support::i18n::Text::ColumnType.get(l)>{row.deal_type.clone()}</td>
                            <td data-label=crate::domain::support::i18n::Text::ColumnStatus.get(l)><span class=row.status_class>{row.status.clone()}</span></td>
                            <td data-label=crate::domain::support::i18n::Text::ColumnValue.get(l) class="numeric">{row.value.clone()}</td>
                            <td data-label=crate::domain::support::i18n::Text::ColumnCloseDate.get(l)>{row.close_date.clone()}</td>
                            <td data-label=crate::domain::support::i18n::Text::ColumnTimeLeft.get(l)>{row.time_left.clone()}</td>
                        </tr>
                    }).collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}

/// Adds `id` to the selection, or takes it out.
pub fn toggle(selected: RwSignal<Vec<String>>, id: &str) {
    selected.update(|s| match s.iter().position(|x| x == id) {
        Some(i) => {
            s.remove(i);
        }
        None => s.push(id.to_string()),
    });
}
