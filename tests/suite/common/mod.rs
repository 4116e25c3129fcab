//! Test harness: every integration test runs its scenario against a fresh SQLite file and,
//! when PRESSDESK_TEST_PG points at a server, a fresh PostgreSQL database (created for the
//! test, dropped after). PRESSDESK_REQUIRE_PG=1 (CI) turns a missing PostgreSQL into a failure.
#![allow(dead_code)]

#[cfg(feature = "ssr")]
pub mod web;

use pressdesk::db::{self, Db};
use pressdesk::domain::roles::Role;
use pressdesk::services::Actor;
use pressdesk::settings::ShopSettings;
use sea_orm::{ConnectionTrait, Database, Statement};
use std::sync::atomic::{AtomicU32, Ordering};

static COUNTER: AtomicU32 = AtomicU32::new(0);

pub struct TestDb {
    pub db: Db,
    pub backend: &'static str,
    sqlite_dir: Option<std::path::PathBuf>,
    pg: Option<(String, String)>,
}

impl TestDb {
    pub async fn finish(self) {
        let TestDb { db, sqlite_dir, pg, .. } = self;
        let _ = db.read.close().await;
        let _ = db.write.close().await;
        if let Some(dir) = sqlite_dir {
            let _ = std::fs::remove_dir_all(dir);
        }
        if let Some((admin, name)) = pg {
            if let Ok(conn) = Database::connect(&admin).await {
                let _ = conn
                    .execute(Statement::from_string(conn.get_database_backend(), format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")))
                    .await;
                let _ = conn.close().await;
            }
        }
    }
}

fn unique_name() -> String {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    format!("pd_test_{}_{}_{}", std::process::id(), n, nanos)
}

pub async fn sqlite() -> TestDb {
    let dir = std::env::temp_dir().join(unique_name());
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/test.db", dir.display());
    let db = db::connect(&url).await.expect("sqlite connect");
    db::migrate(&db).await.expect("migrate sqlite");
    TestDb { db, backend: "sqlite", sqlite_dir: Some(dir), pg: None }
}

/// A fresh PostgreSQL database, or None when none is configured (said loudly).
pub async fn postgres() -> Option<TestDb> {
    let required = std::env::var("PRESSDESK_REQUIRE_PG").is_ok_and(|v| v == "1");
    let Ok(admin) = std::env::var("PRESSDESK_TEST_PG") else {
        assert!(!required, "PRESSDESK_REQUIRE_PG=1 but PRESSDESK_TEST_PG is not set");
        eprintln!("SKIPPED on PostgreSQL: set PRESSDESK_TEST_PG=postgres://... to run this test there too");
        return None;
    };
    let conn = match Database::connect(&admin).await {
        Ok(c) => c,
        Err(e) => {
            assert!(!required, "PostgreSQL required but unreachable at {admin}: {e}");
            eprintln!("SKIPPED on PostgreSQL: cannot reach {admin}: {e}");
            return None;
        }
    };
    let name = unique_name();
    conn.execute(Statement::from_string(conn.get_database_backend(), format!("CREATE DATABASE \"{name}\"")))
        .await
        .expect("create test database");
    let _ = conn.close().await;
    let base = admin.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap_or(admin.clone());
    let db = db::connect(&format!("{base}/{name}")).await.expect("pg connect");
    db::migrate(&db).await.expect("migrate pg");
    Some(TestDb { db, backend: "postgres", sqlite_dir: None, pg: Some((admin, name)) })
}

/// SQLite always, PostgreSQL when available.
pub async fn backends() -> Vec<TestDb> {
    let mut v = vec![sqlite().await];
    if let Some(pg) = postgres().await {
        v.push(pg);
    }
    v
}

/// Runs `scenario` on every backend, then drops the databases.
#[macro_export]
macro_rules! on_every_backend {
    ($scenario:expr) => {{
        for t in common::backends().await {
            let backend = t.backend;
            eprintln!("-- on {backend}");
            $scenario(&t).await;
            t.finish().await;
        }
    }};
}

pub fn shop() -> ShopSettings {
    ShopSettings {
        name: "Test Press".into(),
        legal_name: "Test Press LLP".into(),
        address: "1 MG Road, Pune".into(),
        state_code: "27".into(),
        gstin: "27AAPFU0939F1ZV".into(),
        phone: "+912000000000".into(),
        email: "shop@example.in".into(),
        timezone: "Asia/Kolkata".into(),
        currency: "INR".into(),
        tax_profile: "gst".into(),
        vat_label: "VAT".into(),
        order_prefix: "PD".into(),
        invoice_prefix: "INV".into(),
        invoice_fy_format: "short".into(),
        credit_note_prefix: "CN".into(),
        payment_terms_days: 15,
        bank_details: "Test Bank".into(),
    }
}

pub fn staff(role: Role) -> Actor {
    Actor::Staff { id: 1, name: "Tester".into(), role }
}

pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

// ---- fixtures shared by the service tests (added for the integration suites) ----

use pressdesk::dto::customers::CustomerInput;
use pressdesk::dto::orders::{LineDraft, OrderInput};
use pressdesk::dto::products::Product;
use pressdesk::domain::order::{Channel, Priority};
use pressdesk::domain::pricing::ChosenOption;
use std::collections::HashMap;

/// Seeds the demo catalogue and returns it by SKU.
pub async fn catalogue(db: &Db) -> HashMap<String, Product> {
    pressdesk::seed::ensure_catalogue(db).await.expect("seed catalogue");
    pressdesk::services::products::list(db, false)
        .await
        .expect("list products")
        .into_iter()
        .map(|p| (p.input.sku.clone(), p))
        .collect()
}

/// A customer with a name, a (national) phone and a state code; returns its id.
pub async fn customer(db: &Db, name: &str, phone: &str, state_code: &str) -> i32 {
    let input = CustomerInput {
        name: name.into(),
        phone: phone.into(),
        state_code: state_code.into(),
        ..Default::default()
    };
    pressdesk::services::customers::create(db, &staff(Role::Owner), &input, "91").await.expect("create customer")
}

/// Catalogue + one local (Maharashtra) customer: (products by SKU, customer id).
pub async fn shop_fixture(db: &Db) -> (HashMap<String, Product>, i32) {
    let products = catalogue(db).await;
    let c = customer(db, "Priya Sharma", "98765 43210", "27").await;
    (products, c)
}

pub fn opt(group: &str, choice: &str) -> ChosenOption {
    ChosenOption { group: group.into(), choice: choice.into() }
}

/// A line of `qty` of `p` with the product's default options at the catalogue price.
pub fn line(p: &Product, qty: i64) -> LineDraft {
    LineDraft { product_id: p.id, options: p.price_config().default_options(), quantity: qty, ..Default::default() }
}

pub fn order_input(customer_id: i32, lines: Vec<LineDraft>) -> OrderInput {
    OrderInput {
        customer_id,
        channel: Channel::WalkIn,
        priority: Priority::Normal,
        due_date: String::new(),
        notes: String::new(),
        lines,
        draft: false,
    }
}

/// Rows in a table (raw COUNT(*), same SQL on both backends).
pub async fn count(db: &Db, table: &str) -> i64 {
    let row = db
        .write
        .query_one(Statement::from_string(db.backend(), format!("SELECT COUNT(*) AS n FROM {table}")))
        .await
        .expect("count query")
        .expect("count row");
    row.try_get::<i64>("", "n").expect("count value")
}

/// Unwraps a validation error and returns the field names it names.
pub fn fields(r: Result<impl std::fmt::Debug, pressdesk::error::AppError>) -> Vec<String> {
    match r {
        Err(pressdesk::error::AppError::Validation(f)) => f.0.into_iter().map(|e| e.field).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

// ---- the production floor, shared by the production suites ----

/// The default stages, in board order; also the standard routing of most products.
pub const ROUTE: [&str; 8] = ["design", "proof", "prepress", "printing", "finishing", "qc", "dispatch", "delivered"];

/// Catalogue, then the default stages, resources and routings, and one customer.
pub async fn floor(db: &Db) -> (HashMap<String, Product>, i32) {
    let p = catalogue(db).await;
    pressdesk::services::production::setup::ensure_defaults(db).await.unwrap();
    (p, customer(db, "Priya Sharma", "98765 43210", "27").await)
}

/// Stage ids by code.
pub async fn stage_ids(db: &Db) -> HashMap<String, i32> {
    use sea_orm::EntityTrait;
    pressdesk::db::e::stages::Entity::find().all(&db.read).await.unwrap().into_iter().map(|s| (s.code, s.id)).collect()
}
