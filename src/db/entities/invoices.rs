use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invoices")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub number: String,
    pub fy: String,
    pub seq: i64,
    pub order_id: i32,
    pub customer_id: i32,
    pub issue_date: Date,
    pub due_date: Date,
    pub tax_profile: String,
    pub place_of_supply: String,
    pub intra_state: bool,
    /// Shop details as printed on the day of issue (JSON of `api::invoices::PartyBlock`).
    pub seller_json: String,
    /// Customer details as printed on the day of issue.
    pub buyer_json: String,
    pub subtotal: i64,
    pub discount_total: i64,
    pub taxable_total: i64,
    pub cgst: i64,
    pub sgst: i64,
    pub igst: i64,
    pub vat: i64,
    pub total: i64,
    pub amount_paid: i64,
    /// Sum of the credit notes against this invoice.
    pub amount_credited: i64,
    pub amount_words: String,
    pub status: String,
    pub notes: String,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
