//! WhatsApp intake: every item a signed webhook delivers (a message, a status, a marketing
//! preference, a template event) is kept once by its idempotency key, as it came, before
//! anything acts on it (Meta delivers at least once and retries for hours).
use crate::table_helpers::*;
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261204_000001_whatsapp"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(t("wa_inbound"))
                .col(id(t("id")))
                .col(text(t("key")))
                .col(text(t("kind")))
                .col(text(t("wamid")))
                .col(text(t("wa_id")))
                .col(text(t("user_id")))
                .col(text(t("detail")))
                .col(ts(t("received_at")))
                .col(ts_null(t("processed_at")))
                .take(),
        )
        .await?;
        m.create_index(unique_index(t("wa_inbound"), "ux_wa_inbound_key", &["key"])).await?;
        m.create_index(index(t("wa_inbound"), "ix_wa_inbound_wamid", &["wamid"])).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(t("wa_inbound")).if_exists().take()).await?;
        Ok(())
    }
}
