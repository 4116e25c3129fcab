use crate::domain::invoice::PaymentStatus;
use crate::domain::order::{OrderStatus, Priority};
use leptos::prelude::*;

#[component]
pub fn Chip(tone: &'static str, #[prop(into)] label: String) -> impl IntoView {
    view! { <span class=format!("chip chip-{tone}")>{label}</span> }
}

/// The chip colour of an order status (CSS lives with the UI, not in the domain).
pub fn order_tone(status: OrderStatus) -> &'static str {
    use OrderStatus::*;
    match status {
        Draft => "muted",
        Confirmed => "info",
        InProduction => "progress",
        OnHold => "warn",
        Ready => "ok",
        Delivered => "done",
        Cancelled => "danger",
    }
}

pub fn payment_tone(status: PaymentStatus) -> &'static str {
    match status {
        PaymentStatus::Unpaid => "danger",
        PaymentStatus::Partial => "warn",
        PaymentStatus::Paid => "ok",
        PaymentStatus::Credited => "muted",
    }
}

#[component]
pub fn StatusChip(status: OrderStatus) -> impl IntoView {
    view! { <Chip tone=order_tone(status) label=status.label()/> }
}

#[component]
pub fn PaymentChip(status: PaymentStatus) -> impl IntoView {
    view! { <Chip tone=payment_tone(status) label=status.label()/> }
}

#[component]
pub fn PriorityBadge(priority: Priority) -> impl IntoView {
    (priority == Priority::Rush).then(|| view! { <span class="badge badge-rush" title="Rush order">"Rush"</span> })
}
