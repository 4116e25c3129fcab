#![cfg(feature = "ssr")]
//! WhatsApp end to end against the fake Cloud API, on SQLite and PostgreSQL: order updates
//! from shop events (template outside the 24-hour window, text inside it, nothing without
//! consent or with the rule off), the customer's reply taken into the inbox and answered by
//! the bot, STOP and the marketing preference, and a chat handed to a person.
use crate::common;

use common::*;
use pressdesk::db::e::{customers, orders, outbox, wa_contacts, wa_rules};
use pressdesk::db::Db;
use pressdesk::domain::order::OrderStatus;
use pressdesk::domain::roles::Role;
use pressdesk::domain::whatsapp::message::{Body, Outgoing};
use pressdesk::services::events::dispatch::Dispatcher;
use pressdesk::services::whatsapp::fake::{CustomerReply, FakeConfig};
use pressdesk::services::whatsapp::inbox::{process_pending, BotContext};
use pressdesk::services::whatsapp::notify::Notifier;
use pressdesk::services::whatsapp::statuses;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use std::sync::Arc;
use std::time::Duration;

use crate::wa;

const WA_ID: &str = "919876543210";

fn ctx() -> BotContext {
    BotContext { shop_name: "Test Press".into(), address: "1 MG Road, Pune".into(), opening_hours: "Mon-Sat 10-7".into(), public_url: "https://pressdesk.example".into(), shop: shop(), media: None }
}

async fn newest(db: &Db) -> Option<outbox::Model> {
    outbox::Entity::find().order_by_desc(outbox::Column::Id).one(&db.read).await.unwrap()
}

fn message(row: &outbox::Model) -> Outgoing {
    serde_json::from_str(&row.payload).unwrap()
}

fn text_of(row: &outbox::Model) -> String {
    match message(row).body {
        Body::Text { body, .. } => body,
        other => panic!("expected a text, got {other:?}"),
    }
}

/// Waits until the app has stored this many inbound items, then takes them in.
async fn take_in(db: &Db, want_messages: usize) {
    let start = std::time::Instant::now();
    loop {
        let n = pressdesk::db::e::wa_inbound::Entity::find().filter(pressdesk::db::e::wa_inbound::Column::Kind.eq("message")).all(&db.read).await.unwrap().len();
        if n >= want_messages {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "webhook never arrived ({n} of {want_messages})");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    process_pending(db, &ctx()).await.unwrap();
}

async fn contact(db: &Db) -> wa_contacts::Model {
    wa_contacts::Entity::find().filter(wa_contacts::Column::WaId.eq(WA_ID)).one(&db.read).await.unwrap().expect("contact")
}

#[tokio::test]
async fn order_updates_inbox_and_bot() {
    on_every_backend!(flow_on);
}

async fn flow_on(t: &TestDb) {
    let db = &t.db;
    let h = wa::Harness::start(db, FakeConfig::default()).await;
    let (cat, priya) = floor(db).await;
    let c = customers::Entity::find_by_id(priya).one(&db.read).await.unwrap().unwrap();
    let mut a: customers::ActiveModel = c.into();
    a.whatsapp_opt_in = Set(true);
    a.update(&db.write).await.unwrap();
    let quiet = customer(db, "Ravi Joshi", "98111 22233", "27").await;
    let dispatcher = Dispatcher::new(db.clone(), vec![Arc::new(Notifier { public_url: "https://pressdesk.example".into() })]);
    // Events before the notifier existed are not messaged.
    let (_old, _) = pressdesk::services::orders::create(db, &staff(Role::FrontDesk), &shop(), today(), &order_input(priya, vec![line(&cat["BC-STD"], 500)])).await.unwrap();
    dispatcher.pump_durable().await.unwrap();
    assert!(newest(db).await.is_none(), "history is not messaged");

    // Order received, outside the window: the rule's template with the portal link.
    let (oid, number) = pressdesk::services::orders::create(db, &staff(Role::FrontDesk), &shop(), today(), &order_input(priya, vec![line(&cat["BC-STD"], 500)])).await.unwrap();
    pressdesk::services::orders::create(db, &staff(Role::FrontDesk), &shop(), today(), &order_input(quiet, vec![line(&cat["BC-STD"], 100)])).await.unwrap();
    dispatcher.pump_durable().await.unwrap();
    let rows = outbox::Entity::find().all(&db.read).await.unwrap();
    assert_eq!(rows.len(), 1, "only the customer who opted in is messaged");
    let Body::Template(tpl) = message(&rows[0]).body else { panic!("expected a template") };
    assert_eq!(tpl.name, "pd_order_received");
    assert_eq!(tpl.body[1].text, number);
    assert!(tpl.body[2].text.ends_with(&format!("https://pressdesk.example/portal/orders/{oid}")));
    assert_eq!((rows[0].customer_id, rows[0].order_id), (Some(priya), Some(oid)));
    let w = h.worker("w");
    w.run_once().await.unwrap();
    assert_eq!(h.fake.accepted().len(), 1);

    // The customer writes: the chat opens in the inbox and the bot answers with her orders.
    h.fake.reply_as_customer(WA_ID, "Priya", CustomerReply::Text("where is my order?".into())).await.unwrap();
    take_in(db, 1).await;
    let ct = contact(db).await;
    assert_eq!((ct.customer_id, ct.unread, ct.name.as_str()), (Some(priya), 1, "Priya"));
    assert!(ct.last_inbound_at.is_some());
    let answer = newest(db).await.unwrap();
    assert!(text_of(&answer).contains(&number), "{}", text_of(&answer));
    w.run_once().await.unwrap();
    assert!(h.fake.phone(WA_ID).iter().any(|p| !p.incoming && p.text.contains(&number)));

    // Inside the window the next update is a plain text.
    let v = orders::Entity::find_by_id(oid).one(&db.read).await.unwrap().unwrap().version;
    pressdesk::services::orders::change_status(db, &staff(Role::Manager), oid, v, OrderStatus::InProduction, "").await.unwrap();
    dispatcher.pump_durable().await.unwrap();
    let update = newest(db).await.unwrap();
    assert!(text_of(&update).contains("being printed"), "{}", text_of(&update));

    // A rule switched off sends nothing.
    wa_rules::ActiveModel { event: Set("ready".into()), enabled: Set(false), template: Set("pd_ready".into()), language: Set("en".into()), updated_at: Set(chrono::Utc::now()) }.insert(&db.write).await.unwrap();
    let before = newest(db).await.unwrap().id;
    let v = orders::Entity::find_by_id(oid).one(&db.read).await.unwrap().unwrap().version;
    if pressdesk::services::orders::change_status(db, &staff(Role::Manager), oid, v, OrderStatus::Ready, "").await.is_ok() {
        dispatcher.pump_durable().await.unwrap();
        assert_eq!(newest(db).await.unwrap().id, before, "rule off: no message");
    }

    // STOP opts out of marketing at once; the preference webhook resumes it.
    h.fake.reply_as_customer(WA_ID, "Priya", CustomerReply::Text("STOP".into())).await.unwrap();
    take_in(db, 2).await;
    assert!(contact(db).await.marketing_stopped);
    assert!(text_of(&newest(db).await.unwrap()).contains("START"));
    h.fake.marketing_preference(WA_ID, false).await.unwrap();
    let start = std::time::Instant::now();
    while contact(db).await.marketing_stopped {
        statuses::apply_pending(db).await.unwrap();
        assert!(start.elapsed() < Duration::from_secs(10), "resume never applied");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // "Talk to a person" hands the chat over: the bot stays quiet after that.
    h.fake.reply_as_customer(WA_ID, "Priya", CustomerReply::Text("I want to talk to a person".into())).await.unwrap();
    take_in(db, 3).await;
    assert!(contact(db).await.bot_muted);
    let handed = newest(db).await.unwrap().id;
    h.fake.reply_as_customer(WA_ID, "Priya", CustomerReply::Text("status".into())).await.unwrap();
    take_in(db, 4).await;
    assert_eq!(newest(db).await.unwrap().id, handed, "muted bot does not answer");
    assert_eq!(contact(db).await.unread, 4);
    h.stop().await;
}

fn png() -> Vec<u8> {
    let img = image::RgbImage::from_pixel(24, 16, image::Rgb([40, 90, 200]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

#[tokio::test]
async fn a_proof_goes_out_with_buttons_and_the_approve_button_approves_it() {
    on_every_backend!(proof_on);
}

async fn proof_on(t: &TestDb) {
    use pressdesk::db::e::{order_lines, proofs};
    use pressdesk::domain::quality::{Decision, ProofStatus};
    use pressdesk::services::quality::proofs as proof_svc;
    let db = &t.db;
    let h = wa::Harness::start(db, FakeConfig::default()).await;
    let (cat, priya) = floor(db).await;
    pressdesk::services::quality::checklists::ensure_defaults(db).await.unwrap();
    let c = customers::Entity::find_by_id(priya).one(&db.read).await.unwrap().unwrap();
    let mut a: customers::ActiveModel = c.into();
    a.whatsapp_opt_in = Set(true);
    a.update(&db.write).await.unwrap();
    let dispatcher = Dispatcher::new(db.clone(), vec![Arc::new(Notifier { public_url: "https://pressdesk.example".into() })]);
    dispatcher.pump_durable().await.unwrap();
    let (oid, _) = pressdesk::services::orders::create(db, &staff(Role::FrontDesk), &shop(), today(), &order_input(priya, vec![line(&cat["BC-STD"], 500)])).await.unwrap();
    let ln = order_lines::Entity::find().filter(order_lines::Column::OrderId.eq(oid)).one(&db.read).await.unwrap().unwrap();
    let store = pressdesk::storage::DirStorage::new(std::env::temp_dir().join(format!("pd-wa-proof-{}-{oid}-{}", std::process::id(), t.backend)));
    let proof = proof_svc::upload(db, &store, &staff(Role::Designer), ln.id, "v1.png", &png(), "").await.unwrap();
    proof_svc::review(db, &staff(Role::Manager), proof, Decision::Approve, "", "ip").await.unwrap();
    dispatcher.pump_durable().await.unwrap();
    let w = h.worker("w");
    w.run_once().await.unwrap();
    w.run_once().await.unwrap();
    w.run_once().await.unwrap();
    // Order received is a template (no window yet); the proof is the template with its image
    // header and the two quick replies.
    let accepted = h.fake.accepted();
    let proof_msg = accepted.iter().find(|m| m.body["template"]["name"] == "pd_proof_ready").expect("proof template sent");
    let parts: Vec<String> = proof_msg.body["template"]["components"].as_array().unwrap().iter().map(|c| c["type"].as_str().unwrap_or("").to_string()).collect();
    assert!(parts.contains(&"header".to_string()) && parts.iter().filter(|p| *p == "button").count() == 2, "{}", proof_msg.body);
    let phone = h.fake.phone(WA_ID);
    let with_buttons = phone.iter().rev().find(|p| !p.buttons.is_empty()).expect("buttons on the phone");
    let (id, title) = with_buttons.buttons.iter().find(|(id, _)| id.starts_with("proof.approve.")).cloned().expect("approve button");
    assert_eq!(id, format!("proof.approve.{proof}"));

    // The customer taps Approve: recorded as on the portal, the bot confirms.
    h.fake.reply_as_customer(WA_ID, "Priya", CustomerReply::Button { id, title }).await.unwrap();
    take_in(db, 1).await;
    let p = proofs::Entity::find_by_id(proof).one(&db.read).await.unwrap().unwrap();
    assert_eq!(p.status, ProofStatus::Approved.as_str());
    assert!(text_of(&newest(db).await.unwrap()).contains("approved"));
    let audit = pressdesk::db::e::audit_log::Entity::find().filter(pressdesk::db::e::audit_log::Column::Action.eq("customer_decision")).one(&db.read).await.unwrap().expect("audited");
    assert!(audit.detail.contains("whatsapp"), "{}", audit.detail);
    // Tapping again changes nothing.
    h.fake.reply_as_customer(WA_ID, "Priya", CustomerReply::Button { id: format!("proof.approve.{proof}"), title: "Approve".into() }).await.unwrap();
    take_in(db, 2).await;
    assert!(text_of(&newest(db).await.unwrap()).contains("already decided"));
    h.stop().await;
}
