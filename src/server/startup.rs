//! Start-up: configuration, database, migrations, demo data on an empty database, serve.
use crate::config::{AppConfig, CONFIG_FILE};
use crate::state::AppState;
use leptos::config::get_configuration;
use std::net::SocketAddr;
use std::sync::Arc;

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

pub fn load_config() -> Result<AppConfig, BoxError> {
    Ok(AppConfig::load(CONFIG_FILE)?)
}

pub async fn build_state(mut config: AppConfig) -> Result<AppState, BoxError> {
    let leptos_options = get_configuration(Some(CONFIG_FILE))?.leptos_options;
    // No access token: WhatsApp runs against the built-in simulator.
    let simulator = if config.whatsapp.simulated() {
        let webhook = format!("http://{}/webhooks/whatsapp", leptos_options.site_addr);
        Some(crate::services::whatsapp::simulator::start(&mut config.whatsapp, &webhook).await?)
    } else {
        None
    };
    let db = crate::db::connect(&config.database.url).await?;
    crate::db::migrate(&db).await?;
    crate::services::production::setup::ensure_defaults(&db).await.map_err(|e| e.to_string())?;
    crate::services::quality::checklists::ensure_defaults(&db).await.map_err(|e| e.to_string())?;
    let state = AppState::new(leptos_options, db, Arc::new(config));
    Ok(match simulator {
        Some(fake) => state.with_simulator(fake),
        None => state,
    })
}

/// Seeds the demo shop when the database has no staff yet, and prints the demo logins.
pub async fn seed_if_empty(state: &AppState, orders: usize) -> Result<(), BoxError> {
    if crate::services::auth::count_users(&state.db).await? > 0 {
        return Ok(());
    }
    println!("Empty database: seeding the demo shop (catalogue, customers, orders)...");
    let opts = crate::seed::SeedOptions { orders, ..Default::default() };
    crate::seed::run(&state.db, &state.config.shop, &opts, true).await?;
    let logins = crate::seed::demo_users(&state.db).await?;
    crate::seed::portal_demo::ensure(&state.db, &state.config.shop, state.config.today()).await.map_err(|e| e.to_string())?;
    crate::seed::portal_demo::proof_to_approve(&state.db, &crate::server::files::storage(state)).await.map_err(|e| e.to_string())?;
    crate::seed::quality_demo::press_checks_done(&state.db).await.map_err(|e| e.to_string())?;
    crate::seed::quality_demo::fill_quality_check(&state.db, 6).await.map_err(|e| e.to_string())?;
    print_logins(&logins);
    println!("Customer portal: http://{}/portal  (phone {} or {}, password {})", state.leptos_options.site_addr, crate::seed::portal_demo::PHONE, crate::seed::portal_demo::EMAIL, crate::seed::portal_demo::PASSWORD);
    Ok(())
}

pub fn print_logins(logins: &[crate::seed::DemoLogin]) {
    println!();
    println!("Demo logins (password for all: {}):", crate::seed::DEMO_PASSWORD);
    for l in logins {
        println!("  {:<12} {}", l.role, l.email);
    }
    println!();
}

pub async fn serve(state: AppState) -> Result<(), BoxError> {
    let addr = state.leptos_options.site_addr;
    // Plan once before serving, then re-plan in the background after every change.
    if let Err(e) = crate::services::production::plan::replan(&state.db, state.config.timezone()).await {
        tracing::warn!(error = %e, "initial plan failed");
    }
    state.start_background().await.map_err(|e| e.to_string())?;
    let app = super::router::router(state.clone());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!("PressDesk is serving http://{addr}");
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
