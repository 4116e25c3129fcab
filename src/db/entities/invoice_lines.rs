use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invoice_lines")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub invoice_id: i32,
    pub position: i32,
    pub description: String,
    pub hsn_sac: String,
    /// GST unit quantity code ("PCS", "SQF"), printed with the quantity.
    pub uqc: String,
    pub quantity: i64,
    pub unit_price: i64,
    pub discount: i64,
    pub taxable: i64,
    pub tax_rate_bp: i32,
    pub cgst: i64,
    pub sgst: i64,
    pub igst: i64,
    pub vat: i64,
    pub total: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
