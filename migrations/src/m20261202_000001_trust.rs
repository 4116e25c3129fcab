//! One identity per contact: customer e-mails are stored lower-case and become unique, like
//! customer phones and staff e-mails already are. Clashing rows stop the migration with a
//! report (see `unique_contacts`); nothing is merged or dropped silently. Invoices as the GST
//! rules ask: each line keeps its unit quantity code, and credit notes (Rule 53) get their
//! own table and gap-free series.
use crate::table_helpers::*;
use crate::unique_contacts::{clashes, report};
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261202_000001_trust"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let c = m.get_connection();
        let mut found = clashes(c, "customers", "email").await?;
        found.extend(clashes(c, "customers", "phone").await?);
        found.extend(clashes(c, "users", "email").await?);
        if !found.is_empty() {
            return Err(DbErr::Migration(report(&found)));
        }
        c.execute_unprepared("UPDATE customers SET email = LOWER(TRIM(email)) WHERE email IS NOT NULL").await?;
        c.execute_unprepared("UPDATE customers SET email = NULL WHERE email = ''").await?;
        c.execute_unprepared("UPDATE users SET email = LOWER(TRIM(email))").await?;
        m.drop_index(Index::drop().name("ix_customers_email").table(t("customers")).to_owned()).await?;
        m.create_index(unique_index(t("customers"), "ux_customers_email", &["email"])).await?;

        m.alter_table(
            Table::alter().table(t("invoice_lines")).add_column(ColumnDef::new(t("uqc")).string().not_null().default("NOS")).take(),
        )
        .await?;
        m.alter_table(Table::alter().table(t("invoices")).add_column(ColumnDef::new(t("amount_credited")).big_integer().not_null().default(0)).take())
            .await?;
        m.create_table(
            Table::create()
                .table(t("credit_notes"))
                .col(id(t("id")))
                .col(text(t("number")))
                .col(text(t("fy")))
                .col(ColumnDef::new(t("seq")).big_integer().not_null())
                .col(fk(t("invoice_id")))
                .col(text(t("kind")))
                .col(text(t("reason")))
                .col(int(t("share_bp")))
                .col(date(t("issue_date")))
                .col(money(t("taxable")))
                .col(money(t("cgst")))
                .col(money(t("sgst")))
                .col(money(t("igst")))
                .col(money(t("vat")))
                .col(money(t("total")))
                .col(fk_null(t("created_by")))
                .col(ts(t("created_at")))
                .foreign_key(&mut foreign("credit_notes", "invoice_id", "invoices", false))
                .take(),
        )
        .await?;
        m.create_index(unique_index(t("credit_notes"), "ux_credit_notes_number", &["number"])).await?;
        m.create_index(unique_index(t("credit_notes"), "ux_credit_notes_fy_seq", &["fy", "seq"])).await?;
        m.create_index(index(t("credit_notes"), "ix_credit_notes_invoice", &["invoice_id"])).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(t("credit_notes")).if_exists().take()).await?;
        m.alter_table(Table::alter().table(t("invoices")).drop_column(t("amount_credited")).take()).await?;
        m.alter_table(Table::alter().table(t("invoice_lines")).drop_column(t("uqc")).take()).await?;
        m.drop_index(Index::drop().name("ux_customers_email").table(t("customers")).to_owned()).await?;
        m.create_index(index(t("customers"), "ix_customers_email", &["email"])).await?;
        Ok(())
    }
}
