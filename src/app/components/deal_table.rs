//! The deal lists' table (SPEC §4, §11): one row per deal with its heart, link, status and time
//! left; columns that sort on click; a card per deal on a narrow screen.

use leptos::prelude::*;

use crate::app::components::heart::Heart;
use crate::app::routes::Page;
use crate::domain::deal::response_window::time_left;
use crate::domain::lists::listing::{Sort, SortKey};
use crate::domain::present::format;
use crate::domain::present::format::time_left_label_in;
use crate::domain::records::referral::{Referral, Substatus};
use crate::domain::support::i18n::Text;
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

/// The deal table: a heart per row, the deal name links to its page, columns sort on click.
///
/// The rows are slots kept by position: when the rows change (another tab, a keystroke in the
/// search, a sort), each slot's texts and attributes are updated in place, and a slot whose row
/// is the same does nothing; only a change in the number of rows adds or removes slots. So a
/// tab switch or a search rewrites some text, instead of building 50 rows of elements anew.
#[component]
pub fn DealTable(
    caption: Signal<String>,
    rows: Signal<Vec<DealRow>>,
    sort: RwSignal<Option<Sort>>,
    /// Inbound: the deals selected for a bulk answer (a checkbox on each waiting deal) ...
    #[prop(optional)]
    selected: Option<RwSignal<Vec<String>>>,
    /// ... while this is true (the Deals page's table serves all three tabs).
    #[prop(optional, into)]
    selecting: Signal<bool>,
) -> impl IntoView {
    let state = expect_context::<crate::app::state::AppState>();
    let selected = move || selected.filter(|_| selecting.get());
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
                    {state.text(key.text())}
                    <span class="sort-arrow" aria-hidden="true">{arrow}</span>
                </button>
            </th>
        }
    };
    let slot = move |i: usize| {
        // This slot's row; unchanged rows notify nothing.
        let row = Memo::new(move |_| rows.with(|r| r.get(i).cloned()));
        let text = move |f: fn(&DealRow) -> &str| {
            move || row.with(|r| r.as_ref().map_or(String::new(), |r| f(r).to_string()))
        };
        let id =
            Memo::new(move |_| row.with(|r| r.as_ref().map_or(String::new(), |r| r.id.clone())));
        let label = move |t: Text| move || t.get(state.locale.get());
        let checkbox = move || {
            let sel = selected()?;
            // The box stays while the slot's rows await an answer; only its name and state
            // follow the row.
            let awaiting = Memo::new(move |_| row.with(|r| r.as_ref().is_some_and(|r| r.awaiting)));
            let name = move || {
                row.with(|r| {
                    let name = r.as_ref().map_or("", |r| r.name.as_str());
                    Text::SelectDeal.fill(state.locale.get(), &[("name", name)])
                })
            };
            Some(view! {
                <td class="select-col">
                    {move || awaiting.get().then(|| view! {
                        <input type="checkbox" aria-label=name
                            prop:checked=move || id.with(|id| sel.with(|s| s.contains(id)))
                            on:change=move |_| id.with_untracked(|id| toggle(sel, id))/>
                    })}
                </td>
            })
        };
        view! {
            <tr data-id=move || id.get()>
                {checkbox}
                <td class="heart-col"><Heart referral_id=id/></td>
                <th scope="row" class="deal-name">
                    <a href=move || id.with(|id| Page::Deal(id.clone()).href())
                        title=move || row.with(|r| r.as_ref().filter(|r| r.name.chars().count() > LONG_NAME).map(|r| r.name.clone()))>{text(|r| &r.name)}</a>
                </th>
                <td data-label=label(Text::ColumnCustomer)>{text(|r| &r.customer)}</td>
                <td data-label=label(Text::ColumnType)>{text(|r| &r.deal_type)}</td>
                <td data-label=label(Text::ColumnStatus)><span class=move || row.with(|r| r.as_ref().map_or("", |r| r.status_class))>{text(|r| &r.status)}</span></td>
                <td data-label=label(Text::ColumnValue) class="numeric">{text(|r| &r.value)}</td>
                <td data-label=label(Text::ColumnCloseDate)>{text(|r| &r.close_date)}</td>
                <td data-label=label(Text::ColumnTimeLeft)>{text(|r| &r.time_left)}</td>
            </tr>
        }
    };
    // Slots are made anew only when the number of rows changes.
    let count = Memo::new(move |_| rows.with(Vec::len));
    view! {
        <div class="table-wrap">
            <table class="deals">
                <caption class="visually-hidden">{move || caption.get()}</caption>
                <thead>
                    <tr>
                        {move || selected().map(|_| view! { <th scope="col" class="select-col"><span class="visually-hidden">{state.text(Text::Select)}</span></th> })}
                        <th scope="col" class="heart-col"><span class="visually-hidden">{state.text(Text::Favorite)}</span></th>
                        {SortKey::ALL.into_iter().map(header).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {move || (0..count.get()).map(slot).collect_view()}
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
