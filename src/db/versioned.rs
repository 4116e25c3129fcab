//! Optimistic locking in SQL: `UPDATE t SET ..., version = version + 1 WHERE id = ? AND
//! version = ?`, with the affected row count checked. Checking the version in memory is not
//! enough: on PostgreSQL (READ COMMITTED) two transactions can read the same version, and
//! only the WHERE clause, re-evaluated after the first one commits, lets exactly one win.
use super::e::{customers, jobs, orders};
use crate::error::{AppError, AppResult};
use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// A table with `id`, `version` and `updated_at` columns.
pub trait Versioned: EntityTrait {
    /// "Order", "Customer", "Job": for the not-found message.
    const WHAT: &'static str;
    /// What a user who lost the race (or edited a stale copy) is told.
    const CONFLICT: &'static str;
    fn id_col() -> Self::Column;
    fn version_col() -> Self::Column;
    fn updated_at_col() -> Self::Column;
}

impl Versioned for orders::Entity {
    const WHAT: &'static str = "Order";
    const CONFLICT: &'static str = "Someone else changed this order meanwhile. Reload to see the latest version.";
    fn id_col() -> orders::Column {
        orders::Column::Id
    }
    fn version_col() -> orders::Column {
        orders::Column::Version
    }
    fn updated_at_col() -> orders::Column {
        orders::Column::UpdatedAt
    }
}

impl Versioned for customers::Entity {
    const WHAT: &'static str = "Customer";
    const CONFLICT: &'static str = "Someone else changed this customer meanwhile. Reload to see their changes.";
    fn id_col() -> customers::Column {
        customers::Column::Id
    }
    fn version_col() -> customers::Column {
        customers::Column::Version
    }
    fn updated_at_col() -> customers::Column {
        customers::Column::UpdatedAt
    }
}

impl Versioned for jobs::Entity {
    const WHAT: &'static str = "Job";
    const CONFLICT: &'static str = "Someone else moved or changed this card meanwhile; the board shows where it is now.";
    fn id_col() -> jobs::Column {
        jobs::Column::Id
    }
    fn version_col() -> jobs::Column {
        jobs::Column::Version
    }
    fn updated_at_col() -> jobs::Column {
        jobs::Column::UpdatedAt
    }
}

/// Sets `set` on row `id` if it is still at `version`, bumping the version. Answers
/// NotFound when the row is gone and Conflict when someone else changed it first.
pub async fn update<E: Versioned, C: ConnectionTrait>(c: &C, id: i32, version: i32, set: Vec<(E::Column, SimpleExpr)>) -> AppResult<()> {
    let mut upd = E::update_many()
        .col_expr(E::version_col(), Expr::col(E::version_col()).add(1))
        .col_expr(E::updated_at_col(), Expr::value(crate::clock::now()));
    for (col, expr) in set {
        upd = upd.col_expr(col, expr);
    }
    let res = upd.filter(E::id_col().eq(id)).filter(E::version_col().eq(version)).exec(c).await?;
    if res.rows_affected == 1 {
        return Ok(());
    }
    let exists = E::find().filter(E::id_col().eq(id)).one(c).await?.is_some();
    Err(if exists { AppError::Conflict(E::CONFLICT.into()) } else { AppError::not_found(E::WHAT) })
}
