//! Resources: machines and people, their working days and shifts, and downtime.
use super::ProductionTabs;
use crate::api::production::{add_downtime, list_resources, list_stages, save_resource};
use crate::components::ui::{Card, ErrorBox, Field, Loading, PageHeader, PageError};
use crate::dto::production::{ResourceInput, ResourceRow, StageInfo};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::task::spawn_local;

const KINDS: &[(&str, &str)] = &[
    ("designer", "Designer"),
    ("digital_press", "Digital press"),
    ("offset_press", "Offset press"),
    ("large_format", "Large-format printer"),
    ("cutter", "Cutter"),
    ("laminator", "Laminator"),
    ("binding", "Binding"),
    ("operator", "Operator"),
];
const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

#[component]
pub fn ResourcesPage() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let data = Resource::new(move || version.get(), |_| async move { Ok::<_, AppError>((list_resources().await?, list_stages().await?)) });
    let refresh = Callback::new(move |_| version.update(|v| *v += 1));
    view! {
        <PageHeader title="Resources"/>
        <ProductionTabs/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <PageError err=e/> }.into_any(),
                    Ok((rows, stages)) => view! {
                        <div class="resource-list">
                            {rows.into_iter().map(|r| view! { <ResourceEditor row=Some(r) stages=stages.clone() refresh/> }).collect_view()}
                        </div>
                        <Card title="Add a resource">
                            <ResourceEditor row=None stages=stages.clone() refresh/>
                        </Card>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ResourceEditor(row: Option<ResourceRow>, stages: Vec<StageInfo>, refresh: Callback<()>) -> impl IntoView {
    let id = row.as_ref().map(|r| r.id);
    let init = row.as_ref().map(|r| r.input.clone()).unwrap_or(ResourceInput {
        kind: "operator".into(),
        days: [true, true, true, true, true, true, false],
        shifts: "09:30-13:30, 14:00-19:00".into(),
        active: true,
        ..Default::default()
    });
    let name = RwSignal::new(init.name.clone());
    let kind = RwSignal::new(init.kind.clone());
    let shifts = RwSignal::new(init.shifts.clone());
    let days = RwSignal::new(init.days);
    let codes = RwSignal::new(init.stage_codes.clone());
    let active = RwSignal::new(init.active);
    let error: RwSignal<Option<AppError>> = RwSignal::new(None);
    let saved = RwSignal::new(false);
    let f = move |n: &'static str| Signal::derive(move || error.get().and_then(|e| e.field_message(n)));
    let save = move |_| {
        let input = ResourceInput {
            name: name.get_untracked(),
            kind: kind.get_untracked(),
            is_person: matches!(kind.get_untracked().as_str(), "designer" | "operator"),
            stage_codes: codes.get_untracked(),
            days: days.get_untracked(),
            shifts: shifts.get_untracked(),
            active: active.get_untracked(),
        };
        spawn_local(async move {
            match save_resource(id, input).await {
                Ok(_) => {
                    error.set(None);
                    saved.set(true);
                    refresh.run(());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let downtime = row.as_ref().map(|r| r.downtime.clone()).unwrap_or_default();
    view! {
        <section class="card resource" data-testid="resource">
            <div class="form-grid">
                <Field label="Name" error=f("name")>
                    <input type="text" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                </Field>
                <Field label="Type" error=f("kind")>
                    <select on:change=move |ev| kind.set(event_target_value(&ev))>
                        {KINDS.iter().map(|(k, l)| view! { <option value=*k selected=move || kind.get() == *k>{*l}</option> }).collect_view()}
                    </select>
                </Field>
                <Field label="Shifts" error=f("shifts") hint="e.g. 09:30-13:30, 14:00-19:00">
                    <input type="text" aria-label="Shifts" prop:value=move || shifts.get() on:input=move |ev| shifts.set(event_target_value(&ev))/>
                </Field>
            </div>
            <div class="chips-row" role="group" aria-label="Working days">
                {DAYS.iter().enumerate().map(|(i, d)| view! {
                    <label class="check-chip">
                        <input type="checkbox" prop:checked=move || days.get()[i] on:change=move |ev| days.update(|v| v[i] = event_target_checked(&ev))/>
                        {*d}
                    </label>
                }).collect_view()}
                <small class="field-error">{move || f("days").get()}</small>
            </div>
            <div class="chips-row" role="group" aria-label="Stages it can do">
                {stages.iter().map(|s| {
                    let code = s.code.clone();
                    let code2 = code.clone();
                    view! {
                        <label class="check-chip">
                            <input type="checkbox" prop:checked=move || codes.get().contains(&code)
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    let c = code2.clone();
                                    codes.update(|v| { v.retain(|x| *x != c); if on { v.push(c); } });
                                }/>
                            {s.name.clone()}
                        </label>
                    }
                }).collect_view()}
                <small class="field-error">{move || f("stage_codes").get()}</small>
            </div>
            <label class="check">
                <input type="checkbox" prop:checked=move || active.get() on:change=move |ev| active.set(event_target_checked(&ev))/>
                <span>"Active"</span>
            </label>
            {move || error.get().filter(|e| e.fields().is_none()).map(|e| view! { <ErrorBox err=e/> })}
            <div class="form-actions">
                <button type="button" class="btn btn-primary" on:click=save>{if id.is_some() { "Save" } else { "Add resource" }}</button>
                {move || saved.get().then(|| view! { <span class="muted">"Saved"</span> })}
            </div>
            {id.map(|rid| view! { <DowntimeForm resource_id=rid downtime=downtime.clone() refresh/> })}
        </section>
    }
}

#[component]
fn DowntimeForm(resource_id: i32, downtime: Vec<(String, String, String)>, refresh: Callback<()>) -> impl IntoView {
    let starts = RwSignal::new(String::new());
    let ends = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let error: RwSignal<Option<AppError>> = RwSignal::new(None);
    let f = move |n: &'static str| Signal::derive(move || error.get().and_then(|e| e.field_message(n)));
    let add = move |_| {
        let (s, e, r) = (starts.get_untracked(), ends.get_untracked(), reason.get_untracked());
        spawn_local(async move {
            match add_downtime(resource_id, s, e, r).await {
                Ok(()) => refresh.run(()),
                Err(err) => error.set(Some(err)),
            }
        });
    };
    view! {
        <details class="downtime">
            <summary>{format!("Downtime ({})", downtime.len())}</summary>
            <ul class="plain-list">
                {downtime.into_iter().map(|(s, e, r)| view! { <li>{format!("{s} – {e}: {r}")}</li> }).collect_view()}
            </ul>
            <div class="form-grid">
                <Field label="From" error=f("starts")>
                    <input type="datetime-local" on:input=move |ev| starts.set(event_target_value(&ev))/>
                </Field>
                <Field label="Until" error=f("ends")>
                    <input type="datetime-local" on:input=move |ev| ends.set(event_target_value(&ev))/>
                </Field>
                <Field label="Reason" error=f("reason")>
                    <input type="text" on:input=move |ev| reason.set(event_target_value(&ev))/>
                </Field>
            </div>
            <button type="button" class="btn" on:click=add>"Add downtime"</button>
        </details>
    }
}
