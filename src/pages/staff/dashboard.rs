use crate::api::orders::load_dashboard;
use crate::api::feedback::{close_follow_up, follow_ups, waiting_proofs};
use crate::api::production::board_bottleneck;
use crate::components::production::BottleneckBanner;
use crate::components::orders::OrderTable;
use crate::components::ui::{BarChart, Card, Loading, PageHeader, PaymentChip, Stat, PageError};
use leptos::prelude::*;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_dashboard());
    let bottleneck = LocalResource::new(board_bottleneck);
    let closed = RwSignal::new(0u32);
    let follow = Resource::new(move || closed.get(), |_| follow_ups());
    let waiting = Resource::new(|| (), |_| waiting_proofs());
    view! {
        <PageHeader title="Today"/>
        <Suspense fallback=|| ()>
            {move || bottleneck.get().and_then(|r| r.ok()).map(|b| view! { <BottleneckBanner summary=b/> })}
        </Suspense>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <PageError err=e/> }.into_any(),
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
                                <Card title="Follow up with customers">
                                    <Suspense fallback=|| ()>
                                        {move || Suspend::new(async move {
                                            let list = follow.await.unwrap_or_default();
                                            if list.is_empty() {
                                                view! { <p class="empty" data-testid="follow-ups">"No low ratings to follow up."</p> }.into_any()
                                            } else {
                                                view! {
                                                    <ul class="plain-list" data-testid="follow-ups">
                                                        {list.into_iter().map(|f| {
                                                            let id = f.id;
                                                            view! {
                                                                <li>
                                                                    <a href=format!("/orders/{}", f.order_id)>{f.order_number.clone()}</a>
                                                                    {format!(" · {} · {} · {}", f.customer, f.note, f.at)}
                                                                    " "
                                                                    <button type="button" class="btn btn-small" on:click=move |_| {
                                                                        leptos::task::spawn_local(async move {
                                                                            if close_follow_up(id).await.is_ok() { closed.update(|c| *c += 1); }
                                                                        });
                                                                    }>"Done"</button>
                                                                </li>
                                                            }
                                                        }).collect_view()}
                                                    </ul>
                                                }.into_any()
                                            }
                                        })}
                                    </Suspense>
                                </Card>
                                <Card title="Proofs waiting for the customer over 24 h">
                                    <Suspense fallback=|| ()>
                                        {move || Suspend::new(async move {
                                            let list = waiting.await.unwrap_or_default();
                                            if list.is_empty() {
                                                view! { <p class="empty">"No proof is waiting long."</p> }.into_any()
                                            } else {
                                                view! {
                                                    <ul class="plain-list" data-testid="waiting-proofs">
                                                        {list.into_iter().map(|w| view! {
                                                            <li><a href=format!("/orders/{}#proofs", w.order_id)>{w.order_number.clone()}</a>{format!(" · {} · v{} · {:.0} h", w.customer, w.version, w.waiting_hours)}</li>
                                                        }).collect_view()}
                                                    </ul>
                                                }.into_any()
                                            }
                                        })}
                                    </Suspense>
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
