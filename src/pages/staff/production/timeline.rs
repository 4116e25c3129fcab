use super::ProductionTabs;
use crate::api::production::{order_timeline, resource_timeline};
use crate::components::production::Gantt;
use crate::components::ui::query::query_param;
use crate::components::ui::{Loading, PageHeader, PageError};
use leptos::prelude::*;

/// Per resource by default; `?order=ID` shows one order's stages.
#[component]
pub fn TimelinePage() -> impl IntoView {
    let order = query_param("order");
    let data = Resource::new(
        move || order.get().parse::<i32>().ok(),
        |order| async move {
            match order {
                Some(id) => order_timeline(id).await,
                None => resource_timeline(14).await,
            }
        },
    );
    view! {
        <PageHeader title="Production timeline"/>
        <ProductionTabs/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <PageError err=e/> }.into_any(),
                    Ok(t) => view! {
                        <h2 class="timeline-title">{t.title.clone()}</h2>
                        <Gantt timeline=t/>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
