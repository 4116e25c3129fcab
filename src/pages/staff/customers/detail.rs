use crate::api::customers::{customer_ratings, get_customer};
use crate::api::orders::list_orders;
use crate::components::customers::CustomerFiles;
use crate::components::orders::OrderTable;
use crate::components::ui::query::{href, query_page, route_id};
use crate::components::ui::{one_decimal, Card, Chip, ErrorBox, Loading, PageHeader, Pager, PageError, Stars};
use crate::domain::india;
use crate::dto::customers::split_tags;
use crate::dto::orders::OrderFilter;
use crate::dto::ratings::CustomerRatings;
use leptos::prelude::*;

#[component]
pub fn CustomerPage() -> impl IntoView {
    let id = route_id();
    let page = query_page();
    let customer = Resource::new(move || id.get(), get_customer);
    let ratings = Resource::new(move || id.get(), customer_ratings);
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
                                <a class="btn btn-primary" href=format!("/orders/new?customer={}", c.id)>"+ New order"</a>
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
        <Card title="Ratings">
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    // An error here stays in this card: the rest of the page is still useful.
                    match ratings.await {
                        Err(e) => view! { <ErrorBox err=e/> }.into_any(),
                        Ok(r) => view! { <RatingsSummary data=r/> }.into_any(),
                    }
                })}
            </Transition>
        </Card>
        <Card title="From WhatsApp">
            {move || view! { <CustomerFiles customer_id=id.get()/> }}
        </Card>
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

/// Average and count, per product, and the latest comments with links to their orders.
#[component]
fn RatingsSummary(data: CustomerRatings) -> impl IntoView {
    let Some(avg) = data.average else {
        return view! { <p class="empty" data-testid="customer-rating">"No ratings yet."</p> }.into_any();
    };
    let plural = if data.count == 1 { "rating" } else { "ratings" };
    view! {
        <p data-testid="customer-rating">
            <strong><Stars stars=avg compact=true/></strong>{format!(" from {} {plural}", data.count)}
        </p>
        <div class="table-wrap">
            <table class="table table-compact">
                <thead><tr><th>"Product"</th><th>"Stars"</th><th class="num">"Average"</th><th class="num">"Ratings"</th></tr></thead>
                <tbody>
                    {data.by_product.into_iter().map(|p| view! {
                        <tr>
                            <td><a href=format!("/catalogue/{}", p.product_id)>{p.product}</a></td>
                            <td><Stars stars=p.average/></td>
                            <td class="num">{one_decimal(p.average)}</td>
                            <td class="num">{p.count}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <h3 class="small-title">"Latest"</h3>
        <ul class="plain-list">
            {data.recent.into_iter().map(|o| view! {
                <li>
                    <a href=format!("/orders/{}", o.order_id)>{o.order_number}</a>" "
                    <Stars stars=o.rating.stars/>
                    <span class="muted">{format!(" · {}", o.rating.at)}</span>
                    {(!o.rating.comment.is_empty()).then(|| view! { <p class="pre">{o.rating.comment.clone()}</p> })}
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}
