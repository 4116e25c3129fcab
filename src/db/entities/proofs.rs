use sea_orm::entity::prelude::*;

/// One version of a proof for an order line.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "proofs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub order_id: i32,
    pub order_line_id: i32,
    pub version: i32,
    pub file_hash: String,
    pub file_name: String,
    pub mime: String,
    pub size: i64,
    pub thumb_hash: Option<String>,
    pub change_notes: String,
    pub caused_by_step_id: Option<i32>,
    pub status: String,
    pub chain_json: String,
    pub uploaded_by: Option<i32>,
    pub uploaded_by_name: String,
    pub created_at: DateTimeUtc,
    pub decided_at: Option<DateTimeUtc>,
    /// The approved proof of an earlier order this artwork was carried over from (reorders).
    pub carried_from_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
