//! Server functions by area. Each one is a public HTTP endpoint: it checks the session and
//! role, validates, calls a service and returns its result or an `AppError`.
pub mod auth;
pub mod campaigns;
pub mod customers;
pub mod dashboard;
pub mod feedback;
#[cfg(feature = "ssr")]
pub(crate) mod form;
pub mod invoices;
pub mod orders;
pub mod portal;
pub mod production;
pub mod products;
pub mod quality;
pub mod inbox;
pub mod simulator;
pub mod wa_rules;
pub mod wa_templates;
pub mod whatsapp;


/// Sends the browser to `to`: a same-site path, else `fallback`. Never panics on a value
/// that is not a valid header (leptos_axum::redirect would).
#[cfg(feature = "ssr")]
pub fn redirect(to: &str, fallback: &str) {
    let target = crate::domain::redirect::local_path(to).unwrap_or_else(|| fallback.to_string());
    if http::HeaderValue::from_str(&target).is_ok() {
        leptos_axum::redirect(&target);
    } else {
        leptos_axum::redirect("/");
    }
}
