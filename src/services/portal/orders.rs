//! The customer's orders: list with progress, and the detail with a friendly timeline,
//! expected ready date, proofs to approve, invoices and payments.
use crate::db::e::{credit_notes, invoices, jobs, order_forecasts, order_lines, orders, payments, products, proofs, ratings, stages};
use crate::domain::floor::JobState;
use crate::db::{contains_ci, Db};
use crate::domain::invoice::PaymentMethod;
use crate::domain::money::Money;
use crate::domain::order::OrderStatus;
use crate::domain::portal::{customer_step, may_rate, step_percent, STEPS};
use crate::domain::quality::ProofStatus;
use crate::dto::portal::{PortalInvoice, PortalLine, PortalOrder, PortalOrderRow, PortalProof, PortalRating, PortalStep};
use crate::error::{AppError, AppResult};
use crate::services::fmt_date;
use crate::services::production::time::local_short;
use chrono::Utc;
use chrono_tz::Tz;
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// The order, if it is this customer's; otherwise "not found" (never "forbidden", which
/// would tell that the order exists).
pub async fn own(db: &Db, customer_id: i32, order_id: i32) -> AppResult<orders::Model> {
    orders::Entity::find_by_id(order_id)
        .one(&db.read)
        .await?
        .filter(|o| o.customer_id == customer_id && o.status != OrderStatus::Draft.as_str())
        .ok_or(AppError::not_found("Order"))
}

async fn steps_for(db: &Db, order_ids: &[i32]) -> AppResult<HashMap<i32, Vec<String>>> {
    let codes: HashMap<i32, String> = stages::Entity::find().all(&db.read).await?.into_iter().map(|s| (s.id, s.code)).collect();
    let mut out: HashMap<i32, Vec<String>> = HashMap::new();
    for chunk in order_ids.chunks(500) {
        let rows: Vec<(i32, i32)> = jobs::Entity::find()
            .select_only()
            .columns([jobs::Column::OrderId, jobs::Column::StageId])
            .filter(jobs::Column::OrderId.is_in(chunk.to_vec()))
            .filter(jobs::Column::State.ne(JobState::Cancelled.as_str()))
            .into_tuple()
            .all(&db.read)
            .await?;
        for (o, s) in rows {
            out.entry(o).or_default().push(codes.get(&s).cloned().unwrap_or_default());
        }
    }
    Ok(out)
}

pub async fn list(db: &Db, customer_id: i32, q: &str, tz: Tz) -> AppResult<Vec<PortalOrderRow>> {
    let mut cond = Condition::all()
        .add(orders::Column::CustomerId.eq(customer_id))
        .add(orders::Column::Status.ne(OrderStatus::Draft.as_str()));
    if !q.trim().is_empty() {
        cond = cond.add(contains_ci(orders::Column::Number, q));
    }
    let list = orders::Entity::find().filter(cond).order_by_desc(orders::Column::CreatedAt).limit(200).all(&db.read).await?;
    let ids: Vec<i32> = list.iter().map(|o| o.id).collect();
    let steps = steps_for(db, &ids).await?;
    let mut items: HashMap<i32, Vec<String>> = HashMap::new();
    for l in order_lines::Entity::find().filter(order_lines::Column::OrderId.is_in(ids.clone())).order_by_asc(order_lines::Column::Position).all(&db.read).await? {
        items.entry(l.order_id).or_default().push(l.description.split(" (").next().unwrap_or("").to_string());
    }
    let paid: HashMap<i32, i64> = invoices::Entity::find()
        .filter(invoices::Column::OrderId.is_in(ids.clone()))
        .all(&db.read)
        .await?
        .into_iter()
        .map(|i| (i.order_id, i.amount_paid))
        .collect();
    let forecasts: HashMap<i32, chrono::DateTime<Utc>> =
        order_forecasts::Entity::find().filter(order_forecasts::Column::OrderId.is_in(ids)).all(&db.read).await?.into_iter().map(|f| (f.order_id, f.finish_at)).collect();
    Ok(list
        .into_iter()
        .map(|o| {
            let status = OrderStatus::parse(&o.status).unwrap_or(OrderStatus::Confirmed);
            let codes = steps.get(&o.id).cloned().unwrap_or_default();
            let step = customer_step(status, &codes.iter().map(String::as_str).collect::<Vec<_>>());
            PortalOrderRow {
                id: o.id,
                number: o.number.clone(),
                placed: fmt_date(o.created_at.with_timezone(&tz).date_naive()),
                status,
                step_label: if status == OrderStatus::Cancelled { "Cancelled".into() } else { STEPS[step].to_string() },
                percent: step_percent(step),
                items: items.remove(&o.id).unwrap_or_default().join(", "),
                total: Money(o.total),
                balance: Money(o.total - paid.get(&o.id).copied().unwrap_or(0)),
                expected: (status.is_open()).then(|| forecasts.get(&o.id).map(|t| local_short(*t, tz))).flatten(),
            }
        })
        .collect())
}

pub async fn detail(db: &Db, customer_id: i32, order_id: i32, tz: Tz, link: impl Fn(i32) -> String) -> AppResult<PortalOrder> {
    let o = own(db, customer_id, order_id).await?;
    let status = OrderStatus::parse(&o.status).unwrap_or(OrderStatus::Confirmed);
    let codes = steps_for(db, &[o.id]).await?.remove(&o.id).unwrap_or_default();
    let step = customer_step(status, &codes.iter().map(String::as_str).collect::<Vec<_>>());
    let units: HashMap<i32, String> = products::Entity::find().all(&db.read).await?.into_iter().map(|p| (p.id, p.unit)).collect();
    let lines = order_lines::Entity::find().filter(order_lines::Column::OrderId.eq(o.id)).order_by_asc(order_lines::Column::Position).all(&db.read).await?;
    let invs = invoices::Entity::find().filter(invoices::Column::OrderId.eq(o.id)).all(&db.read).await?;
    let pays = payments::Entity::find()
        .filter(payments::Column::InvoiceId.is_in(invs.iter().map(|i| i.id).collect::<Vec<_>>()))
        .order_by_asc(payments::Column::PaidOn)
        .all(&db.read)
        .await?;
    let paid: i64 = invs.iter().map(|i| i.amount_paid).sum();
    let line_names: HashMap<i32, String> = lines.iter().map(|l| (l.id, l.description.clone())).collect();
    // Newest version per line only: that is the one the customer acts on.
    let mut latest: HashMap<i32, proofs::Model> = HashMap::new();
    for p in proofs::Entity::find().filter(proofs::Column::OrderId.eq(o.id)).all(&db.read).await? {
        if latest.get(&p.order_line_id).is_none_or(|l| l.version < p.version) {
            latest.insert(p.order_line_id, p);
        }
    }
    let mut proof_list: Vec<PortalProof> = latest
        .into_values()
        .map(|p| {
            let status = ProofStatus::parse(&p.status).unwrap_or(ProofStatus::InReview);
            PortalProof {
                proof_id: p.id,
                line: line_names.get(&p.order_line_id).cloned().unwrap_or_default(),
                version: p.version,
                status,
                approve_link: (status == ProofStatus::AwaitingCustomer).then(|| link(p.id)),
                carried: p.carried_from_id.map(|_| p.change_notes.clone()),
            }
        })
        .collect();
    proof_list.sort_by_key(|p| p.proof_id);
    let rating = ratings::Entity::find().filter(ratings::Column::OrderId.eq(o.id)).one(&db.read).await?;
    let now = crate::clock::now();
    let forecast = order_forecasts::Entity::find_by_id(o.id).one(&db.read).await?;
    Ok(PortalOrder {
        id: o.id,
        number: o.number.clone(),
        placed: local_short(o.created_at, tz),
        status,
        steps: STEPS
            .iter()
            .enumerate()
            .map(|(i, s)| PortalStep { label: s.to_string(), done: i < step || (i == step && step == STEPS.len() - 1), current: i == step })
            .collect(),
        percent: step_percent(step),
        expected_ready: if status.is_open() { forecast.map(|f| local_short(f.finish_at, tz)) } else { None },
        lines: lines
            .iter()
            .map(|l| PortalLine { description: l.description.clone(), quantity: l.quantity, unit: units.get(&l.product_id).cloned().unwrap_or_default(), total: Money(l.line_total) })
            .collect(),
        total: Money(o.total),
        paid: Money(paid),
        balance: Money((o.total - paid - invs.iter().map(|i| i.amount_credited).sum::<i64>()).max(0)),
        invoices: invs.iter().map(|i| PortalInvoice { id: i.id, number: i.number.clone(), total: Money(i.total), status: i.status.clone() }).collect(),
        credit_notes: credit_notes::Entity::find()
            .filter(credit_notes::Column::InvoiceId.is_in(invs.iter().map(|i| i.id).collect::<Vec<_>>()))
            .order_by_asc(credit_notes::Column::Id)
            .all(&db.read)
            .await?
            .into_iter()
            .map(|n| (n.id, n.number))
            .collect(),
        payments: pays
            .into_iter()
            .map(|p| (fmt_date(p.paid_on), PaymentMethod::parse(&p.method).map(|m| m.label().to_string()).unwrap_or_default(), Money(p.amount)))
            .collect(),
        proofs: proof_list,
        can_rate: may_rate(status, rating.as_ref().map(|r| r.created_at), now).is_ok(),
        rating: rating.map(|r| PortalRating { stars: r.stars, comment: r.comment, editable: may_rate(status, Some(r.created_at), now).is_ok() }),
    })
}
