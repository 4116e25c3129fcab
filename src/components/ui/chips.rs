use crate::domain::invoice::PaymentStatus;
use crate::domain::order::{OrderStatus, Priority};
use leptos::prelude::*;

#[component]
pub fn Chip(tone: &'static str, #[prop(into)] label: String) -> impl IntoView {
    view! { <span class=format!("chip chip-{tone}")>{label}</span> }
}

#[component]
pub fn StatusChip(status: OrderStatus) -> impl IntoView {
    view! { <Chip tone=status.tone() label=status.label()/> }
}

#[component]
pub fn PaymentChip(status: PaymentStatus) -> impl IntoView {
    view! { <Chip tone=status.tone() label=status.label()/> }
}

#[component]
pub fn PriorityBadge(priority: Priority) -> impl IntoView {
    (priority == Priority::Rush).then(|| view! { <span class="badge badge-rush" title="Rush order">"Rush"</span> })
}
