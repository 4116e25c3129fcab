use sea_orm::entity::prelude::*;

/// One step of a proof's approval chain and its decision (immutable once decided).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "approval_steps")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub proof_id: i32,
    pub seq: i32,
    pub step: String,
    pub status: String,
    pub decided_by: Option<i32>,
    pub decided_by_name: String,
    pub decided_at: Option<DateTimeUtc>,
    pub ip: String,
    pub comment: String,
    pub signature: String,
    pub waiting_since: Option<DateTimeUtc>,
    pub reminded: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
