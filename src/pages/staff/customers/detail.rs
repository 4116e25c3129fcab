use crate::api::customers::get_customer;
use crate::api::orders::list_orders;
use crate::components::orders::OrderTable;
use crate::components::ui::query::{href, query_page, route_id};
use crate::components::ui::{Card, Chip, Loading, PageHeader, Pager, PageError};
use crate::domain::india;
use crate::dto::customers::split_tags;
use crate::dto::orders::OrderFilter;
use leptos::prelude::*;

#[component]
pub fn CustomerPage() -> impl IntoView {
    let id = route_id();
    let page = query_page();
    let customer = Resource::new(move || id.get(), get_customer);
    let orders = Resource::new(
        move || (id.get(), page.get()),
        |(id, page)| list_orders(OrderFilter { customer_id: Some(id), page, per_page: 20, ..Default::default() }),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match customer.await {
                    Err(e) => view! { <PageError err=e/> }.into_any(),
                    Ok(c) => {
                        let i = c.input.clone();
                        let state = india::state_name(&i.state_code).map(|n| format!("{} ({})", n, i.state_code)).unwrap_or_else(|| "Same as shop".into());
                        view! {
                            <PageHeader title=i.name.clone()>
                                <a class="btn" href=format!("/customers/{}/edit", c.id)>"Edit"</a>
                                <a class="btn btn-primary" href="/orders/new">"+ New order"</a>
                            </PageHeader>
                            <div class="grid-2">
                                <Card title="Contact">
                                    <dl class="facts">
                                        <dt>"Company"</dt><dd>{i.company.clone()}</dd>
                                        <dt>"Phone"</dt><dd>{i.phone.clone()}{i.whatsapp_opt_in.then_some(" · WhatsApp updates on")}</dd>
                                        <dt>"E-mail"</dt><dd>{i.email.clone()}</dd>
                                        <dt>"GSTIN"</dt><dd>{i.gstin.clone()}</dd>
                                        <dt>"State"</dt><dd>{state}</dd>
                                        <dt>"Customer since"</dt><dd>{c.created_at.clone()}</dd>
                                    </dl>
                                    <div>{split_tags(&i.tags).into_iter().map(|t| view! { <Chip tone="muted" label=t/> }).collect_view()}</div>
                                </Card>
                                <Card title="Addresses and notes">
                                    <h3 class="small-title">"Billing"</h3><p class="pre">{i.billing_address.clone()}</p>
                                    <h3 class="small-title">"Shipping"</h3><p class="pre">{i.shipping_address.clone()}</p>
                                    <h3 class="small-title">"Notes"</h3><p class="pre">{i.notes.clone()}</p>
                                </Card>
                            </div>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
        <Card title="Orders">
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match orders.await {
                        Err(e) => view! { <PageError err=e/> }.into_any(),
                        Ok(p) => {
                            let cid = id.get_untracked();
                            let pages = p.pages();
                            view! {
                                <OrderTable rows=p.items.clone() empty="No orders yet."/>
                                <Pager page=p.page pages total=p.total href=move |n| href(&format!("/customers/{cid}"), &[("page", n.to_string())])/>
                            }.into_any()
                        }
                    }
                })}
            </Transition>
        </Card>
    }
}
