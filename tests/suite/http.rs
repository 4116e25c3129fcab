#![cfg(feature = "ssr")]
//! HTTP-level security of the real router (driven with `tower::ServiceExt::oneshot`): the
//! sign-in gate, CSRF on server functions, session cookies, role checks on PDF downloads,
//! on SQLite and PostgreSQL.
use crate::common;

use common::web::*;
use common::{line, order_input, shop, shop_fixture, staff, today, TestDb};
use http::{header, StatusCode};
use leptos::server_fn::ServerFn;
use pressdesk::api::auth::{StaffLogin, StaffLogout};
use pressdesk::api::customers::ListCustomers;
use pressdesk::api::invoices::CreateInvoice;
use pressdesk::domain::roles::Role;
use pressdesk::dto::customers::CustomerRow;
use pressdesk::dto::Page;
use pressdesk::error::AppError;
use pressdesk::services::{auth, invoices, orders, Actor};

/// Staff (owner, designer), a customer, and an invoice to download. Returns the invoice id.
async fn fixture(db: &pressdesk::db::Db) -> i32 {
    auth::create_user(db, &Actor::System, "owner@shop.in", "Asha Sharma", "owner", PW).await.unwrap();
    auth::create_user(db, &Actor::System, "designer@shop.in", "Meera Joshi", "designer", PW).await.unwrap();
    let (p, cust) = shop_fixture(db).await;
    let (oid, _) = orders::create(db, &staff(Role::Owner), &shop(), today(), &order_input(cust, vec![line(&p["LTR-A4"], 100)])).await.unwrap();
    invoices::create_from_order(db, &staff(Role::Owner), &shop(), today(), oid).await.unwrap().0
}

#[tokio::test]
async fn signed_out_visitors_are_sent_to_sign_in() {
    on_every_backend!(async |t: &TestDb| {
        let app = app(&t.db, ORIGIN);
        let r = send(&app, get("/healthz", None)).await;
        assert_eq!((r.status, r.body.as_slice()), (StatusCode::OK, b"ok".as_slice()));
        for (path, next) in [("/orders", "/orders"), ("/", "/"), ("/invoices/3", "/invoices/3"), ("/customers?q=a%20b", "/customers?q=a%20b")] {
            let r = send(&app, get(path, None)).await;
            assert!(matches!(r.status, StatusCode::SEE_OTHER | StatusCode::FOUND | StatusCode::TEMPORARY_REDIRECT), "{path}: {}", r.status);
            let location = r.header(header::LOCATION);
            let query = location.strip_prefix("/login?").unwrap_or_else(|| panic!("{path} redirected to {location}"));
            let got: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
            assert_eq!(got, vec![("next".to_string(), next.to_string())], "{location}");
        }
        // A forged cookie does not open the gate either.
        let r = send(&app, get("/orders", Some("pd_staff=forged"))).await;
        assert!(r.status.is_redirection());
        // The sign-in page itself is public.
        let r = send(&app, get("/login", None)).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(String::from_utf8_lossy(&r.body).contains("Staff sign-in"));
    });
}

#[tokio::test]
async fn server_functions_refuse_cross_site_and_anonymous_calls() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        fixture(db).await;
        let app = app(db, ORIGIN);
        let paths: Vec<&str> = leptos::server_fn::axum::server_fn_paths().map(|(p, _)| p).collect();
        for sf in [ListCustomers::PATH, StaffLogin::PATH, CreateInvoice::PATH] {
            assert!(sf.starts_with("/api/"), "{sf}");
            assert!(paths.contains(&sf), "{sf} is not registered");
        }
        let form = [("q", ""), ("page", "1")];
        // No Origin and no Referer: refused before the function runs.
        let r = send(&app, post(ListCustomers::PATH, &form, None, None)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        // A foreign origin, and the "null" origin of sandboxed pages.
        for origin in ["https://evil.example", "http://pressdesk.example.evil.example", "null"] {
            let r = send(&app, post(ListCustomers::PATH, &form, Some(origin), None)).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{origin}");
        }
        // Even with a valid session a cross-site post is refused, and a sign-in too.
        let cookie = sign_in(&app, "owner@shop.in").await;
        let r = send(&app, post(ListCustomers::PATH, &form, Some("https://evil.example"), Some(&cookie))).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = send(&app, post(StaffLogin::PATH, &[("email", "owner@shop.in"), ("password", PW)], Some("https://evil.example"), None)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert!(r.headers.get(header::SET_COOKIE).is_none());
        // A same-origin Referer is accepted in place of Origin.
        let mut req = post(ListCustomers::PATH, &form, None, Some(&cookie));
        req.headers_mut().insert(header::REFERER, format!("{ORIGIN}/customers").parse().unwrap());
        assert_eq!(send(&app, req).await.status, StatusCode::OK);

        // Same origin but no session: the function answers Unauthenticated.
        let r = send(&app, post(ListCustomers::PATH, &form, Some(ORIGIN), None)).await;
        assert_eq!(r.error(), AppError::Unauthenticated);
        // With the session it answers the page of customers.
        let r = send(&app, post(ListCustomers::PATH, &form, Some(ORIGIN), Some(&cookie))).await;
        assert_eq!(r.status, StatusCode::OK, "{}", String::from_utf8_lossy(&r.body));
        let page: Page<CustomerRow> = serde_json::from_slice(&r.body).unwrap();
        assert_eq!((page.total, page.items[0].name.as_str()), (1, "Priya Sharma"));
    });
}

#[tokio::test]
async fn sign_in_sets_a_hardened_cookie_and_sign_out_ends_it() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let invoice = fixture(db).await;
        let app = app(db, ORIGIN);

        // Wrong password: a field error, no cookie.
        let r = send(&app, post(StaffLogin::PATH, &[("email", "owner@shop.in"), ("password", "nope")], Some(ORIGIN), None)).await;
        assert!(r.error().field_message("password").is_some());
        assert!(r.headers.get(header::SET_COOKIE).is_none());

        let r = send(&app, post(StaffLogin::PATH, &[("email", "owner@shop.in"), ("password", PW), ("next", "/orders/5")], Some(ORIGIN), None)).await;
        let set = r.staff_cookie();
        for attr in ["HttpOnly", "SameSite=Lax", "Path=/", "Secure"] {
            assert!(set.split(';').any(|a| a.trim() == attr), "{attr} missing from {set}");
        }
        assert_eq!(r.header(header::LOCATION), "/orders/5");
        let cookie = set.split(';').next().unwrap().to_string();
        let token = cookie.trim_start_matches("pd_staff=");
        let sess = pressdesk::auth::session::find(&db.read, pressdesk::auth::session::Kind::Staff, token).await.unwrap();
        assert!(sess.is_some(), "the cookie names a live session");

        // No open redirect after sign-in.
        let r = send(&app, post(StaffLogin::PATH, &[("email", "owner@shop.in"), ("password", PW), ("next", "//evil.example/x")], Some(ORIGIN), None)).await;
        assert_eq!(r.header(header::LOCATION), "/");

        // Signing in again from the same browser rotates the session: the old token dies.
        let r = send(&app, post(StaffLogin::PATH, &[("email", "owner@shop.in"), ("password", PW)], Some(ORIGIN), Some(&cookie))).await;
        let rotated = r.staff_cookie().split(';').next().unwrap().to_string();
        assert_ne!(rotated, cookie);
        assert!(pressdesk::auth::session::find(&db.read, pressdesk::auth::session::Kind::Staff, token).await.unwrap().is_none());
        assert_eq!(send(&app, get(&format!("/invoices/{invoice}/pdf"), Some(&cookie))).await.status, StatusCode::UNAUTHORIZED);
        let cookie = rotated;
        let token = cookie.trim_start_matches("pd_staff=");

        // Signed in, staff pages render.
        let r = send(&app, get("/orders", Some(&cookie))).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.header(header::CONTENT_TYPE).starts_with("text/html"));

        // Sign out: the session is gone, the cookie is cleared, the old cookie opens nothing.
        let r = send(&app, post(StaffLogout::PATH, &[], Some(ORIGIN), Some(&cookie))).await;
        assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.status);
        let cleared = r.staff_cookie();
        assert!(cleared.starts_with("pd_staff=;") && cleared.contains("Max-Age=0"), "{cleared}");
        assert!(pressdesk::auth::session::find(&db.read, pressdesk::auth::session::Kind::Staff, token).await.unwrap().is_none());
        assert_eq!(send(&app, get(&format!("/invoices/{invoice}/pdf"), Some(&cookie))).await.status, StatusCode::UNAUTHORIZED);
        assert!(send(&app, get("/orders", Some(&cookie))).await.status.is_redirection());

        // Over plain http (no https public URL) the cookie is not marked Secure.
        let plain = self::app(db, "http://pressdesk.example");
        let r = send(&plain, post(StaffLogin::PATH, &[("email", "owner@shop.in"), ("password", PW)], Some(ORIGIN), None)).await;
        let set = r.staff_cookie();
        assert!(set.contains("HttpOnly") && !set.split(';').any(|a| a.trim() == "Secure"), "{set}");
    });
}

#[tokio::test]
async fn invoice_pdf_needs_a_selling_role() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let invoice = fixture(db).await;
        let app = app(db, ORIGIN);
        let url = format!("/invoices/{invoice}/pdf");

        let owner = sign_in(&app, "owner@shop.in").await;
        let r = send(&app, get(&url, Some(&owner))).await;
        assert_eq!(r.status, StatusCode::OK, "{}", String::from_utf8_lossy(&r.body));
        assert_eq!(r.header(header::CONTENT_TYPE), "application/pdf");
        assert_eq!(r.header(header::CONTENT_DISPOSITION), "attachment; filename=\"INV-2627-00001.pdf\"");
        assert!(r.header(header::CACHE_CONTROL).contains("no-store"));
        assert!(r.body.starts_with(b"%PDF"));
        // An unknown invoice is a 404, not a crash.
        assert_eq!(send(&app, get("/invoices/9999/pdf", Some(&owner))).await.status, StatusCode::NOT_FOUND);

        // A designer may look at orders but not at money.
        let designer = sign_in(&app, "designer@shop.in").await;
        let r = send(&app, get(&url, Some(&designer))).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert!(!r.body.starts_with(b"%PDF"));
        let r = send(&app, post(CreateInvoice::PATH, &[("order_id", "1")], Some(ORIGIN), Some(&designer))).await;
        assert_eq!(r.error(), AppError::Forbidden);
        let r = send(&app, post(ListCustomers::PATH, &[("q", ""), ("page", "1")], Some(ORIGIN), Some(&designer))).await;
        assert_eq!(r.status, StatusCode::OK);

        // Nobody signed in.
        let r = send(&app, get(&url, None)).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert!(!r.body.starts_with(b"%PDF"));
        let r = send(&app, get(&url, Some("pd_staff=forged"))).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    });
}
