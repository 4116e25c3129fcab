//! One checklist on its own page (from Quality, an order, or a board refusal's link).
use crate::api::quality::load_checklist_form;
use crate::components::quality::ChecklistEditor;
use crate::components::ui::{Loading, PageHeader, PageError};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ChecklistPage() -> impl IntoView {
    let params = use_params_map();
    let ids = Memo::new(move |_| {
        let p = params.read();
        (p.get("job").and_then(|v| v.parse().ok()).unwrap_or(0), p.get("stage").and_then(|v| v.parse().ok()).unwrap_or(0))
    });
    let data = Resource::new(move || ids.get(), |(j, s)| load_checklist_form(j, s));
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <PageError err=e/> }.into_any(),
                    Ok(f) => {
                        let (title, order_id, number) = (f.title.clone(), f.order_id, f.order_number.clone());
                        view! {
                            <PageHeader title=title>
                                <a class="btn" href=format!("/orders/{order_id}")>{format!("Order {number}")}</a>
                            </PageHeader>
                            <ChecklistEditor form=f/>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

