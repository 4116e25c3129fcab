//! The built-in simulator: with no access token configured, PressDesk starts a local fake of
//! Meta's Graph API (`fake`) and points its own client at it; the fake answers sends and posts
//! signed status webhooks back to `/webhooks/whatsapp`, and staff can write as a customer from
//! the simulator's phone screen. Every WhatsApp feature thus works out of the box.
use super::fake::{FakeCloud, FakeConfig};
use crate::config::WhatsAppSettings;

/// Starts the fake and rewrites `settings` to use it.
pub async fn start(settings: &mut WhatsAppSettings, webhook_url: &str) -> std::io::Result<FakeCloud> {
    let mut cfg = FakeConfig { webhook_url: Some(webhook_url.to_string()), auto_delivered: true, auto_read: true, ..Default::default() };
    if !settings.app_secret.is_empty() {
        cfg.app_secret = settings.app_secret.clone();
    }
    if !settings.phone_number_id.is_empty() {
        cfg.phone_number_id = settings.phone_number_id.clone();
    }
    if !settings.business_account_id.is_empty() {
        cfg.waba_id = settings.business_account_id.clone();
    }
    let fake = FakeCloud::new(cfg.clone());
    let addr = fake.serve().await?;
    settings.api_base = format!("http://{addr}");
    settings.access_token = cfg.token;
    settings.app_secret = cfg.app_secret;
    settings.phone_number_id = cfg.phone_number_id;
    settings.business_account_id = cfg.waba_id;
    tracing::info!(%addr, "WhatsApp simulator serving (no access token configured)");
    Ok(fake)
}
