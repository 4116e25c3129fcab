#![cfg(feature = "ssr")]
//! Invoices service: issue from an order (tax split, words, snapshots), gap-free numbering
//! (also under concurrency), payments, lists and the PDF, on SQLite and PostgreSQL.
use crate::common;

use chrono::NaiveDate;
use common::{count, fields, line, opt, order_input, shop, shop_fixture, staff, today, TestDb};
use pressdesk::db::Db;
use pressdesk::domain::invoice::{PaymentMethod, PaymentStatus};
use pressdesk::domain::money::Money;
use pressdesk::domain::order::OrderStatus;
use pressdesk::domain::roles::Role;
use pressdesk::dto::customers::CustomerInput;
use pressdesk::dto::invoices::{InvoiceFilter, PaymentInput};
use pressdesk::dto::orders::{LineDraft, OrderInput};
use pressdesk::dto::products::Product;
use pressdesk::error::AppError;
use pressdesk::services::{invoices, orders};
use std::collections::HashMap;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A confirmed order of 100 letterheads (7.00 each, 18% GST = 826.00) for `customer`.
async fn letterheads(db: &Db, p: &HashMap<String, Product>, customer: i32) -> i32 {
    orders::create(db, &staff(Role::FrontDesk), &shop(), today(), &order_input(customer, vec![line(&p["LTR-A4"], 100)])).await.unwrap().0
}

/// 500 premium cards (foil + emboss: 4.20 + 1.00 = 5.20) and 100 wedding cards
/// (folded, digital: 65.00 + 25.00 = 90.00, 12% GST) less 100.00.
fn mixed_lines(p: &HashMap<String, Product>) -> Vec<LineDraft> {
    vec![
        LineDraft { options: vec![opt("Finish", "Foil + emboss"), opt("Sides", "Single sided")], ..line(&p["BC-PREM"], 500) },
        LineDraft {
            options: vec![opt("Style", "Folded with envelope"), opt("Print", "Digital")],
            discount: Money(10_000),
            ..line(&p["WED-CARD"], 100)
        },
    ]
}

async fn kiran(db: &Db) -> i32 {
    let input = CustomerInput {
        name: "Kiran Desai".into(),
        company: "Desai Digital".into(),
        phone: "91111 22222".into(),
        email: "accounts@desai.example".into(),
        billing_address: "12 Brigade Road, Bengaluru".into(),
        gstin: "29AAGCB7383J1Z4".into(),
        ..Default::default()
    };
    pressdesk::services::customers::create(db, &staff(Role::Owner), &input, "91").await.unwrap()
}

fn pay(amount: &str, method: &str, paid_on: &str) -> PaymentInput {
    PaymentInput { amount: amount.into(), method: method.into(), reference: "ref".into(), paid_on: paid_on.into() }
}

#[tokio::test]
async fn intra_state_invoice_copies_lines_and_splits_cgst_sgst() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let (p, cust) = shop_fixture(db).await;
        let (oid, onum) = orders::create(db, &staff(Role::FrontDesk), &shop(), today(), &order_input(cust, mixed_lines(&p))).await.unwrap();
        let (id, number) = invoices::create_from_order(db, &staff(Role::FrontDesk), &shop(), today(), oid).await.unwrap();
        assert_eq!(number, "INV/2627/00001");
        let inv = invoices::get(db, id, &shop()).await.unwrap();
        assert_eq!((inv.order_id, inv.order_number.as_str()), (oid, onum.as_str()));
        assert_eq!((inv.issue_date.as_str(), inv.due_date.as_str()), ("2026-11-25", "2026-12-10"));
        assert_eq!((inv.tax_profile.as_str(), inv.intra_state, inv.place_of_supply.as_str()), ("gst", true, "27-Maharashtra"));
        assert_eq!(inv.lines.len(), 2);
        let (l1, l2) = (&inv.lines[0], &inv.lines[1]);
        assert_eq!((l1.quantity, l1.unit_price, l1.hsn_sac.as_str(), l1.tax_rate_bp), (500, Money(520), "4911", 1800));
        assert!(l1.description.starts_with("Premium business cards ("), "{}", l1.description);
        // 500 x 5.20 = 2,600.00; 9% + 9% = 234.00 + 234.00.
        assert_eq!((l1.taxable, l1.tax.cgst, l1.tax.sgst, l1.tax.igst, l1.total), (Money(260_000), Money(23_400), Money(23_400), Money::ZERO, Money(306_800)));
        // 100 x 90.00 = 9,000.00 less 100.00 = 8,900.00; 6% + 6% = 534.00 + 534.00.
        assert_eq!((l2.quantity, l2.unit_price, l2.discount, l2.tax_rate_bp), (100, Money(9_000), Money(10_000), 1200));
        assert_eq!((l2.taxable, l2.tax.cgst, l2.tax.sgst, l2.total), (Money(890_000), Money(53_400), Money(53_400), Money(996_800)));
        assert_eq!((inv.subtotal, inv.discount, inv.taxable), (Money(1_160_000), Money(10_000), Money(1_150_000)));
        assert_eq!((inv.tax.cgst, inv.tax.sgst, inv.tax.igst), (Money(76_800), Money(76_800), Money::ZERO));
        assert_eq!(inv.total, Money(1_303_600));
        // Matches the order it came from.
        assert_eq!(orders::get(db, oid, &shop(), chrono_tz::Asia::Kolkata).await.unwrap().totals.total, inv.total);
        assert_eq!(inv.by_rate.iter().map(|r| (r.rate_bp, r.taxable)).collect::<Vec<_>>(), vec![(1200, Money(890_000)), (1800, Money(260_000))]);
        assert_eq!(inv.amount_words, "Rupees Thirteen Thousand Thirty Six Only");
        assert_eq!((inv.amount_paid, inv.status, inv.balance()), (Money::ZERO, PaymentStatus::Unpaid, Money(1_303_600)));
        assert_eq!((inv.seller.name.as_str(), inv.seller.gstin.as_str(), inv.seller.state_code.as_str()), ("Test Press LLP", "27AAPFU0939F1ZV", "27"));
        assert_eq!((inv.buyer.name.as_str(), inv.buyer.phone.as_str(), inv.buyer.gstin.as_str()), ("Priya Sharma", "+919876543210", ""));
        assert_eq!(inv.bank_details, "Test Bank");
        assert_eq!(count(db, "invoice_lines").await, 2);

        // Snapshots: renaming the customer later does not change the issued invoice.
        let c = pressdesk::services::customers::get(db, cust, chrono_tz::Asia::Kolkata).await.unwrap();
        pressdesk::services::customers::update(db, &staff(Role::Owner), cust, c.version, &CustomerInput { name: "Priya S. Kulkarni".into(), ..c.input }, "91").await.unwrap();
        assert_eq!(invoices::get(db, id, &shop()).await.unwrap().buyer.name, "Priya Sharma");
    });
}

#[tokio::test]
async fn inter_state_invoice_charges_igst_with_buyer_snapshot() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let p = common::catalogue(db).await;
        let k = kiran(db).await;
        let (oid, _) = orders::create(db, &staff(Role::FrontDesk), &shop(), today(), &order_input(k, mixed_lines(&p))).await.unwrap();
        let (id, _) = invoices::create_from_order(db, &staff(Role::FrontDesk), &shop(), today(), oid).await.unwrap();
        let inv = invoices::get(db, id, &shop()).await.unwrap();
        assert!(!inv.intra_state);
        assert_eq!(inv.place_of_supply, "29-Karnataka");
        assert_eq!((inv.tax.cgst, inv.tax.sgst, inv.tax.igst), (Money::ZERO, Money::ZERO, Money(46_800 + 106_800)));
        assert_eq!((inv.lines[0].tax.igst, inv.lines[1].tax.igst), (Money(46_800), Money(106_800)));
        assert_eq!(inv.total, Money(1_303_600));
        assert_eq!(inv.buyer.name, "Desai Digital (Kiran Desai)");
        assert_eq!((inv.buyer.gstin.as_str(), inv.buyer.state_code.as_str()), ("29AAGCB7383J1Z4", "29"));
        assert_eq!((inv.buyer.address.as_str(), inv.buyer.email.as_str()), ("12 Brigade Road, Bengaluru", "accounts@desai.example"));
    });
}

#[tokio::test]
async fn numbers_are_gap_free_and_refusals_consume_none() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let (p, cust) = shop_fixture(db).await;
        let a = letterheads(db, &p, cust).await;
        let b = letterheads(db, &p, cust).await;
        let draft = orders::create(db, &staff(Role::FrontDesk), &shop(), today(), &OrderInput { draft: true, ..order_input(cust, vec![line(&p["LTR-A4"], 100)]) })
            .await
            .unwrap()
            .0;
        let cancelled = letterheads(db, &p, cust).await;
        orders::change_status(db, &staff(Role::Owner), cancelled, 1, OrderStatus::Cancelled, "duplicate").await.unwrap();

        let issue = async |order: i32| invoices::create_from_order(db, &staff(Role::FrontDesk), &shop(), today(), order).await;
        assert_eq!(issue(a).await.unwrap().1, "INV/2627/00001");
        for refused in [draft, a, cancelled] {
            let err = issue(refused).await.unwrap_err();
            assert!(matches!(err, AppError::Rejected(_)), "{err:?}");
        }
        assert!(issue(a).await.unwrap_err().to_string().contains("INV/2627/00001"));
        assert!(matches!(issue(9_999).await, Err(AppError::NotFound(_))));
        assert_eq!(count(db, "invoices").await, 1);
        assert_eq!(issue(b).await.unwrap().1, "INV/2627/00002");
        // A confirmed draft can be invoiced afterwards, and takes the next number.
        orders::change_status(db, &staff(Role::Owner), draft, 1, OrderStatus::Confirmed, "").await.unwrap();
        assert_eq!(issue(draft).await.unwrap().1, "INV/2627/00003");
        // A new financial year starts again at 1.
        let c = letterheads(db, &p, cust).await;
        let (_, next_fy) = invoices::create_from_order(db, &staff(Role::FrontDesk), &shop(), d(2027, 4, 2), c).await.unwrap();
        assert_eq!(next_fy, "INV/2728/00001");
        assert_eq!(count(db, "invoices").await, 4);
    });
}

#[tokio::test]
async fn payments_partial_then_full_and_bad_input_refused() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let (p, cust) = shop_fixture(db).await;
        let oid = letterheads(db, &p, cust).await;
        let (id, _) = invoices::create_from_order(db, &staff(Role::FrontDesk), &shop(), today(), oid).await.unwrap();
        assert_eq!(invoices::get(db, id, &shop()).await.unwrap().total, Money(82_600));
        let record = async |input: PaymentInput| invoices::record_payment(db, &staff(Role::FrontDesk), today(), id, &input).await;

        assert_eq!(record(pay("300.00", "upi", "2026-11-25")).await.unwrap(), PaymentStatus::Partial);
        let inv = invoices::get(db, id, &shop()).await.unwrap();
        assert_eq!((inv.amount_paid, inv.status, inv.balance()), (Money(30_000), PaymentStatus::Partial, Money(52_600)));

        let cases = [
            ("amount", pay("526.01", "cash", "2026-11-25")),
            ("amount", pay("0", "cash", "2026-11-25")),
            ("amount", pay("-5", "cash", "2026-11-25")),
            ("amount", pay("abc", "cash", "2026-11-25")),
            ("amount", pay("12.345", "cash", "2026-11-25")),
            ("method", pay("10", "bitcoin", "2026-11-25")),
            ("paid_on", pay("10", "cash", "2026-11-26")),
            ("paid_on", pay("10", "cash", "26/11/2026")),
            ("reference", PaymentInput { reference: "r".repeat(101), ..pay("10", "cash", "2026-11-25") }),
        ];
        for (field, input) in cases {
            let got = fields(record(input.clone()).await);
            assert!(got.iter().any(|f| f == field), "expected {field} for {input:?}, got {got:?}");
        }
        let over = record(pay("526.01", "cash", "2026-11-25")).await.unwrap_err();
        assert_eq!(over.field_message("amount").as_deref(), Some("Only ₹526.00 is still due"));
        // Nothing was written by the refusals.
        let inv = invoices::get(db, id, &shop()).await.unwrap();
        assert_eq!((inv.amount_paid, inv.payments.len()), (Money(30_000), 1));
        assert_eq!(count(db, "payments").await, 1);

        // The exact balance, dated earlier, settles it.
        assert_eq!(record(pay("526", "cash", "2026-11-20")).await.unwrap(), PaymentStatus::Paid);
        let inv = invoices::get(db, id, &shop()).await.unwrap();
        assert_eq!((inv.amount_paid, inv.status, inv.balance()), (Money(82_600), PaymentStatus::Paid, Money::ZERO));
        let listed: Vec<(Money, PaymentMethod, String)> = inv.payments.iter().map(|p| (p.amount, p.method, p.paid_on.clone())).collect();
        assert_eq!(listed, vec![(Money(52_600), PaymentMethod::Cash, "2026-11-20".into()), (Money(30_000), PaymentMethod::Upi, "2026-11-25".into())]);
        let full = record(pay("1", "cash", "2026-11-25")).await.unwrap_err();
        assert!(full.field_message("amount").unwrap().contains("paid in full"));
        assert_eq!(count(db, "payments").await, 2);
        let err = invoices::record_payment(db, &staff(Role::FrontDesk), today(), 9_999, &pay("1", "cash", "2026-11-25")).await.unwrap_err();
        assert!(matches!(err, AppError::NotFound(_)), "{err:?}");
    });
}

#[tokio::test]
async fn list_filters_due_overdue_paid_and_text() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let (p, priya) = shop_fixture(db).await;
        let k = kiran(db).await;
        let o: Vec<i32> = vec![
            letterheads(db, &p, priya).await,
            letterheads(db, &p, k).await,
            letterheads(db, &p, priya).await,
            letterheads(db, &p, k).await,
        ];
        let issued = [today(), d(2026, 10, 1), today(), d(2026, 10, 5)];
        let mut ids = Vec::new();
        for (order, day) in o.iter().zip(issued) {
            ids.push(invoices::create_from_order(db, &staff(Role::FrontDesk), &shop(), day, *order).await.unwrap().0);
        }
        let total = invoices::get(db, ids[2], &shop()).await.unwrap().total;
        invoices::record_payment(db, &staff(Role::FrontDesk), today(), ids[2], &pay(&total.to_input(), "bank", "2026-11-25")).await.unwrap();
        invoices::record_payment(db, &staff(Role::FrontDesk), today(), ids[3], &pay("100", "cash", "2026-11-01")).await.unwrap();

        let run = async |status: &str, q: &str| {
            let page = invoices::list(db, &InvoiceFilter { status: status.into(), q: q.into(), page: 1, per_page: 50 }, today()).await.unwrap();
            let mut got: Vec<i32> = page.items.iter().map(|r| r.id).collect();
            got.sort();
            assert_eq!(page.total as usize, got.len());
            got
        };
        let pick = |idx: &[usize]| idx.iter().map(|i| ids[*i]).collect::<Vec<_>>();
        assert_eq!(run("", "").await, pick(&[0, 1, 2, 3]));
        assert_eq!(run("due", "").await, pick(&[0, 1, 3]));
        assert_eq!(run("overdue", "").await, pick(&[1, 3]));
        assert_eq!(run("paid", "").await, pick(&[2]));
        assert_eq!(run("partial", "").await, pick(&[3]));
        assert_eq!(run("unpaid", "").await, pick(&[0, 1]));
        assert_eq!(run("", "00002").await, pick(&[1]));
        assert_eq!(run("", "inv/2627").await, pick(&[0, 1, 2, 3]));
        assert_eq!(run("", "DESAI").await, pick(&[1, 3]));
        assert_eq!(run("", "priya").await, pick(&[0, 2]));
        assert_eq!(run("overdue", "kiran").await, pick(&[1, 3]));
        assert_eq!(fields(invoices::list(db, &InvoiceFilter { status: "lost".into(), ..Default::default() }, today()).await), vec!["status".to_string()]);

        // Rows: newest issue first, with order number, customer and overdue flag.
        let page = invoices::list(db, &InvoiceFilter { page: 1, per_page: 3, ..Default::default() }, today()).await.unwrap();
        assert_eq!((page.total, page.pages()), (4, 2));
        assert_eq!(page.items.iter().map(|r| r.id).collect::<Vec<_>>(), vec![ids[2], ids[0], ids[3]]);
        let r = &page.items[2];
        assert_eq!((r.customer.as_str(), r.order_number.as_str(), r.due_date.as_str()), ("Kiran Desai", "PD-2026-00004", "2026-10-20"));
        assert_eq!((r.status, r.overdue, r.amount_paid), (PaymentStatus::Partial, true, Money(10_000)));
        assert!(!page.items[0].overdue);
    });
}

/// 10 invoices for 10 orders at once: numbers 1..=10, no gaps, no duplicates. On
/// PostgreSQL the pool runs them in parallel; on SQLite the one writer serialises them.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_invoices_get_distinct_gap_free_numbers() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let (p, cust) = shop_fixture(db).await;
        let mut order_ids = Vec::new();
        for _ in 0..10 {
            order_ids.push(letterheads(db, &p, cust).await);
        }
        warm_pool(db, 10).await;
        let mut set = tokio::task::JoinSet::new();
        for oid in order_ids.clone() {
            let db = db.clone();
            set.spawn(async move { invoices::create_from_order(&db, &staff(Role::FrontDesk), &shop(), today(), oid).await });
        }
        let mut numbers = Vec::new();
        while let Some(res) = set.join_next().await {
            numbers.push(res.expect("task").expect("invoice").1);
        }
        numbers.sort();
        let expected: Vec<String> = (1..=10).map(|n| format!("INV/2627/{n:05}")).collect();
        assert_eq!(numbers, expected);
        assert_eq!(count(db, "invoices").await, 10);
        // Each order got exactly one invoice.
        let mut invoiced: Vec<i32> = Vec::new();
        for oid in &order_ids {
            invoiced.extend(orders::get(db, *oid, &shop(), chrono_tz::Asia::Kolkata).await.unwrap().invoices.iter().map(|_| *oid));
        }
        assert_eq!(invoiced, order_ids);
    });
}

#[tokio::test]
async fn pdf_renders_with_number_order_and_customer() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let p = common::catalogue(db).await;
        let k = kiran(db).await;
        let (oid, onum) = orders::create(db, &staff(Role::FrontDesk), &shop(), today(), &order_input(k, mixed_lines(&p))).await.unwrap();
        let (id, number) = invoices::create_from_order(db, &staff(Role::FrontDesk), &shop(), today(), oid).await.unwrap();
        let inv = invoices::get(db, id, &shop()).await.unwrap();
        let bytes = pressdesk::pdf::invoice::render(&inv, "Test Press").expect("render");
        assert!(bytes.starts_with(b"%PDF"), "not a PDF");
        assert!(bytes.len() > 1_000);
        let path = std::env::temp_dir().join(format!("pd_invoice_{}_{}.pdf", std::process::id(), t.backend));
        std::fs::write(&path, &bytes).unwrap();
        match std::process::Command::new("pdftotext").arg("-layout").arg(&path).arg("-").output() {
            Ok(out) if out.status.success() => {
                let text = String::from_utf8_lossy(&out.stdout);
                for needle in [number.as_str(), onum.as_str(), "Kiran Desai", "Test Press", "IGST", "29AAGCB7383J1Z4"] {
                    assert!(text.contains(needle), "{needle:?} missing from the PDF text:\n{text}");
                }
            }
            Ok(out) => panic!("pdftotext failed: {}", String::from_utf8_lossy(&out.stderr)),
            Err(e) => panic!("pdftotext is required (make test installs poppler-utils): {e}"),
        }
        let _ = std::fs::remove_file(&path);
    });
}

/// Opens `n` pooled connections on PostgreSQL so concurrent tasks really overlap (a cold
/// pool would hand them out one by one as it connects).
async fn warm_pool(db: &Db, n: usize) {
    if !db.is_postgres() {
        return;
    }
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..n {
        let db = db.clone();
        set.spawn(async move {
            use sea_orm::ConnectionTrait;
            db.write.execute_unprepared("SELECT pg_sleep(0.2)").await.expect("warm-up");
        });
    }
    while set.join_next().await.is_some() {}
}

/// Five cashiers press "Issue invoice" on the same order at once: one invoice, one number.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_order_invoiced_concurrently_gets_one_invoice() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let (p, cust) = shop_fixture(db).await;
        let oid = letterheads(db, &p, cust).await;
        warm_pool(db, 6).await;
        let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(5));
        let mut set = tokio::task::JoinSet::new();
        for _ in 0..5 {
            let (db, barrier) = (db.clone(), barrier.clone());
            set.spawn(async move {
                barrier.wait().await;
                invoices::create_from_order(&db, &staff(Role::FrontDesk), &shop(), today(), oid).await
            });
        }
        let (mut issued, mut refused) = (Vec::new(), 0);
        while let Some(res) = set.join_next().await {
            match res.expect("task") {
                Ok((_, number)) => issued.push(number),
                Err(AppError::Rejected(_)) => refused += 1,
                Err(other) => panic!("unexpected error {other:?}"),
            }
        }
        assert_eq!(issued, vec!["INV/2627/00001".to_string()]);
        assert_eq!(refused, 4);
        assert_eq!(count(db, "invoices").await, 1);
        // The refused attempts handed their numbers back.
        let next = letterheads(db, &p, cust).await;
        assert_eq!(invoices::create_from_order(db, &staff(Role::FrontDesk), &shop(), today(), next).await.unwrap().1, "INV/2627/00002");
    });
}

/// Two cashiers record 500.00 each on an 826.00 invoice at the same moment: one wins.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_payments_never_overpay() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let (p, cust) = shop_fixture(db).await;
        let oid = letterheads(db, &p, cust).await;
        let (id, _) = invoices::create_from_order(db, &staff(Role::FrontDesk), &shop(), today(), oid).await.unwrap();
        warm_pool(db, 3).await;
        let mut set = tokio::task::JoinSet::new();
        for _ in 0..2 {
            let db = db.clone();
            set.spawn(async move { invoices::record_payment(&db, &staff(Role::FrontDesk), today(), id, &pay("500", "cash", "2026-11-25")).await });
        }
        let mut ok = 0;
        while let Some(res) = set.join_next().await {
            match res.expect("task") {
                Ok(status) => {
                    assert_eq!(status, PaymentStatus::Partial);
                    ok += 1;
                }
                Err(e) => assert!(matches!(e, AppError::Conflict(_)) || e.field_message("amount").is_some(), "{e:?}"),
            }
        }
        assert_eq!(ok, 1);
        let inv = invoices::get(db, id, &shop()).await.unwrap();
        assert_eq!((inv.amount_paid, inv.payments.len()), (Money(50_000), 1));
    });
}
