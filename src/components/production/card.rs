//! One card on the board.
use crate::components::ui::ProgressBar;
use crate::dto::production::Card;
use leptos::prelude::*;

/// What the card's buttons and keys ask the board to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyMove {
    Prev,
    Next,
    Up,
    Down,
}

#[component]
pub fn CardView(
    card: Card,
    #[prop(into)] dragging: Signal<bool>,
    /// Pointer offset while dragging, so the card follows the finger or mouse.
    #[prop(into)] offset: Signal<(f64, f64)>,
    on_key_move: Callback<(i32, KeyMove)>,
    on_pointer_down: Callback<(i32, leptos::ev::PointerEvent)>,
) -> impl IntoView {
    let id = card.id;
    let can_prev = card.route.first().is_some_and(|s| *s != card.stage_id);
    let can_next = card.route.last().is_some_and(|s| *s != card.stage_id) && !card.on_hold;
    let percent = card.percent;
    let label = format!("{} {} for {}", card.order_number, card.title, card.customer);
    view! {
        <article
            class=format!("kcard {}", card.urgency.class())
            class:rush=card.rush
            class:on-hold=card.on_hold
            class:dragging=move || dragging.get()
            style:transform=move || {
                let (dx, dy) = offset.get();
                if dragging.get() { format!("translate({dx:.0}px, {dy:.0}px) rotate(1.5deg)") } else { String::new() }
            }
            data-card-id=id
            data-testid="kcard"
            tabindex="0"
            aria-label=label
            on:pointerdown=move |ev| on_pointer_down.run((id, ev))
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                let m = match ev.key().as_str() {
                    "ArrowLeft" => Some(KeyMove::Prev),
                    "ArrowRight" => Some(KeyMove::Next),
                    "ArrowUp" if ev.alt_key() => Some(KeyMove::Up),
                    "ArrowDown" if ev.alt_key() => Some(KeyMove::Down),
                    _ => None,
                };
                if let Some(m) = m {
                    ev.prevent_default();
                    on_key_move.run((id, m));
                }
            }
        >
            <header class="kcard-head">
                <a class="kcard-order" href=format!("/orders/{}", card.order_id)>{card.order_number.clone()}</a>
                {card.rush.then(|| view! { <span class="badge badge-rush">"Rush"</span> })}
                {card.on_hold.then(|| view! { <span class="chip chip-warn">"On hold"</span> })}
            </header>
            <div class="kcard-customer">{card.customer.clone()}</div>
            <div class="kcard-title">{card.title.clone()}</div>
            <div class="kcard-meta">
                <span>{format!("{} {}", card.quantity, card.unit)}</span>
                <span class="kcard-due">{card.due_date.clone().map(|d| format!("Due {d}")).unwrap_or_else(|| "No due date".into())}</span>
            </div>
            {(card.resource.is_some() || card.assignee.is_some()).then(|| view! {
                <div class="kcard-who">
                    {card.resource.clone().map(|r| view! { <span title="Resource">{r}</span> })}
                    {card.assignee.clone().map(|a| view! { <span title="Assignee">{format!("· {a}")}</span> })}
                </div>
            })}
            <ProgressBar percent=Signal::stored(percent) label="Job progress"/>
            <div class="kcard-actions">
                <button type="button" class="icon-btn" aria-label="Move to previous stage" disabled=!can_prev
                    on:click=move |_| on_key_move.run((id, KeyMove::Prev))>"◀"</button>
                <button type="button" class="icon-btn" aria-label="Move up" on:click=move |_| on_key_move.run((id, KeyMove::Up))>"▲"</button>
                <button type="button" class="icon-btn" aria-label="Move down" on:click=move |_| on_key_move.run((id, KeyMove::Down))>"▼"</button>
                <button type="button" class="icon-btn" aria-label="Move to next stage" disabled=!can_next
                    on:click=move |_| on_key_move.run((id, KeyMove::Next))>"▶"</button>
            </div>
        </article>
    }
}
