use crate::components::ui::StatusChip;
use crate::dto::orders::StatusChange;
use leptos::prelude::*;

/// Every status change, newest last, as a vertical timeline.
#[component]
pub fn StatusHistory(history: Vec<StatusChange>) -> impl IntoView {
    view! {
        <ol class="timeline">
            {history
                .into_iter()
                .map(|h| {
                    view! {
                        <li class="timeline-item">
                            <div class="timeline-head">
                                {h.from.map(|f| view! { <StatusChip status=f/>" → " })}
                                <StatusChip status=h.to/>
                            </div>
                            <div class="timeline-meta">{format!("{} · {}", h.at, h.by)}</div>
                            {(!h.comment.is_empty()).then(|| view! { <p class="timeline-comment">{h.comment.clone()}</p> })}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}
