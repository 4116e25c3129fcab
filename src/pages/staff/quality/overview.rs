use crate::api::quality::{open_checklists, load_quality_stats};
use crate::components::ui::{BarChart, Card, Loading, PageHeader, Stat, PageError};
use crate::domain::quality::CheckpointStatus;
use leptos::prelude::*;

#[component]
pub fn QualityPage() -> impl IntoView {
    let stats = Resource::new(|| (), |_| load_quality_stats());
    let open = Resource::new(|| (), |_| open_checklists());
    view! {
        <PageHeader title="Quality">
            <a class="btn" href="/quality/chains">"Approval chains"</a>
        </PageHeader>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match stats.await {
                    Err(e) => view! { <PageError err=e/> }.into_any(),
                    Ok(s) => {
                        let pareto: Vec<(String, f64)> = s.pareto.iter().map(|(r, n, _)| (r.clone(), *n as f64)).collect();
                        let cumulative = s.pareto.iter().map(|(r, _, c)| format!("{r}: {:.0}%", c * 100.0)).collect::<Vec<_>>().join(" · ");
                        let fpy_stage: Vec<(String, f64)> = s.fpy_by_stage.iter().map(|(n, y, _)| (n.clone(), y * 100.0)).collect();
                        view! {
                            <div class="stats">
                                <Stat label="Avg. revisions per item" value=format!("{:.2}", s.avg_revisions)/>
                                <Stat label="Customer approval turnaround" value=format!("{:.1} h", s.approval_turnaround_h)/>
                                <Stat label=format!("Proofs waiting > {} h", s.waiting_hours) value=s.waiting.len().to_string() tone={if s.waiting.is_empty() { "" } else { "warn" }}/>
                                <Stat label="Gate overrides (90 days)" value=s.overrides.to_string()/>
                            </div>
                            <div class="grid-2">
                                <Card title="Defect reasons (Pareto, 90 days)">
                                    <BarChart data=pareto unit=" defects"/>
                                    <p class="muted small">{if cumulative.is_empty() { "No defects recorded.".to_string() } else { format!("Cumulative: {cumulative}") }}</p>
                                </Card>
                                <Card title="First-pass yield per stage (%)">
                                    <BarChart data=fpy_stage unit="%"/>
                                </Card>
                            </div>
                            <Card title="First-pass yield per product">
                                <table class="table table-compact">
                                    <thead><tr><th>"Product"</th><th class="num">"First-pass yield"</th><th class="num">"Checks"</th></tr></thead>
                                    <tbody>
                                        {s.fpy_by_product.iter().map(|(n, y, c)| view! {
                                            <tr><td>{n.clone()}</td><td class="num">{format!("{:.0}%", y * 100.0)}</td><td class="num">{*c}</td></tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </Card>
                            {(!s.waiting.is_empty()).then(|| view! {
                                <Card title=format!("Proofs waiting for the customer over {} hours", s.waiting_hours)>
                                    <ul class="plain-list" data-testid="waiting-proofs">
                                        {s.waiting.iter().map(|w| view! {
                                            <li><a href=format!("/orders/{}#proofs", w.order_id)>{w.order_number.clone()}</a>{format!(" · {} · v{} · waiting {:.0} h", w.customer, w.version, w.waiting_hours)}</li>
                                        }).collect_view()}
                                    </ul>
                                </Card>
                            })}
                        }.into_any()
                    }
                }
            })}
        </Suspense>
        <Card title="Checklists to complete">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match open.await {
                        Err(e) => view! { <PageError err=e/> }.into_any(),
                        Ok(rows) if rows.is_empty() => view! { <p class="empty">"Every job in a checked stage has passed its checklist."</p> }.into_any(),
                        Ok(rows) => view! {
                            <table class="table">
                                <thead><tr><th>"Order"</th><th>"Job"</th><th>"Stage"</th><th>"Status"</th><th></th></tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|r| view! {
                                        <tr>
                                            <td>{r.order_number.clone()}</td>
                                            <td>{r.title.clone()}</td>
                                            <td>{r.stage.clone()}</td>
                                            <td>{match r.status { CheckpointStatus::Failed => "Failed", CheckpointStatus::Open => "Open", CheckpointStatus::Passed => "Passed" }}</td>
                                            <td><a class="btn btn-small" href=format!("/quality/check/{}/{}", r.job_id, r.stage_id)>"Check"</a></td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </Card>
    }
}
