//! Pointer-based drag and drop (mouse, pen and touch alike): where a dragged card would land.
use crate::dto::production::{Card, ColumnCount};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Drag {
    pub job: i32,
    pub sx: f64,
    pub sy: f64,
    pub x: f64,
    pub y: f64,
    /// Moved far enough to be a drag rather than a click.
    pub active: bool,
    pub over: Option<Target>,
}

/// The column under the pointer and the card the dragged one would follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Target {
    pub stage: i32,
    pub after: Option<i32>,
    pub before: Option<i32>,
}

pub const THRESHOLD_PX: f64 = 6.0;

impl Drag {
    pub fn offset(&self) -> (f64, f64) {
        (self.x - self.sx, self.y - self.sy)
    }

    pub fn moved_enough(&self) -> bool {
        (self.x - self.sx).hypot(self.y - self.sy) >= THRESHOLD_PX
    }
}

/// Finds the drop target under (x, y), ignoring the dragged card itself.
#[cfg(feature = "hydrate")]
pub fn target_at(x: f64, y: f64, dragging: i32) -> Option<Target> {
    use wasm_bindgen::JsCast;
    let doc = leptos::prelude::document();
    let el = doc.element_from_point(x as f32, y as f32)?;
    let body = el.closest("[data-stage-id]").ok()??;
    let stage: i32 = body.get_attribute("data-stage-id")?.parse().ok()?;
    let nodes = body.query_selector_all("[data-card-id]").ok()?;
    let (mut after, mut before) = (None, None);
    for i in 0..nodes.length() {
        let Some(card) = nodes.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
        let Some(id) = card.get_attribute("data-card-id").and_then(|v| v.parse::<i32>().ok()) else { continue };
        if id == dragging {
            continue;
        }
        let r = card.get_bounding_client_rect();
        if r.top() + r.height() / 2.0 < y {
            after = Some(id);
        } else {
            before = Some(id);
            break;
        }
    }
    Some(Target { stage, after, before })
}

#[cfg(not(feature = "hydrate"))]
pub fn target_at(_x: f64, _y: f64, _dragging: i32) -> Option<Target> {
    None
}

/// Cards of a column in board order.
pub fn column(cards: &[Card], stage: i32) -> Vec<&Card> {
    let mut v: Vec<&Card> = cards.iter().filter(|c| c.stage_id == stage).collect();
    v.sort_by_key(|c| (c.position, c.id));
    v
}

/// Index among the other cards of the target column, as the server expects.
pub fn index_for(cards: &[Card], job: i32, t: &Target) -> usize {
    let others: Vec<i32> = column(cards, t.stage).into_iter().filter(|c| c.id != job).map(|c| c.id).collect();
    if let Some(a) = t.after {
        if let Some(i) = others.iter().position(|c| *c == a) {
            return i + 1;
        }
    }
    if let Some(b) = t.before {
        if let Some(i) = others.iter().position(|c| *c == b) {
            return i;
        }
    }
    others.len()
}

/// Moves a card locally (before the server answers): into `stage` at `index`, renumbering
/// that column's local positions.
pub fn place_locally(cards: &mut [Card], job: i32, stage: i32, index: usize) {
    let mut others: Vec<i32> = column(cards, stage).into_iter().filter(|c| c.id != job).map(|c| c.id).collect();
    others.insert(index.min(others.len()), job);
    for c in cards.iter_mut() {
        if c.id == job {
            c.stage_id = stage;
        }
        if let Some(i) = others.iter().position(|id| *id == c.id) {
            c.position = (i as i32 + 1) * 1024;
        }
    }
}

/// A fresh board from the server, keeping any card this browser already has newer (a move
/// answered after the board was read).
pub fn merge_fresh(local: &[Card], fresh: Vec<Card>) -> Vec<Card> {
    let mine: std::collections::HashMap<i32, &Card> = local.iter().map(|c| (c.id, c)).collect();
    fresh
        .into_iter()
        .map(|f| match mine.get(&f.id) {
            Some(l) if l.version > f.version => (*l).clone(),
            _ => f,
        })
        .collect()
}

/// Some cards as they now are (live update): each replaces the card it updates unless the
/// local one is newer, or joins the board; `gone` ones leave it.
pub fn apply_update(cards: &mut Vec<Card>, fresh: Vec<Card>, gone: &[i32]) {
    cards.retain(|c| !gone.contains(&c.id));
    for f in fresh {
        match cards.iter_mut().find(|c| c.id == f.id) {
            Some(c) if c.version > f.version => {}
            Some(c) => *c = f,
            None => cards.push(f),
        }
    }
}

/// Column counts after `card` moves to `to`, until the server's own counts arrive. A card
/// entering the last stage of its routing (delivered) is no longer work in progress.
pub fn shift_counts(columns: &mut [ColumnCount], card: &Card, to: i32) {
    if card.stage_id == to {
        return;
    }
    let unfinished = |stage: i32| card.route.last() != Some(&stage);
    for c in columns.iter_mut() {
        if c.stage_id == card.stage_id {
            c.cards = c.cards.saturating_sub(1);
            if unfinished(card.stage_id) {
                c.wip = c.wip.saturating_sub(1);
            }
        } else if c.stage_id == to {
            c.cards += 1;
            if unfinished(to) {
                c.wip += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dto::production::Urgency;

    fn card(id: i32, stage: i32, pos: i32) -> Card {
        Card {
            id,
            version: 1,
            order_id: 1,
            order_number: String::new(),
            customer: String::new(),
            title: String::new(),
            product_id: 1,
            quantity: 1,
            unit: String::new(),
            due_date: None,
            urgency: Urgency::NoDate,
            rush: false,
            on_hold: false,
            stage_id: stage,
            position: pos,
            assignee_id: None,
            assignee: None,
            resource_id: None,
            resource: None,
            percent: 0.0,
            route: vec![],
        }
    }

    #[test]
    fn index_follows_the_card_above() {
        let cards = vec![card(1, 10, 1024), card(2, 10, 2048), card(3, 10, 3072), card(4, 20, 1024)];
        assert_eq!(index_for(&cards, 4, &Target { stage: 10, after: Some(2), before: Some(3) }), 2);
        assert_eq!(index_for(&cards, 4, &Target { stage: 10, after: None, before: Some(1) }), 0);
        assert_eq!(index_for(&cards, 4, &Target { stage: 10, after: None, before: None }), 3);
        // Moving a card down within its own column: others exclude itself.
        assert_eq!(index_for(&cards, 1, &Target { stage: 10, after: Some(2), before: Some(3) }), 1);
    }

    #[test]
    fn local_place_renumbers_the_column() {
        let mut cards = vec![card(1, 10, 1024), card(2, 10, 2048), card(4, 20, 1024)];
        place_locally(&mut cards, 4, 10, 1);
        let col: Vec<i32> = column(&cards, 10).iter().map(|c| c.id).collect();
        assert_eq!(col, vec![1, 4, 2]);
        assert!(column(&cards, 20).is_empty());
    }

    #[test]
    fn fresh_board_keeps_newer_local_cards() {
        let mut moved = card(1, 20, 1024);
        moved.version = 3;
        let local = vec![moved.clone(), card(2, 10, 2048)];
        let mut stale = card(1, 10, 1024);
        stale.version = 2;
        let mut two = card(2, 30, 1024);
        two.version = 5;
        let got = merge_fresh(&local, vec![stale, two.clone(), card(9, 10, 4096)]);
        assert_eq!(got, vec![moved, two, card(9, 10, 4096)]);
    }

    #[test]
    fn live_update_patches_adds_and_removes() {
        let mut local = vec![card(1, 10, 1024), card(2, 10, 2048), card(3, 20, 1024)];
        local[1].version = 4;
        let mut moved = card(1, 20, 2048);
        moved.version = 2;
        let mut stale = card(2, 30, 1024);
        stale.version = 3;
        apply_update(&mut local, vec![moved.clone(), stale, card(7, 10, 4096)], &[3]);
        assert_eq!(local.iter().map(|c| (c.id, c.stage_id)).collect::<Vec<_>>(), vec![(1, 20), (2, 10), (7, 10)]);
        assert_eq!(local[0], moved);
    }

    #[test]
    fn counts_follow_a_move() {
        let mut c = card(1, 10, 1024);
        c.route = vec![10, 20, 30];
        let col = |stage_id, cards, wip| ColumnCount { stage_id, cards, wip };
        let mut cols = vec![col(10, 3, 3), col(20, 1, 1), col(30, 5, 0)];
        shift_counts(&mut cols, &c, 20);
        assert_eq!(cols, vec![col(10, 2, 2), col(20, 2, 2), col(30, 5, 0)]);
        c.stage_id = 20;
        shift_counts(&mut cols, &c, 30);
        assert_eq!(cols, vec![col(10, 2, 2), col(20, 1, 1), col(30, 6, 0)]);
        // Reordering within a column changes nothing.
        shift_counts(&mut cols, &c, 20);
        assert_eq!(cols, vec![col(10, 2, 2), col(20, 1, 1), col(30, 6, 0)]);
    }

    #[test]
    fn drag_threshold() {
        let mut d = Drag { job: 1, sx: 0.0, sy: 0.0, x: 3.0, y: 3.0, active: false, over: None };
        assert!(!d.moved_enough());
        d.x = 10.0;
        assert!(d.moved_enough());
        assert_eq!(d.offset(), (10.0, 3.0));
    }
}
