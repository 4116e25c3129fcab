//! The schedule: orders predicted late, load per resource, and "what if" questions.
use super::ProductionTabs;
use crate::api::production::{ask_what_if, commit_what_if, list_resources, load_schedule, replan_now};
use crate::components::production::LoadGrid;
use crate::components::ui::{Card, ErrorBox, Field, Loading, PageHeader, PageError};
use crate::dto::production::{WhatIf, WhatIfResult};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn SchedulePage() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let data = Resource::new(move || version.get(), |_| load_schedule());
    let replan = Action::new(|_: &()| replan_now());
    view! {
        <PageHeader title="Schedule">
            <button type="button" class="btn" on:click=move |_| {
                replan.dispatch(());
                version.update(|v| *v += 1);
            }>"Re-plan now"</button>
        </PageHeader>
        <ProductionTabs/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <PageError err=e/> }.into_any(),
                    Ok(s) => view! {
                        <p class="muted">{format!("Finite-capacity plan of {} open jobs, computed {}.", s.jobs, s.planned_at)}</p>
                        <div class="grid-2">
                            <Card title="Orders predicted late">
                                {if s.late_orders.is_empty() {
                                    view! { <p class="empty">"Every order is predicted on time."</p> }.into_any()
                                } else {
                                    view! {
                                        <table class="table" data-testid="late-orders">
                                            <thead><tr><th>"Order"</th><th>"Customer"</th><th>"Due"</th><th>"Predicted"</th><th class="num">"Late by"</th></tr></thead>
                                            <tbody>
                                                {s.late_orders.iter().take(30).map(|o| view! {
                                                    <tr class="row-danger">
                                                        <td><a href=format!("/orders/{}", o.order_id)>{o.number.clone()}</a></td>
                                                        <td>{o.customer.clone()}</td>
                                                        <td>{o.due.clone()}</td>
                                                        <td>{o.finish.clone()}</td>
                                                        <td class="num late">{format!("{:.1} h", o.late_hours)}</td>
                                                    </tr>
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    }.into_any()
                                }}
                            </Card>
                            <Card title="What if…">
                                <WhatIfForm on_commit=Callback::new(move |_| version.update(|v| *v += 1))/>
                            </Card>
                        </div>
                        <Card title="Load per resource, next 14 days (planned / capacity)">
                            <LoadGrid rows=s.load.clone()/>
                        </Card>
                        {(!s.unschedulable.is_empty()).then(|| view! {
                            <Card title="Not planned">
                                <ul class="plain-list">
                                    {s.unschedulable.iter().map(|(job, why)| view! { <li>{format!("Job {job}: {why}")}</li> }).collect_view()}
                                </ul>
                            </Card>
                        })}
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn WhatIfForm(on_commit: Callback<()>) -> impl IntoView {
    let resources = LocalResource::new(list_resources);
    let kind = RwSignal::new("overtime".to_string());
    let resource = RwSignal::new(String::new());
    let minutes = RwSignal::new("120".to_string());
    let days = RwSignal::new("3".to_string());
    let hours = RwSignal::new("8".to_string());
    let order = RwSignal::new(String::new());
    let result: RwSignal<Option<Result<WhatIfResult, AppError>>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let question = move || -> Result<WhatIf, AppError> {
        let num = |s: RwSignal<String>, f: &str| s.get_untracked().trim().parse::<u32>().map_err(|_| AppError::field(f, "Enter a whole number"));
        let res = || resource.get_untracked().parse::<i32>().map_err(|_| AppError::field("resource", "Choose a resource"));
        Ok(match kind.get_untracked().as_str() {
            "rush" => WhatIf::Rush {
                order_id: order.get_untracked().trim().parse().map_err(|_| AppError::field("order", "Enter the order's id (from its page address)"))?,
            },
            "down" => WhatIf::Down { resource_id: res()?, hours: num(hours, "hours")?.min(u16::MAX as u32) as u16 },
            _ => WhatIf::Overtime {
                resource_id: res()?,
                minutes: num(minutes, "minutes")?.min(u16::MAX as u32) as u16,
                days: num(days, "days")?.min(u16::MAX as u32) as u16,
            },
        })
    };
    let ask = move |_| {
        busy.set(true);
        spawn_local(async move {
            let r = match question() {
                Ok(q) => ask_what_if(q).await,
                Err(e) => Err(e),
            };
            result.set(Some(r));
            busy.set(false);
        });
    };
    let apply = move |_| {
        let Ok(q) = question() else { return };
        busy.set(true);
        spawn_local(async move {
            let r = commit_what_if(q).await;
            busy.set(false);
            match r {
                Ok(()) => {
                    result.set(None);
                    on_commit.run(());
                }
                Err(e) => result.set(Some(Err(e))),
            }
        });
    };
    let err = move |f: &'static str| Signal::derive(move || result.get().and_then(|r| r.err()).and_then(|e| e.field_message(f)));
    view! {
        <div class="stack what-if">
            <Field label="Question" error=Signal::stored(None::<String>)>
                <select aria-label="What if" on:change=move |ev| kind.set(event_target_value(&ev))>
                    <option value="overtime">"A resource works overtime"</option>
                    <option value="rush">"An order becomes rush"</option>
                    <option value="down">"A resource breaks down"</option>
                </select>
            </Field>
            <Show when=move || kind.get() != "rush">
                <Field label="Resource" error=err("resource")>
                    <select aria-label="Resource" on:change=move |ev| resource.set(event_target_value(&ev))>
                        <option value="">"Choose…"</option>
                        {move || resources.get().and_then(|r| r.ok()).unwrap_or_default().into_iter().map(|r| view! {
                            <option value=r.id>{r.input.name.clone()}</option>
                        }).collect_view()}
                    </select>
                </Field>
            </Show>
            <Show when=move || kind.get() == "overtime">
                <div class="form-grid">
                    <Field label="Extra minutes a day" error=err("minutes")>
                        <input type="number" min="1" max="360" prop:value=move || minutes.get() on:input=move |ev| minutes.set(event_target_value(&ev))/>
                    </Field>
                    <Field label="For how many days" error=err("days")>
                        <input type="number" min="1" max="30" prop:value=move || days.get() on:input=move |ev| days.set(event_target_value(&ev))/>
                    </Field>
                </div>
            </Show>
            <Show when=move || kind.get() == "down">
                <Field label="Down for hours" error=err("hours")>
                    <input type="number" min="1" prop:value=move || hours.get() on:input=move |ev| hours.set(event_target_value(&ev))/>
                </Field>
            </Show>
            <Show when=move || kind.get() == "rush">
                <Field label="Order id" error=err("order")>
                    <input type="number" min="1" prop:value=move || order.get() on:input=move |ev| order.set(event_target_value(&ev))/>
                </Field>
            </Show>
            <div class="form-actions">
                <button type="button" class="btn" disabled=move || busy.get() on:click=ask>"Show the effect"</button>
            </div>
            {move || match result.get() {
                None => None,
                Some(Err(e)) if e.fields().is_some() => None,
                Some(Err(e)) => Some(view! { <ErrorBox err=e/> }.into_any()),
                Some(Ok(r)) => Some(view! {
                    <div data-testid="what-if-result">
                        <p><strong>{format!("Late orders: {} now, {} with this change.", r.late_before, r.late_after)}</strong></p>
                        {if r.rows.is_empty() {
                            view! { <p class="muted">"No due date moves."</p> }.into_any()
                        } else {
                            view! {
                                <table class="table table-compact">
                                    <thead><tr><th>"Order"</th><th>"Due"</th><th>"Now"</th><th>"With change"</th><th class="num">"Change"</th></tr></thead>
                                    <tbody>
                                        {r.rows.iter().take(25).map(|w| view! {
                                            <tr>
                                                <td><a href=format!("/orders/{}", w.order_id)>{w.number.clone()}</a></td>
                                                <td>{w.due.clone()}</td>
                                                <td class:late=w.late_before>{w.before.clone()}</td>
                                                <td class:late=w.late_after>{w.after.clone()}</td>
                                                <td class="num">{format!("{:+.1} h", w.delta_hours)}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            }.into_any()
                        }}
                        <button type="button" class="btn btn-primary" disabled=move || busy.get() on:click=apply>"Apply this change"</button>
                    </div>
                }.into_any()),
            }}
        </div>
    }
}
