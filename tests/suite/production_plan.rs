#![cfg(feature = "ssr")]
//! Production planning on SQLite and PostgreSQL: re-planning stores planned times per stage
//! and a forecast per order, the summary flags late orders and shows resource load, what-if
//! questions change nothing until committed, progress and timelines follow moves and the
//! plan, and the bottleneck report counts WIP and throughput per stage.
//!
//! The scheduler plans from the real clock, so dates here are relative to the shop's today.
use crate::common;

use chrono::{Duration, NaiveDate};
use common::{floor, stage_ids, ROUTE, line, order_input, shop, staff, today, TestDb};
use pressdesk::db::e::{job_stages, jobs, order_forecasts, resource_downtime, resources as resource_rows};
use pressdesk::db::Db;
use pressdesk::domain::order::Priority;
use pressdesk::domain::roles::Role;
use pressdesk::domain::scheduler::Calendar;
use pressdesk::dto::orders::OrderInput;
use pressdesk::dto::production::{WhatIf, WhatIfResult};
use pressdesk::error::AppError;
use pressdesk::services::orders;
use pressdesk::services::production::moves::{move_job, MoveRequest};
use pressdesk::services::production::{board, plan, progress, stats, time, timeline};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

const TZ: chrono_tz::Tz = chrono_tz::Asia::Kolkata;
const KONICA: &str = "Konica C3080 digital press";

/// An order taken on `day` (for numbering and the due-date check).
async fn place_on(db: &Db, day: NaiveDate, input: &OrderInput) -> (i32, String) {
    orders::create(db, &staff(Role::FrontDesk), &shop(), day, input).await.unwrap()
}

async fn jobs_of(db: &Db, order_id: i32) -> Vec<jobs::Model> {
    jobs::Entity::find().filter(jobs::Column::OrderId.eq(order_id)).order_by_asc(jobs::Column::Id).all(&db.read).await.unwrap()
}

async fn route_of(db: &Db, job_id: i32) -> Vec<job_stages::Model> {
    job_stages::Entity::find().filter(job_stages::Column::JobId.eq(job_id)).order_by_asc(job_stages::Column::Seq).all(&db.read).await.unwrap()
}

async fn forecasts(db: &Db) -> Vec<order_forecasts::Model> {
    order_forecasts::Entity::find().order_by_asc(order_forecasts::Column::OrderId).all(&db.read).await.unwrap()
}

/// What a what-if must not touch: forecasts, planned stages, resources and jobs.
async fn stored(db: &Db) -> (Vec<order_forecasts::Model>, Vec<job_stages::Model>, Vec<resource_rows::Model>, Vec<jobs::Model>) {
    (
        forecasts(db).await,
        job_stages::Entity::find().order_by_asc(job_stages::Column::Id).all(&db.read).await.unwrap(),
        resource_rows::Entity::find().order_by_asc(resource_rows::Column::Id).all(&db.read).await.unwrap(),
        jobs::Entity::find().order_by_asc(jobs::Column::Id).all(&db.read).await.unwrap(),
    )
}

async fn resource_id(db: &Db, name: &str) -> i32 {
    resource_rows::Entity::find().filter(resource_rows::Column::Name.eq(name)).one(&db.read).await.unwrap().unwrap().id
}

fn mv(job_id: i32, to_stage: i32, version: i32) -> MoveRequest {
    MoveRequest { job_id, to_stage, index: 0, version, override_reason: None }
}

fn shop_today() -> NaiveDate {
    chrono::Utc::now().with_timezone(&TZ).date_naive()
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// An order's stored predicted finish.
fn finish(f: &[order_forecasts::Model], o: i32) -> chrono::DateTime<chrono::Utc> {
    f.iter().find(|x| x.order_id == o).unwrap().finish_at
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[tokio::test]
async fn replan_covers_every_remaining_stage_and_the_summary_flags_late_orders() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let (p, cust) = floor(db).await;
        let s = stage_ids(db).await;
        let real = shop_today();
        let input = |due: NaiveDate| OrderInput { due_date: ymd(due), ..order_input(cust, vec![line(&p["BC-STD"], 500)]) };
        let (on_time, _) = place_on(db, today(), &input(real + Duration::days(60))).await;
        // Taken three days ago and due the day before yesterday: late whatever the plan.
        let (late, late_no) = place_on(db, real - Duration::days(3), &input(real - Duration::days(2))).await;
        let a = jobs_of(db, on_time).await[0].clone();
        let l = jobs_of(db, late).await[0].clone();
        move_job(db, &staff(Role::Operator), &mv(a.id, s["proof"], 1)).await.unwrap();

        let planned = plan::replan(db, TZ).await.unwrap();
        assert!(planned.unschedulable.is_empty(), "{:?}", planned.unschedulable);
        assert_eq!(planned.jobs.iter().map(|j| j.job_id).collect::<Vec<_>>(), vec![a.id, l.id]);
        let kinds: HashMap<i32, String> = resource_rows::Entity::find().all(&db.read).await.unwrap().into_iter().map(|r| (r.id, r.kind)).collect();
        // Every remaining stage is planned, in routing order, each after the one before.
        for (job_id, first) in [(a.id, 1u16), (l.id, 0)] {
            let tasks: Vec<_> = planned.tasks.iter().filter(|t| t.job_id == job_id).collect();
            assert_eq!(tasks.iter().map(|t| t.seq).collect::<Vec<_>>(), (first..8).collect::<Vec<u16>>());
            assert!(tasks.windows(2).all(|w| w[0].start <= w[0].end && w[0].end <= w[1].start), "{tasks:?}");
            let outcome = planned.jobs.iter().find(|j| j.job_id == job_id).unwrap();
            assert_eq!(outcome.finish, tasks.last().unwrap().end);
            // Stored per stage; the stage already done keeps no plan.
            for row in route_of(db, job_id).await {
                match tasks.iter().find(|t| t.stage_id == row.stage_id) {
                    Some(t) => {
                        assert_eq!((row.planned_start, row.planned_end), (time::from_minute(t.start, TZ), time::from_minute(t.end, TZ)));
                        assert_eq!(row.planned_resource_id, t.resource_id);
                        match t.resource_id {
                            Some(r) => assert_eq!(kinds[&r], row.resource_kind),
                            None => assert_eq!(row.resource_kind, "none"),
                        }
                    }
                    None => assert_eq!((row.state.as_str(), row.planned_start, row.planned_end, row.planned_resource_id), ("done", None, None, None)),
                }
            }
        }
        // One forecast per order: its last job's finish, and how late.
        let f = forecasts(db).await;
        let outcome = |j: i32| planned.jobs.iter().find(|o| o.job_id == j).unwrap().clone();
        assert_eq!(f.iter().map(|x| x.order_id).collect::<Vec<_>>(), vec![on_time, late]);
        assert_eq!((Some(f[0].finish_at), f[0].late_minutes), (time::from_minute(outcome(a.id).finish, TZ), 0));
        assert_eq!((Some(f[1].finish_at), f[1].late_minutes as i64), (time::from_minute(outcome(l.id).finish, TZ), outcome(l.id).late_by));
        assert!(f[1].late_minutes > 0);

        let sum = plan::summary(db, TZ, real).await.unwrap();
        assert_eq!((sum.jobs, sum.unschedulable.len()), (2, 0));
        assert_eq!(sum.late_orders.len(), 1, "{:?}", sum.late_orders);
        let lo = &sum.late_orders[0];
        assert_eq!((lo.order_id, lo.number.as_str(), lo.customer.as_str(), lo.due.clone()), (late, late_no.as_str(), "Priya Sharma", ymd(real - Duration::days(2))));
        assert!(lo.late_hours > 0.0 && !lo.finish.is_empty());
        // Load for two weeks on each of the 11 resources. Resource work: the late cards' design
        // 30 + prepress 15 + printing 20 + finishing 15 + QC 13 + dispatch 10 = 103, and 73 for
        // the cards already past design. Printing is 20 + 20 on the one digital press.
        assert_eq!(sum.load.len(), 11);
        assert!(sum.load.iter().all(|r| r.cells.len() == 14));
        let total: i64 = sum.load.iter().flat_map(|r| r.cells.iter()).map(|c| c.planned).sum();
        let press: i64 = sum.load.iter().filter(|r| r.name == KONICA).flat_map(|r| r.cells.iter()).map(|c| c.planned).sum();
        assert_eq!((total, press), (103 + 73, 40));
        assert!(sum.load.iter().flat_map(|r| r.cells.iter()).all(|c| c.planned <= c.capacity));

        // The order page shows the same forecast.
        let pr = progress::for_order(db, late, TZ).await.unwrap();
        assert!(pr.predicted_finish.is_some());
        assert!(close(pr.late_hours, f[1].late_minutes as f64 / 60.0));
        assert_eq!(progress::for_order(db, on_time, TZ).await.unwrap().late_hours, 0.0);
    });
}

#[tokio::test]
async fn what_if_changes_nothing_until_committed() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let (p, cust) = floor(db).await;
        let real = shop_today();
        // Two long runs on the one digital press (10 + 20 x 100 = 2,010 minutes each). A has a
        // due date and B none, so A prints first and B waits.
        let big = || order_input(cust, vec![line(&p["BC-STD"], 100_000)]);
        let (a, _) = place_on(db, today(), &OrderInput { due_date: ymd(real + Duration::days(60)), ..big() }).await;
        let (b, b_no) = place_on(db, today(), &big()).await;
        let konica = resource_id(db, KONICA).await;
        plan::replan(db, TZ).await.unwrap();
        let before = stored(db).await;
        let delta = |r: &WhatIfResult, o: i32| r.rows.iter().find(|x| x.order_id == o).map(|x| x.delta_hours);

        // Rushing B puts it on the press first: B earlier, A later, nobody late either way.
        let r = plan::what_if(db, TZ, real, &WhatIf::Rush { order_id: b }).await.unwrap();
        assert!(delta(&r, b).is_some_and(|d| d < 0.0) && delta(&r, a).is_some_and(|d| d > 0.0), "{r:?}");
        assert_eq!((r.late_before, r.late_after), (0, 0));
        let row = r.rows.iter().find(|x| x.order_id == b).unwrap();
        assert_eq!((row.number.as_str(), row.due.as_str(), row.late_before, row.late_after), (b_no.as_str(), "", false, false));
        assert_ne!(row.before, row.after);
        // Overtime on the press brings B forward; the press down for two days pushes it back.
        let overtime = WhatIf::Overtime { resource_id: konica, minutes: 240, days: 5 };
        let r = plan::what_if(db, TZ, real, &overtime).await.unwrap();
        assert!(delta(&r, b).is_some_and(|d| d < 0.0), "{r:?}");
        let r = plan::what_if(db, TZ, real, &WhatIf::Down { resource_id: konica, hours: 48 }).await.unwrap();
        assert!(delta(&r, b).is_some_and(|d| d > 0.0), "{r:?}");
        // An unknown resource changes nothing.
        let r = plan::what_if(db, TZ, real, &WhatIf::Overtime { resource_id: 9_999, minutes: 60, days: 1 }).await.unwrap();
        assert!(r.rows.is_empty(), "{r:?}");
        assert_eq!(stored(db).await, before);

        // Committed overtime goes into the press's calendar and the stored plan.
        plan::commit_what_if(db, &staff(Role::Manager), TZ, real, &overtime).await.unwrap();
        let row = resource_rows::Entity::find_by_id(konica).one(&db.read).await.unwrap().unwrap();
        let cal: Calendar = serde_json::from_str(&row.calendar_json).unwrap();
        assert_eq!(cal.overtime, (0..5).map(|d| (real + Duration::days(d), 240u16)).collect::<Vec<_>>());
        let f1 = forecasts(db).await;
        assert!(finish(&f1, b) < finish(&before.0, b) && finish(&f1, a) < finish(&before.0, a));
        // Committed rush: B's jobs and the order itself, and B now finishes first.
        plan::commit_what_if(db, &staff(Role::Manager), TZ, real, &WhatIf::Rush { order_id: b }).await.unwrap();
        assert!(jobs_of(db, b).await.iter().all(|j| j.rush));
        assert!(jobs_of(db, a).await.iter().all(|j| !j.rush));
        let ob = orders::get(db, b, &shop(), TZ).await.unwrap();
        assert_eq!((ob.priority, ob.version), (Priority::Rush, 2));
        let f2 = forecasts(db).await;
        assert!(finish(&f2, b) < finish(&f1, b) && finish(&f2, b) < finish(&f2, a));
        // Committed downtime is recorded against the press.
        plan::commit_what_if(db, &staff(Role::Manager), TZ, real, &WhatIf::Down { resource_id: konica, hours: 2 }).await.unwrap();
        let down = resource_downtime::Entity::find().all(&db.read).await.unwrap();
        assert_eq!(down.len(), 1);
        assert_eq!((down[0].resource_id, down[0].reason.as_str()), (konica, "Marked down from what-if"));
        assert_eq!((down[0].ends_at - down[0].starts_at).num_minutes(), 120);
        let err = plan::commit_what_if(db, &staff(Role::Manager), TZ, real, &WhatIf::Overtime { resource_id: 9_999, minutes: 60, days: 1 }).await;
        assert!(matches!(err, Err(AppError::NotFound(_))), "{err:?}");
    });
}

#[tokio::test]
async fn progress_and_timeline_follow_moves_and_the_plan() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let (p, cust) = floor(db).await;
        let s = stage_ids(db).await;
        let due = shop_today() + Duration::days(60);
        let (oid, number) = place_on(db, today(), &OrderInput { due_date: ymd(due), ..order_input(cust, vec![line(&p["BC-STD"], 500)]) }).await;
        let j = jobs_of(db, oid).await[0].clone();
        let names = ["Design", "Proof approval", "Prepress", "Printing", "Finishing", "Quality check", "Ready / Dispatch", "Delivered"];

        let pr = progress::for_order(db, oid, TZ).await.unwrap();
        assert_eq!((pr.percent, pr.predicted_finish.clone(), pr.late_hours, pr.jobs.len()), (0.0, None, 0.0, 1));
        let jp = &pr.jobs[0];
        assert_eq!((jp.job_id, jp.stage.as_str(), jp.percent), (j.id, "Design", 0.0));
        assert_eq!(jp.steps.iter().map(|x| x.stage.as_str()).collect::<Vec<_>>(), names);
        assert_eq!(jp.steps.iter().map(|x| x.state.as_str()).collect::<Vec<_>>(), ["active", "pending", "pending", "pending", "pending", "pending", "pending", "pending"]);
        assert!(jp.steps[0].entered.is_some() && jp.steps[1..].iter().all(|x| x.entered.is_none()));
        assert!(jp.steps.iter().all(|x| x.left.is_none() && x.planned_end.is_none()));
        let tl = timeline::for_order(db, oid, TZ).await.unwrap();
        assert_eq!(tl.rows.len(), 8);
        assert!(tl.rows.iter().all(|r| r.bars.len() == 1 && r.bars[0].planned_start.is_none()));

        // Design done: its 30 of the job's 343 standard minutes.
        move_job(db, &staff(Role::Designer), &mv(j.id, s["proof"], 1)).await.unwrap();
        let pr = progress::for_order(db, oid, TZ).await.unwrap();
        let pct = 100.0 * 30.0 / 343.0;
        assert!(close(pr.percent, pct) && close(pr.jobs[0].percent, pct), "{}", pr.percent);
        let steps = &pr.jobs[0].steps;
        assert_eq!((pr.jobs[0].stage.as_str(), steps[0].state.as_str(), steps[1].state.as_str()), ("Proof approval", "done", "active"));
        assert!(steps[0].left.is_some() && steps[1].entered.is_some() && steps[1].left.is_none());
        let card = board::load(db, today(), None).await.unwrap().cards.into_iter().find(|c| c.id == j.id).unwrap();
        assert!(close(card.percent, pct));

        // After planning: a predicted finish, and planned ends for the stages still to do.
        plan::replan(db, TZ).await.unwrap();
        let pr = progress::for_order(db, oid, TZ).await.unwrap();
        assert!(pr.predicted_finish.is_some());
        assert_eq!(pr.late_hours, 0.0);
        assert!(pr.jobs[0].steps[0].planned_end.is_none() && pr.jobs[0].steps[1..].iter().all(|x| x.planned_end.is_some()));

        let tl = timeline::for_order(db, oid, TZ).await.unwrap();
        assert_eq!(tl.title, format!("Order {number}"));
        assert_eq!(tl.rows.iter().map(|r| r.key.clone()).collect::<Vec<_>>(), ROUTE.iter().map(|c| format!("{}-{}", j.id, s[*c])).collect::<Vec<_>>());
        assert_eq!(tl.rows[0].label, "Design · Business cards");
        assert!(tl.rows.iter().all(|r| r.due == Some(format!("{}T19:00:00", ymd(due)))));
        let bar = |i: usize| &tl.rows[i].bars[0];
        assert!(bar(0).planned_start.is_none() && bar(0).actual_start.is_some() && bar(0).actual_end.is_some());
        assert!(bar(1).actual_start.is_some() && bar(1).actual_end.is_none());
        assert!(tl.rows[2..].iter().all(|r| r.bars[0].actual_start.is_none()));
        for i in 1..8 {
            let (start, end) = (bar(i).planned_start.clone().unwrap(), bar(i).planned_end.clone().unwrap());
            assert!(start <= end && !bar(i).late, "{:?}", bar(i));
            if i > 1 {
                assert!(bar(i - 1).planned_end.clone().unwrap() <= start, "{:?}", tl.rows);
            }
            assert_eq!((bar(i).job_id, bar(i).order_id), (j.id, oid));
        }
        assert_eq!((bar(1).resource.as_deref(), bar(3).resource.as_deref()), (None, Some(KONICA)));
        assert!(bar(2).resource.as_deref().is_some_and(|r| r.ends_with("(design)")), "{:?}", bar(2));

        // The press's row of the resource timeline shows the print run.
        let by_res = timeline::for_resources(db, TZ, 14).await.unwrap();
        assert_eq!(by_res.rows.len(), 11);
        let press = by_res.rows.iter().find(|r| r.label == KONICA).unwrap();
        assert_eq!(press.bars.len(), 1);
        assert_eq!((press.bars[0].label.clone(), press.bars[0].stage.as_str()), (format!("{number} Business cards"), "Printing"));
        assert!(matches!(timeline::for_order(db, 9_999, TZ).await, Err(AppError::NotFound(_))));
    });
}

#[tokio::test]
async fn bottleneck_report_counts_wip_and_throughput_per_stage() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let (p, cust) = floor(db).await;
        let s = stage_ids(db).await;
        let lines = vec![line(&p["BC-STD"], 500), line(&p["FLY-A5"], 100), line(&p["LTR-A4"], 100)];
        let (oid, _) = place_on(db, today(), &order_input(cust, lines)).await;
        let js = jobs_of(db, oid).await;
        for j in &js[..2] {
            move_job(db, &staff(Role::Operator), &mv(j.id, s["proof"], 1)).await.unwrap();
        }

        let r = stats::report(db, TZ).await.unwrap();
        assert_eq!(r.stages.iter().map(|f| f.stage_id).collect::<Vec<_>>(), ROUTE.iter().map(|c| s[*c]).collect::<Vec<_>>());
        assert_eq!((r.stages[0].name.as_str(), r.stages[1].name.as_str()), ("Design", "Proof approval"));
        // Now: one job still in design, two waiting for proof approval.
        let wip: Vec<u32> = r.stages.iter().map(|f| f.wip).collect();
        assert_eq!(wip, vec![1, 2, 0, 0, 0, 0, 0, 0]);
        // Two jobs left design in the 28-day window; none left any other stage.
        let design = &r.stages[0];
        assert!(close(design.throughput_per_day, 2.0 / 28.0), "{design:?}");
        assert!(r.stages[1..].iter().all(|f| f.throughput_per_day == 0.0), "{:?}", r.stages);
        // Moved at once: (next to) no time queued or worked in design.
        assert!(design.avg_queue_min <= 1.0 && design.avg_work_min <= 1.0, "{design:?}");
        // Proof approval uses no resource: never any utilisation.
        assert_eq!(r.stages[1].utilisation, 0.0);
        assert!(r.bottleneck.is_none() || r.bottleneck == Some(s["design"]), "{:?}", r.bottleneck);
        // Four weekly windows, oldest first; only the latest saw the moves.
        assert_eq!(r.trend.len(), 4);
        assert!(r.trend.windows(2).all(|w| w[0].0 < w[1].0));
        let week = &r.trend[3].1;
        assert!(close(week[0].throughput_per_day * 7.0, 2.0), "{week:?}");
        assert_eq!(week.iter().map(|f| f.wip).collect::<Vec<_>>(), wip);
        assert!(r.trend[..3].iter().all(|(_, w)| w.iter().all(|f| f.throughput_per_day == 0.0 && f.wip == 0)));

        let v = stats::view(&r);
        assert_eq!((v.stages.clone(), v.bottleneck, v.trend.len()), (r.stages.clone(), r.bottleneck, 4));
        assert_eq!(stats::summary(&r).map(|b| b.stage_id), r.bottleneck);
    });
}
