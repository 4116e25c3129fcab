#![cfg(feature = "ssr")]
//! The customer portal's rules against SQLite and PostgreSQL: nobody sees another
//! customer's records; one-time codes expire, are single-use, allow 5 tries and are
//! rate-limited; ratings open follow-ups.
use crate::common;

use common::*;
use pressdesk::auth::RequestMeta;
use pressdesk::db::e::{follow_ups, login_codes, orders as order_rows};
use pressdesk::domain::order::OrderStatus;
use pressdesk::domain::roles::Role;
use pressdesk::error::AppError;
use pressdesk::services::orders;
use pressdesk::services::portal::{auth, orders as portal_orders, ratings, reorder};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

fn meta(ip: &str) -> RequestMeta {
    RequestMeta { ip: ip.into(), user_agent: "test".into(), https: false }
}

async fn delivered_order(t: &TestDb, customer_id: i32) -> i32 {
    let cat = catalogue(&t.db).await;
    let input = order_input(customer_id, vec![line(&cat["BC-STD"], 500)]);
    let (id, _) = orders::create(&t.db, &staff(Role::FrontDesk), &shop(), today(), &input).await.unwrap();
    orders::change_status(&t.db, &staff(Role::Manager), id, 1, OrderStatus::Ready, "").await.unwrap();
    orders::change_status(&t.db, &staff(Role::Manager), id, 2, OrderStatus::Delivered, "").await.unwrap();
    id
}

#[tokio::test]
async fn another_customers_records_are_not_found() {
    on_every_backend!(async |t: &TestDb| {
        pressdesk::seed::ensure_catalogue(&t.db).await.unwrap();
        pressdesk::services::production::setup::ensure_defaults(&t.db).await.unwrap();
        let alice = customer(&t.db, "Alice", "+919800011111", "27").await;
        let bob = customer(&t.db, "Bob", "+919800022222", "27").await;
        let bobs = delivered_order(t, bob).await;
        let tz = chrono_tz::Asia::Kolkata;
        assert!(matches!(portal_orders::detail(&t.db, alice, bobs, tz, |_| String::new()).await, Err(AppError::NotFound(_))));
        assert!(matches!(reorder::draft(&t.db, alice, bobs).await, Err(AppError::NotFound(_))));
        assert!(matches!(ratings::rate(&t.db, alice, bobs, 5, "").await, Err(AppError::NotFound(_))));
        assert!(matches!(reorder::confirm(&t.db, (alice, "Alice".into()), bobs, &[500], &[], "", &shop(), today()).await, Err(AppError::NotFound(_))));
        assert!(portal_orders::list(&t.db, alice, "", tz).await.unwrap().is_empty());
        assert_eq!(portal_orders::list(&t.db, bob, "", tz).await.unwrap().len(), 1);
        // Bob's own order works.
        assert!(portal_orders::detail(&t.db, bob, bobs, tz, |_| String::new()).await.is_ok());
    });
}

#[tokio::test]
async fn codes_expire_are_single_use_allow_five_tries_and_are_rate_limited() {
    on_every_backend!(async |t: &TestDb| {
        let c = customer(&t.db, "Coder", "+919800033333", "27").await;
        let m = meta("10.1.1.1");
        let login = "98000 33333";
        // Wrong, then right, then reused.
        let code = auth::request_code(&t.db, login, "sign_in", &m, "91").await.unwrap().unwrap();
        let wrong = if code == "000000" { "111111" } else { "000000" };
        assert!(auth::sign_in_code(&t.db, login, wrong, &m, "91", 1).await.unwrap_err().field_message("code").unwrap().contains("not right"));
        let token = auth::sign_in_code(&t.db, login, &code, &m, "91", 1).await.unwrap();
        assert!(!token.is_empty());
        assert!(auth::sign_in_code(&t.db, login, &code, &m, "91", 1).await.unwrap_err().field_message("code").unwrap().contains("already used"));
        // Stored hashed, with an outbox message for WhatsApp.
        let row = login_codes::Entity::find().filter(login_codes::Column::CustomerId.eq(c)).one(&t.db.read).await.unwrap().unwrap();
        assert_ne!(row.code_hash, code);
        assert!(pressdesk::db::e::outbox::Entity::find().count(&t.db.read).await.unwrap() >= 1);
        // Expired.
        let code = auth::request_code(&t.db, login, "sign_in", &m, "91").await.unwrap().unwrap();
        login_codes::Entity::update_many()
            .col_expr(login_codes::Column::ExpiresAt, Expr::value(chrono::Utc::now() - chrono::Duration::minutes(1)))
            .filter(login_codes::Column::CustomerId.eq(c))
            .exec(&t.db.write)
            .await
            .unwrap();
        assert!(auth::sign_in_code(&t.db, login, &code, &m, "91", 1).await.unwrap_err().field_message("code").unwrap().contains("expired"));
        // Five wrong tries spend the code, even for the right one afterwards.
        let code = auth::request_code(&t.db, login, "sign_in", &m, "91").await.unwrap().unwrap();
        let wrong = if code == "000000" { "111111" } else { "000000" };
        for _ in 0..5 {
            assert!(auth::sign_in_code(&t.db, login, wrong, &meta("10.2.2.2"), "91", 1).await.is_err());
        }
        assert!(auth::sign_in_code(&t.db, login, &code, &meta("10.3.3.3"), "91", 1).await.unwrap_err().field_message("code").unwrap().contains("Too many"));
        // Three codes per number per window: the fourth is refused.
        assert!(matches!(auth::request_code(&t.db, login, "sign_in", &m, "91").await, Err(AppError::RateLimited(_))));
        // An unknown number says nothing and gets no code.
        assert_eq!(auth::request_code(&t.db, "98000 99999", "sign_in", &meta("10.4.4.4"), "91").await.unwrap(), None);
    });
}

#[tokio::test]
async fn passwords_and_ratings() {
    on_every_backend!(async |t: &TestDb| {
        pressdesk::seed::ensure_catalogue(&t.db).await.unwrap();
        pressdesk::services::production::setup::ensure_defaults(&t.db).await.unwrap();
        let c = customer(&t.db, "Rater", "+919800044444", "27").await;
        let m = meta("10.5.5.5");
        assert!(auth::sign_in_password(&t.db, "+919800044444", "whatever-pass", &m, "91", 1).await.unwrap_err().field_message("password").is_some());
        auth::set_password(&t.db, c, None, "a-good-password").await.unwrap();
        assert!(auth::set_password(&t.db, c, Some("wrong-current"), "another-password").await.unwrap_err().field_message("current_password").is_some());
        assert!(auth::sign_in_password(&t.db, "98000 44444", "a-good-password", &m, "91", 1).await.is_ok());
        let open = {
            let cat = catalogue(&t.db).await;
            let (id, _) = orders::create(&t.db, &staff(Role::FrontDesk), &shop(), today(), &order_input(c, vec![line(&cat["BC-STD"], 500)])).await.unwrap();
            id
        };
        assert!(matches!(ratings::rate(&t.db, c, open, 5, "").await, Err(AppError::Rejected(_))));
        let done = delivered_order(t, c).await;
        assert!(ratings::rate(&t.db, c, done, 6, "").await.unwrap_err().field_message("stars").is_some());
        ratings::rate(&t.db, c, done, 2, "Colours off").await.unwrap();
        assert_eq!(follow_ups::Entity::find().filter(follow_ups::Column::Status.eq("open")).count(&t.db.read).await.unwrap(), 1);
        // Raising it within the week closes the follow-up; one rating per order.
        ratings::rate(&t.db, c, done, 4, "Fixed quickly").await.unwrap();
        assert_eq!(follow_ups::Entity::find().filter(follow_ups::Column::Status.eq("open")).count(&t.db.read).await.unwrap(), 0);
        assert_eq!(pressdesk::db::e::ratings::Entity::find().count(&t.db.read).await.unwrap(), 1);
        // Reorder: same items at today's prices, placed through the portal channel.
        let (id, _) = reorder::confirm(&t.db, (c, "Rater".into()), done, &[1000], &[], "", &shop(), today()).await.unwrap();
        let o = order_rows::Entity::find_by_id(id).one(&t.db.read).await.unwrap().unwrap();
        assert_eq!(o.channel, "portal");
        assert_eq!(o.status, "confirmed");
        assert!(reorder::confirm(&t.db, (c, "Rater".into()), done, &[0], &[], "", &shop(), today()).await.unwrap_err().field_message("lines").is_some());
    });
}
