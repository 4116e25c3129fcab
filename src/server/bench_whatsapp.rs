//! WhatsApp figures of `make bench`: outbox throughput to the local fake with no rate limit,
//! how close the worker keeps to a configured 20 msg/s, and the time from a signed status
//! callback to its row stored.
use super::startup::BoxError;
use crate::config::WhatsAppSettings;
use crate::db::Db;
use crate::domain::whatsapp::message::{Outgoing, Recipient};
use crate::domain::whatsapp::outbox::Topic;
use crate::domain::whatsapp::window::Purpose;
use crate::services::whatsapp::fake::{self, FakeCloud, FakeConfig};
use crate::services::whatsapp::outbox::{enqueue, NewMessage};
use crate::services::whatsapp::worker::Worker;
use crate::state::AppState;
use sea_orm::TransactionTrait;
use std::time::Instant;

async fn fresh_db(tag: &str) -> Result<(Db, std::path::PathBuf), BoxError> {
    let dir = std::env::temp_dir().join(format!("pressdesk-bench-wa-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let db = crate::db::connect(&format!("sqlite://{}/bench.db", dir.display())).await?;
    crate::db::migrate(&db).await?;
    Ok((db, dir))
}

async fn queue(db: &Db, n: usize, lanes: usize) -> Result<(), BoxError> {
    let txn = db.write.begin().await?;
    for i in 0..n {
        let to = Recipient::Phone(format!("+9197{:08}", i % lanes));
        enqueue(&txn, NewMessage::new(Outgoing::text(to, format!("bench {i}")), Topic::Text, Purpose::ServiceReply)).await.map_err(|e| e.to_string())?;
    }
    txn.commit().await?;
    Ok(())
}

fn settings(fake_addr: std::net::SocketAddr, cfg: &FakeConfig, rate: u32) -> WhatsAppSettings {
    WhatsAppSettings {
        api_base: format!("http://{fake_addr}"),
        access_token: cfg.token.clone(),
        phone_number_id: cfg.phone_number_id.clone(),
        business_account_id: cfg.waba_id.clone(),
        app_secret: cfg.app_secret.clone(),
        send_rate_per_s: rate,
        concurrency: 32,
        ..Default::default()
    }
}

async fn drain(w: &Worker, fake: &FakeCloud, n: usize) -> Result<(), BoxError> {
    while fake.accepted().len() < n {
        if w.run_once().await.map_err(|e| e.to_string())?.claimed == 0 {
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
    }
    Ok(())
}

pub async fn run(state: &AppState) -> Result<(), BoxError> {
    let cfg = FakeConfig { auto_delivered: false, ..Default::default() };

    // Throughput: 2,000 messages to 200 customers, no rate limit.
    let (db, dir) = fresh_db("rate").await?;
    let fake = FakeCloud::new(cfg.clone());
    let addr = fake.serve().await?;
    queue(&db, 2000, 200).await?;
    let w = Worker::new(db.clone(), &settings(addr, &cfg, 1_000_000), "bench")?;
    let t = Instant::now();
    drain(&w, &fake, 2000).await?;
    println!("bench: outbox_msgs_per_s {:.0} msg/s", 2000.0 / t.elapsed().as_secs_f64());
    let _ = std::fs::remove_dir_all(&dir);

    // Rate keeping: 200 messages at a configured 20 msg/s, measured at the fake.
    let (db, dir) = fresh_db("limit").await?;
    let fake = FakeCloud::new(cfg.clone());
    let addr = fake.serve().await?;
    queue(&db, 200, 200).await?;
    let w = Worker::new(db.clone(), &settings(addr, &cfg, 20), "bench")?;
    drain(&w, &fake, 200).await?;
    let at: Vec<_> = fake.accepted().iter().map(|a| a.at).collect();
    let span = (*at.iter().max().unwrap() - *at.iter().min().unwrap()).num_milliseconds() as f64 / 1000.0;
    let measured = (at.len() - 1) as f64 / span.max(0.001);
    println!("bench: outbox_rate_error_pct {:.1} %", (measured - 20.0).abs() / 20.0 * 100.0);
    let _ = std::fs::remove_dir_all(&dir);

    // Webhook: a signed status callback, over HTTP, until its row is stored (the answer).
    let (db, dir) = fresh_db("hook").await?;
    let mut config = (*state.config).clone();
    config.whatsapp.app_secret = cfg.app_secret.clone();
    let app = super::router::router(AppState::new(state.leptos_options.clone(), db, std::sync::Arc::new(config)));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/webhooks/whatsapp", listener.local_addr()?);
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>()).await;
    });
    let client = reqwest::Client::new();
    let mut times = Vec::new();
    for i in 0..300 {
        let body = fake::status_body(&cfg.phone_number_id, &cfg.waba_id, &format!("wamid.BENCH{i}"), "delivered", "919700000001", Some(&format!("pd-out-{i}")));
        let sig = fake::sign(&cfg.app_secret, body.as_bytes());
        let t = Instant::now();
        let res = client.post(&url).header("X-Hub-Signature-256", sig).header("content-type", "application/json").body(body).send().await?;
        if !res.status().is_success() {
            return Err(format!("webhook answered {}", res.status()).into());
        }
        if i >= 20 {
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    server.abort();
    times.sort_by(f64::total_cmp);
    println!("bench: webhook_p50_ms {:.2} ms", times[times.len() / 2]);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
