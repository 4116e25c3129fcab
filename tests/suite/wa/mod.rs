//! A WhatsApp test rig: the app's router served on a real port, the fake Cloud API on another,
//! each pointed at the other (sends go to the fake, its signed webhooks come back to us).
#![allow(dead_code)]
use super::common::web::app_with;
use pressdesk::config::WhatsAppSettings;
use pressdesk::db::Db;
use pressdesk::services::whatsapp::fake::{self, FakeCloud, FakeConfig};
use pressdesk::services::whatsapp::worker::Worker;
use std::net::SocketAddr;

pub struct Harness {
    pub db: Db,
    pub fake: FakeCloud,
    pub settings: WhatsAppSettings,
    pub app_url: String,
    server: tokio::task::JoinHandle<()>,
}

impl Harness {
    pub async fn start(db: &Db, cfg: FakeConfig) -> Harness {
        let fake = FakeCloud::new(cfg.clone());
        let fake_addr = fake.serve().await.expect("fake serves");
        let settings = WhatsAppSettings {
            api_base: format!("http://{fake_addr}"),
            access_token: cfg.token.clone(),
            phone_number_id: cfg.phone_number_id.clone(),
            business_account_id: cfg.waba_id.clone(),
            app_secret: cfg.app_secret.clone(),
            verify_token: "verify".into(),
            send_rate_per_s: 1000,
            concurrency: 16,
            max_attempts: 30,
            retry_base_ms: 20,
            retry_cap_ms: 400,
            timeout_ms: 600,
            claim_secs: 5,
            ..Default::default()
        };
        let app = app_with(db, "https://pressdesk.example", settings.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = tokio::spawn(async move {
            axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).await.unwrap();
        });
        let app_url = format!("http://{addr}");
        fake.set_webhook_url(&format!("{app_url}/webhooks/whatsapp"));
        Harness { db: db.clone(), fake, settings, app_url, server }
    }

    /// A worker with the rig's settings (fast retries, short grace after unknown outcomes).
    pub fn worker(&self, name: &str) -> Worker {
        Worker::new(self.db.clone(), &self.settings, name).unwrap().with_grace_ms(1500)
    }

    /// Posts one signed status webhook to the app, as Meta would.
    pub async fn post_status(&self, wamid: &str, status: &str, callback: &str) {
        let cfg = self.fake.config();
        let body = fake::status_body(&cfg.phone_number_id, &cfg.waba_id, wamid, status, "919800000000", Some(callback));
        let res = reqwest::Client::new()
            .post(format!("{}/webhooks/whatsapp", self.app_url))
            .header("X-Hub-Signature-256", fake::sign(&cfg.app_secret, body.as_bytes()))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        assert!(res.status().is_success(), "webhook answered {}", res.status());
    }

    pub async fn stop(self) {
        self.server.abort();
    }
}
