use crate::api::customers::get_customer;
use crate::components::customers::CustomerForm;
use crate::components::ui::{query::route_id, Loading, PageHeader, PageError};
use leptos::prelude::*;

#[component]
pub fn NewCustomerPage() -> impl IntoView {
    view! {
        <PageHeader title="New customer"/>
        <CustomerForm/>
    }
}

#[component]
pub fn EditCustomerPage() -> impl IntoView {
    let id = route_id();
    let data = Resource::new(move || id.get(), get_customer);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <PageError err=e/> }.into_any(),
                    Ok(c) => view! {
                        <PageHeader title=format!("Edit {}", c.input.name)/>
                        <CustomerForm id=c.id version=c.version initial=c.input.clone()/>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
