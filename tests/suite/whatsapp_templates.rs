#![cfg(feature = "ssr")]
//! WhatsApp template management on SQLite and PostgreSQL against the fake Cloud API over real
//! HTTP: a valid template is submitted and reaches APPROVED through the fake's signed webhook;
//! every broken rule is a field error with nothing stored and nothing sent; edits (refused while
//! in review, never renaming), deletes, the sync picking up Meta's side (a pause, a quality
//! drop, a deletion), and a repeated template webhook changing nothing.
use crate::common;

use common::*;
use pressdesk::db::e::{wa_inbound, wa_templates};
use pressdesk::db::Db;
use pressdesk::domain::roles::Role;
use pressdesk::domain::whatsapp::notify::NotifyEvent;
use pressdesk::domain::whatsapp::template::{Button, Category, Header, Quality, Template, TemplateStatus};
use pressdesk::error::AppError;
use pressdesk::services::portal::auth::LOGIN_CODE_TEMPLATE;
use pressdesk::services::whatsapp::fake::FakeConfig;
use pressdesk::services::whatsapp::{statuses, template_sync, templates};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::time::Duration;

use crate::wa;

fn order_ready(name: &str) -> Template {
    Template {
        name: name.into(),
        category: Category::Utility,
        language: "en".into(),
        header: Header::Text { text: "Order {{1}} is ready".into() },
        body: "Hi {{1}}, your {{2}} can be collected today.".into(),
        footer: Some("PressDesk Print Shop".into()),
        buttons: vec![
            Button::QuickReply { text: "Thanks".into() },
            Button::Url { text: "Track".into(), url: "https://shop.in/o/{{1}}".into(), example: Some("https://shop.in/o/42".into()) },
        ],
        header_example: Some("PD-2026-00042".into()),
        body_examples: [("1", "Asha"), ("2", "500 business cards")].iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        add_security_recommendation: false,
        code_expiration_minutes: None,
        status: TemplateStatus::Pending,
        quality: Quality::Unknown,
    }
}

/// Applies stored webhooks until the row has `status` (the fake reviews in ~200 ms).
async fn wait_for(db: &Db, id: i32, status: TemplateStatus) -> wa_templates::Model {
    for _ in 0..100 {
        statuses::apply_pending(db).await.unwrap();
        let m = templates::get(db, id).await.unwrap();
        if m.status == status.as_str() {
            return m;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("template {id} never reached {status:?}");
}

fn message(err: &AppError, field: &str) -> String {
    err.field_message(field).unwrap_or_else(|| panic!("no error on {field}: {err:?}"))
}

#[tokio::test]
async fn a_valid_template_is_submitted_and_approved_by_webhook() {
    on_every_backend!(create_on);
}

async fn create_on(t: &TestDb) {
    let db = &t.db;
    let h = wa::Harness::start(db, FakeConfig::default()).await;
    let api = templates::api(&h.settings).unwrap();
    let owner = staff(Role::Owner);
    let row = templates::create(db, &api, &owner, &order_ready("order_ready")).await.unwrap();
    assert_eq!(row.status, TemplateStatus::Pending.as_str());
    assert!(!row.remote_id.is_empty());
    assert_eq!((row.name.as_str(), row.language.as_str(), row.category.as_str()), ("order_ready", "en", "UTILITY"));
    let sent = h.fake.templates();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["id"], row.remote_id.as_str());
    assert_eq!(sent[0]["components"][1]["text"], "Hi {{1}}, your {{2}} can be collected today.");

    let approved = wait_for(db, row.id, TemplateStatus::Approved).await;
    assert_eq!(approved.quality, Quality::Unknown.as_str());
    assert_eq!(templates::spec(&approved).body, "Hi {{1}}, your {{2}} can be collected today.");

    // The same name and language again: refused on the name, nothing sent.
    let err = templates::create(db, &api, &owner, &order_ready("order_ready")).await.unwrap_err();
    assert!(message(&err, "name").contains("already exists"), "{err:?}");
    assert_eq!(h.fake.templates().len(), 1);
    // Another language is another template.
    let hindi = Template { language: "hi".into(), ..order_ready("order_ready") };
    templates::create(db, &api, &owner, &hindi).await.unwrap();
    assert_eq!(wa_templates::Entity::find().count(&db.read).await.unwrap(), 2);
    h.stop().await;
}

#[tokio::test]
async fn a_template_breaking_a_rule_is_refused_on_its_field_and_nothing_is_sent() {
    on_every_backend!(invalid_on);
}

fn quick(n: usize) -> Vec<Button> {
    (0..n).map(|i| Button::QuickReply { text: format!("Reply {i}") }).collect()
}

fn url(u: &str) -> Button {
    Button::Url { text: "Visit".into(), url: u.into(), example: None }
}

fn phone() -> Button {
    Button::PhoneNumber { text: "Call us".into(), phone_number: "+919800000001".into() }
}

async fn invalid_on(t: &TestDb) {
    let db = &t.db;
    let h = wa::Harness::start(db, FakeConfig::default()).await;
    let api = templates::api(&h.settings).unwrap();
    let audits = count(db, "audit_log").await;
    let base = order_ready("order_ready");
    let with_body = |body: &str, samples: &[(&str, &str)]| Template {
        body: body.into(),
        body_examples: samples.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        ..base.clone()
    };
    let with_buttons = |buttons: Vec<Button>| Template { buttons, ..base.clone() };
    let mut ungrouped = quick(1);
    ungrouped.extend([url("https://a.in"), quick(1)[0].clone()]);
    let cases: Vec<(&str, Template, &str, &str)> = vec![
        ("gap", with_body("Hi {{1}}, order {{3}} is ready.", &[("1", "a"), ("3", "c")]), "body", "{{2}} is missing"),
        ("variable first", with_body("{{1}}, your order is ready.", &[("1", "Asha")]), "body", "cannot start"),
        ("variable last", with_body("Your order is ready, {{1}}", &[("1", "Asha")]), "body", "cannot end"),
        ("long header", Template { header: Header::Text { text: "x".repeat(61) }, header_example: None, ..base.clone() }, "header", "60"),
        ("two header variables", Template { header: Header::Text { text: "{{1}} and {{2}}".into() }, ..base.clone() }, "header", "one variable"),
        ("long body", with_body(&format!("Hi {}", "x".repeat(1022)), &[]), "body", "1024"),
        ("long footer", Template { footer: Some("f".repeat(61)), ..base.clone() }, "footer", "60"),
        ("11 buttons", with_buttons(quick(11)), "buttons", "At most 10"),
        ("3 website buttons", with_buttons(vec![url("https://a.in"), url("https://b.in"), url("https://c.in")]), "buttons", "2 website"),
        ("2 phone buttons", with_buttons(vec![phone(), phone()]), "buttons", "one phone"),
        ("quick replies apart", with_buttons(ungrouped), "buttons", "together"),
        ("missing sample", with_body("Hi {{1}}, order {{2}} is ready.", &[("1", "Asha")]), "body_examples.2", "sample"),
        ("bad name", Template { name: "Order Ready".into(), ..base.clone() }, "name", "lower-case"),
    ];
    for (what, spec, field, text) in cases {
        let err = templates::create(db, &api, &staff(Role::Manager), &spec).await.unwrap_err();
        assert!(matches!(err, AppError::Validation(_)), "{what}: {err:?}");
        let m = message(&err, field);
        assert!(m.contains(text), "{what}: {m}");
        assert_eq!(wa_templates::Entity::find().count(&db.read).await.unwrap(), 0, "{what}: nothing stored");
        assert!(h.fake.templates().is_empty(), "{what}: nothing sent");
    }
    // Several broken rules show at once, each under its own input.
    let mut many = with_body("{{1}} and {{3}}", &[("1", "a"), ("3", "c")]);
    many.footer = Some("f".repeat(61));
    let err = templates::create(db, &api, &staff(Role::Manager), &many).await.unwrap_err();
    let f = fields(Err::<(), _>(err.clone()));
    assert!(f.contains(&"body".to_string()) && f.contains(&"footer".to_string()), "{f:?}");
    let body = message(&err, "body");
    assert!(body.contains("missing") && body.contains("cannot start") && body.contains("cannot end"), "{body}");
    assert_eq!(count(db, "audit_log").await, audits, "nothing recorded");
    h.stop().await;
}

#[tokio::test]
async fn edits_wait_for_the_review_keep_the_name_and_deletes_reach_whatsapp() {
    on_every_backend!(edit_delete_on);
}

async fn edit_delete_on(t: &TestDb) {
    let db = &t.db;
    let h = wa::Harness::start(db, FakeConfig::default()).await;
    let api = templates::api(&h.settings).unwrap();
    let owner = staff(Role::Owner);
    let row = templates::create(db, &api, &owner, &order_ready("order_ready")).await.unwrap();
    let mut edited = order_ready("order_ready");
    edited.body = "Hello {{1}}, your {{2}} is ready to collect.".into();

    // Still in review (the webhook not applied yet): Meta would refuse, so do we.
    let err = templates::edit(db, &api, &owner, row.id, &edited).await.unwrap_err();
    assert!(matches!(&err, AppError::Rejected(m) if m.contains("approved, rejected or paused")), "{err:?}");
    let row = wait_for(db, row.id, TemplateStatus::Approved).await;

    // Renaming is not an edit; a broken rule is refused before anything is sent.
    let renamed = Template { name: "order_ready_2".into(), ..edited.clone() };
    let err = templates::edit(db, &api, &owner, row.id, &renamed).await.unwrap_err();
    assert!(message(&err, "name").contains("create a new template"), "{err:?}");
    let broken = Template { body: "{{1}} is ready".into(), ..edited.clone() };
    let err = templates::edit(db, &api, &owner, row.id, &broken).await.unwrap_err();
    assert!(message(&err, "body").contains("cannot start"));
    assert_eq!(h.fake.templates()[0]["components"][1]["text"], "Hi {{1}}, your {{2}} can be collected today.", "nothing sent");

    // The fake's event key has a one-second resolution: the re-review is a new second.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let after = templates::edit(db, &api, &owner, row.id, &edited).await.unwrap();
    assert_eq!(after.status, TemplateStatus::Pending.as_str(), "back in review");
    assert_eq!(h.fake.templates()[0]["components"][1]["text"], "Hello {{1}}, your {{2}} is ready to collect.");
    let after = wait_for(db, row.id, TemplateStatus::Approved).await;
    assert_eq!(templates::spec(&after).body, edited.body);

    templates::delete(db, &api, &owner, row.id).await.unwrap();
    assert!(h.fake.templates().is_empty(), "deleted on WhatsApp");
    assert!(matches!(templates::get(db, row.id).await, Err(AppError::NotFound(_))));

    // Gone on Meta's side already: the row is simply removed.
    let other = templates::create(db, &api, &owner, &order_ready("gone_already")).await.unwrap();
    api.delete_template("gone_already", None).await.unwrap();
    templates::delete(db, &api, &owner, other.id).await.unwrap();
    assert_eq!(wa_templates::Entity::find().count(&db.read).await.unwrap(), 0);
    h.stop().await;
}

#[tokio::test]
async fn the_sync_reads_status_quality_and_deletions_from_whatsapp() {
    on_every_backend!(sync_on);
}

async fn sync_on(t: &TestDb) {
    let db = &t.db;
    let h = wa::Harness::start(db, FakeConfig::default()).await;
    let api = templates::api(&h.settings).unwrap();
    let owner = staff(Role::Owner);

    // The fake starts with the templates the app sends: the sign-in code and the order updates.
    let first = template_sync::sync(db, &api, &owner).await.unwrap();
    assert!(first.added > 0 && first.added == first.total, "{first:?}");
    let names: Vec<String> = templates::list(db).await.unwrap().into_iter().map(|m| m.name).collect();
    assert!(names.contains(&LOGIN_CODE_TEMPLATE.to_string()), "{names:?}");
    for e in NotifyEvent::ALL {
        assert!(names.contains(&e.default_template().to_string()), "{e:?}: {names:?}");
    }
    let login = templates::list(db).await.unwrap().into_iter().find(|m| m.name == LOGIN_CODE_TEMPLATE).unwrap();
    assert_eq!((login.category.as_str(), login.status.as_str(), login.quality.as_str()), ("AUTHENTICATION", "APPROVED", "GREEN"));

    let row = templates::create(db, &api, &owner, &order_ready("order_ready")).await.unwrap();
    wait_for(db, row.id, TemplateStatus::Approved).await;
    let again = template_sync::sync(db, &api, &owner).await.unwrap();
    assert_eq!((again.added, again.updated, again.removed), (0, 0, 0), "nothing changed: {again:?}");

    // Meta pauses it for low quality, and someone deletes an update template in WhatsApp Manager.
    h.fake.set_template_state("order_ready", "en", "PAUSED", Some("RED"), Some("LOW_QUALITY")).unwrap();
    api.delete_template("pd_delivered", None).await.unwrap();
    let report = template_sync::sync(db, &api, &owner).await.unwrap();
    assert_eq!((report.added, report.updated, report.removed), (0, 1, 1), "{report:?}");
    let m = templates::get(db, row.id).await.unwrap();
    assert_eq!((m.status.as_str(), m.quality.as_str(), m.rejected_reason.as_str()), ("PAUSED", "RED", "LOW_QUALITY"));
    assert!(m.synced_at.is_some());
    assert_eq!(wa_templates::Entity::find().filter(wa_templates::Column::Name.eq("pd_delivered")).count(&db.read).await.unwrap(), 0);
    // A paused template may be edited.
    let spec = templates::spec(&m);
    assert_eq!((spec.status, spec.quality), (TemplateStatus::Paused, Quality::Red));
    assert!(spec.status.editable());
    h.stop().await;
}

#[tokio::test]
async fn a_repeated_template_webhook_changes_nothing() {
    on_every_backend!(duplicate_on);
}

async fn duplicate_on(t: &TestDb) {
    let db = &t.db;
    let h = wa::Harness::start(db, FakeConfig::default()).await;
    let api = templates::api(&h.settings).unwrap();
    let row = templates::create(db, &api, &staff(Role::Owner), &order_ready("order_ready")).await.unwrap();
    wait_for(db, row.id, TemplateStatus::Approved).await;
    let stored = || async { wa_inbound::Entity::find().filter(wa_inbound::Column::Kind.eq("template")).count(&db.read).await.unwrap() };
    let before = stored().await;

    h.fake.post_template_event(&row.remote_id, None, Some("YELLOW"), 1_800_000_000).await.unwrap();
    statuses::apply_pending(db).await.unwrap();
    let yellow = templates::get(db, row.id).await.unwrap();
    assert_eq!((yellow.status.as_str(), yellow.quality.as_str()), ("APPROVED", "YELLOW"));
    assert_eq!(stored().await, before + 1);

    // Meta redelivers the same event: stored once, nothing changes.
    h.fake.post_template_event(&row.remote_id, None, Some("YELLOW"), 1_800_000_000).await.unwrap();
    assert_eq!(statuses::apply_pending(db).await.unwrap(), 0);
    assert_eq!(stored().await, before + 1);
    assert_eq!(templates::get(db, row.id).await.unwrap(), yellow);
    // Another event saying what the row already says changes nothing either (not even the time).
    h.fake.post_template_event(&row.remote_id, None, Some("YELLOW"), 1_800_000_060).await.unwrap();
    statuses::apply_pending(db).await.unwrap();
    assert_eq!(templates::get(db, row.id).await.unwrap(), yellow);

    // A rejection carries its reason; an event for a template we do not know waits.
    h.fake.set_template_state("order_ready", "en", "REJECTED", None, Some("INVALID_FORMAT")).unwrap();
    h.fake.post_template_event(&row.remote_id, Some("REJECTED"), None, 1_800_000_120).await.unwrap();
    h.fake.post_template_event("999999", Some("APPROVED"), None, 1_800_000_180).await.unwrap();
    statuses::apply_pending(db).await.unwrap();
    let rejected = templates::get(db, row.id).await.unwrap();
    assert_eq!((rejected.status.as_str(), rejected.quality.as_str(), rejected.rejected_reason.as_str()), ("REJECTED", "YELLOW", "INVALID_FORMAT"));
    let waiting = wa_inbound::Entity::find().filter(wa_inbound::Column::Kind.eq("template")).filter(wa_inbound::Column::ProcessedAt.is_null()).count(&db.read).await.unwrap();
    assert_eq!(waiting, 1, "the unknown template's event waits for its row");

    // An event older than the last sync is not applied over what the sync read.
    template_sync::sync(db, &api, &staff(Role::Owner)).await.unwrap();
    let synced = templates::get(db, row.id).await.unwrap();
    h.fake.post_template_event(&row.remote_id, Some("APPROVED"), None, 1_700_000_000).await.unwrap();
    statuses::apply_pending(db).await.unwrap();
    assert_eq!(templates::get(db, row.id).await.unwrap(), synced);
    assert_eq!(synced.status, "REJECTED");
    h.stop().await;
}
