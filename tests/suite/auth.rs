#![cfg(feature = "ssr")]
//! Staff accounts and sign-in: validation, argon2id storage, sessions, per-account and
//! per-address rate limits, inactive users, sign-out, on SQLite and PostgreSQL.
use crate::common;

use common::{count, fields, TestDb};
use pressdesk::auth::session::{self, Kind};
use pressdesk::auth::RequestMeta;
use pressdesk::db::{e::users, Db};
use pressdesk::domain::roles::Role;
use pressdesk::error::AppError;
use pressdesk::services::{auth, Actor};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};

const PW: &str = "correct horse battery";

fn from(ip: &str) -> RequestMeta {
    RequestMeta { ip: ip.into(), user_agent: "integration-test".into(), https: false }
}

async fn user(db: &Db, email: &str, role: &str) -> i32 {
    auth::create_user(db, &Actor::System, email, "Asha Sharma", role, PW).await.unwrap()
}

#[tokio::test]
async fn create_user_validates_and_stores_argon2id() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let id = user(db, "  Owner@Shop.IN ", "owner").await;
        let stored = users::Entity::find_by_id(id).one(&db.read).await.unwrap().unwrap();
        assert_eq!(stored.email, "owner@shop.in");
        assert_eq!(stored.role, "owner");
        assert!(stored.active);
        assert!(stored.password_hash.starts_with("$argon2id$"), "{}", stored.password_hash);
        assert!(!stored.password_hash.contains(PW));
        assert!(pressdesk::auth::password::verify(PW, &stored.password_hash));

        let cases = [
            ("email", "not-an-email", "Name", "manager", PW),
            ("email", "a@b", "Name", "manager", PW),
            ("name", "n@shop.in", "  ", "manager", PW),
            ("role", "r@shop.in", "Name", "janitor", PW),
            ("role", "r@shop.in", "Name", "Owner", PW),
            ("password", "p@shop.in", "Name", "manager", "short"),
            ("password", "p@shop.in", "Name", "manager", &"x".repeat(129)),
            // Duplicate, whatever the case and spacing.
            ("email", " OWNER@shop.in", "Name", "manager", PW),
        ];
        for (field, email, name, role, pw) in cases {
            let got = fields(auth::create_user(db, &Actor::System, email, name, role, pw).await);
            assert_eq!(got, vec![field.to_string()], "{email} / {role}");
        }
        assert_eq!(count(db, "users").await, 1);
        assert_eq!(auth::count_users(db).await.unwrap(), 1);
        let staff = auth::list_staff(db).await.unwrap();
        assert_eq!((staff.len(), staff[0].role, staff[0].email.as_str()), (1, Role::Owner, "owner@shop.in"));
    });
}

#[tokio::test]
async fn sign_in_creates_a_session_and_sign_out_removes_it() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let id = user(db, "frontdesk@shop.in", "front_desk").await;
        let signed = auth::staff_sign_in(db, " FrontDesk@Shop.in ", PW, &from("10.0.0.1"), 14).await.unwrap();
        assert_eq!((signed.user.id, signed.user.role, signed.user.email.as_str()), (id, Role::FrontDesk, "frontdesk@shop.in"));
        assert!(signed.token.len() >= 40);
        let sess = session::find(&db.read, Kind::Staff, &signed.token).await.unwrap().expect("session");
        assert_eq!((sess.subject_id, sess.kind.as_str(), sess.ip.as_str()), (id, "staff", "10.0.0.1"));
        let days = (sess.expires_at - sess.created_at).num_days();
        assert_eq!(days, 14);
        // Only the digest is stored; a staff token is no customer session.
        assert_ne!(sess.id, signed.token);
        assert!(session::find(&db.read, Kind::Customer, &signed.token).await.unwrap().is_none());
        assert!(session::find(&db.read, Kind::Staff, "forged-token").await.unwrap().is_none());

        // Two browsers, two sessions; signing out ends only this one.
        let other = auth::staff_sign_in(db, "frontdesk@shop.in", PW, &from("10.0.0.2"), 14).await.unwrap();
        assert_eq!(count(db, "sessions").await, 2);
        auth::sign_out(db, &signed.token).await.unwrap();
        assert!(session::find(&db.read, Kind::Staff, &signed.token).await.unwrap().is_none());
        assert!(session::find(&db.read, Kind::Staff, &other.token).await.unwrap().is_some());
        assert_eq!(count(db, "sessions").await, 1);
        // The cookie it would set.
        let cookie = session::set_cookie(Kind::Staff, &other.token, true, 14);
        for part in ["pd_staff=", "HttpOnly", "SameSite=Lax", "Path=/", "Secure"] {
            assert!(cookie.contains(part), "{part} missing from {cookie}");
        }
        assert!(!session::set_cookie(Kind::Staff, &other.token, false, 14).contains("Secure"));
    });
}

#[tokio::test]
async fn wrong_password_and_unknown_email_fail_on_password() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        user(db, "owner@shop.in", "owner").await;
        for (email, pw) in [("owner@shop.in", "wrong password"), ("nobody@shop.in", PW)] {
            let err = auth::staff_sign_in(db, email, pw, &from("10.0.0.1"), 14).await.err().expect("refused");
            assert_eq!(err.field_message("password").as_deref(), Some("Wrong e-mail or password"), "{email}");
        }
        // Empty fields are named.
        let got = fields(auth::staff_sign_in(db, " ", "", &from("10.0.0.1"), 14).await.map(|_| ()));
        assert_eq!(got, vec!["email".to_string(), "password".to_string()]);
        assert_eq!(count(db, "sessions").await, 0);
    });
}

#[tokio::test]
async fn sixth_attempt_on_an_account_is_rate_limited() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        user(db, "owner@shop.in", "owner").await;
        user(db, "manager@shop.in", "manager").await;
        for i in 0..auth::ACCOUNT_LIMIT {
            let err = auth::staff_sign_in(db, "owner@shop.in", "guess", &from("10.0.0.1"), 14).await.err().expect("refused");
            assert!(err.field_message("password").is_some(), "attempt {i}: {err:?}");
        }
        // Even the right password is refused now, from any address.
        for ip in ["10.0.0.1", "10.9.9.9"] {
            let err = auth::staff_sign_in(db, "owner@shop.in", PW, &from(ip), 14).await.err().expect("limited");
            assert!(matches!(err, AppError::RateLimited(m) if (1..=15).contains(&m)), "{err:?}");
        }
        assert_eq!(count(db, "sessions").await, 0);
        // Another account from the same address is unaffected.
        auth::staff_sign_in(db, "manager@shop.in", PW, &from("10.0.0.1"), 14).await.expect("other account signs in");
    });
}

#[tokio::test]
async fn twenty_failures_from_one_address_block_that_address_only() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        user(db, "owner@shop.in", "owner").await;
        for i in 0..auth::ADDRESS_LIMIT {
            let email = format!("guess{i}@shop.in");
            let err = auth::staff_sign_in(db, &email, "guess", &from("203.0.113.7"), 14).await.err().expect("refused");
            assert!(err.field_message("password").is_some(), "attempt {i}: {err:?}");
        }
        let err = auth::staff_sign_in(db, "owner@shop.in", PW, &from("203.0.113.7"), 14).await.err().expect("limited");
        assert!(matches!(err, AppError::RateLimited(_)), "{err:?}");
        // The same person from another address gets in.
        let ok = auth::staff_sign_in(db, "owner@shop.in", PW, &from("198.51.100.1"), 14).await.unwrap();
        assert!(session::find(&db.read, Kind::Staff, &ok.token).await.unwrap().is_some());
    });
}

#[tokio::test]
async fn success_resets_the_account_counter() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        user(db, "owner@shop.in", "owner").await;
        for _ in 0..auth::ACCOUNT_LIMIT - 1 {
            assert!(auth::staff_sign_in(db, "owner@shop.in", "guess", &from("10.0.0.1"), 14).await.is_err());
        }
        auth::staff_sign_in(db, "owner@shop.in", PW, &from("10.0.0.1"), 14).await.unwrap();
        // Four more failures are allowed again before the limit bites.
        for _ in 0..auth::ACCOUNT_LIMIT - 1 {
            let err = auth::staff_sign_in(db, "owner@shop.in", "guess", &from("10.0.0.1"), 14).await.err().unwrap();
            assert!(err.field_message("password").is_some(), "{err:?}");
        }
        auth::staff_sign_in(db, "owner@shop.in", PW, &from("10.0.0.1"), 14).await.unwrap();
    });
}

#[tokio::test]
async fn inactive_user_cannot_sign_in() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let id = user(db, "operator@shop.in", "operator").await;
        let before = auth::staff_sign_in(db, "operator@shop.in", PW, &from("10.0.0.1"), 14).await.unwrap();
        let mut am: users::ActiveModel = users::Entity::find_by_id(id).one(&db.write).await.unwrap().unwrap().into();
        am.active = Set(false);
        am.update(&db.write).await.unwrap();

        let err = auth::staff_sign_in(db, "operator@shop.in", PW, &from("10.0.0.1"), 14).await.err().expect("refused");
        assert!(err.field_message("password").is_some(), "{err:?}");
        assert_eq!(count(db, "sessions").await, 1);
        // A session from before the deactivation no longer identifies anyone.
        let mut headers = http::HeaderMap::new();
        headers.insert(http::header::COOKIE, format!("pd_staff={}", before.token).parse().unwrap());
        assert!(pressdesk::auth::context::staff_from_headers(db, &headers).await.unwrap().is_none());
    });
}
