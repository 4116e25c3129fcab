//! Demo data: a realistic print shop, deterministic for a given seed (server only).
//!
//! Customers and orders are generated in Rust (one thread) and written by multi-row INSERTs
//! with ids chosen here (another thread: the database), so a million orders take minutes,
//! not hours. Numbers continue the shop's series; running it again adds to the data.
mod baskets;
mod billing;
mod calendar;
pub mod catalogue;
pub mod portal_demo;
pub mod production;
pub mod quality_demo;
mod history;
mod names;
mod orders;
mod people;
mod pick;
mod sql;
pub mod users;
mod write;

use crate::db::{e::number_series, e::products, Db};
use crate::settings::ShopSettings;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{OnConflict, Query};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QuerySelect, Statement, TransactionTrait};
use std::collections::{BTreeMap, BTreeSet};

pub const DEMO_PASSWORD: &str = "pressdesk-demo";

type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[derive(Debug, Clone)]
pub struct SeedOptions {
    pub customers: usize,
    pub orders: usize,
    pub months: u32,
    pub seed: u64,
}

impl Default for SeedOptions {
    fn default() -> Self {
        SeedOptions { customers: 300, orders: 5000, months: 24, seed: 42 }
    }
}

#[derive(Debug, Clone, Default)]
pub struct SeedReport {
    pub products: usize,
    pub customers: usize,
    pub orders: usize,
    pub seconds: f64,
}

impl std::fmt::Display for SeedReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Seeded {} products, {} customers, {} orders in {:.1} s", self.products, self.customers, self.orders, self.seconds)
    }
}

#[derive(Debug, Clone)]
pub struct DemoLogin {
    pub email: String,
    pub role: String,
}

pub async fn demo_users(db: &Db) -> Result<Vec<DemoLogin>, sea_orm::DbErr> {
    users::ensure(db).await
}

/// Inserts the catalogue when there is none yet.
pub async fn ensure_catalogue(db: &Db) -> Result<usize, crate::error::AppError> {
    if products::Entity::find().count(&db.read).await? > 0 {
        return Ok(0);
    }
    let items = catalogue::products();
    for p in &items {
        crate::services::products::save(db, &crate::services::Actor::System, None, p).await?;
    }
    Ok(items.len())
}

/// Seeds the demo shop over the `opts.months` months up to now.
pub async fn run(db: &Db, shop: &ShopSettings, opts: &SeedOptions, progress: bool) -> Result<SeedReport, BoxError> {
    run_at(db, shop, opts, progress, crate::clock::now()).await
}

/// As `run`, with "now" given: the same seed and the same now give the same data.
pub async fn run_at(db: &Db, shop: &ShopSettings, opts: &SeedOptions, progress: bool, now: DateTime<Utc>) -> Result<SeedReport, BoxError> {
    let started = std::time::Instant::now();
    let products = ensure_catalogue(db).await.map_err(|e| e.to_string())?;
    let catalogue = baskets::Catalogue::new(&crate::services::products::list(db, true).await.map_err(|e| e.to_string())?);
    if opts.orders > 0 && catalogue.unusable() {
        return Err("no active product in the catalogue can be priced, so no orders can be seeded".into());
    }
    if opts.orders > 0 && opts.customers == 0 {
        return Err("seeding orders needs new customers: use --customers 1 or more".into());
    }
    let tz = shop.timezone.parse::<chrono_tz::Tz>().unwrap_or(chrono_tz::Asia::Kolkata);
    let clock = calendar::Clock { text_dates: !db.is_postgres(), ..calendar::Clock::new(now, tz, opts.months) };
    let first = |table: &'static str| next_id(db, table);
    let customer_id = first("customers").await?;
    let ids = orders::Ids { order: first("orders").await?, invoice: first("invoices").await? };
    let (order_series, invoice_series) = read_series(db).await?;

    let taken = taken_phones(db, customer_id).await?;
    let newest_since = (clock.today - Duration::days(7)).max(clock.start);
    let customers = people::generate(&mut pick::rng(opts.seed, 1), opts.customers, customer_id, &shop.state_code, (clock.start, newest_since), &taken);

    let tuned = tune_sqlite(db, true).await?;
    let result = async {
        insert_customers(db, &clock, &customers).await?;
        let n_customers = customers.len();
        let setup = orders::Setup {
            backend: db.backend(),
            clock,
            shop: shop.clone(),
            catalogue,
            customers,
            orders: opts.orders as u64,
            seed: opts.seed,
            ids,
            order_series,
            invoice_series,
        };
        let outcome = write_orders(db, setup, progress).await?;
        finish(db, &outcome).await?;
        Ok::<_, BoxError>((n_customers, outcome))
    }
    .await;
    if tuned {
        tune_sqlite(db, false).await?;
    }
    let (n_customers, outcome) = result?;
    // Jobs, stage history and the plan for the board, timeline and bottleneck figures.
    production::seed(db, opts.seed).await.map_err(|e| e.to_string())?;
    Ok(SeedReport { products, customers: n_customers, orders: outcome.orders as usize, seconds: started.elapsed().as_secs_f64() })
}

/// Runs the generator on its own thread and writes its batches, one transaction per
/// `orders::COMMIT_ORDERS` orders.
async fn write_orders(db: &Db, setup: orders::Setup, progress: bool) -> Result<orders::Outcome, BoxError> {
    let bar = if progress { indicatif::ProgressBar::new(setup.orders) } else { indicatif::ProgressBar::hidden() };
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{msg} [{elapsed_precise}] {wide_bar} {human_pos}/{human_len} orders ({per_sec}, ETA {eta})",
    ) {
        bar.set_style(style);
    }
    bar.set_message("Seeding orders");
    let (tx, mut rx) = tokio::sync::mpsc::channel::<orders::Batch>(3);
    let generator = std::thread::spawn(move || orders::generate(setup, tx));
    let written = async {
        let mut w = write::Writer::new(db);
        while let Some(batch) = rx.recv().await {
            for stmt in batch.stmts {
                w.exec(stmt).await?;
            }
            bar.inc(batch.orders);
            if batch.commit {
                w.commit().await?;
            }
        }
        w.commit().await
    }
    .await;
    // Dropping the receiver stops a generator still waiting to send after a write error.
    drop(rx);
    let generated = generator.join().map_err(|_| "the order generator panicked")?;
    written?;
    let outcome = generated?;
    bar.finish();
    Ok(outcome)
}

async fn insert_customers(db: &Db, clock: &calendar::Clock, customers: &[people::Customer]) -> Result<(), BoxError> {
    let mut rows = sql::Rows::new("customers", sql::CUSTOMERS);
    for c in customers {
        let created = calendar::at(c.since, calendar::OPEN_MIN + (c.id.unsigned_abs() * 37 % 600), 0);
        rows.push([
            sql::v(c.id),
            sql::v(c.name.as_str()),
            sql::v(c.company.as_str()),
            sql::v(Some(c.phone.clone())),
            sql::v(c.email.clone()),
            sql::v(c.billing_address.as_str()),
            sql::v(c.shipping_address.as_str()),
            sql::v(c.state_code.as_str()),
            sql::v(c.gstin.clone()),
            sql::v(c.tags.as_str()),
            sql::v(c.notes.as_str()),
            sql::v(c.whatsapp_opt_in),
            clock.ts(created),
            clock.ts(created),
            sql::v(1i32),
        ]);
    }
    let mut stmts = Vec::new();
    rows.flush(db.backend(), &mut stmts)?;
    let mut w = write::Writer::new(db);
    for s in stmts {
        w.exec(s).await?;
    }
    w.commit().await
}

/// First free id of a table (ids are assigned here so children can point at parents).
async fn next_id(db: &Db, table: &'static str) -> Result<i32, DbErr> {
    let sql = format!("SELECT COALESCE(MAX(id), 0) AS m FROM {table}");
    let row = db.write.query_one(Statement::from_string(db.backend(), sql)).await?;
    Ok(row.map(|r| r.try_get::<i32>("", "m")).transpose()?.unwrap_or(0) + 1)
}

type Series = (BTreeMap<i32, i64>, BTreeMap<String, i64>);

async fn read_series(db: &Db) -> Result<Series, DbErr> {
    let mut orders = BTreeMap::new();
    let mut invoices = BTreeMap::new();
    for s in number_series::Entity::find().all(&db.write).await? {
        if let Some(year) = s.key.strip_prefix("order:").and_then(|y| y.parse::<i32>().ok()) {
            orders.insert(year, s.next_value);
        } else if let Some(fy) = s.key.strip_prefix("invoice:") {
            invoices.insert(fy.to_string(), s.next_value);
        }
    }
    Ok((orders, invoices))
}

/// Phones and e-mails already in use: each belongs to one customer only.
async fn taken_phones(db: &Db, next_customer: i32) -> Result<BTreeSet<String>, DbErr> {
    if next_customer <= 1 {
        return Ok(BTreeSet::new());
    }
    use crate::db::e::customers;
    let contacts: Vec<(Option<String>, Option<String>)> = customers::Entity::find()
        .select_only()
        .column(customers::Column::Phone)
        .column(customers::Column::Email)
        .into_tuple()
        .all(&db.write)
        .await?;
    Ok(contacts.into_iter().flat_map(|(p, e)| [p, e]).flatten().collect())
}

/// Leaves the number series at the next free value and, on PostgreSQL, moves each id
/// sequence past the ids inserted explicitly.
async fn finish(db: &Db, o: &orders::Outcome) -> Result<(), DbErr> {
    let txn = db.write.begin().await?;
    let keys = o
        .order_series
        .iter()
        .map(|(y, n)| (crate::domain::numbering::order_series_key(*y), *n))
        .chain(o.invoice_series.iter().map(|(fy, n)| (crate::domain::numbering::invoice_series_key(fy), *n)));
    for (key, next) in keys {
        let mut q = Query::insert();
        q.into_table(number_series::Entity)
            .columns([number_series::Column::Key, number_series::Column::NextValue])
            .values_panic([key.into(), next.into()])
            .on_conflict(OnConflict::column(number_series::Column::Key).update_column(number_series::Column::NextValue).to_owned());
        txn.execute(db.backend().build(&q)).await?;
    }
    if db.is_postgres() {
        // Only these got explicit ids; the others used their sequences.
        for t in ["customers", "orders", "invoices"] {
            let sql = format!("SELECT setval(pg_get_serial_sequence('{t}', 'id'), COALESCE((SELECT MAX(id) FROM {t}), 0) + 1, false)");
            txn.execute(Statement::from_string(db.backend(), sql)).await?;
        }
    }
    txn.commit().await
}

/// SQLite: a bigger page cache on the (single) writer connection while seeding, so index
/// pages stay in memory instead of spilling into the WAL mid-transaction.
async fn tune_sqlite(db: &Db, on: bool) -> Result<bool, DbErr> {
    if db.is_postgres() {
        return Ok(false);
    }
    let pragma = if on { "PRAGMA cache_size = -262144" } else { "PRAGMA cache_size = -2000" };
    db.write.execute_unprepared(pragma).await?;
    Ok(true)
}
