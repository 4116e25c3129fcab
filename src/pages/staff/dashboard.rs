use crate::api::orders::load_dashboard;
use crate::api::production::board_bottleneck;
use crate::components::production::BottleneckBanner;
use crate::components::orders::OrderTable;
use crate::components::ui::{BarChart, Card, ErrorBox, Loading, PageHeader, PaymentChip, Stat};
use leptos::prelude::*;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_dashboard());
    let bottleneck = LocalResource::new(board_bottleneck);
    view! {
        <PageHeader title="Today"/>
        <Suspense fallback=|| ()>
            {move || bottleneck.get().and_then(|r| r.ok()).map(|b| view! { <BottleneckBanner summary=b/> })}
        </Suspense>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <ErrorBox err=e/> }.into_any(),
                    Ok(d) => {
                        let chart: Vec<(String, f64)> = d.daily_orders.iter().map(|(l, n)| (l.clone(), *n as f64)).collect();
                        view! {
                            <div class="stats">
                                <Stat label="Due today" value=d.due_today_count.to_string() href="/orders?status=open".to_string()/>
                                <Stat label="Late" value=d.late_count.to_string() tone={if d.late_count > 0 { "danger" } else { "" }}/>
                                <Stat label="Open orders" value=d.open_orders.to_string() href="/orders?status=open".to_string()/>
                                <Stat label="Awaiting payment" value=d.receivable.to_string() tone="warn" href="/invoices?status=due".to_string()/>
                                <Stat label="Invoiced this month" value=d.month_revenue.to_string()/>
                            </div>
                            <div class="grid-2">
                                <Card title="Due today">
                                    <OrderTable rows=d.due_today.clone() empty="Nothing is due today."/>
                                </Card>
                                <Card title="Late">
                                    <OrderTable rows=d.late.clone() empty="No late orders. Well done."/>
                                </Card>
                            </div>
                            <div class="grid-2">
                                <Card title="Awaiting payment">
                                    {if d.awaiting_payment.is_empty() {
                                        view! { <p class="empty">"All invoices are paid."</p> }.into_any()
                                    } else {
                                        view! {
                                            <table class="table">
                                                <thead><tr><th>"Invoice"</th><th>"Customer"</th><th class="num">"Balance"</th><th>"Status"</th></tr></thead>
                                                <tbody>
                                                    {d.awaiting_payment.iter().map(|i| view! {
                                                        <tr class:row-danger=i.overdue>
                                                            <td><a href=format!("/invoices/{}", i.id)>{i.number.clone()}</a></td>
                                                            <td>{i.customer.clone()}</td>
                                                            <td class="num">{(i.total - i.amount_paid).to_string()}</td>
                                                            <td><PaymentChip status=i.status/></td>
                                                        </tr>
                                                    }).collect_view()}
                                                </tbody>
                                            </table>
                                        }.into_any()
                                    }}
                                </Card>
                                <Card title="Orders taken, last 14 days">
                                    <BarChart data=chart unit=" orders"/>
                                </Card>
                            </div>
                        }
                        .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
