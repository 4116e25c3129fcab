//! Executes the seeder's INSERTs in transactions on `db.write`.
//!
//! SQLite gets a fast path: the statement's values are turned into sqlx arguments on the
//! generator's thread and run on the pool behind `db.write` (its single connection). Going
//! through `ConnectionTrait::execute` would clone every value on the async thread, which then
//! sits idle while SQLite works: for a million orders that clone and the free that follows
//! cost about a third of the run. PostgreSQL uses the ordinary sea-orm path.
use crate::db::Db;
use sea_orm::sea_query::Value;
use sea_orm::{ConnectionTrait, DatabaseTransaction, DbBackend, Statement, TransactionTrait};
use sqlx::sqlite::SqliteArguments;
use sqlx::Arguments;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// One INSERT, ready to run.
pub enum Stmt {
    Sqlite(String, SqliteArguments<'static>),
    Orm(Statement),
}

impl Stmt {
    pub fn new(backend: DbBackend, sql: String, values: impl Iterator<Item = Value>) -> Result<Stmt, String> {
        if backend != DbBackend::Sqlite {
            return Ok(Stmt::Orm(Statement::from_sql_and_values(backend, sql, values)));
        }
        let mut args = SqliteArguments::default();
        args.reserve(values.size_hint().0, 0);
        for v in values {
            let added = match v {
                Value::Int(x) => args.add(x),
                Value::BigInt(x) => args.add(x),
                Value::Bool(x) => args.add(x),
                // Moved out of the box: no copy of the text.
                Value::String(x) => args.add(x.map(|s| *s)),
                Value::ChronoDate(x) => args.add(x.map(|d| *d)),
                Value::ChronoDateTimeUtc(x) => args.add(x.map(|d| *d)),
                other => return Err(format!("the seeder does not bind {other:?}")),
            };
            added.map_err(|e| e.to_string())?;
        }
        Ok(Stmt::Sqlite(sql, args))
    }
}

enum Txn {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Orm(DatabaseTransaction),
}

/// A transaction on `db.write`, opened on first use.
pub struct Writer<'a> {
    db: &'a Db,
    txn: Option<Txn>,
}

impl<'a> Writer<'a> {
    pub fn new(db: &'a Db) -> Writer<'a> {
        Writer { db, txn: None }
    }

    pub async fn exec(&mut self, stmt: Stmt) -> Result<(), BoxError> {
        if self.txn.is_none() {
            self.txn = Some(match self.db.backend() {
                DbBackend::Sqlite => Txn::Sqlite(self.db.write.get_sqlite_connection_pool().begin().await?),
                _ => Txn::Orm(self.db.write.begin().await?),
            });
        }
        match (&mut self.txn, stmt) {
            (Some(Txn::Sqlite(t)), Stmt::Sqlite(sql, args)) => {
                sqlx::query_with(&sql, args).execute(&mut **t).await?;
            }
            (Some(Txn::Orm(t)), Stmt::Orm(s)) => {
                t.execute(s).await?;
            }
            _ => return Err("statement built for another database".into()),
        }
        Ok(())
    }

    pub async fn commit(&mut self) -> Result<(), BoxError> {
        match self.txn.take() {
            Some(Txn::Sqlite(t)) => t.commit().await?,
            Some(Txn::Orm(t)) => t.commit().await?,
            None => {}
        }
        Ok(())
    }
}
