//! A reordered item's artwork remembers the approved proof it was carried over from, so the
//! new order links to it (with its version) and its jobs can start after proof approval.
use crate::table_helpers::*;
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261203_000001_shop_day"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(t("proofs")).add_column(fk_null(t("carried_from_id"))).take()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(t("proofs")).drop_column(t("carried_from_id")).take()).await?;
        Ok(())
    }
}
