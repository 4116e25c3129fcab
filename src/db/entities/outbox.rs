use sea_orm::entity::prelude::*;

/// Messages to send out, written in the same transaction as the change that causes them and
/// delivered by the WhatsApp worker (`services::whatsapp::worker`) with retries. `lane` keeps
/// one recipient's messages in order; `claimed_by`/`claimed_until` is a worker's lease.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// `domain::whatsapp::outbox::Topic`.
    pub topic: String,
    /// The `domain::whatsapp::message::Outgoing`, as JSON.
    pub payload: String,
    /// `domain::whatsapp::outbox::OutboxStatus`.
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub last_error: String,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
    pub lane: String,
    pub customer_id: Option<i32>,
    pub order_id: Option<i32>,
    pub campaign_id: Option<i32>,
    /// `domain::whatsapp::window::Purpose`.
    pub purpose: String,
    /// One line for staff (the queue, the inbox).
    pub preview: String,
    /// What Meta reported after the send: sent, delivered, read or failed ("" before).
    pub delivery: String,
    pub wamid: String,
    pub claimed_by: String,
    pub claimed_until: Option<DateTimeUtc>,
    pub delivered_at: Option<DateTimeUtc>,
    pub read_at: Option<DateTimeUtc>,
    pub pricing_category: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
