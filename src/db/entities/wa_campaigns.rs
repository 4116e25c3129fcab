use sea_orm::entity::prelude::*;

/// A bulk WhatsApp campaign: a marketing template with per-recipient variables, sent through
/// the outbox (its messages carry `campaign_id`) to an audience of opted-in customers.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "wa_campaigns")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub template: String,
    pub language: String,
    /// JSON list of strings.
    pub variables: String,
    /// JSON `domain::whatsapp::campaign::Audience`.
    pub audience: String,
    /// `domain::whatsapp::campaign::CampaignStatus`.
    pub status: String,
    pub scheduled_at: Option<DateTimeUtc>,
    pub recipients: i32,
    pub estimate_paise: i64,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub started_at: Option<DateTimeUtc>,
    pub finished_at: Option<DateTimeUtc>,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
