//! `/deals/new`: the create wizard (SPEC §5). Steps render the draft and write to it; every
//! rule (what is valid, what type results, what others will see) comes from
//! `domain::present::wizard` and `domain::deal::commands`.

mod customer;
mod details;
mod review;
pub mod sales_type;
mod solutions;
mod team;

use leptos::prelude::*;

use crate::domain::deal::visibility::works_on_deals;
use crate::domain::support::i18n::Text;
use leptos_router::hooks::use_navigate;

use crate::app::browser::{self, Area};
use crate::app::components::field::field_id;
use crate::app::state::{commit, decide_now, AppState, Notice};
use crate::client::Done;
use crate::domain::deal::commands::Command;
use crate::domain::deal::validation::FieldError;
use crate::domain::exchange::Ctx;
use crate::domain::present::wizard::{Draft, Step};

/// What every step shares: the draft and the errors to show.
#[derive(Clone, Copy)]
pub struct Wizard {
    pub draft: RwSignal<Draft>,
    pub errors: RwSignal<Vec<FieldError>>,
}

impl Wizard {
    /// Updates the draft; a field's error goes away as soon as it is edited.
    pub fn edit(&self, field: &str, f: impl FnOnce(&mut Draft)) {
        self.draft.update(f);
        let field = field.to_string();
        self.errors.update(|e| e.retain(|x| x.field != field));
    }
}

/// The signed-in user's organisation's locations, as (id, label) options.
pub fn own_locations(state: AppState) -> Vec<(String, String)> {
    let org = state.user_untracked().organization_id;
    let locale = state.locale.get_untracked();
    state.data.with(|d| {
        d.organization(&org)
            .map(|o| {
                o.locations
                    .iter()
                    .map(|l| (l.id.clone(), l.label_in(locale)))
                    .collect()
            })
            .unwrap_or_default()
    })
}

fn draft_key(user_id: &str) -> String {
    format!("cosell.draft.{user_id}")
}

fn fresh_draft(state: AppState) -> Draft {
    let user = state.user_untracked();
    let org = state
        .data
        .with(|d| d.organization(&user.organization_id).cloned());
    let location = org
        .as_ref()
        .map(|o| o.locations[0].id.clone())
        .unwrap_or_default();
    let currency = crate::domain::records::directory::default_currency(
        org.as_ref()
            .map(|o| o.locations[0].country.as_str())
            .unwrap_or(""),
    );
    Draft {
        engagement_id: browser::random_uuid(),
        location,
        currency: currency.into(),
        team: vec![crate::domain::records::referral::Contact {
            name: user.display_name.clone(),
            phone: user.phone.clone(),
            email: user.email.clone(),
        }],
        ..Draft::default()
    }
}

fn load_draft(state: AppState) -> Draft {
    let user = state.user_id.get_untracked();
    browser::stored(Area::Local, &draft_key(&user))
        .and_then(|text| crate::domain::present::draft_codec::decode(&text))
        .filter(|d| !d.engagement_id.is_empty())
        .unwrap_or_else(|| fresh_draft(state))
}

#[component]
pub fn NewDealPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let navigate = use_navigate();
    let user = state.user_untracked();
    if !works_on_deals(&user) {
        return view! {
            <div class="not-found">
                <h1 tabindex="-1">{state.tr(Text::NewDeal)}</h1>
                <p>{state.tr(Text::NewDealRoleCannot)}</p>
            </div>
        }
        .into_any();
    }
    let draft = RwSignal::new(load_draft(state));
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let wizard = Wizard { draft, errors };
    provide_context(wizard);
    let step = Memo::new(move |_| draft.with(|d| d.step.unwrap_or(Step::Customer)));
    let creating = RwSignal::new(false);
    let user_id = user.id.clone();

    // Drafts are saved as you type: closing the tab loses nothing.
    Effect::new(move |_| {
        let json = draft.with(crate::domain::present::draft_codec::encode);
        browser::store(Area::Local, &draft_key(&user_id), &json);
    });

    let problems_of = move |s: Step| {
        let user = state.user_untracked();
        let now = state.now.get_untracked();
        state.data.with(|directory| {
            state.exchange.with_untracked(|exchange| {
                draft.with_untracked(|d| {
                    d.step_problems(
                        s,
                        Ctx {
                            exchange,
                            directory,
                            user: &user,
                            now,
                        },
                    )
                })
            })
        })
    };
    let go_to = move |s: Step| {
        errors.set(Vec::new());
        draft.update(|d| d.step = Some(s));
        browser::focus_next_frame("#wizard-step-heading");
    };
    let next = move |_| {
        let current = step.get_untracked();
        let problems = problems_of(current);
        if problems.is_empty() {
            go_to(Step::ALL[(current.index() + 1).min(Step::ALL.len() - 1)]);
        } else {
            // Focus the first field in the order the user sees them.
            let fallback = field_id(&problems[0].field);
            errors.set(problems);
            request_animation_frame(move || {
                if !browser::focus_selector(".wizard-step [aria-invalid='true']") {
                    browser::focus_selector(&format!("#{fallback}"));
                }
            });
        }
    };
    let back = move |_| {
        let current = step.get_untracked();
        go_to(Step::ALL[current.index().saturating_sub(1)]);
    };
    let discard = {
        let key = draft_key(&user.id);
        move |_| {
            browser::forget(Area::Local, &key);
            draft.set(fresh_draft(state));
            errors.set(Vec::new());
            state.notify(Notice::info(state.tr(Text::DraftDiscarded)));
            browser::focus_next_frame("#wizard-step-heading");
        }
    };
    let create = {
        let navigate = navigate.clone();
        let key = draft_key(&user.id);
        move |_| {
            let problems = problems_of(Step::Review);
            if !problems.is_empty() {
                let s = Step::of_field(&problems[0].field);
                errors.set(problems);
                draft.update(|d| d.step = Some(s));
                return;
            }
            let (deal, _) = draft.with_untracked(|d| d.to_new_deal());
            let command = Command::CreateDeal { deal };
            let outcome = match decide_now(state, &command) {
                Ok(o) => o,
                Err(Done::Invalid(e)) => {
                    errors.set(e);
                    return;
                }
                Err(ended) => {
                    let locale = state.locale.get_untracked();
                    let why = match ended {
                        Done::Refused(why) => why.reason(locale),
                        _ => String::new(),
                    };
                    return state.notify(Notice::error(
                        Text::DealNotCreated.fill(locale, &[("why", &why)]),
                    ));
                }
            };
            let own_id = outcome
                .referrals
                .iter()
                .find(|w| w.referral.organization_id == state.user_untracked().organization_id)
                .map(|w| w.referral.id.clone())
                .unwrap_or_default();
            creating.set(true);
            let navigate = navigate.clone();
            let key = key.clone();
            // A failed write keeps the draft, so the user can try again.
            commit(
                state,
                Some((crate::sync::Change::Deal { command }, Vec::new())),
                outcome,
                state.tr(Text::DealCreated).into(),
                move |ended| {
                    if ended.is_saved() {
                        browser::forget(Area::Local, &key);
                        navigate(&format!("/deals/{own_id}"), Default::default());
                    } else {
                        creating.set(false);
                    }
                },
            );
        }
    };

    view! {
        <div class="wizard-page">
            <div class="page-head">
                <h1 tabindex="-1">{state.text(Text::NewDeal)}</h1>
                <button type="button" class="link-button discard" on:click=discard>{state.text(Text::DiscardDraft)}</button>
            </div>
            <nav aria-label=state.text(Text::WizardSteps) class="stepper-nav">
                <ol class="stepper">
                    {Step::ALL.into_iter().map(|s| {
                        let state_of = move || {
                            let c = step.get();
                            if s == c { "current" } else if s.index() < c.index() { "done" } else { "next" }
                        };
                        view! {
                            <li class=state_of aria-current=move || (step.get() == s).then_some("step")>
                                <span class="step-number" aria-hidden="true">{s.index() + 1}</span>
                                {move || if s.index() < step.get().index() {
                                    view! { <button type="button" class="link-button" on:click=move |_| go_to(s)>{state.tr(s.text())}</button> }.into_any()
                                } else {
                                    view! { <span class="step-label">{state.tr(s.text())}</span> }.into_any()
                                }}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </nav>
            <section class="card wizard-step" aria-labelledby="wizard-step-heading">
                <h2 id="wizard-step-heading" tabindex="-1">
                    {move || Text::StepOf.fill(state.locale.get(), &[("n", &(step.get().index() + 1).to_string()), ("step", state.tr(step.get().text()))])}
                </h2>
                {move || (!errors.with(Vec::is_empty)).then(|| view! { <p class="error-summary" role="alert">
                        {move || {
                            let n = errors.with(Vec::len);
                            Text::NFieldsNeedAttention.fill(state.locale.get(), &[("n", &n.to_string())])
                        }}
                    </p> })}
                {move || match step.get() {
                    Step::Customer => view! { <customer::CustomerStep/> }.into_any(),
                    Step::Details => view! { <details::DetailsStep/> }.into_any(),
                    Step::Team => view! { <team::TeamStep/> }.into_any(),
                    Step::Solutions => view! { <solutions::SolutionsStep/> }.into_any(),
                    Step::SalesType => view! { <sales_type::SalesTypeStep/> }.into_any(),
                    Step::Review => view! { <review::ReviewStep/> }.into_any(),
                }}
                <div class="wizard-actions">
                    {move || (step.get() != Step::Customer).then(|| view! { <button type="button" on:click=back>{state.tr(Text::Back)}</button> })}
                    {move || if step.get() == Step::Review { view! { <button type="button" class="primary" disabled=move || creating.get() on:click=create.clone()>
                            {state.tr(Text::CreateDeal)}
                        </button> }.into_any() } else { view! { <button type="button" class="primary" on:click=next>{state.tr(Text::Next)}</button> }.into_any() }}
                </div>
            </section>
        </div>
    }
    .into_any()
}
