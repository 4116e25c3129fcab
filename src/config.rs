//! Runtime configuration: Leptos.toml, overridden by environment variables.
use crate::settings::ShopSettings;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct DatabaseSettings {
    pub url: String,
    pub data_dir: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SecuritySettings {
    pub public_url: String,
    pub session_days: i64,
    pub trust_proxy: bool,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct WhatsAppSettings {
    pub api_base: String,
    pub phone_number_id: String,
    pub access_token: String,
    pub app_secret: String,
    pub verify_token: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct QualitySettings {
    /// Hours a proof may wait for the customer before a reminder is due.
    pub customer_reminder_hours: i64,
}

impl Default for QualitySettings {
    fn default() -> Self {
        QualitySettings { customer_reminder_hours: 24 }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct AppConfig {
    pub database: DatabaseSettings,
    pub shop: ShopSettings,
    pub security: SecuritySettings,
    #[serde(default)]
    pub whatsapp: WhatsAppSettings,
    #[serde(default)]
    pub quality: QualitySettings,
}

pub const CONFIG_FILE: &str = "Leptos.toml";

impl AppConfig {
    /// Reads `path`; `PRESSDESK_<TABLE>__<KEY>` variables override it, and `DATABASE_URL`
    /// overrides the database URL (the usual name for it).
    pub fn load(path: &str) -> Result<AppConfig, config::ConfigError> {
        let mut builder = config::Config::builder()
            .add_source(config::File::new(path, config::FileFormat::Toml))
            .add_source(
                config::Environment::with_prefix("PRESSDESK")
                    .prefix_separator("_")
                    .separator("__")
                    .try_parsing(false),
            );
        if let Ok(url) = std::env::var("DATABASE_URL") {
            builder = builder.set_override("database.url", url)?;
        }
        let cfg: AppConfig = builder.build()?.try_deserialize()?;
        cfg.shop.check_numbering().map_err(config::ConfigError::Message)?;
        Ok(cfg)
    }

    pub fn cookies_secure(&self) -> bool {
        self.security.public_url.starts_with("https://")
    }

    pub fn timezone(&self) -> chrono_tz::Tz {
        self.shop.timezone.parse().unwrap_or(chrono_tz::Asia::Kolkata)
    }

    /// Today's date in the shop's time zone (due dates and invoice dates are local).
    pub fn today(&self) -> chrono::NaiveDate {
        crate::clock::today_in(self.timezone())
    }
}
