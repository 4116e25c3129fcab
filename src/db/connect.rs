//! Connection set-up. SQLite: WAL, foreign keys, busy timeout and exactly one writer
//! connection (the SQLite bundled with sqlx 0.8 predates the WAL-reset fix of 3.51.3, and
//! one writer also means no SQLITE_BUSY between our own writes). PostgreSQL: one pool.
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, SqlxPostgresConnector, SqlxSqliteConnector};
use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::str::FromStr;
use std::sync::Arc;
use tokio::sync::watch;
use std::time::Duration;

#[derive(Clone, Debug)]
pub struct Db {
    /// Reads (lists, pages, reports). On SQLite a pool of read-only connections.
    pub read: DatabaseConnection,
    /// Every transaction that writes. On SQLite exactly one connection.
    pub write: DatabaseConnection,
    /// PostgreSQL URL, kept for LISTEN/NOTIFY connections.
    pub pg_url: Option<String>,
    /// Bumped after every commit that wrote events: wakes the event dispatcher.
    signal: Arc<watch::Sender<u64>>,
}

impl Db {
    pub fn backend(&self) -> DbBackend {
        self.write.get_database_backend()
    }

    pub fn is_postgres(&self) -> bool {
        self.backend() == DbBackend::Postgres
    }

    /// Tells this instance's dispatcher that new events were committed.
    pub fn wake(&self) {
        self.signal.send_modify(|n| *n = n.wrapping_add(1));
    }

    pub fn wakes(&self) -> watch::Receiver<u64> {
        self.signal.subscribe()
    }

    fn new(read: DatabaseConnection, write: DatabaseConnection, pg_url: Option<String>) -> Db {
        Db { read, write, pg_url, signal: Arc::new(watch::channel(0).0) }
    }
}

fn sqlite_path(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    Some(rest.split('?').next().unwrap_or(rest))
}

pub async fn connect(url: &str) -> Result<Db, DbErr> {
    let err = |e: sqlx::Error| DbErr::Conn(sea_orm::RuntimeErr::Internal(e.to_string()));
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect(url)
            .await
            .map_err(err)?;
        let conn = SqlxPostgresConnector::from_sqlx_postgres_pool(pool);
        return Ok(Db::new(conn.clone(), conn, Some(url.to_string())));
    }
    let path = sqlite_path(url).ok_or_else(|| DbErr::Custom(format!("unsupported DATABASE_URL: {url}")))?;
    if let Some(dir) = std::path::Path::new(path).parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir).map_err(|e| DbErr::Custom(format!("cannot create {dir:?}: {e}")))?;
        }
    }
    let opts = SqliteConnectOptions::from_str(url)
        .map_err(err)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10));
    let writer = SqlitePoolOptions::new()
        .max_connections(1)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(30))
        .connect_with(opts.clone())
        .await
        .map_err(err)?;
    let reader = SqlitePoolOptions::new()
        .max_connections(8)
        .acquire_timeout(Duration::from_secs(30))
        .connect_with(opts.read_only(true))
        .await
        .map_err(err)?;
    Ok(Db::new(SqlxSqliteConnector::from_sqlx_sqlite_pool(reader), SqlxSqliteConnector::from_sqlx_sqlite_pool(writer), None))
}

/// Applies pending migrations (at start-up and by `pressdesk migrate`).
pub async fn migrate(db: &Db) -> Result<(), DbErr> {
    Migrator::up(&db.write, None).await
}
