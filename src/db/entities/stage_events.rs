use sea_orm::entity::prelude::*;

/// What happened on the floor: a job entered or left a stage, was reordered, or a gate was
/// overridden. Progress, cycle times and bottlenecks are computed from these.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stage_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub job_id: i32,
    pub order_id: i32,
    pub stage_id: i32,
    /// "enter", "leave", "reorder", "override".
    pub kind: String,
    pub from_stage_id: Option<i32>,
    pub to_stage_id: Option<i32>,
    pub at: DateTimeUtc,
    pub user_id: Option<i32>,
    pub user_name: String,
    pub worked_minutes: i32,
    pub note: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
