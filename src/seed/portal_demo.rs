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
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

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

/// The demo customer's open order gets a proof waiting for their approval, so the portal
/// shows "Review and approve" and `make bench` can weigh the approval page. Answers the
/// proof, or None when there is no open order or it has a proof already.
pub async fn proof_to_approve(db: &Db, storage: &dyn crate::storage::Storage) -> AppResult<Option<i32>> {
    use crate::db::e::{order_lines, orders as order_rows, proofs};
    use crate::domain::quality::{Decision, ProofStatus};
    use crate::services::quality::proofs as proof_svc;
    let Some(c) = customers::Entity::find().filter(customers::Column::Phone.eq(PHONE)).one(&db.read).await? else { return Ok(None) };
    let closed = [OrderStatus::Delivered.as_str(), OrderStatus::Cancelled.as_str()];
    let open = order_rows::Entity::find()
        .filter(order_rows::Column::CustomerId.eq(c.id))
        .filter(order_rows::Column::Status.is_not_in(closed))
        .order_by_desc(order_rows::Column::Id)
        .one(&db.read)
        .await?;
    let Some(order) = open else { return Ok(None) };
    let line = order_lines::Entity::find().filter(order_lines::Column::OrderId.eq(order.id)).order_by_asc(order_lines::Column::Position).one(&db.read).await?;
    let Some(line) = line else { return Ok(None) };
    if proofs::Entity::find().filter(proofs::Column::OrderLineId.eq(line.id)).one(&db.read).await?.is_some() {
        return Ok(None);
    }
    let id = proof_svc::upload(db, storage, &Actor::System, line.id, "business-card-v1.png", &demo_artwork()?, "First layout for your approval").await?;
    // The usual chain has the shop's own review first: passed, the proof waits for the customer.
    let proof = proofs::Entity::find_by_id(id).one(&db.write).await?.ok_or(AppError::not_found("Proof"))?;
    if proof_svc::status_of(&proof) == ProofStatus::InReview {
        proof_svc::review(db, &Actor::System, id, Decision::Approve, "", "").await?;
    }
    Ok(Some(id))
}

/// A business card at a third of print size: a brand band, a logo and lines of "text",
/// enough to pin comments on.
fn demo_artwork() -> AppResult<Vec<u8>> {
    use image::{ImageFormat, Rgb, RgbImage};
    fn fill(img: &mut RgbImage, (x0, y0, w, h): (u32, u32, u32, u32), c: [u8; 3]) {
        for y in y0..(y0 + h).min(img.height()) {
            for x in x0..(x0 + w).min(img.width()) {
                img.put_pixel(x, y, Rgb(c));
            }
        }
    }
    let mut img = RgbImage::from_pixel(700, 400, Rgb([255, 255, 255]));
    fill(&mut img, (0, 0, 700, 90), [31, 78, 121]);
    fill(&mut img, (40, 130, 100, 100), [232, 115, 28]);
    for (i, w) in [420u32, 300, 360, 240].iter().enumerate() {
        fill(&mut img, (180, 140 + 50 * i as u32, *w, 18), [90, 98, 110]);
    }
    fill(&mut img, (0, 370, 700, 30), [31, 78, 121]);
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, ImageFormat::Png).map_err(|e| AppError::Internal(format!("demo artwork: {e}")))?;
    Ok(out.into_inner())
}
