use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "products")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub sku: String,
    pub name: String,
    pub category: String,
    pub description: String,
    /// "pcs", "sqft", "set"...
    pub unit: String,
    pub base_price: i64,
    pub min_qty: i32,
    pub hsn_sac: String,
    pub tax_rate_bp: i32,
    /// `Vec<domain::pricing::OptionGroup>` as JSON.
    pub options_json: String,
    /// `Vec<domain::pricing::PriceTier>` as JSON.
    pub tiers_json: String,
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
