use crate::api::invoices::list_invoices;
use crate::components::ui::query::{href, query_page, query_param};
use crate::components::ui::{Loading, PageHeader, Pager, PaymentChip, PageError};
use crate::dto::invoices::InvoiceFilter;
use leptos::prelude::*;
use leptos_router::components::Form;

const STATUSES: &[(&str, &str)] =
    &[("", "All"), ("due", "Not fully paid"), ("overdue", "Overdue"), ("unpaid", "Unpaid"), ("partial", "Partly paid"), ("paid", "Paid")];

#[component]
pub fn InvoicesPage() -> impl IntoView {
    let (q, status, page) = (query_param("q"), query_param("status"), query_page());
    let filter = Memo::new(move |_| InvoiceFilter { q: q.get(), status: status.get(), page: page.get(), per_page: 25 });
    let data = Resource::new(move || filter.get(), list_invoices);
    view! {
        <PageHeader title="Invoices"/>
        <Form method="GET" action="" attr:class="filters">
            <input type="search" name="q" placeholder="Invoice number or customer" aria-label="Search invoices" value=move || q.get()/>
            <select name="status" aria-label="Payment status">
                {STATUSES.iter().map(|(v, l)| view! { <option value=*v selected=move || status.get() == *v>{*l}</option> }).collect_view()}
            </select>
            <button type="submit" class="btn">"Filter"</button>
        </Form>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <PageError err=e/> }.into_any(),
                    Ok(p) => {
                        let f = filter.get_untracked();
                        let pages = p.pages();
                        view! {
                            {p.items.is_empty().then(|| view! { <p class="empty">"No invoices match."</p> })}
                            <div class="table-wrap">
                                <table class="table">
                                    <thead><tr><th>"Invoice"</th><th>"Order"</th><th>"Customer"</th><th>"Issued"</th><th>"Due"</th><th class="num">"Total"</th><th class="num">"Balance"</th><th>"Status"</th></tr></thead>
                                    <tbody>
                                        {p.items.iter().map(|i| view! {
                                            <tr class:row-danger=i.overdue>
                                                <td><a href=format!("/invoices/{}", i.id)>{i.number.clone()}</a></td>
                                                <td><a href=format!("/orders/{}", i.order_id)>{i.order_number.clone()}</a></td>
                                                <td>{i.customer.clone()}</td>
                                                <td>{i.issue_date.clone()}</td>
                                                <td class:late=i.overdue>{i.due_date.clone()}</td>
                                                <td class="num">{i.total.to_string()}</td>
                                                <td class="num">{(i.total - i.amount_paid).to_string()}</td>
                                                <td><PaymentChip status=i.status/></td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <Pager page=p.page pages total=p.total href=move |n| href("/invoices", &[("q", f.q.clone()), ("status", f.status.clone()), ("page", n.to_string())])/>
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}
