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

pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let ctx_state = state.clone();
    let shell_opts = state.leptos_options.clone();
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/invoices/{id}/pdf", get(downloads::invoice_pdf))
        .route("/production/events", get(super::events::board_events))
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
        .with_state(state)
}
