//! Quality history for the demo shop: jobs waiting in Printing have had their press check
//! (so the floor can move them on), while Finishing and Quality check lists are still to be
//! filled in, as on a real day.
use crate::db::e::{jobs, stages};
use crate::db::Db;
use crate::domain::quality::CheckResult;
use crate::error::AppResult;
use crate::services::quality::checklists;
use crate::services::Actor;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

pub async fn press_checks_done(db: &Db) -> AppResult<usize> {
    let Some(printing) = stages::Entity::find().filter(stages::Column::Code.eq("printing")).one(&db.read).await? else { return Ok(0) };
    let waiting = jobs::Entity::find().filter(jobs::Column::StageId.eq(printing.id)).filter(jobs::Column::State.eq("active")).all(&db.read).await?;
    for job in &waiting {
        let mut items = checklists::form(db, job.id, printing.id).await?.items;
        items.iter_mut().for_each(|i| i.result = CheckResult::Pass);
        checklists::save(db, &Actor::System, job.id, printing.id, &items, None).await?;
    }
    Ok(waiting.len())
}
