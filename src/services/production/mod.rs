//! Production control: stages, resources, jobs on the board, moves, scheduling,
//! timelines and bottlenecks (server only).
pub mod board;
pub mod jobs;
pub mod moves;
pub mod plan;
pub mod progress;
pub mod resources;
pub mod setup;
pub mod stats;
pub mod time;
pub mod timeline;

use crate::db::e::stages;
use crate::dto::production::StageInfo;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

pub async fn load_stages<C: ConnectionTrait>(c: &C) -> Result<Vec<stages::Model>, sea_orm::DbErr> {
    stages::Entity::find().filter(stages::Column::Active.eq(true)).order_by_asc(stages::Column::Position).all(c).await
}

pub fn stage_info(s: &stages::Model) -> StageInfo {
    StageInfo {
        id: s.id,
        code: s.code.clone(),
        name: s.name.clone(),
        customer_label: s.customer_label.clone(),
        position: s.position,
        wip_limit: s.wip_limit,
        color: s.color.clone(),
    }
}
