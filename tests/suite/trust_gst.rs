#![cfg(feature = "ssr")]
//! Invoices as the GST rules ask (CGST Rules 2017, Rule 46 for tax invoices, Rule 53 for
//! credit notes): numbers of at most 16 characters, every required field on the PDF (read
//! back with pdftotext), and credit notes in their own gap-free series.
use crate::common;

use common::{count, line, order_input, shop, staff, today, TestDb};
use pressdesk::domain::invoice::PaymentStatus;
use pressdesk::domain::money::Money;
use pressdesk::domain::roles::Role;
use pressdesk::dto::customers::CustomerInput;
use pressdesk::dto::invoices::{CreditNoteInput, PaymentInput};
use pressdesk::services::{credit_notes, customers, invoices, orders};

fn pdf_text(bytes: &[u8], name: &str) -> String {
    let path = std::env::temp_dir().join(format!("pd_gst_{}_{name}.pdf", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext").arg("-layout").arg(&path).arg("-").output().expect("pdftotext is required (make test installs poppler-utils)");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    let _ = std::fs::remove_file(&path);
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// A registered business in Karnataka (another state than the shop's Maharashtra).
async fn kiran(db: &pressdesk::db::Db) -> i32 {
    let input = CustomerInput {
        name: "Kiran Desai".into(),
        company: "Desai Digital".into(),
        phone: "91111 22222".into(),
        billing_address: "12 Brigade Road, Bengaluru".into(),
        gstin: "29AAGCB7383J1Z4".into(),
        ..Default::default()
    };
    customers::create(db, &staff(Role::Owner), &input, "91").await.unwrap()
}

async fn invoiced(t: &TestDb, customer: i32, p: &std::collections::HashMap<String, pressdesk::dto::products::Product>) -> (i32, String) {
    let lines = vec![line(&p["BC-STD"], 500), line(&p["FLX-STD"], 40), line(&p["CAL-WALL"], 25)];
    let (oid, _) = orders::create(&t.db, &staff(Role::Owner), &shop(), today(), &order_input(customer, lines)).await.unwrap();
    invoices::create_from_order(&t.db, &staff(Role::Owner), &shop(), today(), oid).await.unwrap()
}

#[tokio::test]
async fn the_tax_invoice_pdf_states_every_rule_46_field() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let p = common::catalogue(db).await;
        let k = kiran(db).await;
        let (id, number) = invoiced(t, k, &p).await;
        // Rule 46(b): a serial of at most 16 characters (letters, digits, '-' and '/').
        assert_eq!(number, "INV/2627/00001");
        assert!(number.len() <= 16 && number.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '/'));
        let inv = invoices::get(db, id, &shop()).await.unwrap();
        let text = pdf_text(&pressdesk::pdf::invoice::render(&inv, "Test Press").unwrap(), t.backend);
        let required = [
            ("(a) supplier's name", "Test Press LLP"),
            ("(a) supplier's address", "1 MG Road, Pune"),
            ("(a) supplier's GSTIN", "27AAPFU0939F1ZV"),
            ("(b) serial number", "INV/2627/00001"),
            ("(c) date of issue", "Issue date"),
            ("(d) recipient's name", "Kiran Desai"),
            ("(d) recipient's address", "12 Brigade Road"),
            ("(d) recipient's GSTIN", "29AAGCB7383J1Z4"),
            ("(e) recipient's state name and code", "State: 29-Karnataka"),
            ("(f)/(g) HSN and description", "4911"),
            ("(h) quantity with its unit", "500 PCS"),
            ("(h) square feet for banners", "40 SQF"),
            ("(h) sets for calendars", "25 SET"),
            ("(i)/(j) value and taxable value", "Taxable"),
            ("(k)/(l) rate and amount of tax", "IGST"),
            ("(m) place of supply with state", "29-Karnataka"),
            ("(p) reverse charge", "Reverse charge"),
            ("(q) signature block", "Authorised"),
            ("total in words", "Rupees"),
        ];
        for (rule, needle) in required {
            assert!(text.contains(needle), "Rule 46{rule}: {needle:?} missing from the PDF text:\n{text}");
        }
        let rc = text.lines().find(|l| l.contains("Reverse charge")).unwrap();
        assert!(rc.contains("No"), "reverse charge is stated: {rc}");
    });
}

#[tokio::test]
async fn credit_notes_cancel_or_correct_in_their_own_series() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let p = common::catalogue(db).await;
        let k = kiran(db).await;
        let owner = staff(Role::Owner);
        let (first, first_no) = invoiced(t, k, &p).await;
        let (second, _) = invoiced(t, k, &p).await;
        let inv1 = invoices::get(db, first, &shop()).await.unwrap();

        // Bad input: a field message each, nothing written.
        let bad = CreditNoteInput { kind: "refund".into(), percent: String::new(), reason: String::new() };
        let e = credit_notes::issue(db, &owner, &shop(), today(), first, &bad).await.unwrap_err();
        assert!(e.field_message("kind").is_some() && e.field_message("reason").is_some(), "{e:?}");
        let bad = CreditNoteInput { kind: "correction".into(), percent: "100".into(), reason: "x".into() };
        assert!(credit_notes::issue(db, &owner, &shop(), today(), first, &bad).await.unwrap_err().field_message("percent").is_some());
        assert_eq!(count(db, "credit_notes").await, 0);

        // A 10% correction on the first invoice, then its cancellation: two numbers in a row.
        let ten = CreditNoteInput { kind: "correction".into(), percent: "10".into(), reason: "Colour shift on the cards, agreed discount".into() };
        let (c1, n1) = credit_notes::issue(db, &owner, &shop(), today(), first, &ten).await.unwrap();
        assert_eq!(n1, "CN/2627/00001");
        let after = invoices::get(db, first, &shop()).await.unwrap();
        assert!(after.amount_credited > Money::ZERO && after.amount_credited < inv1.total);
        assert_eq!(after.balance(), inv1.total - after.amount_credited);
        assert_eq!(after.status, PaymentStatus::Unpaid);
        // A payment may not exceed what is left after the credit.
        let over = PaymentInput { amount: inv1.total.to_input(), method: "upi".into(), reference: "r".into(), paid_on: "2026-11-25".into() };
        assert!(invoices::record_payment(db, &owner, today(), first, &over).await.unwrap_err().field_message("amount").is_some());

        let cancel = CreditNoteInput { kind: "cancellation".into(), percent: String::new(), reason: "Order cancelled by the customer".into() };
        let (_, n2) = credit_notes::issue(db, &owner, &shop(), today(), first, &cancel).await.unwrap();
        assert_eq!(n2, "CN/2627/00002");
        let done = invoices::get(db, first, &shop()).await.unwrap();
        assert_eq!(done.amount_credited, inv1.total, "credits add up to the invoice to the paisa");
        assert_eq!(done.balance(), Money::ZERO);
        assert_eq!(done.status, PaymentStatus::Credited);
        assert_eq!(done.credit_notes.iter().map(|n| n.number.as_str()).collect::<Vec<_>>(), vec!["CN/2627/00001", "CN/2627/00002"]);
        let e = credit_notes::issue(db, &owner, &shop(), today(), first, &cancel).await.unwrap_err();
        assert!(e.to_string().contains("already fully credited"), "{e}");

        // A paid invoice cannot be credited beyond what is unpaid.
        let paid = PaymentInput { amount: invoices::get(db, second, &shop()).await.unwrap().total.to_input(), ..over.clone() };
        invoices::record_payment(db, &owner, today(), second, &paid).await.unwrap();
        assert!(credit_notes::issue(db, &owner, &shop(), today(), second, &cancel).await.is_err());
        // Invoice numbers kept their own series.
        assert_eq!(count(db, "credit_notes").await, 2);
        assert_eq!(first_no, "INV/2627/00001");

        // The credit note PDF states what Rule 53 asks.
        let doc = credit_notes::document(db, &shop(), c1).await.unwrap();
        let credit = pressdesk::pdf::invoice::CreditRef { invoice_number: doc.invoice_number.clone(), invoice_date: doc.invoice_date.clone() };
        let text = pdf_text(&pressdesk::pdf::invoice::render_credit_note(&doc.doc, &credit, "Test Press").unwrap(), &format!("cn_{}", t.backend));
        for needle in ["CREDIT NOTE", "CN/2627/00001", "Against invoice", "INV/2627/00001", "Kiran Desai", "29AAGCB7383J1Z4", "27AAPFU0939F1ZV", "Place of supply", "Reverse charge", "IGST", "Colour shift"] {
            assert!(text.contains(needle), "{needle:?} missing from the credit note:\n{text}");
        }
    });
}

#[tokio::test]
async fn a_series_that_could_exceed_sixteen_characters_is_refused_at_start() {
    let mut s = shop();
    s.invoice_fy_format = "long".into();
    assert!(s.check_numbering().unwrap_err().contains("invoice_prefix"));
    s.invoice_prefix = "IN".into();
    s.credit_note_prefix = "CN".into();
    assert!(s.check_numbering().is_ok());
    s.invoice_fy_format = "short".into();
    s.credit_note_prefix = "CNOTE".into();
    assert!(s.check_numbering().is_ok(), "CNOTE/2627/00001 has 16 characters");
    s.credit_note_prefix = "CREDIT".into();
    assert!(s.check_numbering().unwrap_err().contains("credit_note_prefix"));
}
