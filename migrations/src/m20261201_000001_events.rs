//! Domain events, written in the transaction of the change they describe, and one cursor
//! per durable subscriber (the last event it handled), so a restart resumes where it stopped.
use crate::table_helpers::*;
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261201_000001_events"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(t("events"))
                .col(ColumnDef::new(t("id")).big_integer().not_null().auto_increment().primary_key())
                .col(text(t("kind")))
                .col(text(t("subject")))
                .col(int(t("subject_id")))
                .col(fk_null(t("order_id")))
                .col(long_text(t("payload")))
                .col(text(t("actor")))
                .col(ts(t("created_at")))
                .take(),
        )
        .await?;
        m.create_index(index(t("events"), "ix_events_subject", &["subject", "subject_id"])).await?;
        m.create_index(index(t("events"), "ix_events_order", &["order_id"])).await?;

        m.create_table(
            Table::create()
                .table(t("event_cursors"))
                .col(ColumnDef::new(t("subscriber")).string().not_null().primary_key())
                .col(ColumnDef::new(t("last_id")).big_integer().not_null().default(0))
                .col(ts(t("updated_at")))
                .take(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(t("event_cursors")).to_owned()).await?;
        m.drop_table(Table::drop().table(t("events")).to_owned()).await
    }
}
