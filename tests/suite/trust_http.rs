#![cfg(feature = "ssr")]
//! Hostile and careless requests against the real router: redirect targets after sign-in,
//! malformed server-function calls (400, 413, 404 instead of 500), unknown records on SSR
//! pages (404 with a not-found view), and the security headers on each kind of response.
use crate::common;

use axum::body::Body;
use common::web::*;
use common::{line, order_input, shop, shop_fixture, staff, today, TestDb};
use http::{header, Method, Request, StatusCode};
use leptos::server_fn::ServerFn;
use pressdesk::api::auth::StaffLogin;
use pressdesk::api::customers::{GetCustomer, ListCustomers};
use pressdesk::api::orders::{CreateOrder, GetOrder};
use pressdesk::api::production::ResourceTimeline;
use pressdesk::api::quality::LoadOrderQuality;
use pressdesk::domain::roles::Role;
use pressdesk::error::AppError;
use pressdesk::services::{auth, invoices, orders, Actor};

async fn owner(t: &TestDb) -> (axum::Router, String, i32, i32) {
    let db = &t.db;
    auth::create_user(db, &Actor::System, "owner@shop.in", "Asha Sharma", "owner", PW).await.unwrap();
    let (p, cust) = shop_fixture(db).await;
    let (oid, _) = orders::create(db, &staff(Role::Owner), &shop(), today(), &order_input(cust, vec![line(&p["LTR-A4"], 100)])).await.unwrap();
    let inv = invoices::create_from_order(db, &staff(Role::Owner), &shop(), today(), oid).await.unwrap().0;
    let app = app(db, ORIGIN);
    let cookie = sign_in(&app, "owner@shop.in").await;
    (app, cookie, oid, inv)
}

fn raw(method: Method, path: &str, content_type: &str, body: Vec<u8>, cookie: &str) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(path)
        .header(header::HOST, HOST)
        .header(header::ORIGIN, ORIGIN)
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .unwrap()
}

#[tokio::test]
async fn sign_in_follows_only_same_site_paths() {
    // (next, where the browser is sent)
    let cases: &[(&str, &str)] = &[
        ("/orders/5", "/orders/5"),
        ("/orders?page=2&q=visiting%20cards", "/orders?page=2&q=visiting%20cards"),
        ("/production#board", "/production#board"),
        ("/customers/../invoices", "/invoices"),
        ("/कार्ड", "/%E0%A4%95%E0%A4%BE%E0%A4%B0%E0%A5%8D%E0%A4%A1"),
        ("/", "/"),
        ("", "/"),
        ("//evil.example", "/"),
        ("//evil.example/path", "/"),
        ("/\\evil.example", "/"),
        ("\\\\evil.example", "/"),
        ("/%09/evil.example", "/"),
        ("/\t/evil.example", "/"),
        ("/%2F%2Fevil.example", "/"),
        ("/%2f/evil.example", "/"),
        ("/%5Cevil.example", "/"),
        ("/%252F%252Fevil.example", "/"),
        ("/ok\r\nSet-Cookie: pd_staff=x", "/"),
        ("/ok\nx", "/"),
        ("/ok%0d%0aSet-Cookie:%20x", "/"),
        ("/ok\0", "/"),
        ("/ok%00", "/"),
        ("https://evil.example", "/"),
        ("http:evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("data:text/html,hi", "/"),
        ("evil.example", "/"),
        (" /orders", "/"),
        ("/\u{202e}evil", "/%E2%80%AEevil"),
    ];
    assert!(cases.len() >= 25);
    on_every_backend!(async |t: &TestDb| {
        auth::create_user(&t.db, &Actor::System, "owner@shop.in", "Asha Sharma", "owner", PW).await.unwrap();
        let app = app(&t.db, ORIGIN);
        for (next, want) in cases {
            let r = send(&app, post(StaffLogin::PATH, &[("email", "owner@shop.in"), ("password", PW), ("next", next)], Some(ORIGIN), None)).await;
            assert!(r.status.is_success() || r.status.is_redirection(), "{next:?}: {}", r.status);
            assert_eq!(r.header(header::LOCATION), *want, "next = {next:?}");
        }
        // The server is still up and answering.
        assert_eq!(send(&app, get("/healthz", None)).await.status, StatusCode::OK);
    });
}

#[tokio::test]
async fn malformed_calls_answer_4xx_with_a_plain_message() {
    on_every_backend!(async |t: &TestDb| {
        let (app, cookie, oid, _) = owner(t).await;
        let form = "application/x-www-form-urlencoded";
        let json = "application/json";
        let big = vec![b'a'; 3 * 1024 * 1024];
        let cases: Vec<(&str, Request<Body>, StatusCode)> = vec![
            ("id=abc", raw(Method::POST, GetOrder::PATH, form, b"id=abc".to_vec(), &cookie), StatusCode::BAD_REQUEST),
            ("missing id", raw(Method::POST, GetOrder::PATH, form, Vec::new(), &cookie), StatusCode::BAD_REQUEST),
            ("page=-1", raw(Method::POST, ListCustomers::PATH, form, b"q=&page=-1".to_vec(), &cookie), StatusCode::BAD_REQUEST),
            ("days too big", raw(Method::POST, ResourceTimeline::PATH, form, b"days=99999999999999999999".to_vec(), &cookie), StatusCode::BAD_REQUEST),
            ("truncated JSON", raw(Method::POST, CreateOrder::PATH, json, br#"{"input":{"customer_id":1,"chan"#.to_vec(), &cookie), StatusCode::BAD_REQUEST),
            (
                "unknown enum value",
                raw(
                    Method::POST,
                    CreateOrder::PATH,
                    json,
                    br#"{"input":{"customer_id":1,"channel":"carrier_pigeon","priority":"normal","due_date":"","notes":"","lines":[],"draft":false}}"#.to_vec(),
                    &cookie,
                ),
                StatusCode::BAD_REQUEST,
            ),
            ("not JSON at all", raw(Method::POST, CreateOrder::PATH, json, b"\xff\xfe".to_vec(), &cookie), StatusCode::BAD_REQUEST),
            ("3 MB body", raw(Method::POST, ListCustomers::PATH, form, big, &cookie), StatusCode::PAYLOAD_TOO_LARGE),
            ("unknown customer", raw(Method::POST, GetCustomer::PATH, form, b"id=999999".to_vec(), &cookie), StatusCode::NOT_FOUND),
            ("unknown order", raw(Method::POST, GetOrder::PATH, form, b"id=999999".to_vec(), &cookie), StatusCode::NOT_FOUND),
            ("quality of an unknown order", raw(Method::POST, LoadOrderQuality::PATH, form, b"order_id=999999".to_vec(), &cookie), StatusCode::NOT_FOUND),
        ];
        for (what, req, want) in cases {
            let r = send(&app, req).await;
            assert_eq!(r.status, want, "{what}: {}", String::from_utf8_lossy(&r.body));
            let body = String::from_utf8_lossy(&r.body).to_string();
            // No decoder's own words in the answer: they go to the log with the request id.
            for leak in ["serde", "expected", "invalid digit", "line 1", "column", "Deserialization", "Args"] {
                assert!(!body.contains(leak), "{what}: {body}");
            }
            if want == StatusCode::BAD_REQUEST {
                assert_eq!(r.error(), AppError::Malformed(String::new()), "{what}");
                assert_eq!(r.error().to_string(), "This request is malformed");
            }
            assert!(!r.header(http::HeaderName::from_static("x-request-id")).is_empty(), "{what}");
        }
        // The quality view of a real order still answers.
        let r = send(&app, raw(Method::POST, LoadOrderQuality::PATH, form, format!("order_id={oid}").into_bytes(), &cookie)).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(send(&app, get("/healthz", None)).await.status, StatusCode::OK);
    });
}

#[tokio::test]
async fn pages_for_unknown_records_are_404() {
    on_every_backend!(async |t: &TestDb| {
        let (app, cookie, oid, inv) = owner(t).await;
        for path in ["/orders/999999", "/customers/999999", "/invoices/999999", "/orders/999999/edit", "/orders/abc", "/no/such/page"] {
            let r = send(&app, get(path, Some(&cookie))).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
            let html = String::from_utf8_lossy(&r.body);
            assert!(html.contains("not found"), "{path}: a not-found view");
        }
        for path in [format!("/orders/{oid}"), format!("/invoices/{inv}")] {
            assert_eq!(send(&app, get(&path, Some(&cookie))).await.status, StatusCode::OK, "{path}");
        }
        // A forbidden page answers 403: a designer may not see money.
        auth::create_user(&t.db, &Actor::System, "designer@shop.in", "Meera Joshi", "designer", PW).await.unwrap();
        let designer = sign_in(&app, "designer@shop.in").await;
        assert_eq!(send(&app, get(&format!("/invoices/{inv}"), Some(&designer))).await.status, StatusCode::FORBIDDEN);
    });
}

#[tokio::test]
async fn every_kind_of_response_carries_the_security_headers() {
    on_every_backend!(async |t: &TestDb| {
        let (app, cookie, _, inv) = owner(t).await;
        let pages = [
            ("staff page", get("/orders", Some(&cookie))),
            ("sign-in page", get("/login", None)),
            ("portal page", get("/portal", None)),
            ("not-found page", get("/no/such/page", Some(&cookie))),
            ("server function", post(ListCustomers::PATH, &[("q", ""), ("page", "1")], Some(ORIGIN), Some(&cookie))),
            ("PDF download", get(&format!("/invoices/{inv}/pdf"), Some(&cookie))),
            ("health check", get("/healthz", None)),
            ("redirect", get("/orders", None)),
        ];
        for (what, req) in pages {
            let r = send(&app, req).await;
            let csp = r.header(header::CONTENT_SECURITY_POLICY);
            assert!(csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"), "{what}: {csp}");
            let scripts = csp.split("; ").find(|d| d.starts_with("script-src")).unwrap_or_default();
            assert!(!scripts.contains("unsafe-inline") && scripts.contains("'nonce-"), "{what}: {scripts}");
            assert_eq!(r.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff", "{what}");
            assert_eq!(r.header(header::REFERRER_POLICY), "strict-origin-when-cross-origin", "{what}");
            assert_eq!(r.header(header::X_FRAME_OPTIONS), "DENY", "{what}");
            assert!(r.header(http::HeaderName::from_static("permissions-policy")).contains("camera="), "{what}");
            assert!(r.header(header::CACHE_CONTROL).contains("no-store"), "{what}");
            assert!(r.header(header::STRICT_TRANSPORT_SECURITY).contains("max-age="), "{what}: https public URL");
        }
        // The hydration script of a staff page carries the nonce the policy allows.
        let r = send(&app, get("/orders", Some(&cookie))).await;
        let csp = r.header(header::CONTENT_SECURITY_POLICY);
        let nonce = csp.split("'nonce-").nth(1).and_then(|s| s.split('\'').next()).unwrap().to_string();
        let html = String::from_utf8_lossy(&r.body);
        assert!(html.contains(&format!("nonce=\"{nonce}\"")), "the page's scripts use the header's nonce");
        // A fresh nonce per response.
        let again = send(&app, get("/orders", Some(&cookie))).await.header(header::CONTENT_SECURITY_POLICY);
        assert_ne!(again, csp);
        // Camera only where proof and checklist photos are taken.
        assert!(send(&app, get("/quality", Some(&cookie))).await.header(http::HeaderName::from_static("permissions-policy")).contains("camera=(self)"));
        assert!(send(&app, get("/customers", Some(&cookie))).await.header(http::HeaderName::from_static("permissions-policy")).contains("camera=()"));
        // No HSTS over plain http.
        let plain = app_plain(&t.db);
        assert!(send(&plain, get("/login", None)).await.headers.get(header::STRICT_TRANSPORT_SECURITY).is_none());
    });
}

fn app_plain(db: &pressdesk::db::Db) -> axum::Router {
    app(db, "http://pressdesk.example")
}

#[tokio::test]
async fn a_fault_on_our_side_answers_a_plain_message_and_the_request_id() {
    on_every_backend!(async |t: &TestDb| {
        let (app, cookie, _, _) = owner(t).await;
        // The database goes away under the running app.
        t.db.read.clone().close().await.unwrap();
        let r = send(&app, post(ListCustomers::PATH, &[("q", ""), ("page", "1")], Some(ORIGIN), Some(&cookie))).await;
        assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
        let id = r.header(http::HeaderName::from_static("x-request-id"));
        let err = r.error();
        assert_eq!(err.reference(), Some(id.as_str()), "the browser can quote the request id");
        assert_eq!(err.to_string(), "Something went wrong on our side. Please try again");
        let body = String::from_utf8_lossy(&r.body);
        for leak in ["database", "sqlx", "pool", "SELECT", "/work", "closed"] {
            assert!(!body.to_lowercase().contains(&leak.to_lowercase()), "{body}");
        }
    });
}
