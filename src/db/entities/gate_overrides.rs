use sea_orm::entity::prelude::*;

/// A manager moved a job past a closed quality gate, with a written reason.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "gate_overrides")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub job_id: i32,
    pub order_id: i32,
    pub from_stage_id: i32,
    pub to_stage_id: i32,
    pub blocked_by: String,
    pub reason: String,
    pub user_id: Option<i32>,
    pub user_name: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
