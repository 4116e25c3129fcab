#![cfg(feature = "ssr")]
//! Money that cannot overflow: orders beyond the shop's limits are refused field by field and
//! store nothing, on SQLite and PostgreSQL. (Property tests of the arithmetic itself live with
//! `domain::totals`.)
use crate::common;

use common::{count, line, order_input, shop, shop_fixture, staff, today, TestDb};
use pressdesk::domain::limits;
use pressdesk::domain::money::Money;
use pressdesk::domain::roles::Role;
use pressdesk::services::orders;

#[tokio::test]
async fn overflowing_orders_are_refused_and_store_nothing() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let (p, cust) = shop_fixture(db).await;
        let owner = staff(Role::Owner);
        let priced = |sku: &str, qty: i64, price: i64| {
            let mut l = line(&p[sku], qty);
            l.unit_price = Some(Money(price));
            l
        };
        // The reported case: 9,000,000,000,000,000,000 paise x 100 was stored with a negative total.
        let e = orders::create(db, &owner, &shop(), today(), &order_input(cust, vec![priced("LTR-A4", 100, 9_000_000_000_000_000_000)])).await.unwrap_err();
        assert!(e.field_message("lines.0.unit_price").unwrap().contains("per unit"), "{e:?}");
        // Quantity above ten million pieces.
        let e = orders::create(db, &owner, &shop(), today(), &order_input(cust, vec![line(&p["LTR-A4"], limits::MAX_QUANTITY + 1)])).await.unwrap_err();
        assert!(e.field_message("lines.0.quantity").is_some(), "{e:?}");
        // Each line within limits, the order above ₹100 crore.
        let lines: Vec<_> = (0..12).map(|_| priced("LTR-A4", 1_000, limits::MAX_UNIT_PRICE.0)).collect();
        let e = orders::create(db, &owner, &shop(), today(), &order_input(cust, lines)).await.unwrap_err();
        assert!(e.field_message("lines").unwrap().contains("order total"), "{e:?}");
        // A negative price or discount.
        let mut neg = priced("LTR-A4", 100, -5);
        neg.discount = Money(-1);
        let e = orders::create(db, &owner, &shop(), today(), &order_input(cust, vec![neg])).await.unwrap_err();
        assert!(e.field_message("lines.0.unit_price").is_some() && e.field_message("lines.0.discount").is_some(), "{e:?}");
        assert_eq!(count(db, "orders").await, 0, "nothing was stored");
        assert_eq!(count(db, "order_lines").await, 0);

        // At the limits an order is accepted and its totals are exact and positive.
        let big = vec![priced("FLX-STD", 50, limits::MAX_UNIT_PRICE.0)];
        let (id, _) = orders::create(db, &owner, &shop(), today(), &order_input(cust, big)).await.unwrap();
        let o = orders::get(db, id, &shop(), chrono_tz::Asia::Kolkata).await.unwrap();
        assert_eq!(o.totals.taxable, Money(50 * limits::MAX_UNIT_PRICE.0));
        assert_eq!(o.totals.total, Money(50 * limits::MAX_UNIT_PRICE.0 * 118 / 100));
    });
}
