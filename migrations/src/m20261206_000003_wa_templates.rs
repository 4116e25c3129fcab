//! WhatsApp message templates as the shop knows them: what staff submitted (or the sync read
//! back from Meta), and the review status and quality Meta reports, one row per name and
//! language (Meta's own key for a template).
use crate::table_helpers::*;
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261206_000003_wa_templates"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(t("wa_templates"))
                .col(id(t("id")))
                // Meta's template id (the webhooks name templates by it).
                .col(text(t("remote_id")))
                .col(text(t("name")))
                .col(text(t("language")))
                .col(text(t("category")))
                .col(text(t("status")))
                .col(text(t("quality")))
                .col(long_text(t("rejected_reason")))
                // JSON `domain::whatsapp::template::Template`.
                .col(long_text(t("spec_json")))
                // Parts our editor does not hold ("HEADER VIDEO"), comma-separated; "" = none.
                .col(text(t("unsupported")))
                .col(ts(t("updated_at")))
                .col(ts_null(t("synced_at")))
                .take(),
        )
        .await?;
        m.create_index(unique_index(t("wa_templates"), "ux_wa_templates_name_language", &["name", "language"])).await?;
        m.create_index(index(t("wa_templates"), "ix_wa_templates_remote", &["remote_id"])).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(t("wa_templates")).if_exists().take()).await?;
        Ok(())
    }
}
