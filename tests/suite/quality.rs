#![cfg(feature = "ssr")]
//! Proofs, approvals and quality gates against SQLite and PostgreSQL.
use crate::common;

use common::*;
use pressdesk::db::e::{files, gate_overrides, jobs, proofs, stages};
use pressdesk::domain::order::{Channel, Priority};
use pressdesk::domain::quality::{CheckResult, Decision, ProofStatus};
use pressdesk::domain::roles::Role;
use pressdesk::dto::orders::{LineDraft, OrderInput};
use pressdesk::error::AppError;
use pressdesk::services::production::moves::{move_job, MoveRequest};
use pressdesk::services::quality::{chains, checklists, proofs as proof_svc, stats};
use pressdesk::services::{orders, products, Actor};
use pressdesk::storage::DirStorage;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(w, h, image::Rgb([10, 120, 200]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

async fn setup(t: &TestDb) -> (i32, i32, DirStorage) {
    pressdesk::seed::ensure_catalogue(&t.db).await.unwrap();
    pressdesk::services::production::setup::ensure_defaults(&t.db).await.unwrap();
    checklists::ensure_defaults(&t.db).await.unwrap();
    let cid = customer(&t.db, "Quality Customer", "+919811112222", "27").await;
    let p = products::list(&t.db, true).await.unwrap().into_iter().find(|p| p.input.sku == "BC-STD").unwrap();
    let (oid, line) = one_line_order(t, cid, p.id, 500).await;
    let dir = std::env::temp_dir().join(format!("pd-files-{}-{}", std::process::id(), oid + line * 1000));
    (oid, line, DirStorage::new(dir))
}

/// A confirmed phone order of one line of `product_id`: (order id, order line id).
async fn one_line_order(t: &TestDb, customer_id: i32, product_id: i32, quantity: i64) -> (i32, i32) {
    let p = products::list(&t.db, true).await.unwrap().into_iter().find(|p| p.id == product_id).unwrap();
    let input = OrderInput {
        customer_id,
        channel: Channel::Phone,
        priority: Priority::Normal,
        due_date: String::new(),
        notes: String::new(),
        draft: false,
        lines: vec![LineDraft { product_id, options: p.price_config().default_options(), quantity, unit_price: None, discount: pressdesk::domain::Money::ZERO, description: String::new() }],
    };
    let (oid, _) = orders::create(&t.db, &staff(Role::FrontDesk), &shop(), today(), &input).await.unwrap();
    let line = pressdesk::db::e::order_lines::Entity::find()
        .filter(pressdesk::db::e::order_lines::Column::OrderId.eq(oid))
        .one(&t.db.read)
        .await
        .unwrap()
        .unwrap();
    (oid, line.id)
}

#[tokio::test]
async fn bad_uploads_are_refused_and_nothing_is_stored() {
    on_every_backend!(bad_uploads_are_refused_and_nothing_is_stored_on);
}

// A named fn, not a closure: the future borrows the test database.
async fn bad_uploads_are_refused_and_nothing_is_stored_on(t: &TestDb) {
    let (_, line, store) = setup(t).await;
    let designer = staff(Role::Designer);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("logo.png", b"just some text, not an image".to_vec(), "Only PDF, PNG or JPEG"),
        ("big.png", vec![0u8; 25 * 1024 * 1024 + 1], "25 MB"),
        ("empty.pdf", vec![], "empty"),
        ("broken.png", { let mut b = png(8, 8)[..24].to_vec(); b.extend_from_slice(&[0; 32]); b }, "damaged"),
        ("../../etc/passwd.png", png(4, 4), "folders"),
        ("fake.pdf", b"%PDF-1.7 then nothing valid".to_vec(), "PDF"),
    ];
    for (name, bytes, expect) in cases {
        let err = proof_svc::upload(&t.db, &store, &designer, line, name, &bytes, "").await.unwrap_err();
        let msg = err.field_message("file").unwrap_or_else(|| panic!("{name}: {err:?}"));
        assert!(msg.contains(expect), "{name}: {msg}");
    }
    assert_eq!(proofs::Entity::find().count(&t.db.read).await.unwrap(), 0);
    assert_eq!(files::Entity::find().count(&t.db.read).await.unwrap(), 0);
}

#[tokio::test]
async fn approval_chain_versions_and_locking() {
    on_every_backend!(approval_chain_versions_and_locking_on);
}

// A named fn, not a closure: the future borrows the test database.
async fn approval_chain_versions_and_locking_on(t: &TestDb) {
    let (_, line, store) = setup(t).await;
    let designer = staff(Role::Designer);
    let manager = staff(Role::Manager);
    let v1 = proof_svc::upload(&t.db, &store, &designer, line, "v1.png", &png(30, 20), "first").await.unwrap();
    let p1 = proofs::Entity::find_by_id(v1).one(&t.db.read).await.unwrap().unwrap();
    assert_eq!(p1.status, ProofStatus::InReview.as_str());
    assert!(p1.thumb_hash.is_some());
    // The customer cannot decide before the internal review.
    let err = proof_svc::customer_decision(&t.db, v1, Decision::Approve, "Kavya Rao", true, "", &[], "1.2.3.4").await.unwrap_err();
    assert!(matches!(err, AppError::Rejected(_)), "{err:?}");
    assert_eq!(proof_svc::review(&t.db, &manager, v1, Decision::Approve, "", "10.0.0.1").await.unwrap(), ProofStatus::AwaitingCustomer);
    // Requesting changes needs words or pins; pins must lie on the proof.
    assert!(proof_svc::customer_decision(&t.db, v1, Decision::RequestChanges, "", false, " ", &[], "ip").await.unwrap_err().field_message("comment").is_some());
    let bad_pin = pressdesk::dto::quality::PinInput { x: 1.5, y: 0.2, body: "here".into() };
    assert!(proof_svc::customer_decision(&t.db, v1, Decision::RequestChanges, "", false, "x", &[bad_pin], "ip").await.is_err());
    let pin = pressdesk::dto::quality::PinInput { x: 0.3, y: 0.4, body: "Bigger logo".into() };
    assert_eq!(
        proof_svc::customer_decision(&t.db, v1, Decision::RequestChanges, "", false, "New phone number", &[pin], "1.2.3.4").await.unwrap(),
        ProofStatus::ChangesRequested
    );
    let v2 = proof_svc::upload(&t.db, &store, &designer, line, "v2.png", &png(30, 20), "bigger logo").await.unwrap();
    let p1 = proofs::Entity::find_by_id(v1).one(&t.db.read).await.unwrap().unwrap();
    let p2 = proofs::Entity::find_by_id(v2).one(&t.db.read).await.unwrap().unwrap();
    assert_eq!(p1.status, ProofStatus::Superseded.as_str());
    assert_eq!(p2.version, 2);
    assert!(p2.caused_by_step_id.is_some());
    // A superseded version can no longer be decided.
    assert!(proof_svc::customer_decision(&t.db, v1, Decision::Approve, "Kavya Rao", true, "", &[], "ip").await.unwrap_err().to_string().contains("newer version"));
    proof_svc::review(&t.db, &manager, v2, Decision::Approve, "", "ip").await.unwrap();
    // v2 waits for the customer: on the reminder list once it waited longer than the setting.
    let waiting = stats::waiting(&t.db, 0).await.unwrap();
    assert_eq!(waiting.iter().map(|w| w.version).collect::<Vec<_>>(), vec![2]);
    assert!(stats::waiting(&t.db, 24).await.unwrap().is_empty());
    // Approval needs the typed name and the statement.
    assert_eq!(proof_svc::customer_decision(&t.db, v2, Decision::Approve, "", true, "", &[], "ip").await.unwrap_err().field_message("full_name").is_some(), true);
    assert!(proof_svc::customer_decision(&t.db, v2, Decision::Approve, "Kavya Rao", false, "", &[], "ip").await.unwrap_err().field_message("statement").is_some());
    assert_eq!(proof_svc::customer_decision(&t.db, v2, Decision::Approve, "Kavya Rao", true, "", &[], "9.9.9.9").await.unwrap(), ProofStatus::Approved);
    // Approving twice, and uploading over an approved version, are refused.
    assert!(proof_svc::customer_decision(&t.db, v2, Decision::Approve, "Kavya Rao", true, "", &[], "ip").await.unwrap_err().to_string().contains("already approved"));
    assert!(matches!(proof_svc::upload(&t.db, &store, &designer, line, "v3.png", &png(10, 10), "").await.unwrap_err(), AppError::Rejected(_)));
    // One line, two versions: one revision; both customer decisions were timed.
    let q = stats::stats(&t.db, 90, 24).await.unwrap();
    assert!((q.avg_revisions - 1.0).abs() < 1e-9, "{}", q.avg_revisions);
    assert!(q.approval_turnaround_h >= 0.0 && q.approval_turnaround_h < 1.0);
    assert!(q.waiting.is_empty());
    assert_eq!(q.waiting_hours, 24);
    let views = proof_svc::for_order(&t.db, p2.order_id, chrono_tz::Asia::Kolkata).await.unwrap();
    let steps = &views[0].versions[0].steps;
    let customer_step = steps.iter().find(|s| s.status == pressdesk::domain::quality::StepStatus::Approved && !s.signature.is_empty()).unwrap();
    assert!(customer_step.signature.starts_with("Kavya Rao"));
    assert_eq!(customer_step.ip, "9.9.9.9");
}

#[tokio::test]
async fn gates_block_until_the_checklist_passes_and_managers_may_override() {
    on_every_backend!(gates_block_until_the_checklist_passes_and_managers_may_override_on);
}

async fn gates_block_until_the_checklist_passes_and_managers_may_override_on(t: &TestDb) {
    let (oid, _, _) = setup(t).await;
    let job = jobs::Entity::find().filter(jobs::Column::OrderId.eq(oid)).one(&t.db.read).await.unwrap().unwrap();
    let code = |c: &str| {
        let db = t.db.clone();
        let c = c.to_string();
        async move { stages::Entity::find().filter(stages::Column::Code.eq(c)).one(&db.read).await.unwrap().unwrap().id }
    };
    let (design, proof, prepress) = (code("design").await, code("proof").await, code("prepress").await);
    let op = staff(Role::Operator);
    let mut version = job.version;
    let mv = |to: i32, version: i32, reason: Option<&str>| MoveRequest { job_id: job.id, to_stage: to, index: 0, version, override_reason: reason.map(str::to_string) };
    assert_eq!(job.stage_id, design);
    move_job(&t.db, &op, &mv(proof, version, None)).await.unwrap();
    version += 1;
    // No approved proof: prepress is closed, for operators and without a reason.
    let err = move_job(&t.db, &op, &mv(prepress, version, None)).await.unwrap_err();
    assert!(matches!(err, AppError::Gate(ref m, None) if m.contains("approved proof")), "{err:?}");
    assert!(move_job(&t.db, &op, &mv(prepress, version, Some("rush"))).await.unwrap_err().field_message("override_reason").is_some());
    assert_eq!(gate_overrides::Entity::find().count(&t.db.read).await.unwrap(), 0);
    // A manager overrides with a reason: recorded.
    move_job(&t.db, &staff(Role::Manager), &mv(prepress, version, Some("Customer approved by phone"))).await.unwrap();
    let o = gate_overrides::Entity::find().one(&t.db.read).await.unwrap().unwrap();
    assert_eq!(o.reason, "Customer approved by phone");
    assert!(o.blocked_by.contains("approved proof"));

    // Printing has a checklist: its required items must pass before the job moves on.
    let printing = code("printing").await;
    let finishing = code("finishing").await;
    version += 1;
    move_job(&t.db, &op, &mv(printing, version, None)).await.unwrap();
    version += 1;
    let err = move_job(&t.db, &op, &mv(finishing, version, None)).await.unwrap_err();
    assert!(matches!(err, AppError::Gate(ref m, _) if m.contains("checklist")), "{err:?}");
    // The refusal names the checklist to open: this job's Printing checklist.
    assert_eq!(err.gate_checklist(), Some((job.id, printing)));
    let form = checklists::form(&t.db, job.id, printing).await.unwrap();
    let mut items = form.items.clone();
    items.iter_mut().for_each(|i| i.result = CheckResult::Pass);
    items[0].result = CheckResult::Fail;
    // A failure needs a note, then a reason and a stage to redo.
    assert!(checklists::save(&t.db, &op, job.id, printing, &items, None).await.unwrap_err().field_message("items").is_some());
    items[0].note = "Magenta too strong".into();
    // A photo must be an uploaded image: an unknown hash is refused.
    items[1].photo = Some("ab".repeat(32));
    assert!(checklists::save(&t.db, &op, job.id, printing, &items, Some((printing, "colour".into()))).await.unwrap_err().field_message("items").unwrap().contains("photo"));
    let (photo, ..) = pressdesk::services::quality::upload::store(&t.db, &DirStorage::new(std::env::temp_dir().join(format!("pd-photos-{}", job.id))), &png(12, 12), false).await.unwrap();
    items[1].photo = Some(photo);
    assert!(checklists::save(&t.db, &op, job.id, printing, &items, None).await.unwrap_err().field_message("reason").is_some());
    checklists::save(&t.db, &op, job.id, printing, &items, Some((printing, "colour".into()))).await.unwrap();
    assert_eq!(pressdesk::db::e::defects::Entity::find().count(&t.db.read).await.unwrap(), 1);
    // The first check at Printing failed: first-pass yield 0 there; one colour defect.
    let q = stats::stats(&t.db, 90, 24).await.unwrap();
    assert_eq!(q.fpy_by_stage.iter().map(|(n, y, c)| (n.as_str(), *y, *c)).collect::<Vec<_>>(), vec![("Printing", 0.0, 1)]);
    assert_eq!(q.pareto.iter().map(|(r, n, cum)| (r.as_str(), *n, *cum)).collect::<Vec<_>>(), vec![("Colour mismatch", 1, 1.0)]);
    assert_eq!(q.overrides, 1);
    items[0].result = CheckResult::Pass;
    checklists::save(&t.db, &op, job.id, printing, &items, None).await.unwrap();
    let fresh = jobs::Entity::find_by_id(job.id).one(&t.db.read).await.unwrap().unwrap();
    move_job(&t.db, &op, &mv(finishing, fresh.version, None)).await.unwrap();
    let _ = Actor::System;
}

#[tokio::test]
async fn approval_chains_per_product() {
    on_every_backend!(approval_chains_per_product_on);
}

async fn approval_chains_per_product_on(t: &TestDb) {
    let (oid, line, store) = setup(t).await;
    let manager = staff(Role::Manager);
    let product = pressdesk::db::e::order_lines::Entity::find_by_id(line).one(&t.db.read).await.unwrap().unwrap().product_id;
    // Unknown presets and products are refused; nothing is written.
    assert!(chains::save(&t.db, &manager, product, "boss-only").await.unwrap_err().field_message("preset").is_some());
    assert!(matches!(chains::save(&t.db, &manager, 999_999, "customer").await, Err(AppError::NotFound(_))));
    assert_eq!(pressdesk::db::e::approval_chains::Entity::find().count(&t.db.read).await.unwrap(), 0);
    let row = chains::list(&t.db).await.unwrap().into_iter().find(|r| r.product_id == product).unwrap();
    assert_eq!(row.preset, "full");

    // Internal only: the manager's approval is final and the job leaves proof approval.
    chains::save(&t.db, &manager, product, "internal").await.unwrap();
    assert_eq!(chains::list(&t.db).await.unwrap().into_iter().find(|r| r.product_id == product).unwrap().preset, "internal");
    let v1 = proof_svc::upload(&t.db, &store, &staff(Role::Designer), line, "v1.png", &png(20, 20), "").await.unwrap();
    assert_eq!(proof_svc::review(&t.db, &manager, v1, Decision::Approve, "", "ip").await.unwrap(), ProofStatus::Approved);
    let job = jobs::Entity::find().filter(jobs::Column::OrderId.eq(oid)).one(&t.db.read).await.unwrap().unwrap();
    let stage = stages::Entity::find_by_id(job.stage_id).one(&t.db.read).await.unwrap().unwrap();
    assert_eq!(stage.code, "prepress");

    // Customer only: a new proof of another line waits for the customer straight away.
    chains::save(&t.db, &manager, product, "customer").await.unwrap();
    let cid = customer(&t.db, "Second Customer", "+919833334444", "27").await;
    let (_, line2) = one_line_order(t, cid, product, 250).await;
    let v = proof_svc::upload(&t.db, &store, &staff(Role::Designer), line2, "c.png", &png(20, 20), "").await.unwrap();
    let pv = proofs::Entity::find_by_id(v).one(&t.db.read).await.unwrap().unwrap();
    assert_eq!(pv.status, ProofStatus::AwaitingCustomer.as_str());
    // The manager has nothing to review on this chain.
    assert!(matches!(proof_svc::review(&t.db, &manager, v, Decision::Approve, "", "ip").await, Err(AppError::Rejected(_))));
}

#[tokio::test]
async fn a_reorder_of_approved_artwork_starts_after_proof_approval() {
    on_every_backend!(reorder_starts_after_proof_on);
}

async fn reorder_starts_after_proof_on(t: &TestDb) {
    use pressdesk::services::portal::reorder;
    let (oid, line, store) = setup(t).await;
    let order = pressdesk::db::e::orders::Entity::find_by_id(oid).one(&t.db.read).await.unwrap().unwrap();
    let v1 = proof_svc::upload(&t.db, &store, &staff(Role::Designer), line, "v1.png", &png(30, 20), "first").await.unwrap();
    proof_svc::review(&t.db, &staff(Role::Manager), v1, Decision::Approve, "", "ip").await.unwrap();
    proof_svc::customer_decision(&t.db, v1, Decision::Approve, "Kavya Rao", true, "", &[], "ip").await.unwrap();
    let stage_of = |order_id: i32| async move {
        let job = jobs::Entity::find().filter(jobs::Column::OrderId.eq(order_id)).one(&t.db.read).await.unwrap().unwrap();
        stages::Entity::find_by_id(job.stage_id).one(&t.db.read).await.unwrap().unwrap().code
    };
    let who = (order.customer_id, "Quality Customer".to_string());

    // Same artwork: the job starts in Prepress, the approved proof linked with its version.
    let (same, _) = reorder::confirm(&t.db, who.clone(), oid, &[500], &[], "", &shop(), today()).await.unwrap();
    assert_eq!(stage_of(same).await, "prepress");
    let carried = proofs::Entity::find().filter(proofs::Column::OrderId.eq(same)).one(&t.db.read).await.unwrap().unwrap();
    assert_eq!(carried.status, ProofStatus::Approved.as_str());
    assert_eq!(carried.carried_from_id, Some(v1));
    assert!(carried.change_notes.contains("version 1"), "{}", carried.change_notes);
    let reordered = pressdesk::db::e::orders::Entity::find_by_id(same).one(&t.db.read).await.unwrap().unwrap();
    assert_eq!(reordered.status, "in_production");
    // The prepress gate (approved proof) lets the job go on.
    let job = jobs::Entity::find().filter(jobs::Column::OrderId.eq(same)).one(&t.db.read).await.unwrap().unwrap();
    let printing = stages::Entity::find().filter(stages::Column::Code.eq("printing")).one(&t.db.read).await.unwrap().unwrap().id;
    move_job(&t.db, &staff(Role::Operator), &MoveRequest { job_id: job.id, to_stage: printing, index: 0, version: job.version, override_reason: None }).await.unwrap();

    // New artwork asked for: what should change is required, then the job starts in Design.
    let err = reorder::confirm(&t.db, who.clone(), oid, &[500], &[0], " ", &shop(), today()).await.unwrap_err();
    assert!(err.field_message("changes").is_some(), "{err:?}");
    let (fresh, _) = reorder::confirm(&t.db, who, oid, &[500], &[0], "New phone number", &shop(), today()).await.unwrap();
    assert_eq!(stage_of(fresh).await, "design");
    assert_eq!(proofs::Entity::find().filter(proofs::Column::OrderId.eq(fresh)).count(&t.db.read).await.unwrap(), 0);
    let o = pressdesk::db::e::orders::Entity::find_by_id(fresh).one(&t.db.read).await.unwrap().unwrap();
    assert!(o.notes.contains("New phone number"), "{}", o.notes);
}
