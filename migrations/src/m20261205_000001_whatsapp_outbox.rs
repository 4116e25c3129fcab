//! WhatsApp sending: the outbox learns who a message is for (the lane that keeps one
//! customer's messages in order), why it is sent, the lease a worker holds on it and what
//! Meta said about it afterwards; contacts (one per WhatsApp user, with the 24-hour window,
//! unread count and consent) and the per-event automation rules.
use crate::table_helpers::*;
use sea_orm_migration::prelude::*;

pub struct Migration;

/// The columns `up` adds to `outbox` (and `down` removes).
const OUTBOX_COLUMNS: [&str; 13] = [
    "lane", "customer_id", "order_id", "campaign_id", "purpose", "preview", "delivery", "wamid", "claimed_by", "claimed_until", "delivered_at", "read_at",
    "pricing_category",
];

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261205_000001_whatsapp_outbox"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite takes one column per ALTER TABLE.
        let cols = [
            text(t("lane")),
            fk_null(t("customer_id")),
            fk_null(t("order_id")),
            fk_null(t("campaign_id")),
            text(t("purpose")),
            text(t("preview")),
            text(t("delivery")),
            text(t("wamid")),
            text(t("claimed_by")),
            ts_null(t("claimed_until")),
            ts_null(t("delivered_at")),
            ts_null(t("read_at")),
            text(t("pricing_category")),
        ];
        for c in cols {
            m.alter_table(Table::alter().table(t("outbox")).add_column(c).take()).await?;
        }
        // Rows queued before this version have no lane and an older payload: not sendable.
        m.get_connection().execute_unprepared("UPDATE outbox SET status = 'cancelled', last_error = 'queued before WhatsApp sending existed' WHERE status = 'pending'").await?;
        m.create_index(index(t("outbox"), "ix_outbox_lane", &["lane", "status", "id"])).await?;
        m.create_index(index(t("outbox"), "ix_outbox_wamid", &["wamid"])).await?;
        m.create_index(index(t("outbox"), "ix_outbox_customer", &["customer_id", "id"])).await?;

        m.alter_table(Table::alter().table(t("wa_inbound")).add_column(text(t("callback"))).take()).await?;
        m.create_index(index(t("wa_inbound"), "ix_wa_inbound_callback", &["callback"])).await?;
        m.create_index(index(t("wa_inbound"), "ix_wa_inbound_pending", &["processed_at", "id"])).await?;

        m.create_table(
            Table::create()
                .table(t("wa_contacts"))
                .col(id(t("id")))
                // "wa:<digits>" or "bsuid:<id>": one contact per WhatsApp user.
                .col(text(t("key")))
                .col(text(t("wa_id")))
                .col(text(t("user_id")))
                .col(text(t("name")))
                .col(fk_null(t("customer_id")))
                .col(ts_null(t("last_inbound_at")))
                .col(ts_null(t("last_message_at")))
                .col(text(t("last_text")))
                .col(int(t("unread")))
                .col(fk_null(t("assigned_to")))
                .col(flag(t("bot_muted"), false))
                .col(flag(t("marketing_stopped"), false))
                .col(ts(t("updated_at")))
                .take(),
        )
        .await?;
        m.create_index(unique_index(t("wa_contacts"), "ux_wa_contacts_key", &["key"])).await?;
        m.create_index(index(t("wa_contacts"), "ix_wa_contacts_customer", &["customer_id"])).await?;

        m.create_table(
            Table::create()
                .table(t("wa_rules"))
                .col(ColumnDef::new(t("event")).string().not_null().primary_key())
                .col(flag(t("enabled"), true))
                .col(text(t("template")))
                .col(text(t("language")))
                .col(ts(t("updated_at")))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(t("wa_campaigns"))
                .col(id(t("id")))
                .col(text(t("name")))
                .col(text(t("template")))
                .col(text(t("language")))
                // JSON: the template variables, and the audience filter.
                .col(long_text(t("variables")))
                .col(long_text(t("audience")))
                .col(text(t("status")))
                .col(ts_null(t("scheduled_at")))
                .col(int(t("recipients")))
                // Estimated cost in paise when it was started.
                .col(money(t("estimate_paise")))
                .col(fk_null(t("created_by")))
                .col(ts(t("created_at")))
                .col(ts_null(t("started_at")))
                .col(ts_null(t("finished_at")))
                .col(int(t("version")))
                .take(),
        )
        .await?;
        m.create_index(index(t("outbox"), "ix_outbox_campaign", &["campaign_id", "status"])).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Indexes first: SQLite will not drop an indexed column.
        for (table, name) in [
            ("outbox", "ix_outbox_campaign"),
            ("outbox", "ix_outbox_lane"),
            ("outbox", "ix_outbox_wamid"),
            ("outbox", "ix_outbox_customer"),
            ("wa_inbound", "ix_wa_inbound_callback"),
            ("wa_inbound", "ix_wa_inbound_pending"),
        ] {
            m.drop_index(Index::drop().name(name).table(t(table)).if_exists().to_owned()).await?;
        }
        for c in OUTBOX_COLUMNS {
            m.alter_table(Table::alter().table(t("outbox")).drop_column(t(c)).take()).await?;
        }
        m.alter_table(Table::alter().table(t("wa_inbound")).drop_column(t("callback")).take()).await?;
        m.drop_table(Table::drop().table(t("wa_campaigns")).if_exists().take()).await?;
        m.drop_table(Table::drop().table(t("wa_rules")).if_exists().take()).await?;
        m.drop_table(Table::drop().table(t("wa_contacts")).if_exists().take()).await?;
        Ok(())
    }
}
