//! The customer's view of one proof through its signed link.
use crate::db::e::{customers, orders, proofs};
use crate::db::Db;
use crate::domain::quality::ProofStatus;
use crate::dto::quality::{ApprovalPage, LinkState};
use crate::error::{AppError, AppResult};
use chrono_tz::Tz;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

pub async fn page(db: &Db, proof_id: i32, expired: bool, shop_name: &str, tz: Tz) -> AppResult<ApprovalPage> {
    let p = proofs::Entity::find_by_id(proof_id).one(&db.read).await?.ok_or(AppError::not_found("Proof"))?;
    let order = orders::Entity::find_by_id(p.order_id).one(&db.read).await?.ok_or(AppError::not_found("Order"))?;
    let customer = customers::Entity::find_by_id(order.customer_id).one(&db.read).await?.ok_or(AppError::not_found("Customer"))?;
    let latest = proofs::Entity::find()
        .filter(proofs::Column::OrderLineId.eq(p.order_line_id))
        .order_by_desc(proofs::Column::Version)
        .one(&db.read)
        .await?
        .map(|l| l.version)
        .unwrap_or(p.version);
    let state = match super::proofs::status_of(&p) {
        ProofStatus::Superseded => LinkState::Superseded { latest },
        _ if latest > p.version => LinkState::Superseded { latest },
        ProofStatus::Approved => LinkState::Approved,
        ProofStatus::ChangesRequested => LinkState::ChangesRequested,
        ProofStatus::InReview => LinkState::NotReady,
        ProofStatus::AwaitingCustomer if expired => LinkState::Expired,
        ProofStatus::AwaitingCustomer => LinkState::Open,
    };
    let proof = super::proofs::views(&db.read, vec![p], tz).await?.into_iter().next().ok_or(AppError::not_found("Proof"))?;
    Ok(ApprovalPage { proof, order_number: order.number, customer_name: customer.name, shop_name: shop_name.to_string(), state })
}
