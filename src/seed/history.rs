//! An order's life: the status changes it went through with plausible timestamps, cut off at
//! "now" so recent orders are still open and old ones are delivered (or cancelled).
use super::calendar::{during, working, Clock};
use super::pick::{chance, pick, Rng};
use crate::domain::order::OrderStatus::{self, *};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use rand::Rng as _;

/// Who made a change; mapped to the demo staff labels ("Priya Deshmukh (front desk)").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Owner,
    Manager,
    Designer,
    Operator,
    FrontDesk,
    /// The customer, through the portal.
    Customer,
}

#[derive(Debug, Clone)]
pub struct Step {
    pub at: NaiveDateTime,
    pub from: Option<OrderStatus>,
    pub to: OrderStatus,
    pub by: Who,
    pub comment: &'static str,
}

#[derive(Debug, Clone)]
pub struct Life {
    pub steps: Vec<Step>,
    pub status: OrderStatus,
    pub due: NaiveDate,
    pub rush: bool,
    pub ready_at: Option<NaiveDateTime>,
    pub delivered_at: Option<NaiveDateTime>,
}

const CONFIRM: &[&str] = &["Quote approved by customer", "Advance received", "Confirmed on WhatsApp", "Customer approved the proof"];
const PRODUCTION: &[&str] = &["Proof approved, sent to press", "Plates made", "Printing started", "Artwork final, on the digital press", ""];
const HOLD: &[&str] = &[
    "Waiting for artwork from customer",
    "Customer asked for text changes",
    "Advance payment pending",
    "Paper stock awaited from supplier",
];
const RESUME: &[&str] = &["Artwork received, back on press", "Changes approved", "Advance received, resuming"];
const READY: &[&str] = &["Packed, ready for pickup", "Ready for dispatch", "Quality checked and packed", ""];
const DELIVERED: &[&str] = &["Picked up by customer", "Delivered by our courier", "Dispatched via DTDC", "Delivered to office reception", ""];
const CANCEL: &[&str] = &[
    "Customer cancelled: event postponed",
    "Customer cancelled: went with a cheaper quote",
    "Duplicate order",
    "Customer cancelled: design not finalised",
];
const NO_CONFIRM: &[&str] = &["Quote not confirmed by customer", "No reply to the quote for a week"];

struct Builder {
    steps: Vec<Step>,
    cur: OrderStatus,
    t: NaiveDateTime,
}

impl Builder {
    fn go(&mut self, at: NaiveDateTime, to: OrderStatus, by: Who, comment: &'static str) {
        // Strictly increasing, so history reads in order even within one minute.
        let at = if at <= self.t { self.t + Duration::minutes(1) } else { at };
        self.steps.push(Step { at, from: Some(self.cur), to, by, comment });
        self.cur = to;
        self.t = at;
    }
}

/// `lo..hi` minutes after `t`, moved into working hours.
fn later(rng: &mut Rng, t: NaiveDateTime, lo: i64, hi: i64) -> NaiveDateTime {
    let d = Duration::minutes(rng.gen_range(lo..hi));
    working(rng, t + d)
}

/// Simulates one order created at `created` (shop-local), from a portal or by staff.
pub fn simulate(rng: &mut Rng, clock: &Clock, created: NaiveDateTime, portal: bool) -> Life {
    let recent = (clock.today - created.date()).num_days() <= 12;
    let rush = chance(rng, 0.10);
    let start = if chance(rng, if portal { 0.3 } else { 0.07 }) { Draft } else { Confirmed };
    let first = Step { at: created, from: None, to: start, by: if portal { Who::Customer } else { Who::FrontDesk }, comment: "Order created" };
    let mut b = Builder { steps: vec![first], cur: start, t: created };
    let mut due = created.date() + Duration::days(if rush { rng.gen_range(1..=2) } else { rng.gen_range(2..=10) });
    let mut ready_at = None;
    let mut delivered_at = None;
    'life: {
        if start == Draft {
            if chance(rng, 0.2) {
                let at = later(rng, b.t, 2 * 1440, 10 * 1440);
                b.go(at, Cancelled, Who::Manager, *pick(rng, NO_CONFIRM));
                break 'life;
            }
            let at = later(rng, b.t, 30, 2880);
            b.go(at, Confirmed, Who::FrontDesk, *pick(rng, CONFIRM));
            // The due date is agreed when the quote is confirmed.
            due = due.max(b.t.date() + Duration::days(1));
        }
        if chance(rng, 0.06) {
            let at = later(rng, b.t, 60, 1440);
            b.go(at, OnHold, Who::Manager, *pick(rng, HOLD));
            let at = later(rng, b.t, 1440, 6 * 1440);
            if chance(rng, 0.2) {
                b.go(at, Cancelled, Who::Manager, *pick(rng, CANCEL));
                break 'life;
            }
            b.go(at, InProduction, Who::Operator, *pick(rng, RESUME));
        } else {
            if chance(rng, 0.02) {
                let at = later(rng, b.t, 60, 1440);
                b.go(at, Cancelled, Who::Manager, *pick(rng, CANCEL));
                break 'life;
            }
            let at = if rush { later(rng, b.t, 20, 240) } else { later(rng, b.t, 120, 1800) };
            let by = if chance(rng, 0.3) { Who::Designer } else { Who::Operator };
            b.go(at, InProduction, by, *pick(rng, PRODUCTION));
        }
        // Most jobs are ready on (or the day before) the due date; some slip.
        let late = chance(rng, if recent { 0.25 } else { 0.08 });
        let ready_day = if late {
            due + Duration::days(rng.gen_range(1..=4))
        } else {
            due - Duration::days(if rush { 0 } else { rng.gen_range(0..=1) })
        };
        let earliest = b.t + Duration::minutes(if rush { 120 } else { 240 });
        let planned = during(rng, ready_day, 660, 1140);
        let at = working(rng, planned.max(earliest));
        b.go(at, Ready, Who::Operator, *pick(rng, READY));
        ready_at = Some(b.t);
        let at = if chance(rng, 0.4) {
            later(rng, b.t, 30, 300)
        } else {
            let day = b.t.date() + Duration::days(rng.gen_range(1..=4));
            during(rng, day, 600, 1170)
        };
        b.go(at, Delivered, Who::FrontDesk, *pick(rng, DELIVERED));
        delivered_at = Some(b.t);
    }
    // Only what has happened by now.
    b.steps.retain(|s| s.at <= clock.now);
    let status = b.steps.last().map(|s| s.to).unwrap_or(start);
    Life {
        status,
        due,
        rush,
        ready_at: ready_at.filter(|t| *t <= clock.now),
        delivered_at: delivered_at.filter(|t| *t <= clock.now),
        steps: b.steps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    #[test]
    fn lives_follow_the_state_machine() {
        let clock = Clock::new(Utc.with_ymd_and_hms(2026, 11, 25, 10, 0, 0).unwrap(), chrono_tz::Asia::Kolkata, 24);
        let mut rng = super::super::pick::rng(1, 5);
        let (mut old_delivered, mut old, mut open_recent) = (0, 0, 0);
        for i in 0..5000 {
            let created = clock.now - Duration::minutes(i * 200 + 1);
            let life = simulate(&mut rng, &clock, created, i % 10 == 0);
            assert_eq!(life.steps[0].at, created);
            for w in life.steps.windows(2) {
                assert!(w[0].at < w[1].at);
                assert_eq!(w[1].from, Some(w[0].to));
                assert!(crate::domain::order::check_transition(w[0].to, w[1].to).is_ok());
            }
            assert!(life.steps.iter().all(|s| s.at <= clock.now));
            let age = (clock.today - created.date()).num_days();
            if age > 40 {
                old += 1;
                old_delivered += (life.status == Delivered) as i32;
                assert!(matches!(life.status, Delivered | Cancelled), "{:?}", life.status);
            } else if age < 5 && life.status.is_open() {
                open_recent += 1;
            }
        }
        assert!(old_delivered as f64 > old as f64 * 0.9);
        assert!(open_recent > 0);
    }
}
