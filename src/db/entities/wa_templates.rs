use sea_orm::entity::prelude::*;

/// A WhatsApp message template, one per (name, language): what was submitted or last synced
/// (`spec_json`), and the review state Meta reported by webhook or sync.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "wa_templates")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Meta's template id.
    pub remote_id: String,
    pub name: String,
    pub language: String,
    /// `domain::whatsapp::template::Category::as_str`.
    pub category: String,
    /// `TemplateStatus::as_str`.
    pub status: String,
    /// `Quality::as_str`.
    pub quality: String,
    /// Meta's reason for a rejection or pause; "" when none.
    pub rejected_reason: String,
    /// JSON `domain::whatsapp::template::Template`.
    pub spec_json: String,
    /// Parts the editor does not hold, comma-separated ("HEADER VIDEO"); "" when none.
    pub unsupported: String,
    pub updated_at: DateTimeUtc,
    pub synced_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
