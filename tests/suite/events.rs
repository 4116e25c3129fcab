#![cfg(feature = "ssr")]
//! Domain events and version-checked writes, on SQLite and PostgreSQL: concurrent moves of
//! one card, a failure after the move inside an approval, the event every use case writes,
//! and the dispatcher resuming after a stop.
use crate::common;

use common::*;
use pressdesk::db::e::{approval_steps, audit_log, jobs, order_lines, proofs, stage_events};
use pressdesk::db::versioned::Versioned;
use pressdesk::db::Db;
use pressdesk::domain::events::{DomainEvent, EventKind, Subject};
use pressdesk::domain::order::OrderStatus;
use pressdesk::domain::quality::{Decision, ProofStatus};
use pressdesk::domain::roles::Role;
use pressdesk::error::{AppError, AppResult};
use pressdesk::services::events::dispatch::{Dispatcher, Subscriber};
use pressdesk::services::events::{self, StoredEvent};
use pressdesk::services::production::moves::{move_job, MoveRequest};
use pressdesk::services::quality::proofs as proof_svc;
use pressdesk::services::{orders, Actor};
use pressdesk::storage::DirStorage;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, Statement};
use std::sync::{Arc, Mutex};

fn png() -> Vec<u8> {
    let img = image::RgbImage::from_pixel(24, 16, image::Rgb([200, 40, 40]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// A confirmed order of 500 business cards: (order id, its one job).
async fn one_job_order(db: &Db, customer: i32, cat: &std::collections::HashMap<String, pressdesk::dto::products::Product>) -> (i32, jobs::Model) {
    let (oid, _) = orders::create(db, &staff(Role::FrontDesk), &shop(), today(), &order_input(customer, vec![line(&cat["BC-STD"], 500)])).await.unwrap();
    let job = jobs::Entity::find().filter(jobs::Column::OrderId.eq(oid)).one(&db.read).await.unwrap().unwrap();
    (oid, job)
}

fn kinds(list: &[StoredEvent]) -> Vec<EventKind> {
    list.iter().map(|e| e.event.kind()).collect()
}

async fn job_events(db: &Db, job_id: i32) -> u64 {
    stage_events::Entity::find().filter(stage_events::Column::JobId.eq(job_id)).count(&db.read).await.unwrap()
}

#[tokio::test]
async fn two_concurrent_moves_of_one_card_exactly_one_wins() {
    on_every_backend!(two_concurrent_moves_on);
}

async fn two_concurrent_moves_on(t: &TestDb) {
    let (cat, cust) = floor(&t.db).await;
    let s = stage_ids(&t.db).await;
    for round in 0..10 {
        let (_, job) = one_job_order(&t.db, cust, &cat).await;
        let before = job_events(&t.db, job.id).await;
        let barrier = Arc::new(tokio::sync::Barrier::new(2));
        let mut set = tokio::task::JoinSet::new();
        for who in ["Asha", "Ravi"] {
            let (db, barrier) = (t.db.clone(), barrier.clone());
            let req = MoveRequest { job_id: job.id, to_stage: s["proof"], index: 0, version: job.version, override_reason: None };
            set.spawn(async move {
                let actor = Actor::Staff { id: 1, name: who.into(), role: Role::Operator };
                barrier.wait().await;
                move_job(&db, &actor, &req).await
            });
        }
        let results: Vec<AppResult<()>> = set.join_all().await;
        let won = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(won, 1, "round {round} on {}: {results:?}", t.backend);
        let lost = results.into_iter().find_map(|r| r.err()).unwrap();
        assert_eq!(lost, AppError::Conflict(<jobs::Entity as Versioned>::CONFLICT.into()), "round {round}");
        // One leave/enter pair, one version step, one JobMoved event.
        assert_eq!(job_events(&t.db, job.id).await, before + 2, "round {round}");
        let now = jobs::Entity::find_by_id(job.id).one(&t.db.read).await.unwrap().unwrap();
        assert_eq!((now.version, now.stage_id), (job.version + 1, s["proof"]));
        let moved = events::about(&t.db.read, Subject::Job, job.id).await.unwrap();
        assert_eq!(kinds(&moved), vec![EventKind::JobMoved], "round {round}");
    }
}

#[tokio::test]
async fn stale_versions_are_refused_by_the_one_helper() {
    on_every_backend!(stale_versions_on);
}

async fn stale_versions_on(t: &TestDb) {
    let (cat, cust) = floor(&t.db).await;
    let (oid, _) = one_job_order(&t.db, cust, &cat).await;
    let manager = staff(Role::Manager);
    orders::change_status(&t.db, &manager, oid, 1, OrderStatus::OnHold, "").await.unwrap();
    let err = orders::change_status(&t.db, &manager, oid, 1, OrderStatus::Confirmed, "").await.unwrap_err();
    assert_eq!(err, AppError::Conflict(<pressdesk::db::e::orders::Entity as Versioned>::CONFLICT.into()));
    let err = orders::change_status(&t.db, &manager, 9_999, 1, OrderStatus::Confirmed, "").await.unwrap_err();
    assert!(matches!(err, AppError::NotFound(_)), "{err:?}");
    // Directly through the helper: a lost race says the same as a stale edit.
    let txn = sea_orm::TransactionTrait::begin(&t.db.write).await.unwrap();
    let err = pressdesk::db::versioned::update::<pressdesk::db::e::orders::Entity, _>(&txn, oid, 1, vec![]).await.unwrap_err();
    assert_eq!(err, AppError::Conflict(<pressdesk::db::e::orders::Entity as Versioned>::CONFLICT.into()));
    pressdesk::db::versioned::update::<pressdesk::db::e::orders::Entity, _>(&txn, oid, 2, vec![]).await.unwrap();
    txn.commit().await.unwrap();
}

/// A proof waiting for the customer, its job in Proof approval: (proof id, job).
async fn awaiting_customer(t: &TestDb) -> (i32, jobs::Model, DirStorage) {
    let (cat, cust) = floor(&t.db).await;
    pressdesk::services::quality::checklists::ensure_defaults(&t.db).await.unwrap();
    let (oid, _) = one_job_order(&t.db, cust, &cat).await;
    let line = order_lines::Entity::find().filter(order_lines::Column::OrderId.eq(oid)).one(&t.db.read).await.unwrap().unwrap();
    let store = DirStorage::new(std::env::temp_dir().join(format!("pd-events-{}-{oid}-{}", std::process::id(), t.backend)));
    let proof = proof_svc::upload(&t.db, &store, &staff(Role::Designer), line.id, "v1.png", &png(), "").await.unwrap();
    proof_svc::review(&t.db, &staff(Role::Manager), proof, Decision::Approve, "", "ip").await.unwrap();
    let job = jobs::Entity::find().filter(jobs::Column::OrderId.eq(oid)).one(&t.db.read).await.unwrap().unwrap();
    (proof, job, store)
}

async fn install_failure(t: &TestDb) {
    let stmts: &[&str] = if t.backend == "postgres" {
        &[
            "CREATE FUNCTION fail_decision() RETURNS trigger AS $$ BEGIN IF NEW.kind = 'proof_decided' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql",
            "CREATE TRIGGER fail_decision BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION fail_decision()",
        ]
    } else {
        &["CREATE TRIGGER fail_decision BEFORE INSERT ON events WHEN NEW.kind = 'proof_decided' BEGIN SELECT RAISE(ABORT, 'injected failure'); END"]
    };
    for s in stmts {
        t.db.write.execute(Statement::from_string(t.db.backend(), s.to_string())).await.unwrap();
    }
}

#[tokio::test]
async fn a_failure_after_the_move_inside_an_approval_leaves_nothing_changed() {
    on_every_backend!(failure_inside_approval_on);
}

async fn failure_inside_approval_on(t: &TestDb) {
    let (proof, job, _store) = awaiting_customer(t).await;
    let s = stage_ids(&t.db).await;
    assert_eq!(job.stage_id, s["proof"]);
    let snapshot = (job_events(&t.db, job.id).await, count(&t.db, "events").await, count(&t.db, "audit_log").await, count(&t.db, "order_status_history").await);
    // The events are written last, after the approval moved the job: failing there must
    // roll back the decision, the move, its stage events and the audit row.
    install_failure(t).await;
    let err = proof_svc::customer_decision(&t.db, proof, Decision::Approve, "Kavya Rao", true, "", &[], "1.2.3.4").await.unwrap_err();
    assert!(matches!(err, AppError::Internal(_)), "{err:?}");
    let after = (job_events(&t.db, job.id).await, count(&t.db, "events").await, count(&t.db, "audit_log").await, count(&t.db, "order_status_history").await);
    assert_eq!(after, snapshot);
    let now = jobs::Entity::find_by_id(job.id).one(&t.db.read).await.unwrap().unwrap();
    assert_eq!((now.stage_id, now.version), (job.stage_id, job.version));
    let p = proofs::Entity::find_by_id(proof).one(&t.db.read).await.unwrap().unwrap();
    assert_eq!(p.status, ProofStatus::AwaitingCustomer.as_str());
    let pending = approval_steps::Entity::find().filter(approval_steps::Column::ProofId.eq(proof)).filter(approval_steps::Column::Status.eq("pending")).count(&t.db.read).await.unwrap();
    assert_eq!(pending, 1);
    // Without the fault the same approval goes through, with everything together.
    t.db.write.execute(Statement::from_string(t.db.backend(), "DROP TRIGGER fail_decision".to_string() + if t.backend == "postgres" { " ON events" } else { "" })).await.unwrap();
    assert_eq!(proof_svc::customer_decision(&t.db, proof, Decision::Approve, "Kavya Rao", true, "", &[], "1.2.3.4").await.unwrap(), ProofStatus::Approved);
    let now = jobs::Entity::find_by_id(job.id).one(&t.db.read).await.unwrap().unwrap();
    assert_eq!((now.stage_id, now.version), (s["prepress"], job.version + 1));
    assert_eq!(job_events(&t.db, job.id).await, snapshot.0 + 2);
    assert_eq!(audit_log::Entity::find().count(&t.db.read).await.unwrap() as i64, snapshot.2 + 1);
    let evs = events::for_order(&t.db.read, job.order_id).await.unwrap();
    let tail: Vec<EventKind> = kinds(&evs).into_iter().rev().take(2).collect();
    assert_eq!(tail, vec![EventKind::JobMoved, EventKind::ProofDecided]);
}

#[tokio::test]
async fn every_use_case_writes_its_event() {
    on_every_backend!(every_use_case_writes_its_event_on);
}

async fn every_use_case_writes_its_event_on(t: &TestDb) {
    use pressdesk::services::production::moves::assign;
    let (proof, job, store) = awaiting_customer(t).await;
    let s = stage_ids(&t.db).await;
    let oid = job.order_id;
    // The events of the order written after `mark`.
    let since = |mark: i64| {
        let db = t.db.clone();
        async move { events::for_order(&db.read, oid).await.unwrap().into_iter().filter(|e| e.id > mark).collect::<Vec<_>>() }
    };
    let mark = || {
        let db = t.db.clone();
        async move { events::last_id(&db.read).await.unwrap() }
    };
    // Created; the upload moved the job to Proof approval (the order is now in
    // production); the manager approved.
    assert_eq!(
        kinds(&since(0).await),
        vec![EventKind::OrderCreated, EventKind::ProofUploaded, EventKind::JobMoved, EventKind::OrderStatusChanged, EventKind::ProofDecided]
    );

    // The customer asks for changes: decision and move back to Design, together.
    let m = mark().await;
    let pin = pressdesk::dto::quality::PinInput { x: 0.5, y: 0.5, body: "Bigger logo".into() };
    proof_svc::customer_decision(&t.db, proof, Decision::RequestChanges, "", false, "Bigger", &[pin], "ip").await.unwrap();
    let evs = since(m).await;
    assert_eq!(kinds(&evs), vec![EventKind::ProofDecided, EventKind::JobMoved]);
    assert!(matches!(evs[1].event, DomainEvent::JobMoved { to_stage, .. } if to_stage == s["design"]));

    // A new version, approved by the manager and then by the customer (portal or link).
    let m = mark().await;
    let line = order_lines::Entity::find().filter(order_lines::Column::OrderId.eq(oid)).one(&t.db.read).await.unwrap().unwrap();
    let v2 = proof_svc::upload(&t.db, &store, &staff(Role::Designer), line.id, "v2.png", &png(), "bigger").await.unwrap();
    proof_svc::review(&t.db, &staff(Role::Manager), v2, Decision::Approve, "", "ip").await.unwrap();
    proof_svc::customer_decision(&t.db, v2, Decision::Approve, "Kavya Rao", true, "", &[], "ip").await.unwrap();
    assert_eq!(kinds(&since(m).await), vec![EventKind::ProofUploaded, EventKind::JobMoved, EventKind::ProofDecided, EventKind::ProofDecided, EventKind::JobMoved]);

    // A reorder within the column, an assignment, a status change.
    let m = mark().await;
    let j = jobs::Entity::find_by_id(job.id).one(&t.db.read).await.unwrap().unwrap();
    move_job(&t.db, &staff(Role::Operator), &MoveRequest { job_id: j.id, to_stage: j.stage_id, index: 0, version: j.version, override_reason: None }).await.unwrap();
    assign(&t.db, &staff(Role::Manager), j.id, j.version + 1, None, None).await.unwrap();
    let order = pressdesk::db::e::orders::Entity::find_by_id(oid).one(&t.db.read).await.unwrap().unwrap();
    orders::change_status(&t.db, &staff(Role::Manager), oid, order.version, OrderStatus::OnHold, "Waiting for paper").await.unwrap();
    assert_eq!(kinds(&since(m).await), vec![EventKind::JobReordered, EventKind::JobAssigned, EventKind::OrderStatusChanged]);

    // Invoice and payment.
    let m = mark().await;
    let (inv, _) = pressdesk::services::invoices::create_from_order(&t.db, &staff(Role::FrontDesk), &shop(), today(), oid).await.unwrap();
    let pay = pressdesk::dto::invoices::PaymentInput { amount: "100".into(), method: "cash".into(), paid_on: "2026-11-25".into(), reference: String::new() };
    pressdesk::services::invoices::record_payment(&t.db, &staff(Role::FrontDesk), today(), inv, &pay).await.unwrap();
    assert_eq!(kinds(&since(m).await), vec![EventKind::InvoiceIssued, EventKind::PaymentRecorded]);

    // A customer's consent.
    let c = pressdesk::services::customers::get(&t.db, order.customer_id, chrono_tz::Asia::Kolkata).await.unwrap();
    let input = pressdesk::dto::customers::CustomerInput { whatsapp_opt_in: !c.input.whatsapp_opt_in, ..c.input.clone() };
    pressdesk::services::customers::update(&t.db, &staff(Role::FrontDesk), c.id, c.version, &input, "91").await.unwrap();
    let consent = events::about(&t.db.read, Subject::Customer, c.id).await.unwrap();
    assert_eq!(consent.last().map(|e| e.event.clone()), Some(DomainEvent::ConsentChanged { customer_id: c.id, whatsapp: !c.input.whatsapp_opt_in }));

    // A re-order from the portal: the new order, its jobs and artwork with their events.
    // Off hold first: an order on hold cannot be set ready.
    orders::change_status(&t.db, &staff(Role::Manager), oid, order.version + 1, OrderStatus::InProduction, "Paper arrived").await.unwrap();
    orders::change_status(&t.db, &staff(Role::Manager), oid, order.version + 2, OrderStatus::Ready, "").await.unwrap();
    orders::change_status(&t.db, &staff(Role::Manager), oid, order.version + 3, OrderStatus::Delivered, "").await.unwrap();
    let (new_id, _) = pressdesk::services::portal::reorder::confirm(&t.db, (c.id, c.input.name.clone()), oid, &[500], &[], "", &shop(), today()).await.unwrap();
    let evs = events::for_order(&t.db.read, new_id).await.unwrap();
    // Its artwork was approved (v2): the jobs start after proof approval, the order is in production.
    assert_eq!(kinds(&evs), vec![EventKind::OrderCreated, EventKind::OrderStatusChanged, EventKind::ReorderPlaced]);

    // The floor: a resource changed.
    let before = mark().await;
    let input = pressdesk::dto::production::ResourceInput {
        name: "Second cutter".into(),
        kind: "cutter".into(),
        is_person: false,
        stage_codes: vec!["finishing".into()],
        shifts: "09:30-18:30".into(),
        days: [true, true, true, true, true, true, false],
        active: true,
    };
    pressdesk::services::production::resources::save(&t.db, &staff(Role::Manager), None, &input).await.unwrap();
    let (after, _) = events::after(&t.db.read, before, 10).await.unwrap();
    assert_eq!(kinds(&after), vec![EventKind::FloorChanged]);
    // Every event names who did it.
    assert!(events::for_order(&t.db.read, oid).await.unwrap().iter().all(|e| !e.actor.is_empty()));
}

/// Records the ids it is handed.
struct Probe {
    seen: Mutex<Vec<i64>>,
    pause: std::time::Duration,
}

impl Probe {
    fn new(pause_ms: u64) -> Arc<Probe> {
        Arc::new(Probe { seen: Mutex::new(Vec::new()), pause: std::time::Duration::from_millis(pause_ms) })
    }
    fn seen(&self) -> Vec<i64> {
        self.seen.lock().unwrap().clone()
    }
}

impl Subscriber for Probe {
    fn name(&self) -> &'static str {
        "probe"
    }
    fn handle<'a>(&'a self, _txn: &'a DatabaseTransaction, events: &'a [StoredEvent]) -> futures::future::BoxFuture<'a, AppResult<()>> {
        Box::pin(async move {
            tokio::time::sleep(self.pause).await;
            self.seen.lock().unwrap().extend(events.iter().map(|e| e.id));
            Ok(())
        })
    }
}

#[tokio::test]
async fn the_dispatcher_delivers_events_written_while_it_was_stopped() {
    on_every_backend!(dispatcher_resumes_on);
}

async fn dispatcher_resumes_on(t: &TestDb) {
    let (cat, cust) = floor(&t.db).await;
    // Written while no dispatcher runs (the process was down between commit and publish).
    let (first, _) = one_job_order(&t.db, cust, &cat).await;
    let (second, _) = one_job_order(&t.db, cust, &cat).await;
    let written: Vec<i64> = events::after(&t.db.read, 0, 100).await.unwrap().0.iter().map(|e| e.id).collect();
    assert_eq!(written.len(), 2);
    let probe = Probe::new(0);
    let d = Dispatcher::new(t.db.clone(), vec![probe.clone()]);
    assert_eq!(d.pump_durable().await.unwrap(), 2);
    assert_eq!(probe.seen(), written);
    // Nothing is handed twice.
    assert_eq!(d.pump_durable().await.unwrap(), 0);
    drop(d);
    // Stopped again; a third order; a new process resumes after the last handled event.
    let (third, _) = one_job_order(&t.db, cust, &cat).await;
    let probe2 = Probe::new(0);
    let d2 = Dispatcher::new(t.db.clone(), vec![probe2.clone()]);
    d2.pump_durable().await.unwrap();
    let third_events: Vec<i64> = events::for_order(&t.db.read, third).await.unwrap().iter().map(|e| e.id).collect();
    assert_eq!(probe2.seen(), third_events);
    assert!(first < second && second < third);

    // The board feed names the cards of a new order, and a reconnecting board is replayed
    // what it missed.
    d2.init_feed().await.unwrap();
    let mut feed = d2.subscribe_feed();
    let mark = events::last_id(&t.db.read).await.unwrap();
    let (fourth, job) = one_job_order(&t.db, cust, &cat).await;
    assert_eq!(d2.pump_feed().await.unwrap(), 1);
    let msg = feed.try_recv().unwrap();
    assert_eq!((msg.jobs.clone(), msg.reload), (vec![job.id], false));
    let replayed = events::feed::replay(&t.db.read, mark).await.unwrap();
    assert_eq!(replayed, vec![msg]);
    assert!(fourth > third);
}

#[tokio::test]
async fn two_dispatchers_never_hand_out_the_same_event() {
    on_every_backend!(two_dispatchers_on);
}

async fn two_dispatchers_on(t: &TestDb) {
    let (cat, cust) = floor(&t.db).await;
    for _ in 0..6 {
        one_job_order(&t.db, cust, &cat).await;
    }
    let all: Vec<i64> = events::after(&t.db.read, 0, 100).await.unwrap().0.iter().map(|e| e.id).collect();
    let (a, b) = (Probe::new(50), Probe::new(50));
    let (da, db) = (Dispatcher::new(t.db.clone(), vec![a.clone()]), Dispatcher::new(t.db.clone(), vec![b.clone()]));
    let (ra, rb) = tokio::join!(da.pump_durable(), db.pump_durable());
    ra.unwrap();
    rb.unwrap();
    // Another round picks up whatever a skipped instance left.
    da.pump_durable().await.unwrap();
    db.pump_durable().await.unwrap();
    let mut seen = a.seen();
    seen.extend(b.seen());
    seen.sort_unstable();
    assert_eq!(seen, all, "each event exactly once across both instances");
}

#[tokio::test]
async fn floor_changes_ask_for_one_plan_and_payments_do_not() {
    on_every_backend!(replanner_on);
}

async fn replanner_on(t: &TestDb) {
    use pressdesk::services::events::subscribers::Replanner;
    let (cat, cust) = floor(&t.db).await;
    let planner = Replanner::new();
    let d = Dispatcher::new(t.db.clone(), vec![planner.clone()]);
    // Three new orders in a burst: handled in one batch, one plan asked for.
    let mut last = 0;
    for _ in 0..3 {
        last = one_job_order(&t.db, cust, &cat).await.0;
    }
    d.pump_durable().await.unwrap();
    assert_eq!(planner.requests(), 1);
    // Money does not change the floor.
    let (inv, _) = pressdesk::services::invoices::create_from_order(&t.db, &staff(Role::FrontDesk), &shop(), today(), last).await.unwrap();
    let pay = pressdesk::dto::invoices::PaymentInput { amount: "10".into(), method: "cash".into(), paid_on: "2026-11-25".into(), reference: String::new() };
    pressdesk::services::invoices::record_payment(&t.db, &staff(Role::FrontDesk), today(), inv, &pay).await.unwrap();
    d.pump_durable().await.unwrap();
    assert_eq!(planner.requests(), 1);
    // A cancelled order does.
    orders::change_status(&t.db, &staff(Role::Manager), last, 1, OrderStatus::Cancelled, "Customer called off").await.unwrap();
    d.pump_durable().await.unwrap();
    assert_eq!(planner.requests(), 2);
}

#[tokio::test]
async fn a_move_reaches_the_boards_of_another_instance() {
    on_every_backend!(another_instance_on);
}

async fn another_instance_on(t: &TestDb) {
    let (cat, cust) = floor(&t.db).await;
    let s = stage_ids(&t.db).await;
    let (_, job) = one_job_order(&t.db, cust, &cat).await;
    // The other instance: its own connections (on SQLite the same file), its own dispatcher.
    let other = match &t.db.pg_url {
        Some(url) => pressdesk::db::connect(url).await.unwrap(),
        None => t.db.clone(),
    };
    let d = Dispatcher::new(other, vec![]);
    d.start().await.unwrap();
    let mut feed = d.subscribe_feed();
    // Let the listener connect before the move.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let started = std::time::Instant::now();
    move_job(&t.db, &staff(Role::Operator), &MoveRequest { job_id: job.id, to_stage: s["proof"], index: 0, version: job.version, override_reason: None }).await.unwrap();
    let msg = tokio::time::timeout(std::time::Duration::from_secs(3), feed.recv()).await.expect("no board message within 3 s").unwrap();
    assert_eq!(msg.jobs, vec![job.id]);
    assert!(started.elapsed() < std::time::Duration::from_secs(1), "took {:?}", started.elapsed());
}
