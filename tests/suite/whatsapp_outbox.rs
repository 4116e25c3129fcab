#![cfg(feature = "ssr")]
//! The WhatsApp outbox against the fake Cloud API over real HTTP, on SQLite and PostgreSQL:
//! every message sent exactly once through server errors, rate limits, timeouts (accepted or
//! not), garbled answers, a worker killed mid-flight and two workers side by side; one
//! customer's messages in order; dead letters retried and cancelled; delivery statuses
//! arriving twice and out of order settling on "read".
use crate::common;

use common::*;
use pressdesk::db::e::outbox;
use pressdesk::db::Db;
use pressdesk::domain::whatsapp::message::{Outgoing, Recipient};
use pressdesk::domain::whatsapp::outbox::{OutboxStatus, Topic};
use pressdesk::domain::whatsapp::window::Purpose;
use pressdesk::domain::roles::Role;
use pressdesk::services::whatsapp::fake::{Fault, FakeConfig};
use pressdesk::services::whatsapp::outbox::{self as ob, NewMessage};
use pressdesk::services::whatsapp::statuses;
use pressdesk::services::whatsapp::worker::Worker;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use crate::wa;

async fn enqueue_many(db: &Db, lanes: usize, per_lane: usize) -> Vec<i32> {
    let mut ids = Vec::new();
    let txn = sea_orm::TransactionTrait::begin(&db.write).await.unwrap();
    for i in 0..per_lane {
        for l in 0..lanes {
            let to = Recipient::Phone(format!("+9198{:08}", l));
            let m = NewMessage::new(Outgoing::text(to, format!("message {i} to {l}")), Topic::Text, Purpose::ServiceReply);
            ids.push(ob::enqueue(&txn, m).await.unwrap());
        }
    }
    txn.commit().await.unwrap();
    ids
}

async fn rows(db: &Db) -> Vec<outbox::Model> {
    outbox::Entity::find().order_by_asc(outbox::Column::Id).all(&db.read).await.unwrap()
}

/// Runs workers until nothing is pending or sending (or the deadline passes).
async fn drain(db: &Db, deadline: Duration) {
    let start = std::time::Instant::now();
    loop {
        let open = rows(db).await.iter().filter(|r| r.status == "pending" || r.status == "sending").count();
        if open == 0 {
            return;
        }
        assert!(start.elapsed() < deadline, "{open} messages still open after {deadline:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn spawn_worker(w: Worker) -> tokio::task::JoinHandle<()> {
    let w = Arc::new(w);
    tokio::spawn(async move {
        loop {
            if w.run_once().await.unwrap().claimed == 0 {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
    })
}

#[tokio::test]
async fn every_message_is_sent_exactly_once_through_faults_crashes_and_two_workers() {
    on_every_backend!(exactly_once_on);
}

async fn exactly_once_on(t: &TestDb) {
    let h = wa::Harness::start(&t.db, FakeConfig { auto_delivered: true, ..Default::default() }).await;
    let ids = enqueue_many(&t.db, 50, 20).await;
    h.fake.set_random_faults(
        0.3,
        vec![
            Fault::ServerError,
            Fault::RateLimited { retry_after_s: 1 },
            Fault::Timeout { ms: 900, accept: true },
            Fault::Timeout { ms: 900, accept: false },
            Fault::Malformed,
        ],
    );
    // A worker that dies mid-flight: its leases run out and others take over.
    let first = spawn_worker(h.worker("crashy"));
    tokio::time::sleep(Duration::from_millis(700)).await;
    first.abort();
    let a = spawn_worker(h.worker("a"));
    let b = spawn_worker(h.worker("b"));
    drain(&t.db, Duration::from_secs(120)).await;
    a.abort();
    b.abort();

    let all = rows(&t.db).await;
    assert!(all.iter().all(|r| r.status == OutboxStatus::Sent.as_str()), "{:?}", all.iter().filter(|r| r.status != "sent").map(|r| (&r.status, &r.last_error)).collect::<Vec<_>>());
    let accepted = h.fake.accepted();
    let mut per_key: HashMap<String, usize> = HashMap::new();
    for a in &accepted {
        *per_key.entry(a.callback_data.clone().unwrap_or_default()).or_default() += 1;
    }
    let doubles: Vec<_> = per_key.iter().filter(|(_, n)| **n > 1).collect();
    assert!(doubles.is_empty(), "sent twice: {doubles:?}");
    assert_eq!(per_key.len(), ids.len(), "every message reached the API once");
    assert!(h.fake.requests() > ids.len() as u64, "faults were injected and retried");
    // One customer's messages reached the API in the order they were queued.
    let mut last: HashMap<String, i32> = HashMap::new();
    for a in &accepted {
        let id: i32 = a.callback_data.as_deref().and_then(|k| k.strip_prefix("pd-out-")).unwrap().parse().unwrap();
        if let Some(prev) = last.insert(a.to.clone(), id) {
            assert!(prev < id, "lane {} went {prev} then {id}", a.to);
        }
    }
    // The wamid we recorded is the one the API gave.
    let given: HashSet<String> = accepted.iter().map(|a| a.wamid.clone()).collect();
    assert!(all.iter().all(|r| given.contains(&r.wamid)));
    h.stop().await;
}

#[tokio::test]
async fn dead_letters_are_kept_and_staff_retry_or_cancel_them() {
    on_every_backend!(dead_letters_on);
}

async fn dead_letters_on(t: &TestDb) {
    let h = wa::Harness::start(&t.db, FakeConfig::default()).await;
    let ids = enqueue_many(&t.db, 3, 1).await;
    h.fake.push_faults([
        Fault::Code { http: 400, code: 131008, message: "Required parameter is missing".into() },
        Fault::Code { http: 400, code: 131047, message: "Re-engagement message".into() },
    ]);
    let w = h.worker("w");
    for _ in 0..5 {
        w.run_once().await.unwrap();
    }
    let all = rows(&t.db).await;
    let status: Vec<&str> = all.iter().map(|r| r.status.as_str()).collect();
    assert_eq!(status, ["dead", "dead", "sent"]);
    assert!(all[0].last_error.contains("131008"), "{}", all[0].last_error);
    assert!(all[1].last_error.contains("24-hour window"), "{}", all[1].last_error);
    let (counts, _) = ob::counts(&t.db).await.unwrap();
    assert_eq!((counts.dead, counts.sent, counts.pending), (2, 1, 0));

    let owner = staff(Role::Owner);
    ob::retry(&t.db, &owner, ids[0]).await.unwrap();
    ob::cancel(&t.db, &owner, ids[1]).await.unwrap();
    // A sent message can be neither retried nor cancelled.
    assert!(ob::cancel(&t.db, &owner, ids[2]).await.is_err());
    assert!(matches!(ob::retry(&t.db, &owner, 9999).await, Err(pressdesk::error::AppError::NotFound(_))));
    w.run_once().await.unwrap();
    let status: Vec<String> = rows(&t.db).await.into_iter().map(|r| r.status).collect();
    assert_eq!(status, ["sent", "cancelled", "sent"]);
    assert_eq!(h.fake.accepted().len(), 2);
    h.stop().await;
}

#[tokio::test]
async fn delivery_statuses_twice_and_out_of_order_settle_on_read() {
    on_every_backend!(statuses_on);
}

async fn statuses_on(t: &TestDb) {
    let h = wa::Harness::start(&t.db, FakeConfig::default()).await;
    h.fake.set_status_chaos(true);
    enqueue_many(&t.db, 5, 4).await;
    let w = h.worker("w");
    for _ in 0..10 {
        w.run_once().await.unwrap();
    }
    let start = std::time::Instant::now();
    loop {
        statuses::apply_pending(&t.db).await.unwrap();
        let all = rows(&t.db).await;
        if all.iter().all(|r| r.delivery == "read") {
            assert!(all.iter().all(|r| r.read_at.is_some() && r.delivered_at.is_some() && r.pricing_category == "service"));
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(20), "{:?}", all.iter().map(|r| r.delivery.clone()).collect::<Vec<_>>());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // A late "delivered" after "read" changes nothing.
    let first = rows(&t.db).await.remove(0);
    h.post_status(&first.wamid, "delivered", &format!("pd-out-{}", first.id)).await;
    statuses::apply_pending(&t.db).await.unwrap();
    let again = outbox::Entity::find().filter(outbox::Column::Id.eq(first.id)).one(&t.db.read).await.unwrap().unwrap();
    assert_eq!((again.delivery.as_str(), again.read_at), ("read", first.read_at));
    h.stop().await;
}
