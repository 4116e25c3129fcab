use sea_orm::entity::prelude::*;

/// A defect found (failed checkpoint or rework), counted in quality statistics.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "defects")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub job_id: i32,
    pub order_id: i32,
    pub product_id: i32,
    pub stage_id: i32,
    pub back_to_stage_id: Option<i32>,
    pub reason: String,
    pub note: String,
    pub created_by_name: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
