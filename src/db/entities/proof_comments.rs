use sea_orm::entity::prelude::*;

/// A comment on a proof, optionally pinned at (x, y) as fractions of the image.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "proof_comments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub proof_id: i32,
    pub author_kind: String,
    pub author_name: String,
    pub x: Option<f64>,
    pub y: Option<f64>,
    pub body: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
