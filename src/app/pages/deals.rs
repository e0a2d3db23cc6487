//! The Inbound, Outbound and Favorites tabs: search, filters, sort, export, triage and the deal
//! table, over the domain's `lists::listing`.

use crate::app::routes::Page;
use crate::domain::support::i18n::Text;
use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_navigate};

use crate::app::browser;
use crate::app::components::deal_table::{DealRow, DealTable};
use crate::app::components::triage::Triage;
use crate::app::state::AppState;
use crate::domain::deal::visibility::sees_no_deals;
use crate::domain::lists::listing::{ListQuery, Sort, Tab};
use crate::domain::records::referral::{Substatus, TypeFilter};
use crate::domain::records::stage::SalesStage;

/// Rows rendered at once; "Show more" adds another page.
const PAGE: usize = 50;

fn tab_path(tab: Tab) -> String {
    Page::Deals(tab).path()
}

fn tab_id(tab: Tab) -> &'static str {
    match tab {
        Tab::Inbound => "tab-inbound",
        Tab::Outbound => "tab-outbound",
        Tab::Favorites => "tab-favorites",
    }
}

/// Inbound, Outbound and Favorites: the deals the signed-in user may see. One page for the
/// three tabs (one route, app/mod.rs): the tab follows the address, so switching tabs changes
/// the rows and the tab row's state, and rebuilds nothing else.
#[component]
pub fn DealsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let navigate = use_navigate();
    let location = use_location();
    // The tab the address names; none while a deal's page (the outlet) is open.
    let shown_tab = Memo::new(move |_| {
        Page::of_route(&browser::route(&location.pathname.get())).and_then(|p| p.tab())
    });
    // While a deal is open the list stays in the document, hidden and as it was (search,
    // filters, sort, rows shown), and is worked out again only once it is shown.
    let listing = Memo::new(move |_| shown_tab.get().is_some());
    // Leaving the list for a deal keeps the last tab.
    let tab = Memo::new(move |previous: Option<&Tab>| {
        shown_tab
            .get()
            .unwrap_or_else(|| previous.copied().unwrap_or(Tab::Inbound))
    });

    let search = RwSignal::new(String::new());
    let type_filter = RwSignal::new(None::<TypeFilter>);
    let status_filter = RwSignal::new(None::<Substatus>);
    let stage_filter = RwSignal::new(None::<SalesStage>);
    let sort = RwSignal::new(None::<Sort>);
    let shown = RwSignal::new(PAGE);
    // Inbound: deals selected for a bulk answer.
    let selected = RwSignal::new(Vec::<String>::new());
    // Another tab starts as a new list would: no search, filter, sort or selection, first page.
    Effect::new(move |previous: Option<Tab>| {
        let now = tab.get();
        if previous.is_some_and(|p| p != now) {
            if search.with_untracked(|s| !s.is_empty()) {
                search.set(String::new());
            }
            if type_filter.with_untracked(Option::is_some) {
                type_filter.set(None);
            }
            if status_filter.with_untracked(Option::is_some) {
                status_filter.set(None);
            }
            if stage_filter.with_untracked(Option::is_some) {
                stage_filter.set(None);
            }
            if sort.with_untracked(Option::is_some) {
                sort.set(None);
            }
            if shown.get_untracked() != PAGE {
                shown.set(PAGE);
            }
            if selected.with_untracked(|s| !s.is_empty()) {
                selected.set(Vec::new());
            }
        }
        now
    });

    let query = move || ListQuery {
        search: search.get(),
        type_filter: type_filter.get(),
        status_filter: status_filter.get(),
        stage_filter: stage_filter.get(),
        sort: sort.get(),
    };
    // How many deals match, and the rows of the first `shown` of them: rows are built only
    // for what is rendered (a list of 10,000 deals formats 100 amounts, not 10,000).
    // What the list shows: the tab, its query and how many rows. A switch to another tab shows
    // that tab unfiltered from its first row at once; the fields are cleared to match just
    // after (the effect above), which leaves this value equal, so the list of a tab switch is
    // computed once, not again for the cleared fields.
    let shows = Memo::new(move |previous: Option<&(Tab, ListQuery, usize)>| {
        let tab = tab.get();
        let (q, limit) = (query(), shown.get());
        match previous {
            Some((before, _, _)) if *before != tab => (tab, ListQuery::default(), PAGE),
            _ => (tab, q, limit),
        }
    });
    let found = Memo::new(move |previous: Option<&(usize, Vec<DealRow>)>| {
        if !listing.get() {
            return previous.cloned().unwrap_or_default();
        }
        let (tab, q, limit) = shows.get();
        let now = state.now.get();
        let locale = state.locale.get();
        state.visible.with(|v| {
            let all = v.list(tab, &q, now);
            (
                all.len(),
                all.into_iter()
                    .take(limit)
                    .map(|r| DealRow::new(r, now, locale))
                    .collect::<Vec<_>>(),
            )
        })
    });
    let matching = move || found.with(|f| f.0);
    let counts = state.tab_counts;
    let visible_rows = Signal::from(Memo::new(move |_| found.with(|f| f.1.clone())));
    let inbound = Signal::derive(move || tab.get() == Tab::Inbound);
    // The counts in the tabs, told to screen readers when they change while the list is
    // shown (an answer, another tab's change, a heart), not when it is first drawn.
    let counts_changed = RwSignal::new(String::new());
    Effect::new(move |previous: Option<[usize; 3]>| {
        let now = counts.get();
        if previous.is_some_and(|p| p != now) {
            let n = |i: usize| now[i].to_string();
            counts_changed.set(Text::CountsAnnounced.fill(
                state.locale.get_untracked(),
                &[
                    ("inbound", &n(0)),
                    ("outbound", &n(1)),
                    ("favorites", &n(2)),
                ],
            ));
        }
        now
    });
    let total = move || counts.get()[Tab::ALL.iter().position(|t| *t == tab.get()).unwrap_or(0)];
    let caption = Signal::derive(move || {
        Text::TabDeals.fill(state.locale.get(), &[("tab", state.tr(tab.get().text()))])
    });

    // The whole filtered list (not only the rows shown), as the file the user asked for.
    let export = move |json: bool| {
        let tab = tab.get_untracked();
        let q = untrack(query);
        let now = state.now.get_untracked();
        let name = format!(
            "cosell-{}-{}",
            tab.label().to_ascii_lowercase(),
            crate::domain::support::instant::iso_date(now.date_naive())
        );
        leptos::task::spawn_local(async move {
            let deals: Vec<_> = state
                .visible
                .with_untracked(|v| v.list(tab, &q, now).into_iter().cloned().collect());
            let deals: Vec<_> = deals.iter().collect();
            match crate::app::lazy::loaded(state, crate::app::lazy::export_text(&deals, json).await)
            {
                Some(text) if json => {
                    browser::download(&format!("{name}.json"), "application/json", &text)
                }
                Some(text) => {
                    browser::download(&format!("{name}.csv"), "text/csv;charset=utf-8", &text)
                }
                None => {}
            }
        });
    };

    let new_deal = {
        let navigate = navigate.clone();
        move |_| navigate(&Page::NewDeal.path(), Default::default())
    };
    let on_tab_key = move |ev: leptos::ev::KeyboardEvent| {
        let i = Tab::ALL
            .iter()
            .position(|t| *t == tab.get_untracked())
            .unwrap_or(0);
        let next = match ev.key().as_str() {
            "ArrowRight" => Tab::ALL[(i + 1) % 3],
            "ArrowLeft" => Tab::ALL[(i + 2) % 3],
            "Home" => Tab::ALL[0],
            "End" => Tab::ALL[2],
            _ => return,
        };
        ev.prevent_default();
        navigate(&tab_path(next), Default::default());
    };

    let clear = move |_| {
        search.set(String::new());
        type_filter.set(None);
        status_filter.set(None);
        stage_filter.set(None);
    };

    let empty_message = move || {
        let user = state.user();
        if sees_no_deals(&user) {
            return view! {
                <p>{state.tr(Text::RoleSeesNoDeals)}</p>
            }
            .into_any();
        }
        if query().is_filtered() {
            return view! {
                <p>{state.tr(Text::NoMatch)}</p>
                <button type="button" on:click=clear>{state.tr(Text::ClearFilters)}</button>
            }
            .into_any();
        }
        let exchange_empty = state.exchange.with(|e| e.is_empty());
        let text = match tab.get() {
            Tab::Inbound => crate::domain::support::i18n::Text::EmptyInbound,
            Tab::Outbound => crate::domain::support::i18n::Text::EmptyOutbound,
            Tab::Favorites => crate::domain::support::i18n::Text::EmptyFavorites,
        };
        let text = state.tr(text);
        view! {
            <p>{text}</p>
            {move || (exchange_empty).then(|| view! { <p>{state.tr(Text::NoDealsYet)} <a href=crate::app::browser::href("/settings")>{state.tr(Text::LoadDemoInSettings)}</a> {state.tr(Text::ToExplore)}</p> })}
        }
        .into_any()
    };

    view! {
        <div class="deals-page" hidden=move || !listing.get()>
            <div class="page-head">
                <h1 tabindex="-1">{state.text(Text::DealsHeading)}</h1>
                {move || (!sees_no_deals(&state.user())).then(|| view! { <button type="button" class="primary new-deal" on:click=new_deal.clone()>{state.text(Text::NewDeal)}</button> })}
            </div>
            <div role="tablist" aria-label=state.text(Text::DealLists) class="tabs" on:keydown=on_tab_key>
                {Tab::ALL
                    .into_iter()
                    .enumerate()
                    .map(|(i, t)| {
                        let selected = move || t == tab.get();
                        view! {
                            <a
                                role="tab"
                                id=tab_id(t)
                                href=tab_path(t)
                                aria-selected=move || selected().to_string()
                                aria-controls="deals-panel"
                                tabindex=move || if selected() { "0" } else { "-1" }
                            >
                                {state.text(t.text())}
                                " "
                                <span class="count">{move || counts.get()[i]}</span>
                            </a>
                        }
                    })
                    .collect_view()}
            </div>
            <p class="visually-hidden" role="status">{move || counts_changed.get()}</p>
            <section role="tabpanel" id="deals-panel" aria-labelledby=move || tab_id(tab.get()) class="panel">
                <div class="toolbar" role="search">
                    <input
                        type="search"
                        class="search"
                        aria-label=state.text(Text::SearchDeals)
                        placeholder=state.text(Text::SearchPlaceholder)
                        prop:value=move || search.get()
                        on:input=move |ev| {
                            search.set(event_target_value(&ev));
                            shown.set(PAGE);
                        }
                    />
                    <label class="filter">
                        <span>{state.text(Text::FilterType)}</span>
                        <select prop:value=move || type_filter.get().map_or("", |t| t.label()) on:change=move |ev| type_filter.set(TypeFilter::ALL.into_iter().find(|t| t.label() == event_target_value(&ev)))>
                            <option value="">{state.text(Text::AllTypes)}</option>
                            {TypeFilter::ALL.into_iter().map(|t| view! { <option value=t.label()>{state.tr(t.text())}</option> }).collect_view()}
                        </select>
                    </label>
                    <label class="filter">
                        <span>{state.text(Text::FilterStatus)}</span>
                        <select prop:value=move || status_filter.get().map_or("", |s| s.label()) on:change=move |ev| status_filter.set(Substatus::ALL.into_iter().find(|s| s.label() == event_target_value(&ev)))>
                            <option value="">{state.text(Text::AllStatuses)}</option>
                            {Substatus::ALL[1..].iter().map(|s| view! { <option value=s.label()>{state.tr(s.text())}</option> }).collect_view()}
                        </select>
                    </label>
                    <label class="filter">
                        <span>{state.text(Text::FilterStage)}</span>
                        <select prop:value=move || stage_filter.get().map_or("", |s| s.label()) on:change=move |ev| stage_filter.set(SalesStage::STANDARD.iter().chain(SalesStage::ASSESSMENT.iter()).copied().find(|s| s.label() == event_target_value(&ev)))>
                            <option value="">{state.text(Text::AllStages)}</option>
                            {SalesStage::STANDARD.iter().chain(SalesStage::ASSESSMENT[..4].iter()).map(|s| view! { <option value=s.label()>{state.tr(s.text())}</option> }).collect_view()}
                        </select>
                    </label>
                </div>
                <div class="list-actions">
                    <button type="button" on:click=move |_| export(false)>{state.text(Text::ExportCsv)}</button>
                    <button type="button" on:click=move |_| export(true)>{state.text(Text::ExportJson)}</button>
                    <a href=Page::Import.href()>{state.text(Text::Import)}</a>
                </div>
                <p class="result-count" role="status">
                    {move || {
                        let n = matching();
                        let all = total();
                        let l = state.locale.get();
                        if query().is_filtered() {
                            crate::domain::support::i18n::Text::DealsMatch.fill(l, &[("n", &n.to_string()), ("all", &all.to_string())])
                        } else if all == 1 {
                            crate::domain::support::i18n::Text::OneDeal.get(l).to_string()
                        } else {
                            crate::domain::support::i18n::Text::NDeals.fill(l, &[("n", &all.to_string())])
                        }
                    }}
                </p>
                <Show when=move || { matching() > 0 } fallback=move || view! { <div class="empty">{empty_message}</div> }>
                    // One table for the three tabs: a switch changes its rows, not the table.
                    <Triage selected active=inbound><DealTable caption rows=visible_rows sort selected selecting=inbound/></Triage>
                    <Show when=move || { matching() > shown.get() }>
                        <button type="button" class="show-more" on:click=move |_| shown.update(|n| *n += PAGE)>
                            {move || crate::domain::support::i18n::Text::ShowMore.fill(state.locale.get(), &[("n", &(matching() - shown.get()).to_string())])}
                        </button>
                    </Show>
                </Show>
            </section>
        </div>
        // A deal's page. The tabs' child routes draw nothing here, but the router completes a
        // navigation (the address bar, history) only once the outlet has shown the new child.
        <Outlet/>
    }
}
