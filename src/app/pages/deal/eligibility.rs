//! Why the deal is or is not eligible for deal registration (SPEC §7), criterion by criterion,
//! and where its registration stands.

use leptos::prelude::*;

use crate::app::state::AppState;
use crate::domain::deal::eligibility::Criterion;
use crate::domain::present::format;
use crate::domain::records::registration::DealRegistration;
use crate::domain::support::i18n::Text;

/// The **Deal registration eligibility** card.
pub fn card(
    criteria: Vec<(Criterion, bool)>,
    registration: Option<DealRegistration>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let locale = state.locale.get_untracked();
    let t = move |x: Text| x.get(locale);
    let date_time = move |at| format::date_time_in(locale, at);
    view! {
                <section class="card" aria-labelledby="eligibility-h">
                    <h2 id="eligibility-h">{t(Text::EligibilityHeading)}</h2>
                    <ul class="criteria">
                        {criteria.into_iter().map(|(criterion, met)| view! {
                            <li class:met=met>
                                <span aria-hidden="true">{if met { "✓ " } else { "✗ " }}</span>
                                {t(if met { Text::Met } else { Text::NotMet })}{t(criterion.text())}
                            </li>
                        }).collect_view()}
                    </ul>
                    {registration.map(|reg| view! {
                        <dl class="facts">
                            <dt>{t(Text::Registration)}</dt><dd>{t(reg.status.text())}</dd>
                            <dt>{t(Text::RegSubmitted)}</dt><dd>{date_time(reg.submitted_date_time)}</dd>
                            {(!reg.validator_note.is_empty()).then(|| view! { <dt>{t(Text::MicrosoftsNote)}</dt><dd>{reg.validator_note.clone()}</dd> })}
                        </dl>
                    })}
                </section>
    }
}
