//! Production: stages, resources and their calendars, routings per product, jobs (one per
//! order line) with their stage plan, stage events and order forecasts.
use crate::table_helpers::*;
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261110_000001_production"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(t("stages"))
                .col(id(t("id")))
                .col(text(t("code")))
                .col(text(t("name")))
                .col(text(t("customer_label")))
                .col(int(t("position")))
                .col(ColumnDef::new(t("wip_limit")).integer().null())
                .col(text(t("resource_kind")))
                .col(text(t("color")))
                .col(flag(t("active"), true))
                .take(),
        )
        .await?;
        m.create_index(unique_index(t("stages"), "ux_stages_code", &["code"])).await?;

        m.create_table(
            Table::create()
                .table(t("resources"))
                .col(id(t("id")))
                .col(text(t("name")))
                .col(text(t("kind")))
                .col(flag(t("is_person"), false))
                .col(text(t("stage_codes")))
                .col(long_text(t("calendar_json")))
                .col(fk_null(t("user_id")))
                .col(flag(t("active"), true))
                .col(ts(t("created_at")))
                .take(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(t("resource_downtime"))
                .col(id(t("id")))
                .col(fk(t("resource_id")))
                .col(ts(t("starts_at")))
                .col(ts(t("ends_at")))
                .col(text(t("reason")))
                .foreign_key(&mut foreign("resource_downtime", "resource_id", "resources", true))
                .take(),
        )
        .await?;
        m.create_index(index(t("resource_downtime"), "ix_downtime_resource", &["resource_id", "starts_at"])).await?;

        m.create_table(
            Table::create()
                .table(t("routings"))
                .col(id(t("id")))
                .col(fk(t("product_id")))
                .col(fk(t("stage_id")))
                .col(int(t("seq")))
                .col(text(t("resource_kind")))
                .col(int(t("setup_minutes")))
                .col(int(t("run_minutes_per_1000")))
                .foreign_key(&mut foreign("routings", "product_id", "products", true))
                .foreign_key(&mut foreign("routings", "stage_id", "stages", false))
                .take(),
        )
        .await?;
        m.create_index(unique_index(t("routings"), "ux_routings_product_stage", &["product_id", "stage_id"])).await?;

        m.create_table(
            Table::create()
                .table(t("jobs"))
                .col(id(t("id")))
                .col(fk(t("order_id")))
                .col(fk(t("order_line_id")))
                .col(fk(t("product_id")))
                .col(text(t("title")))
                .col(ColumnDef::new(t("quantity")).big_integer().not_null())
                .col(fk(t("stage_id")))
                .col(int(t("position")))
                .col(text(t("state")))
                .col(flag(t("rush"), false))
                .col(date_null(t("due_date")))
                .col(fk_null(t("assignee_id")))
                .col(fk_null(t("resource_id")))
                .col(int(t("version")))
                .col(ts(t("entered_stage_at")))
                .col(ts(t("created_at")))
                .col(ts(t("updated_at")))
                .foreign_key(&mut foreign("jobs", "order_id", "orders", true))
                .foreign_key(&mut foreign("jobs", "stage_id", "stages", false))
                .take(),
        )
        .await?;
        m.create_index(index(t("jobs"), "ix_jobs_stage", &["state", "stage_id", "position"])).await?;
        m.create_index(index(t("jobs"), "ix_jobs_order", &["order_id"])).await?;
        m.create_index(unique_index(t("jobs"), "ux_jobs_line", &["order_line_id"])).await?;

        m.create_table(
            Table::create()
                .table(t("job_stages"))
                .col(id(t("id")))
                .col(fk(t("job_id")))
                .col(fk(t("stage_id")))
                .col(int(t("seq")))
                .col(text(t("resource_kind")))
                .col(int(t("std_minutes")))
                .col(text(t("state")))
                .col(int(t("worked_minutes")))
                .col(ts_null(t("entered_at")))
                .col(ts_null(t("left_at")))
                .col(ts_null(t("planned_start")))
                .col(ts_null(t("planned_end")))
                .col(fk_null(t("planned_resource_id")))
                .foreign_key(&mut foreign("job_stages", "job_id", "jobs", true))
                .take(),
        )
        .await?;
        m.create_index(unique_index(t("job_stages"), "ux_job_stages", &["job_id", "stage_id"])).await?;
        m.create_index(index(t("job_stages"), "ix_job_stages_plan", &["planned_resource_id", "planned_start"])).await?;

        m.create_table(
            Table::create()
                .table(t("stage_events"))
                .col(id(t("id")))
                .col(fk(t("job_id")))
                .col(fk(t("order_id")))
                .col(fk(t("stage_id")))
                .col(text(t("kind")))
                .col(fk_null(t("from_stage_id")))
                .col(fk_null(t("to_stage_id")))
                .col(ts(t("at")))
                .col(fk_null(t("user_id")))
                .col(text(t("user_name")))
                .col(int(t("worked_minutes")))
                .col(long_text(t("note")))
                .foreign_key(&mut foreign("stage_events", "job_id", "jobs", true))
                .take(),
        )
        .await?;
        m.create_index(index(t("stage_events"), "ix_stage_events_job", &["job_id", "at"])).await?;
        m.create_index(index(t("stage_events"), "ix_stage_events_stage_at", &["stage_id", "at"])).await?;

        m.create_table(
            Table::create()
                .table(t("order_forecasts"))
                .col(ColumnDef::new(t("order_id")).integer().not_null().primary_key())
                .col(ts(t("finish_at")))
                .col(int(t("late_minutes")))
                .col(ts(t("planned_at")))
                .foreign_key(&mut foreign("order_forecasts", "order_id", "orders", true))
                .take(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["order_forecasts", "stage_events", "job_stages", "jobs", "routings", "resource_downtime", "resources", "stages"] {
            m.drop_table(Table::drop().table(t(table)).if_exists().take()).await?;
        }
        Ok(())
    }
}
