//! A4 tax invoice as PDF: seller and buyer blocks, line table (repeated header on
//! continuation pages), GST/VAT summary per rate, totals, payments and bank details.
use super::layout::{amount, leading, rupees, wrap, Align, Canvas, BOTTOM, LEFT, RIGHT, TOP};
use crate::domain::money::group_digits;
use crate::domain::tax::{rate_label, TaxSplit};
use crate::dto::invoices::Invoice;
use Align::{Left, Right};

const BODY: f32 = 8.5;
const SMALL: f32 = 7.0;
const CELL: f32 = 8.0;
/// Left edge of the right-hand column (invoice meta, status, totals box).
const MID: f32 = 128.0;

/// Line-table column: `x` is the left edge for left-aligned columns, else the right edge.
struct Col(&'static str, f32, Align, f32);
const COLS: [Col; 9] = [
    Col("#", 19.5, Right, 5.0),
    Col("Description", 21.5, Left, 49.0),
    Col("HSN/SAC", 72.5, Left, 13.0),
    Col("Qty", 107.0, Right, 20.0),
    Col("Rate", 127.0, Right, 19.0),
    Col("Discount", 145.0, Right, 16.0),
    Col("Taxable", 165.0, Right, 18.5),
    Col("Tax %", 176.0, Right, 9.0),
    Col("Amount", RIGHT - 1.0, Right, 17.5),
];

/// One tax column of the summary: name, rate shown for a slab, amount picker.
type Component = (String, fn(i32) -> String, fn(&TaxSplit) -> i64);

struct Ctx<'a> {
    inv: &'a Invoice,
    shop: &'a str,
    title: &'static str,
    comps: Vec<Component>,
    credit: Option<&'a CreditRef>,
}

/// What a credit note states about the invoice it credits (Rule 53(1)(f)).
pub struct CreditRef {
    pub invoice_number: String,
    pub invoice_date: String,
}

/// Renders an A4 tax invoice. `shop_name` is the trading name shown at the top.
pub fn render(inv: &Invoice, shop_name: &str) -> Result<Vec<u8>, String> {
    render_doc(inv, shop_name, None)
}

/// Renders a credit note: `doc` is the invoice with the credited lines and amounts, its
/// number and date those of the note.
pub fn render_credit_note(doc: &Invoice, credit: &CreditRef, shop_name: &str) -> Result<Vec<u8>, String> {
    render_doc(doc, shop_name, Some(credit))
}

fn render_doc(inv: &Invoice, shop_name: &str, credit: Option<&CreditRef>) -> Result<Vec<u8>, String> {
    let vat = inv.tax_profile.eq_ignore_ascii_case("vat");
    // Mirrors TaxMode::from_profile: anything but VAT is GST.
    let comps: Vec<Component> = if vat {
        let label = if inv.vat_label.trim().is_empty() { "VAT".to_string() } else { inv.vat_label.trim().to_string() };
        vec![(label, rate_label, |t| t.vat.0)]
    } else if inv.intra_state {
        vec![("CGST".into(), half_rate, |t| t.cgst.0), ("SGST".into(), half_rate, |t| t.sgst.0)]
    } else {
        vec![("IGST".into(), rate_label, |t| t.igst.0)]
    };
    let title = match (credit, vat) {
        (Some(_), _) => "CREDIT NOTE",
        (None, true) => "INVOICE",
        (None, false) => "TAX INVOICE",
    };
    let cx = Ctx { inv, shop: shop_name, title, comps, credit };
    let mut c = Canvas::new(&format!("{} {}", cx.title, inv.number))?;

    cx.header(&mut c);
    cx.parties(&mut c);
    cx.lines(&mut c);
    cx.summary(&mut c);
    cx.closing(&mut c);

    let number = inv.number.clone();
    let doc = if credit.is_some() { "credit note" } else { "invoice" };
    c.finish(|c, page, total| {
        c.hline(LEFT, RIGHT, 14.0, 0.4, 0.6);
        c.muted(&format!("This is a computer-generated {doc}."), SMALL, LEFT, 10.0, Left);
        c.muted(&format!("{} {number}", if doc == "invoice" { "Invoice" } else { "Credit note" }), SMALL, 105.0 - 12.0, 10.0, Left);
        c.muted(&format!("Page {page} of {total}"), SMALL, RIGHT, 10.0, Right);
    })
}

/// CGST and SGST are each half the slab: 1800 bp -> "9%", 500 -> "2.5%".
fn half_rate(bp: i32) -> String {
    if bp % 2 == 0 {
        rate_label(bp / 2)
    } else {
        let s = format!("{:.3}", bp as f64 / 200.0);
        format!("{}%", s.trim_end_matches('0').trim_end_matches('.'))
    }
}

fn or_dash(s: &str) -> &str {
    if s.trim().is_empty() {
        "-"
    } else {
        s
    }
}

impl Ctx<'_> {
    /// New page when `h` mm do not fit, with a short running head so loose pages stay identifiable.
    fn ensure(&self, c: &mut Canvas, h: f32) -> bool {
        if !c.ensure(h) {
            return false;
        }
        c.text_fit(self.shop, 11.0, true, LEFT, c.y - 4.0, Left, 100.0);
        let head = format!("{} {} (continued)", self.title, self.inv.number);
        c.text_fit(&head, BODY, false, RIGHT, c.y - 4.0, Right, 75.0);
        c.y -= 6.5;
        c.hline(LEFT, RIGHT, c.y, 0.6, 0.2);
        c.y -= 4.0;
        true
    }

    fn header(&self, c: &mut Canvas) {
        let (inv, lh) = (self.inv, leading(BODY));
        let s = &inv.seller;
        c.text_fit(self.shop, 16.0, true, LEFT, TOP - 5.5, Left, MID - LEFT - 4.0);
        let mut y = TOP - 5.5 - 6.0;
        if !s.name.trim().is_empty() {
            c.text_fit(&s.name, 9.0, true, LEFT, y, Left, MID - LEFT - 4.0);
            y -= lh + 0.3;
        }
        for l in wrap(&s.address, BODY, false, MID - LEFT - 4.0, 4) {
            c.text(&l, BODY, false, LEFT, y, Left);
            y -= lh;
        }
        let gst_label = if self.title == "INVOICE" { "Tax reg. no." } else { "GSTIN" };
        for (label, v) in [(gst_label, &s.gstin), ("Phone", &s.phone), ("Email", &s.email)] {
            if !v.trim().is_empty() {
                c.text_fit(&format!("{label}: {v}"), BODY, false, LEFT, y, Left, MID - LEFT - 4.0);
                y -= lh;
            }
        }

        c.text(self.title, 14.0, true, RIGHT, TOP - 5.5, Right);
        let mut ry = TOP - 5.5 - 7.0;
        let against = self.credit.map(|r| format!("{} of {}", r.invoice_number, r.invoice_date)).unwrap_or_default();
        let (first, third) = match self.credit {
            Some(_) => (("Credit note no.", inv.number.as_str()), ("Against invoice", against.as_str())),
            None => (("Invoice no.", inv.number.as_str()), ("Due date", inv.due_date.as_str())),
        };
        let meta = [
            first,
            ("Issue date", inv.issue_date.as_str()),
            third,
            ("Order no.", inv.order_number.as_str()),
            ("Place of supply", inv.place_of_supply.as_str()),
            // Rule 46(p): whether tax is payable on reverse charge. A print shop's supplies
            // are taxed forward; the line is printed so the invoice states it.
            ("Reverse charge", "No"),
        ];
        for (i, (label, v)) in meta.into_iter().enumerate() {
            c.muted(label, SMALL + 0.5, MID + 8.0, ry, Left);
            c.text_fit(or_dash(v), BODY, i == 0, MID + 30.0, ry, Left, RIGHT - MID - 30.0);
            ry -= lh + 0.4;
        }
        c.y = y.min(ry) - 1.0;
        c.hline(LEFT, RIGHT, c.y, 0.8, 0.15);
    }

    fn parties(&self, c: &mut Canvas) {
        let (inv, b, lh) = (self.inv, &self.inv.buyer, leading(BODY));
        let top = c.y - 5.0;
        c.muted("BILL TO", SMALL, LEFT, top, Left);
        c.text_fit(or_dash(&b.name), 10.0, true, LEFT, top - 5.0, Left, MID - LEFT - 4.0);
        let mut y = top - 5.0 - leading(10.0);
        for l in wrap(&b.address, BODY, false, MID - LEFT - 4.0, 4) {
            c.text(&l, BODY, false, LEFT, y, Left);
            y -= lh;
        }
        // Rule 46(e): the recipient's state with its name and code.
        let state = if b.state_code.trim().is_empty() { String::new() } else { crate::domain::india::place_of_supply(b.state_code.trim()) };
        let fields = [("GSTIN", &b.gstin), ("State", &state), ("Phone", &b.phone), ("Email", &b.email)];
        for (label, v) in fields.into_iter().filter(|(_, v)| !v.trim().is_empty()) {
            c.text_fit(&format!("{label}: {v}"), BODY, false, LEFT, y, Left, MID - LEFT - 4.0);
            y -= lh;
        }

        if self.credit.is_some() {
            c.muted("AMOUNT CREDITED", SMALL, MID + 8.0, top, Left);
            c.text_fit(&rupees(inv.total.0), 10.0, true, MID + 8.0, top - 5.0, Left, RIGHT - MID - 8.0);
        } else {
            c.muted("PAYMENT STATUS", SMALL, MID + 8.0, top, Left);
            c.text(inv.status.label(), 10.0, true, MID + 8.0, top - 5.0, Left);
            c.muted("Balance due", SMALL + 0.5, MID + 8.0, top - 10.0, Left);
            c.text_fit(&rupees(inv.balance().0), BODY, true, RIGHT, top - 10.0, Right, 36.0);
        }
        c.y = y.min(top - 10.0 - lh) - 1.0;
        c.hline(LEFT, RIGHT, c.y, 0.4, 0.6);
        c.y -= 5.0;
    }

    fn table_header(&self, c: &mut Canvas) {
        c.muted("Amounts in Rs.", SMALL, RIGHT, c.y + 1.0, Right);
        c.band(LEFT, c.y - 6.0, RIGHT, c.y, 0.9);
        for Col(title, x, align, _) in &COLS {
            c.text(title, SMALL + 0.5, true, *x, c.y - 4.1, *align);
        }
        c.y -= 6.0;
    }

    fn lines(&self, c: &mut Canvas) {
        let lh = leading(CELL);
        self.table_header(c);
        if self.inv.lines.is_empty() {
            c.muted("No items", CELL, COLS[1].1, c.y - 4.0, Left);
            c.y -= 6.0;
        }
        for (i, line) in self.inv.lines.iter().enumerate() {
            let mut desc = wrap(&line.description, CELL, false, COLS[1].3, 3);
            if desc.is_empty() {
                desc.push("-".into());
            }
            let row_h = desc.len() as f32 * lh + 2.4;
            if self.ensure(c, row_h) {
                self.table_header(c);
            }
            let base = c.y - 1.2 - CELL * 0.3528;
            // Rule 46(h): quantity with its unit quantity code.
            let qty = format!(
                "{}{} {}",
                if line.quantity < 0 { "-" } else { "" },
                group_digits(line.quantity.unsigned_abs(), true),
                or_dash(&line.uqc)
            );
            let cells = [
                (i + 1).to_string(),
                String::new(),
                line.hsn_sac.clone(),
                qty,
                amount(line.unit_price.0),
                amount(line.discount.0),
                amount(line.taxable.0),
                rate_label(line.tax_rate_bp),
                amount(line.total.0),
            ];
            for (Col(_, x, align, w), v) in COLS.iter().zip(cells.iter()) {
                c.text_fit(v, CELL, false, *x, base, *align, *w);
            }
            for (k, l) in desc.iter().enumerate() {
                c.text(l, CELL, false, COLS[1].1, base - k as f32 * lh, Left);
            }
            c.y -= row_h;
            c.hline(LEFT, RIGHT, c.y, 0.3, 0.8);
        }
        c.y -= 6.0;
    }

    /// Tax summary per slab on the left, totals box on the right, side by side.
    fn summary(&self, c: &mut Canvas) {
        let inv = self.inv;
        let lh = leading(BODY) + 0.9;
        let mut rows: Vec<(String, i64, bool)> =
            vec![("Subtotal".into(), inv.subtotal.0, false), ("Discount".into(), -inv.discount.0, false)];
        rows.push(("Taxable value".into(), inv.taxable.0, false));
        for (name, _, pick) in &self.comps {
            rows.push((name.clone(), pick(&inv.tax), false));
        }
        let box_h = (rows.len() + 3) as f32 * lh + 4.0;
        let sum_h = (inv.by_rate.len() + 2) as f32 * lh + 10.0;
        // Keep a normal summary next to the totals; an absurdly long one just flows on.
        let fits_a_page = sum_h < TOP - BOTTOM - 20.0;
        self.ensure(c, if fits_a_page { box_h.max(sum_h) } else { box_h });

        // Totals box.
        let top = c.y;
        let (lx, rx) = (MID + 2.0, RIGHT - 2.0);
        let mut y = top - 1.0;
        for (label, v, _) in &rows {
            y -= lh;
            c.text(label, BODY, false, lx, y + 1.3, Left);
            c.text_fit(&rupees(*v), BODY, false, rx, y + 1.3, Right, 40.0);
        }
        y -= 1.5;
        c.band(MID, y - lh - 0.5, RIGHT, y, 0.88);
        y -= lh;
        c.text("Grand total", 10.0, true, lx, y + 1.0, Left);
        c.text_fit(&rupees(inv.total.0), 10.0, true, rx, y + 1.0, Right, 40.0);
        y -= lh;
        c.text("Amount paid", BODY, false, lx, y + 1.0, Left);
        c.text_fit(&rupees(inv.amount_paid.0), BODY, false, rx, y + 1.0, Right, 40.0);
        y -= lh;
        c.text("Balance due", BODY, true, lx, y + 1.0, Left);
        c.text_fit(&rupees(inv.balance().0), BODY, true, rx, y + 1.0, Right, 40.0);
        y -= 1.5;
        c.frame(MID, y, RIGHT, top, 0.5, 0.4);
        let (box_page, box_bottom) = (c.page_count(), y);

        // Tax summary columns: rate, taxable, then "% / amount" per component, then total tax.
        // Weights: amounts need ~16 mm at 7.5 pt, percentages ~10 mm.
        let mut cols: Vec<(String, f32)> = vec![("Rate".into(), 0.0), ("Taxable".into(), 1.8)];
        for (name, _, _) in &self.comps {
            cols.push((format!("{name} %"), 1.25));
            cols.push((name.clone(), 1.8));
        }
        if self.comps.len() > 1 {
            cols.push(("Total tax".into(), 1.8));
        }
        let (x0, x1) = (LEFT + 13.0, MID - 6.0);
        let unit = (x1 - x0) / cols.iter().map(|c| c.1).sum::<f32>();
        let mut edges = Vec::new();
        let mut acc = x0;
        for (_, wt) in &cols {
            acc += wt * unit;
            edges.push((acc, wt * unit - 1.5));
        }
        let cell = |c: &Canvas, i: usize, v: &str, y: f32, bold: bool, size: f32| {
            if i == 0 {
                c.text_fit(v, size, bold, LEFT + 1.0, y, Left, 11.5);
            } else {
                c.text_fit(v, size, bold, edges[i].0, y, Right, edges[i].1);
            }
        };
        c.muted("TAX SUMMARY", SMALL, LEFT, c.y - 3.0, Left);
        c.y -= 4.5;
        c.band(LEFT, c.y - 5.5, x1 + 1.0, c.y, 0.9);
        for (i, (t, _)) in cols.iter().enumerate() {
            cell(c, i, t, c.y - 3.8, true, SMALL);
        }
        c.y -= 5.5;
        let body: Vec<(Vec<String>, bool)> = inv
            .by_rate
            .iter()
            .map(|r| (self.summary_row(rate_label(r.rate_bp), r.rate_bp, r.taxable.0, &r.tax), false))
            .chain(std::iter::once((self.summary_row("Total".into(), -1, inv.taxable.0, &inv.tax), true)))
            .collect();
        for (vals, bold) in body {
            self.ensure(c, lh);
            for (i, v) in vals.iter().enumerate() {
                cell(c, i, v, c.y - 3.6, bold, SMALL + 0.5);
            }
            c.y -= lh;
            c.hline(LEFT, x1 + 1.0, c.y, 0.3, 0.8);
        }
        if c.page_count() == box_page {
            c.y = c.y.min(box_bottom);
        }
        c.y -= 5.0;
    }

    /// Cells of one summary row; `bp < 0` marks the total row, which has no per-slab rates.
    fn summary_row(&self, label: String, bp: i32, taxable: i64, tax: &TaxSplit) -> Vec<String> {
        let mut v = vec![label, amount(taxable)];
        for (_, rate, pick) in &self.comps {
            v.push(if bp < 0 { String::new() } else { rate(bp) });
            v.push(amount(pick(tax)));
        }
        if self.comps.len() > 1 {
            v.push(amount(tax.total().0));
        }
        v
    }

    /// Amount in words, payments, bank details, notes and the signature block.
    fn closing(&self, c: &mut Canvas) {
        let (inv, lh) = (self.inv, leading(BODY));
        let full = RIGHT - LEFT;
        let words = wrap(&inv.amount_words, BODY, true, full, 3);
        if !words.is_empty() {
            self.ensure(c, 4.0 + words.len() as f32 * lh);
            c.muted("AMOUNT IN WORDS", SMALL, LEFT, c.y, Left);
            c.y -= 4.5;
            for l in &words {
                c.text(l, BODY, true, LEFT, c.y, Left);
                c.y -= lh;
            }
            c.y -= 3.0;
        }

        if !inv.payments.is_empty() {
            self.ensure(c, 4.0 + 6.0 + 2.0 * lh);
            c.muted("PAYMENTS RECEIVED", SMALL, LEFT, c.y, Left);
            c.y -= 2.0;
            let pcols =
                [("Date", LEFT + 1.0, Left, 26.0), ("Method", 42.0, Left, 30.0), ("Reference", 75.0, Left, 95.0)];
            let head = |c: &mut Canvas| {
                c.band(LEFT, c.y - 5.5, RIGHT, c.y, 0.9);
                for (t, x, a, _) in pcols {
                    c.text(t, SMALL + 0.5, true, x, c.y - 3.8, a);
                }
                c.text("Amount", SMALL + 0.5, true, RIGHT - 1.0, c.y - 3.8, Right);
                c.y -= 5.5;
            };
            head(c);
            for p in &inv.payments {
                if self.ensure(c, lh + 1.5) {
                    head(c);
                }
                let vals = [p.paid_on.as_str(), p.method.label(), or_dash(&p.reference)];
                for ((_, x, a, w), v) in pcols.iter().zip(vals) {
                    c.text_fit(v, CELL, false, *x, c.y - 3.7, *a, *w);
                }
                c.text_fit(&rupees(p.amount.0), CELL, false, RIGHT - 1.0, c.y - 3.7, Right, 20.0);
                c.y -= lh + 1.5;
                c.hline(LEFT, RIGHT, c.y, 0.3, 0.8);
            }
            c.y -= 6.0;
        }

        // Bank details on the left, signature on the right; both must land on one page.
        let bank = wrap(&inv.bank_details, BODY, false, MID - LEFT - 6.0, 8);
        let block_h = (4.5 + bank.len() as f32 * lh).max(22.0);
        self.ensure(c, block_h);
        let top = c.y;
        if !bank.is_empty() {
            c.muted("BANK DETAILS", SMALL, LEFT, top, Left);
            c.y -= 4.5;
            for l in &bank {
                c.text(l, BODY, false, LEFT, c.y, Left);
                c.y -= lh;
            }
        }
        c.text_fit(&format!("For {}", self.shop), BODY, true, RIGHT, top, Right, RIGHT - MID);
        c.hline(RIGHT - 50.0, RIGHT, top - 16.0, 0.4, 0.3);
        c.muted("Authorised signatory", SMALL, RIGHT, top - 19.5, Right);
        c.y = c.y.min(top - 22.0) - 3.0;

        let notes = wrap(&inv.notes, BODY, false, full, 6);
        if !notes.is_empty() {
            self.ensure(c, 4.5 + notes.len() as f32 * lh);
            c.muted("NOTES", SMALL, LEFT, c.y, Left);
            c.y -= 4.5;
            for l in &notes {
                c.text(l, BODY, false, LEFT, c.y, Left);
                c.y -= lh;
            }
        }
    }
}

#[cfg(test)]
#[path = "invoice_tests.rs"]
mod tests;
