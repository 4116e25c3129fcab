//! The order generator: day by day over the period, each order priced, totalled, numbered
//! and given its history; rows leave in batches through a channel to the writer.
use super::baskets::{self, Catalogue};
use super::billing::{BillLine, Billing, Pending};
use super::calendar::Clock;
use super::history::{self, Who};
use super::people::{self, Customer};
use super::pick::{chance, pick, weighted, Cumulative, Rng};
use super::sql::{v, Rows, HISTORY, ORDERS, ORDER_LINES};
use super::write::Stmt;
use crate::domain::numbering;
use crate::domain::order::{Channel, OrderStatus, Priority};
use crate::domain::totals::{self, LineInput};
use crate::settings::ShopSettings;
use chrono::{Datelike, NaiveDateTime};
use sea_orm::DbBackend;
use std::collections::BTreeMap;
use tokio::sync::mpsc::Sender;

/// Orders per batch sent to the writer, and per transaction.
const BATCH_ORDERS: u64 = 2_500;
const COMMIT_ORDERS: u64 = 25_000;

const ORDER_NOTES: &[&str] = &[
    "Proof on WhatsApp before printing",
    "Customer will collect from the counter",
    "Deliver to office reception",
    "Match colours with last order",
    "Urgent: event on the weekend",
    "Use the logo file from the previous job",
    "Pack in bundles of 100",
];

pub struct Batch {
    pub stmts: Vec<Stmt>,
    pub orders: u64,
    /// Commit the transaction after this batch.
    pub commit: bool,
}

/// First free id per table.
#[derive(Debug, Clone, Copy, Default)]
pub struct Ids {
    pub order: i32,
    pub invoice: i32,
}

/// Everything the generator owns while it runs on its own thread.
pub struct Setup {
    pub backend: DbBackend,
    pub clock: Clock,
    pub shop: ShopSettings,
    pub catalogue: Catalogue,
    pub customers: Vec<Customer>,
    pub orders: u64,
    pub seed: u64,
    pub ids: Ids,
    pub order_series: BTreeMap<i32, i64>,
    pub invoice_series: BTreeMap<String, i64>,
}

#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub orders: u64,
    pub order_series: BTreeMap<i32, i64>,
    pub invoice_series: BTreeMap<String, i64>,
}

struct Gen {
    s: Setup,
    rng: Rng,
    labels: [String; 5],
    buyers: Vec<String>,
    orders: Rows,
    lines: Rows,
    history: Rows,
    billing: Billing,
    in_batch: u64,
    since_commit: u64,
    done: u64,
    tx: Sender<Batch>,
}

fn buyer_json(c: &Customer) -> String {
    let b = crate::dto::invoices::PartyBlock {
        name: c.display(),
        address: c.billing_address.clone(),
        gstin: c.gstin.clone().unwrap_or_default(),
        state_code: c.state_code.clone(),
        phone: c.phone.clone(),
        email: c.email.clone().unwrap_or_default(),
    };
    serde_json::to_string(&b).unwrap_or_default()
}

/// Runs the generator to the end; fails only when the writer has stopped.
pub fn generate(s: Setup, tx: Sender<Batch>) -> Result<Outcome, String> {
    let labels = [Who::Owner, Who::Manager, Who::Designer, Who::Operator, Who::FrontDesk].map(|w| {
        let role = match w {
            Who::Owner => crate::domain::roles::Role::Owner,
            Who::Manager => crate::domain::roles::Role::Manager,
            Who::Designer => crate::domain::roles::Role::Designer,
            Who::Operator => crate::domain::roles::Role::Operator,
            _ => crate::domain::roles::Role::FrontDesk,
        };
        let name = super::users::STAFF.iter().find(|s| s.2 == role).map(|s| s.1).unwrap_or("Staff");
        format!("{name} ({})", role.label().to_lowercase())
    });
    let billing = Billing::new(&s.shop, s.invoice_series.clone(), s.ids.invoice);
    let mut g = Gen {
        rng: super::pick::rng(s.seed, 2),
        buyers: s.customers.iter().map(buyer_json).collect(),
        labels,
        orders: Rows::new("orders", ORDERS),
        lines: Rows::new("order_lines", ORDER_LINES),
        history: Rows::new("order_status_history", HISTORY),
        billing,
        in_batch: 0,
        since_commit: 0,
        done: 0,
        tx,
        s,
    };
    g.run()?;
    Ok(Outcome {
        orders: g.done,
        order_series: g.s.order_series,
        invoice_series: g.billing.series,
    })
}

impl Gen {
    fn run(&mut self) -> Result<(), String> {
        if self.s.customers.is_empty() || self.s.orders == 0 {
            return self.flush(true);
        }
        // Who orders in which month: Pareto weight times the kind's season.
        let pickers: Vec<Cumulative> = (0..12)
            .map(|m| Cumulative::new(self.s.customers.iter().map(|c| c.weight * people::season(c.kind)[m])))
            .collect();
        let oldest = (0..self.s.customers.len()).min_by_key(|&i| self.s.customers[i].since).unwrap_or(0);
        let clock = self.s.clock.clone();
        for (day, count) in clock.daily_counts(self.s.orders) {
            let picker = &pickers[day.month0() as usize];
            for t in clock.order_times(&mut self.rng, day, count) {
                // Customers order only after they became customers.
                let c = (0..30)
                    .map(|_| picker.draw(&mut self.rng))
                    .find(|&i| self.s.customers[i].since <= day)
                    .unwrap_or(oldest);
                self.order(c, t);
                if self.in_batch >= BATCH_ORDERS {
                    self.flush(false)?;
                }
            }
            self.billing.issue_through(&mut self.rng, &clock, day, &self.s.customers, &self.buyers);
        }
        self.billing.issue_through(&mut self.rng, &clock, clock.today, &self.s.customers, &self.buyers);
        self.flush(true)
    }

    fn label(&self, who: Who, customer: &Customer) -> String {
        match who {
            Who::Customer => format!("{} (customer)", customer.name),
            w => self.labels[w as usize].clone(),
        }
    }

    fn order(&mut self, ci: usize, created: NaiveDateTime) {
        let rng = &mut self.rng;
        let c = &self.s.customers[ci];
        let channel = if c.kind.is_business() {
            weighted(rng, &[(Channel::WhatsApp, 35.0), (Channel::Email, 20.0), (Channel::Phone, 20.0), (Channel::WalkIn, 20.0), (Channel::Portal, 5.0)])
        } else {
            weighted(rng, &[(Channel::WalkIn, 45.0), (Channel::WhatsApp, 35.0), (Channel::Phone, 15.0), (Channel::Email, 5.0)])
        };
        let life = history::simulate(rng, &self.s.clock, created, channel == Channel::Portal);
        let lines = baskets::basket(rng, &self.s.catalogue, c.kind, created.month0() as usize, c.big, c.regular);
        let notes = if chance(rng, 0.15) { pick(rng, ORDER_NOTES).to_string() } else { String::new() };
        let mode = self.s.shop.tax_mode_for(&c.state_code);
        let inputs: Vec<LineInput> = lines
            .iter()
            .map(|l| LineInput { quantity: l.quantity, unit_price: l.unit_price, discount: l.discount, tax_rate_bp: l.tax_rate_bp })
            .collect();
        let t = totals::check(&inputs, mode).expect("demo baskets stay within the order limits");

        let year = created.year();
        let slot = self.s.order_series.entry(year).or_insert(1);
        let number = numbering::order_number(&self.s.shop.order_prefix, year, *slot);
        *slot += 1;
        let id = self.s.ids.order;
        self.s.ids.order += 1;
        let clock = &self.s.clock;
        let updated = life.steps.last().map(|s| s.at).unwrap_or(created);
        self.orders.push([
            v(id),
            v(number),
            v(c.id),
            v(channel.as_str()),
            v(life.status.as_str()),
            v(if life.rush { Priority::Rush } else { Priority::Normal }.as_str()),
            clock.day(life.due),
            v(notes),
            v(t.subtotal.0),
            v(t.discount.0),
            v(t.tax_total().0),
            v(t.total.0),
            clock.ts(created),
            clock.ts(updated),
            v(life.steps.len() as i32),
        ]);
        for step in &life.steps {
            let label = self.label(step.by, c);
            self.history.push([
                v(id),
                v(step.from.map(|s| s.as_str().to_string())),
                v(step.to.as_str()),
                v(label),
                v(step.comment),
                clock.ts(step.at),
            ]);
        }

        // Invoiced when ready or on delivery; a few cash jobs never are.
        let rng = &mut self.rng;
        let issue_at = match life.status {
            OrderStatus::Delivered => {
                let r: f64 = rand::Rng::gen(rng);
                if r < 0.62 { life.ready_at } else if r < 0.93 { life.delivered_at } else { None }
            }
            OrderStatus::Ready if chance(rng, 0.6) => life.ready_at,
            _ => None,
        };
        let mut bill = Vec::new();
        for (i, (l, lt)) in lines.into_iter().zip(&t.lines).enumerate() {
            if issue_at.is_some() {
                bill.push(BillLine {
                    description: l.description.clone(),
                    hsn_sac: l.hsn_sac.clone(),
                    uqc: crate::domain::invoice::uqc(&l.unit).to_string(),
                    quantity: l.quantity,
                    unit_price: l.unit_price.0,
                    tax_rate_bp: l.tax_rate_bp,
                });
            }
            self.lines.push([
                v(id),
                v(i as i32),
                v(l.product_id),
                v(l.description),
                v(l.options_json),
                v(l.quantity),
                v(l.unit_price.0),
                v(l.discount.0),
                v(l.tax_rate_bp),
                v(l.hsn_sac),
                v(lt.subtotal.0),
                v(lt.tax.total().0),
                v(lt.total.0),
            ]);
        }
        if let Some(at) = issue_at {
            self.billing.queue.insert((at, id), Pending { order_id: id, customer: ci, issue_at: at, mode, lines: bill, totals: t });
        }
        self.in_batch += 1;
    }

    /// Sends the buffered rows (parents before children, so foreign keys hold).
    fn flush(&mut self, last: bool) -> Result<(), String> {
        let backend = self.s.backend;
        let mut stmts = Vec::new();
        for rows in [&mut self.orders, &mut self.lines, &mut self.history] {
            rows.flush(backend, &mut stmts)?;
        }
        for rows in [&mut self.billing.invoices, &mut self.billing.lines, &mut self.billing.payments] {
            rows.flush(backend, &mut stmts)?;
        }
        self.since_commit += self.in_batch;
        self.done += self.in_batch;
        let commit = last || self.since_commit >= COMMIT_ORDERS;
        if commit {
            self.since_commit = 0;
        }
        let batch = Batch { stmts, orders: self.in_batch, commit };
        self.in_batch = 0;
        self.tx.blocking_send(batch).map_err(|_| "the database writer stopped".to_string())
    }
}
