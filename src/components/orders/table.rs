use crate::components::ui::{PriorityBadge, StatusChip};
use crate::dto::orders::OrderRow;
use leptos::prelude::*;

#[component]
pub fn OrderTable(rows: Vec<OrderRow>, #[prop(optional)] empty: &'static str) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="empty">{if empty.is_empty() { "No orders match." } else { empty }}</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="table orders-table">
                <thead>
                    <tr>
                        <th>"Order"</th>
                        <th>"Customer"</th>
                        <th>"Status"</th>
                        <th>"Due"</th>
                        <th class="num">"Total"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|o| {
                            view! {
                                <tr class:row-danger=o.late>
                                    <td>
                                        <a href=format!("/orders/{}", o.id)>{o.number.clone()}</a>
                                        " "
                                        <PriorityBadge priority=o.priority/>
                                    </td>
                                    <td>{o.customer.clone()}</td>
                                    <td><StatusChip status=o.status/></td>
                                    <td class:late=o.late>
                                        {o.due_date.clone().unwrap_or_else(|| "—".into())}
                                        {o.late.then(|| view! { <span class="late-tag">" late"</span> })}
                                    </td>
                                    <td class="num">{o.total.to_string()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
