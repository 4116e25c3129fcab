//! Reorder a past order: same items and options at today's prices, quantities editable.
use super::{url_error, Outcome};
use crate::api::portal::{portal_reorder_draft, PortalReorder};
use crate::components::ui::query::route_id;
use crate::domain::money::Money;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PortalReorderPage() -> impl IntoView {
    let id = route_id();
    let data = Resource::new(move || id.get(), portal_reorder_draft);
    let place = ServerAction::<PortalReorder>::new();
    let err = url_error();
    view! {
        <Title text="Reorder"/>
        <Suspense fallback=|| view! { <p class="p-muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => { crate::components::ui::set_page_status(&e); view! { <p class="p-alert p-error" role="alert">{e.to_string()}</p> } }.into_any(),
                    Ok(d) => view! {
                        <p class="p-small"><a href=format!("/portal/orders/{}", d.from_order_id)>{format!("← Order {}", d.from_number)}</a></p>
                        <h1 class="p-h1">{format!("Reorder {}", d.from_number)}</h1>
                        <Outcome/>
                        <ActionForm action=place attr:class="p-form">
                            <input type="hidden" name="order_id" value=d.from_order_id/>
                            <ul class="p-list p-reorder">
                                {d.lines.iter().enumerate().map(|(i, l)| {
                                    let msg = move || err.get().and_then(|e| e.field_message(&format!("lines.{i}.quantity")));
                                    view! {
                                        <li>
                                            <div><strong>{l.product.clone()}</strong></div>
                                            <div class="p-small">{l.options_text.clone()}</div>
                                            <div class="p-small">
                                                {match l.new_unit_price {
                                                    None => "No longer offered".to_string(),
                                                    Some(p) if l.price_changed() => format!("Price now {} per {} (was {})", p, l.unit, l.old_unit_price),
                                                    Some(p) => format!("{} per {} (unchanged)", p, l.unit),
                                                }}
                                                {l.price_changed().then(|| view! { " " <span class="p-chip p-chip-warn">"Price changed"</span> })}
                                            </div>
                                            <label for=format!("qty{i}")>{format!("Quantity ({}, minimum {}; 0 to leave out)", l.unit, l.min_qty)}</label>
                                            <input id=format!("qty{i}") name=format!("quantities[{i}]") type="number" inputmode="numeric" min="0"
                                                value=if l.new_unit_price.is_some() { l.quantity } else { 0 }/>
                                            <span class="p-err">{msg}</span>
                                            {l.artwork_version.map(|v| view! {
                                                <p class="p-small" data-testid="carried-artwork">{format!("Your approved artwork (version {v}) is printed again: no new proof to approve.")}</p>
                                                <label class="p-check">
                                                    <input type="checkbox" name=format!("new_artwork[{i}]") value=i.to_string()/>
                                                    "I want changes to this artwork"
                                                </label>
                                            })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            {d.lines.iter().any(|l| l.artwork_version.is_some()).then(|| view! {
                                <label for="changes">"What should change in the artwork? (only if you ticked a box above)"</label>
                                <textarea id="changes" name="changes" rows="3" maxlength="1000"></textarea>
                                <span class="p-err">{move || err.get().and_then(|e| e.field_message("changes"))}</span>
                            })}
                            <p class="p-small">{format!("Last time these items came to {} before tax. Today's prices apply; the new order shows the exact total.", d.lines.iter().map(|l| l.old_unit_price.times(l.quantity)).sum::<Money>())}</p>
                            <button type="submit" class="p-btn p-primary">"Place this order"</button>
                        </ActionForm>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
