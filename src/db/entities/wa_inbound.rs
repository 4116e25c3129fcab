use sea_orm::entity::prelude::*;

/// One item of a signed WhatsApp webhook (message, status, preference, template event), kept
/// once by its key (`domain::whatsapp::inbound::Inbound::key`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "wa_inbound")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub key: String,
    /// message, status, preference or template.
    pub kind: String,
    /// The message's wamid (ours, for a status), or "".
    pub wamid: String,
    pub wa_id: String,
    /// The business-scoped user id (BSUID), for users Meta names without a phone number.
    pub user_id: String,
    /// What the item says, as JSON.
    pub detail: String,
    pub received_at: DateTimeUtc,
    pub processed_at: Option<DateTimeUtc>,
    /// For a status: the biz_opaque_callback_data we sent (pd-out-<outbox id>).
    pub callback: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
