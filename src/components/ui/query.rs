//! URL query helpers for list pages (filters live in the URL so they can be shared).
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Builds "path?k=v&..." from non-empty pairs.
pub fn href(path: &str, pairs: &[(&str, String)]) -> String {
    let mut ser = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        if !v.is_empty() {
            ser.append_pair(k, v);
        }
    }
    let q = ser.finish();
    if q.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{q}")
    }
}

/// A query parameter as a reactive string ("" when absent).
pub fn query_param(key: &'static str) -> Memo<String> {
    let q = use_query_map();
    Memo::new(move |_| q.read().get(key).unwrap_or_default())
}

pub fn query_page() -> Memo<u64> {
    let q = use_query_map();
    Memo::new(move |_| q.read().get("page").and_then(|p| p.parse().ok()).unwrap_or(1))
}

/// The `:id` route parameter.
pub fn route_id() -> Memo<i32> {
    let p = leptos_router::hooks::use_params_map();
    Memo::new(move |_| p.read().get("id").and_then(|v| v.parse().ok()).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    #[test]
    fn builds_query() {
        assert_eq!(super::href("/orders", &[("q", "PD 1".into()), ("status", String::new())]), "/orders?q=PD+1");
        assert_eq!(super::href("/orders", &[]), "/orders");
    }
}
