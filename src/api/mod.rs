//! Server functions by area. Each one is a public HTTP endpoint: it checks the session and
//! role, validates, calls a service and returns its result or an `AppError`.
pub mod auth;
pub mod customers;
pub mod dashboard;
pub mod feedback;
pub mod invoices;
pub mod orders;
pub mod portal;
pub mod production;
pub mod products;
pub mod quality;

/// Only local paths are followed after sign-in (no open redirects).
pub fn safe_next(next: Option<&str>, default: &str) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_string(),
        _ => default.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn next_stays_local() {
        assert_eq!(super::safe_next(Some("/orders/5"), "/"), "/orders/5");
        assert_eq!(super::safe_next(Some("//evil.example"), "/"), "/");
        assert_eq!(super::safe_next(Some("https://evil.example"), "/"), "/");
        assert_eq!(super::safe_next(None, "/portal"), "/portal");
    }
}
