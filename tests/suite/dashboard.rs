#![cfg(feature = "ssr")]
//! The staff dashboard on a small hand-built shop: due today, late, open, receivable,
//! revenue this month, on SQLite and PostgreSQL.
use crate::common;

use chrono::{Duration, NaiveDate};
use common::{line, order_input, shop, shop_fixture, staff, today, TestDb};
use pressdesk::db::Db;
use pressdesk::domain::money::Money;
use pressdesk::domain::order::OrderStatus::{self, *};
use pressdesk::domain::roles::Role;
use pressdesk::dto::invoices::PaymentInput;
use pressdesk::dto::orders::{OrderFilter, OrderInput};
use pressdesk::services::{dashboard, invoices, orders};

const TZ: chrono_tz::Tz = chrono_tz::Asia::Kolkata;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

async fn move_to(db: &Db, id: i32, path: &[OrderStatus]) {
    for to in path {
        let v = orders::get(db, id, &shop(), TZ).await.unwrap().version;
        let comment = if *to == Cancelled { "not needed" } else { "" };
        orders::change_status(db, &staff(Role::Manager), id, v, *to, comment).await.unwrap();
    }
}

#[tokio::test]
async fn dashboard_counts_match_a_hand_built_shop() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        // An empty shop is all zeros.
        let z = dashboard::load(db, today(), TZ).await.unwrap();
        assert_eq!((z.due_today_count, z.late_count, z.open_orders, z.receivable, z.month_revenue), (0, 0, 0, Money::ZERO, Money::ZERO));
        assert!(z.due_today.is_empty() && z.late.is_empty() && z.awaiting_payment.is_empty());
        let (p, cust) = shop_fixture(db).await;
        // Every order: 100 letterheads = 700.00 + 18% = 826.00.
        let mk = async |taken: NaiveDate, due: &str, draft: bool| {
            let input = OrderInput { due_date: due.into(), draft, ..order_input(cust, vec![line(&p["LTR-A4"], 100)]) };
            orders::create(db, &staff(Role::FrontDesk), &shop(), taken, &input).await.unwrap().0
        };
        let a = mk(today(), "2026-11-25", false).await; // confirmed, due today
        let b = mk(today(), "2026-11-25", false).await; // in production, due today
        let c = mk(d(11, 1), "2026-11-20", false).await; // confirmed, late
        let dd = mk(d(11, 1), "2026-11-10", false).await; // on hold, late
        let e = mk(d(11, 1), "2026-11-20", false).await; // ready: waiting for pick-up, not late
        let f = mk(today(), "2026-11-25", true).await; // draft: not counted
        let g = mk(d(11, 1), "2026-11-20", false).await; // delivered
        let h = mk(today(), "2026-11-25", false).await; // cancelled
        let i = mk(today(), "", false).await; // confirmed, no due date
        move_to(db, b, &[InProduction]).await;
        move_to(db, dd, &[OnHold]).await;
        move_to(db, e, &[InProduction, Ready]).await;
        move_to(db, g, &[Ready, Delivered]).await;
        move_to(db, h, &[Cancelled]).await;
        let _ = (f, i);

        // Invoices: a unpaid, c part-paid 100.00, g paid, e issued last month and unpaid.
        let issue = async |order: i32, day: NaiveDate| invoices::create_from_order(db, &staff(Role::FrontDesk), &shop(), day, order).await.unwrap().0;
        let pay = async |inv: i32, amount: &str| {
            let input = PaymentInput { amount: amount.into(), method: "upi".into(), reference: String::new(), paid_on: "2026-11-25".into() };
            invoices::record_payment(db, &staff(Role::FrontDesk), today(), inv, &input).await.unwrap()
        };
        issue(a, today()).await;
        let inv_c = issue(c, today()).await;
        let inv_g = issue(g, today()).await;
        issue(e, d(10, 20)).await;
        pay(inv_c, "100").await;
        pay(inv_g, "826").await;

        let dash = dashboard::load(db, today(), TZ).await.unwrap();
        assert_eq!(dash.due_today_count, 2);
        assert_eq!(dash.due_today.iter().map(|r| r.id).collect::<Vec<_>>(), vec![a, b]);
        assert_eq!(dash.late_count, 2);
        // Most overdue first.
        assert_eq!(dash.late.iter().map(|r| r.id).collect::<Vec<_>>(), vec![dd, c]);
        assert!(dash.late.iter().all(|r| r.late && r.customer == "Priya Sharma"));
        // "Open orders" links to the order list filtered on status=open: the two must agree
        // (a, b, c, dd, e, i).
        let open_list = orders::list(db, &OrderFilter { status: "open".into(), per_page: 50, ..Default::default() }, today(), TZ).await.unwrap();
        assert_eq!(open_list.total, 6);
        assert_eq!(dash.open_orders, open_list.total);
        // Receivable: 826.00 (a) + 726.00 (c) + 826.00 (e); g is paid.
        assert_eq!(dash.receivable, Money(82_600 + 72_600 + 82_600));
        // Invoiced in November: a, c, g.
        assert_eq!(dash.month_revenue, Money(3 * 82_600));
        assert_eq!(dash.awaiting_payment.len(), 3);
        assert!(dash.awaiting_payment.iter().any(|r| r.overdue), "e's invoice was due on 2026-11-04");

        // Orders taken per local day over two weeks, oldest first, ending today.
        assert_eq!(dash.daily_orders.len(), 14);
        assert_eq!(dash.daily_orders[0].0, "12 Nov");
        assert_eq!(dash.daily_orders[13].0, "25 Nov");
        let from_day = today() - Duration::days(13);
        let local_today = chrono::Utc::now().with_timezone(&TZ).date_naive();
        let expected: u64 = if (0..14).contains(&(local_today - from_day).num_days()) { 9 } else { 0 };
        assert_eq!(dash.daily_orders.iter().map(|(_, n)| n).sum::<u64>(), expected);

    });
}
