//! Invoice PDF tests: layout on odd input, page breaks, text content.
use super::*;
use crate::domain::invoice::{PaymentMethod, PaymentStatus};
use crate::domain::money::Money;
use crate::domain::tax::{split_tax, TaxMode};
use crate::dto::invoices::{InvoiceLine, PartyBlock, Payment, RateRow};

/// Intra-state GST invoice with `n` lines cycling through three slabs.
fn sample(n: usize) -> Invoice {
    // One long description (wrapped to three lines, then cut), the rest one-liners.
    let long = "Flex banner 10 x 4 ft with eyelets \u{b7} outdoor grade, UV-resistant inks, hemmed edges, \
                rolled in a tube \u{2013} includes design proof rounds and print-ready file archiving";
    let short = ["Visiting cards, 350 gsm matte, double-sided", "A4 brochures, tri-fold, 130 gsm art paper"];
    let mut inv = Invoice {
        id: 7,
        number: "INV-2024-0042".into(),
        order_id: 11,
        order_number: "ORD-1187".into(),
        customer_id: 3,
        issue_date: "2024-06-14".into(),
        due_date: "2024-06-29".into(),
        tax_profile: "gst".into(),
        vat_label: String::new(),
        place_of_supply: "27 - Maharashtra".into(),
        intra_state: true,
        seller: PartyBlock {
            name: "Sharma Print Solutions Pvt. Ltd.".into(),
            address: "Shop 4, Laxmi Industrial Estate, New Link Road, Andheri West, Mumbai 400053".into(),
            gstin: "27AAPCS1234F1Z5".into(),
            state_code: "27".into(),
            phone: "+91 98200 12345".into(),
            email: "accounts@sharmaprint.in".into(),
        },
        buyer: PartyBlock {
            name: "Kavya Textiles LLP".into(),
            address: "2nd floor, Mehta Chambers\nKalbadevi Road, Mumbai 400002".into(),
            gstin: "27AAKFK9876L1ZQ".into(),
            state_code: "27".into(),
            phone: "022 2200 1188".into(),
            ..Default::default()
        },
        lines: vec![],
        by_rate: vec![],
        subtotal: Money::ZERO,
        discount: Money::ZERO,
        taxable: Money::ZERO,
        tax: TaxSplit::default(),
        total: Money::ZERO,
        amount_paid: Money(500_000),
        amount_words: String::new(),
        status: PaymentStatus::Partial,
        amount_credited: Money(0),
        credit_notes: vec![],
        payments: vec![Payment {
            id: 1,
            amount: Money(500_000),
            method: PaymentMethod::Upi,
            reference: "UPI/412345678901".into(),
            paid_on: "2024-06-14".into(),
        }],
        notes: "Goods once printed cannot be returned.".into(),
        bank_details: "HDFC Bank, Andheri West\nA/c 50200012345678 \u{b7} IFSC HDFC0000123".into(),
    };
    for i in 0..n {
        let rate_bp = [1800, 1200, 500][i % 3];
        let qty = ((i % 5) as i64 + 1) * 100;
        let (price, discount) = (Money(250 + i as i64 * 1_000), Money((i % 2) as i64 * 2_000));
        let taxable = price.times(qty) - discount;
        let tax = split_tax(TaxMode::GstIntra, taxable, rate_bp);
        inv.lines.push(InvoiceLine {
            description: if i == 1 { long.into() } else { short[i % 2].into() },
            hsn_sac: if i % 3 == 1 { "998912".into() } else { "4911".into() },
            uqc: "PCS".into(),
            quantity: qty,
            unit_price: price,
            discount,
            taxable,
            tax_rate_bp: rate_bp,
            tax,
            total: taxable + tax.total(),
        });
        inv.subtotal += price.times(qty);
        inv.discount += discount;
        inv.taxable += taxable;
        inv.tax.add(&tax);
        match inv.by_rate.iter_mut().find(|r| r.rate_bp == rate_bp) {
            Some(r) => {
                r.taxable += taxable;
                r.tax.add(&tax);
            }
            None => inv.by_rate.push(RateRow { rate_bp, taxable, tax }),
        }
    }
    inv.total = inv.taxable + inv.tax.total();
    inv.amount_words = crate::domain::words::amount_in_words(inv.total);
    inv
}

#[test]
fn renders_three_lines() {
    let pdf = render(&sample(3), "Sharma Prints").unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    assert!(pdf.len() > 2_000 && pdf.len() < 200_000, "{} bytes", pdf.len());
}

#[test]
fn many_lines_continue_on_next_page() {
    let pdf = render(&sample(40), "Sharma Prints").unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    // INVOICE_PDF_OUT=/path/sample.pdf keeps the result for a visual check.
    if let Ok(path) = std::env::var("INVOICE_PDF_OUT") {
        std::fs::write(path, &pdf).unwrap();
    }
    assert!(render(&sample(200), "x").is_ok());
}

#[test]
fn odd_input_does_not_panic() {
    assert!(render(&sample(0), "").is_ok());
    let mut inv = sample(2);
    inv.tax_profile = "vat".into();
    inv.vat_label = "Sales tax \u{20b9}".into();
    inv.buyer = PartyBlock::default();
    inv.seller.address = "\u{65e5}\u{672c}".repeat(500);
    inv.lines[0].description = "x".repeat(20_000);
    inv.lines[1].description = "\n\n".into();
    inv.lines[1].quantity = i64::MIN;
    inv.lines[1].total = Money(i64::MAX);
    inv.by_rate =
        (0..60).map(|i| RateRow { rate_bp: i * 7, taxable: Money(i as i64), tax: TaxSplit::default() }).collect();
    inv.payments = vec![inv.payments[0].clone(); 80];
    inv.bank_details = "line\n".repeat(50);
    assert!(render(&inv, &"Very long shop name ".repeat(20)).unwrap().starts_with(b"%PDF"));
    inv.intra_state = false;
    inv.tax_profile = "gst".into();
    assert!(render(&inv, "Shop").is_ok());
}
