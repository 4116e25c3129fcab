//! The axum router: Leptos pages and server functions, downloads, static files, and the
//! layers every request passes (CSRF guard, sign-in gate, compression).
use super::{downloads, gate};
use crate::app::{shell, App};
use crate::auth::csrf;
use crate::state::AppState;
use axum::{middleware, routing::get, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::CompressionLayer;

/// GET /test-hooks/outbox/latest?to=+91...: the newest code queued for a number. Mounted only
/// with PRESSDESK_TEST_HOOKS=1, for the end-to-end tests (they cannot read WhatsApp).
async fn latest_code(axum::extract::State(state): axum::extract::State<AppState>, axum::extract::Query(q): axum::extract::Query<std::collections::HashMap<String, String>>) -> axum::response::Response {
    use axum::response::IntoResponse;
    use sea_orm::{EntityTrait, QueryOrder};
    use crate::db::e::outbox;
    use crate::domain::whatsapp::message::{Body, Outgoing};
    use sea_orm::{ColumnTrait, QueryFilter};
    let digits: String = q.get("to").cloned().unwrap_or_default().chars().filter(|c| c.is_ascii_digit()).collect();
    let row = outbox::Entity::find()
        .filter(outbox::Column::Topic.eq(crate::domain::whatsapp::outbox::Topic::LoginCode.as_str()))
        .filter(outbox::Column::Lane.eq(format!("wa:{digits}")))
        .order_by_desc(outbox::Column::Id)
        .one(&state.db.read)
        .await
        .ok()
        .flatten();
    let code = row.and_then(|r| serde_json::from_str::<Outgoing>(&r.payload).ok()).and_then(|m| match m.body {
        Body::Template(t) => t.body.first().map(|p| p.text.clone()),
        _ => None,
    });
    match code {
        Some(c) => axum::Json(serde_json::json!({ "code": c })).into_response(),
        None => (http::StatusCode::NOT_FOUND, "no code").into_response(),
    }
}

/// GET /test-hooks/clock?at=2026-12-02T19:00:00Z moves the server's clock (no `at`: back to
/// the machine's), answering the shop's date by the moved clock. Test hooks only.
async fn set_clock(axum::extract::State(state): axum::extract::State<AppState>, axum::extract::Query(q): axum::extract::Query<std::collections::HashMap<String, String>>) -> axum::response::Response {
    use axum::response::IntoResponse;
    match q.get("at").map(|t| chrono::DateTime::parse_from_rfc3339(t)) {
        Some(Err(e)) => (http::StatusCode::BAD_REQUEST, e.to_string()).into_response(),
        Some(Ok(t)) => {
            crate::clock::set(Some(t.with_timezone(&chrono::Utc)));
            crate::services::fmt_date(state.config.today()).into_response()
        }
        None => {
            crate::clock::set(None);
            crate::services::fmt_date(state.config.today()).into_response()
        }
    }
}

pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let ctx_state = state.clone();
    let shell_opts = state.leptos_options.clone();
    let test_hooks = std::env::var("PRESSDESK_TEST_HOOKS").is_ok_and(|v| v == "1");
    let base = if test_hooks { Router::new().route("/test-hooks/outbox/latest", get(latest_code)).route("/test-hooks/clock", get(set_clock)) } else { Router::new() };
    base
        .route("/healthz", get(|| async { "ok" }))
        .route("/invoices/{id}/pdf", get(downloads::invoice_pdf))
        .route("/portal/invoices/{id}/pdf", get(downloads::portal_invoice_pdf))
        .route("/credit-notes/{id}/pdf", get(downloads::credit_note_pdf))
        .route("/portal/credit-notes/{id}/pdf", get(downloads::portal_credit_note_pdf))
        .route("/production/events", get(super::events::board_events))
        .route(
            "/webhooks/whatsapp",
            get(super::webhooks::verify)
                .post(super::webhooks::receive)
                .layer(axum::extract::DefaultBodyLimit::max(super::webhooks::MAX_BODY_BYTES)),
        )
        .route(
            "/proofs/upload",
            axum::routing::post(super::files::upload_proof).layer(axum::extract::DefaultBodyLimit::max(super::files::BODY_LIMIT)),
        )
        .route(
            "/quality/photos",
            axum::routing::post(super::photos::upload_photo).layer(axum::extract::DefaultBodyLimit::max(super::files::BODY_LIMIT)),
        )
        .route(
            "/whatsapp/simulator/file",
            axum::routing::post(super::simulator_files::send_file).layer(axum::extract::DefaultBodyLimit::max(super::simulator_files::BODY_LIMIT)),
        )
        .route("/quality/photos/{hash}", get(super::photos::photo))
        .route("/customer-files/{id}", get(super::photos::customer_file))
        .route("/proofs/{id}/preview", get(super::files::proof_preview))
        .route("/proofs/{id}/file", get(super::files::proof_file))
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(ctx_state.clone()),
            move || shell(shell_opts.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(middleware::from_fn_with_state(state.clone(), gate::staff_pages))
        .layer(middleware::from_fn(super::errors::status_from_error))
        .layer(middleware::from_fn(csrf::guard))
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn_with_state(state.clone(), super::headers::secure))
        .with_state(state)
}
