//! The real router driven in-process (`tower::ServiceExt::oneshot`), for HTTP-level tests.
use super::shop;
use axum::body::Body;
use axum::Router;
use http::{header, HeaderMap, Method, Request, StatusCode};
use leptos::server_fn::ServerFn;
use pressdesk::api::auth::StaffLogin;
use pressdesk::config::{AppConfig, DatabaseSettings, SecuritySettings};
use pressdesk::error::AppError;
use pressdesk::state::AppState;
use std::sync::Arc;
use tower::ServiceExt;

pub const HOST: &str = "pressdesk.example";
pub const ORIGIN: &str = "https://pressdesk.example";
pub const PW: &str = "correct horse battery";

pub fn app(db: &pressdesk::db::Db, public_url: &str) -> Router {
    app_with(db, public_url, Default::default())
}

/// The router with these WhatsApp settings (app secret, verify token…).
pub fn app_with(db: &pressdesk::db::Db, public_url: &str, whatsapp: pressdesk::config::WhatsAppSettings) -> Router {
    let config = AppConfig {
        database: DatabaseSettings { url: "sqlite://unused.db".into(), data_dir: std::env::temp_dir().display().to_string() },
        shop: shop(),
        security: SecuritySettings { public_url: public_url.into(), session_days: 14, trust_proxy: false },
        whatsapp,
        quality: Default::default(),
    };
    let state = AppState::new(leptos::config::LeptosOptions::builder().output_name("pressdesk").build(), db.clone(), Arc::new(config));
    pressdesk::server::router::router(state)
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: header::HeaderName) -> String {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_string()
    }

    pub fn error(&self) -> AppError {
        assert!(!self.status.is_success(), "expected an error, got {} {}", self.status, String::from_utf8_lossy(&self.body));
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not an AppError ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    /// The session cookie this response sets, with its attributes.
    pub fn staff_cookie(&self) -> String {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("pd_staff="))
            .unwrap_or_else(|| panic!("no pd_staff cookie in {:?}", self.headers))
            .to_string()
    }
}

pub async fn send(app: &Router, req: Request<Body>) -> Reply {
    let res = app.clone().oneshot(req).await.expect("infallible");
    let status = res.status();
    let headers = res.headers().clone();
    let body = axum::body::to_bytes(res.into_body(), 16 * 1024 * 1024).await.expect("body").to_vec();
    Reply { status, headers, body }
}

pub fn get(uri: &str, cookie: Option<&str>) -> Request<Body> {
    let mut b = Request::builder().method(Method::GET).uri(uri).header(header::HOST, HOST);
    if let Some(c) = cookie {
        b = b.header(header::COOKIE, c);
    }
    b.body(Body::empty()).unwrap()
}

/// A form POST to a server function, as the browser sends it.
pub fn post(path: &str, form: &[(&str, &str)], origin: Option<&str>, cookie: Option<&str>) -> Request<Body> {
    let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(form).finish();
    let mut b = Request::builder()
        .method(Method::POST)
        .uri(path)
        .header(header::HOST, HOST)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(o) = origin {
        b = b.header(header::ORIGIN, o);
    }
    if let Some(c) = cookie {
        b = b.header(header::COOKIE, c);
    }
    b.body(Body::from(body)).unwrap()
}

/// Signs in through the real endpoint; returns "pd_staff=<token>" for the Cookie header.
pub async fn sign_in(app: &Router, email: &str) -> String {
    let r = send(app, post(StaffLogin::PATH, &[("email", email), ("password", PW)], Some(ORIGIN), None)).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "sign-in failed: {} {}", r.status, String::from_utf8_lossy(&r.body));
    r.staff_cookie().split(';').next().unwrap().to_string()
}

