use sea_orm::entity::prelude::*;

/// A production stage (a Kanban column). `customer_label` is what the portal shows.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub code: String,
    pub name: String,
    pub customer_label: String,
    pub position: i32,
    pub wip_limit: Option<i32>,
    /// Default resource kind for this stage ("none" when it only waits, e.g. proof approval).
    pub resource_kind: String,
    pub color: String,
    pub active: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
