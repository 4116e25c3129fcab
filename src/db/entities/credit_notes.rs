use sea_orm::entity::prelude::*;

/// A credit note against an invoice (Rule 53): its own number series, the share of the
/// invoice it credits, and the credited amounts (lines are the invoice's, scaled by `share_bp`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "credit_notes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub number: String,
    pub fy: String,
    pub seq: i64,
    pub invoice_id: i32,
    pub kind: String,
    pub reason: String,
    pub share_bp: i32,
    pub issue_date: Date,
    pub taxable: i64,
    pub cgst: i64,
    pub sgst: i64,
    pub igst: i64,
    pub vat: i64,
    pub total: i64,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
