//! Foundation schema: staff, sessions, customers, catalogue, orders, invoices, payments,
//! number series, outbox and audit log.
use crate::table_helpers::*;
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261101_000001_foundation"
    }
}

fn c(name: &str) -> Alias {
    Alias::new(name)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(t("users"))
                .col(id(c("id")))
                .col(text(c("email")))
                .col(text(c("name")))
                .col(text(c("role")))
                .col(text(c("password_hash")))
                .col(flag(c("active"), true))
                .col(ts(c("created_at")))
                .take(),
        )
        .await?;
        m.create_index(unique_index(t("users"), "ux_users_email", &["email"])).await?;

        m.create_table(
            Table::create()
                .table(t("sessions"))
                .col(ColumnDef::new(c("id")).string().not_null().primary_key())
                .col(text(c("kind")))
                .col(fk(c("subject_id")))
                .col(ts(c("created_at")))
                .col(ts(c("expires_at")))
                .col(ts(c("last_seen_at")))
                .col(text(c("ip")))
                .col(text(c("user_agent")))
                .take(),
        )
        .await?;
        m.create_index(index(t("sessions"), "ix_sessions_subject", &["kind", "subject_id"])).await?;

        m.create_table(
            Table::create()
                .table(t("rate_limits"))
                .col(ColumnDef::new(c("key")).string().not_null().primary_key())
                .col(ts(c("window_start")))
                .col(int(c("count")))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(t("customers"))
                .col(id(c("id")))
                .col(text(c("name")))
                .col(text(c("company")))
                .col(text_null(c("phone")))
                .col(text_null(c("email")))
                .col(long_text(c("billing_address")))
                .col(long_text(c("shipping_address")))
                .col(text(c("state_code")))
                .col(text_null(c("gstin")))
                .col(text(c("tags")))
                .col(long_text(c("notes")))
                .col(flag(c("whatsapp_opt_in"), false))
                .col(text_null(c("password_hash")))
                .col(ts(c("created_at")))
                .col(ts(c("updated_at")))
                .col(int(c("version")))
                .take(),
        )
        .await?;
        m.create_index(unique_index(t("customers"), "ux_customers_phone", &["phone"])).await?;
        m.create_index(index(t("customers"), "ix_customers_email", &["email"])).await?;
        m.create_index(index(t("customers"), "ix_customers_name", &["name"])).await?;

        m.create_table(
            Table::create()
                .table(t("products"))
                .col(id(c("id")))
                .col(text(c("sku")))
                .col(text(c("name")))
                .col(text(c("category")))
                .col(long_text(c("description")))
                .col(text(c("unit")))
                .col(money(c("base_price")))
                .col(int(c("min_qty")))
                .col(text(c("hsn_sac")))
                .col(int(c("tax_rate_bp")))
                .col(long_text(c("options_json")))
                .col(long_text(c("tiers_json")))
                .col(flag(c("active"), true))
                .col(ts(c("created_at")))
                .col(ts(c("updated_at")))
                .take(),
        )
        .await?;
        m.create_index(unique_index(t("products"), "ux_products_sku", &["sku"])).await?;

        m.create_table(
            Table::create()
                .table(t("orders"))
                .col(id(c("id")))
                .col(text(c("number")))
                .col(fk(c("customer_id")))
                .col(text(c("channel")))
                .col(text(c("status")))
                .col(text(c("priority")))
                .col(date_null(c("due_date")))
                .col(long_text(c("notes")))
                .col(money(c("subtotal")))
                .col(money(c("discount_total")))
                .col(money(c("tax_total")))
                .col(money(c("total")))
                .col(fk_null(c("created_by")))
                .col(ts(c("created_at")))
                .col(ts(c("updated_at")))
                .col(int(c("version")))
                .foreign_key(&mut foreign("orders", "customer_id", "customers", false))
                .take(),
        )
        .await?;
        m.create_index(unique_index(t("orders"), "ux_orders_number", &["number"])).await?;
        m.create_index(index(t("orders"), "ix_orders_customer", &["customer_id", "created_at"])).await?;
        m.create_index(index(t("orders"), "ix_orders_status_due", &["status", "due_date"])).await?;
        m.create_index(index(t("orders"), "ix_orders_created", &["created_at"])).await?;

        m.create_table(
            Table::create()
                .table(t("order_lines"))
                .col(id(c("id")))
                .col(fk(c("order_id")))
                .col(int(c("position")))
                .col(fk(c("product_id")))
                .col(text(c("description")))
                .col(long_text(c("options_json")))
                .col(ColumnDef::new(c("quantity")).big_integer().not_null())
                .col(money(c("unit_price")))
                .col(money(c("discount")))
                .col(int(c("tax_rate_bp")))
                .col(text(c("hsn_sac")))
                .col(money(c("line_subtotal")))
                .col(money(c("line_tax")))
                .col(money(c("line_total")))
                .foreign_key(&mut foreign("order_lines", "order_id", "orders", true))
                .foreign_key(&mut foreign("order_lines", "product_id", "products", false))
                .take(),
        )
        .await?;
        m.create_index(index(t("order_lines"), "ix_order_lines_order", &["order_id"])).await?;
        m.create_index(index(t("order_lines"), "ix_order_lines_product", &["product_id"])).await?;

        m.create_table(
            Table::create()
                .table(t("order_status_history"))
                .col(id(c("id")))
                .col(fk(c("order_id")))
                .col(text_null(c("from_status")))
                .col(text(c("to_status")))
                .col(fk_null(c("changed_by")))
                .col(text(c("changed_by_name")))
                .col(long_text(c("comment")))
                .col(ts(c("changed_at")))
                .foreign_key(&mut foreign("order_status_history", "order_id", "orders", true))
                .take(),
        )
        .await?;
        m.create_index(index(t("order_status_history"), "ix_osh_order", &["order_id", "changed_at"])).await?;

        m.create_table(
            Table::create()
                .table(t("number_series"))
                .col(ColumnDef::new(c("key")).string().not_null().primary_key())
                .col(ColumnDef::new(c("next_value")).big_integer().not_null())
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(t("invoices"))
                .col(id(c("id")))
                .col(text(c("number")))
                .col(text(c("fy")))
                .col(ColumnDef::new(c("seq")).big_integer().not_null())
                .col(fk(c("order_id")))
                .col(fk(c("customer_id")))
                .col(date(c("issue_date")))
                .col(date(c("due_date")))
                .col(text(c("tax_profile")))
                .col(text(c("place_of_supply")))
                .col(flag(c("intra_state"), true))
                .col(long_text(c("seller_json")))
                .col(long_text(c("buyer_json")))
                .col(money(c("subtotal")))
                .col(money(c("discount_total")))
                .col(money(c("taxable_total")))
                .col(money(c("cgst")))
                .col(money(c("sgst")))
                .col(money(c("igst")))
                .col(money(c("vat")))
                .col(money(c("total")))
                .col(money(c("amount_paid")))
                .col(long_text(c("amount_words")))
                .col(text(c("status")))
                .col(long_text(c("notes")))
                .col(fk_null(c("created_by")))
                .col(ts(c("created_at")))
                .foreign_key(&mut foreign("invoices", "order_id", "orders", false))
                .foreign_key(&mut foreign("invoices", "customer_id", "customers", false))
                .take(),
        )
        .await?;
        m.create_index(unique_index(t("invoices"), "ux_invoices_number", &["number"])).await?;
        m.create_index(unique_index(t("invoices"), "ux_invoices_fy_seq", &["fy", "seq"])).await?;
        m.create_index(index(t("invoices"), "ix_invoices_order", &["order_id"])).await?;
        m.create_index(index(t("invoices"), "ix_invoices_customer", &["customer_id"])).await?;
        m.create_index(index(t("invoices"), "ix_invoices_status", &["status"])).await?;

        m.create_table(
            Table::create()
                .table(t("invoice_lines"))
                .col(id(c("id")))
                .col(fk(c("invoice_id")))
                .col(int(c("position")))
                .col(text(c("description")))
                .col(text(c("hsn_sac")))
                .col(ColumnDef::new(c("quantity")).big_integer().not_null())
                .col(money(c("unit_price")))
                .col(money(c("discount")))
                .col(money(c("taxable")))
                .col(int(c("tax_rate_bp")))
                .col(money(c("cgst")))
                .col(money(c("sgst")))
                .col(money(c("igst")))
                .col(money(c("vat")))
                .col(money(c("total")))
                .foreign_key(&mut foreign("invoice_lines", "invoice_id", "invoices", true))
                .take(),
        )
        .await?;
        m.create_index(index(t("invoice_lines"), "ix_invoice_lines_invoice", &["invoice_id"])).await?;

        m.create_table(
            Table::create()
                .table(t("payments"))
                .col(id(c("id")))
                .col(fk(c("invoice_id")))
                .col(money(c("amount")))
                .col(text(c("method")))
                .col(text(c("reference")))
                .col(date(c("paid_on")))
                .col(fk_null(c("recorded_by")))
                .col(ts(c("created_at")))
                .foreign_key(&mut foreign("payments", "invoice_id", "invoices", false))
                .take(),
        )
        .await?;
        m.create_index(index(t("payments"), "ix_payments_invoice", &["invoice_id"])).await?;

        m.create_table(
            Table::create()
                .table(t("outbox"))
                .col(id(c("id")))
                .col(text(c("topic")))
                .col(long_text(c("payload")))
                .col(text(c("status")))
                .col(int(c("attempts")))
                .col(ts(c("next_attempt_at")))
                .col(long_text(c("last_error")))
                .col(ts(c("created_at")))
                .col(ts_null(c("sent_at")))
                .take(),
        )
        .await?;
        m.create_index(index(t("outbox"), "ix_outbox_due", &["status", "next_attempt_at"])).await?;

        m.create_table(
            Table::create()
                .table(t("audit_log"))
                .col(id(c("id")))
                .col(text(c("actor")))
                .col(text(c("action")))
                .col(text(c("entity")))
                .col(fk_null(c("entity_id")))
                .col(long_text(c("detail")))
                .col(ts(c("created_at")))
                .take(),
        )
        .await?;
        m.create_index(index(t("audit_log"), "ix_audit_entity", &["entity", "entity_id"])).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "audit_log", "outbox", "payments", "invoice_lines", "invoices", "number_series",
            "order_status_history", "order_lines", "orders", "products", "customers",
            "rate_limits", "sessions", "users",
        ] {
            m.drop_table(Table::drop().table(t(table)).if_exists().take()).await?;
        }
        Ok(())
    }
}
