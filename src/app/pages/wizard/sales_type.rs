//! Wizard step 4: the sales type (Private, Co-sell, Partner-led, P2P) and the partners invited,
//! with the explanation of what each type shares.

use leptos::prelude::*;

use crate::domain::support::i18n::Text;

use super::solutions::SolutionPicker;
use super::Wizard;
use crate::app::components::confirm_dialog::ConfirmDialog;
use crate::app::components::field::{error_for, TextField};
use crate::app::state::AppState;
use crate::domain::deal::validation::{errors_under, FieldError};
use crate::domain::exchange::Ctx;
use crate::domain::present::wizard::{search_partners, type_explanation, InvitationDraft};
use crate::domain::records::directory::Role;
use crate::domain::records::referral::{HelpType, SharingType};

fn help_from(label: &str) -> Option<HelpType> {
    HelpType::ALL.into_iter().find(|h| h.label() == label)
}

/// Step 5: the two questions that decide the deal type, and the partner invitations.
#[component]
pub fn SalesTypeStep() -> impl IntoView {
    let state = expect_context::<AppState>();
    let w = expect_context::<Wizard>();
    let draft = w.draft;
    let is_vendor = state.user_untracked().has_role(Role::MicrosoftSeller);
    let sharing = Signal::derive(move || draft.with(|d| d.sharing()));
    let p2p = Signal::derive(move || draft.with(|d| !d.invitations.is_empty()));
    let t = move |x: Text| state.tr(x);
    let type_label = move || {
        crate::domain::records::referral::deal_type_label_in(
            state.locale.get(),
            if is_vendor {
                SharingType::CoSell
            } else {
                sharing.get()
            },
            p2p.get(),
            false,
        )
    };
    let warning = Memo::new(move |_| {
        draft.with(|d| state.data.with(|data| d.private_incentive_warning(data)))
    });
    let help_error = Signal::derive(move || w.errors.with(|e| error_for(e, "helpType")));
    let view_error = Signal::derive(move || w.errors.with(|e| error_for(e, "microsoftMayView")));
    let implied = move || sharing.get() == SharingType::CoSell;

    let dialog_open = RwSignal::new(false);
    let start_invitation = move |()| {
        let (date, currency, team) =
            draft.with_untracked(|d| (d.close_date.clone(), d.currency.clone(), d.team.clone()));
        InvitationDraft::prefilled(date, currency, team)
    };
    let taken = Signal::derive(move || {
        draft.with(|d| {
            d.invitations
                .iter()
                .map(|i| i.partner_id.clone())
                .collect::<Vec<_>>()
        })
    });
    // The whole draft with the new invitation is checked; its problems are this invitation's.
    let add_invitation = move |candidate: InvitationDraft| {
        let mut next = draft.get_untracked();
        let index = next.invitations.len();
        next.invitations.push(candidate);
        let user = state.user_untracked();
        let now = state.now.get_untracked();
        let prefix = format!("invitations[{index}].");
        let all = state.data.with(|directory| {
            state.exchange.with_untracked(|exchange| {
                next.problems(Ctx {
                    exchange,
                    directory,
                    user: &user,
                    now,
                })
            })
        });
        let problems = errors_under(all, &prefix);
        if problems.is_empty() {
            w.edit("invitations", |d| *d = next);
        }
        problems
    };
    view! {
        <div class="field" class:invalid=move || help_error.get().is_some()>
            <label for="f-helpType">{t(Text::LabelHelpType)}</label>
            <select
                id="f-helpType"
                aria-invalid=move || help_error.get().is_some().to_string()
                aria-describedby="f-helpType-msg"
                on:change=move |ev| {
                    let h = help_from(&event_target_value(&ev));
                    w.edit("helpType", |d| d.help_type = h);
                }
            >
                <option value="" selected=move || draft.with(|d| d.help_type.is_none())>{t(Text::Choose)}</option>
                {HelpType::ALL.into_iter().map(|h| view! {
                    <option value=h.label() selected=move || draft.with(|d| d.help_type == Some(h))>{t(h.text())}</option>
                }).collect_view()}
            </select>
            <p id="f-helpType-msg" class="field-error">{move || help_error.get().unwrap_or("")}</p>
        </div>
        {(!is_vendor).then(|| view! {
            <fieldset class="radios" role="radiogroup" aria-labelledby="mmv-legend" aria-describedby="f-microsoftMayView-msg" id="f-microsoftMayView" tabindex="-1">
                <legend id="mmv-legend">{t(Text::DoYouWantView)}</legend>
                <label><input type="radio" name="mmv" value="yes" disabled=implied
                    prop:checked=move || implied() || draft.with(|d| d.microsoft_may_view == Some(true))
                    on:change=move |_| w.edit("microsoftMayView", |d| d.microsoft_may_view = Some(true))/>" " {t(Text::Yes)}</label>
                <label><input type="radio" name="mmv" value="no" disabled=implied
                    prop:checked=move || !implied() && draft.with(|d| d.microsoft_may_view == Some(false))
                    on:change=move |_| w.edit("microsoftMayView", |d| d.microsoft_may_view = Some(false))/>" " {t(Text::No)}</label>
                <p id="f-microsoftMayView-msg" class=move || if view_error.get().is_some() { "field-error" } else { "hint" }>
                    {move || view_error.get().map(str::to_string).unwrap_or_else(|| if implied() { t(Text::Implied).to_string() } else { String::new() })}
                </p>
            </fieldset>
        })}
        <div class="deal-type" role="status">
            <p>{t(Text::LabelDealType)} ": " <strong>{type_label}</strong></p>
            <p class="hint">{move || if is_vendor { t(Text::VendorReferralHint).to_string() } else { type_explanation(state.locale.get(), sharing.get(), p2p.get()) }}</p>
        </div>
        {move || (warning.get()).then(|| view! { <p class="warning" role="alert">{t(Text::PrivateIncentiveWarning)}</p> })}
        {(!is_vendor).then(|| view! {
            <h3>{t(Text::Partners)}</h3>
            <InvitationList/>
            <button type="button" on:click=move |_| dialog_open.set(true)>{t(Text::ActInvitePartner)}</button>
            <InviteDialog open=dialog_open start=start_invitation taken=taken add=add_invitation/>
        })}
    }
}

#[component]
fn InvitationList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let w = expect_context::<Wizard>();
    let name_of = move |id: &str| state.data.with(|d| d.party_name(id));

    view! {
        {move || {
            let list = w.draft.with(|d| d.invitations.clone());
            if list.is_empty() {
                view! { <p class="muted">{state.tr(Text::NoPartnerInvited)}</p> }.into_any()
            } else {
                view! {
                    <ul class="invitations">
                        {list.into_iter().enumerate().map(|(i, inv)| {
                            let name = name_of(&inv.partner_id);
                            let locale = state.locale.get_untracked();
                            let remove = Text::RemoveNamed.fill(locale, &[("name", &name)]);
                            view! {
                                <li>
                                    <strong>{name}</strong>
                                    <span>{Text::ValueBy.fill(locale, &[("value", &crate::domain::deal::validation::parse_amount(&inv.value).map(|v| crate::domain::present::format::money_in(locale, v, &inv.currency)).unwrap_or_default()), ("date", &crate::domain::present::format::day_in(locale, &inv.completion_date))])}</span>
                                    <button type="button" class="link-button" on:click=move |_| w.edit("invitations", |d| { d.invitations.remove(i); })>{remove}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }
        }}
    }
}

/// The invitation dialog: partner type-ahead, that partner's part, and what it brings.
#[component]
pub fn InviteDialog(
    open: RwSignal<bool>,
    /// The invitation as it starts, prefilled from the deal.
    #[prop(into)]
    start: Callback<(), InvitationDraft>,
    /// Organisations already in the deal.
    #[prop(into)]
    taken: Signal<Vec<String>>,
    /// Adds the invitation; returns the problems to show (by the dialog's field names).
    #[prop(into)]
    add: Callback<InvitationDraft, Vec<FieldError>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let org = state.user_untracked().organization_id;
    let inv = RwSignal::new(InvitationDraft::default());
    let query = RwSignal::new(String::new());
    let active = RwSignal::new(0usize);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let t = move |x: Text| state.tr(x);

    // Each time it opens: prefilled from the deal.
    Effect::new(move |_| {
        if open.get() {
            inv.set(start.run(()));
            query.set(String::new());
            errors.set(Vec::new());
        }
    });
    let suggestions = Memo::new(move |_| {
        let q = query.get();
        let taken = taken.get();
        state.data.with(|d| {
            search_partners(d, &q, &org, &taken, 8)
                .into_iter()
                .map(|p| {
                    (
                        p.id.clone(),
                        format!("{} ({}, {})", p.name, p.city, p.country),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let chosen_name = move || {
        let id = inv.with(|i| i.partner_id.clone());
        state.data.with(|d| {
            d.partners
                .iter()
                .find(|p| p.id == id)
                .map(|p| p.name.clone())
        })
    };
    let pick = move |id: String, label: String| {
        inv.update(|i| i.partner_id = id);
        query.set(label);
        errors.update(|e| e.retain(|x| x.field != "partner"));
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let n = suggestions.with(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if n > 0 => {
                ev.prevent_default();
                active.update(|a| *a = (*a + 1) % n);
            }
            "ArrowUp" if n > 0 => {
                ev.prevent_default();
                active.update(|a| *a = (*a + n - 1) % n);
            }
            "Enter" if n > 0 => {
                ev.prevent_default();
                if let Some((id, label)) =
                    suggestions.with(|s| s.get(active.get_untracked()).cloned())
                {
                    pick(id, label);
                }
            }
            _ => {}
        }
    };
    let confirm = move || {
        let problems = add.run(inv.get_untracked());
        if problems.is_empty() {
            open.set(false);
        } else {
            errors.set(problems);
        }
    };
    let options = move || {
        suggestions
            .get()
            .into_iter()
            .enumerate()
            .collect::<Vec<_>>()
    };
    let partner_error = Signal::derive(move || errors.with(|e| error_for(e, "partner")));
    let solutions_error = Signal::derive(move || errors.with(|e| error_for(e, "solutions")));
    let team_names = move || {
        inv.with(|i| {
            i.team
                .iter()
                .map(|m| m.name.clone())
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    let field = move |label: &'static str,
                      path: &'static str,
                      kind: &'static str,
                      get: fn(&InvitationDraft) -> String,
                      put: fn(&mut InvitationDraft, String)| {
        view! {
            <TextField label path kind required=true
                value=Signal::derive(move || inv.with(get))
                set=move |v: String| { inv.update(|i| put(i, v)); errors.update(|e| e.retain(|x| x.field != path)); }
                errors/>
        }
    };
    view! {
        <ConfirmDialog title=t(Text::ActInvitePartner) open busy=Signal::derive(|| false) on_confirm=confirm>
            <div class="field combobox" class:invalid=move || partner_error.get().is_some()>
                <label for="f-partner">{t(Text::ColumnPartner)}</label>
                <input id="f-partner" type="text" role="combobox" autocomplete="off"
                    aria-autocomplete="list" aria-controls="partner-options" aria-expanded=move || (!suggestions.with(Vec::is_empty)).to_string()
                    aria-activedescendant=move || suggestions.with(|s| s.get(active.get()).map(|(id, _)| format!("partner-{id}")))
                    aria-invalid=move || partner_error.get().is_some().to_string() aria-describedby="f-partner-msg"
                    prop:value=move || query.get()
                    on:input=move |ev| { query.set(event_target_value(&ev)); active.set(0); inv.update(|i| i.partner_id.clear()); }
                    on:keydown=on_key/>
                <ul id="partner-options" role="listbox" aria-label=t(Text::Partners)>
                    {move || options().into_iter().map(|item| {
                            let (i, (id, label)) = item;
                            let chosen_id = id.clone();
                            let (pid, plabel) = (id.clone(), label.clone());
                            view! {
                                <li id=format!("partner-{id}") role="option"
                                    aria-selected=move || (inv.with(|x| x.partner_id == chosen_id) || active.get() == i).to_string()
                                    class:active=move || active.get() == i
                                    on:click=move |_| pick(pid.clone(), plabel.clone())>{label}</li>
                            }
                        }).collect_view()}
                </ul>
                <p id="f-partner-msg" class="field-error">{move || partner_error.get().map(str::to_string).unwrap_or_else(|| chosen_name().map(|n| Text::ChosenNamed.fill(state.locale.get_untracked(), &[("name", &n)])).unwrap_or_default())}</p>
            </div>
            <div class="grid-3">
                {field(t(Text::PreviewCompletion), "completionDate", "date", |i| i.completion_date.clone(), |i, v| i.completion_date = v)}
                {field(t(Text::PartnerValue), "value", "text", |i| i.value.clone(), |i, v| i.value = v)}
                {field(t(Text::PartnerCurrency), "currency", "text", |i| i.currency.clone(), |i, v| i.currency = v.to_ascii_uppercase())}
            </div>
            <div class="field">
                <label for="f-partner-notes">{t(Text::NotesForPartner)}</label>
                <textarea id="f-partner-notes" rows="2" prop:value=move || inv.with(|i| i.notes.clone()) on:input=move |ev| inv.update(|i| i.notes = event_target_value(&ev))></textarea>
            </div>
            <p class="hint">{t(Text::YourContactsForPartner)} {team_names}</p>
            <div class="field">
                <label for="f-partner-help">{t(Text::HelpFromPartner)}</label>
                <select id="f-partner-help" on:change=move |ev| { let h = help_from(&event_target_value(&ev)); inv.update(|i| i.help_type = h); }>
                    {HelpType::ALL[1..].iter().map(|h| view! { <option value=h.label() selected=move || inv.with(|i| i.help_type == Some(*h))>{t(h.text())}</option> }).collect_view()}
                </select>
            </div>
            <p class="field-error" role="alert">{move || solutions_error.get().unwrap_or("")}</p>
            <SolutionPicker id="f-partner-solutions" without_assessments=true
                chosen=Signal::derive(move || inv.with(|i| i.solution_ids.clone()))
                toggle=move |id| {
                    inv.update(|i| if let Some(p) = i.solution_ids.iter().position(|x| *x == id) { i.solution_ids.remove(p); } else { i.solution_ids.push(id); });
                    errors.update(|e| e.retain(|x| x.field != "solutions"));
                }/>
        </ConfirmDialog>
    }
}
