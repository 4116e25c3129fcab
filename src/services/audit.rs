//! Audit trail for sensitive actions (sign-ins, overrides, payments, user changes).
use super::Actor;
use crate::db::e::audit_log;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

pub async fn record<C: ConnectionTrait>(
    c: &C,
    actor: &Actor,
    action: &str,
    entity: &str,
    entity_id: Option<i32>,
    detail: &str,
) -> Result<(), sea_orm::DbErr> {
    audit_log::ActiveModel {
        actor: Set(actor.label()),
        action: Set(action.into()),
        entity: Set(entity.into()),
        entity_id: Set(entity_id),
        detail: Set(detail.into()),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(c)
    .await?;
    Ok(())
}
