//! /whatsapp/rules: which order events send the customer a WhatsApp update, and with which
//! approved template. Every staff member sees them; owners and managers switch and save them,
//! one row at a time (each row keeps its own errors and "Saved").
use super::tabs::WhatsAppTabs;
use crate::api::wa_rules::{save_whatsapp_rule, whatsapp_rules};
use crate::components::ui::{ErrorBox, Loading, PageError, PageHeader};
use crate::domain::roles::can;
use crate::domain::whatsapp::notify::Rule;
use crate::error::AppError;
use crate::pages::staff::layout::CurrentUser;
use leptos::prelude::*;
use leptos::task::spawn_local;

const PATH: &str = "/whatsapp/rules";

#[component]
pub fn RulesPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| whatsapp_rules());
    let user = use_context::<CurrentUser>();
    view! {
        <WhatsAppTabs current=PATH/>
        <PageHeader title="WhatsApp rules"/>
        <p class="wa-intro" data-testid="rules-note">
            "Automatic order updates on WhatsApp. Only customers who opted in get these; inside the "
            "24-hour window (the customer wrote to the shop in the last 24 hours) a text is sent, "
            "outside it this template."
        </p>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                // The server checks again on save; this only hides what the role cannot use.
                let can_edit = match user {
                    Some(u) => u.0.await.ok().flatten().is_some_and(|u| u.role.allowed(can::PLAN)),
                    None => false,
                };
                match data.await {
                    Err(e) => view! { <PageError err=e/> }.into_any(),
                    Ok(rules) => view! { <RulesTable rules can_edit/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn RulesTable(rules: Vec<Rule>, can_edit: bool) -> impl IntoView {
    view! {
        {(!can_edit).then(|| view! { <p class="hint">"Only owners and managers change these rules."</p> })}
        <div class="table-wrap">
            <table class="table wa-rules" data-testid="rules">
                <thead><tr>
                    <th>"Event"</th><th>"Send"</th><th>"Template"</th><th>"Language"</th>
                    {can_edit.then(|| view! { <th><span class="sr-only">"Save"</span></th> })}
                </tr></thead>
                <tbody>
                    {rules.into_iter().map(|rule| view! { <RuleRow rule can_edit/> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn RuleRow(rule: Rule, can_edit: bool) -> impl IntoView {
    let event = rule.event;
    let label = event.label();
    let enabled = RwSignal::new(rule.enabled);
    let template = RwSignal::new(rule.template.clone());
    let language = RwSignal::new(rule.language.clone());
    let error = RwSignal::new(None::<AppError>);
    let (saving, saved) = (RwSignal::new(false), RwSignal::new(false));
    let save = move |_| {
        let r = Rule { event, enabled: enabled.get_untracked(), template: template.get_untracked().trim().to_string(), language: language.get_untracked().trim().to_string() };
        saving.set(true);
        saved.set(false);
        error.set(None);
        spawn_local(async move {
            let res = save_whatsapp_rule(r).await;
            saving.try_set(false);
            match res {
                Ok(()) => {
                    saved.try_set(true);
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };
    // Anything changed since the last save is not saved any more.
    let changed = move || saved.set(false);
    let field = move |f: &'static str| move || error.get().and_then(|e| e.field_message(f));
    let invalid = move |f: &'static str| move || if field(f)().is_some() { "true" } else { "false" };
    view! {
        <tr data-testid="rule-row" data-event=event.as_str()>
            <th scope="row">{label}</th>
            <td>
                <label class="check wa-switch">
                    <input type="checkbox" role="switch" aria-label=format!("Send “{label}” updates") disabled=!can_edit
                        checked=rule.enabled prop:checked=move || enabled.get()
                        on:change=move |ev| { enabled.set(event_target_checked(&ev)); changed(); }/>
                    <span aria-hidden="true">{move || if enabled.get() { "On" } else { "Off" }}</span>
                </label>
            </td>
            <td>
                <input type="text" autocomplete="off" aria-label=format!("Template for “{label}”") disabled=!can_edit
                    value=rule.template aria-invalid=invalid("template")
                    on:input=move |ev| { template.set(event_target_value(&ev)); changed(); }/>
                <small class="field-error">{field("template")}</small>
            </td>
            <td>
                <input type="text" autocomplete="off" class="wa-lang" aria-label=format!("Language for “{label}”") disabled=!can_edit
                    value=rule.language aria-invalid=invalid("language")
                    on:input=move |ev| { language.set(event_target_value(&ev)); changed(); }/>
                <small class="field-error">{field("language")}</small>
            </td>
            {can_edit.then(|| view! {
                <td class="nowrap">
                    <button type="button" class="btn btn-small" disabled=move || saving.get() on:click=save>"Save"</button>
                    {move || saved.get().then(|| view! { <span class="wa-saved" role="status">"Saved"</span> })}
                    {move || error.get().filter(|e| e.fields().is_none()).map(|e| view! { <ErrorBox err=e/> })}
                </td>
            })}
        </tr>
    }
}
