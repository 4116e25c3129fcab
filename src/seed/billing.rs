//! Invoices and payments for seeded orders. Invoices wait in a queue ordered by issue time
//! and get their gap-free number per financial year only once no earlier one can appear.
use super::calendar::{during, Clock};
use super::people::Customer;
use super::pick::{chance, pick, weighted, Rng};
use super::sql::{v, Rows};
use crate::domain::invoice::{payment_status, PaymentMethod};
use crate::domain::money::Money;
use crate::domain::tax::TaxMode;
use crate::domain::totals::Totals;
use crate::domain::{india, numbering, words};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use rand::Rng as _;
use std::collections::BTreeMap;

/// An invoice line copied from the order line.
#[derive(Debug, Clone)]
pub struct BillLine {
    pub description: String,
    pub hsn_sac: String,
    /// Unit quantity code printed with the quantity (Rule 46(h)).
    pub uqc: String,
    pub quantity: i64,
    pub unit_price: i64,
    pub tax_rate_bp: i32,
}

#[derive(Debug, Clone)]
pub struct Pending {
    pub order_id: i32,
    /// Index into the seeded customers.
    pub customer: usize,
    pub issue_at: NaiveDateTime,
    pub mode: TaxMode,
    pub lines: Vec<BillLine>,
    pub totals: Totals,
}

pub struct Billing {
    pub queue: BTreeMap<(NaiveDateTime, i32), Pending>,
    /// Next sequence per financial year ("2026-27").
    pub series: BTreeMap<String, i64>,
    pub next_invoice: i32,
    pub invoices: Rows,
    pub lines: Rows,
    pub payments: Rows,
    prefix: String,
    fy_format: numbering::FyFormat,
    shop_state: String,
    terms_days: i64,
    seller_json: String,
}

impl Billing {
    pub fn new(shop: &crate::settings::ShopSettings, series: BTreeMap<String, i64>, next_invoice: i32) -> Billing {
        let seller = crate::dto::invoices::PartyBlock {
            name: shop.legal_name.clone(),
            address: shop.address.clone(),
            gstin: shop.gstin.clone(),
            state_code: shop.state_code.clone(),
            phone: shop.phone.clone(),
            email: shop.email.clone(),
        };
        Billing {
            queue: BTreeMap::new(),
            series,
            next_invoice,
            invoices: Rows::new("invoices", super::sql::INVOICES),
            lines: Rows::new("invoice_lines", super::sql::INVOICE_LINES),
            payments: Rows::new("payments", super::sql::PAYMENTS),
            prefix: shop.invoice_prefix.clone(),
            fy_format: shop.fy_format(),
            shop_state: shop.state_code.clone(),
            terms_days: shop.payment_terms_days.max(0),
            seller_json: serde_json::to_string(&seller).unwrap_or_default(),
        }
    }

    /// Issues every queued invoice dated `through` or earlier, in issue order.
    /// `buyers[i]` is the invoice snapshot (PartyBlock JSON) of `customers[i]`.
    pub fn issue_through(&mut self, rng: &mut Rng, clock: &Clock, through: NaiveDate, customers: &[Customer], buyers: &[String]) {
        while let Some(entry) = self.queue.first_entry() {
            if entry.key().0.date() > through {
                break;
            }
            let p = entry.remove();
            let i = p.customer;
            self.issue(rng, clock, p, &customers[i], &buyers[i]);
        }
    }

    fn issue(&mut self, rng: &mut Rng, clock: &Clock, p: Pending, c: &Customer, buyer_json: &str) {
        let issue_date = p.issue_at.date();
        let fy = numbering::financial_year(issue_date);
        let seq_slot = self.series.entry(fy.clone()).or_insert(1);
        let seq = *seq_slot;
        *seq_slot += 1;
        let number = numbering::document_number(&self.prefix, &fy, self.fy_format, seq).expect("the demo series fits its numbers");
        let id = self.next_invoice;
        self.next_invoice += 1;
        let t = &p.totals;
        let mut paid = 0i64;
        for (amount, method, on) in plan_payments(rng, t.total.0, issue_date, clock.today, c.kind.is_business()) {
            let at = during(rng, on, 600, 1170).max(p.issue_at + Duration::minutes(5)).min(clock.now);
            let reference = reference(rng, method, on);
            self.payments.push([
                v(id),
                v(amount),
                v(method.as_str()),
                v(reference),
                clock.day(on),
                clock.ts(at),
            ]);
            paid += amount;
        }
        let place = if c.state_code.is_empty() { self.shop_state.as_str() } else { c.state_code.as_str() };
        self.invoices.push([
            v(id),
            v(number),
            v(fy),
            v(seq),
            v(p.order_id),
            v(c.id),
            clock.day(issue_date),
            clock.day(issue_date + Duration::days(self.terms_days)),
            v(if p.mode == TaxMode::Vat { "vat" } else { "gst" }),
            v(india::place_of_supply(place)),
            v(p.mode != TaxMode::GstInter),
            v(self.seller_json.as_str()),
            v(buyer_json),
            v(t.subtotal.0),
            v(t.discount.0),
            v(t.taxable.0),
            v(t.tax.cgst.0),
            v(t.tax.sgst.0),
            v(t.tax.igst.0),
            v(t.tax.vat.0),
            v(t.total.0),
            v(paid),
            v(words::amount_in_words(t.total)),
            v(payment_status(t.total, Money(paid)).as_str()),
            clock.ts(p.issue_at),
        ]);
        for (i, (l, lt)) in p.lines.into_iter().zip(&t.lines).enumerate() {
            self.lines.push([
                v(id),
                v(i as i32),
                v(l.description),
                v(l.hsn_sac),
                v(l.uqc),
                v(l.quantity),
                v(l.unit_price),
                v(lt.discount.0),
                v(lt.taxable.0),
                v(l.tax_rate_bp),
                v(lt.tax.cgst.0),
                v(lt.tax.sgst.0),
                v(lt.tax.igst.0),
                v(lt.tax.vat.0),
                v(lt.total.0),
            ]);
        }
    }
}

/// Payments an invoice received by today: walk-in customers pay on the spot, businesses
/// within weeks; some pay an advance and the balance later, a few never pay.
fn plan_payments(rng: &mut Rng, total: i64, issue: NaiveDate, today: NaiveDate, business: bool) -> Vec<(i64, PaymentMethod, NaiveDate)> {
    let mut plan = Vec::new();
    let r = rng.gen::<f64>();
    if r < 0.03 || total <= 0 {
        return plan;
    }
    let delay = |rng: &mut Rng| {
        if business && chance(rng, 0.6) { rng.gen_range(5..45) } else { rng.gen_range(0..3) }
    };
    if r < 0.23 && total >= 20_000 {
        let pct = *pick(rng, &[30i64, 50, 50]);
        let first = ((total * pct / 100) / 100 * 100).max(100);
        let d1 = issue + Duration::days(rng.gen_range(0..2));
        plan.push((first, method(rng, business), d1));
        // A few balances stay open (disputes, slow payers).
        if r >= 0.05 {
            plan.push((total - first, method(rng, business), d1 + Duration::days(rng.gen_range(3..35))));
        }
    } else {
        let d = issue + Duration::days(delay(rng));
        plan.push((total, method(rng, business), d));
    }
    // Only what has been paid by today, in order.
    let keep = plan.iter().take_while(|p| p.2 <= today).count();
    plan.truncate(keep);
    plan
}

fn method(rng: &mut Rng, business: bool) -> PaymentMethod {
    use PaymentMethod::*;
    if business {
        weighted(rng, &[(Bank, 45.0), (Upi, 25.0), (Cheque, 20.0), (Card, 5.0), (Cash, 5.0)])
    } else {
        weighted(rng, &[(Upi, 50.0), (Cash, 35.0), (Card, 15.0)])
    }
}

fn reference(rng: &mut Rng, m: PaymentMethod, on: NaiveDate) -> String {
    match m {
        PaymentMethod::Cash => String::new(),
        PaymentMethod::Upi => format!("UPI {}", rng.gen_range(100_000_000_000u64..999_999_999_999)),
        PaymentMethod::Bank => format!("NEFT {}N{}{:08}", pick(rng, &["HDFC", "ICIC", "SBIN", "UTIB", "KKBK"]), on.year(), rng.gen_range(0..100_000_000)),
        PaymentMethod::Cheque => format!("Chq {:06} {}", rng.gen_range(1..1_000_000), pick(rng, &["HDFC Bank", "SBI", "Bank of Maharashtra", "Cosmos Bank", "ICICI Bank"])),
        PaymentMethod::Card => format!("Card xx{:04}", rng.gen_range(0..10_000)),
    }
}
