//! Production pages: board, timeline, schedule (with what-if), resources, stages, bottlenecks.
pub mod board;
pub mod bottlenecks;
pub mod resources;
pub mod schedule;
pub mod stages;
pub mod timeline;

use leptos::prelude::*;

/// Sub-navigation shared by the production pages.
#[component]
pub fn ProductionTabs() -> impl IntoView {
    let tabs = [
        ("/production", "Board"),
        ("/production/timeline", "Timeline"),
        ("/production/schedule", "Schedule"),
        ("/production/bottlenecks", "Bottlenecks"),
        ("/production/resources", "Resources"),
        ("/production/stages", "Stages"),
    ];
    view! {
        <nav class="tabs" aria-label="Production">
            {tabs.into_iter().map(|(href, label)| view! {
                <leptos_router::components::A href=href exact=true attr:class="tab">{label}</leptos_router::components::A>
            }).collect_view()}
        </nav>
    }
}
