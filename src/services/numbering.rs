//! Gap-free number series. The counter row is bumped inside the caller's transaction: on
//! PostgreSQL the UPDATE holds a row lock until commit, on SQLite the single writer
//! connection serialises it. A rollback hands the number back, so no gaps.
use sea_orm::{ConnectionTrait, DbBackend, Statement};

pub async fn next<C: ConnectionTrait>(c: &C, key: &str) -> Result<i64, sea_orm::DbErr> {
    let backend = c.get_database_backend();
    let (insert, bump) = match backend {
        DbBackend::Postgres => (
            "INSERT INTO number_series (key, next_value) VALUES ($1, 1) ON CONFLICT (key) DO NOTHING",
            "UPDATE number_series SET next_value = next_value + 1 WHERE key = $1 RETURNING next_value - 1 AS taken",
        ),
        _ => (
            "INSERT INTO number_series (key, next_value) VALUES (?, 1) ON CONFLICT (key) DO NOTHING",
            "UPDATE number_series SET next_value = next_value + 1 WHERE key = ? RETURNING next_value - 1 AS taken",
        ),
    };
    c.execute(Statement::from_sql_and_values(backend, insert, [key.into()])).await?;
    let row = c
        .query_one(Statement::from_sql_and_values(backend, bump, [key.into()]))
        .await?
        .ok_or_else(|| sea_orm::DbErr::RecordNotFound(key.into()))?;
    row.try_get::<i64>("", "taken")
}
