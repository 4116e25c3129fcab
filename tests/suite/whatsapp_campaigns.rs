#![cfg(feature = "ssr")]
//! Campaigns on SQLite and PostgreSQL against the fake Cloud API: the audience (opted in,
//! marketing-stopped left out, filters), per-recipient variables and the cost estimate, an
//! empty audience refused with nothing queued, pause holding messages back, resume and the
//! progress reaching done.
use crate::common;

use common::*;
use pressdesk::db::e::{customers, outbox, wa_contacts};
use pressdesk::domain::roles::Role;
use pressdesk::domain::whatsapp::campaign::{Audience, CampaignInput, CampaignStatus};
use pressdesk::domain::whatsapp::message::Body;
use pressdesk::domain::whatsapp::pricing::Rates;
use pressdesk::services::whatsapp::campaigns;
use pressdesk::services::whatsapp::fake::FakeConfig;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

use crate::wa;

async fn opt_in(db: &pressdesk::db::Db, id: i32, tags: &str) {
    let c = customers::Entity::find_by_id(id).one(&db.read).await.unwrap().unwrap();
    let mut a: customers::ActiveModel = c.into();
    a.whatsapp_opt_in = Set(true);
    a.tags = Set(tags.into());
    a.update(&db.write).await.unwrap();
}

#[tokio::test]
async fn a_campaign_reaches_its_audience_once_with_pause_and_resume() {
    on_every_backend!(campaign_on);
}

async fn campaign_on(t: &TestDb) {
    let db = &t.db;
    let h = wa::Harness::start(db, FakeConfig::default()).await;
    let (cat, priya) = floor(db).await;
    let ravi = customer(db, "Ravi Joshi", "98111 22233", "27").await;
    let stopped = customer(db, "Meena Iyer", "98222 33344", "27").await;
    let _never = customer(db, "Anil Rao", "98333 44455", "27").await;
    for (c, tags) in [(priya, "wedding, vip"), (ravi, "corporate"), (stopped, "vip")] {
        opt_in(db, c, tags).await;
    }
    for c in [priya, ravi, stopped] {
        pressdesk::services::orders::create(db, &staff(Role::FrontDesk), &shop(), today(), &order_input(c, vec![line(&cat["BC-STD"], 500)])).await.unwrap();
    }
    let contact = pressdesk::services::whatsapp::contacts::find_or_create(&db.write, "919822233344", "", "Meena").await.unwrap();
    let mut a: wa_contacts::ActiveModel = contact.into();
    a.marketing_stopped = Set(true);
    a.update(&db.write).await.unwrap();

    let owner = staff(Role::Owner);
    let rates = Rates::default();
    let mut input = CampaignInput { name: "Diwali".into(), template: "promo_diwali".into(), language: "en".into(), variables: vec!["{first_name}".into(), "{last_product}".into()], ..Default::default() };
    let p = campaigns::preview(db, &input, &rates).await.unwrap();
    assert_eq!(p.count, 2, "opted in and not stopped: {:?}", p.sample);
    assert_eq!(p.estimate.total_paise, 173, "2 × ₹0.8631 = ₹1.7262, rounded once");
    assert_eq!(p.sample[0].variables, ["Priya", "Business cards"]);

    // A tag filter no one matches: the campaign cannot start, nothing is queued.
    let nobody = CampaignInput { audience: Audience { tags: vec!["nobody".into()], ..Default::default() }, ..input.clone() };
    let empty = campaigns::create(db, &owner, &nobody).await.unwrap();
    let err = campaigns::start(db, &owner, empty, &rates).await.unwrap_err();
    assert!(err.field_message("audience").is_some(), "{err:?}");
    assert_eq!(outbox::Entity::find().count(&db.read).await.unwrap(), 0);

    input.audience.tags = vec!["VIP".into()];
    assert_eq!(campaigns::preview(db, &input, &rates).await.unwrap().count, 1, "tags match case-insensitively; Meena stopped");
    input.audience.tags = vec![];
    let id = campaigns::create(db, &owner, &input).await.unwrap();
    assert_eq!(campaigns::start(db, &owner, id, &rates).await.unwrap(), 2);
    assert!(campaigns::start(db, &owner, id, &rates).await.is_err(), "started once");
    let queued = outbox::Entity::find().filter(outbox::Column::CampaignId.eq(id)).all(&db.read).await.unwrap();
    assert_eq!(queued.len(), 2);
    let msg: pressdesk::domain::whatsapp::message::Outgoing = serde_json::from_str(&queued[0].payload).unwrap();
    assert!(matches!(msg.body, Body::Template(ref t) if t.name == "promo_diwali"));

    // Paused: the worker leaves its messages alone.
    campaigns::pause(db, &owner, id).await.unwrap();
    let w = h.worker("w");
    w.run_once().await.unwrap();
    assert_eq!(h.fake.accepted().len(), 0);
    assert_eq!(campaigns::progress(db, id).await.unwrap().1.queued, 2);
    campaigns::resume(db, &owner, id).await.unwrap();
    w.run_once().await.unwrap();
    w.run_once().await.unwrap();
    assert_eq!(h.fake.accepted().len(), 2);
    let (c, p) = campaigns::progress(db, id).await.unwrap();
    assert_eq!((p.total, p.queued, p.percent()), (2, 0, 100));
    assert_eq!(c.status, CampaignStatus::Done.as_str());

    // Bad input: field errors, nothing saved.
    let bad = CampaignInput { name: "".into(), variables: vec!["{frist_name}".into()], ..input };
    let before = campaigns::list(db).await.unwrap().len();
    assert!(campaigns::create(db, &owner, &bad).await.unwrap_err().field_message("variables[0]").is_some());
    assert_eq!(campaigns::list(db).await.unwrap().len(), before);
    h.stop().await;
}
