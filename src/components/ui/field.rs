//! Labelled form fields with their error message underneath. Inputs are uncontrolled
//! (`value` is only the initial value) so forms post whatever is typed, even before the
//! page has hydrated.
use crate::error::AppError;
use leptos::prelude::*;

/// The message for one field out of an action's error.
pub fn field_error(err: Signal<Option<AppError>>, field: &'static str) -> Signal<Option<String>> {
    Signal::derive(move || err.get().and_then(|e| e.field_message(field)))
}

#[component]
pub fn Field(
    label: &'static str,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional)] hint: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <label class="field" class:invalid=move || error.get().is_some()>
            <span class="field-label">{label}</span>
            {children()}
            {(!hint.is_empty()).then(|| view! { <small class="hint">{hint}</small> })}
            <small class="field-error">{move || error.get()}</small>
        </label>
    }
}

#[component]
pub fn TextField(
    label: &'static str,
    name: &'static str,
    #[prop(into, optional)] value: String,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] hint: &'static str,
    #[prop(optional)] placeholder: &'static str,
    #[prop(optional)] autocomplete: &'static str,
) -> impl IntoView {
    view! {
        <Field label error hint>
            <input
                type=kind
                name=name
                value=value
                required=required
                placeholder=placeholder
                autocomplete=autocomplete
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
            />
        </Field>
    }
}

#[component]
pub fn TextArea(
    label: &'static str,
    name: &'static str,
    #[prop(into, optional)] value: String,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(default = 3)] rows: u32,
) -> impl IntoView {
    view! {
        <Field label error>
            <textarea name=name rows=rows>{value}</textarea>
        </Field>
    }
}

/// A select from (value, label) pairs.
#[component]
pub fn SelectField(
    label: &'static str,
    name: &'static str,
    options: Vec<(String, String)>,
    #[prop(into, optional)] selected: String,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <Field label error>
            <select name=name>
                {options
                    .into_iter()
                    .map(|(v, l)| {
                        let sel = v == selected;
                        view! { <option value=v selected=sel>{l}</option> }
                    })
                    .collect_view()}
            </select>
        </Field>
    }
}

#[component]
pub fn Checkbox(
    label: &'static str,
    name: &'static str,
    #[prop(optional)] checked: bool,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <label class="check" class:invalid=move || error.get().is_some()>
            // "true" so the server reads a bool; unchecked boxes send nothing (false).
            <input type="checkbox" name=name value="true" checked=checked/>
            <span>{label}</span>
            <small class="field-error">{move || error.get()}</small>
        </label>
    }
}
