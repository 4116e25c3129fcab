//! Quality: checklist templates and checkpoints, defects and rework, gate overrides,
//! proofs (versions per order line) with their approval steps and pinned comments, and
//! the content-addressed file index.
use crate::table_helpers::*;
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261120_000001_quality"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(t("files"))
                .col(ColumnDef::new(t("hash")).string().not_null().primary_key())
                .col(text(t("mime")))
                .col(ColumnDef::new(t("size")).big_integer().not_null())
                .col(int(t("width")))
                .col(int(t("height")))
                .col(text_null(t("thumb_hash")))
                .col(ts(t("created_at")))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(t("checklist_templates"))
                .col(id(t("id")))
                .col(fk(t("stage_id")))
                .col(fk_null(t("product_id")))
                .col(text(t("name")))
                .col(long_text(t("items_json")))
                .col(flag(t("active"), true))
                .foreign_key(&mut foreign("checklist_templates", "stage_id", "stages", true))
                .take(),
        )
        .await?;
        m.create_index(index(t("checklist_templates"), "ix_checklist_stage", &["stage_id"])).await?;

        m.create_table(
            Table::create()
                .table(t("checkpoints"))
                .col(id(t("id")))
                .col(fk(t("job_id")))
                .col(fk(t("stage_id")))
                .col(fk(t("template_id")))
                .col(text(t("name")))
                .col(long_text(t("items_json")))
                .col(text(t("status")))
                .col(fk_null(t("completed_by")))
                .col(text(t("completed_by_name")))
                .col(ts_null(t("completed_at")))
                .col(ts(t("created_at")))
                .foreign_key(&mut foreign("checkpoints", "job_id", "jobs", true))
                .take(),
        )
        .await?;
        m.create_index(index(t("checkpoints"), "ix_checkpoints_job", &["job_id", "stage_id"])).await?;

        m.create_table(
            Table::create()
                .table(t("defects"))
                .col(id(t("id")))
                .col(fk(t("job_id")))
                .col(fk(t("order_id")))
                .col(fk(t("product_id")))
                .col(fk(t("stage_id")))
                .col(fk_null(t("back_to_stage_id")))
                .col(text(t("reason")))
                .col(long_text(t("note")))
                .col(text(t("created_by_name")))
                .col(ts(t("created_at")))
                .foreign_key(&mut foreign("defects", "job_id", "jobs", true))
                .take(),
        )
        .await?;
        m.create_index(index(t("defects"), "ix_defects_created", &["created_at"])).await?;

        m.create_table(
            Table::create()
                .table(t("gate_overrides"))
                .col(id(t("id")))
                .col(fk(t("job_id")))
                .col(fk(t("order_id")))
                .col(fk(t("from_stage_id")))
                .col(fk(t("to_stage_id")))
                .col(long_text(t("blocked_by")))
                .col(long_text(t("reason")))
                .col(fk_null(t("user_id")))
                .col(text(t("user_name")))
                .col(ts(t("created_at")))
                .foreign_key(&mut foreign("gate_overrides", "job_id", "jobs", true))
                .take(),
        )
        .await?;
        m.create_index(index(t("gate_overrides"), "ix_overrides_order", &["order_id"])).await?;

        m.create_table(
            Table::create()
                .table(t("proofs"))
                .col(id(t("id")))
                .col(fk(t("order_id")))
                .col(fk(t("order_line_id")))
                .col(int(t("version")))
                .col(text(t("file_hash")))
                .col(text(t("file_name")))
                .col(text(t("mime")))
                .col(ColumnDef::new(t("size")).big_integer().not_null())
                .col(text_null(t("thumb_hash")))
                .col(long_text(t("change_notes")))
                .col(fk_null(t("caused_by_step_id")))
                .col(text(t("status")))
                .col(long_text(t("chain_json")))
                .col(fk_null(t("uploaded_by")))
                .col(text(t("uploaded_by_name")))
                .col(ts(t("created_at")))
                .col(ts_null(t("decided_at")))
                .foreign_key(&mut foreign("proofs", "order_id", "orders", true))
                .take(),
        )
        .await?;
        m.create_index(unique_index(t("proofs"), "ux_proofs_line_version", &["order_line_id", "version"])).await?;
        m.create_index(index(t("proofs"), "ix_proofs_order", &["order_id"])).await?;
        m.create_index(index(t("proofs"), "ix_proofs_status", &["status"])).await?;

        m.create_table(
            Table::create()
                .table(t("approval_steps"))
                .col(id(t("id")))
                .col(fk(t("proof_id")))
                .col(int(t("seq")))
                .col(text(t("step")))
                .col(text(t("status")))
                .col(fk_null(t("decided_by")))
                .col(text(t("decided_by_name")))
                .col(ts_null(t("decided_at")))
                .col(text(t("ip")))
                .col(long_text(t("comment")))
                .col(text(t("signature")))
                .col(ts_null(t("waiting_since")))
                .col(flag(t("reminded"), false))
                .foreign_key(&mut foreign("approval_steps", "proof_id", "proofs", true))
                .take(),
        )
        .await?;
        m.create_index(index(t("approval_steps"), "ix_steps_proof", &["proof_id", "seq"])).await?;

        m.create_table(
            Table::create()
                .table(t("proof_comments"))
                .col(id(t("id")))
                .col(fk(t("proof_id")))
                .col(text(t("author_kind")))
                .col(text(t("author_name")))
                .col(ColumnDef::new(t("x")).double().null())
                .col(ColumnDef::new(t("y")).double().null())
                .col(long_text(t("body")))
                .col(ts(t("created_at")))
                .foreign_key(&mut foreign("proof_comments", "proof_id", "proofs", true))
                .take(),
        )
        .await?;
        m.create_index(index(t("proof_comments"), "ix_comments_proof", &["proof_id"])).await?;

        m.create_table(
            Table::create()
                .table(t("app_secrets"))
                .col(ColumnDef::new(t("name")).string().not_null().primary_key())
                .col(long_text(t("value")))
                .take(),
        )
        .await?;

        // A product's proof approval chain; products without a row use the default chain.
        m.create_table(
            Table::create()
                .table(t("approval_chains"))
                .col(ColumnDef::new(t("product_id")).integer().not_null().primary_key())
                .col(text(t("steps")))
                .col(ts(t("updated_at")))
                .foreign_key(&mut foreign("approval_chains", "product_id", "products", true))
                .take(),
        )
        .await?;

        // One invoice per order, also under concurrency (belt and braces for the service's lock).
        m.create_index(unique_index(t("invoices"), "ux_invoices_order", &["order_id"])).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("ux_invoices_order").table(t("invoices")).to_owned()).await?;
        for table in ["approval_chains", "app_secrets", "proof_comments", "approval_steps", "proofs", "gate_overrides", "defects", "checkpoints", "checklist_templates", "files"] {
            m.drop_table(Table::drop().table(t(table)).if_exists().take()).await?;
        }
        Ok(())
    }
}
