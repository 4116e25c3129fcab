#![cfg(feature = "ssr")]
//! One identity per contact: a customer's e-mail and phone (normalised) belong to one customer,
//! in the staff customer form, the portal profile and for staff accounts; duplicates already in
//! a database stop `migrate` with a report instead of being merged or dropped silently.
use crate::common;

use common::{staff, TestDb};
use migration::{Migrator, MigratorTrait};
use pressdesk::domain::roles::Role;
use pressdesk::dto::customers::CustomerInput;
use pressdesk::dto::portal::Profile;
use pressdesk::services::{auth, customers, portal, Actor};
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait, Statement};

fn person(name: &str, phone: &str, email: &str) -> CustomerInput {
    CustomerInput { name: name.into(), phone: phone.into(), email: email.into(), state_code: "27".into(), ..Default::default() }
}

async fn count(t: &TestDb) -> u64 {
    pressdesk::db::e::customers::Entity::find().count(&t.db.read).await.unwrap()
}

#[tokio::test]
async fn the_staff_form_refuses_another_customers_contact() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let owner = staff(Role::Owner);
        let asha = customers::create(db, &owner, &person("Asha", "98765 43210", "Asha@Example.in"), "91").await.unwrap();
        let c = customers::get(db, asha, chrono_tz::Asia::Kolkata).await.unwrap();
        assert_eq!((c.input.email.as_str(), c.input.phone.as_str()), ("asha@example.in", "+919876543210"), "stored normalised");

        // The same e-mail in another case, the same phone written another way.
        let e = customers::create(db, &owner, &person("Ravi", "", " ASHA@example.IN "), "91").await.unwrap_err();
        assert_eq!(e.field_message("email").as_deref(), Some("Asha already has this e-mail address"));
        let e = customers::create(db, &owner, &person("Ravi", "+91 98765-43210", ""), "91").await.unwrap_err();
        assert_eq!(e.field_message("phone").as_deref(), Some("Asha already has this phone number"));
        assert_eq!(count(t).await, 1, "nothing was saved");

        // Editing another customer onto Asha's contacts is refused the same way.
        let ravi = customers::create(db, &owner, &person("Ravi", "91234 56789", "ravi@example.in"), "91").await.unwrap();
        let v = customers::get(db, ravi, chrono_tz::Asia::Kolkata).await.unwrap().version;
        let e = customers::update(db, &owner, ravi, v, &person("Ravi", "91234 56789", "asha@example.in"), "91").await.unwrap_err();
        assert!(e.field_message("email").is_some());
        let e = customers::update(db, &owner, ravi, v, &person("Ravi", "9876543210", "ravi@example.in"), "91").await.unwrap_err();
        assert!(e.field_message("phone").is_some());
        assert_eq!(customers::get(db, ravi, chrono_tz::Asia::Kolkata).await.unwrap().input.email, "ravi@example.in", "unchanged");
        // Keeping one's own contacts is fine.
        customers::update(db, &owner, ravi, v, &person("Ravi Kumar", "91234 56789", "ravi@example.in"), "91").await.unwrap();
    });
}

#[tokio::test]
async fn the_portal_profile_cannot_take_over_another_customer() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let owner = staff(Role::Owner);
        customers::create(db, &owner, &person("Asha", "98765 43210", "asha@example.in"), "91").await.unwrap();
        let ravi = customers::create(db, &owner, &person("Ravi", "91234 56789", "ravi@example.in"), "91").await.unwrap();
        let mut p: Profile = portal::profile::get(db, ravi).await.unwrap();
        p.email = "ASHA@example.in".into();
        let e = portal::profile::save(db, ravi, &p, "91").await.unwrap_err();
        assert_eq!(e.field_message("email").as_deref(), Some("Another customer already uses this e-mail address"));
        assert!(!e.to_string().contains("Asha"), "the other customer's name is not revealed");
        p.email = "ravi@example.in".into();
        p.phone = "098765 43210".into();
        assert!(portal::profile::save(db, ravi, &p, "91").await.unwrap_err().field_message("phone").is_some());
        // Asha can still sign in with her e-mail: the lookup finds exactly her.
        let found = pressdesk::services::portal::auth::find(db, "asha@example.in", "91").await.unwrap().unwrap();
        assert_eq!(found.name, "Asha");
    });
}

#[tokio::test]
async fn staff_emails_are_unique_whatever_their_case() {
    on_every_backend!(async |t: &TestDb| {
        auth::create_user(&t.db, &Actor::System, "owner@shop.in", "Asha", "owner", "correct horse battery").await.unwrap();
        let e = auth::create_user(&t.db, &Actor::System, " Owner@Shop.IN ", "Asha 2", "manager", "correct horse battery").await.unwrap_err();
        assert!(e.field_message("email").is_some());
    });
}

#[tokio::test]
async fn migrate_reports_existing_duplicates_and_changes_nothing() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let owner = staff(Role::Owner);
        let a = customers::create(db, &owner, &person("Asha", "98765 43210", "asha@example.in"), "91").await.unwrap();
        let b = customers::create(db, &owner, &person("Ravi", "91234 56789", "ravi@example.in"), "91").await.unwrap();
        // An older database without the unique index, where two customers share an address.
        let since_trust = Migrator::migrations().iter().rev().position(|m| m.name() == "m20261202_000001_trust").unwrap() as u32 + 1;
        Migrator::down(&db.write, Some(since_trust)).await.unwrap();
        let backend = db.write.get_database_backend();
        db.write
            .execute(Statement::from_string(backend, format!("UPDATE customers SET email = 'ASHA@example.in' WHERE id = {b}")))
            .await
            .unwrap();
        let err = pressdesk::db::migrate(db).await.unwrap_err().to_string();
        assert!(err.contains("asha@example.in"), "{err}");
        assert!(err.contains(&format!("#{a} Asha")) && err.contains(&format!("#{b} Ravi")), "{err}");
        assert!(err.contains("run `pressdesk migrate` again"), "{err}");
        // Both records are still there, unchanged.
        assert_eq!(count(t).await, 2);
        assert_eq!(customers::get(db, b, chrono_tz::Asia::Kolkata).await.unwrap().input.email, "ASHA@example.in");
        // Once resolved, the migration runs and the index holds.
        db.write.execute(Statement::from_string(backend, format!("UPDATE customers SET email = 'ravi@example.in' WHERE id = {b}"))).await.unwrap();
        pressdesk::db::migrate(db).await.unwrap();
        let dup = db.write.execute(Statement::from_string(backend, format!("UPDATE customers SET email = 'asha@example.in' WHERE id = {b}"))).await;
        assert!(dup.is_err(), "the unique index refuses a second holder");
    });
}
