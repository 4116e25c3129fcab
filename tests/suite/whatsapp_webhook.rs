#![cfg(feature = "ssr")]
//! The WhatsApp webhook over HTTP: Meta's handshake, the signature checked before anything
//! is parsed, and each delivered item stored once however often it comes (SQLite and
//! PostgreSQL).
use crate::common;

use axum::body::Body;
use common::web::{app_with, get, send, HOST};
use common::*;
use hmac::{Hmac, Mac};
use http::{header, Method, Request, StatusCode};
use pressdesk::config::WhatsAppSettings;
use pressdesk::db::e::wa_inbound;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const SECRET: &str = "app-secret-for-tests";

const TEXT: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
  "messaging_product":"whatsapp","metadata":{"display_phone_number":"919812300000","phone_number_id":"106540352242922"},
  "contacts":[{"profile":{"name":"Asha Verma"},"wa_id":"919800000001","user_id":"IN.1410018717833190"}],
  "messages":[{"from":"919800000001","from_user_id":"IN.1410018717833190","id":"wamid.IN1","timestamp":"1764583200","type":"text","text":{"body":"where is my order 1234"}}]}}]}]}"#;

// A status for a message we have not recorded sending, and the same "delivered" twice.
const STATUSES: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
  "messaging_product":"whatsapp","metadata":{"display_phone_number":"919812300000","phone_number_id":"106540352242922"},
  "statuses":[
    {"id":"wamid.OUT1","status":"read","timestamp":"1764583300","recipient_id":"919800000001"},
    {"id":"wamid.OUT1","status":"delivered","timestamp":"1764583260","recipient_id":"919800000001","pricing":{"billable":true,"pricing_model":"PMP","category":"utility","type":"regular"}},
    {"id":"wamid.OUT1","status":"delivered","timestamp":"1764583260","recipient_id":"919800000001"}]}}]}]}"#;

fn sign(body: &str) -> String {
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(body.as_bytes());
    let hex: String = mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256={hex}")
}

fn delivery(body: &str, signature: Option<&str>) -> Request<Body> {
    let mut b = Request::builder().method(Method::POST).uri("/webhooks/whatsapp").header(header::HOST, HOST).header(header::CONTENT_TYPE, "application/json");
    if let Some(s) = signature {
        b = b.header("X-Hub-Signature-256", s);
    }
    b.body(Body::from(body.to_string())).unwrap()
}

#[tokio::test]
async fn webhook_is_signed_verified_and_idempotent() {
    on_every_backend!(webhook_on);
}

async fn webhook_on(t: &TestDb) {
    let settings = WhatsAppSettings { app_secret: SECRET.into(), verify_token: "verify-me".into(), ..Default::default() };
    let app = app_with(&t.db, "https://pressdesk.example", settings);
    let stored = || async { wa_inbound::Entity::find().count(&t.db.read).await.unwrap() };

    // The handshake answers the challenge only with our token.
    let ok = send(&app, get("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444", None)).await;
    assert_eq!((ok.status, String::from_utf8_lossy(&ok.body).to_string()), (StatusCode::OK, "1158201444".to_string()));
    let bad = send(&app, get("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1", None)).await;
    assert_eq!(bad.status, StatusCode::FORBIDDEN);

    // No signature, a wrong one, or one for another body: 401 and nothing stored.
    assert_eq!(send(&app, delivery(TEXT, None)).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(send(&app, delivery(TEXT, Some("sha256=00"))).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(send(&app, delivery(TEXT, Some(&sign(STATUSES)))).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(stored().await, 0);
    // Signed but not JSON: refused, nothing stored.
    assert_eq!(send(&app, delivery("{not json", Some(&sign("{not json")))).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(stored().await, 0);

    // A signed message is stored once, with its sender's phone and BSUID; a redelivery adds nothing.
    assert_eq!(send(&app, delivery(TEXT, Some(&sign(TEXT)))).await.status, StatusCode::OK);
    assert_eq!(send(&app, delivery(TEXT, Some(&sign(TEXT)))).await.status, StatusCode::OK);
    let rows = wa_inbound::Entity::find().all(&t.db.read).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].kind.as_str(), rows[0].wamid.as_str(), rows[0].wa_id.as_str(), rows[0].user_id.as_str()), ("message", "wamid.IN1", "919800000001", "IN.1410018717833190"));
    assert!(rows[0].detail.contains("where is my order 1234"), "{}", rows[0].detail);

    // Statuses before their send and twice: each (message, status) once.
    assert_eq!(send(&app, delivery(STATUSES, Some(&sign(STATUSES)))).await.status, StatusCode::OK);
    assert_eq!(send(&app, delivery(STATUSES, Some(&sign(STATUSES)))).await.status, StatusCode::OK);
    let statuses = wa_inbound::Entity::find().filter(wa_inbound::Column::Kind.eq("status")).count(&t.db.read).await.unwrap();
    assert_eq!(statuses, 2);
    assert_eq!(stored().await, 3);

    // With no app secret configured, even a correctly formed signature is refused.
    let open = app_with(&t.db, "https://pressdesk.example", WhatsAppSettings::default());
    assert_eq!(send(&open, delivery(TEXT, Some(&sign(TEXT)))).await.status, StatusCode::UNAUTHORIZED);
}
