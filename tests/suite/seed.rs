#![cfg(feature = "ssr")]
//! Demo-data seeder: stored totals agree with the domain, numbers are gap-free and continue,
//! the data is deterministic and shows seasons and co-purchases, on SQLite and PostgreSQL.
use crate::common;

use chrono::{Datelike, TimeZone, Utc};
use common::{count, order_input, shop, staff, today, TestDb};
use pressdesk::db::e::*;
use pressdesk::db::Db;
use pressdesk::domain::invoice::payment_status;
use pressdesk::domain::money::Money;
use pressdesk::domain::numbering;
use pressdesk::domain::order::OrderStatus;
use pressdesk::domain::roles::Role;
use pressdesk::domain::totals::{check, LineInput};
use pressdesk::domain::validate::validate_gstin;
use pressdesk::dto::orders::LineDraft;
use pressdesk::seed::{run_at, SeedOptions};
use sea_orm::{EntityTrait, QueryOrder};
use std::collections::{BTreeMap, BTreeSet};

/// 16:00 in Pune on the harness's "today".
fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 10, 30, 0).unwrap()
}

fn small(seed: u64) -> SeedOptions {
    SeedOptions { customers: 40, orders: 400, months: 24, seed }
}

async fn series(db: &Db) -> BTreeMap<String, i64> {
    number_series::Entity::find().all(&db.read).await.unwrap().into_iter().map(|s| (s.key, s.next_value)).collect()
}

/// (number, customer, status, total) of every order, plus every invoice number: what the
/// same seed must reproduce.
async fn fingerprint(db: &Db) -> (Vec<(String, i32, String, i64)>, Vec<String>) {
    let orders = orders::Entity::find().order_by_asc(orders::Column::Id).all(&db.read).await.unwrap();
    let invoices = invoices::Entity::find().order_by_asc(invoices::Column::Id).all(&db.read).await.unwrap();
    (
        orders.into_iter().map(|o| (o.number, o.customer_id, o.status, o.total)).collect(),
        invoices.into_iter().map(|i| i.number).collect(),
    )
}

/// Every stored amount agrees with `domain::totals` and the numbering rules hold.
async fn check_consistency(db: &Db) {
    let shop = shop();
    let customers: BTreeMap<i32, customers::Model> =
        customers::Entity::find().all(&db.read).await.unwrap().into_iter().map(|c| (c.id, c)).collect();
    let orders = orders::Entity::find().order_by_asc(orders::Column::Id).all(&db.read).await.unwrap();
    let mut lines: BTreeMap<i32, Vec<order_lines::Model>> = BTreeMap::new();
    for l in order_lines::Entity::find().order_by_asc(order_lines::Column::Position).all(&db.read).await.unwrap() {
        lines.entry(l.order_id).or_default().push(l);
    }
    let mut history: BTreeMap<i32, Vec<order_status_history::Model>> = BTreeMap::new();
    for h in order_status_history::Entity::find().order_by_asc(order_status_history::Column::Id).all(&db.read).await.unwrap() {
        history.entry(h.order_id).or_default().push(h);
    }
    let mut per_year: BTreeMap<i32, Vec<(chrono::DateTime<Utc>, i64)>> = BTreeMap::new();
    for o in &orders {
        let c = &customers[&o.customer_id];
        let ls = &lines[&o.id];
        let inputs: Vec<LineInput> = ls
            .iter()
            .map(|l| LineInput { quantity: l.quantity, unit_price: Money(l.unit_price), discount: Money(l.discount), tax_rate_bp: l.tax_rate_bp })
            .collect();
        let t = check(&inputs, shop.tax_mode_for(&c.state_code)).unwrap();
        assert_eq!((o.subtotal, o.discount_total, o.tax_total, o.total), (t.subtotal.0, t.discount.0, t.tax_total().0, t.total.0), "{}", o.number);
        for (l, lt) in ls.iter().zip(&t.lines) {
            assert_eq!((l.line_subtotal, l.line_tax, l.line_total), (lt.subtotal.0, lt.tax.total().0, lt.total.0));
        }
        let h = &history[&o.id];
        assert!(h[0].from_status.is_none());
        assert_eq!(h.last().unwrap().to_status, o.status);
        assert_eq!(h.len() as i32, o.version);
        assert!(h.windows(2).all(|w| w[0].changed_at < w[1].changed_at && w[1].from_status.as_deref() == Some(w[0].to_status.as_str())));
        assert!(h.iter().all(|r| r.changed_by.is_none() && !r.changed_by_name.is_empty()));
        let local = o.created_at.with_timezone(&chrono_tz::Asia::Kolkata);
        let (prefix, seq) = o.number.rsplit_once('-').unwrap();
        assert_eq!(prefix, format!("PD-{}", local.year()));
        per_year.entry(local.year()).or_default().push((o.created_at, seq.parse().unwrap()));
    }
    let series = series(db).await;
    for (year, mut v) in per_year {
        // Sequential in time, gap-free, and the series continues after the last one.
        v.sort();
        assert!(v.iter().enumerate().all(|(i, (_, seq))| *seq == i as i64 + 1), "order numbers of {year}");
        assert_eq!(series[&numbering::order_series_key(year)], v.len() as i64 + 1);
    }

    let orders_by_id: BTreeMap<i32, &orders::Model> = orders.iter().map(|o| (o.id, o)).collect();
    let mut paid: BTreeMap<i32, i64> = BTreeMap::new();
    for p in payments::Entity::find().all(&db.read).await.unwrap() {
        assert!(["upi", "cash", "bank", "card", "cheque"].contains(&p.method.as_str()));
        *paid.entry(p.invoice_id).or_default() += p.amount;
    }
    let invoices = invoices::Entity::find().order_by_asc(invoices::Column::Seq).all(&db.read).await.unwrap();
    let mut by_fy: BTreeMap<String, Vec<&invoices::Model>> = BTreeMap::new();
    for i in &invoices {
        let o = orders_by_id[&i.order_id];
        assert!(o.status == "delivered" || o.status == "ready", "{} is {}", o.number, o.status);
        assert_eq!((i.total, i.customer_id), (o.total, o.customer_id));
        assert_eq!(i.amount_paid, paid.get(&i.id).copied().unwrap_or(0));
        assert!(i.amount_paid <= i.total);
        assert_eq!(i.status, payment_status(Money(i.total), Money(i.amount_paid)).as_str());
        assert_eq!(i.fy, numbering::financial_year(i.issue_date));
        by_fy.entry(i.fy.clone()).or_default().push(i);
    }
    assert!(!by_fy.is_empty());
    for (fy, list) in by_fy {
        for (k, i) in list.iter().enumerate() {
            assert_eq!(i.seq, k as i64 + 1, "gap in {fy}");
            assert_eq!(i.number, numbering::document_number("INV", &fy, numbering::FyFormat::Short, i.seq).unwrap());
        }
        assert!(list.windows(2).all(|w| w[0].issue_date <= w[1].issue_date), "{fy} numbered out of date order");
        assert_eq!(series[&numbering::invoice_series_key(&fy)], list.len() as i64 + 1);
    }
    let invoice_lines = invoice_lines::Entity::find().all(&db.read).await.unwrap();
    let lines_total: i64 = invoice_lines.iter().map(|l| l.total).sum();
    assert_eq!(lines_total, invoices.iter().map(|i| i.total).sum::<i64>());
}

#[tokio::test]
async fn seeded_shop_adds_up_and_numbers_continue() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let report = run_at(db, &shop(), &small(7), false, now()).await.unwrap();
        assert_eq!((report.products, report.customers, report.orders), (15, 40, 400));
        assert_eq!(count(db, "customers").await, 40);
        assert_eq!(count(db, "orders").await, 400);
        check_consistency(db).await;

        // Customers: unique E.164 phones, valid GSTINs matching their state.
        let customers = customers::Entity::find().all(&db.read).await.unwrap();
        let phones: BTreeSet<_> = customers.iter().filter_map(|c| c.phone.clone()).collect();
        assert_eq!(phones.len(), 40);
        assert!(phones.iter().all(|p| p.starts_with("+919") && p.len() == 13));
        for g in customers.iter().filter_map(|c| c.gstin.as_ref().map(|g| (g, &c.state_code))) {
            assert!(validate_gstin(g.0).is_ok() && &g.0[..2] == g.1.as_str(), "{g:?}");
        }

        // Seasons: Diwali months are busier than the monsoon.
        let orders = orders::Entity::find().all(&db.read).await.unwrap();
        let in_months = |ms: &[u32]| orders.iter().filter(|o| ms.contains(&o.created_at.with_timezone(&chrono_tz::Asia::Kolkata).month())).count();
        let (festive, monsoon) = (in_months(&[10, 11]), in_months(&[7, 8]));
        assert!(festive > monsoon, "Oct-Nov {festive} vs Jul-Aug {monsoon}");
        let open = orders.iter().filter(|o| OrderStatus::parse(&o.status).is_some_and(|s| s.is_open())).count();
        assert!(open > 0 && orders.iter().filter(|o| o.status == "delivered").count() > 300);

        // Co-purchase: visiting cards with letterheads in the same order.
        let products: BTreeMap<String, i32> =
            products::Entity::find().all(&db.read).await.unwrap().into_iter().map(|p| (p.sku, p.id)).collect();
        let mut skus: BTreeMap<i32, BTreeSet<i32>> = BTreeMap::new();
        for l in order_lines::Entity::find().all(&db.read).await.unwrap() {
            skus.entry(l.order_id).or_default().insert(l.product_id);
        }
        let both = skus.values().filter(|s| s.contains(&products["BC-STD"]) && s.contains(&products["LTR-A4"])).count();
        assert!(both > 0, "no order with business cards and letterheads");

        // A new order through the service takes the next number of this year's series.
        let next = series(db).await[&numbering::order_series_key(2026)];
        let line = LineDraft {
            product_id: products["BC-STD"],
            options: vec![],
            quantity: 100,
            ..Default::default()
        };
        let catalogue = pressdesk::services::products::get(db, products["BC-STD"]).await.unwrap();
        let line = LineDraft { options: catalogue.price_config().default_options(), ..line };
        let customer = customers[0].id;
        let (_, number) = pressdesk::services::orders::create(db, &staff(Role::FrontDesk), &shop(), today(), &order_input(customer, vec![line]))
            .await
            .unwrap();
        assert_eq!(number, numbering::order_number("PD", 2026, next));

        // And so does a new invoice, in the current financial year.
        let fy = numbering::financial_year(today());
        let next_inv = series(db).await.get(&numbering::invoice_series_key(&fy)).copied().unwrap_or(1);
        let ready = orders.iter().filter(|o| o.status == "ready" || o.status == "delivered").map(|o| o.id).collect::<BTreeSet<_>>();
        let invoiced: BTreeSet<i32> = invoices::Entity::find().all(&db.read).await.unwrap().into_iter().map(|i| i.order_id).collect();
        if let Some(id) = ready.difference(&invoiced).next() {
            let (_, inv) = pressdesk::services::invoices::create_from_order(db, &staff(Role::FrontDesk), &shop(), today(), *id).await.unwrap();
            assert_eq!(inv, numbering::document_number("INV", &fy, numbering::FyFormat::Short, next_inv).unwrap());
        }
    });
}

#[tokio::test]
async fn same_seed_gives_the_same_shop() {
    let mut prints = Vec::new();
    for t in common::backends().await.into_iter().chain([common::sqlite().await]) {
        run_at(&t.db, &shop(), &small(11), false, now()).await.unwrap();
        prints.push((t.backend, fingerprint(&t.db).await));
        t.finish().await;
    }
    let first = &prints[0].1;
    assert_eq!(first.0.len(), 400);
    for (backend, p) in &prints[1..] {
        assert!(p == first, "different data on {backend}");
    }
    let other = common::sqlite().await;
    run_at(&other.db, &shop(), &small(12), false, now()).await.unwrap();
    assert!(fingerprint(&other.db).await != *first, "another seed should give other data");
    other.finish().await;
}

#[tokio::test]
async fn seeding_again_adds_to_the_shop() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        run_at(db, &shop(), &small(1), false, now()).await.unwrap();
        let report = run_at(db, &shop(), &SeedOptions { customers: 10, orders: 150, months: 6, seed: 2 }, false, now()).await.unwrap();
        assert_eq!((report.products, report.customers, report.orders), (0, 10, 150));
        assert_eq!(count(db, "customers").await, 50);
        assert_eq!(count(db, "orders").await, 550);
        assert_eq!(count(db, "products").await, 15);
        // Numbers continue rather than clash (the unique indexes would refuse a clash).
        let invoices = invoices::Entity::find().order_by_asc(invoices::Column::Id).all(&db.read).await.unwrap();
        let mut last: BTreeMap<String, i64> = BTreeMap::new();
        for i in &invoices {
            let prev = last.insert(i.fy.clone(), i.seq).unwrap_or(0);
            assert!(i.seq > prev);
        }
        for (fy, seq) in last {
            assert_eq!(series(db).await[&numbering::invoice_series_key(&fy)], seq + 1);
        }
        // Ids keep working for rows created by the services afterwards.
        let c = common::customer(db, "After Seed", "90000 00001", "27").await;
        assert!(c > 50);
    });
}

#[tokio::test]
async fn demo_floor_has_work_waiting_in_quality_check() {
    use pressdesk::seed::quality_demo::fill_quality_check;
    use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter};
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        // A busy quarter: plenty of open jobs on the floor.
        run_at(db, &shop(), &SeedOptions { customers: 100, orders: 3000, months: 3, seed: 5 }, false, now()).await.unwrap();
        pressdesk::services::quality::checklists::ensure_defaults(db).await.unwrap();
        let stage = |code: &'static str| async move {
            stages::Entity::find().filter(stages::Column::Code.eq(code)).one(&db.read).await.unwrap().unwrap().id
        };
        let (fin, qc) = (stage("finishing").await, stage("qc").await);
        let active = |s: i32| async move {
            jobs::Entity::find().filter(jobs::Column::StageId.eq(s)).filter(jobs::Column::State.eq("active")).count(&db.read).await.unwrap()
        };
        let (qc_before, fin_before) = (active(qc).await, active(fin).await);
        let moved = fill_quality_check(db, qc_before as usize + 3).await.unwrap() as u64;
        assert!(fin_before >= 5, "{fin_before} jobs in Finishing");
        assert_eq!(moved, 3, "{qc_before} in Quality check, {fin_before} in Finishing");
        assert_eq!((active(qc).await, active(fin).await), (qc_before + moved, fin_before - moved));
        // Each moved job went through the board's move: an "enter" event in Quality check.
        let entered = stage_events::Entity::find()
            .filter(stage_events::Column::StageId.eq(qc))
            .filter(stage_events::Column::Kind.eq("enter"))
            .count(&db.read)
            .await
            .unwrap();
        assert!(entered >= moved);
        // Enough waiting already: nothing moves.
        assert_eq!(fill_quality_check(db, 1).await.unwrap(), 0);
    });
}
