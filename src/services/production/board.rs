//! The Kanban board: every open job as a card, loaded with a fixed number of queries
//! however many cards there are.
use super::{load_stages, stage_info};
use crate::domain::roles::Role;
use crate::domain::floor::JobState;
use crate::db::e::{customers, job_stages, jobs, orders, products, resources, users};
use crate::db::Db;
use crate::domain::progress::{job_percent, StageProgress, StageState};
use crate::dto::production::{Board, BoardUpdate, Card, ColumnCount, Urgency};
use crate::error::AppResult;
use crate::services::fmt_date;
use chrono::{Duration, NaiveDate, Utc};
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

pub fn urgency(due: Option<NaiveDate>, today: NaiveDate) -> Urgency {
    match due {
        None => Urgency::NoDate,
        Some(d) if d < today => Urgency::Overdue,
        Some(d) if d == today => Urgency::Today,
        Some(d) if d <= today + Duration::days(2) => Urgency::Soon,
        Some(_) => Urgency::Later,
    }
}

pub fn stage_state(s: &str) -> StageState {
    StageState::parse(s).unwrap_or(StageState::Pending)
}

/// Cards for the given jobs (in the order given).
pub async fn cards<C: ConnectionTrait>(c: &C, list: Vec<jobs::Model>, today: NaiveDate) -> AppResult<Vec<Card>> {
    let job_ids: Vec<i32> = list.iter().map(|j| j.id).collect();
    let order_ids: Vec<i32> = list.iter().map(|j| j.order_id).collect();
    let orders: HashMap<i32, (String, i32)> = orders::Entity::find()
        .select_only()
        .columns([orders::Column::Id, orders::Column::Number, orders::Column::CustomerId])
        .filter(orders::Column::Id.is_in(order_ids))
        .into_tuple::<(i32, String, i32)>()
        .all(c)
        .await?
        .into_iter()
        .map(|(id, n, cid)| (id, (n, cid)))
        .collect();
    let customer_ids: Vec<i32> = orders.values().map(|(_, c)| *c).collect();
    let customers: HashMap<i32, String> = customers::Entity::find()
        .select_only()
        .columns([customers::Column::Id, customers::Column::Name])
        .filter(customers::Column::Id.is_in(customer_ids))
        .into_tuple::<(i32, String)>()
        .all(c)
        .await?
        .into_iter()
        .collect();
    let units: HashMap<i32, String> = products::Entity::find()
        .select_only()
        .columns([products::Column::Id, products::Column::Unit])
        .into_tuple::<(i32, String)>()
        .all(c)
        .await?
        .into_iter()
        .collect();
    let resource_names: HashMap<i32, String> = resources::Entity::find()
        .select_only()
        .columns([resources::Column::Id, resources::Column::Name])
        .into_tuple::<(i32, String)>()
        .all(c)
        .await?
        .into_iter()
        .collect();
    let user_names: HashMap<i32, String> = users::Entity::find()
        .select_only()
        .columns([users::Column::Id, users::Column::Name])
        .into_tuple::<(i32, String)>()
        .all(c)
        .await?
        .into_iter()
        .collect();
    let mut routes: HashMap<i32, Vec<(i32, StageProgress)>> = HashMap::new();
    // Chunked so a big board stays under the databases' bind-parameter limits.
    for chunk in job_ids.chunks(5000) {
        let rows: Vec<(i32, i32, i32, String, i32)> = job_stages::Entity::find()
            .select_only()
            .columns([
                job_stages::Column::JobId,
                job_stages::Column::StageId,
                job_stages::Column::StdMinutes,
                job_stages::Column::State,
                job_stages::Column::WorkedMinutes,
            ])
            .filter(job_stages::Column::JobId.is_in(chunk.to_vec()))
            .order_by_asc(job_stages::Column::JobId)
            .order_by_asc(job_stages::Column::Seq)
            .into_tuple()
            .all(c)
            .await?;
        for (job, stage, std, state, worked) in rows {
            routes.entry(job).or_default().push((
                stage,
                StageProgress { std_minutes: std as i64, state: stage_state(&state), worked_minutes: worked as i64 },
            ));
        }
    }
    Ok(list
        .into_iter()
        .map(|j| {
            let (number, customer_id) = orders.get(&j.order_id).cloned().unwrap_or_default();
            let route = routes.remove(&j.id).unwrap_or_default();
            let progress: Vec<StageProgress> = route.iter().map(|(_, p)| p.clone()).collect();
            let percent = if j.state == JobState::Done.as_str() { 100.0 } else { job_percent(&progress) };
            Card {
                id: j.id,
                version: j.version,
                order_id: j.order_id,
                order_number: number,
                customer: customers.get(&customer_id).cloned().unwrap_or_default(),
                title: j.title.clone(),
                product_id: j.product_id,
                quantity: j.quantity,
                unit: units.get(&j.product_id).cloned().unwrap_or_default(),
                due_date: j.due_date.map(fmt_date),
                urgency: if j.state == JobState::Done.as_str() { Urgency::NoDate } else { urgency(j.due_date, today) },
                rush: j.rush,
                on_hold: j.state == JobState::OnHold.as_str(),
                stage_id: j.stage_id,
                position: j.position,
                assignee_id: j.assignee_id,
                assignee: j.assignee_id.and_then(|u| user_names.get(&u).cloned()),
                resource_id: j.resource_id,
                resource: j.resource_id.and_then(|r| resource_names.get(&r).cloned()),
                percent,
                route: route.iter().map(|(s, _)| *s).collect(),
            }
        })
        .collect())
}

/// Cards a column shows before the rest is fetched: enough for a screen or two, few
/// enough that the page stays small however long the queues get.
pub const WINDOW: usize = 30;

/// Jobs on the board: open ones, plus those delivered in the last three days.
fn on_board(recent: chrono::DateTime<Utc>) -> Condition {
    Condition::any()
        .add(jobs::Column::State.is_in([JobState::Active.as_str(), JobState::OnHold.as_str()]))
        .add(Condition::all().add(jobs::Column::State.eq(JobState::Done.as_str())).add(jobs::Column::EnteredStageAt.gte(recent)))
}

/// Cards and work in progress per column, counted by the database.
async fn column_counts<C: ConnectionTrait>(c: &C, stages: &[crate::db::e::stages::Model], recent: chrono::DateTime<Utc>) -> AppResult<Vec<ColumnCount>> {
    let counted: Vec<(i32, String, i64)> = jobs::Entity::find()
        .select_only()
        .column(jobs::Column::StageId)
        .column(jobs::Column::State)
        .column_as(jobs::Column::Id.count(), "n")
        .filter(on_board(recent))
        .group_by(jobs::Column::StageId)
        .group_by(jobs::Column::State)
        .into_tuple()
        .all(c)
        .await?;
    Ok(stages
        .iter()
        .map(|s| {
            let mine = counted.iter().filter(|(st, _, _)| *st == s.id);
            let cards = mine.clone().map(|(_, _, n)| *n as u32).sum();
            let wip = mine.filter(|(_, state, _)| state != JobState::Done.as_str()).map(|(_, _, n)| *n as u32).sum();
            ColumnCount { stage_id: s.id, cards, wip }
        })
        .collect())
}

/// What changed for some jobs (live updates): their cards as they now are, the ones no
/// longer on the board, and fresh column counts. Far cheaper than the whole board.
pub async fn update(db: &Db, today: NaiveDate, job_ids: &[i32]) -> AppResult<BoardUpdate> {
    let c = &db.read;
    let recent = crate::clock::now() - Duration::days(3);
    let stages = load_stages(c).await?;
    let list = jobs::Entity::find().filter(jobs::Column::Id.is_in(job_ids.to_vec())).filter(on_board(recent)).all(c).await?;
    let gone = job_ids.iter().copied().filter(|id| !list.iter().any(|j| j.id == *id)).collect();
    Ok(BoardUpdate { cards: cards(c, list, today).await?, gone, columns: column_counts(c, &stages, recent).await? })
}

/// The board. With a `window`, each column brings only its first cards (in board order)
/// and `columns` says how many there are in all; `None` brings every card.
pub async fn load(db: &Db, today: NaiveDate, window: Option<usize>) -> AppResult<Board> {
    let c = &db.read;
    let stages = load_stages(c).await?;
    let recent = crate::clock::now() - Duration::days(3);
    let columns = column_counts(c, &stages, recent).await?;
    let ordered = |q: sea_orm::Select<jobs::Entity>| {
        q.filter(on_board(recent)).order_by_asc(jobs::Column::StageId).order_by_asc(jobs::Column::Position).order_by_asc(jobs::Column::Id)
    };
    let list = match window {
        None => ordered(jobs::Entity::find()).all(c).await?,
        Some(n) => {
            // One small indexed query per column: the first `n` cards of each.
            let mut list = Vec::new();
            for col in columns.iter().filter(|col| col.cards > 0) {
                let q = ordered(jobs::Entity::find().filter(jobs::Column::StageId.eq(col.stage_id)));
                list.extend(q.limit(n as u64).all(c).await?);
            }
            list
        }
    };
    let complete = window.is_none_or(|n| columns.iter().all(|col| col.cards as usize <= n));
    let cards = cards(c, list, today).await?;
    let mut resources: Vec<(i32, String)> = resources::Entity::find()
        .filter(resources::Column::Active.eq(true))
        .order_by_asc(resources::Column::Name)
        .all(c)
        .await?
        .into_iter()
        .map(|r| (r.id, r.name))
        .collect();
    resources.dedup();
    let assignees = users::Entity::find()
        .filter(users::Column::Active.eq(true))
        .filter(users::Column::Role.is_in([Role::Designer, Role::Operator, Role::Manager, Role::Owner].map(|r| r.as_str())))
        .order_by_asc(users::Column::Name)
        .all(c)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    // The products of every card on the board, shown or not, for the product filter.
    let product_ids: Vec<i32> = jobs::Entity::find()
        .select_only()
        .column(jobs::Column::ProductId)
        .distinct()
        .filter(on_board(recent))
        .into_tuple()
        .all(c)
        .await?;
    let products = products::Entity::find()
        .select_only()
        .columns([products::Column::Id, products::Column::Name])
        .filter(products::Column::Id.is_in(product_ids))
        .order_by_asc(products::Column::Name)
        .order_by_asc(products::Column::Id)
        .into_tuple()
        .all(c)
        .await?;
    Ok(Board { stages: stages.iter().map(stage_info).collect(), cards, columns, complete, resources, assignees, products, bottleneck: None })
}

/// One card, after a change.
pub async fn card<C: ConnectionTrait>(c: &C, job_id: i32, today: NaiveDate) -> AppResult<Option<Card>> {
    let Some(job) = jobs::Entity::find_by_id(job_id).one(c).await? else { return Ok(None) };
    Ok(cards(c, vec![job], today).await?.into_iter().next())
}
