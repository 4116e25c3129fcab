use sea_orm::entity::prelude::*;

/// A production job: one order line following its product's routing. A Kanban card.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "jobs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub order_id: i32,
    pub order_line_id: i32,
    pub product_id: i32,
    pub title: String,
    pub quantity: i64,
    pub stage_id: i32,
    /// Order within the column (lower first).
    pub position: i32,
    /// "active", "on_hold", "done", "cancelled".
    pub state: String,
    pub rush: bool,
    pub due_date: Option<Date>,
    pub assignee_id: Option<i32>,
    /// Resource chosen by hand (the scheduler respects it).
    pub resource_id: Option<i32>,
    /// Optimistic lock for board moves.
    pub version: i32,
    pub entered_stage_at: DateTimeUtc,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
