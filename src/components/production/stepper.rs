//! The order page's production section: overall progress, predicted finish and a stage
//! stepper per job with timestamps.
use crate::components::ui::ProgressBar;
use crate::domain::floor::StageState;
use crate::dto::production::OrderProduction;
use leptos::prelude::*;

#[component]
pub fn OrderProductionCard(data: OrderProduction, order_id: i32) -> impl IntoView {
    if data.jobs.is_empty() {
        return view! { <p class="muted">"Production starts when the order is confirmed."</p> }.into_any();
    }
    let late = data.late_hours > 0.0;
    view! {
        <div class="stack">
            <ProgressBar percent=Signal::stored(data.percent) label="Order progress"/>
            <p>
                {match &data.predicted_finish {
                    Some(f) => format!("Expected ready: {f}"),
                    None => "Not scheduled yet".into(),
                }}
                {late.then(|| view! { " " <span class="chip chip-danger">{format!("{:.0} h late", data.late_hours)}</span> })}
                " · "
                <a href=format!("/production/timeline?order={order_id}")>"Timeline"</a>
            </p>
            {data.jobs.iter().map(|j| view! {
                <div class="job-progress">
                    <div class="job-progress-head">
                        <strong>{j.title.clone()}</strong>
                        <span class="muted">{format!("{} · {:.0}%", j.stage, j.percent)}</span>
                    </div>
                    <ol class="stepper">
                        {j.steps.iter().map(|s| view! {
                            <li class=format!("step step-{}", s.state.as_str())>
                                <span class="step-name">{s.stage.clone()}</span>
                                <span class="step-time">
                                    {match (s.state, &s.entered, &s.left, &s.planned_end) {
                                        (StageState::Done, _, Some(l), _) => format!("done {l}"),
                                        (StageState::Active, Some(e), _, _) => format!("since {e}"),
                                        (_, _, _, Some(p)) => format!("planned {p}"),
                                        _ => String::new(),
                                    }}
                                </span>
                            </li>
                        }).collect_view()}
                    </ol>
                </div>
            }).collect_view()}
        </div>
    }
    .into_any()
}
