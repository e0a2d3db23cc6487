//! `/organisation`: the organisation's set-up (issue #9, SPEC §1): its users with their
//! roles and location scopes, its locations with the address for inbound alerts, its own
//! co-sell solutions, and what changed. MPN partner admins change it; referral admins read it.

use std::sync::Arc;

use leptos::prelude::*;

use crate::app::components::action_form::{Finish, FormDialog, Submit};
use crate::app::components::confirm_dialog::ConfirmDialog;
use crate::app::state::{perform_admin, AppState};
use crate::client::Done;
use crate::domain::org::admin::{
    deals_to_reassign, may_administer, may_view_organisation, setup_activity, AdminCommand,
};
use crate::domain::present::format;
use crate::domain::present::organisation::{
    self as editor, change_line_in, roles_label_in, scope_label_in, solution_status, Editor,
};
use crate::domain::records::org_setup::own_solutions;
use crate::domain::support::i18n::Text;

/// What is open over the page: an editor, or a confirmation (deactivate, remove).
#[derive(Clone, PartialEq)]
enum Open {
    Editor(Editor),
    Deactivate { user_id: String, name: String },
    Remove { location_id: String, name: String },
    Reactivate { user_id: String, name: String },
}

/// One row of a section's table: its cells (the first names the row) and what its buttons
/// do, each as (button text, its accessible name with `{name}`, what it opens).
struct Row {
    cells: Vec<String>,
    inactive: bool,
    actions: Vec<(Text, Text, Open)>,
}

#[component]
pub fn OrganisationPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = RwSignal::new(None::<Open>);
    let t = move |x: Text| state.tr(x);
    let org = move || {
        let user = state.user();
        state
            .data
            .with(|d| d.organization(&user.organization_id).cloned())
    };
    let admin = move || may_administer(&state.user());

    let admin_now = move || untrack(admin);
    let user_rows = move || {
        let Some(org) = org() else { return Vec::new() };
        let locale = state.locale.get();
        let admin = admin_now();
        state.data.with(|d| {
            d.users
                .iter()
                .filter(|u| u.organization_id == org.id)
                .map(|u| {
                    let role = roles_label_in(locale, &u.roles);
                    let name = u.display_name.clone();
                    let toggle = if u.active {
                        (
                            Text::DeactivateUser,
                            Text::DeactivateNamed,
                            Open::Deactivate {
                                user_id: u.id.clone(),
                                name: name.clone(),
                            },
                        )
                    } else {
                        (
                            Text::Reactivate,
                            Text::ReactivateNamed,
                            Open::Reactivate {
                                user_id: u.id.clone(),
                                name: name.clone(),
                            },
                        )
                    };
                    Row {
                        cells: vec![
                            name.clone(),
                            u.email.clone(),
                            role,
                            scope_label_in(locale, &org, &u.location_scope),
                            t(if u.active {
                                Text::StateActive
                            } else {
                                Text::StateDeactivated
                            })
                            .to_string(),
                        ],
                        inactive: !u.active,
                        actions: if admin {
                            vec![
                                (
                                    Text::ActEdit,
                                    Text::EditNamed,
                                    Open::Editor(Editor::User(Some(u.id.clone()))),
                                ),
                                toggle,
                            ]
                        } else {
                            Vec::new()
                        },
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    let location_rows = move || {
        let Some(org) = org() else { return Vec::new() };
        let locale = state.locale.get();
        let admin = admin_now();
        state.exchange.with(|x| {
            org.locations
                .iter()
                .map(|l| {
                    let deals = x
                        .referrals()
                        .filter(|r| r.organization_id == org.id && r.location == l.id)
                        .count();
                    let label = l.label_in(locale);
                    let actions = if admin {
                        vec![
                            (
                                Text::ActEdit,
                                Text::EditNamed,
                                Open::Editor(Editor::Location(Some(l.id.clone()))),
                            ),
                            (
                                Text::RemoveLocation,
                                Text::RemoveNamed,
                                Open::Remove {
                                    location_id: l.id.clone(),
                                    name: label.clone(),
                                },
                            ),
                        ]
                    } else {
                        Vec::new()
                    };
                    let contact = if l.contact_email.is_empty() {
                        "—".to_string()
                    } else {
                        l.contact_email.clone()
                    };
                    Row {
                        cells: vec![label, contact, deals.to_string()],
                        inactive: false,
                        actions,
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    let solution_rows = move || {
        let Some(org) = org() else { return Vec::new() };
        let admin = admin_now();
        state.data.with(|d| {
            own_solutions(d, &org.id)
                .map(|s| Row {
                    cells: vec![
                        s.name.clone(),
                        t(solution_status(s.incentive_program)).to_string(),
                        t(s.incentive_program.text()).to_string(),
                    ],
                    inactive: false,
                    actions: if admin {
                        vec![(
                            Text::ActEdit,
                            Text::EditNamed,
                            Open::Editor(Editor::Solution(Some(s.id.clone()))),
                        )]
                    } else {
                        Vec::new()
                    },
                })
                .collect::<Vec<_>>()
        })
    };
    let to_reassign = move || {
        let Some(org) = org() else { return Vec::new() };
        state.data.with(|d| {
            state.exchange.with(|x| {
                deals_to_reassign(d, x, &org.id)
                    .into_iter()
                    .map(|r| (r.id.clone(), r.name.clone()))
                    .collect::<Vec<_>>()
            })
        })
    };
    let changes = move || {
        let Some(org) = org() else { return Vec::new() };
        let locale = state.locale.get();
        state.exchange.with(|x| {
            setup_activity(x, &org.id)
                .into_iter()
                .take(20)
                .map(|a| {
                    let what = a
                        .changes
                        .iter()
                        .map(|c| change_line_in(locale, &org, c))
                        .collect::<Vec<_>>()
                        .join(" · ");
                    (
                        format::date_time_in(locale, a.at),
                        a.actor.name.clone(),
                        format!(
                            "{} · {}",
                            t(a.action.text()),
                            a.subject.clone().unwrap_or_default()
                        ),
                        what,
                    )
                })
                .collect::<Vec<_>>()
        })
    };

    let close = move |()| open.set(None);
    // Only opening or closing redraws the dialog: a save changes the directory, and the
    // dialog that saved must close itself, not be replaced by a fresh copy.
    let dialog = move || {
        let what = open.get()?;
        let org = untrack(org)?;
        let locale = state.locale.get_untracked();
        Some(match what {
            Open::Editor(e) => {
                let d = state
                    .data
                    .with_untracked(|data| editor::dialog(&e, data, &org, locale));
                let saved = Text::DoneUserSaved;
                let submit: Submit =
                    Arc::new(
                        move |values, done: Finish| match editor::command(&e, values) {
                            Ok(command) => {
                                let name = match &command {
                                    AdminCommand::SaveUser { input, .. } => {
                                        input.display_name.trim().to_string()
                                    }
                                    AdminCommand::SaveLocation { input, .. } => {
                                        input.city.trim().to_string()
                                    }
                                    AdminCommand::SaveSolution { input, .. } => {
                                        input.name.trim().to_string()
                                    }
                                    _ => String::new(),
                                };
                                let text = match &e {
                                    Editor::User(_) => saved,
                                    Editor::Location(_) => Text::DoneLocationSaved,
                                    Editor::Solution(_) => Text::DoneSolutionSaved,
                                };
                                perform_admin(
                                    state,
                                    command,
                                    text.fill(locale, &[("name", &name)]),
                                    done,
                                )
                            }
                            Err(errors) => done(Done::Invalid(errors)),
                        },
                    );
                view! { <FormDialog title=d.title submit_label="" fields=d.fields values=d.values submit close/> }.into_any()
            }
            Open::Deactivate { user_id, name } => confirm(
                Text::DeactivateUser.get(locale).to_string(),
                Text::DeactivateIntro.fill(locale, &[("name", &name)]),
                AdminCommand::SetUserActive {
                    user_id,
                    active: false,
                },
                Text::DoneUserDeactivated.fill(locale, &[("name", &name)]),
                open,
            ),
            Open::Reactivate { .. } => return None,
            Open::Remove { location_id, name } => confirm(
                Text::RemoveLocation.get(locale).to_string(),
                Text::RemoveLocationIntro.fill(locale, &[("name", &name)]),
                AdminCommand::RemoveLocation { location_id },
                Text::DoneLocationRemoved.fill(locale, &[("name", &name)]),
                open,
            ),
        })
    };
    // A row's action: reactivating needs no confirmation; the others open a dialog.
    let act = Callback::new(move |what: Open| match what {
        Open::Reactivate { user_id, name } => {
            let saved =
                Text::DoneUserReactivated.fill(state.locale.get_untracked(), &[("name", &name)]);
            perform_admin(
                state,
                AdminCommand::SetUserActive {
                    user_id,
                    active: true,
                },
                saved,
                |_| (),
            );
        }
        other => open.set(Some(other)),
    });
    view! {
        <div class="organisation-page">
            <div class="page-head"><h1 tabindex="-1">{move || t(Text::NavOrganisation)}</h1></div>
            {move || {
                if !may_view_organisation(&state.user()) {
                    return view! { <p class="card">{t(Text::OrgNotAllowed)}</p> }.into_any();
                }
                let name = org().map(|o| o.name).unwrap_or_default();
                view! {
                    <p class="muted">{Text::OrgIntro.fill(state.locale.get(), &[("org", &name)])}</p>
                    {(!admin()).then(|| view! { <p class="card read-only" role="note">{t(Text::OrgReadOnly)}</p> })}

                    {section("org-users", Text::SectionUsers, Some((Text::AddUser, Editor::User(None))), &[Text::LabelName, Text::LabelEmail, Text::LabelRole, Text::LabelLocationScope, Text::ColumnState], None, user_rows(), act)}
                    {move || {
                        let deals = to_reassign();
                        (!deals.is_empty()).then(|| view! {
                            <div class="card reassign" role="region" aria-labelledby="org-reassign-h">
                                <h3 id="org-reassign-h">{t(Text::ReassignHeading)}</h3>
                                <p>{t(Text::ReassignIntro)}</p>
                                <ul>{deals.into_iter().map(|(id, name)| view! { <li><a href=crate::app::routes::Page::Deal(id.clone()).href()>{name}</a></li> }).collect_view()}</ul>
                            </div>
                        })
                    }}
                    {section("org-locations", Text::SectionLocations, Some((Text::AddLocation, Editor::Location(None))), &[Text::Location, Text::LabelAlertEmail, Text::NavDeals], Some(2), location_rows(), act)}
                    {section("org-solutions", Text::SectionSolutions, Some((Text::AddSolution, Editor::Solution(None))), &[Text::LabelSolutionName, Text::LabelSolutionStatus, Text::ColumnIncentive], None, solution_rows(), act)}
                    {state.shared.filter(|_| admin()).map(|shared| view! { <super::api_tokens::ApiTokens shared/> })}
                    {state.shared.filter(|_| admin()).map(|shared| view! { <super::webhooks::Webhooks shared/> })}

                    <section class="card" aria-labelledby="org-changes-h">
                        <h2 id="org-changes-h">{t(Text::SectionChanges)}</h2>
                        {move || {
                            let list = changes();
                            if list.is_empty() {
                                return view! { <p class="muted">{t(Text::NoChanges)}</p> }.into_any();
                            }
                            view! { <ol class="changes">{list.into_iter().map(|(at, who, what, fields)| view! {
                                <li><span class="muted">{at}</span>" · "{who}" · "<strong>{what}</strong>{(!fields.is_empty()).then(|| view! { <div class="muted">{fields}</div> })}</li>
                            }).collect_view()}</ol> }.into_any()
                        }}
                    </section>
                }
                .into_any()
            }}
            {dialog}
        </div>
    }
}

/// A section of the page: its heading with an Add button, and a table of `rows` whose first
/// cell heads the row; buttons only where the rows have actions (partner admins).
fn section(
    id: &'static str,
    heading: Text,
    add: Option<(Text, Editor)>,
    columns: &[Text],
    numeric: Option<usize>,
    rows: Vec<Row>,
    act: Callback<Open>,
) -> AnyView {
    let state = expect_context::<AppState>();
    let locale = state.locale.get_untracked();
    let heading_id = format!("{id}-h");
    let (section_label, table_label) = (heading_id.clone(), heading_id.clone());
    let with_actions = rows.iter().any(|r| !r.actions.is_empty())
        || (add.is_some() && may_administer(&state.user_untracked()));
    let add = add.filter(|_| with_actions).map(|(text, editor)| {
        let editor = Open::Editor(editor);
        view! { <button type="button" on:click=move |_| act.run(editor.clone())>{text.get(locale)}</button> }
    });
    let numeric_class = move |i: usize| (numeric == Some(i)).then_some("numeric");
    view! {
        <section class="card" aria-labelledby=section_label>
            <div class="section-head">
                <h2 id=heading_id>{heading.get(locale)}</h2>
                {add}
            </div>
            <div class="table-wrap"><table class="admin" aria-labelledby=table_label>
                <thead><tr>
                    {columns.iter().enumerate().map(|(i, c)| view! { <th scope="col" class=numeric_class(i)>{c.get(locale)}</th> }).collect_view()}
                    {with_actions.then(|| view! { <th scope="col"><span class="visually-hidden">{Text::Actions.get(locale)}</span></th> })}
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let name = row.cells.first().cloned().unwrap_or_default();
                        let mut cells = row.cells.into_iter().enumerate();
                        let head = cells.next().map(|(_, c)| c).unwrap_or_default();
                        view! {
                            <tr class:inactive=row.inactive>
                                <th scope="row">{head}</th>
                                {cells.map(|(i, c)| view! { <td class=numeric_class(i)>{c}</td> }).collect_view()}
                                {with_actions.then(|| view! { <td><div class="row-actions">
                                    {row.actions.into_iter().map(|(text, label, open)| view! {
                                        <button type="button" aria-label=label.fill(locale, &[("name", &name)]) on:click=move |_| act.run(open.clone())>{text.get(locale)}</button>
                                    }).collect_view()}
                                </div></td> })}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table></div>
        </section>
    }
    .into_any()
}

/// A confirmation dialog for a one-step change (deactivate a user, remove a location).
fn confirm(
    title: String,
    intro: String,
    command: AdminCommand,
    saved: String,
    open: RwSignal<Option<Open>>,
) -> AnyView {
    let state = expect_context::<AppState>();
    let shown = RwSignal::new(true);
    let busy = RwSignal::new(false);
    Effect::new(move |_| {
        if !shown.get() {
            open.set(None);
        }
    });
    let on_confirm = move |()| {
        busy.set(true);
        perform_admin(state, command.clone(), saved.clone(), move |_| {
            busy.set(false);
            shown.set(false);
        });
    };
    view! {
        <ConfirmDialog title=title open=shown busy danger=true on_confirm=on_confirm>
            <p>{intro}</p>
        </ConfirmDialog>
    }
    .into_any()
}
