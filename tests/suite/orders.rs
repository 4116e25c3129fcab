#![cfg(feature = "ssr")]
//! Orders service: pricing against the catalogue, numbering, GST mode, validation with line
//! field names (nothing written, no number consumed), optimistic locking, status workflow
//! with history, lists and detail, on SQLite and PostgreSQL.
use crate::common;

use chrono::NaiveDate;
use common::{count, fields, line, opt, order_input, shop, shop_fixture, staff, today, TestDb};
use pressdesk::domain::money::Money;
use pressdesk::domain::order::OrderStatus::{self, *};
use pressdesk::domain::roles::Role;
use pressdesk::domain::tax::TaxMode;
use pressdesk::domain::totals::{self, LineInput};
use pressdesk::dto::orders::{LineDraft, OrderFilter, OrderInput};
use pressdesk::dto::products::Product;
use pressdesk::error::AppError;
use pressdesk::services::orders;
use std::collections::HashMap;

const TZ: chrono_tz::Tz = chrono_tz::Asia::Kolkata;

/// 500 business cards (350 GSM matt, matt lamination, double sided) and 120 sqft of star
/// flex with eyelets less 10.00.
fn two_lines(p: &HashMap<String, Product>) -> Vec<LineDraft> {
    vec![
        LineDraft {
            options: vec![opt("Paper", "350 GSM matt"), opt("Finish", "Matt lamination"), opt("Sides", "Double sided")],
            ..line(&p["BC-STD"], 500)
        },
        LineDraft {
            options: vec![opt("Material", "Star flex"), opt("Finishing", "Eyelets")],
            discount: Money(1_000),
            ..line(&p["FLX-STD"], 120)
        },
    ]
}

async fn status_to(db: &pressdesk::db::Db, id: i32, to: OrderStatus, comment: &str) {
    let v = orders::get(db, id, &shop(), TZ).await.unwrap().version;
    orders::change_status(db, &staff(Role::Manager), id, v, to, comment).await.unwrap();
}

#[tokio::test]
async fn create_prices_lines_and_numbers_sequentially() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let (p, cust) = shop_fixture(db).await;
        let (id, number) = orders::create(db, &staff(Role::FrontDesk), &shop(), today(), &order_input(cust, two_lines(&p))).await.unwrap();
        assert_eq!(number, "PD-2026-00001");
        let o = orders::get(db, id, &shop(), TZ).await.unwrap();
        assert_eq!(o.status, Confirmed);
        // By hand: cards tier(500) 0.80 + 0.20 + 0.25 = 1.25, x1.5 double sided = 1.875 -> 1.88;
        // flex tier(100) 15.00 + 6.00 + 2.00 = 23.00.
        assert_eq!(o.lines[0].unit_price, Money(188));
        assert_eq!(o.lines[1].unit_price, Money(2_300));
        // The same as the domain pricing says.
        let domain_price = p["BC-STD"].price_config().unit_price(500, &two_lines(&p)[0].options).unwrap();
        assert_eq!(domain_price, Money(188));
        assert_eq!(o.lines[0].description, "Business cards (Paper: 350 GSM matt · Finish: Matt lamination · Sides: Double sided)");
        assert_eq!((o.lines[0].unit.as_str(), o.lines[1].unit.as_str()), ("pcs", "sqft"));
        assert_eq!((o.lines[0].hsn_sac.as_str(), o.lines[0].tax_rate_bp), ("4911", 1800));
        // Line 1: 500 x 1.88 = 940.00, CGST 9% = 84.60, SGST 84.60 -> 1,109.20.
        // Line 2: 120 x 23.00 = 2,760.00 less 10.00 = 2,750.00, CGST/SGST 247.50 each -> 3,245.00.
        assert_eq!(o.lines[0].line_total, Money(110_920));
        assert_eq!(o.lines[1].line_total, Money(324_500));
        let tt = &o.totals;
        assert_eq!(tt.subtotal, Money(370_000));
        assert_eq!(tt.discount, Money(1_000));
        assert_eq!(tt.taxable, Money(369_000));
        assert_eq!((tt.tax.cgst, tt.tax.sgst, tt.tax.igst), (Money(33_210), Money(33_210), Money::ZERO));
        assert_eq!(tt.total, Money(435_420));
        let by_domain = totals::check(
            &[
                LineInput { quantity: 500, unit_price: Money(188), discount: Money::ZERO, tax_rate_bp: 1800 },
                LineInput { quantity: 120, unit_price: Money(2_300), discount: Money(1_000), tax_rate_bp: 1800 },
            ],
            TaxMode::GstIntra,
        )
        .unwrap();
        assert_eq!(*tt, by_domain);
        // What the list shows is what was stored.
        let listed = orders::list(db, &OrderFilter::default(), today(), TZ).await.unwrap();
        assert_eq!(listed.items[0].total, Money(435_420));
        assert_eq!(listed.items[0].customer, "Priya Sharma");
        assert_eq!(count(db, "order_lines").await, 2);

        let (_, n2) = orders::create(db, &staff(Role::FrontDesk), &shop(), today(), &order_input(cust, vec![line(&p["LTR-A4"], 100)])).await.unwrap();
        let (_, n3) = orders::create(db, &staff(Role::FrontDesk), &shop(), today(), &OrderInput { draft: true, ..order_input(cust, vec![line(&p["LTR-A4"], 100)]) })
            .await
            .unwrap();
        assert_eq!((n2.as_str(), n3.as_str()), ("PD-2026-00002", "PD-2026-00003"));
        // A typed price overrides the catalogue.
        let typed = LineDraft { unit_price: Some(Money(999)), ..line(&p["LTR-A4"], 100) };
        let (id4, _) = orders::create(db, &staff(Role::FrontDesk), &shop(), today(), &order_input(cust, vec![typed])).await.unwrap();
        assert_eq!(orders::get(db, id4, &shop(), TZ).await.unwrap().lines[0].unit_price, Money(999));
    });
}

#[tokio::test]
async fn inter_state_customer_pays_igst() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let p = common::catalogue(db).await;
        let ka = common::customer(db, "Bangalore Bakes", "98450 12345", "29").await;
        let (id, _) = orders::create(db, &staff(Role::Owner), &shop(), today(), &order_input(ka, two_lines(&p))).await.unwrap();
        let o = orders::get(db, id, &shop(), TZ).await.unwrap();
        assert_eq!(o.customer_state, "29");
        // 18% of 940.00 = 169.20 and of 2,750.00 = 495.00.
        assert_eq!((o.totals.tax.cgst, o.totals.tax.sgst), (Money::ZERO, Money::ZERO));
        assert_eq!(o.totals.tax.igst, Money(16_920 + 49_500));
        assert_eq!(o.totals.total, Money(435_420));
        // A customer with no state is treated as local supply.
        let walk_in = common::customer(db, "Walk In", "90000 00001", "").await;
        let (id2, _) = orders::create(db, &staff(Role::Owner), &shop(), today(), &order_input(walk_in, two_lines(&p))).await.unwrap();
        let o2 = orders::get(db, id2, &shop(), TZ).await.unwrap();
        assert_eq!((o2.totals.tax.cgst, o2.totals.tax.igst), (Money(33_210), Money::ZERO));
    });
}

#[tokio::test]
async fn bad_input_names_the_field_writes_nothing_and_keeps_the_number() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let (p, cust) = shop_fixture(db).await;
        let bc = &p["BC-STD"];
        let ok = || order_input(cust, vec![line(bc, 100)]);
        let with = |l: LineDraft| order_input(cust, vec![l]);
        let cases: Vec<(&str, OrderInput)> = vec![
            ("lines", order_input(cust, vec![])),
            ("lines.0.product_id", with(LineDraft { product_id: 9_999, ..line(bc, 100) })),
            ("lines.0.quantity", with(line(bc, 0))),
            ("lines.0.quantity", with(line(bc, -5))),
            ("lines.0.quantity", with(line(bc, 50))),
            ("lines.0.options", with(LineDraft { options: vec![opt("Paper", "Gold leaf")], ..line(bc, 100) })),
            ("lines.0.options", with(LineDraft { options: vec![opt("Paper", "350 GSM matt")], ..line(bc, 100) })),
            ("lines.0.discount", with(LineDraft { discount: Money(15_001), ..line(bc, 100) })),
            ("lines.0.discount", with(LineDraft { discount: Money(-1), ..line(bc, 100) })),
            ("lines.0.unit_price", with(LineDraft { unit_price: Some(Money(-100)), ..line(bc, 100) })),
            ("lines.1.quantity", order_input(cust, vec![line(bc, 100), line(&p["FLX-STD"], 5)])),
            ("lines.0.description", with(LineDraft { description: "d".repeat(301), ..line(bc, 100) })),
            ("due_date", OrderInput { due_date: "2026-11-24".into(), ..ok() }),
            ("due_date", OrderInput { due_date: "25/12/2026".into(), ..ok() }),
            ("notes", OrderInput { notes: "n".repeat(2_001), ..ok() }),
            ("customer_id", OrderInput { customer_id: 9_999, ..ok() }),
        ];
        for (field, input) in cases {
            let got = fields(orders::create(db, &staff(Role::FrontDesk), &shop(), today(), &input).await);
            assert!(got.iter().any(|f| f == field), "expected an error on {field}, got {got:?} for {input:?}");
            assert_eq!(count(db, "orders").await, 0, "{field}");
            assert_eq!(count(db, "order_lines").await, 0, "{field}");
            assert_eq!(count(db, "order_status_history").await, 0, "{field}");
        }
        // An inactive product cannot be ordered.
        let flyer = &p["FLY-A5"];
        pressdesk::services::products::save(db, &staff(Role::Owner), Some(flyer.id), &pressdesk::dto::products::ProductInput { active: false, ..flyer.input.clone() })
            .await
            .unwrap();
        let got = fields(orders::create(db, &staff(Role::FrontDesk), &shop(), today(), &with(line(flyer, 100))).await);
        assert_eq!(got, vec!["lines.0.product_id".to_string()]);

        // Today as due date is fine, and the refused attempts consumed no number.
        let (_, number) = orders::create(db, &staff(Role::FrontDesk), &shop(), today(), &OrderInput { due_date: "2026-11-25".into(), ..ok() }).await.unwrap();
        assert_eq!(number, "PD-2026-00001");
        assert_eq!(count(db, "orders").await, 1);
    });
}

#[tokio::test]
async fn update_reprices_and_refuses_stale_or_delivered() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let (p, cust) = shop_fixture(db).await;
        let (id, _) = orders::create(db, &staff(Role::FrontDesk), &shop(), today(), &order_input(cust, vec![line(&p["BC-STD"], 100)])).await.unwrap();
        let v1 = orders::get(db, id, &shop(), TZ).await.unwrap().version;
        assert_eq!(v1, 1);
        // Edit: 1,000 cards (tier 0.55) + a design fee.
        let new_lines = vec![line(&p["BC-STD"], 1_000), line(&p["DES-SVC"], 1)];
        orders::update(db, &staff(Role::FrontDesk), &shop(), today(), id, v1, &OrderInput { notes: "Rush please".into(), ..order_input(cust, new_lines) })
            .await
            .unwrap();
        let o = orders::get(db, id, &shop(), TZ).await.unwrap();
        assert_eq!(o.version, 2);
        assert_eq!(o.notes, "Rush please");
        assert_eq!(o.lines.len(), 2);
        assert_eq!(o.lines[0].unit_price, Money(55));
        assert_eq!(o.lines[1].unit_price, Money(150_000));
        assert_eq!(o.totals.taxable, Money(55_000 + 150_000));
        assert_eq!(count(db, "order_lines").await, 2);

        // Someone still holding version 1 is refused and nothing changes.
        let err = orders::update(db, &staff(Role::FrontDesk), &shop(), today(), id, v1, &order_input(cust, vec![line(&p["BC-STD"], 250)]))
            .await
            .unwrap_err();
        assert!(matches!(err, AppError::Conflict(_)), "{err:?}");
        let after = orders::get(db, id, &shop(), TZ).await.unwrap();
        assert_eq!((after.version, after.lines.len(), after.lines[0].quantity), (2, 2, 1_000));
        assert_eq!(count(db, "order_lines").await, 2);

        // Unknown order.
        let err = orders::update(db, &staff(Role::FrontDesk), &shop(), today(), 9_999, 1, &order_input(cust, vec![line(&p["BC-STD"], 100)])).await.unwrap_err();
        assert!(matches!(err, AppError::NotFound(_)), "{err:?}");

        // Delivered orders are closed for edits.
        for to in [InProduction, Ready, Delivered] {
            status_to(db, id, to, "").await;
        }
        let v = orders::get(db, id, &shop(), TZ).await.unwrap().version;
        let err = orders::update(db, &staff(Role::Owner), &shop(), today(), id, v, &order_input(cust, vec![line(&p["BC-STD"], 100)])).await.unwrap_err();
        assert!(matches!(err, AppError::Rejected(_)), "{err:?}");
        let last = orders::get(db, id, &shop(), TZ).await.unwrap();
        assert_eq!((last.version, last.lines[0].quantity), (v, 1_000));
    });
}

#[tokio::test]
async fn status_workflow_writes_history_and_refuses_bad_moves() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let (p, cust) = shop_fixture(db).await;
        let input = OrderInput { draft: true, ..order_input(cust, vec![line(&p["BC-STD"], 100)]) };
        let (id, _) = orders::create(db, &staff(Role::FrontDesk), &shop(), today(), &input).await.unwrap();
        assert_eq!(orders::get(db, id, &shop(), TZ).await.unwrap().status, Draft);

        // Illegal: draft straight to delivered. Nothing written.
        let err = orders::change_status(db, &staff(Role::Operator), id, 1, Delivered, "").await.unwrap_err();
        assert_eq!(err, AppError::Rejected("An order that is draft cannot be set to delivered".into()));
        let err = orders::change_status(db, &staff(Role::Operator), id, 1, Draft, "").await.unwrap_err();
        assert!(matches!(err, AppError::Rejected(_)));
        assert_eq!(count(db, "order_status_history").await, 1);
        assert_eq!(orders::get(db, id, &shop(), TZ).await.unwrap().version, 1);

        let path = [(Confirmed, "Advance paid"), (InProduction, "On the Heidelberg"), (Ready, ""), (Delivered, "Collected by Priya")];
        for (i, (to, comment)) in path.iter().enumerate() {
            let version = i as i32 + 1;
            orders::change_status(db, &staff(Role::Operator), id, version, *to, comment).await.unwrap();
            // The old version is now stale.
            let err = orders::change_status(db, &staff(Role::Operator), id, version, *to, comment).await.unwrap_err();
            assert!(matches!(err, AppError::Conflict(_)), "{err:?}");
        }
        let o = orders::get(db, id, &shop(), TZ).await.unwrap();
        assert_eq!((o.status, o.version), (Delivered, 5));
        assert_eq!(o.history.len(), 5);
        assert_eq!((o.history[0].from, o.history[0].to), (None, Draft));
        assert_eq!(o.history[0].comment, "Order created");
        let moves: Vec<(Option<OrderStatus>, OrderStatus, String)> = o.history[1..].iter().map(|h| (h.from, h.to, h.comment.clone())).collect();
        assert_eq!(
            moves,
            vec![
                (Some(Draft), Confirmed, "Advance paid".to_string()),
                (Some(Confirmed), InProduction, "On the Heidelberg".to_string()),
                (Some(InProduction), Ready, String::new()),
                (Some(Ready), Delivered, "Collected by Priya".to_string()),
            ]
        );
        assert!(o.history.iter().all(|h| h.by == "Tester (operator)" || h.by == "Tester (front desk)"), "{:?}", o.history);
        assert_eq!(o.history[4].by, "Tester (operator)");
        assert_eq!(count(db, "order_status_history").await, 5);

        // Delivered is final.
        let err = orders::change_status(db, &staff(Role::Owner), id, 5, Cancelled, "changed mind").await.unwrap_err();
        assert!(matches!(err, AppError::Rejected(_)));

        // Cancelling needs a reason; with one it works.
        let (id2, _) = orders::create(db, &staff(Role::FrontDesk), &shop(), today(), &order_input(cust, vec![line(&p["BC-STD"], 100)])).await.unwrap();
        let got = fields(orders::change_status(db, &staff(Role::Owner), id2, 1, Cancelled, "   ").await);
        assert_eq!(got, vec!["comment".to_string()]);
        let got = fields(orders::change_status(db, &staff(Role::Owner), id2, 1, InProduction, &"c".repeat(501)).await);
        assert_eq!(got, vec!["comment".to_string()]);
        assert_eq!(orders::get(db, id2, &shop(), TZ).await.unwrap().version, 1);
        assert_eq!(count(db, "order_status_history").await, 6);
        orders::change_status(db, &staff(Role::Owner), id2, 1, Cancelled, "Customer called off").await.unwrap();
        assert_eq!(orders::get(db, id2, &shop(), TZ).await.unwrap().status, Cancelled);
        assert!(matches!(orders::change_status(db, &staff(Role::Owner), 9_999, 1, Confirmed, "").await, Err(AppError::NotFound(_))));
    });
}

#[tokio::test]
async fn list_filters_and_pages() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let (p, priya) = shop_fixture(db).await;
        let kiran = pressdesk::services::customers::create(
            db,
            &staff(Role::Owner),
            &pressdesk::dto::customers::CustomerInput { name: "Kiran Desai".into(), company: "Desai Digital".into(), phone: "91111 22222".into(), ..Default::default() },
            "91",
        )
        .await
        .unwrap();
        let mk = |c: i32, due: &str, draft: bool| OrderInput { due_date: due.into(), draft, ..order_input(c, vec![line(&p["BC-STD"], 100)]) };
        let mut ids = Vec::new();
        for input in [mk(priya, "2026-11-30", false), mk(priya, "2026-12-05", true), mk(kiran, "2026-12-10", false), mk(kiran, "", false), mk(kiran, "2026-11-26", false)] {
            ids.push(orders::create(db, &staff(Role::FrontDesk), &shop(), today(), &input).await.unwrap().0);
        }
        status_to(db, ids[2], InProduction, "").await;
        status_to(db, ids[3], Cancelled, "duplicate").await;
        for to in [Ready, Delivered] {
            status_to(db, ids[4], to, "").await;
        }
        let run = async |f: OrderFilter| {
            let page = orders::list(db, &OrderFilter { per_page: if f.per_page == 0 { 50 } else { f.per_page }, ..f }, today(), TZ).await.unwrap();
            let mut numbers: Vec<String> = page.items.iter().map(|r| r.number.trim_start_matches("PD-2026-").to_string()).collect();
            numbers.sort();
            (page.total, numbers)
        };
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(run(OrderFilter::default()).await, (5, s(&["00001", "00002", "00003", "00004", "00005"])));
        assert_eq!(run(OrderFilter { status: "draft".into(), ..Default::default() }).await, (1, s(&["00002"])));
        assert_eq!(run(OrderFilter { status: "in_production".into(), ..Default::default() }).await, (1, s(&["00003"])));
        assert_eq!(run(OrderFilter { status: "open".into(), ..Default::default() }).await, (2, s(&["00001", "00003"])));
        assert_eq!(run(OrderFilter { customer_id: Some(kiran), ..Default::default() }).await, (3, s(&["00003", "00004", "00005"])));
        assert_eq!(run(OrderFilter { customer_id: Some(kiran), status: "open".into(), ..Default::default() }).await, (1, s(&["00003"])));
        assert_eq!(run(OrderFilter { due_from: "2026-11-29".into(), due_to: "2026-12-06".into(), ..Default::default() }).await, (2, s(&["00001", "00002"])));
        assert_eq!(run(OrderFilter { due_from: "2026-12-01".into(), ..Default::default() }).await, (2, s(&["00002", "00003"])));
        assert_eq!(run(OrderFilter { q: "00003".into(), ..Default::default() }).await, (1, s(&["00003"])));
        assert_eq!(run(OrderFilter { q: "pd-2026-0000".into(), ..Default::default() }).await.0, 5);
        assert_eq!(run(OrderFilter { q: "KIRAN".into(), ..Default::default() }).await.0, 3);
        assert_eq!(run(OrderFilter { q: "digital".into(), ..Default::default() }).await.0, 3);
        assert_eq!(run(OrderFilter { q: "priya".into(), status: "draft".into(), ..Default::default() }).await, (1, s(&["00002"])));
        for (f, field) in [
            (OrderFilter { status: "lost".into(), ..Default::default() }, "status"),
            (OrderFilter { due_from: "yesterday".into(), ..Default::default() }, "due_from"),
            (OrderFilter { due_to: "2026-13-01".into(), ..Default::default() }, "due_to"),
        ] {
            assert_eq!(fields(orders::list(db, &f, today(), TZ).await), vec![field.to_string()]);
        }

        // The customer list counts each customer's orders.
        let counts: Vec<(String, u64)> = pressdesk::services::customers::list(db, "", 1, 10).await.unwrap().items.into_iter().map(|c| (c.name, c.orders)).collect();
        assert_eq!(counts, vec![("Kiran Desai".to_string(), 3), ("Priya Sharma".to_string(), 2)]);

        // Paging: newest first, 2 a page.
        let page = async |n: u64| orders::list(db, &OrderFilter { page: n, per_page: 2, ..Default::default() }, today(), TZ).await;
        let (p1, p3) = (page(1).await.unwrap(), page(3).await.unwrap());
        assert_eq!((p1.total, p1.pages(), p1.items.len()), (5, 3, 2));
        assert_eq!(p1.items.iter().map(|r| r.id).collect::<Vec<_>>(), vec![ids[4], ids[3]]);
        assert_eq!(p3.items.iter().map(|r| r.id).collect::<Vec<_>>(), vec![ids[0]]);
        let row = &p3.items[0];
        assert_eq!((row.customer.as_str(), row.status, row.due_date.as_deref(), row.late), ("Priya Sharma", Confirmed, Some("2026-11-30"), false));
        // Seen a week later, order 1 is late.
        let later = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let late_rows = orders::list(db, &OrderFilter { status: "open".into(), per_page: 10, ..Default::default() }, later, TZ).await.unwrap();
        let late: Vec<bool> = late_rows.items.iter().filter(|r| r.id == ids[0]).map(|r| r.late).collect();
        assert_eq!(late, vec![true]);
    });
}

#[tokio::test]
async fn get_returns_lines_totals_history_and_invoices() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let (p, cust) = shop_fixture(db).await;
        let (id, number) = orders::create(db, &staff(Role::FrontDesk), &shop(), today(), &OrderInput { due_date: "2026-12-01".into(), ..order_input(cust, two_lines(&p)) })
            .await
            .unwrap();
        status_to(db, id, InProduction, "Plates made").await;
        let (inv_id, inv_no) = pressdesk::services::invoices::create_from_order(db, &staff(Role::FrontDesk), &shop(), today(), id).await.unwrap();
        let o = orders::get(db, id, &shop(), TZ).await.unwrap();
        assert_eq!(o.number, number);
        assert_eq!(o.customer_id, cust);
        assert_eq!(o.customer, "Priya Sharma · +919876543210");
        assert_eq!(o.customer_phone, "+919876543210");
        assert_eq!(o.due_date.as_deref(), Some("2026-12-01"));
        assert_eq!(o.lines.len(), 2);
        assert_eq!(o.lines[0].product_name, "Business cards");
        assert_eq!(o.lines[1].product_name, "Flex banners");
        assert_eq!(o.lines[1].discount, Money(1_000));
        assert_eq!(o.lines[1].options, vec![opt("Material", "Star flex"), opt("Finishing", "Eyelets")]);
        assert_eq!(o.totals.total, Money(435_420));
        assert_eq!(o.history.len(), 2);
        assert_eq!(o.history[1].comment, "Plates made");
        assert_eq!(o.invoices.len(), 1);
        assert_eq!((o.invoices[0].id, o.invoices[0].number.as_str(), o.invoices[0].total), (inv_id, inv_no.as_str(), Money(435_420)));
        assert_eq!(o.invoices[0].status, "unpaid");
        assert!(matches!(orders::get(db, 9_999, &shop(), TZ).await, Err(AppError::NotFound(_))));
    });
}

/// Eight orders taken at the same moment get eight distinct, consecutive numbers.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_orders_get_distinct_consecutive_numbers() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let (p, cust) = shop_fixture(db).await;
        let mut set = tokio::task::JoinSet::new();
        for _ in 0..8 {
            let (db, input) = (db.clone(), order_input(cust, vec![line(&p["BC-STD"], 100)]));
            set.spawn(async move { orders::create(&db, &staff(Role::FrontDesk), &shop(), today(), &input).await });
        }
        let mut numbers = Vec::new();
        while let Some(res) = set.join_next().await {
            numbers.push(res.expect("task").expect("order").1);
        }
        numbers.sort();
        assert_eq!(numbers, (1..=8).map(|n| format!("PD-2026-{n:05}")).collect::<Vec<_>>());
        assert_eq!(count(db, "orders").await, 8);
        assert_eq!(count(db, "order_status_history").await, 8);
    });
}
