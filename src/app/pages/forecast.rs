//! `/forecast`: the weighted pipeline by sales stage or close month in a reporting currency
//! (SPEC §13), and the organisation's responsiveness (SPEC §9).

use leptos::prelude::*;

use crate::domain::support::i18n::Text;

use crate::app::browser::{self, Area};
use crate::app::components::deal_table::{DealRow, DealTable};
use crate::app::state::AppState;
use crate::domain::lists::forecast::{
    bucket_name_in, forecast, pipeline, quarter_of, responsiveness, Bucket,
};
use crate::domain::lists::listing::{sort_deals, Sort};
use crate::domain::present::format;
use crate::domain::records::directory::default_currency;

const CURRENCY_KEY: &str = "cosell.reportingCurrency";

// The chart's drawing area, in SVG user units (whole numbers: formatting floats into
// attributes would pull the float printer into the wasm).
const CHART_HEIGHT: i64 = 200;
const SLOT: i64 = 120;
const BAR: i64 = 64;
const TOP: i64 = 24;

/// What the list under the chart shows: one bar's deals, or those closing this quarter.
#[derive(Debug, Clone, PartialEq)]
enum Pick {
    Bar(String),
    Quarter,
}

#[component]
pub fn ForecastPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let currencies = state.data.with(|d| {
        let mut all = vec![d.rates.base.clone()];
        all.extend(
            d.rates
                .rates
                .keys()
                .filter(|c| **c != d.rates.base)
                .cloned(),
        );
        all
    });
    let known = currencies.clone();
    // The user's last choice, else the currency of the organisation's first location.
    let currency = RwSignal::new(
        browser::stored(Area::Local, CURRENCY_KEY)
            .filter(|c| known.contains(c))
            .unwrap_or_else(|| {
                let user = state.user_untracked();
                state.data.with(|d| {
                    d.organization(&user.organization_id)
                        .and_then(|o| o.locations.first())
                        .map(|l| default_currency(&l.country).to_string())
                        .filter(|c| known.contains(c))
                        .unwrap_or_else(|| d.rates.base.clone())
                })
            }),
    );
    let by_month = RwSignal::new(false);
    // The bar whose deals are listed below the chart.
    let selected = RwSignal::new(None::<Pick>);
    let sort = RwSignal::new(None::<Sort>);

    let figures = Memo::new(move |_| {
        let user = state.user();
        let c = currency.get();
        state.exchange.with(|e| {
            state
                .data
                .with(|d| forecast(&pipeline(e, &user), &d.rates, &c))
        })
    });
    let buckets = move || {
        figures.with(|f| {
            if by_month.get() {
                f.by_month.clone()
            } else {
                f.by_stage.clone()
            }
        })
    };
    let quarter = move || {
        let q = quarter_of(state.now.get());
        figures.with(|f| f.closing_in(&q.label, &q.months))
    };
    let t = move |x: Text| state.tr(x);
    let locale = move || state.locale.get();
    let label_of = move |b: &Bucket| bucket_name_in(locale(), &b.label, by_month.get_untracked());
    let money = move |v: f64| format::money_in(locale(), v.round(), &currency.get());
    // In the table the currency is in the column headers, so the numbers fit a phone.
    let amount = move |v: f64| format::money_in(locale(), v.round(), "").trim().to_string();

    let selected_rows = Signal::derive(move || {
        let ids = match selected.get() {
            None => return Vec::new(),
            Some(Pick::Quarter) => quarter().ids,
            Some(Pick::Bar(label)) => buckets()
                .into_iter()
                .find(|b| b.label == label)
                .map(|b| b.ids)
                .unwrap_or_default(),
        };
        let (now, locale) = (state.now.get(), state.locale.get());
        state.exchange.with(|e| {
            let mut deals: Vec<_> = ids.iter().filter_map(|id| e.referral(id)).collect();
            sort_deals(&mut deals, sort.get(), now);
            deals
                .into_iter()
                .map(|r| DealRow::new(r, now, locale))
                .collect()
        })
    });
    let selected_title = move || {
        selected.get().map(|pick| match pick {
            Pick::Quarter => {
                Text::DealsLikelyIn.fill(locale(), &[("q", &quarter_of(state.now.get()).label)])
            }
            Pick::Bar(l) if by_month.get() => Text::DealsClosingIn
                .fill(locale(), &[("month", &bucket_name_in(locale(), &l, true))]),
            Pick::Bar(l) => {
                Text::DealsAt.fill(locale(), &[("stage", &bucket_name_in(locale(), &l, false))])
            }
        })
    };
    let caption = Signal::derive(move || selected_title().unwrap_or_default());

    let chart = move || {
        let list = buckets();
        let max = list
            .iter()
            .map(|b| b.value)
            .fold(0.0_f64, f64::max)
            .max(1.0);
        let width = (list.len() as i64 * SLOT).max(SLOT * 3);
        let height = |v: f64| ((v / max) * CHART_HEIGHT as f64).round() as i64;
        let chart_name = t(if by_month.get() {
            Text::ChartByMonth
        } else {
            Text::ChartByStage
        });
        view! {
            <svg class="chart" role="group" aria-label=chart_name viewBox=format!("0 0 {width} {}", CHART_HEIGHT + TOP + 40)
                width=width preserveAspectRatio="xMinYMin meet">
                <line class="axis" x1="0" x2=width y1=CHART_HEIGHT + TOP y2=CHART_HEIGHT + TOP/>
                {list.into_iter().enumerate().map(|(i, b)| {
                    let x = i as i64 * SLOT + (SLOT - BAR) / 2;
                    let (total, weighted) = (height(b.value), height(b.weighted));
                    let name = label_of(&b);
                    let count = b.ids.len();
                    let (weighted_text, value_text) = (money(b.weighted), money(b.value));
                    let aria = (if count == 1 { Text::BarOneDeal } else { Text::BarDeals }).fill(locale(), &[("name", &name), ("weighted", &weighted_text), ("value", &value_text), ("n", &count.to_string())]);
                    let key = Pick::Bar(b.label.clone());
                    let pressed_key = key.clone();
                    let pick = move || selected.update(|s| *s = if s.as_ref() == Some(&key) { None } else { Some(key.clone()) });
                    let pick_key = pick.clone();
                    view! {
                        <g class="bar" role="button" tabindex="0" aria-label=aria
                            aria-pressed=move || (selected.get().as_ref() == Some(&pressed_key)).to_string()
                            on:click=move |_| pick()
                            on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" || ev.key() == " " { ev.prevent_default(); pick_key(); }>
                            <rect class="total" x=x y=CHART_HEIGHT + TOP - total width=BAR height=total/>
                            <rect class="weighted" x=x y=CHART_HEIGHT + TOP - weighted width=BAR height=weighted/>
                            <text class="value" x=x + BAR / 2 y=CHART_HEIGHT + TOP - total - 6 text-anchor="middle">{amount(b.weighted)}</text>
                            <text class="label" x=x + BAR / 2 y=CHART_HEIGHT + TOP + 18 text-anchor="middle">{name}</text>
                            <text class="count" x=x + BAR / 2 y=CHART_HEIGHT + TOP + 34 text-anchor="middle">{format!("{count}")}</text>
                        </g>
                    }
                }).collect_view()}
            </svg>
        }
    };

    let table = move || {
        let list = buckets();
        let first = t(if by_month.get() {
            Text::CloseMonth
        } else {
            Text::FilterStage
        });
        view! {
            <table class="figures">
                <caption>{t(if by_month.get() { Text::TableByMonth } else { Text::TableByStage })}</caption>
                <thead><tr>
                    <th scope="col">{first}</th><th scope="col" class="numeric">{t(Text::NavDeals)}</th>
                    <th scope="col" class="numeric">{Text::ValueIn.fill(locale(), &[("c", &currency.get())])}</th>
                    <th scope="col" class="numeric">{Text::WeightedIn.fill(locale(), &[("c", &currency.get())])}</th>
                </tr></thead>
                <tbody>
                    {list.iter().map(|b| view! {
                        <tr>
                            <th scope="row">{label_of(b)}</th>
                            <td class="numeric">{b.ids.len()}</td>
                            <td class="numeric">{amount(b.value)}</td>
                            <td class="numeric">{amount(b.weighted)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
                <tfoot>{move || figures.with(|f| view! {
                    <tr>
                        <th scope="row">{t(Text::Total)}</th>
                        <td class="numeric">{f.by_stage.iter().map(|b| b.ids.len()).sum::<usize>()}</td>
                        <td class="numeric">{amount(f.value)}</td>
                        <td class="numeric">{amount(f.weighted)}</td>
                    </tr>
                })}</tfoot>
            </table>
        }
    };

    let quarter_key = move || quarter_of(state.now.get()).label;

    view! {
        <div class="forecast-page">
            <div class="page-head">
                <h1 tabindex="-1">{move || t(Text::ForecastHeading)}</h1>
            </div>
            <p class="muted">{move || t(Text::ForecastIntro)}</p>
            <div class="toolbar forecast-controls">
                <label class="filter">
                    <span>{move || t(Text::ReportingCurrency)}</span>
                    <select on:change=move |ev| {
                        let c = event_target_value(&ev);
                        browser::store(Area::Local, CURRENCY_KEY, &c);
                        currency.set(c);
                    }>
                        {currencies.into_iter().map(|c| {
                            let (is, text) = (c.clone(), c.clone());
                            view! { <option value=c selected=move || currency.get() == is>{text}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <div class="filter" role="radiogroup" aria-labelledby="group-by-label">
                    <span id="group-by-label">{move || t(Text::GroupBy)}</span>
                    <div class="segmented">
                        <label><input type="radio" name="group-by" prop:checked=move || !by_month.get()
                            on:change=move |_| { by_month.set(false); selected.set(None); }/>{move || t(Text::FilterStage)}</label>
                        <label><input type="radio" name="group-by" prop:checked=move || by_month.get()
                            on:change=move |_| { by_month.set(true); selected.set(None); }/>{move || t(Text::CloseMonth)}</label>
                    </div>
                </div>
            </div>
            <dl class="figures-summary">
                <div><dt>{move || t(Text::OpenPipeline)}</dt><dd>{move || money(figures.with(|f| f.value))}</dd></div>
                <div><dt>{move || t(Text::WeightedForecast)}</dt><dd>{move || money(figures.with(|f| f.weighted))}</dd></div>
                <div>
                    <dt>{move || Text::LikelyToClose.fill(locale(), &[("q", &quarter_key())])}</dt>
                    <dd>
                        <button type="button" class="link-button" on:click=move |_| selected.set(Some(Pick::Quarter))>
                            {move || { let q = quarter(); Text::WeightedOf.fill(locale(), &[("weighted", &money(q.weighted)), ("value", &money(q.value)), ("n", &q.ids.len().to_string())]) }}
                        </button>
                    </dd>
                </div>
            </dl>
            {move || figures.with(|f| (!f.unconverted.is_empty()).then(|| Text::Unconverted.fill(locale(), &[("n", &f.unconverted.len().to_string())]))).map(|text| view! { <p class="muted">{text}</p> })}
            <section class="chart-card" aria-labelledby="chart-heading">
                <h2 id="chart-heading">{move || t(if by_month.get() { Text::ByCloseMonth } else { Text::ByStage })}</h2>
                {move || if figures.with(|f| f.by_stage.is_empty()) {
                    view! { <p>{t(Text::NothingToForecast)}</p> }.into_any()
                } else {
                    view! {
                        <p class="muted legend">
                            <span><span class="swatch weighted" aria-hidden="true"></span>" " {t(Text::Weighted)}</span>
                            <span><span class="swatch total" aria-hidden="true"></span>" " {t(Text::FullValue)}</span>
                            <span>{t(Text::SelectBar)}</span>
                        </p>
                        <div class="chart-wrap">{chart}</div>
                        <div class="table-wrap">{table}</div>
                    }.into_any()
                }}
            </section>
            {move || selected_title().map(|title| view! {
                <section class="bucket-deals" aria-labelledby="bucket-heading">
                    <div class="panel-head">
                        <h2 id="bucket-heading">{title}</h2>
                        <button type="button" class="link-button" on:click=move |_| selected.set(None)>{t(Text::CloseList)}</button>
                    </div>
                    <DealTable caption rows=selected_rows sort/>
                </section>
            })}
            <Responsiveness/>
        </div>
    }
}

/// SPEC §9: how fast the organisation answers, how much expires, and which deals need
/// their value, close date or final status reported.
#[component]
fn Responsiveness() -> impl IntoView {
    let state = expect_context::<AppState>();
    let figures = Memo::new(move |_| {
        let user = state.user();
        let now = state.now.get();
        state
            .exchange
            .with(|e| responsiveness(&pipeline(e, &user), now))
    });
    let links = move |ids: Vec<String>| {
        state.exchange.with(|e| {
            ids.iter()
                .filter_map(|id| e.referral(id))
                .take(10)
                .map(|r| view! { <li><a href=crate::app::routes::Page::Deal(r.id.clone()).href()>{r.name.clone()}</a></li> })
                .collect_view()
        })
    };
    let t = move |x: Text| state.tr(x);
    view! {
        <section class="responsiveness" aria-labelledby="responsiveness-heading">
            <h2 id="responsiveness-heading">{move || t(Text::Responsiveness)}</h2>
            <p class="muted">{move || t(Text::ResponsivenessIntro)}</p>
            <dl class="figures-summary">
                <div><dt>{move || t(Text::MedianAnswer)}</dt><dd>{move || figures.with(|r| r.median_hours.map(|h| format::hours_in(state.locale.get(), h)).unwrap_or_else(|| t(Text::NoAnswersYet).into()))}</dd></div>
                <div><dt>{move || t(Text::InboundAnswered)}</dt><dd>{move || figures.with(|r| r.answered)}</dd></div>
                <div><dt>{move || t(Text::ExpiredUnanswered)}</dt><dd>{move || figures.with(|r| match r.share_expired() {
                    Some(share) => Text::ShareOf.fill(state.locale.get(), &[("share", &format::percent(share)), ("n", &r.expired.to_string()), ("all", &r.received.to_string())]),
                    None => t(Text::NoneYetCapital).into(),
                })}</dd></div>
            </dl>
            {move || {
                let (missing, overdue) = figures.with(|r| (r.missing_value.clone(), r.overdue.clone()));
                if missing.is_empty() && overdue.is_empty() {
                    return view! { <p>{t(Text::AllUpToDate)}</p> }.into_any();
                }
                let (nm, no) = (missing.len(), overdue.len());
                view! {
                    <div class="to-update">
                        {(nm > 0).then(|| view! {
                            <div>
                                <h3>{Text::MissingValue.fill(state.locale.get(), &[("n", &nm.to_string())])}</h3>
                                <ul>{links(missing)}</ul>
                            </div>
                        })}
                        {(no > 0).then(|| view! {
                            <div>
                                <h3>{Text::CloseDatePassed.fill(state.locale.get(), &[("n", &no.to_string())])}</h3>
                                <ul>{links(overdue)}</ul>
                            </div>
                        })}
                    </div>
                }.into_any()
            }}
        </section>
    }
}
