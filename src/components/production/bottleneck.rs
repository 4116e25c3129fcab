//! The current bottleneck: a banner for the board and dashboard, and a full table.
use crate::components::ui::{ProgressBar, Sparkline};
use crate::dto::production::{BottleneckSummary, BottleneckView};
use leptos::prelude::*;

#[component]
pub fn BottleneckBanner(summary: Option<BottleneckSummary>) -> impl IntoView {
    match summary {
        None => view! { <div class="bottleneck bottleneck-none">"No bottleneck: no stage is loaded yet."</div> }.into_any(),
        Some(b) => {
            let trend: Vec<f64> = b.trend.iter().map(|(_, u)| u * 100.0).collect();
            let labels = b.trend.iter().map(|(d, u)| format!("{d}: {:.0}%", u * 100.0)).collect::<Vec<_>>().join(", ");
            view! {
                <div class="bottleneck" data-testid="bottleneck">
                    <span class="bottleneck-label">"Bottleneck"</span>
                    <strong>{b.stage.clone()}</strong>
                    <span>{format!("{:.0}% utilised · {} jobs waiting · {:.1} h average queue", b.utilisation * 100.0, b.wip, b.avg_queue_min / 60.0)}</span>
                    <span class="bottleneck-trend" title=format!("Last 4 weeks: {labels}")>
                        <Sparkline values=trend label="Utilisation trend, last 4 weeks"/>
                    </span>
                    <a href="/production/bottlenecks">"Details"</a>
                </div>
            }
            .into_any()
        }
    }
}

#[component]
pub fn BottleneckTable(view_data: BottleneckView) -> impl IntoView {
    let bottleneck = view_data.bottleneck;
    view! {
        <div class="table-wrap">
            <table class="table">
                <thead>
                    <tr>
                        <th>"Stage"</th><th class="num">"WIP"</th><th class="num">"Avg queue"</th><th class="num">"Avg work"</th>
                        <th class="num">"Throughput / day"</th><th>"Utilisation"</th>
                    </tr>
                </thead>
                <tbody>
                    {view_data.stages.iter().map(|s| {
                        let u = s.utilisation * 100.0;
                        let tone = if u > 90.0 { "danger" } else if u > 70.0 { "warn" } else { "ok" };
                        view! {
                            <tr class:row-danger=bottleneck == Some(s.stage_id)>
                                <td>{s.name.clone()}{(bottleneck == Some(s.stage_id)).then(|| view! { " " <span class="chip chip-danger">"Bottleneck"</span> })}</td>
                                <td class="num">{s.wip}</td>
                                <td class="num">{format!("{:.1} h", s.avg_queue_min / 60.0)}</td>
                                <td class="num">{format!("{:.1} h", s.avg_work_min / 60.0)}</td>
                                <td class="num">{format!("{:.1}", s.throughput_per_day)}</td>
                                <td class="util-cell"><ProgressBar percent=Signal::stored(u) label="Utilisation" tone=tone/></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
