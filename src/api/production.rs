//! Production server functions: the board, moves, assignments, schedule, timelines,
//! resources, stages and routings.
use crate::dto::production::*;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[cfg(feature = "ssr")]
mod ctx {
    pub use crate::auth::context::state;
    pub use crate::auth::require_staff;
    pub use crate::domain::roles::can;
}

/// The board: the first cards of each column (the page), or every card (`all`, fetched by
/// the browser once the page is up).
#[server]
pub async fn production_board(all: bool) -> Result<Board, AppError> {
    use crate::services::production::board;
    use ctx::*;
    require_staff(can::VIEW).await?;
    let s = state()?;
    board::load(&s.db, s.config.today(), (!all).then_some(board::WINDOW)).await
}

/// Some cards as they now are, for a board that heard they changed.
#[server]
pub async fn load_board_update(job_ids: Vec<i32>) -> Result<BoardUpdate, AppError> {
    use ctx::*;
    require_staff(can::VIEW).await?;
    if job_ids.len() > 500 {
        return Err(AppError::field("job_ids", "Ask for at most 500 cards at a time"));
    }
    let s = state()?;
    crate::services::production::board::update(&s.db, s.config.today(), &job_ids).await
}

/// Moves a card; answers with the card as it now is. Every other board hears of it through
/// the move's event.
#[server]
pub async fn move_card(job_id: i32, to_stage: i32, index: u32, version: i32, override_reason: Option<String>) -> Result<Option<Card>, AppError> {
    use crate::services::production::{board, moves};
    use ctx::*;
    let user = require_staff(can::PRODUCE).await?;
    let s = state()?;
    let req = moves::MoveRequest { job_id, to_stage, index: index as usize, version, override_reason };
    moves::move_job(&s.db, &(&user).into(), &req).await?;
    board::card(&s.db.write, job_id, s.config.today()).await
}

#[server]
pub async fn assign_card(job_id: i32, version: i32, resource_id: Option<i32>, assignee_id: Option<i32>) -> Result<(), AppError> {
    use ctx::*;
    let user = require_staff(can::PLAN).await?;
    let s = state()?;
    crate::services::production::moves::assign(&s.db, &(&user).into(), job_id, version, resource_id, assignee_id).await
}

#[server]
pub async fn board_bottleneck() -> Result<Option<BottleneckSummary>, AppError> {
    use ctx::*;
    require_staff(can::VIEW).await?;
    let s = state()?;
    let r = crate::services::production::stats::report(&s.db, s.config.timezone()).await?;
    Ok(crate::services::production::stats::summary(&r))
}

#[server]
pub async fn load_bottlenecks() -> Result<BottleneckView, AppError> {
    use ctx::*;
    require_staff(can::VIEW).await?;
    let s = state()?;
    let r = crate::services::production::stats::report(&s.db, s.config.timezone()).await?;
    Ok(crate::services::production::stats::view(&r))
}

#[server]
pub async fn order_timeline(order_id: i32) -> Result<Timeline, AppError> {
    use ctx::*;
    require_staff(can::VIEW).await?;
    let s = state()?;
    crate::services::production::timeline::for_order(&s.db, order_id, s.config.timezone()).await
}

#[server]
pub async fn resource_timeline(days: i64) -> Result<Timeline, AppError> {
    use ctx::*;
    require_staff(can::VIEW).await?;
    let s = state()?;
    crate::services::production::timeline::for_resources(&s.db, s.config.timezone(), days).await
}

#[server]
pub async fn load_order_production(order_id: i32) -> Result<OrderProduction, AppError> {
    use ctx::*;
    require_staff(can::VIEW).await?;
    let s = state()?;
    crate::services::production::progress::for_order(&s.db, order_id, s.config.timezone()).await
}

#[server]
pub async fn load_schedule() -> Result<ScheduleSummary, AppError> {
    use ctx::*;
    require_staff(can::VIEW).await?;
    let s = state()?;
    crate::services::production::plan::summary(&s.db, s.config.timezone(), s.config.today()).await
}

#[server]
pub async fn replan_now() -> Result<(), AppError> {
    use ctx::*;
    require_staff(can::PLAN).await?;
    let s = state()?;
    crate::services::production::plan::replan(&s.db, s.config.timezone()).await?;
    Ok(())
}

#[server(input = Json)]
pub async fn ask_what_if(question: WhatIf) -> Result<WhatIfResult, AppError> {
    use ctx::*;
    require_staff(can::PLAN).await?;
    let s = state()?;
    check_what_if(&question)?;
    crate::services::production::plan::what_if(&s.db, s.config.timezone(), s.config.today(), &question).await
}

#[server(input = Json)]
pub async fn commit_what_if(question: WhatIf) -> Result<(), AppError> {
    use ctx::*;
    let user = require_staff(can::PLAN).await?;
    let s = state()?;
    check_what_if(&question)?;
    crate::services::production::plan::commit_what_if(&s.db, &(&user).into(), s.config.timezone(), s.config.today(), &question).await
}

/// Bounds for what-if questions (also the field errors the form shows).
pub fn check_what_if(q: &WhatIf) -> Result<(), AppError> {
    match *q {
        WhatIf::Overtime { minutes, days, .. } if minutes == 0 || minutes > 360 => {
            let _ = days;
            Err(AppError::field("minutes", "Overtime is 1 to 360 minutes a day"))
        }
        WhatIf::Overtime { days, .. } if days == 0 || days > 30 => Err(AppError::field("days", "Choose 1 to 30 days")),
        WhatIf::Down { hours, .. } if hours == 0 || hours > 24 * 30 => Err(AppError::field("hours", "Choose 1 to 720 hours")),
        _ => Ok(()),
    }
}

#[server]
pub async fn list_resources() -> Result<Vec<ResourceRow>, AppError> {
    use ctx::*;
    require_staff(can::VIEW).await?;
    let s = state()?;
    crate::services::production::resources::list(&s.db, s.config.timezone()).await
}

#[server(input = Json)]
pub async fn save_resource(id: Option<i32>, input: ResourceInput) -> Result<i32, AppError> {
    use ctx::*;
    let user = require_staff(can::PLAN).await?;
    let s = state()?;
    crate::services::production::resources::save(&s.db, &(&user).into(), id, &input).await
}

#[server]
pub async fn add_downtime(resource_id: i32, starts: String, ends: String, reason: String) -> Result<(), AppError> {
    use ctx::*;
    let user = require_staff(can::PLAN).await?;
    let s = state()?;
    crate::services::production::resources::add_downtime(&s.db, &(&user).into(), s.config.timezone(), resource_id, &starts, &ends, &reason).await
}

#[server]
pub async fn list_stages() -> Result<Vec<StageInfo>, AppError> {
    use ctx::*;
    require_staff(can::VIEW).await?;
    let s = state()?;
    Ok(crate::services::production::load_stages(&s.db.read).await?.iter().map(crate::services::production::stage_info).collect())
}

#[server]
pub async fn save_stage(id: Option<i32>, code: String, name: String, customer_label: String, wip_limit: String, position: i32) -> Result<i32, AppError> {
    use ctx::*;
    let user = require_staff(can::PLAN).await?;
    let s = state()?;
    crate::services::production::setup::save_stage(&s.db, &(&user).into(), id, &code, &name, &customer_label, &wip_limit, position).await
}

#[server]
pub async fn get_routing(product_id: i32) -> Result<Vec<RoutingStep>, AppError> {
    use ctx::*;
    require_staff(can::VIEW).await?;
    let s = state()?;
    crate::services::production::setup::routing(&s.db, product_id).await
}

#[server(input = Json)]
pub async fn save_routing(product_id: i32, steps: Vec<RoutingStep>) -> Result<(), AppError> {
    use ctx::*;
    let user = require_staff(can::CATALOGUE).await?;
    let s = state()?;
    crate::services::production::setup::save_routing(&s.db, &(&user).into(), product_id, &steps).await
}
