#![cfg(feature = "ssr")]
//! Production services: jobs made from confirmed orders along their routings, board moves
//! (events, optimistic locking, illegal moves), the board and WIP limits, hand assignment,
//! resources with their shifts and downtime, and routings, on SQLite and PostgreSQL.
//! Scheduling, progress, timelines and bottlenecks are in production_plan.rs.
use crate::common;

use chrono::{Duration, NaiveDate};
use common::{floor, stage_ids, ROUTE, count, fields, line, order_input, shop, staff, today, TestDb};
use pressdesk::db::e::{job_stages, jobs, resources as resource_rows, stage_events, stages};
use pressdesk::db::Db;
use pressdesk::domain::order::{OrderStatus, Priority};
use pressdesk::domain::roles::Role;
use pressdesk::domain::scheduler::{working_minutes_on, Calendar, Shift};
use pressdesk::dto::orders::OrderInput;
use pressdesk::dto::production::{ResourceInput, RoutingStep, Urgency};
use pressdesk::error::AppError;
use pressdesk::services::orders;
use pressdesk::services::production::moves::{assign, move_job, MoveRequest};
use pressdesk::services::production::{board, resources, setup};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

const TZ: chrono_tz::Tz = chrono_tz::Asia::Kolkata;

async fn place(db: &Db, input: &OrderInput) -> i32 {
    orders::create(db, &staff(Role::FrontDesk), &shop(), today(), input).await.unwrap().0
}

async fn jobs_of(db: &Db, order_id: i32) -> Vec<jobs::Model> {
    jobs::Entity::find().filter(jobs::Column::OrderId.eq(order_id)).order_by_asc(jobs::Column::Id).all(&db.read).await.unwrap()
}

async fn job(db: &Db, id: i32) -> jobs::Model {
    jobs::Entity::find_by_id(id).one(&db.read).await.unwrap().unwrap()
}

async fn route_of(db: &Db, job_id: i32) -> Vec<job_stages::Model> {
    job_stages::Entity::find().filter(job_stages::Column::JobId.eq(job_id)).order_by_asc(job_stages::Column::Seq).all(&db.read).await.unwrap()
}

/// (kind, stage, from, to, note) of a job's stage events, oldest first.
async fn events(db: &Db, job_id: i32) -> Vec<(String, i32, Option<i32>, Option<i32>, String)> {
    stage_events::Entity::find()
        .filter(stage_events::Column::JobId.eq(job_id))
        .order_by_asc(stage_events::Column::Id)
        .all(&db.read)
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.kind, e.stage_id, e.from_stage_id, e.to_stage_id, e.note))
        .collect()
}

/// Everything a refused move or assignment must leave alone.
async fn snapshot(db: &Db, job_id: i32) -> (jobs::Model, Vec<job_stages::Model>, i64) {
    (job(db, job_id).await, route_of(db, job_id).await, count(db, "stage_events").await)
}

async fn resource_id(db: &Db, name: &str) -> i32 {
    resource_rows::Entity::find().filter(resource_rows::Column::Name.eq(name)).one(&db.read).await.unwrap().unwrap().id
}

fn mv(job_id: i32, to_stage: i32, version: i32) -> MoveRequest {
    MoveRequest { job_id, to_stage, index: 0, version, override_reason: None }
}

/// `steps` with step `i` changed by `f`.
fn changed(steps: &[RoutingStep], i: usize, f: impl FnOnce(&mut RoutingStep)) -> Vec<RoutingStep> {
    let mut v = steps.to_vec();
    f(&mut v[i]);
    v
}

#[tokio::test]
async fn confirmed_orders_get_one_routed_job_per_line() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let (p, cust) = floor(db).await;
        let s = stage_ids(db).await;
        let code: HashMap<i32, String> = s.iter().map(|(c, id)| (*id, c.clone())).collect();
        let input = OrderInput {
            priority: Priority::Rush,
            due_date: "2026-12-20".into(),
            ..order_input(cust, vec![line(&p["BC-STD"], 500), line(&p["DES-SVC"], 1)])
        };
        let oid = place(db, &input).await;
        let o = orders::get(db, oid, &shop(), TZ).await.unwrap();
        let js = jobs_of(db, oid).await;
        assert_eq!(js.len(), 2);
        for (j, l) in js.iter().zip(&o.lines) {
            assert_eq!((j.order_line_id, j.product_id, j.quantity, j.title.as_str()), (l.id, l.product_id, l.quantity, l.description.as_str()));
            assert_eq!((j.stage_id, j.state.as_str(), j.rush, j.version), (s["design"], "active", true, 1));
            assert_eq!((j.due_date, j.resource_id, j.assignee_id), (NaiveDate::from_ymd_opt(2026, 12, 20), None, None));
        }
        // Each job copies its product's routing with standard minutes for its quantity. Cards
        // x500: printing 10 + 20 per 1000 = 20, finishing 10 + 5 = 15, QC 10 + 2.5 -> 13.
        let expect: [(i32, Vec<(&str, &str, i32)>); 2] = [
            (
                js[0].id,
                vec![
                    ("design", "designer", 30),
                    ("proof", "none", 240),
                    ("prepress", "designer", 15),
                    ("printing", "digital_press", 20),
                    ("finishing", "cutter", 15),
                    ("qc", "operator", 13),
                    ("dispatch", "operator", 10),
                    ("delivered", "none", 0),
                ],
            ),
            (js[1].id, vec![("design", "designer", 120), ("proof", "none", 240), ("dispatch", "operator", 5), ("delivered", "none", 0)]),
        ];
        for (id, want) in expect {
            let r = route_of(db, id).await;
            let got: Vec<(&str, &str, i32)> = r.iter().map(|x| (code[&x.stage_id].as_str(), x.resource_kind.as_str(), x.std_minutes)).collect();
            assert_eq!(got, want);
            assert_eq!(r.iter().map(|x| x.seq).collect::<Vec<_>>(), (0..want.len() as i32).collect::<Vec<_>>());
            // Started at the first stage, the rest pending, nothing planned yet.
            assert_eq!((r[0].state.as_str(), r[0].entered_at.is_some()), ("active", true));
            assert!(r[1..].iter().all(|x| x.state == "pending" && x.entered_at.is_none()));
            assert!(r.iter().all(|x| x.left_at.is_none() && x.worked_minutes == 0 && x.planned_start.is_none()));
            assert_eq!(events(db, id).await, vec![("enter".to_string(), s["design"], None, Some(s["design"]), "Job created".to_string())]);
        }
        let ev = stage_events::Entity::find().one(&db.read).await.unwrap().unwrap();
        assert_eq!((ev.order_id, ev.user_name.as_str()), (oid, "Tester (front desk)"));

        // A draft has no jobs until it is confirmed; confirming twice makes no more.
        let draft = place(db, &OrderInput { draft: true, ..order_input(cust, vec![line(&p["LTR-A4"], 100)]) }).await;
        assert!(jobs_of(db, draft).await.is_empty());
        orders::change_status(db, &staff(Role::Manager), draft, 1, OrderStatus::Confirmed, "").await.unwrap();
        let dj = jobs_of(db, draft).await;
        assert_eq!(dj.len(), 1);
        assert_eq!((dj[0].stage_id, dj[0].rush, dj[0].due_date), (s["design"], false, None));
        let again = pressdesk::services::production::jobs::create_for_order(&db.write, draft, &staff(Role::Manager)).await.unwrap();
        assert_eq!((again, count(db, "jobs").await, count(db, "job_stages").await), (0, 3, 8 + 4 + 8));
    });
}

#[tokio::test]
async fn moves_write_events_bump_the_version_and_refuse_bad_moves() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let (p, cust) = floor(db).await;
        let s = stage_ids(db).await;
        let oid = place(db, &order_input(cust, vec![line(&p["BC-STD"], 500), line(&p["DES-SVC"], 1)])).await;
        let js = jobs_of(db, oid).await;
        let (cards, design_job) = (js[0].id, js[1].id);
        let op = staff(Role::Operator);

        // Design -> proof approval: no quality gate in the way.
        move_job(db, &op, &mv(cards, s["proof"], 1)).await.unwrap();
        let j = job(db, cards).await;
        assert_eq!((j.stage_id, j.version, j.state.as_str()), (s["proof"], 2, "active"));
        let ev = events(db, cards).await;
        assert_eq!(
            ev[1..].to_vec(),
            vec![
                ("leave".to_string(), s["design"], Some(s["design"]), Some(s["proof"]), String::new()),
                ("enter".to_string(), s["proof"], Some(s["design"]), Some(s["proof"]), String::new()),
            ]
        );
        let last = stage_events::Entity::find().order_by_desc(stage_events::Column::Id).one(&db.read).await.unwrap().unwrap();
        assert_eq!(last.user_name, "Tester (operator)");
        let r = route_of(db, cards).await;
        assert_eq!(r.iter().map(|x| x.state.as_str()).collect::<Vec<_>>(), ["done", "active", "pending", "pending", "pending", "pending", "pending", "pending"]);
        assert!(r[0].left_at.is_some() && r[1].entered_at.is_some() && r[1].left_at.is_none());
        // The order follows its jobs into production.
        let o = orders::get(db, oid, &shop(), TZ).await.unwrap();
        assert_eq!((o.status, o.history.last().unwrap().comment.as_str()), (OrderStatus::InProduction, "Follows production"));

        // Refused, each with a clear error, and nothing changes.
        let before = snapshot(db, cards).await;
        let other = snapshot(db, design_job).await;
        let err = move_job(db, &op, &mv(cards, s["design"], 1)).await.unwrap_err();
        assert!(matches!(err, AppError::Conflict(_)), "{err:?}");
        let err = move_job(db, &op, &mv(cards, 9_999, 2)).await.unwrap_err();
        assert_eq!(err.field_message("to_stage").as_deref(), Some("There is no such stage"));
        let err = move_job(db, &op, &mv(cards, s["printing"], 2)).await.unwrap_err();
        assert_eq!(err, AppError::Rejected("Finish Prepress first: a job moves one stage at a time".into()));
        let err = move_job(db, &op, &mv(design_job, s["printing"], 1)).await.unwrap_err();
        assert_eq!(err, AppError::Rejected("This job does not go through Printing".into()));
        let err = move_job(db, &op, &mv(cards, s["prepress"], 2)).await.unwrap_err();
        assert!(matches!(err, AppError::Gate(..)), "{err:?}");
        assert!(matches!(move_job(db, &op, &mv(9_999, s["proof"], 1)).await, Err(AppError::NotFound(_))));
        assert_eq!(snapshot(db, cards).await, before);
        assert_eq!(snapshot(db, design_job).await, other);

        // Back to design for rework: proof is pending again, design active again.
        move_job(db, &op, &mv(cards, s["design"], 2)).await.unwrap();
        let r = route_of(db, cards).await;
        assert_eq!((r[0].state.as_str(), r[0].left_at, r[1].state.as_str()), ("active", None, "pending"));
        let ev = events(db, cards).await;
        assert_eq!(ev.len(), 5);
        assert!(ev[3..].iter().all(|e| e.4 == "Sent back for rework"), "{ev:?}");
        assert_eq!(job(db, cards).await.version, 3);

        // Reordering within a column: a "reorder" event, the stage is kept, the card goes on top.
        let entered = job(db, design_job).await.entered_stage_at;
        move_job(db, &op, &MoveRequest { index: 0, ..mv(design_job, s["design"], 1) }).await.unwrap();
        let dj = job(db, design_job).await;
        assert_eq!((dj.stage_id, dj.version, dj.entered_stage_at), (s["design"], 2, entered));
        assert_eq!(events(db, design_job).await.last().unwrap().0, "reorder");
        let b = board::load(db, today(), None).await.unwrap();
        let column: Vec<i32> = b.cards.iter().filter(|c| c.stage_id == s["design"]).map(|c| c.id).collect();
        assert_eq!(column, vec![design_job, cards]);
    });
}

#[tokio::test]
async fn board_lists_open_jobs_with_wip_limits_and_holds() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let (p, cust) = floor(db).await;
        let s = stage_ids(db).await;
        let design = s["design"];
        assert_eq!(setup::save_stage(db, &staff(Role::Manager), Some(design), "", "Design", "Designing", "1", 0).await.unwrap(), design);
        let oid = place(db, &OrderInput { due_date: "2026-11-26".into(), ..order_input(cust, vec![line(&p["BC-STD"], 500), line(&p["FLY-A5"], 100)]) }).await;
        place(db, &OrderInput { draft: true, ..order_input(cust, vec![line(&p["LTR-A4"], 100)]) }).await;
        let js = jobs_of(db, oid).await;

        let b = board::load(db, today(), None).await.unwrap();
        assert_eq!(b.stages.iter().map(|x| x.code.as_str()).collect::<Vec<_>>(), ROUTE);
        let info = b.stages.iter().find(|x| x.id == design).unwrap();
        assert_eq!((info.name.as_str(), info.customer_label.as_str(), info.wip_limit), ("Design", "Designing", Some(1)));
        // The draft has no card; the two confirmed lines sit in design, in the order made.
        assert_eq!(b.cards.iter().map(|c| (c.id, c.position)).collect::<Vec<_>>(), vec![(js[0].id, 1024), (js[1].id, 2048)]);
        let c = &b.cards[0];
        assert_eq!((c.order_id, c.order_number.as_str(), c.customer.as_str()), (oid, "PD-2026-00001", "Priya Sharma"));
        assert_eq!((c.quantity, c.unit.as_str(), c.due_date.as_deref(), c.urgency), (500, "pcs", Some("2026-11-26"), Urgency::Soon));
        assert_eq!((c.stage_id, c.version, c.percent, c.rush, c.on_hold), (design, 1, 0.0, false, false));
        assert_eq!((c.resource.clone(), c.assignee.clone()), (None, None));
        assert!(c.title.starts_with("Business cards"), "{}", c.title);
        assert_eq!(c.route, ROUTE.iter().map(|x| s[*x]).collect::<Vec<_>>());
        assert_eq!((b.cards[1].quantity, b.cards[1].unit.as_str()), (100, "pcs"));
        // Over the limit: two unfinished cards in a column limited to one (as the board counts).
        let wip = b.cards.iter().filter(|c| c.stage_id == design && c.percent < 100.0).count();
        assert!(info.wip_limit.is_some_and(|l| wip > l as usize), "{wip}");
        let col = b.columns.iter().find(|x| x.stage_id == design).unwrap();
        assert_eq!((col.cards, col.wip, b.complete), (2, 2, true));
        assert_eq!(b.columns.iter().map(|x| x.cards).sum::<u32>(), 2);
        assert_eq!(b.products.iter().map(|x| x.1.as_str()).collect::<Vec<_>>(), vec!["Business cards", "Flyers"]);
        // A window of one card a column: the first card only, the counts still whole.
        let w = board::load(db, today(), Some(1)).await.unwrap();
        assert_eq!(w.cards.iter().map(|c| c.id).collect::<Vec<_>>(), vec![js[0].id]);
        assert_eq!((w.columns, w.complete, w.products), (b.columns.clone(), false, b.products.clone()));
        // A live update brings just the asked-for cards, says which left, and fresh counts.
        let u = board::update(db, today(), &[js[1].id, 999_999]).await.unwrap();
        assert_eq!(u.cards, vec![b.cards[1].clone()]);
        assert_eq!((u.gone, u.columns), (vec![999_999], b.columns.clone()));
        // Urgency follows the day the board is looked at.
        for (day, want) in [(26, Urgency::Today), (27, Urgency::Overdue)] {
            let later = board::load(db, NaiveDate::from_ymd_opt(2026, 11, day).unwrap(), None).await.unwrap();
            assert!(later.cards.iter().all(|c| c.urgency == want), "{day}");
        }

        // Bad stage input names its field and changes nothing.
        let cases = [
            ("wip_limit", "Design", "-3", 0),
            ("wip_limit", "Design", "0", 0),
            ("wip_limit", "Design", "501", 0),
            ("wip_limit", "Design", "ten", 0),
            ("name", "  ", "5", 0),
            ("position", "Design", "5", 101),
            ("position", "Design", "5", -1),
        ];
        let stored = stages::Entity::find_by_id(design).one(&db.read).await.unwrap();
        for (field, name, wip, pos) in cases {
            let got = fields(setup::save_stage(db, &staff(Role::Manager), Some(design), "", name, "Designing", wip, pos).await);
            assert!(got.iter().any(|f| f == field), "{field}: {got:?}");
        }
        for code in ["Bad Code", "", "design"] {
            assert_eq!(fields(setup::save_stage(db, &staff(Role::Manager), None, code, "Lamination", "", "", 9).await), vec!["code".to_string()], "{code}");
        }
        assert!(matches!(setup::save_stage(db, &staff(Role::Manager), Some(9_999), "", "X", "", "", 0).await, Err(AppError::NotFound(_))));
        assert_eq!(stages::Entity::find_by_id(design).one(&db.read).await.unwrap(), stored);
        assert_eq!(count(db, "stages").await, 8);

        // A new stage joins the board; an empty limit clears one.
        let lam = setup::save_stage(db, &staff(Role::Manager), None, "Lamination", "Lamination", "", "5", 9).await.unwrap();
        setup::save_stage(db, &staff(Role::Manager), Some(design), "", "Design", "Designing", "", 0).await.unwrap();
        let b = board::load(db, today(), None).await.unwrap();
        let last = b.stages.last().unwrap();
        assert_eq!((b.stages.len(), last.id, last.code.as_str(), last.customer_label.as_str(), last.wip_limit), (9, lam, "lamination", "Lamination", Some(5)));
        assert_eq!(b.stages[0].wip_limit, None);

        // On hold: the cards say so and do not move.
        orders::change_status(db, &staff(Role::Manager), oid, 1, OrderStatus::OnHold, "Awaiting advance").await.unwrap();
        let b = board::load(db, today(), None).await.unwrap();
        assert!(b.cards.len() == 2 && b.cards.iter().all(|c| c.on_hold));
        let j = job(db, js[0].id).await;
        let err = move_job(db, &staff(Role::Operator), &mv(j.id, s["proof"], j.version)).await.unwrap_err();
        assert_eq!(err, AppError::Rejected("This job is on hold and cannot move".into()));
        assert_eq!(job(db, j.id).await, j);
    });
}

#[tokio::test]
async fn assign_sets_a_resource_and_refuses_stale_versions() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let (p, cust) = floor(db).await;
        let s = stage_ids(db).await;
        let oid = place(db, &order_input(cust, vec![line(&p["BC-STD"], 500)])).await;
        let id = jobs_of(db, oid).await[0].id;
        let meera = resource_id(db, "Meera Joshi (design)").await;

        assign(db, &staff(Role::Manager), id, 1, Some(meera), None).await.unwrap();
        let j = job(db, id).await;
        assert_eq!((j.resource_id, j.assignee_id, j.version), (Some(meera), None, 2));
        let card = board::load(db, today(), None).await.unwrap().cards.into_iter().find(|c| c.id == id).unwrap();
        assert_eq!((card.resource_id, card.resource.as_deref(), card.version), (Some(meera), Some("Meera Joshi (design)"), 2));

        // Stale, unknown resource or person, unknown job: refused, nothing changes.
        let before = snapshot(db, id).await;
        assert!(matches!(assign(db, &staff(Role::Manager), id, 1, None, None).await, Err(AppError::Conflict(_))));
        assert_eq!(fields(assign(db, &staff(Role::Manager), id, 2, Some(9_999), None).await), vec!["resource_id".to_string()]);
        assert_eq!(fields(assign(db, &staff(Role::Manager), id, 2, None, Some(9_999)).await), vec!["assignee_id".to_string()]);
        assert!(matches!(assign(db, &staff(Role::Manager), 9_999, 1, None, None).await, Err(AppError::NotFound(_))));
        assert_eq!(snapshot(db, id).await, before);
        // The assignment took a version: a move with the old one is stale.
        assert!(matches!(move_job(db, &staff(Role::Operator), &mv(id, s["proof"], 1)).await, Err(AppError::Conflict(_))));
        assign(db, &staff(Role::Manager), id, 2, None, None).await.unwrap();
        let j = job(db, id).await;
        assert_eq!((j.resource_id, j.version, j.stage_id), (None, 3, s["design"]));
    });
}

#[tokio::test]
async fn resources_keep_their_shifts_and_refuse_bad_input() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        floor(db).await;
        assert_eq!(count(db, "resources").await, 11);
        let ok = || ResourceInput {
            name: "Epson SureColor S80600".into(),
            kind: "large_format".into(),
            is_person: false,
            stage_codes: vec!["printing".into()],
            days: [true, true, true, true, true, false, false],
            shifts: "14:00-18:00, 09:00-13:00".into(),
            active: true,
        };
        let cases: Vec<(&str, ResourceInput)> = vec![
            ("name", ResourceInput { name: "  ".into(), ..ok() }),
            ("kind", ResourceInput { kind: "spaceship".into(), ..ok() }),
            ("shifts", ResourceInput { shifts: String::new(), ..ok() }),
            ("shifts", ResourceInput { shifts: "19:00-09:00".into(), ..ok() }),
            ("shifts", ResourceInput { shifts: "-09:00-13:00".into(), ..ok() }),
            ("shifts", ResourceInput { shifts: "09:00-13:00, 12:00-18:00".into(), ..ok() }),
            ("shifts", ResourceInput { shifts: "25:00-26:00".into(), ..ok() }),
            ("shifts", ResourceInput { shifts: "09:60-10:00".into(), ..ok() }),
            ("shifts", ResourceInput { shifts: "9-5".into(), ..ok() }),
            ("days", ResourceInput { days: [false; 7], ..ok() }),
            ("stage_codes", ResourceInput { stage_codes: vec![], ..ok() }),
            ("stage_codes", ResourceInput { stage_codes: vec!["lasering".into()], ..ok() }),
        ];
        for (field, input) in cases {
            let got = fields(resources::save(db, &staff(Role::Manager), None, &input).await);
            assert!(got.iter().any(|f| f == field), "{field}: {got:?} for {input:?}");
            assert_eq!(count(db, "resources").await, 11, "{field}");
        }
        assert!(matches!(resources::save(db, &staff(Role::Manager), Some(9_999), &ok()).await, Err(AppError::NotFound(_))));

        let id = resources::save(db, &staff(Role::Manager), None, &ok()).await.unwrap();
        let list = resources::list(db, TZ).await.unwrap();
        assert_eq!(list.len(), 12);
        let row = list.iter().find(|r| r.id == id).unwrap();
        assert_eq!(row.input, ResourceInput { shifts: "09:00-13:00, 14:00-18:00".into(), ..ok() });
        assert!(row.downtime.is_empty());
        // Capacity is the shifts on working days: 4 h + 4 h Monday to Friday, none at weekends.
        let stored = resource_rows::Entity::find_by_id(id).one(&db.read).await.unwrap().unwrap();
        let cal: Calendar = serde_json::from_str(&stored.calendar_json).unwrap();
        assert_eq!(cal.shifts, vec![Shift { start: 540, end: 780 }, Shift { start: 840, end: 1080 }]);
        let day = |d: u32| working_minutes_on(&cal, NaiveDate::from_ymd_opt(2026, 11, d).unwrap());
        assert_eq!((day(30), day(28), day(29)), (480, 0, 0));

        // Edits replace the pattern.
        resources::save(db, &staff(Role::Manager), Some(id), &ResourceInput { shifts: "10:00-19:00".into(), active: false, ..ok() }).await.unwrap();
        let row = resources::list(db, TZ).await.unwrap().into_iter().find(|r| r.id == id).unwrap();
        assert_eq!((row.input.shifts.as_str(), row.input.active, count(db, "resources").await), ("10:00-19:00", false, 12));

        // Downtime: a real, forward range of at most 90 days, with a reason.
        let d = chrono::Utc::now().with_timezone(&TZ).date_naive() + Duration::days(2);
        let at = |d: NaiveDate, hm: &str| format!("{}T{hm}", d.format("%Y-%m-%d"));
        let bad = [
            ("starts", "2026-13-01T10:00".to_string(), at(d, "12:00"), "Service"),
            ("starts", String::new(), at(d, "12:00"), "Service"),
            ("ends", at(d, "10:00"), "soon".to_string(), "Service"),
            ("ends", at(d, "12:00"), at(d, "10:00"), "Service"),
            ("ends", at(d, "10:00"), at(d, "10:00"), "Service"),
            ("ends", at(d, "10:00"), at(d + Duration::days(91), "10:00"), "Service"),
            ("reason", at(d, "10:00"), at(d, "12:00"), " "),
        ];
        for (field, starts, ends, reason) in bad {
            let got = fields(resources::add_downtime(db, &staff(Role::Manager), TZ, id, &starts, &ends, reason).await);
            assert!(got.iter().any(|f| f == field), "{field}: {got:?} for {starts} .. {ends}");
        }
        let long = "r".repeat(201);
        assert_eq!(fields(resources::add_downtime(db, &staff(Role::Manager), TZ, id, &at(d, "10:00"), &at(d, "12:00"), &long).await), vec!["reason".to_string()]);
        assert!(matches!(resources::add_downtime(db, &staff(Role::Manager), TZ, 9_999, &at(d, "10:00"), &at(d, "12:30"), "Service").await, Err(AppError::NotFound(_))));
        assert_eq!(count(db, "resource_downtime").await, 0);
        resources::add_downtime(db, &staff(Role::Manager), TZ, id, &at(d, "10:00"), &at(d, "12:30"), "Roller service").await.unwrap();
        let row = resources::list(db, TZ).await.unwrap().into_iter().find(|r| r.id == id).unwrap();
        let want = (d.format("%a %d %b, 10:00").to_string(), d.format("%a %d %b, 12:30").to_string(), "Roller service".to_string());
        assert_eq!(row.downtime, vec![want]);
    });
}

#[tokio::test]
async fn routings_save_what_is_given_and_refuse_bad_durations() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let (p, cust) = floor(db).await;
        let s = stage_ids(db).await;
        let code: HashMap<i32, String> = s.iter().map(|(c, id)| (*id, c.clone())).collect();
        let ltr = p["LTR-A4"].id;
        let before = setup::routing(db, ltr).await.unwrap();
        let names = ["Design", "Proof approval", "Prepress", "Printing", "Finishing", "Quality check", "Ready / Dispatch", "Delivered"];
        assert_eq!(before.iter().map(|x| x.stage.as_str()).collect::<Vec<_>>(), names);
        assert!(before.iter().all(|x| x.included));
        assert_eq!((before[3].resource_kind.as_str(), before[3].setup_minutes, before[3].run_minutes_per_1000), ("digital_press", 10, 20));
        // A job made now keeps its own copy of the routing whatever happens to the product's.
        let old_job = jobs_of(db, place(db, &order_input(cust, vec![line(&p["LTR-A4"], 100)])).await).await[0].id;

        // Skip proof and prepress, longer design, slower printing, laminate instead of cut.
        let mut steps = before.clone();
        steps[0].setup_minutes = 45;
        steps[1].included = false;
        steps[2].included = false;
        steps[3].setup_minutes = 25;
        steps[3].run_minutes_per_1000 = 40;
        steps[4].resource_kind = "laminator".into();
        setup::save_routing(db, &staff(Role::Manager), ltr, &steps).await.unwrap();
        let after = setup::routing(db, ltr).await.unwrap();
        assert_eq!(after.len(), 8);
        for (got, sent) in after.iter().zip(&steps) {
            if sent.included {
                assert_eq!(got, sent);
            } else {
                assert_eq!((got.stage_id, got.included, got.setup_minutes, got.run_minutes_per_1000), (sent.stage_id, false, 0, 0));
            }
        }

        // Negative or absurd durations, unknown kinds or stages: a field error, nothing saved.
        let cases: Vec<(&str, Vec<RoutingStep>)> = vec![
            ("steps.0.setup_minutes", changed(&steps, 0, |x| x.setup_minutes = -5)),
            ("steps.0.setup_minutes", changed(&steps, 0, |x| x.setup_minutes = 1_441)),
            ("steps.3.run_minutes_per_1000", changed(&steps, 3, |x| x.run_minutes_per_1000 = -1)),
            ("steps.3.run_minutes_per_1000", changed(&steps, 3, |x| x.run_minutes_per_1000 = 100_001)),
            ("steps.4.resource_kind", changed(&steps, 4, |x| x.resource_kind = "spaceship".into())),
            ("routing", steps.iter().cloned().map(|x| RoutingStep { included: false, ..x }).collect()),
            ("routing", changed(&steps, 5, |x| x.stage_id = 9_999)),
        ];
        let rows = count(db, "routings").await;
        for (field, bad) in cases {
            let got = fields(setup::save_routing(db, &staff(Role::Manager), ltr, &bad).await);
            assert!(got.iter().any(|f| f == field), "{field}: {got:?}");
            assert_eq!(setup::routing(db, ltr).await.unwrap(), after, "{field}");
            assert_eq!(count(db, "routings").await, rows, "{field}");
        }
        assert!(matches!(setup::save_routing(db, &staff(Role::Manager), 9_999, &steps).await, Err(AppError::NotFound(_))));

        // New jobs follow the new routing: printing 25 + 40 x 0.5 = 45, finishing 10 + 5 = 15.
        let oid = place(db, &order_input(cust, vec![line(&p["LTR-A4"], 500)])).await;
        let j = jobs_of(db, oid).await[0].clone();
        let route = route_of(db, j.id).await;
        let got: Vec<(&str, &str, i32)> = route.iter().map(|x| (code[&x.stage_id].as_str(), x.resource_kind.as_str(), x.std_minutes)).collect();
        assert_eq!(
            got,
            vec![("design", "designer", 45), ("printing", "digital_press", 45), ("finishing", "laminator", 15), ("qc", "operator", 13), ("dispatch", "operator", 10), ("delivered", "none", 0)]
        );
        assert_eq!(route_of(db, old_job).await.len(), 8);
        // Without a proof stage, design goes straight on to printing.
        move_job(db, &staff(Role::Operator), &mv(j.id, s["printing"], 1)).await.unwrap();
        assert_eq!(job(db, j.id).await.stage_id, s["printing"]);
    });
}
