//! The shop's catalogue: products with option groups and quantity tiers.
use super::{audit, Actor};
use crate::db::{e::products, Db};
use crate::domain::money::Money;
use crate::domain::pricing::{OptionGroup, PriceTier};
use crate::domain::validate::FieldErrors;
use crate::dto::products::{Product, ProductInput, CATEGORIES, UNITS};
use crate::error::{AppError, AppResult};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};

pub fn validate(input: &ProductInput) -> Result<ProductInput, FieldErrors> {
    let mut e = FieldErrors::new();
    let mut out = input.clone();
    out.sku = input.sku.trim().to_uppercase();
    out.name = input.name.trim().to_string();
    e.required("sku", &out.sku, 32);
    if !out.sku.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        e.add("sku", "Use letters, digits and dashes only");
    }
    e.required("name", &out.name, 120);
    if !CATEGORIES.contains(&out.category.as_str()) {
        e.add("category", "Choose a category");
    }
    if !UNITS.contains(&out.unit.as_str()) {
        e.add("unit", "Choose a unit");
    }
    e.max_len("description", &input.description, 2000);
    if input.base_price < Money::ZERO {
        e.add("base_price", "Price cannot be negative");
    }
    if input.min_qty < 1 {
        e.add("min_qty", "Minimum quantity must be at least 1");
    }
    out.hsn_sac = input.hsn_sac.trim().to_string();
    if !out.hsn_sac.is_empty() && (!out.hsn_sac.chars().all(|c| c.is_ascii_digit()) || !(4..=8).contains(&out.hsn_sac.len())) {
        e.add("hsn_sac", "HSN/SAC is 4 to 8 digits");
    }
    if !(0..=10_000).contains(&input.tax_rate_bp) {
        e.add("tax_rate_bp", "Tax rate must be between 0% and 100%");
    }
    let mut tiers = input.tiers.clone();
    tiers.sort_by_key(|t| t.min_qty);
    for (i, t) in tiers.iter().enumerate() {
        if t.min_qty < 1 {
            e.add("tiers", "Each tier needs a quantity of at least 1");
        }
        if t.unit_price < Money::ZERO {
            e.add("tiers", "Tier prices cannot be negative");
        }
        if i > 0 && tiers[i - 1].min_qty == t.min_qty {
            e.add("tiers", format!("Two tiers start at {}", t.min_qty));
        }
    }
    out.tiers = tiers;
    let mut names = Vec::new();
    for g in &input.groups {
        let n = g.name.trim();
        if n.is_empty() {
            e.add("groups", "Every option group needs a name");
        } else if names.contains(&n) {
            e.add("groups", format!("Option group {n} appears twice"));
        }
        names.push(n);
        if g.choices.is_empty() {
            e.add("groups", format!("Option group {n} needs at least one choice"));
        }
        if g.choices.iter().any(|c| c.label.trim().is_empty()) {
            e.add("groups", format!("Every choice in {n} needs a label"));
        }
    }
    out.groups = input
        .groups
        .iter()
        .map(|g| OptionGroup { name: g.name.trim().to_string(), choices: g.choices.clone() })
        .collect();
    e.into_result().map(|_| out)
}

pub fn from_model(m: &products::Model) -> Product {
    Product {
        id: m.id,
        input: ProductInput {
            sku: m.sku.clone(),
            name: m.name.clone(),
            category: m.category.clone(),
            description: m.description.clone(),
            unit: m.unit.clone(),
            base_price: Money(m.base_price),
            min_qty: m.min_qty as i64,
            hsn_sac: m.hsn_sac.clone(),
            tax_rate_bp: m.tax_rate_bp,
            groups: serde_json::from_str::<Vec<OptionGroup>>(&m.options_json).unwrap_or_default(),
            tiers: serde_json::from_str::<Vec<PriceTier>>(&m.tiers_json).unwrap_or_default(),
            active: m.active,
        },
    }
}

fn active_model(v: &ProductInput) -> products::ActiveModel {
    products::ActiveModel {
        sku: Set(v.sku.clone()),
        name: Set(v.name.clone()),
        category: Set(v.category.clone()),
        description: Set(v.description.trim().to_string()),
        unit: Set(v.unit.clone()),
        base_price: Set(v.base_price.0),
        min_qty: Set(v.min_qty as i32),
        hsn_sac: Set(v.hsn_sac.clone()),
        tax_rate_bp: Set(v.tax_rate_bp),
        options_json: Set(serde_json::to_string(&v.groups).unwrap_or_else(|_| "[]".into())),
        tiers_json: Set(serde_json::to_string(&v.tiers).unwrap_or_else(|_| "[]".into())),
        active: Set(v.active),
        updated_at: Set(crate::clock::now()),
        ..Default::default()
    }
}

pub async fn save(db: &Db, actor: &Actor, id: Option<i32>, input: &ProductInput) -> AppResult<i32> {
    let v = validate(input)?;
    let txn = db.write.begin().await?;
    let clash = products::Entity::find().filter(products::Column::Sku.eq(v.sku.clone())).one(&txn).await?;
    if clash.as_ref().is_some_and(|c| Some(c.id) != id) {
        return Err(AppError::field("sku", "Another product already uses this SKU"));
    }
    let mut am = active_model(&v);
    let saved = match id {
        Some(id) => {
            products::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::not_found("Product"))?;
            am.id = Set(id);
            am.update(&txn).await?
        }
        None => {
            am.created_at = Set(crate::clock::now());
            am.insert(&txn).await?
        }
    };
    audit::record(&txn, actor, if id.is_some() { "update" } else { "create" }, "product", Some(saved.id), &saved.sku).await?;
    txn.commit().await?;
    Ok(saved.id)
}

pub async fn get(db: &Db, id: i32) -> AppResult<Product> {
    let m = products::Entity::find_by_id(id).one(&db.read).await?.ok_or(AppError::not_found("Product"))?;
    Ok(from_model(&m))
}

/// All products (catalogue page) or only active ones (order form).
pub async fn list(db: &Db, active_only: bool) -> AppResult<Vec<Product>> {
    let mut q = products::Entity::find();
    if active_only {
        q = q.filter(products::Column::Active.eq(true));
    }
    Ok(q.order_by_asc(products::Column::Category)
        .order_by_asc(products::Column::Name)
        .all(&db.read)
        .await?
        .iter()
        .map(from_model)
        .collect())
}
