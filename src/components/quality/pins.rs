//! A proof image with its pinned comments, and a proof's status chip.
use crate::domain::quality::ProofStatus;
use crate::dto::quality::PinView;
use leptos::prelude::*;

#[component]
pub fn ProofStatusChip(status: ProofStatus) -> impl IntoView {
    let tone = match status {
        ProofStatus::InReview => "info",
        ProofStatus::AwaitingCustomer => "warn",
        ProofStatus::Approved => "ok",
        ProofStatus::ChangesRequested => "danger",
        ProofStatus::Superseded => "muted",
    };
    view! { <span class=format!("chip chip-{tone}")>{status.label()}</span> }
}

/// A proof with its pins, for staff (the customer's pinning page is `pages::public::approve`,
/// which works without WebAssembly).
#[component]
pub fn PinnedImage(src: String, alt: String, #[prop(into)] pins: Signal<Vec<PinView>>) -> impl IntoView {
    view! {
        <div class="pin-scroll">
            <div class="pin-frame">
                <img src=src alt=alt draggable="false"/>
                {move || pins.get().into_iter().enumerate().filter_map(|(i, p)| {
                    let (x, y) = (p.x?, p.y?);
                    Some(view! {
                        <span class="pin" class:pin-customer=p.customer style=format!("left:{:.2}%;top:{:.2}%", x * 100.0, y * 100.0)
                            title=format!("{}: {}", p.author, p.body) data-testid="pin">{i + 1}</span>
                    })
                }).collect_view()}
            </div>
        </div>
    }
}
