//! Import (SPEC §11, §13): choose a CSV or JSON file, see every problem by row and column
//! (a dry run: nothing is written), then **Import** saves all rows in one change.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::app::browser;
use crate::app::state::{save, AppState};
use crate::domain::commands::Ctx;
use crate::domain::transfer::{plan_import, size_problem, Plan, Problem};

#[component]
pub fn ImportPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    // What is happening now, for the progress bar ("" when idle).
    let working = RwSignal::new(String::new());
    let plan = RwSignal::new(None::<Plan>);
    let file_name = RwSignal::new(String::new());

    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).and_then(|i| i.files()).and_then(|f| f.get(0)) else { return };
        let name = file.name();
        file_name.set(name.clone());
        plan.set(None);
        if let Some(problem) = size_problem(file.size() as usize) {
            plan.set(Some(Plan { problems: vec![problem], ..Plan::default() }));
            return;
        }
        working.set(format!("Reading {name}…"));
        spawn_local(async move {
            browser::next_frame().await;
            let bytes = browser::file_bytes(&file).await;
            working.set(format!("Checking {name}…"));
            browser::next_frame().await;
            let checked = match bytes {
                Ok(bytes) => {
                    let user = state.user_untracked();
                    let now = state.now.get_untracked();
                    state.data.with_value(|directory| state.exchange.with_untracked(|exchange| plan_import(&name, &bytes, Ctx { exchange, directory, user: &user, now })))
                }
                Err(e) => Plan { problems: vec![Problem { row: 0, column: String::new(), message: format!("The file could not be read: {e}") }], ..Plan::default() },
            };
            working.set(String::new());
            plan.set(Some(checked));
        });
    };

    let import = move |_| {
        let Some(p) = plan.get_untracked().filter(Plan::ready) else { return };
        let n = p.outcome.referrals.len();
        working.set(format!("Writing {n} deals…"));
        let message = format!("Imported {}: {} deals created, {} updated.", file_name.get_untracked(), p.created, p.updated);
        spawn_local(async move {
            browser::next_frame().await;
            save(state, p.outcome, message, move |result| {
                working.set(String::new());
                if result.is_ok() {
                    plan.set(None);
                }
            });
        });
    };

    let ready = move || plan.with(|p| p.as_ref().is_some_and(Plan::ready));
    view! {
        <div class="import-page">
            <div class="page-head"><h1 tabindex="-1">"Import deals"</h1></div>
            <p class="muted">"A CSV file (the columns of Export CSV; Deal name, Customer name, Value, Currency and Estimated close date are enough for new deals) or the JSON of Export JSON. Rows with a referral ID or CRM ID that is already here update that deal; the others create deals. Every row is checked first: nothing is written until the whole file is right."</p>
            <div class="field">
                <label for="import-file">"Import file"</label>
                <input id="import-file" type="file" accept=".csv,.json,text/csv,application/json" on:change=on_file aria-describedby="import-summary"/>
            </div>
            {move || {
                let label = working.get();
                (!label.is_empty()).then(|| view! {
                    <div class="progress" role="progressbar" aria-label="Import progress" aria-valuetext=label.clone()><span></span></div>
                    <p class="muted">{label}</p>
                })
            }}
            <p id="import-summary" role="status">
                {move || plan.with(|p| p.as_ref().map(Plan::summary).unwrap_or_default())}
            </p>
            {move || plan.with(|p| p.as_ref().filter(|p| !p.problems.is_empty()).map(|p| {
                let rows = p.problems.iter().take(500).map(|x| view! {
                    <tr>
                        <td>{if x.row == 0 { "File".to_string() } else { x.row.to_string() }}</td>
                        <td>{x.column.clone()}</td>
                        <td>{x.message.clone()}</td>
                    </tr>
                }).collect_view();
                view! {
                    <table class="problems">
                        <caption>"Problems"</caption>
                        <thead><tr><th scope="col">"Row"</th><th scope="col">"Column"</th><th scope="col">"Problem"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
            }))}
            <button type="button" class="primary" disabled=move || !ready() || !working.with(String::is_empty) on:click=import>"Import"</button>
        </div>
    }
}
