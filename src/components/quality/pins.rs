//! A proof image with its pinned comments; optionally a click/tap adds a pin.
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

/// `on_pin` receives (x, y) as fractions of the image when the user clicks or taps on it.
#[component]
pub fn PinnedImage(
    src: String,
    alt: String,
    #[prop(into)] pins: Signal<Vec<PinView>>,
    #[prop(optional)] on_pin: Option<Callback<(f64, f64)>>,
    #[prop(optional, into)] zoom: Option<Signal<f64>>,
) -> impl IntoView {
    let clickable = on_pin.is_some();
    let width = move || format!("width:{:.0}%", zoom.map(|z| z.get()).unwrap_or(100.0));
    view! {
        <div class="pin-scroll">
            <div class="pin-frame" class:pinnable=clickable style=width
                on:click=move |ev: leptos::ev::MouseEvent| {
                    let Some(cb) = on_pin else { return };
                    #[cfg(feature = "hydrate")]
                    {
                        use wasm_bindgen::JsCast;
                        if let Some(el) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                            let r = el.get_bounding_client_rect();
                            if r.width() > 0.0 && r.height() > 0.0 {
                                let x = ((ev.client_x() as f64 - r.left()) / r.width()).clamp(0.0, 1.0);
                                let y = ((ev.client_y() as f64 - r.top()) / r.height()).clamp(0.0, 1.0);
                                cb.run((x, y));
                            }
                        }
                    }
                    #[cfg(not(feature = "hydrate"))]
                    let _ = (cb, ev);
                }>
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
