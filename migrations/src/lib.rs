//! Database schema for PressDesk, one file per migration. Written with sea-query's
//! schema builder so the same migration runs on SQLite and PostgreSQL.
pub use sea_orm_migration::prelude::*;

mod m20261101_000001_foundation;
mod m20261110_000001_production;
mod m20261120_000001_quality;
mod m20261125_000001_portal;
mod m20261201_000001_events;
mod m20261202_000001_trust;
mod m20261203_000001_shop_day;
mod m20261204_000001_whatsapp;
mod m20261205_000001_whatsapp_outbox;
mod m20261206_000002_customer_files;
mod m20261206_000003_wa_templates;
mod table_helpers;
pub mod unique_contacts;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261101_000001_foundation::Migration), Box::new(m20261110_000001_production::Migration), Box::new(m20261120_000001_quality::Migration), Box::new(m20261125_000001_portal::Migration),
            Box::new(m20261201_000001_events::Migration),
            Box::new(m20261202_000001_trust::Migration),
            Box::new(m20261203_000001_shop_day::Migration),
            Box::new(m20261204_000001_whatsapp::Migration),
            Box::new(m20261205_000001_whatsapp_outbox::Migration),
            Box::new(m20261206_000002_customer_files::Migration),
            Box::new(m20261206_000003_wa_templates::Migration),
        ]
    }
}
