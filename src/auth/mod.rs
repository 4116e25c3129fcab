//! Sign-in, sessions, roles, CSRF and rate limits (server only).
pub mod context;
pub mod csrf;
pub mod password;
pub mod rate_limit;
pub mod session;
pub mod tokens;

pub use context::{current_staff, request_meta, require_staff, RequestMeta};
