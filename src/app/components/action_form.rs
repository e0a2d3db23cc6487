//! The dialog of any deal-page action: one component renders every form of
//! `domain::present::forms`, so each action adds data there, not view code here.

use std::sync::Arc;

use leptos::prelude::*;

use super::confirm_dialog::ConfirmDialog;
use super::field::{error_for, field_id, message, TextField};
use crate::app::state::{perform_all, perform_seen, AppState};
use crate::client::Done;
use crate::domain::deal::validation::FieldError;
use crate::domain::present::forms::{command, Field, Form, Kind, Values};

/// What a form dialog's owner does with the values: decide and save, then tell the dialog
/// how it ended (saved closes it; field errors go next to their fields).
pub type Finish = Box<dyn FnOnce(Done)>;
pub type Submit = Arc<dyn Fn(&Values, Finish) + Send + Sync>;

/// Shows `form` for the deals `ids` in a modal dialog; `close` runs when it is done or
/// cancelled. One id is one deal's action; several are a bulk answer with the same values,
/// saved as one change or not at all.
#[component]
pub fn ActionForm(
    form: Form,
    ids: Vec<String>,
    #[prop(into)] close: Callback<()>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    // The deals as they were when the form opened: a change saved meanwhile in another tab
    // makes this save a conflict instead of silently overwriting it.
    let seen: Vec<(String, String)> = state.exchange.with_untracked(|x| {
        ids.iter()
            .filter_map(|id| x.referral(id).map(|r| (id.clone(), r.e_tag.clone())))
            .collect()
    });
    let action = form.action;
    let locale = state.locale.get_untracked();
    let saved = action.done_in(locale);
    let submit: Submit = Arc::new(move |values: &Values, done: Finish| {
        let mut commands = match ids
            .iter()
            .map(|id| command(action, id, values))
            .collect::<Result<Vec<_>, _>>()
        {
            Ok(commands) => commands,
            Err(e) => return done(Done::Invalid(e)),
        };
        if commands.len() == 1 {
            perform_seen(state, commands.remove(0), &seen, saved.clone(), done);
        } else {
            let n = commands.len();
            perform_all(state, commands, &seen, action.done_all_in(locale, n), done);
        }
    });
    view! { <FormDialog title=form.title submit_label=form.submit cancel_label=form.cancel intro=form.intro fields=form.fields values=form.values danger=form.danger submit close/> }
}

/// A modal dialog with fields (any of `domain::present::forms`' kinds), their errors next to them,
/// **Confirm** (or `submit_label`) and **Cancel**. `submit` decides and saves.
#[component]
pub fn FormDialog(
    title: String,
    submit_label: &'static str,
    #[prop(optional)] intro: String,
    fields: Vec<Field>,
    values: Values,
    #[prop(optional)] danger: bool,
    /// The cancel button's word (**Register later** after a win); **Cancel** when empty.
    #[prop(optional)]
    cancel_label: &'static str,
    submit: Submit,
    #[prop(into)] close: Callback<()>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = RwSignal::new(true);
    let busy = RwSignal::new(false);
    let values = RwSignal::new(values);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    Effect::new(move |_| {
        if !open.get() {
            close.run(());
        }
    });
    let paths: Vec<&'static str> = fields.iter().map(|f| f.path).collect();
    let locale = state.locale.get_untracked();
    let confirm = move |()| {
        busy.set(true);
        let done: Finish = Box::new(move |ended: Done| {
            busy.set(false);
            if ended.is_saved() {
                open.set(false);
                focus_heading();
            } else {
                errors.set(ended.form_errors());
                focus_first_error();
            }
        });
        values.with_untracked(|v| submit(v, done));
    };
    // Errors that belong to no field of this form (e.g. "too many team members").
    let general = move || {
        errors.with(|e| {
            e.iter()
                .filter(|x| !paths.contains(&x.field.as_str()))
                .map(message)
                .collect::<Vec<_>>()
                .join(" ")
        })
    };
    view! {
        <ConfirmDialog title=title submit=submit_label cancel=cancel_label open busy danger on_confirm=confirm>
            {(!intro.is_empty()).then(|| view! { <p class="dialog-intro">{intro.clone()}</p> })}
            <p class="field-error" role="alert">{general}</p>
            {fields.into_iter().map(|f| field_view(f, values, errors, locale)).collect_view()}
        </ConfirmDialog>
    }
}

/// After an action the page is redrawn and its button may be gone: focus goes to the
/// deal's heading, where a screen reader starts reading the new state.
pub fn focus_heading() {
    request_animation_frame(|| {
        crate::app::browser::focus_selector(crate::app::browser::PAGE_HEADING);
    });
}

fn focus_first_error() {
    request_animation_frame(|| {
        crate::app::browser::focus_selector("dialog[open] [aria-invalid='true']");
    });
}

fn field_view(
    f: Field,
    values: RwSignal<Values>,
    errors: RwSignal<Vec<FieldError>>,
    locale: crate::domain::support::locale::Locale,
) -> AnyView {
    let path = f.path;
    let set = move |v: String| {
        values.update(|x| x.set(path, v));
        errors.update(|e| e.retain(|x| x.field != path));
    };
    let get = Signal::derive(move || values.with(|v| v.get(path).to_string()));
    // Own ids: the deal page also holds the (closed) Invite partner dialog, with fields of the same paths.
    let id = format!("action-{}", field_id(path));
    let error = Signal::derive(move || errors.with(|e| error_for(e, path)));
    let message_id = format!("{id}-msg");
    let message = view! { <p id=message_id.clone() class="field-error">{move || error.get().unwrap_or("")}</p> };
    let kind = match &f.kind {
        Kind::Text | Kind::Money => "text",
        Kind::Email => "email",
        Kind::Phone => "tel",
        Kind::Date => "date",
        _ => "",
    };
    if !kind.is_empty() {
        return view! { <TextField label=f.label path kind value=get set errors hint=f.hint required=f.required scope="action-"/> }.into_any();
    }
    let invalid = move || error.get().is_some().to_string();
    match f.kind {
        Kind::LongText => view! {
            <div class="field">
                <label for=id.clone()>{f.label}</label>
                <textarea id=id rows="3" aria-invalid=invalid aria-describedby=message_id prop:value=move || get.get() on:input=move |ev| set(event_target_value(&ev))></textarea>
                {message}
            </div>
        }
        .into_any(),
        Kind::Check => view! {
            <div class="field check">
                <label><input type="checkbox" id=id prop:checked=move || get.get() == "true" on:change=move |ev| set(event_target_checked(&ev).to_string())/>" " {f.label}</label>
                {message}
            </div>
        }
        .into_any(),
        Kind::Select(options) => view! {
            <div class="field">
                <label for=id.clone()>{f.label}</label>
                <select id=id aria-invalid=invalid aria-describedby=message_id aria-required=f.required.then_some("true") on:change=move |ev| set(event_target_value(&ev))>
                    <option value="" selected=move || get.get().is_empty()>{crate::domain::support::i18n::Text::Choose.get(locale)}</option>
                    {options.into_iter().map(|(value, label)| {
                        let v = value.clone();
                        view! { <option value=value selected=move || get.get() == v>{label}</option> }
                    }).collect_view()}
                </select>
                {message}
            </div>
        }
        .into_any(),
        Kind::Multi(options) => view! {
            <fieldset class="field checks" id=id aria-describedby=message_id tabindex="-1">
                <legend>{f.label}</legend>
                {options.into_iter().map(|(value, label)| {
                    let (v, w) = (value.clone(), value);
                    let toggle = move |on: bool| {
                        let mut chosen: Vec<String> = get.get_untracked().split(',').filter(|s| !s.is_empty() && *s != w).map(String::from).collect();
                        if on {
                            chosen.push(w.clone());
                        }
                        set(chosen.join(","));
                    };
                    view! {
                        <label><input type="checkbox" prop:checked=move || get.get().split(',').any(|s| s == v) on:change=move |ev| toggle(event_target_checked(&ev))/>" " {label}</label>
                    }
                }).collect_view()}
                {message}
            </fieldset>
        }
        .into_any(),
        _ => ().into_any(),
    }
}
