use super::ProductionTabs;
use crate::api::production::load_bottlenecks;
use crate::components::production::BottleneckTable;
use crate::components::ui::{BarChart, Card, Loading, PageHeader, PageError};
use leptos::prelude::*;

#[component]
pub fn BottlenecksPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_bottlenecks());
    view! {
        <PageHeader title="Bottlenecks"/>
        <ProductionTabs/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <PageError err=e/> }.into_any(),
                    Ok(v) => {
                        let name = v.bottleneck.and_then(|id| v.stages.iter().find(|s| s.stage_id == id)).map(|s| s.name.clone());
                        let trend: Vec<(String, f64)> = v.bottleneck.map(|id| v.trend.iter().map(|(w, st)| {
                            (w.clone(), st.iter().find(|s| s.stage_id == id).map(|s| s.utilisation * 100.0).unwrap_or(0.0))
                        }).collect()).unwrap_or_default();
                        let queue: Vec<(String, f64)> = v.stages.iter().map(|s| (s.name.clone(), s.avg_queue_min / 60.0)).collect();
                        view! {
                            <p class="lead">{match &name {
                                Some(n) => format!("{n} is the bottleneck: it is the busiest stage that needs people or machines."),
                                None => "No bottleneck yet: not enough work has gone through the stages.".to_string(),
                            }}</p>
                            <Card title="Last 4 weeks, per stage">
                                <BottleneckTable view_data=v.clone()/>
                            </Card>
                            <div class="grid-2">
                                <Card title="Bottleneck utilisation per week (%)">
                                    <BarChart data=trend unit="%"/>
                                </Card>
                                <Card title="Average queue per stage (hours)">
                                    <BarChart data=queue unit=" h"/>
                                </Card>
                            </div>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
