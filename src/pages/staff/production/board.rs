use super::ProductionTabs;
use crate::api::production::{board_bottleneck, production_board};
use crate::components::production::{BoardView, BottleneckBanner};
use crate::components::ui::{Loading, PageHeader, PageError};
use leptos::prelude::*;

#[component]
pub fn BoardPage() -> impl IntoView {
    let board = Resource::new(|| (), |_| production_board(false));
    // The bottleneck needs a month of history: it loads after the board, in the browser.
    let bottleneck = LocalResource::new(board_bottleneck);
    view! {
        <PageHeader title="Production board"/>
        <ProductionTabs/>
        <Suspense fallback=|| ()>
            {move || bottleneck.get().and_then(|r| r.ok()).map(|b| view! { <BottleneckBanner summary=b/> })}
        </Suspense>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match board.await {
                    Ok(b) => view! { <BoardView initial=b/> }.into_any(),
                    Err(e) => view! { <PageError err=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
