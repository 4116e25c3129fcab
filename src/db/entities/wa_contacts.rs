use sea_orm::entity::prelude::*;

/// One WhatsApp user the shop talks to: matched to a customer by phone, WhatsApp id or the
/// business-scoped user id (BSUID); holds the 24-hour window, the inbox state and consent.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "wa_contacts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// "wa:<digits>" or "bsuid:<id>".
    pub key: String,
    pub wa_id: String,
    pub user_id: String,
    pub name: String,
    pub customer_id: Option<i32>,
    pub last_inbound_at: Option<DateTimeUtc>,
    pub last_message_at: Option<DateTimeUtc>,
    pub last_text: String,
    pub unread: i32,
    pub assigned_to: Option<i32>,
    /// A person took over the chat: the bot stays quiet.
    pub bot_muted: bool,
    pub marketing_stopped: bool,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
