//! `/organisation`: the organisation's set-up (issue #9, SPEC §1): its users with their
//! roles and location scopes, its locations with the address for inbound alerts, its own
//! co-sell solutions, and what changed. MPN partner admins change it; referral admins read it.

use std::sync::Arc;

use leptos::prelude::*;

use crate::app::browser;
use crate::app::components::action_form::{Done, FormDialog, Submit};
use crate::app::components::confirm_dialog::ConfirmDialog;
use crate::app::state::{perform_admin, AppState};
use crate::domain::admin::editor::{self, Editor};
use crate::domain::admin::{change_line_in, deals_to_reassign, may_administer, may_view_organisation, own_solutions, scope_label_in, setup_activity, solution_status, AdminCommand, RoleChoice};
use crate::domain::format;
use crate::domain::i18n::Text;

/// What is open over the page: an editor, or a confirmation (deactivate, remove).
#[derive(Clone, PartialEq)]
enum Open {
    Editor(Editor),
    Deactivate { user_id: String, name: String },
    Remove { location_id: String, name: String },
}

#[component]
pub fn OrganisationPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = RwSignal::new(None::<Open>);
    let t = move |x: Text| state.tr(x);
    let org = move || {
        let user = state.user();
        state.data.with(|d| d.organization(&user.organization_id).cloned())
    };
    let admin = move || may_administer(&state.user());

    let users = move || {
        let Some(org) = org() else { return Vec::new() };
        let locale = state.locale.get();
        state.data.with(|d| {
            d.users
                .iter()
                .filter(|u| u.organization_id == org.id)
                .map(|u| {
                    let role = RoleChoice::of(&u.roles).map(|r| t(r.text()).to_string()).unwrap_or_else(|| u.roles.iter().map(|r| t(r.text())).collect::<Vec<_>>().join(" + "));
                    (u.id.clone(), u.display_name.clone(), u.email.clone(), role, scope_label_in(locale, &org, &u.location_scope), u.active)
                })
                .collect::<Vec<_>>()
        })
    };
    let locations = move || {
        let Some(org) = org() else { return Vec::new() };
        let locale = state.locale.get();
        state.exchange.with(|x| {
            org.locations
                .iter()
                .map(|l| {
                    let deals = x.referrals().filter(|r| r.organization_id == org.id && r.location == l.id).count();
                    (l.id.clone(), l.label_in(locale), l.contact_email.clone(), deals)
                })
                .collect::<Vec<_>>()
        })
    };
    let solutions = move || {
        let Some(org) = org() else { return Vec::new() };
        state.data.with(|d| own_solutions(d, &org.id).map(|s| (s.id.clone(), s.name.clone(), t(solution_status(s.incentive_program)), t(s.incentive_program.text()))).collect::<Vec<_>>())
    };
    let to_reassign = move || {
        let Some(org) = org() else { return Vec::new() };
        state.data.with(|d| state.exchange.with(|x| deals_to_reassign(d, x, &org.id).into_iter().map(|r| (r.id.clone(), r.name.clone())).collect::<Vec<_>>()))
    };
    let changes = move || {
        let Some(org) = org() else { return Vec::new() };
        let locale = state.locale.get();
        state.exchange.with(|x| {
            setup_activity(x, &org.id)
                .into_iter()
                .take(20)
                .map(|a| {
                    let what = a.changes.iter().map(|c| change_line_in(locale, &org, c)).collect::<Vec<_>>().join(" · ");
                    (format::date_time_in(locale, a.at), a.actor.name.clone(), format!("{} · {}", t(a.action.text()), a.subject.clone().unwrap_or_default()), what)
                })
                .collect::<Vec<_>>()
        })
    };

    let edit = move |e: Editor| open.set(Some(Open::Editor(e)));
    let close = move |()| open.set(None);
    // Only opening or closing redraws the dialog: a save changes the directory, and the
    // dialog that saved must close itself, not be replaced by a fresh copy.
    let dialog = move || {
        let what = open.get()?;
        let org = untrack(org)?;
        let locale = state.locale.get_untracked();
        Some(match what {
            Open::Editor(e) => {
                let d = state.data.with_untracked(|data| editor::dialog(&e, data, &org, locale));
                let saved = Text::DoneUserSaved;
                let submit: Submit = Arc::new(move |values, done: Done| match editor::command(&e, values) {
                    Ok(command) => {
                        let name = match &command {
                            AdminCommand::SaveUser { input, .. } => input.display_name.trim().to_string(),
                            AdminCommand::SaveLocation { input, .. } => input.city.trim().to_string(),
                            AdminCommand::SaveSolution { input, .. } => input.name.trim().to_string(),
                            _ => String::new(),
                        };
                        let text = match &e {
                            Editor::User(_) => saved,
                            Editor::Location(_) => Text::DoneLocationSaved,
                            Editor::Solution(_) => Text::DoneSolutionSaved,
                        };
                        perform_admin(state, command, text.fill(locale, &[("name", &name)]), done)
                    }
                    Err(errors) => done(Err(errors)),
                });
                view! { <FormDialog title=d.title submit_label="" fields=d.fields values=d.values submit close/> }.into_any()
            }
            Open::Deactivate { user_id, name } => confirm(
                Text::DeactivateUser.get(locale).to_string(),
                Text::DeactivateIntro.fill(locale, &[("name", &name)]),
                AdminCommand::SetUserActive { user_id, active: false },
                Text::DoneUserDeactivated.fill(locale, &[("name", &name)]),
                open,
            ),
            Open::Remove { location_id, name } => confirm(
                Text::RemoveLocation.get(locale).to_string(),
                Text::RemoveLocationIntro.fill(locale, &[("name", &name)]),
                AdminCommand::RemoveLocation { location_id },
                Text::DoneLocationRemoved.fill(locale, &[("name", &name)]),
                open,
            ),
        })
    };
    let reactivate = move |user_id: String, name: String| {
        let saved = Text::DoneUserReactivated.fill(state.locale.get_untracked(), &[("name", &name)]);
        perform_admin(state, AdminCommand::SetUserActive { user_id, active: true }, saved, |_| ());
    };

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

                    <section class="card" aria-labelledby="org-users-h">
                        <div class="section-head">
                            <h2 id="org-users-h">{t(Text::SectionUsers)}</h2>
                            {admin().then(|| view! { <button type="button" on:click=move |_| edit(Editor::User(None))>{t(Text::AddUser)}</button> })}
                        </div>
                        <div class="table-wrap"><table class="admin" aria-labelledby="org-users-h">
                            <thead><tr>
                                <th scope="col">{t(Text::LabelName)}</th><th scope="col">{t(Text::LabelEmail)}</th><th scope="col">{t(Text::LabelRole)}</th>
                                <th scope="col">{t(Text::LabelLocationScope)}</th><th scope="col">{t(Text::ColumnState)}</th>
                                {admin().then(|| view! { <th scope="col"><span class="visually-hidden">{t(Text::Actions)}</span></th> })}
                            </tr></thead>
                            <tbody>
                                {users().into_iter().map(|(id, name, email, role, scope, active)| {
                                    let (edit_id, off_id, on_id) = (id.clone(), id.clone(), id);
                                    let (off_name, on_name) = (name.clone(), name.clone());
                                    let locale = state.locale.get_untracked();
                                    view! {
                                        <tr class:inactive=!active>
                                            <th scope="row">{name.clone()}</th><td>{email}</td><td>{role}</td><td>{scope}</td>
                                            <td>{if active { t(Text::StateActive) } else { t(Text::StateDeactivated) }}</td>
                                            {admin().then(|| view! { <td><div class="row-actions">
                                                <button type="button" aria-label=Text::EditNamed.fill(locale, &[("name", &name)]) on:click=move |_| edit(Editor::User(Some(edit_id.clone())))>{t(Text::ActEdit)}</button>
                                                {if active {
                                                    view! { <button type="button" aria-label=Text::DeactivateNamed.fill(locale, &[("name", &name)])
                                                        on:click=move |_| open.set(Some(Open::Deactivate { user_id: off_id.clone(), name: off_name.clone() }))>{t(Text::DeactivateUser)}</button> }.into_any()
                                                } else {
                                                    view! { <button type="button" aria-label=Text::ReactivateNamed.fill(locale, &[("name", &name)])
                                                        on:click=move |_| reactivate(on_id.clone(), on_name.clone())>{t(Text::Reactivate)}</button> }.into_any()
                                                }}
                                            </div></td> })}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table></div>
                        {move || {
                            let deals = to_reassign();
                            (!deals.is_empty()).then(|| view! {
                                <div class="reassign" role="region" aria-labelledby="org-reassign-h">
                                    <h3 id="org-reassign-h">{t(Text::ReassignHeading)}</h3>
                                    <p>{t(Text::ReassignIntro)}</p>
                                    <ul>{deals.into_iter().map(|(id, name)| view! { <li><a href=browser::href(&format!("/deals/{id}"))>{name}</a></li> }).collect_view()}</ul>
                                </div>
                            })
                        }}
                    </section>

                    <section class="card" aria-labelledby="org-locations-h">
                        <div class="section-head">
                            <h2 id="org-locations-h">{t(Text::SectionLocations)}</h2>
                            {admin().then(|| view! { <button type="button" on:click=move |_| edit(Editor::Location(None))>{t(Text::AddLocation)}</button> })}
                        </div>
                        <div class="table-wrap"><table class="admin" aria-labelledby="org-locations-h">
                            <thead><tr>
                                <th scope="col">{t(Text::Location)}</th><th scope="col">{t(Text::LabelAlertEmail)}</th><th scope="col" class="numeric">{t(Text::NavDeals)}</th>
                                {admin().then(|| view! { <th scope="col"><span class="visually-hidden">{t(Text::Actions)}</span></th> })}
                            </tr></thead>
                            <tbody>
                                {locations().into_iter().map(|(id, label, contact, deals)| {
                                    let (edit_id, remove_id, remove_name) = (id.clone(), id, label.clone());
                                    let locale = state.locale.get_untracked();
                                    view! {
                                        <tr>
                                            <th scope="row">{label.clone()}</th><td>{if contact.is_empty() { "—".to_string() } else { contact }}</td><td class="numeric">{deals}</td>
                                            {admin().then(|| view! { <td><div class="row-actions">
                                                <button type="button" aria-label=Text::EditNamed.fill(locale, &[("name", &label)]) on:click=move |_| edit(Editor::Location(Some(edit_id.clone())))>{t(Text::ActEdit)}</button>
                                                <button type="button" aria-label=Text::RemoveNamed.fill(locale, &[("name", &label)])
                                                    on:click=move |_| open.set(Some(Open::Remove { location_id: remove_id.clone(), name: remove_name.clone() }))>{t(Text::RemoveLocation)}</button>
                                            </div></td> })}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table></div>
                    </section>

                    <section class="card" aria-labelledby="org-solutions-h">
                        <div class="section-head">
                            <h2 id="org-solutions-h">{t(Text::SectionSolutions)}</h2>
                            {admin().then(|| view! { <button type="button" on:click=move |_| edit(Editor::Solution(None))>{t(Text::AddSolution)}</button> })}
                        </div>
                        <div class="table-wrap"><table class="admin" aria-labelledby="org-solutions-h">
                            <thead><tr>
                                <th scope="col">{t(Text::LabelSolutionName)}</th><th scope="col">{t(Text::LabelSolutionStatus)}</th><th scope="col">{t(Text::ColumnIncentive)}</th>
                                {admin().then(|| view! { <th scope="col"><span class="visually-hidden">{t(Text::Actions)}</span></th> })}
                            </tr></thead>
                            <tbody>
                                {solutions().into_iter().map(|(id, name, status, program)| {
                                    let locale = state.locale.get_untracked();
                                    view! {
                                        <tr>
                                            <th scope="row">{name.clone()}</th><td>{status}</td><td>{program}</td>
                                            {admin().then(|| view! { <td><div class="row-actions">
                                                <button type="button" aria-label=Text::EditNamed.fill(locale, &[("name", &name)]) on:click=move |_| edit(Editor::Solution(Some(id.clone())))>{t(Text::ActEdit)}</button>
                                            </div></td> })}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table></div>
                    </section>

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

/// A confirmation dialog for a one-step change (deactivate a user, remove a location).
fn confirm(title: String, intro: String, command: AdminCommand, saved: String, open: RwSignal<Option<Open>>) -> AnyView {
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
