//! Wizard step 3: the solutions, the organisation's own and Microsoft's, grouped as the domain
//! groups them.

use leptos::prelude::*;

use crate::domain::support::i18n::Text;

use super::details::SelectField;
use super::Wizard;
use crate::app::state::AppState;
use crate::domain::present::wizard::solution_groups;
use crate::domain::records::referral::SolutionKind;

/// A searchable list of the directory's solutions by group with **Add <name>** buttons.
/// Used by the Solutions step and by the partner invitation.
#[component]
pub fn SolutionPicker(
    #[prop(into)] chosen: Signal<Vec<String>>,
    #[prop(into)] toggle: Callback<String>,
    /// Leave out assessments (partners bring solutions, not assessments).
    #[prop(optional)]
    without_assessments: bool,
    #[prop(default = "f-solutions")] id: &'static str,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let org = state.user_untracked().organization_id;
    let query = RwSignal::new(String::new());
    let t = move |x: Text| state.tr(x);
    let locale = state.locale.get_untracked();
    let groups = Memo::new(move |_| {
        let q = query.get();
        state.data.with(|d| {
            solution_groups(d, &org, &q)
                .into_iter()
                .filter(|(g, _)| {
                    !(without_assessments
                        && *g == crate::domain::present::wizard::SolutionGroup::Assessments)
                })
                .map(|(g, list)| (g, list.into_iter().cloned().collect::<Vec<_>>()))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <div class="solution-picker">
            <div class="field">
                <label for=format!("{id}-search")>{t(Text::SearchSolutions)}</label>
                <input id=format!("{id}-search") type="search" prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
            </div>
            {move || groups.get().into_iter().map(|(group, list)| view! {
                <section class="solution-group" aria-label=t(group.text())>
                    <h4>{t(group.text())}</h4>
                    {if list.is_empty() {
                        view! { <p class="muted">{t(Text::NoMatchShort)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="solutions">
                                {list.into_iter().map(|s| {
                                    let sid = s.id.clone();
                                    let sid2 = s.id.clone();
                                    let added = Signal::derive(move || chosen.with(|c| c.contains(&sid)));
                                    let name = s.name.clone();
                                    let incentive = s.incentive_program.is_incentive_eligible().then(|| t(s.incentive_program.text()));
                                    view! {
                                        <li>
                                            <strong>{s.name.clone()}</strong>
                                            <span>{s.publisher.clone()}</span>
                                            {incentive.map(|l| view! { <span class="badge">{l}</span> })}
                                            <button type="button" class="small" aria-pressed=move || added.get().to_string() on:click=move |_| toggle.run(sid2.clone())>
                                                {move || (if added.get() { Text::RemoveNamed } else { Text::AddNamed }).fill(locale, &[("name", &name)])}
                                            </button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
            }).collect_view()}
        </div>
    }
}

/// Step 4: the solutions of the deal; an assessment makes it a solution assessment.
#[component]
pub fn SolutionsStep() -> impl IntoView {
    let state = expect_context::<AppState>();
    let w = expect_context::<Wizard>();
    let draft = w.draft;
    let locations = super::own_locations(state);
    let chosen = Signal::derive(move || draft.with(|d| d.solution_ids.clone()));
    let has_assessment = Memo::new(move |_| {
        let ids = chosen.get();
        state.data.with(|d| {
            ids.iter().any(|id| {
                d.solutions
                    .iter()
                    .any(|s| &s.id == id && s.kind == SolutionKind::Assessment)
            })
        })
    });
    let names = Signal::derive(move || {
        let ids = chosen.get();
        state.data.with(|d| {
            ids.iter()
                .filter_map(|id| {
                    d.solutions
                        .iter()
                        .find(|s| &s.id == id)
                        .map(|s| s.name.clone())
                })
                .collect::<Vec<_>>()
        })
    });
    let toggle = move |id: String| {
        w.edit("solutions", |d| {
            if let Some(i) = d.solution_ids.iter().position(|x| *x == id) {
                d.solution_ids.remove(i);
            } else {
                d.solution_ids.push(id);
            }
        })
    };
    let error = Signal::derive(move || {
        w.errors.with(|e| {
            e.iter()
                .find(|x| x.field.starts_with("solutions"))
                .map(crate::app::components::field::message)
        })
    });
    let t = move |x: Text| state.tr(x);
    view! {
        <p class="step-intro">{t(Text::SolutionsIntro)}</p>
        <div id="f-solutions" tabindex="-1" class="chosen-solutions" aria-live="polite">
            <strong>{t(Text::Chosen)}</strong>
            {move || { let n = names.get(); if n.is_empty() { t(Text::NoneYet).to_string() } else { n.join(", ") } }}
        </div>
        <p class="field-error" role="alert">{move || error.get().unwrap_or("")}</p>
        {move || (has_assessment.get()).then(|| view! { <SelectField label=t(Text::AssessmentLocation) path="assessmentLocation" options=locations.clone() placeholder=t(Text::ChooseAssessmentLocation)
                value=Signal::derive(move || draft.with(|d| d.assessment_location.clone()))
                set=move |v: String| w.edit("assessmentLocation", |d| d.assessment_location = v)/> })}
        <SolutionPicker chosen toggle/>
    }
}
