//! Persistence: entities, connection set-up and small shared query helpers (server only).
pub mod connect;
pub mod entities;
pub mod versioned;

pub use connect::{connect, migrate, Db};
pub use entities as e;

use sea_orm::{ConnectionTrait, DbErr, Statement};

/// Case-insensitive "contains" on both SQLite and PostgreSQL (LOWER(col) LIKE '%q%').
/// LIKE wildcards typed by the user are dropped rather than interpreted.
pub fn contains_ci<C: sea_orm::ColumnTrait>(col: C, q: &str) -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::sea_query::{Expr, Func};
    let cleaned: String = q.trim().chars().filter(|c| *c != '%' && *c != '_').collect();
    Expr::expr(Func::lower(Expr::col(col))).like(format!("%{}%", cleaned.to_lowercase()))
}

/// Case-insensitive "ends with" (an order number typed without its prefix, say). A helper
/// rather than custom SQL: custom SQL's `?` placeholder is not PostgreSQL's `$1`.
pub fn ends_with_ci<C: sea_orm::ColumnTrait>(col: C, q: &str) -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::sea_query::{Expr, Func};
    let cleaned: String = q.trim().chars().filter(|c| *c != '%' && *c != '_').collect();
    Expr::expr(Func::upper(Expr::col(col))).like(format!("%{}", cleaned.to_uppercase()))
}

/// Runs a raw statement with the backend's placeholder syntax.
pub async fn exec_raw<C: ConnectionTrait>(c: &C, sql: &str, values: Vec<sea_orm::Value>) -> Result<u64, DbErr> {
    let stmt = Statement::from_sql_and_values(c.get_database_backend(), sql, values);
    Ok(c.execute(stmt).await?.rows_affected())
}
