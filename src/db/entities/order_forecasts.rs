use sea_orm::entity::prelude::*;

/// The scheduler's predicted finish of an order (kept apart from `orders` so re-planning
/// never bumps an order's version).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "order_forecasts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub order_id: i32,
    pub finish_at: DateTimeUtc,
    pub late_minutes: i32,
    pub planned_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
