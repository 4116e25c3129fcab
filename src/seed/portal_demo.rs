//! A demo customer who can sign in to the portal, with delivered, invoiced and open orders.
use crate::db::e::customers;
use crate::db::Db;
use crate::domain::money::Money;
use crate::domain::order::{Channel, OrderStatus, Priority};
use crate::dto::customers::CustomerInput;
use crate::dto::invoices::PaymentInput;
use crate::dto::orders::{LineDraft, OrderInput};
use crate::error::{AppError, AppResult};
use crate::services::{customers as customer_svc, invoices, orders, products, Actor};
use crate::settings::ShopSettings;
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

pub const PHONE: &str = "+919800000001";
pub const EMAIL: &str = "demo.customer@pressdesk.test";
pub const PASSWORD: &str = "portal-demo-1";

pub async fn ensure(db: &Db, shop: &ShopSettings, today: NaiveDate) -> AppResult<()> {
    if customers::Entity::find().filter(customers::Column::Phone.eq(PHONE)).one(&db.read).await?.is_some() {
        return Ok(());
    }
    let actor = Actor::System;
    let input = CustomerInput {
        name: "Kavya Rao".into(),
        company: "Rao Sweets".into(),
        phone: PHONE.into(),
        email: EMAIL.into(),
        billing_address: "22 FC Road, Shivajinagar, Pune 411004".into(),
        shipping_address: "22 FC Road, Shivajinagar, Pune 411004".into(),
        state_code: "27".into(),
        tags: "portal, repeat".into(),
        whatsapp_opt_in: true,
        ..Default::default()
    };
    let cid = customer_svc::create(db, &actor, &input, shop.country_code()).await?;
    let hash = crate::auth::password::hash(PASSWORD).map_err(AppError::Internal)?;
    customers::Entity::update_many()
        .col_expr(customers::Column::PasswordHash, Expr::value(Some(hash)))
        .filter(customers::Column::Id.eq(cid))
        .exec(&db.write)
        .await?;
    let catalogue = products::list(db, true).await?;
    let by_sku = |sku: &str| catalogue.iter().find(|p| p.input.sku == sku).cloned();
    let line = |sku: &str, qty: i64| {
        by_sku(sku).map(|p| LineDraft {
            product_id: p.id,
            options: p.price_config().default_options(),
            quantity: qty.max(p.input.min_qty),
            unit_price: None,
            discount: Money::ZERO,
            description: String::new(),
        })
    };
    // Three delivered and invoiced orders (two paid, one partly), one in production.
    let plans: [(&[(&str, i64)], bool); 4] = [
        (&[("BC-STD", 500), ("LTR-A4", 500), ("ENV-DL", 500)], true),
        (&[("BOX-MONO", 1000), ("LBL-ROLL", 2000)], true),
        (&[("FLY-A5", 1000)], true),
        (&[("BC-STD", 1000)], false),
    ];
    for (i, (items, delivered)) in plans.iter().enumerate() {
        let lines: Vec<LineDraft> = items.iter().filter_map(|(s, q)| line(s, *q)).collect();
        let input = OrderInput {
            customer_id: cid,
            channel: Channel::Phone,
            priority: Priority::Normal,
            due_date: String::new(),
            notes: String::new(),
            draft: false,
            lines,
        };
        let (oid, _) = orders::create(db, &actor, shop, today, &input).await?;
        if !*delivered {
            continue;
        }
        for (to, version) in [(OrderStatus::Ready, 1), (OrderStatus::Delivered, 2)] {
            orders::change_status(db, &actor, oid, version, to, "Demo history").await?;
        }
        let (inv, _) = invoices::create_from_order(db, &actor, shop, today, oid).await?;
        let detail = invoices::get(db, inv, shop).await?;
        let amount = if i == 2 { Money(detail.total.0 / 2) } else { detail.total };
        invoices::record_payment(
            db,
            &actor,
            today,
            inv,
            &PaymentInput { amount: amount.to_input(), method: "upi".into(), reference: format!("UPI-DEMO-{i}"), paid_on: today.format("%Y-%m-%d").to_string() },
        )
        .await?;
    }
    Ok(())
}
