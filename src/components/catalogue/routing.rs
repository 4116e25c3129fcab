//! A product's routing: which stages it goes through, the resource type each needs, and
//! standard times (setup + run time per 1000 units) the scheduler plans with.
use crate::api::production::{get_routing, save_routing};
use crate::components::ui::{ErrorBox, Loading};
use crate::dto::production::RoutingStep;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The choices of a routing step: no resource, or one of the resource kinds.
fn kinds() -> Vec<(&'static str, &'static str)> {
    use crate::domain::floor::{ResourceKind, NO_RESOURCE, NO_RESOURCE_LABEL};
    std::iter::once((NO_RESOURCE, NO_RESOURCE_LABEL)).chain(ResourceKind::ALL.iter().map(|k| (k.as_str(), k.label()))).collect()
}

#[component]
pub fn RoutingEditor(product_id: i32) -> impl IntoView {
    let data = Resource::new(move || product_id, get_routing);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <ErrorBox err=e/> }.into_any(),
                    Ok(steps) => view! { <RoutingForm product_id steps/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RoutingForm(product_id: i32, steps: Vec<RoutingStep>) -> impl IntoView {
    let rows: Vec<RwSignal<RoutingStep>> = steps.into_iter().map(RwSignal::new).collect();
    let rows = StoredValue::new(rows);
    let error: RwSignal<Option<AppError>> = RwSignal::new(None);
    let saved = RwSignal::new(false);
    let save = move |_| {
        let steps: Vec<RoutingStep> = rows.with_value(|r| r.iter().map(|s| s.get_untracked()).collect());
        saved.set(false);
        spawn_local(async move {
            match save_routing(product_id, steps).await {
                Ok(()) => {
                    error.set(None);
                    saved.set(true);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let num = |v: String| v.trim().parse::<i32>().unwrap_or(-1);
    view! {
        <div class="table-wrap">
            <table class="table routing-table">
                <thead><tr><th>"Stage"</th><th>"Used"</th><th>"Resource type"</th><th class="num">"Setup (min)"</th><th class="num">"Run (min per 1000)"</th></tr></thead>
                <tbody>
                    {rows.get_value().into_iter().enumerate().map(|(i, row)| {
                        let name = row.get_untracked().stage;
                        let err = move |f: &'static str| move || error.get().and_then(|e| e.field_message(&format!("steps.{i}.{f}")));
                        view! {
                            <tr class:row-muted=move || !row.get().included>
                                <td>{name.clone()}</td>
                                <td><input type="checkbox" aria-label=format!("{name} used") prop:checked=move || row.get().included
                                    on:change=move |ev| row.update(|r| r.included = event_target_checked(&ev))/></td>
                                <td>
                                    <select aria-label=format!("{name} resource") on:change=move |ev| row.update(|r| r.resource_kind = event_target_value(&ev))>
                                        {kinds().into_iter().map(|(k, l)| view! { <option value=k selected=move || row.get().resource_kind == k>{l}</option> }).collect_view()}
                                    </select>
                                    <small class="field-error">{err("resource_kind")}</small>
                                </td>
                                <td class="num"><input type="number" class="w-small" aria-label=format!("{name} setup minutes") prop:value=move || row.get().setup_minutes
                                    on:input=move |ev| row.update(|r| r.setup_minutes = num(event_target_value(&ev)))/>
                                    <small class="field-error">{err("setup_minutes")}</small></td>
                                <td class="num"><input type="number" class="w-small" aria-label=format!("{name} run minutes") prop:value=move || row.get().run_minutes_per_1000
                                    on:input=move |ev| row.update(|r| r.run_minutes_per_1000 = num(event_target_value(&ev)))/>
                                    <small class="field-error">{err("run_minutes_per_1000")}</small></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {move || error.get().filter(|e| e.fields().is_none() || e.field_message("routing").is_some()).map(|e| match e.field_message("routing") {
            Some(m) => view! { <div class="alert alert-error">{m}</div> }.into_any(),
            None => view! { <ErrorBox err=e/> }.into_any(),
        })}
        <div class="form-actions">
            <button type="button" class="btn btn-primary" on:click=save>"Save routing"</button>
            {move || saved.get().then(|| view! { <span class="muted">"Routing saved"</span> })}
        </div>
    }
}
