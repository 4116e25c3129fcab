use sea_orm::entity::prelude::*;

/// A photo or document a customer sent on WhatsApp: `status` is a
/// `domain::whatsapp::media::FileStatus`; `file_hash` names the bytes in the file store.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "customer_files")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub customer_id: Option<i32>,
    pub contact_id: i32,
    pub order_id: Option<i32>,
    pub inbound_id: i32,
    pub media_id: String,
    pub file_hash: String,
    pub mime: String,
    pub file_name: String,
    pub size: i64,
    pub caption: String,
    pub status: String,
    pub error: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
