//! What a signed-in customer may see: only records of their own orders.
use crate::auth::session::{self, Kind};
use crate::db::e::{orders, proofs};
use crate::state::AppState;
use sea_orm::EntityTrait;

/// The customer id behind a portal session cookie, if any.
pub async fn customer_id(state: &AppState, headers: &http::HeaderMap) -> Option<i32> {
    let token = session::token_from_headers(headers, Kind::Customer)?;
    session::find(&state.db.read, Kind::Customer, &token).await.ok().flatten().map(|s| s.subject_id)
}

pub async fn customer_owns_proof(state: &AppState, headers: &http::HeaderMap, proof_id: i32) -> bool {
    let Some(cid) = customer_id(state, headers).await else { return false };
    let Ok(Some(p)) = proofs::Entity::find_by_id(proof_id).one(&state.db.read).await else { return false };
    matches!(orders::Entity::find_by_id(p.order_id).one(&state.db.read).await, Ok(Some(o)) if o.customer_id == cid)
}
