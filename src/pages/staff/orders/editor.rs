use crate::api::auth::shop_info;
use crate::api::orders::get_order;
use crate::api::products::list_products;
use crate::components::orders::editor::OrderEditor;
use crate::api::customers::customer_pick;
use crate::components::ui::{query::{query_param, route_id}, Loading, PageHeader, PageError};
use leptos::prelude::*;

#[component]
pub fn NewOrderPage() -> impl IntoView {
    let catalogue = Resource::new(|| (), |_| list_products(true));
    let shop = Resource::new(|| (), |_| shop_info());
    // `?customer=ID` (from a customer's page): the order opens with them chosen.
    let for_customer = query_param("customer");
    let customer = Resource::new(move || for_customer.get().parse::<i32>().ok(), |id| async move {
        match id {
            Some(id) => customer_pick(id).await.map(Some),
            None => Ok(None),
        }
    });
    view! {
        <PageHeader title="New order"/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match (catalogue.await, shop.await, customer.await) {
                    (Ok(c), Ok(s), Ok(who)) => view! { <OrderEditor catalogue=c shop=s initial=None customer=who/> }.into_any(),
                    (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => view! { <PageError err=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn EditOrderPage() -> impl IntoView {
    let id = route_id();
    let catalogue = Resource::new(|| (), |_| list_products(true));
    let shop = Resource::new(|| (), |_| shop_info());
    let order = Resource::new(move || id.get(), get_order);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match (catalogue.await, shop.await, order.await) {
                    (Ok(c), Ok(s), Ok(o)) => {
                        let title = format!("Edit order {}", o.number);
                        let editable = o.status.is_editable();
                        view! {
                            <PageHeader title=title/>
                            {if editable {
                                view! { <OrderEditor catalogue=c shop=s initial=Some(o)/> }.into_any()
                            } else {
                                view! { <div class="alert alert-error">"This order can no longer be edited."</div> }.into_any()
                            }}
                        }.into_any()
                    }
                    (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => view! { <PageError err=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
