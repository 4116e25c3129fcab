//! The customer's orders, newest first, with status and progress; searchable; cached by
//! the service worker for offline viewing.
use crate::api::portal::portal_orders;
use crate::components::ui::query::query_param;
use crate::domain::order::OrderStatus;
use leptos::prelude::*;
use leptos_meta::Title;

fn tone(s: OrderStatus) -> &'static str {
    match s {
        OrderStatus::Delivered => "done",
        OrderStatus::Ready => "ok",
        OrderStatus::Cancelled => "muted",
        OrderStatus::OnHold => "warn",
        _ => "info",
    }
}

#[component]
pub fn PortalOrders() -> impl IntoView {
    let q = query_param("q");
    let data = Resource::new(move || q.get(), portal_orders);
    view! {
        <Title text="Your orders"/>
        <h1 class="p-h1">"Your orders"</h1>
        <form class="p-search" method="get" action="/portal/orders" role="search">
            <label for="q" class="p-sr">"Search by order number"</label>
            <input id="q" name="q" type="search" placeholder="Search by order number" value=q.get_untracked()/>
            <button type="submit" class="p-btn">"Search"</button>
        </form>
        <Suspense fallback=|| view! { <p class="p-muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => { crate::components::ui::set_page_status(&e); view! { <p class="p-alert p-error" role="alert">{e.to_string()}</p> } }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="p-card">"No orders yet."</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="p-orders" data-testid="portal-orders">
                            {list.into_iter().map(|o| view! {
                                <li>
                                    <a class="p-order" href=format!("/portal/orders/{}", o.id)>
                                        <div class="p-order-top">
                                            <strong>{o.number.clone()}</strong>
                                            <span class=format!("p-chip p-chip-{}", tone(o.status))>{o.step_label.clone()}</span>
                                        </div>
                                        <div class="p-items">{o.items.clone()}</div>
                                        <div class="p-bar" role="progressbar" aria-label=format!("Progress of {}", o.number)
                                            aria-valuemin="0" aria-valuemax="100" aria-valuenow=format!("{:.0}", o.percent)>
                                            <span style=format!("width:{:.0}%", o.percent)></span>
                                        </div>
                                        <div class="p-order-foot">
                                            <span>{format!("Placed {}", o.placed)}</span>
                                            <span>{o.expected.clone().map(|e| format!("Ready {e}")).unwrap_or_default()}</span>
                                            <span>{if o.balance.0 > 0 { format!("{} due", o.balance) } else { o.total.to_string() }}</span>
                                        </div>
                                    </a>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
