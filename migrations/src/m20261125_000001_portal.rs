//! Customer portal: one-time sign-in codes (stored hashed), ratings, and follow-ups for
//! the staff dashboard.
use crate::table_helpers::*;
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000001_portal"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(t("login_codes"))
                .col(id(t("id")))
                .col(fk(t("customer_id")))
                .col(text(t("purpose")))
                .col(text(t("code_hash")))
                .col(int(t("attempts")))
                .col(ts(t("expires_at")))
                .col(ts_null(t("used_at")))
                .col(ts(t("created_at")))
                .foreign_key(&mut foreign("login_codes", "customer_id", "customers", true))
                .take(),
        )
        .await?;
        m.create_index(index(t("login_codes"), "ix_login_codes_customer", &["customer_id", "created_at"])).await?;

        m.create_table(
            Table::create()
                .table(t("ratings"))
                .col(id(t("id")))
                .col(fk(t("order_id")))
                .col(fk(t("customer_id")))
                .col(int(t("stars")))
                .col(long_text(t("comment")))
                .col(ts(t("created_at")))
                .col(ts(t("updated_at")))
                .foreign_key(&mut foreign("ratings", "order_id", "orders", true))
                .take(),
        )
        .await?;
        m.create_index(unique_index(t("ratings"), "ux_ratings_order", &["order_id"])).await?;

        m.create_table(
            Table::create()
                .table(t("follow_ups"))
                .col(id(t("id")))
                .col(text(t("kind")))
                .col(fk(t("order_id")))
                .col(fk(t("customer_id")))
                .col(long_text(t("note")))
                .col(text(t("status")))
                .col(ts(t("created_at")))
                .col(ts_null(t("closed_at")))
                .col(text(t("closed_by")))
                .foreign_key(&mut foreign("follow_ups", "order_id", "orders", true))
                .take(),
        )
        .await?;
        m.create_index(index(t("follow_ups"), "ix_follow_ups_status", &["status"])).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["follow_ups", "ratings", "login_codes"] {
            m.drop_table(Table::drop().table(t(table)).if_exists().take()).await?;
        }
        Ok(())
    }
}
