use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "customers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub company: String,
    /// E.164; also the customer's WhatsApp number.
    pub phone: Option<String>,
    pub email: Option<String>,
    pub billing_address: String,
    pub shipping_address: String,
    /// GST state code for place of supply ("" = local).
    pub state_code: String,
    pub gstin: Option<String>,
    /// Comma-separated tags.
    pub tags: String,
    pub notes: String,
    pub whatsapp_opt_in: bool,
    pub password_hash: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::orders::Entity")]
    Orders,
}

impl Related<super::orders::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Orders.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
