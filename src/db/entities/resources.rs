use sea_orm::entity::prelude::*;

/// A machine or a person that does stage work, with its working calendar.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "resources")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    /// Resource type, e.g. "digital_press", "designer".
    pub kind: String,
    pub is_person: bool,
    /// Comma-separated stage codes this resource can do.
    pub stage_codes: String,
    /// `domain::scheduler::Calendar` without downtime (kept in `resource_downtime`).
    pub calendar_json: String,
    pub user_id: Option<i32>,
    pub active: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
