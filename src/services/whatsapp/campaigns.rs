//! Bulk campaigns: the audience (opted-in customers matching the filters, marketing-stopped
//! ones left out), a preview per recipient with the cost estimate by Meta's pricing category,
//! then sending through the outbox (one transaction queues every message; the worker's rate
//! throttles them), pause and resume, progress per recipient state and the report.
use super::outbox::{enqueue, NewMessage};
use crate::db::e::{customers, order_lines, orders, outbox, products, wa_campaigns, wa_contacts};
use crate::db::Db;
use crate::domain::whatsapp::campaign::{fill, validate, Audience, CampaignInput, CampaignStatus, Progress, RecipientFacts};
use crate::domain::whatsapp::message::{Body, Outgoing, Param, Recipient, TemplateMessage};
use crate::domain::whatsapp::outbox::{OutboxStatus, Topic};
use crate::domain::whatsapp::pricing::{estimate, Counts, Estimate, PricingCategory, Rates};
use crate::domain::whatsapp::window::Purpose;
use crate::error::{AppError, AppResult};
use crate::services::Actor;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// One recipient as the preview shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecipientPreview {
    pub customer_id: i32,
    pub name: String,
    pub phone: String,
    pub variables: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignPreview {
    pub count: u64,
    pub estimate: Estimate,
    /// The first recipients, with their variables filled in.
    pub sample: Vec<RecipientPreview>,
}

struct Member {
    customer: customers::Model,
    facts: RecipientFacts,
}

/// The customers a filter names, with what their variables are filled from.
async fn members<C: ConnectionTrait>(c: &C, a: &Audience) -> AppResult<Vec<Member>> {
    let list = customers::Entity::find().filter(customers::Column::WhatsappOptIn.eq(true)).filter(customers::Column::Phone.is_not_null()).order_by_asc(customers::Column::Id).all(c).await?;
    let stopped: HashSet<String> = wa_contacts::Entity::find().filter(wa_contacts::Column::MarketingStopped.eq(true)).all(c).await?.into_iter().map(|x| x.wa_id).collect();
    let ids: Vec<i32> = list.iter().map(|x| x.id).collect();
    let all_orders = orders::Entity::find().filter(orders::Column::CustomerId.is_in(ids)).filter(orders::Column::Status.ne("draft")).filter(orders::Column::Status.ne("cancelled")).order_by_asc(orders::Column::Id).all(c).await?;
    let mut last: HashMap<i32, &orders::Model> = HashMap::new();
    for o in &all_orders {
        last.insert(o.customer_id, o);
    }
    let lines = order_lines::Entity::find().filter(order_lines::Column::OrderId.is_in(all_orders.iter().map(|o| o.id).collect::<Vec<_>>())).all(c).await?;
    let owner: HashMap<i32, i32> = all_orders.iter().map(|o| (o.id, o.customer_id)).collect();
    let mut bought: HashMap<i32, HashSet<i32>> = HashMap::new();
    let mut last_product_id: HashMap<i32, (i32, i32)> = HashMap::new();
    for l in &lines {
        if let Some(cid) = owner.get(&l.order_id) {
            bought.entry(*cid).or_default().insert(l.product_id);
            let e = last_product_id.entry(*cid).or_insert((l.order_id, l.product_id));
            if l.order_id >= e.0 {
                *e = (l.order_id, l.product_id);
            }
        }
    }
    let product_names: HashMap<i32, String> = products::Entity::find().all(c).await?.into_iter().map(|p| (p.id, p.name)).collect();
    let now = crate::clock::now();
    let want_tags: Vec<String> = a.tags.iter().map(|t| t.trim().to_lowercase()).filter(|t| !t.is_empty()).collect();
    let mut out = Vec::new();
    for cust in list {
        let digits: String = cust.phone.clone().unwrap_or_default().chars().filter(|c| c.is_ascii_digit()).collect();
        if digits.is_empty() || stopped.contains(&digits) {
            continue;
        }
        if !a.products.is_empty() && !bought.get(&cust.id).is_some_and(|b| a.products.iter().any(|p| b.contains(p))) {
            continue;
        }
        let last_order = last.get(&cust.id);
        let days = last_order.map(|o| (now - o.created_at).num_days());
        if let Some(n) = a.inactive_days {
            // Customers who never ordered are not "inactive for N days": they are not customers yet.
            if !days.is_some_and(|d| d >= i64::from(n)) {
                continue;
            }
        }
        if !want_tags.is_empty() {
            let has: Vec<String> = cust.tags.split(',').map(|t| t.trim().to_lowercase()).collect();
            if !want_tags.iter().any(|t| has.contains(t)) {
                continue;
            }
        }
        let facts = RecipientFacts {
            name: cust.name.clone(),
            last_order: last_order.map(|o| o.number.clone()).unwrap_or_default(),
            last_product: last_product_id.get(&cust.id).and_then(|(_, p)| product_names.get(p).cloned()).unwrap_or_default(),
            days_since_order: days,
        };
        out.push(Member { customer: cust, facts });
    }
    Ok(out)
}

fn cost(n: u64, rates: &Rates) -> Estimate {
    let mut counts = Counts::default();
    counts.add(PricingCategory::Marketing, n);
    estimate(&counts, rates)
}

fn checked(input: &CampaignInput) -> AppResult<()> {
    let e = validate(input);
    if e.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(e))
    }
}

/// Who would get it, what each would read, and what it would cost.
pub async fn preview(db: &Db, input: &CampaignInput, rates: &Rates) -> AppResult<CampaignPreview> {
    checked(input)?;
    let list = members(&db.read, &input.audience).await?;
    let sample = list
        .iter()
        .take(20)
        .map(|m| RecipientPreview {
            customer_id: m.customer.id,
            name: m.customer.name.clone(),
            phone: m.customer.phone.clone().unwrap_or_default(),
            variables: input.variables.iter().map(|v| fill(v, &m.facts)).collect(),
        })
        .collect();
    Ok(CampaignPreview { count: list.len() as u64, estimate: cost(list.len() as u64, rates), sample })
}

/// Saves a campaign as a draft, or scheduled when it has a time.
pub async fn create(db: &Db, actor: &Actor, input: &CampaignInput) -> AppResult<i32> {
    checked(input)?;
    let scheduled = chrono::DateTime::parse_from_rfc3339(input.scheduled_at.trim()).ok().map(|t| t.with_timezone(&Utc));
    let txn = db.write.begin().await?;
    let row = wa_campaigns::ActiveModel {
        name: Set(input.name.trim().into()),
        template: Set(input.template.trim().into()),
        language: Set(input.language.trim().into()),
        variables: Set(serde_json::to_string(&input.variables).unwrap_or_default()),
        audience: Set(serde_json::to_string(&input.audience).unwrap_or_default()),
        status: Set(if scheduled.is_some() { CampaignStatus::Scheduled } else { CampaignStatus::Draft }.as_str().into()),
        scheduled_at: Set(scheduled),
        recipients: Set(0),
        estimate_paise: Set(0),
        created_by: Set(actor.staff_id()),
        created_at: Set(crate::clock::now()),
        started_at: Set(None),
        finished_at: Set(None),
        version: Set(0),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    crate::services::audit::record(&txn, actor, "campaign_create", "wa_campaign", Some(row.id), &row.name).await?;
    txn.commit().await?;
    Ok(row.id)
}

fn input_of(c: &wa_campaigns::Model) -> CampaignInput {
    CampaignInput {
        name: c.name.clone(),
        template: c.template.clone(),
        language: c.language.clone(),
        variables: serde_json::from_str(&c.variables).unwrap_or_default(),
        audience: serde_json::from_str(&c.audience).unwrap_or_default(),
        scheduled_at: c.scheduled_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
    }
}

/// Starts sending: every recipient's message is queued in one transaction, so a failure
/// queues none. An empty audience is refused.
pub async fn start(db: &Db, actor: &Actor, id: i32, rates: &Rates) -> AppResult<u64> {
    let txn = db.write.begin().await?;
    let c = wa_campaigns::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::not_found("Campaign"))?;
    if !matches!(CampaignStatus::parse(&c.status), Some(CampaignStatus::Draft | CampaignStatus::Scheduled)) {
        return Err(AppError::Conflict("This campaign was already started".into()));
    }
    let input = input_of(&c);
    let list = members(&txn, &input.audience).await?;
    if list.is_empty() {
        return Err(AppError::field("audience", "No customer matches this audience (opted in, not stopped): nothing to send"));
    }
    let now = crate::clock::now();
    // Version-checked: two starts (two tabs, two instances, the scheduler) queue once.
    let res = wa_campaigns::Entity::update_many()
        .col_expr(wa_campaigns::Column::Status, Expr::value(CampaignStatus::Sending.as_str()))
        .col_expr(wa_campaigns::Column::StartedAt, Expr::value(Some(now)))
        .col_expr(wa_campaigns::Column::Recipients, Expr::value(list.len() as i32))
        .col_expr(wa_campaigns::Column::EstimatePaise, Expr::value(cost(list.len() as u64, rates).total_paise as i64))
        .col_expr(wa_campaigns::Column::Version, Expr::value(c.version + 1))
        .filter(wa_campaigns::Column::Id.eq(id))
        .filter(wa_campaigns::Column::Version.eq(c.version))
        .exec(&txn)
        .await?;
    if res.rows_affected == 0 {
        return Err(AppError::Conflict("This campaign was already started".into()));
    }
    for m in &list {
        let params = input.variables.iter().map(|v| Param { name: None, text: fill(v, &m.facts) }).collect();
        let t = TemplateMessage { name: input.template.clone(), language: input.language.clone(), header: None, body: params, buttons: vec![] };
        let to = Recipient::Phone(m.customer.phone.clone().unwrap_or_default());
        enqueue(&txn, NewMessage::new(Outgoing::new(to, Body::Template(t)), Topic::Campaign, Purpose::Marketing).customer(m.customer.id).campaign(id)).await?;
    }
    crate::services::audit::record(&txn, actor, "campaign_start", "wa_campaign", Some(id), &format!("{} recipients", list.len())).await?;
    txn.commit().await?;
    Ok(list.len() as u64)
}

async fn set_status(db: &Db, actor: &Actor, id: i32, from: CampaignStatus, to: CampaignStatus) -> AppResult<()> {
    let txn = db.write.begin().await?;
    let res = wa_campaigns::Entity::update_many()
        .col_expr(wa_campaigns::Column::Status, Expr::value(to.as_str()))
        .col_expr(wa_campaigns::Column::Version, Expr::col(wa_campaigns::Column::Version).add(1))
        .filter(wa_campaigns::Column::Id.eq(id))
        .filter(wa_campaigns::Column::Status.eq(from.as_str()))
        .exec(&txn)
        .await?;
    if res.rows_affected == 0 {
        return Err(AppError::Conflict(format!("Only a campaign that is {} can be {}", from.label().to_lowercase(), to.label().to_lowercase())));
    }
    crate::services::audit::record(&txn, actor, "campaign_status", "wa_campaign", Some(id), to.as_str()).await?;
    txn.commit().await?;
    Ok(())
}

/// Holds back its queued messages (the worker skips a paused campaign's rows).
pub async fn pause(db: &Db, actor: &Actor, id: i32) -> AppResult<()> {
    set_status(db, actor, id, CampaignStatus::Sending, CampaignStatus::Paused).await
}

pub async fn resume(db: &Db, actor: &Actor, id: i32) -> AppResult<()> {
    set_status(db, actor, id, CampaignStatus::Paused, CampaignStatus::Sending).await
}

/// Per-recipient states; a sending campaign with nothing left queued is marked done.
pub async fn progress(db: &Db, id: i32) -> AppResult<(wa_campaigns::Model, Progress)> {
    let mut c = wa_campaigns::Entity::find_by_id(id).one(&db.read).await?.ok_or(AppError::not_found("Campaign"))?;
    let rows = outbox::Entity::find().filter(outbox::Column::CampaignId.eq(id)).all(&db.read).await?;
    let mut p = Progress { total: rows.len() as u64, ..Default::default() };
    let lanes: Vec<String> = rows.iter().map(|r| r.lane.clone()).collect();
    let replied_at: HashMap<String, DateTime<Utc>> =
        wa_contacts::Entity::find().filter(wa_contacts::Column::Key.is_in(lanes)).all(&db.read).await?.into_iter().filter_map(|x| x.last_inbound_at.map(|t| (x.key, t))).collect();
    for r in &rows {
        match OutboxStatus::parse(&r.status) {
            Some(OutboxStatus::Pending | OutboxStatus::Sending) => p.queued += 1,
            Some(OutboxStatus::Dead | OutboxStatus::Cancelled) => p.failed += 1,
            _ if r.delivery == "failed" => p.failed += 1,
            _ if r.delivery == "read" => p.read += 1,
            _ if r.delivery == "delivered" => p.delivered += 1,
            _ => p.sent += 1,
        }
        if r.sent_at.is_some_and(|s| replied_at.get(&r.lane).is_some_and(|t| *t > s)) {
            p.replied += 1;
        }
    }
    if c.status == CampaignStatus::Sending.as_str() && p.queued == 0 {
        let now = crate::clock::now();
        wa_campaigns::Entity::update_many()
            .col_expr(wa_campaigns::Column::Status, Expr::value(CampaignStatus::Done.as_str()))
            .col_expr(wa_campaigns::Column::FinishedAt, Expr::value(Some(now)))
            .filter(wa_campaigns::Column::Id.eq(id))
            .filter(wa_campaigns::Column::Status.eq(CampaignStatus::Sending.as_str()))
            .exec(&db.write)
            .await?;
        c.status = CampaignStatus::Done.as_str().into();
        c.finished_at = Some(now);
    }
    Ok((c, p))
}

pub async fn list(db: &Db) -> AppResult<Vec<wa_campaigns::Model>> {
    Ok(wa_campaigns::Entity::find().order_by_desc(wa_campaigns::Column::Id).all(&db.read).await?)
}

/// Starts scheduled campaigns whose time has come; returns how many.
pub async fn start_due(db: &Db, rates: &Rates) -> AppResult<usize> {
    let due = wa_campaigns::Entity::find()
        .filter(wa_campaigns::Column::Status.eq(CampaignStatus::Scheduled.as_str()))
        .filter(wa_campaigns::Column::ScheduledAt.lte(crate::clock::now()))
        .all(&db.read)
        .await?;
    let mut n = 0;
    for c in due {
        match start(db, &Actor::System, c.id, rates).await {
            Ok(_) => n += 1,
            Err(AppError::Conflict(_)) => {}
            Err(e) => {
                tracing::warn!(campaign = c.id, error = %e, "scheduled campaign not started");
                let _ = set_status(db, &Actor::System, c.id, CampaignStatus::Scheduled, CampaignStatus::Cancelled).await;
            }
        }
    }
    Ok(n)
}

/// Starts scheduled campaigns every 30 seconds until the task is dropped.
pub async fn run(db: Db, rates: Rates) {
    loop {
        if let Err(e) = start_due(&db, &rates).await {
            tracing::warn!(error = %e, "campaign scheduler failed");
        }
        tokio::time::sleep(std::time::Duration::from_secs(30)).await;
    }
}
