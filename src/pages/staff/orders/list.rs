use crate::api::orders::list_orders;
use crate::components::orders::OrderTable;
use crate::components::ui::query::{href, query_page, query_param};
use crate::components::ui::{Loading, PageHeader, Pager, PageError};
use crate::domain::order::OrderStatus;
use crate::dto::orders::OrderFilter;
use leptos::prelude::*;
use leptos_router::components::Form;

#[component]
pub fn OrdersPage() -> impl IntoView {
    let (q, status, from, to, page) = (query_param("q"), query_param("status"), query_param("due_from"), query_param("due_to"), query_page());
    let filter = Memo::new(move |_| OrderFilter {
        q: q.get(),
        status: status.get(),
        customer_id: None,
        due_from: from.get(),
        due_to: to.get(),
        page: page.get(),
        per_page: 25,
    });
    let data = Resource::new(move || filter.get(), list_orders);
    view! {
        <PageHeader title="Orders">
            <a class="btn btn-primary" href="/orders/new">"+ New order"</a>
        </PageHeader>
        <Form method="GET" action="" attr:class="filters">
            <input type="search" name="q" placeholder="Order number or customer" aria-label="Search orders" value=move || q.get()/>
            <select name="status" aria-label="Status">
                <option value="" selected=move || status.get().is_empty()>"All statuses"</option>
                <option value="open" selected=move || status.get() == "open">"Open (not delivered)"</option>
                {OrderStatus::ALL.iter().map(|s| view! {
                    <option value=s.as_str() selected=move || status.get() == s.as_str()>{s.label()}</option>
                }).collect_view()}
            </select>
            <label class="inline">"Due from" <input type="date" name="due_from" value=move || from.get()/></label>
            <label class="inline">"to" <input type="date" name="due_to" value=move || to.get()/></label>
            <button type="submit" class="btn">"Filter"</button>
            <a class="btn btn-ghost" href="/orders">"Clear"</a>
        </Form>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <PageError err=e/> }.into_any(),
                    Ok(p) => {
                        let f = filter.get_untracked();
                        let pages = p.pages();
                        view! {
                            <OrderTable rows=p.items.clone()/>
                            <Pager page=p.page pages total=p.total href=move |n| href("/orders", &[
                                ("q", f.q.clone()), ("status", f.status.clone()), ("due_from", f.due_from.clone()),
                                ("due_to", f.due_to.clone()), ("page", n.to_string()),
                            ])/>
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}
