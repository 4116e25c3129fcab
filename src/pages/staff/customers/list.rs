use crate::api::customers::list_customers;
use crate::components::ui::query::{href, query_page, query_param};
use crate::components::ui::{Chip, Loading, PageHeader, Pager, PageError};
use leptos::prelude::*;
use leptos_router::components::Form;

#[component]
pub fn CustomersPage() -> impl IntoView {
    let (q, page) = (query_param("q"), query_page());
    let data = Resource::new(move || (q.get(), page.get()), |(q, p)| list_customers(q, p));
    view! {
        <PageHeader title="Customers">
            <a class="btn btn-primary" href="/customers/new">"+ New customer"</a>
        </PageHeader>
        <Form method="GET" action="" attr:class="filters">
            <input type="search" name="q" placeholder="Name, company, phone, e-mail or tag" aria-label="Search customers" value=move || q.get()/>
            <button type="submit" class="btn">"Search"</button>
        </Form>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <PageError err=e/> }.into_any(),
                    Ok(p) => {
                        let query = q.get_untracked();
                        let pages = p.pages();
                        view! {
                            {p.items.is_empty().then(|| view! { <p class="empty">"No customers match."</p> })}
                            <div class="table-wrap">
                                <table class="table">
                                    <thead><tr><th>"Name"</th><th>"Company"</th><th>"Phone"</th><th>"E-mail"</th><th>"Tags"</th><th class="num">"Orders"</th></tr></thead>
                                    <tbody>
                                        {p.items.iter().map(|c| view! {
                                            <tr>
                                                <td><a href=format!("/customers/{}", c.id)>{c.name.clone()}</a></td>
                                                <td>{c.company.clone()}</td>
                                                <td>{c.phone.clone()}{c.whatsapp_opt_in.then(|| view! { <span class="badge badge-wa" title="WhatsApp updates on">" WA"</span> })}</td>
                                                <td>{c.email.clone()}</td>
                                                <td>{c.tags.iter().map(|t| view! { <Chip tone="muted" label=t.clone()/> }).collect_view()}</td>
                                                <td class="num">{c.orders}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <Pager page=p.page pages total=p.total href=move |n| href("/customers", &[("q", query.clone()), ("page", n.to_string())])/>
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}
