use sea_orm::entity::prelude::*;

/// A job's own copy of its routing: per stage its standard minutes, state, actual times,
/// and the scheduler's plan.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "job_stages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub job_id: i32,
    pub stage_id: i32,
    pub seq: i32,
    pub resource_kind: String,
    pub std_minutes: i32,
    /// "pending", "active", "done", "skipped".
    pub state: String,
    pub worked_minutes: i32,
    pub entered_at: Option<DateTimeUtc>,
    pub left_at: Option<DateTimeUtc>,
    pub planned_start: Option<DateTimeUtc>,
    pub planned_end: Option<DateTimeUtc>,
    pub planned_resource_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
