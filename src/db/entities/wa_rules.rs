use sea_orm::entity::prelude::*;

/// An automation rule: for one `domain::whatsapp::notify::NotifyEvent`, on or off, and the
/// template (name, language) sent outside the 24-hour window.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "wa_rules")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub event: String,
    pub enabled: bool,
    pub template: String,
    pub language: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
