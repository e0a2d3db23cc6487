//! Import (SPEC §11, §13): choose a CSV or JSON file, see every problem by row and column
//! (a dry run: nothing is written), then **Import** saves all rows in one change.

use leptos::prelude::*;

use crate::domain::support::i18n::Text;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::app::browser;
use crate::app::state::{commit, AppState};
use crate::domain::exchange::Ctx;
use crate::domain::transfer::import::{plan_import, size_problem};
use crate::domain::transfer::report::{Arg, Plan, Problem};

#[component]
pub fn ImportPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    // What is happening now, for the progress bar ("" when idle).
    let working = RwSignal::new(String::new());
    let plan = RwSignal::new(None::<Plan>);
    let file_name = RwSignal::new(String::new());
    let locale = move || state.locale.get_untracked();

    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            return;
        };
        let name = file.name();
        file_name.set(name.clone());
        plan.set(None);
        if let Some(problem) = size_problem(file.size() as usize) {
            plan.set(Some(Plan {
                problems: vec![problem],
                ..Plan::default()
            }));
            return;
        }
        working.set(Text::Reading.fill(locale(), &[("name", &name)]));
        spawn_local(async move {
            browser::next_frame().await;
            let bytes = browser::file_bytes(&file).await;
            working.set(Text::Checking.fill(locale(), &[("name", &name)]));
            browser::next_frame().await;
            let checked = match bytes {
                Ok(bytes) => {
                    let user = state.user_untracked();
                    let now = state.now.get_untracked();
                    state.data.with(|directory| {
                        state.exchange.with_untracked(|exchange| {
                            plan_import(
                                &name,
                                &bytes,
                                Ctx {
                                    exchange,
                                    directory,
                                    user: &user,
                                    now,
                                },
                            )
                        })
                    })
                }
                Err(e) => Plan {
                    problems: vec![Problem::whole(
                        Text::FileUnreadable,
                        vec![("error", Arg::Plain(e.to_string()))],
                    )],
                    ..Plan::default()
                },
            };
            working.set(String::new());
            plan.set(Some(checked));
        });
    };

    let file_input = NodeRef::<leptos::html::Input>::new();
    let import = move |_| {
        // The plan moves into the write: its deals and their history are not copied (the
        // view keeps showing it until the write ends). A write that fails is told, and the
        // file is to be chosen again.
        let Some(p) = plan
            .try_update_untracked(|p| p.take_if(|p| p.ready()))
            .flatten()
        else {
            return;
        };
        let n = p.outcome.referrals.len();
        working.set(Text::Writing.fill(locale(), &[("n", &n.to_string())]));
        let message = Text::Imported.fill(
            locale(),
            &[
                ("name", &file_name.get_untracked()),
                ("created", &p.created.to_string()),
                ("updated", &p.updated.to_string()),
            ],
        );
        spawn_local(async move {
            browser::next_frame().await;
            let change = crate::sync::Change::Batch {
                commands: p.commands,
            };
            commit(
                state,
                Some((change, Vec::new())),
                p.outcome,
                message,
                move |ended| {
                    working.set(String::new());
                    plan.set(None);
                    if !ended.is_saved() {
                        if let Some(input) = file_input.get_untracked() {
                            input.set_value("");
                        }
                    }
                },
            );
        });
    };

    let ready = move || plan.with(|p| p.as_ref().is_some_and(Plan::ready));
    view! {
        <div class="import-page">
            <div class="page-head"><h1 tabindex="-1">{state.text(Text::ImportHeading)}</h1></div>
            <p class="muted">{state.text(Text::ImportIntro)}</p>
            <div class="field">
                <label for="import-file">{state.text(Text::ImportFile)}</label>
                <input node_ref=file_input id="import-file" type="file" accept=".csv,.json,text/csv,application/json" on:change=on_file aria-describedby="import-summary"/>
            </div>
            {move || {
                let label = working.get();
                (!label.is_empty()).then(|| view! {
                    <div class="progress" role="progressbar" aria-label=state.tr(Text::ImportProgress) aria-valuetext=label.clone()><span></span></div>
                    <p class="muted">{label}</p>
                })
            }}
            <p id="import-summary" role="status">
                {move || plan.with(|p| p.as_ref().map(|p| p.summary(state.locale.get())).unwrap_or_default())}
            </p>
            {move || plan.with(|p| p.as_ref().filter(|p| !p.problems.is_empty()).map(|p| {
                let locale = state.locale.get();
                let rows = p.problems.iter().take(500).map(|x| view! {
                    <tr>
                        <td>{if x.row == 0 { state.tr(Text::WholeFile).to_string() } else { x.row.to_string() }}</td>
                        <td>{x.column.clone()}</td>
                        <td>{x.message(locale)}</td>
                    </tr>
                }).collect_view();
                view! {
                    <table class="problems">
                        <caption>{state.tr(Text::Problems)}</caption>
                        <thead><tr><th scope="col">{state.tr(Text::ColumnRow)}</th><th scope="col">{state.tr(Text::ColumnColumn)}</th><th scope="col">{state.tr(Text::ColumnProblem)}</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
            }))}
            {move || plan.with(|p| p.as_ref().filter(|p| p.problems.is_empty() && !p.notes.is_empty()).map(|p| {
                let locale = state.locale.get();
                let notes = p.notes.iter().map(|x| view! {
                    <li><strong>{x.column.clone()}</strong>": "{x.message(locale)}</li>
                }).collect_view();
                view! {
                    <section class="import-notes" aria-labelledby="import-notes-heading">
                        <h2 id="import-notes-heading">{state.tr(Text::ImportNotes)}</h2>
                        <ul>{notes}</ul>
                    </section>
                }
            }))}
            <button type="button" class="primary" disabled=move || !ready() || !working.with(String::is_empty) on:click=import>{state.text(Text::Import)}</button>
        </div>
    }
}
