//! The Kanban board: columns are stages, cards are jobs. Cards move by drag and drop
//! (pointer events: mouse, pen, touch), by their arrow buttons or by keyboard. Moves are
//! shown at once and confirmed by the server; a refused move snaps back with its reason.
use super::card::{CardView, KeyMove};
use super::dnd::{self, Drag};
use super::filters::{FilterBar, Filters, Lanes};
use crate::api::production::{load_board_update, move_card, production_board};
use crate::dto::production::{Board, Card, ColumnCount, StageInfo};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone, Copy)]
struct BoardCtx {
    cards: RwSignal<Vec<Card>>,
    /// Per column: cards in all and work in progress, as the server counted them.
    columns: RwSignal<Vec<ColumnCount>>,
    /// Every card has arrived (the page brings the first cards of each column).
    complete: RwSignal<bool>,
    drag: RwSignal<Option<Drag>>,
    filters: Filters,
    on_key: Callback<(i32, KeyMove)>,
    on_down: Callback<(i32, leptos::ev::PointerEvent)>,
}

fn focus_card(id: i32) {
    #[cfg(feature = "hydrate")]
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        if let Some(el) = document()
            .query_selector(&format!("[data-card-id=\"{id}\"]"))
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = id;
}

#[component]
pub fn BoardView(initial: Board) -> impl IntoView {
    let cards = RwSignal::new(initial.cards.clone());
    let columns = RwSignal::new(initial.columns.clone());
    let complete = RwSignal::new(initial.complete);
    // A reload that arrived mid-drag waits for the drop.
    let reload_after_drop = RwSignal::new(false);
    let drag: RwSignal<Option<Drag>> = RwSignal::new(None);
    let message: RwSignal<Option<String>> = RwSignal::new(None);
    // A move refused by a quality gate: (job, stage, index), for a manager's override.
    let gated: RwSignal<Option<(i32, i32, usize)>> = RwSignal::new(None);
    // The checklist that gate waits for (job, stage), offered with the refusal.
    let gate_checklist: RwSignal<Option<(i32, i32)>> = RwSignal::new(None);
    let override_reason = RwSignal::new(String::new());
    let filters = Filters::new();
    let stages = StoredValue::new(initial.stages.clone());

    let reload = move || {
        spawn_local(async move {
            if let Ok(b) = production_board(true).await {
                // Never yank a card out from under a finger.
                if drag.get_untracked().is_none_or(|d| !d.active) {
                    cards.update(|l| *l = dnd::merge_fresh(l, b.cards));
                    columns.set(b.columns);
                    complete.set(b.complete);
                } else {
                    reload_after_drop.set(true);
                }
            }
        });
    };
    // A few cards changed elsewhere: fetch just those (and fresh counts).
    let refresh = move |ids: Option<Vec<i32>>| {
        let Some(ids) = ids.filter(|v| !v.is_empty() && v.len() <= 200) else { return reload() };
        spawn_local(async move {
            match load_board_update(ids).await {
                Ok(u) if drag.get_untracked().is_none_or(|d| !d.active) => {
                    cards.update(|l| dnd::apply_update(l, u.cards, &u.gone));
                    columns.set(u.columns);
                }
                Ok(_) => reload_after_drop.set(true),
                Err(_) => reload(),
            }
        });
    };
    super::live::subscribe(refresh);
    // The page came with the first cards of each column; the rest follow once it is up.
    if !initial.complete {
        Effect::new(move |_| reload());
    }

    let send_move = move |job: i32, stage: i32, index: usize, reason: Option<String>| {
        let before = cards.get_untracked();
        let Some(card) = before.iter().find(|c| c.id == job).cloned() else { return };
        let counts_before = columns.get_untracked();
        cards.update(|l| dnd::place_locally(l, job, stage, index));
        columns.update(|cols| dnd::shift_counts(cols, &card, stage));
        message.set(None);
        gated.set(None);
        gate_checklist.set(None);
        spawn_local(async move {
            match move_card(job, stage, index as u32, card.version, reason).await {
                Ok(Some(updated)) => cards.update(|l| {
                    if let Some(c) = l.iter_mut().find(|c| c.id == job) {
                        *c = updated;
                    }
                }),
                Ok(None) => reload(),
                Err(e) => {
                    // Undo the local move; if the board was read again meanwhile, only the
                    // card itself goes back.
                    let reread = cards.with_untracked(|l| l.len() != before.len());
                    if reread {
                        cards.update(|l| dnd::apply_update(l, vec![card], &[]));
                    } else {
                        cards.set(before);
                        columns.set(counts_before);
                    }
                    if matches!(e, crate::error::AppError::Gate(..)) {
                        gated.set(Some((job, stage, index)));
                        gate_checklist.set(e.gate_checklist());
                    }
                    message.set(Some(e.field_message("override_reason").unwrap_or_else(|| e.to_string())));
                    if matches!(e, crate::error::AppError::Conflict(_)) {
                        reload();
                    }
                }
            }
            focus_card(job);
        });
    };
    let do_move = move |job: i32, stage: i32, index: usize| send_move(job, stage, index, None);

    let on_key = Callback::new(move |(job, m): (i32, KeyMove)| {
        let list = cards.get_untracked();
        let Some(card) = list.iter().find(|c| c.id == job) else { return };
        let col: Vec<i32> = dnd::column(&list, card.stage_id).iter().map(|c| c.id).collect();
        let pos = col.iter().position(|c| *c == job).unwrap_or(0);
        let route_idx = card.route.iter().position(|s| *s == card.stage_id);
        match m {
            KeyMove::Up if pos > 0 => do_move(job, card.stage_id, pos - 1),
            KeyMove::Down if pos + 1 < col.len() => do_move(job, card.stage_id, pos + 1),
            KeyMove::Prev | KeyMove::Next => {
                let target = match (m, route_idx) {
                    (KeyMove::Prev, Some(i)) if i > 0 => card.route.get(i - 1).copied(),
                    (KeyMove::Next, Some(i)) => card.route.get(i + 1).copied(),
                    _ => None,
                };
                if let Some(stage) = target {
                    // The end of the column: both the local placing and the server clamp
                    // the index, so cards not loaded yet count too.
                    do_move(job, stage, u32::MAX as usize);
                }
            }
            _ => {}
        }
    });

    let on_down = Callback::new(move |(job, ev): (i32, leptos::ev::PointerEvent)| {
        // Buttons and links on the card keep their own behaviour.
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let on_control = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("button, a, select").ok().flatten())
                .is_some();
            if on_control || (ev.pointer_type() == "mouse" && ev.button() != 0) {
                return;
            }
        }
        let (x, y) = (ev.client_x() as f64, ev.client_y() as f64);
        drag.set(Some(Drag { job, sx: x, sy: y, x, y, active: false, over: None }));
    });

    let move_handle = window_event_listener(leptos::ev::pointermove, move |ev| {
        let Some(mut d) = drag.get_untracked() else { return };
        d.x = ev.client_x() as f64;
        d.y = ev.client_y() as f64;
        if !d.active && d.moved_enough() {
            d.active = true;
        }
        if d.active {
            ev.prevent_default();
            d.over = dnd::target_at(d.x, d.y, d.job);
        }
        drag.set(Some(d));
    });
    let up_handle = window_event_listener(leptos::ev::pointerup, move |_| {
        let Some(d) = drag.get_untracked() else { return };
        drag.set(None);
        if reload_after_drop.get_untracked() {
            reload_after_drop.set(false);
            reload();
        }
        if let (true, Some(t)) = (d.active, d.over) {
            let index = dnd::index_for(&cards.get_untracked(), d.job, &t);
            do_move(d.job, t.stage, index);
        }
    });
    let cancel_handle = window_event_listener(leptos::ev::pointercancel, move |_| drag.set(None));
    on_cleanup(move || {
        move_handle.remove();
        up_handle.remove();
        cancel_handle.remove();
    });

    let ctx = BoardCtx { cards, columns, complete, drag, filters, on_key, on_down };
    let lane_resources = initial.resources.clone();
    let lanes_of = move || -> Vec<(String, Option<String>)> {
        match filters.lanes.get() {
            Lanes::None => vec![(String::new(), None)],
            Lanes::Priority => vec![("Rush".into(), Some("rush".into())), ("Normal".into(), Some("normal".into()))],
            Lanes::Resource => {
                let mut v: Vec<(String, Option<String>)> =
                    lane_resources.iter().map(|(id, n)| (n.clone(), Some(format!("r{id}")))).collect();
                v.push(("Not assigned".into(), Some("r-".into())));
                v
            }
        }
    };

    view! {
        <FilterBar filters resources=initial.resources.clone() assignees=initial.assignees.clone() products=initial.products.clone()/>
        {move || message.get().map(|m| view! {
            <div class="alert alert-error board-message" role="alert">
                <span>{m}</span>
                {move || gate_checklist.get().zip(gated.get()).map(|(list, (job, stage, index))| view! {
                    <super::gate_help::GateHelp checklist=list retry=Callback::new(move |_| send_move(job, stage, index, None))/>
                })}
                <button type="button" class="btn btn-ghost btn-small" on:click=move |_| message.set(None)>"Dismiss"</button>
            </div>
        })}
        {move || gated.get().map(|(job, stage, index)| view! {
            <div class="gate-override">
                <input type="text" aria-label="Override reason" placeholder="Managers: reason to override this gate"
                    prop:value=move || override_reason.get() on:input=move |ev| override_reason.set(event_target_value(&ev))/>
                <button type="button" class="btn btn-danger btn-small"
                    on:click=move |_| send_move(job, stage, index, Some(override_reason.get_untracked()))>"Override and move"</button>
            </div>
        })}
        <div class="board" class:is-dragging=move || drag.get().is_some_and(|d| d.active)
            style=move || format!("--cols:{}", stages.with_value(|s| s.len()))>
            <div class="board-head">
                {stages.get_value().into_iter().map(|s| view! { <ColumnHeader stage=s ctx/> }).collect_view()}
            </div>
            {move || lanes_of().into_iter().map(|(label, key)| view! {
                {(!label.is_empty()).then(|| view! { <div class="lane-label">{label.clone()}</div> })}
                <div class="board-row">
                    {stages.get_value().into_iter().map(|s| view! { <ColumnBody stage=s lane=key.clone() ctx/> }).collect_view()}
                </div>
            }).collect_view()}
        </div>
    }
}

fn in_lane(c: &Card, lane: &Option<String>) -> bool {
    match lane.as_deref() {
        None => true,
        Some("rush") => c.rush,
        Some("normal") => !c.rush,
        Some("r-") => c.resource_id.is_none(),
        Some(r) => r.strip_prefix('r').and_then(|v| v.parse::<i32>().ok()) == c.resource_id,
    }
}

#[component]
fn ColumnHeader(stage: StageInfo, ctx: BoardCtx) -> impl IntoView {
    let id = stage.id;
    let wip = move || ctx.columns.with(|v| v.iter().find(|c| c.stage_id == id).map_or(0, |c| c.wip as usize));
    let limit = stage.wip_limit;
    let over = move || limit.is_some_and(|l| wip() > l as usize);
    view! {
        <header class="kcol-head" class:over-limit=over data-testid=format!("col-{}", stage.code)>
            <h2>{stage.name.clone()}</h2>
            <span class="kcol-count">
                {move || match limit { Some(l) => format!("{} / {}", wip(), l), None => wip().to_string() }}
            </span>
            {move || over().then(|| view! { <span class="wip-warning" role="status">"Over WIP limit"</span> })}
        </header>
    }
}

#[component]
fn ColumnBody(stage: StageInfo, lane: Option<String>, ctx: BoardCtx) -> impl IntoView {
    let id = stage.id;
    let lane_key = lane.clone();
    let visible = move || {
        let lane = lane_key.clone();
        ctx.cards.with(|l| {
            let mut v: Vec<Card> = l.iter().filter(|c| c.stage_id == id && in_lane(c, &lane) && ctx.filters.matches(c)).cloned().collect();
            v.sort_by_key(|c| (c.position, c.id));
            v
        })
    };
    let is_target = move || ctx.drag.get().and_then(|d| d.over).is_some_and(|t| t.stage == id);
    view! {
        <div class="kcol-body" class:drop-target=is_target data-stage-id=id data-stage=stage.code.clone() aria-label=stage.name.clone()>
            <For each=visible key=|c: &Card| (c.id, c.version, c.position, c.stage_id) let:card>
                {
                    let cid = card.id;
                    let dragging = Signal::derive(move || ctx.drag.get().is_some_and(|d| d.active && d.job == cid));
                    let offset = Signal::derive(move || ctx.drag.get().filter(|d| d.job == cid).map(|d| d.offset()).unwrap_or((0.0, 0.0)));
                    view! { <CardView card dragging offset on_key_move=ctx.on_key on_pointer_down=ctx.on_down/> }
                }
            </For>
            {move || (lane.is_none() && !ctx.complete.get()).then(|| {
                let shown = ctx.cards.with(|l| l.iter().filter(|c| c.stage_id == id).count() as u32);
                let all = ctx.columns.with(|v| v.iter().find(|c| c.stage_id == id).map_or(0, |c| c.cards));
                (all > shown).then(|| view! { <p class="kcol-more" role="status">{format!("+ {} more loading…", all - shown)}</p> })
            })}
        </div>
    }
}
