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

/// WhatsApp Business Cloud API. With no access token the built-in simulator stands in for
/// Meta (`simulated()`): the app starts a local fake of the Graph API and its webhooks.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct WhatsAppSettings {
    /// Graph API host, without the version: `https://graph.facebook.com`.
    pub api_base: String,
    pub api_version: String,
    pub phone_number_id: String,
    pub business_account_id: String,
    pub access_token: String,
    pub app_secret: String,
    pub verify_token: String,
    /// Messages per second the outbox sends at most (Meta's default tier allows 80).
    pub send_rate_per_s: u32,
    /// Sends in flight at once.
    pub concurrency: usize,
    /// Attempts in all before a message is dead-lettered.
    pub max_attempts: u32,
    pub retry_base_ms: u64,
    pub retry_cap_ms: u64,
    /// One request's time limit.
    pub timeout_ms: u64,
    /// How long a worker holds a claimed message before another may take it over.
    pub claim_secs: i64,
    /// Meta's rates per pricing category, for the campaign cost preview.
    pub rates: crate::domain::whatsapp::pricing::Rates,
    /// What the bot answers to "opening hours".
    pub opening_hours: String,
}

impl Default for WhatsAppSettings {
    fn default() -> Self {
        WhatsAppSettings {
            api_base: "https://graph.facebook.com".into(),
            api_version: "v21.0".into(),
            phone_number_id: String::new(),
            business_account_id: String::new(),
            access_token: String::new(),
            app_secret: String::new(),
            verify_token: String::new(),
            send_rate_per_s: 20,
            concurrency: 8,
            max_attempts: 8,
            retry_base_ms: 1_000,
            retry_cap_ms: 15 * 60 * 1_000,
            timeout_ms: 10_000,
            claim_secs: 60,
            rates: Default::default(),
            opening_hours: "Mon-Sat 9:30 am - 8 pm, Sunday closed".into(),
        }
    }
}

impl WhatsAppSettings {
    /// No access token: the built-in simulator is used.
    pub fn simulated(&self) -> bool {
        self.access_token.trim().is_empty()
    }

    pub fn retry_policy(&self) -> crate::domain::whatsapp::errors::RetryPolicy {
        crate::domain::whatsapp::errors::RetryPolicy { base_ms: self.retry_base_ms, cap_ms: self.retry_cap_ms, max_attempts: self.max_attempts.max(1) }
    }
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
