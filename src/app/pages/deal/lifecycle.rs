//! The deal's lifecycle (SPEC §6): its stages with their percentages, done / current / next,
//! the registration milestone, and Closed; read out as "stage 3 of 6, Developed, 40 percent".

use leptos::prelude::*;

use crate::app::state::AppState;
use crate::domain::deal::rules::{lifecycle_spoken_in, LifecycleStep, StepKind, StepState};
use crate::domain::support::i18n::Text;

/// The lifecycle as a list named **Deal lifecycle**.
pub fn steps(steps: Vec<LifecycleStep>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let locale = state.locale.get_untracked();
    let t = move |x: Text| x.get(locale);
    let spoken = {
        let names: Vec<String> = steps
            .iter()
            .map(|s| match s.kind {
                StepKind::Registration(Some(status)) => {
                    format!("{}: {}", t(s.label), t(status.text()))
                }
                _ => t(s.label).to_string(),
            })
            .collect();
        lifecycle_spoken_in(locale, &steps, &names)
    };
    view! {
            <ol class="lifecycle" aria-label=t(Text::DealLifecycle)>
                {steps.into_iter().zip(spoken).scan(0, |stage, (s, spoken)| {
                    // Dots number the sales stages as they are read out; milestones have none.
                    *stage += s.percent.is_some() as usize;
                    Some((s.percent.map(|_| *stage), s, spoken))
                }).map(|(number, s, spoken)| {
                    let state_class = match s.state { StepState::Done => "done", StepState::Current => "current", StepState::Next => "next" };
                    let extra = match s.kind {
                        StepKind::Registration(Some(status)) => format!(": {}", t(status.text())),
                        _ => String::new(),
                    };
                    let percent = s.percent.map(|p| format!("{p}%")).unwrap_or_default();
                    // Seen: the dot, the name and the percentage; heard: "stage 3 of 6, Developed, 40 percent, current".
                    view! {
                        <li class=format!("step {state_class}") aria-current=(s.state == StepState::Current).then_some("step")>
                            <span class="step-dot" aria-hidden="true">{if s.state == StepState::Done { "✓".to_string() } else { number.map_or_else(|| "•".to_string(), |n| n.to_string()) }}</span>
                            <span class="step-name" aria-hidden="true">{t(s.label)}{extra}</span>
                            <span class="step-percent" aria-hidden="true">{percent}</span>
                            <span class="visually-hidden">{spoken}</span>
                        </li>
                    }
                }).collect_view()}
            </ol>
    }
}
