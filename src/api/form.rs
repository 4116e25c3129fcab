//! Plain HTML form posts to server functions (customer pages have no WebAssembly): on
//! success the browser is sent on, on failure back to the form with the error in the
//! address, where `pages::portal::url_error` reads it.
use crate::error::AppError;
use leptos::prelude::*;

fn plain_form() -> bool {
    use_context::<http::request::Parts>()
        .and_then(|p| p.headers.get(http::header::ACCEPT).and_then(|v| v.to_str().ok()).map(|a| a.contains("text/html")))
        .unwrap_or(false)
}

/// The page the form was on, without an earlier outcome in its address.
fn back() -> String {
    let referer = use_context::<http::request::Parts>()
        .and_then(|p| p.headers.get(http::header::REFERER).and_then(|v| v.to_str().ok()).map(str::to_string))
        .unwrap_or_else(|| "/portal".into());
    let path = referer.split_once("://").map(|(_, r)| r.find('/').map(|i| &r[i..]).unwrap_or("/")).unwrap_or(&referer);
    let (base, query) = path.split_once('?').unwrap_or((path, ""));
    let kept: Vec<(String, String)> =
        form_urlencoded::parse(query.as_bytes()).filter(|(k, _)| k != "error" && k != "ok").map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    let mut ser = form_urlencoded::Serializer::new(String::new());
    for (k, v) in kept {
        ser.append_pair(&k, &v);
    }
    let q = ser.finish();
    let base = if base.starts_with("/portal") || base.starts_with("/approve") { base } else { "/portal" };
    if q.is_empty() { base.to_string() } else { format!("{base}?{q}") }
}

fn with(url: &str, key: &str, value: &str) -> String {
    let sep = if url.contains('?') { '&' } else { '?' };
    let mut ser = form_urlencoded::Serializer::new(String::new());
    ser.append_pair(key, value);
    format!("{url}{sep}{}", ser.finish())
}

/// Sends a plain form on to `ok_to` (or back with `ok`), or back with the error.
pub fn outcome<T>(r: Result<T, AppError>, ok_to: Option<String>, ok_note: &str) -> Result<T, AppError> {
    match &r {
        Ok(_) => {
            let to = ok_to.unwrap_or_else(|| with(&back(), "ok", ok_note));
            crate::api::redirect(&to, "/portal");
        }
        Err(e) if plain_form() => {
            let to = with(&back(), "error", &serde_json::to_string(e).unwrap_or_default());
            crate::api::redirect(&to, "/portal");
            if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
                res.set_status(http::StatusCode::SEE_OTHER);
            }
        }
        Err(_) => {}
    }
    r
}
