//! Default stages, resources and routings: what a new shop (and the demo) starts with.
use crate::db::e::{products, resources, routings, stages};
use crate::db::Db;
use crate::domain::scheduler::{Calendar, Shift};
use crate::domain::workflow::DEFAULT_STAGES;
use crate::error::AppResult;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set, TransactionTrait};
use std::collections::HashMap;

pub fn shop_calendar() -> Calendar {
    Calendar {
        days: [true, true, true, true, true, true, false],
        shifts: vec![Shift { start: 9 * 60 + 30, end: 13 * 60 + 30 }, Shift { start: 14 * 60, end: 19 * 60 }],
        downtime: vec![],
        overtime: vec![],
    }
}

/// (name, kind, person, stage codes)
const RESOURCES: &[(&str, &str, bool, &str)] = &[
    ("Meera Joshi (design)", "designer", true, "design,prepress"),
    ("Arjun Nair (design)", "designer", true, "design,prepress"),
    ("Konica C3080 digital press", "digital_press", false, "printing"),
    ("Heidelberg SM52 offset", "offset_press", false, "printing"),
    ("Roland large-format printer", "large_format", false, "printing"),
    ("Polar 78 guillotine", "cutter", false, "finishing"),
    ("Die-cutter", "cutter", false, "finishing"),
    ("Thermal laminator", "laminator", false, "finishing"),
    ("Binding & folding table", "binding", false, "finishing"),
    ("Sanjay Pawar (floor)", "operator", true, "finishing,qc,dispatch"),
    ("Ramesh Gole (floor)", "operator", true, "finishing,qc,dispatch"),
];

/// Routing template: (stage code, resource kind, setup minutes, run minutes per 1000 units).
pub fn template(sku: &str) -> Vec<(&'static str, &'static str, i32, i32)> {
    let design_proof = vec![("design", "designer", 30, 0), ("proof", "none", 240, 0), ("prepress", "designer", 15, 0)];
    let tail = vec![("qc", "operator", 10, 5), ("dispatch", "operator", 10, 0), ("delivered", "none", 0, 0)];
    let middle: Vec<(&str, &str, i32, i32)> = match sku {
        "FLX-STD" => vec![("printing", "large_format", 10, 300), ("finishing", "operator", 10, 150)],
        "WED-CARD" => vec![("printing", "offset_press", 45, 30), ("finishing", "binding", 30, 200)],
        "BOX-MONO" => vec![("printing", "offset_press", 60, 15), ("finishing", "cutter", 60, 40)],
        "CAL-WALL" | "CAL-DESK" => vec![("printing", "digital_press", 20, 60), ("finishing", "binding", 30, 300)],
        "BRO-A4" | "POS-A2" => vec![("printing", "digital_press", 15, 25), ("finishing", "laminator", 10, 20)],
        "VIN-STK" | "LBL-ROLL" => vec![("printing", "digital_press", 15, 20), ("finishing", "cutter", 20, 15)],
        "DES-SVC" => return vec![("design", "designer", 120, 0), ("proof", "none", 240, 0), ("dispatch", "operator", 5, 0), ("delivered", "none", 0, 0)],
        _ => vec![("printing", "digital_press", 10, 20), ("finishing", "cutter", 10, 10)],
    };
    design_proof.into_iter().chain(middle).chain(tail).collect()
}

/// Creates missing stages, resources and routings. Safe to call at every start.
pub async fn ensure_defaults(db: &Db) -> AppResult<()> {
    let txn = db.write.begin().await?;
    if stages::Entity::find().count(&txn).await? == 0 {
        for (i, (code, name, label, kind)) in DEFAULT_STAGES.iter().enumerate() {
            let wip = match *code {
                "design" => Some(12),
                "printing" => Some(10),
                "finishing" => Some(10),
                "qc" => Some(8),
                _ => None,
            };
            stages::ActiveModel {
                code: Set(code.to_string()),
                name: Set(name.to_string()),
                customer_label: Set(label.to_string()),
                position: Set(i as i32),
                wip_limit: Set(wip),
                resource_kind: Set(kind.to_string()),
                color: Set(String::new()),
                active: Set(true),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    if resources::Entity::find().count(&txn).await? == 0 {
        let cal = serde_json::to_string(&shop_calendar()).unwrap_or_default();
        for (name, kind, person, codes) in RESOURCES {
            resources::ActiveModel {
                name: Set(name.to_string()),
                kind: Set(kind.to_string()),
                is_person: Set(*person),
                stage_codes: Set(codes.to_string()),
                calendar_json: Set(cal.clone()),
                user_id: Set(None),
                active: Set(true),
                created_at: Set(crate::clock::now()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    ensure_routings(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Gives every product without a routing the template for its SKU.
pub async fn ensure_routings<C: ConnectionTrait>(c: &C) -> AppResult<()> {
    let stage_ids: HashMap<String, i32> = stages::Entity::find().all(c).await?.into_iter().map(|s| (s.code, s.id)).collect();
    let routed: Vec<i32> = routings::Entity::find().all(c).await?.into_iter().map(|r| r.product_id).collect();
    let products = products::Entity::find().filter(products::Column::Id.is_not_in(routed)).all(c).await?;
    for p in products {
        let rows: Vec<routings::ActiveModel> = template(&p.sku)
            .into_iter()
            .enumerate()
            .filter_map(|(i, (code, kind, setup, run))| {
                Some(routings::ActiveModel {
                    product_id: Set(p.id),
                    stage_id: Set(*stage_ids.get(code)?),
                    seq: Set(i as i32),
                    resource_kind: Set(kind.to_string()),
                    setup_minutes: Set(setup),
                    run_minutes_per_1000: Set(run),
                    ..Default::default()
                })
            })
            .collect();
        if !rows.is_empty() {
            routings::Entity::insert_many(rows).exec(c).await?;
        }
    }
    Ok(())
}

/// Standard minutes of a stage for a quantity: setup + run time, rounded up.
pub fn std_minutes(setup: i32, run_per_1000: i32, qty: i64) -> i32 {
    let run = (run_per_1000 as i64 * qty.max(0) + 999) / 1000;
    (setup as i64 + run).min(i32::MAX as i64) as i32
}

#[cfg(test)]
mod tests {
    #[test]
    fn standard_minutes() {
        assert_eq!(super::std_minutes(10, 20, 500), 20);
        assert_eq!(super::std_minutes(10, 300, 101), 41);
        assert_eq!(super::std_minutes(0, 0, 1000), 0);
    }
}

/// Creates or edits a stage (name, customer label, WIP limit, position).
pub async fn save_stage(db: &Db, actor: &crate::services::Actor, id: Option<i32>, code: &str, name: &str, label: &str, wip: &str, position: i32) -> AppResult<i32> {
    use crate::domain::validate::FieldErrors;
    use crate::error::AppError;
    let mut e = FieldErrors::new();
    e.required("name", name, 60);
    e.max_len("customer_label", label, 60);
    let code = code.trim().to_lowercase();
    if id.is_none() && (code.is_empty() || !code.chars().all(|c| c.is_ascii_lowercase() || c == '_')) {
        e.add("code", "Use lower-case letters and _ only");
    }
    let wip_limit = match wip.trim() {
        "" => None,
        w => match w.parse::<i32>() {
            Ok(n) if (1..=500).contains(&n) => Some(n),
            _ => {
                e.add("wip_limit", "A WIP limit is a whole number from 1 to 500 (or empty for none)");
                None
            }
        },
    };
    if !(0..=100).contains(&position) {
        e.add("position", "Position is 0 to 100");
    }
    e.into_result()?;
    let txn = db.write.begin().await?;
    let saved = match id {
        Some(id) => {
            let s = stages::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::not_found("Stage"))?;
            let mut am: stages::ActiveModel = s.into();
            am.name = Set(name.trim().into());
            am.customer_label = Set(label.trim().into());
            am.wip_limit = Set(wip_limit);
            am.position = Set(position);
            am.update(&txn).await?
        }
        None => {
            if stages::Entity::find().filter(stages::Column::Code.eq(code.clone())).one(&txn).await?.is_some() {
                return Err(AppError::field("code", "A stage with this code exists"));
            }
            stages::ActiveModel {
                code: Set(code),
                name: Set(name.trim().into()),
                customer_label: Set(if label.trim().is_empty() { name.trim().into() } else { label.trim().into() }),
                position: Set(position),
                wip_limit: Set(wip_limit),
                resource_kind: Set(crate::domain::floor::ResourceKind::Operator.as_str().into()),
                color: Set(String::new()),
                active: Set(true),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
    };
    crate::services::events::commit(db, txn, actor, vec![crate::domain::events::DomainEvent::FloorChanged { what: crate::domain::events::FloorChange::Stage }]).await?;
    Ok(saved.id)
}

/// A product's routing over all stages (stages it skips have `included = false`).
pub async fn routing(db: &Db, product_id: i32) -> AppResult<Vec<crate::dto::production::RoutingStep>> {
    use sea_orm::QueryOrder;
    let steps: HashMap<i32, routings::Model> = routings::Entity::find()
        .filter(routings::Column::ProductId.eq(product_id))
        .all(&db.read)
        .await?
        .into_iter()
        .map(|r| (r.stage_id, r))
        .collect();
    Ok(stages::Entity::find()
        .filter(stages::Column::Active.eq(true))
        .order_by_asc(stages::Column::Position)
        .all(&db.read)
        .await?
        .into_iter()
        .map(|s| {
            let r = steps.get(&s.id);
            crate::dto::production::RoutingStep {
                stage_id: s.id,
                stage: s.name,
                included: r.is_some(),
                resource_kind: r.map(|r| r.resource_kind.clone()).unwrap_or_else(|| s.resource_kind.clone()),
                setup_minutes: r.map(|r| r.setup_minutes).unwrap_or(0),
                run_minutes_per_1000: r.map(|r| r.run_minutes_per_1000).unwrap_or(0),
            }
        })
        .collect())
}

pub async fn save_routing(db: &Db, actor: &crate::services::Actor, product_id: i32, steps: &[crate::dto::production::RoutingStep]) -> AppResult<()> {
    use crate::domain::validate::FieldErrors;
    use crate::error::AppError;
    let mut e = FieldErrors::new();
    let included: Vec<_> = steps.iter().filter(|s| s.included).collect();
    if included.is_empty() {
        e.add("routing", "A product goes through at least one stage");
    }
    for (i, s) in steps.iter().enumerate() {
        if s.setup_minutes < 0 || s.setup_minutes > 24 * 60 {
            e.add(format!("steps.{i}.setup_minutes"), "Setup time is 0 to 1440 minutes");
        }
        if s.run_minutes_per_1000 < 0 || s.run_minutes_per_1000 > 100_000 {
            e.add(format!("steps.{i}.run_minutes_per_1000"), "Run time is 0 to 100000 minutes per 1000");
        }
        use crate::domain::floor::{ResourceKind, NO_RESOURCE};
        if s.included && s.resource_kind != NO_RESOURCE && ResourceKind::parse(&s.resource_kind).is_none() {
            e.add(format!("steps.{i}.resource_kind"), "Choose a resource type");
        }
    }
    e.into_result()?;
    let txn = db.write.begin().await?;
    crate::db::e::products::Entity::find_by_id(product_id).one(&txn).await?.ok_or(AppError::not_found("Product"))?;
    let known: Vec<i32> = stages::Entity::find().all(&txn).await?.into_iter().map(|s| s.id).collect();
    if included.iter().any(|s| !known.contains(&s.stage_id)) {
        return Err(AppError::field("routing", "Unknown stage"));
    }
    routings::Entity::delete_many().filter(routings::Column::ProductId.eq(product_id)).exec(&txn).await?;
    let rows: Vec<routings::ActiveModel> = included
        .iter()
        .enumerate()
        .map(|(i, s)| routings::ActiveModel {
            product_id: Set(product_id),
            stage_id: Set(s.stage_id),
            seq: Set(i as i32),
            resource_kind: Set(s.resource_kind.clone()),
            setup_minutes: Set(s.setup_minutes),
            run_minutes_per_1000: Set(s.run_minutes_per_1000),
            ..Default::default()
        })
        .collect();
    routings::Entity::insert_many(rows).exec(&txn).await?;
    crate::services::events::commit(db, txn, actor, vec![crate::domain::events::DomainEvent::FloorChanged { what: crate::domain::events::FloorChange::Routing }]).await
}
