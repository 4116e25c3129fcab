use sea_orm::entity::prelude::*;

/// A checklist filled in for one job at one stage.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "checkpoints")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub job_id: i32,
    pub stage_id: i32,
    pub template_id: i32,
    pub name: String,
    pub items_json: String,
    pub status: String,
    pub completed_by: Option<i32>,
    pub completed_by_name: String,
    pub completed_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
