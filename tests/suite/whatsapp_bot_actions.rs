#![cfg(feature = "ssr")]
//! What the bot does beyond answering, against the fake Cloud API on SQLite and PostgreSQL:
//! "where is my order 42" finds it by the end of its number; "bill bhejo" sends the latest invoice as a PDF document whose signed link opens it (and
//! a changed signature does not); "reorder" prepares a draft of the last order for staff
//! (once, however often it is asked); photos and documents the customer sends are fetched,
//! checked by content, kept on the customer and on the order their caption names, and a
//! file that is not what it claims, or too large, is refused with the reason.
use crate::common;

use common::*;
use pressdesk::db::e::{customer_files, events, order_lines, orders, outbox};
use pressdesk::db::Db;
use pressdesk::domain::order::{Channel, OrderStatus};
use pressdesk::domain::roles::Role;
use pressdesk::domain::whatsapp::media::{FileStatus, MAX_BYTES};
use pressdesk::domain::whatsapp::message::{Body, MediaRef, Outgoing};
use pressdesk::services::whatsapp::client::CloudApi;
use pressdesk::services::whatsapp::fake::{CustomerReply, FakeConfig};
use pressdesk::services::whatsapp::inbox::{process_pending, BotContext};
use pressdesk::services::whatsapp::media::MediaFetch;
use pressdesk::storage::{DirStorage, Storage};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use std::sync::Arc;
use std::time::Duration;

use crate::wa;

const WA_ID: &str = "919876543210";
static COUNTER_SUFFIX: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

fn ctx(media: Option<MediaFetch>) -> BotContext {
    BotContext {
        shop_name: "Test Press".into(),
        address: "1 MG Road, Pune".into(),
        opening_hours: "Mon-Sat 10-7".into(),
        public_url: "https://pressdesk.example".into(),
        shop: shop(),
        media,
    }
}

async fn newest(db: &Db) -> Outgoing {
    let row = outbox::Entity::find().order_by_desc(outbox::Column::Id).one(&db.read).await.unwrap().expect("an answer");
    serde_json::from_str(&row.payload).unwrap()
}

fn text(m: &Outgoing) -> String {
    match &m.body {
        Body::Text { body, .. } => body.clone(),
        other => panic!("expected a text, got {other:?}"),
    }
}

/// The customer says something; waits for its webhook, then the bot takes it in.
async fn says(h: &wa::Harness, ctx: &BotContext, reply: CustomerReply) {
    let db = &h.db;
    let before = pressdesk::db::e::wa_inbound::Entity::find().filter(pressdesk::db::e::wa_inbound::Column::Kind.eq("message")).count(&db.read).await.unwrap();
    h.fake.reply_as_customer(WA_ID, "Priya", reply).await.unwrap();
    let start = std::time::Instant::now();
    while pressdesk::db::e::wa_inbound::Entity::find().filter(pressdesk::db::e::wa_inbound::Column::Kind.eq("message")).count(&db.read).await.unwrap() == before {
        assert!(start.elapsed() < Duration::from_secs(10), "webhook never arrived");
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
    process_pending(db, ctx).await.unwrap();
}

#[tokio::test]
async fn the_bot_sends_the_latest_invoice_and_prepares_a_reorder() {
    on_every_backend!(invoice_and_reorder_on);
}

async fn invoice_and_reorder_on(t: &TestDb) {
    let db = &t.db;
    let h = wa::Harness::start(db, FakeConfig::default()).await;
    let ctx = ctx(None);
    let (cat, priya) = floor(db).await;

    // No invoice yet: said so, no document.
    says(&h, &ctx, CustomerReply::Text("bill bhejo".into())).await;
    assert!(text(&newest(db).await).contains("no invoices"), "{:?}", newest(db).await);

    let (oid, number) = pressdesk::services::orders::create(db, &staff(Role::FrontDesk), &shop(), today(), &order_input(priya, vec![line(&cat["BC-STD"], 500), line(&cat["LTR-A4"], 1000)])).await.unwrap();
    // Status by number, typed without the prefix (on PostgreSQL too: it once sent a bare `?`).
    let digits: String = number.chars().rev().take_while(|c| c.is_ascii_digit()).collect::<Vec<_>>().into_iter().rev().collect();
    says(&h, &ctx, CustomerReply::Text(format!("where is my order {digits}"))).await;
    assert!(text(&newest(db).await).contains(&number), "{:?}", newest(db).await);
    let (inv, _) = pressdesk::services::invoices::create_from_order(db, &staff(Role::FrontDesk), &shop(), today(), oid).await.unwrap();
    says(&h, &ctx, CustomerReply::Text("please send the invoice".into())).await;
    let doc = newest(db).await;
    let Body::Document { media: MediaRef::Link(link), caption, filename } = &doc.body else { panic!("expected a document, got {doc:?}") };
    assert!(filename.as_deref().is_some_and(|f| f.ends_with(".pdf")), "{filename:?}");
    assert!(caption.as_deref().is_some_and(|c| c.contains(&number)), "{caption:?}");
    let path = link.strip_prefix("https://pressdesk.example").expect("a link to the shop");
    assert!(path.starts_with(&format!("/invoices/{inv}/pdf?exp=")), "{path}");
    // The link opens the PDF without a session (WhatsApp fetches it); a forged one does not.
    let http = reqwest::Client::new();
    let res = http.get(format!("{}{path}", h.app_url)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert!(res.bytes().await.unwrap().starts_with(b"%PDF"));
    let forged = format!("{}{}", h.app_url, path.replace(&format!("/invoices/{inv}/"), &format!("/invoices/{}/", inv + 1)));
    assert_eq!(http.get(forged).send().await.unwrap().status(), 404);
    assert_eq!(http.get(format!("{}/invoices/{inv}/pdf", h.app_url)).send().await.unwrap().status(), 401, "no link, no session");

    // Reorder: a draft of the last order, on WhatsApp, for staff to confirm; no board jobs yet.
    let orders_before = orders::Entity::find().count(&db.read).await.unwrap();
    says(&h, &ctx, CustomerReply::Text("wahi order phir se".into())).await;
    let draft = orders::Entity::find().order_by_desc(orders::Column::Id).one(&db.read).await.unwrap().unwrap();
    assert_eq!(orders::Entity::find().count(&db.read).await.unwrap(), orders_before + 1);
    assert_eq!((draft.status.as_str(), draft.channel.as_str(), draft.customer_id), (OrderStatus::Draft.as_str(), Channel::WhatsApp.as_str(), priya));
    assert!(draft.notes.contains(&number), "{}", draft.notes);
    let lines = order_lines::Entity::find().filter(order_lines::Column::OrderId.eq(draft.id)).order_by_asc(order_lines::Column::Position).all(&db.read).await.unwrap();
    assert_eq!(lines.iter().map(|l| (l.product_id, l.quantity)).collect::<Vec<_>>(), vec![(cat["BC-STD"].id, 500), (cat["LTR-A4"].id, 1000)]);
    let answer = text(&newest(db).await);
    assert!(answer.contains(&draft.number) && answer.contains("confirm"), "{answer}");
    let created = events::Entity::find().filter(events::Column::Kind.eq("order_created")).filter(events::Column::SubjectId.eq(draft.id)).count(&db.read).await.unwrap();
    assert_eq!(created, 1, "the draft's event is written with it");
    assert_eq!(pressdesk::db::e::jobs::Entity::find().filter(pressdesk::db::e::jobs::Column::OrderId.eq(draft.id)).count(&db.read).await.unwrap(), 0, "a draft is not on the board");

    // Asked again: the same draft, named in the answer.
    says(&h, &ctx, CustomerReply::Text("same again please".into())).await;
    assert_eq!(orders::Entity::find().count(&db.read).await.unwrap(), orders_before + 1, "no second draft");
    assert!(text(&newest(db).await).contains(&draft.number));

    // Staff confirm the draft: it becomes a normal order on the board.
    pressdesk::services::orders::change_status(db, &staff(Role::FrontDesk), draft.id, draft.version, OrderStatus::Confirmed, "").await.unwrap();
    assert!(pressdesk::db::e::jobs::Entity::find().filter(pressdesk::db::e::jobs::Column::OrderId.eq(draft.id)).count(&db.read).await.unwrap() > 0);
    h.stop().await;
}

fn png() -> Vec<u8> {
    let img = image::RgbImage::from_pixel(32, 20, image::Rgb([200, 90, 40]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

#[tokio::test]
async fn photos_and_documents_are_kept_on_the_customer_and_the_order_they_name() {
    on_every_backend!(media_on);
}

async fn media_on(t: &TestDb) {
    let db = &t.db;
    let h = wa::Harness::start(db, FakeConfig::default()).await;
    let dir = std::env::temp_dir().join(format!("pd-wa-media-{}-{}-{}", std::process::id(), t.backend, COUNTER_SUFFIX.fetch_add(1, std::sync::atomic::Ordering::Relaxed)));
    let storage = Arc::new(DirStorage::new(dir.clone()));
    let ctx = ctx(Some(MediaFetch { api: CloudApi::new(&h.settings).unwrap(), storage: storage.clone() }));
    let (cat, priya) = floor(db).await;
    let (oid, number) = pressdesk::services::orders::create(db, &staff(Role::FrontDesk), &shop(), today(), &order_input(priya, vec![line(&cat["BC-STD"], 500)])).await.unwrap();

    // A photo naming the order: stored, on the customer and on the order, acknowledged.
    let photo = png();
    says(&h, &ctx, CustomerReply::Image { mime: "image/png".into(), bytes: photo.clone(), caption: Some(format!("logo for order {number}")) }).await;
    let f = customer_files::Entity::find().one(&db.read).await.unwrap().expect("a file row");
    assert_eq!((f.status.as_str(), f.customer_id, f.order_id, f.mime.as_str()), (FileStatus::Stored.as_str(), Some(priya), Some(oid), "image/png"));
    assert_eq!(storage.get(&f.file_hash).unwrap(), photo, "the bytes kept are the bytes sent");
    assert!(text(&newest(db).await).contains(&number));
    let on_order = pressdesk::services::whatsapp::media::list(db, None, Some(oid)).await.unwrap();
    assert_eq!(on_order.len(), 1);
    assert_eq!(on_order[0].order_number.as_deref(), Some(number.as_str()));

    // A PDF without an order: on the customer only, under its own name.
    let pdf = pressdesk::pdf::invoice::render(&pressdesk::services::invoices::get(db, pressdesk::services::invoices::create_from_order(db, &staff(Role::FrontDesk), &shop(), today(), oid).await.unwrap().0, &shop()).await.unwrap(), "Test Press").unwrap();
    says(&h, &ctx, CustomerReply::Document { mime: "application/pdf".into(), bytes: pdf, filename: "address-list.pdf".into(), caption: None }).await;
    let mine = pressdesk::services::whatsapp::media::list(db, Some(priya), None).await.unwrap();
    assert_eq!(mine.len(), 2);
    assert_eq!((mine[0].name.as_str(), mine[0].stored, mine[0].order_id), ("address-list.pdf", true, None));

    // Not what it claims to be: refused with the reason, nothing stored, the customer told.
    says(&h, &ctx, CustomerReply::Image { mime: "image/jpeg".into(), bytes: b"MZ\x90\x00 this is a program".to_vec(), caption: None }).await;
    let bad = customer_files::Entity::find().order_by_desc(customer_files::Column::Id).one(&db.read).await.unwrap().unwrap();
    assert_eq!((bad.status.as_str(), bad.file_hash.as_str()), (FileStatus::Refused.as_str(), ""));
    assert!(!bad.error.is_empty());
    assert!(text(&newest(db).await).contains("could not keep"));

    // Over the size cap: refused before it is read whole.
    says(&h, &ctx, CustomerReply::Document { mime: "application/pdf".into(), bytes: vec![b'%'; MAX_BYTES + 1], filename: "huge.pdf".into(), caption: None }).await;
    let huge = customer_files::Entity::find().order_by_desc(customer_files::Column::Id).one(&db.read).await.unwrap().unwrap();
    assert_eq!(huge.status, FileStatus::Refused.as_str());
    assert!(huge.error.contains("MB"), "{}", huge.error);

    // Taking the same messages in again stores nothing twice.
    pressdesk::db::e::wa_inbound::Entity::update_many()
        .col_expr(pressdesk::db::e::wa_inbound::Column::ProcessedAt, sea_orm::sea_query::Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None))
        .exec(&db.write)
        .await
        .unwrap();
    process_pending(db, &ctx).await.unwrap();
    assert_eq!(customer_files::Entity::find().count(&db.read).await.unwrap(), 4);
    h.stop().await;
    let _ = std::fs::remove_dir_all(dir);
}
