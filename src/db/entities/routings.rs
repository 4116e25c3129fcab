use sea_orm::entity::prelude::*;

/// One stage of a product's routing: which resource kind it needs and its standard time
/// (setup + run time per 1000 units).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "routings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub product_id: i32,
    pub stage_id: i32,
    pub seq: i32,
    pub resource_kind: String,
    pub setup_minutes: i32,
    pub run_minutes_per_1000: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
