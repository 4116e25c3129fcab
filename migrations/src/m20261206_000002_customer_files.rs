//! Photos and documents customers send on WhatsApp, kept on their customer record (and on
//! the order they name). One row per received message, so taking a message in twice stores
//! nothing twice; a file that failed the content check keeps its row with the reason.
use crate::table_helpers::*;
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261206_000002_customer_files"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(t("customer_files"))
                .col(id(t("id")))
                .col(fk_null(t("customer_id")))
                .col(fk(t("contact_id")))
                .col(fk_null(t("order_id")))
                .col(fk(t("inbound_id")))
                .col(text(t("media_id")))
                // Empty until stored; the content hash in the file store after.
                .col(text(t("file_hash")))
                .col(text(t("mime")))
                .col(text(t("file_name")))
                .col(money(t("size")))
                .col(text(t("caption")))
                .col(text(t("status")))
                .col(text(t("error")))
                .col(ts(t("created_at")))
                .take(),
        )
        .await?;
        m.create_index(unique_index(t("customer_files"), "ux_customer_files_inbound", &["inbound_id"])).await?;
        m.create_index(index(t("customer_files"), "ix_customer_files_customer", &["customer_id", "id"])).await?;
        m.create_index(index(t("customer_files"), "ix_customer_files_order", &["order_id", "id"])).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(t("customer_files")).if_exists().to_owned()).await
    }
}
