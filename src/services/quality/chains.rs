//! Proof approval chains per product: which approvals a proof needs before printing.
//! Products without their own chain use the default (designer, manager, customer).
use crate::db::e::{approval_chains, products};
use crate::db::Db;
use crate::domain::quality::{chain_presets, default_chain, parse_chain, StepKind};
use crate::dto::quality::ChainRow;
use crate::error::{AppError, AppResult};
use crate::services::{audit, Actor};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder, Set, TransactionTrait};
use std::collections::HashMap;

fn codes(steps: &[StepKind]) -> Vec<String> {
    steps.iter().map(|s| s.as_str().to_string()).collect()
}

fn from_row(steps: &str) -> Vec<StepKind> {
    let codes: Vec<String> = steps.split(',').map(|s| s.trim().to_string()).collect();
    parse_chain(&codes).unwrap_or_else(|_| default_chain())
}

/// The chain a new proof of this product follows.
pub async fn for_product<C: ConnectionTrait>(c: &C, product_id: i32) -> AppResult<Vec<StepKind>> {
    Ok(approval_chains::Entity::find_by_id(product_id).one(c).await?.map(|r| from_row(&r.steps)).unwrap_or_else(default_chain))
}

/// Every active product with its chain's preset code (or "custom").
pub async fn list(db: &Db) -> AppResult<Vec<ChainRow>> {
    let chains: HashMap<i32, Vec<StepKind>> = approval_chains::Entity::find().all(&db.read).await?.into_iter().map(|r| (r.product_id, from_row(&r.steps))).collect();
    let presets = chain_presets();
    let rows = products::Entity::find().order_by_asc(products::Column::Name).all(&db.read).await?;
    Ok(rows
        .into_iter()
        .filter(|p| p.active)
        .map(|p| {
            let steps = chains.get(&p.id).cloned().unwrap_or_else(default_chain);
            let preset = presets.iter().find(|(_, _, s)| *s == steps).map(|(c, _, _)| c.to_string()).unwrap_or_else(|| "custom".into());
            ChainRow { product_id: p.id, product: p.name, preset, steps: steps.iter().map(|s| s.label().to_string()).collect() }
        })
        .collect())
}

/// Sets a product's chain to one of the presets. Proofs already uploaded keep theirs.
pub async fn save(db: &Db, actor: &Actor, product_id: i32, preset: &str) -> AppResult<()> {
    let steps = chain_presets().into_iter().find(|(c, _, _)| *c == preset).map(|(_, _, s)| s).ok_or_else(|| AppError::field("preset", "Choose one of the approval chains"))?;
    let steps = parse_chain(&codes(&steps)).map_err(|m| AppError::field("preset", &m))?;
    let txn = db.write.begin().await?;
    products::Entity::find_by_id(product_id).one(&txn).await?.ok_or(AppError::not_found("Product"))?;
    let row = approval_chains::ActiveModel { product_id: Set(product_id), steps: Set(codes(&steps).join(",")), updated_at: Set(crate::clock::now()) };
    approval_chains::Entity::insert(row)
        .on_conflict(OnConflict::column(approval_chains::Column::ProductId).update_columns([approval_chains::Column::Steps, approval_chains::Column::UpdatedAt]).to_owned())
        .exec(&txn)
        .await?;
    audit::record(&txn, actor, "approval_chain", "product", Some(product_id), preset).await?;
    txn.commit().await?;
    Ok(())
}
