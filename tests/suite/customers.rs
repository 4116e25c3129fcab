#![cfg(feature = "ssr")]
//! Customers service: validation and normalisation, duplicate phones, optimistic locking,
//! search and paging, on SQLite and PostgreSQL.
use crate::common;

use common::{count, fields, staff, TestDb};
use pressdesk::domain::roles::Role;
use pressdesk::dto::customers::CustomerInput;
use pressdesk::error::AppError;
use pressdesk::services::customers;

fn valid() -> CustomerInput {
    CustomerInput { name: "Priya Sharma".into(), phone: "98765 43210".into(), ..Default::default() }
}

#[tokio::test]
async fn create_normalises_phone_gstin_and_email() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let input = CustomerInput {
            name: "  Ravi Kumar ".into(),
            company: " Bangalore Bakes ".into(),
            phone: "098450 12345".into(),
            email: " Ravi.Kumar@Example.COM ".into(),
            gstin: "29aagcb7383j1z4".into(),
            state_code: "27".into(),
            tags: "wedding, , vip ,".into(),
            whatsapp_opt_in: true,
            ..Default::default()
        };
        let id = customers::create(db, &staff(Role::FrontDesk), &input, "91").await.unwrap();
        let c = customers::get(db, id, chrono_tz::Asia::Kolkata).await.unwrap();
        assert_eq!(c.version, 1);
        assert_eq!(c.input.name, "Ravi Kumar");
        assert_eq!(c.input.company, "Bangalore Bakes");
        assert_eq!(c.input.phone, "+919845012345");
        assert_eq!(c.input.email, "ravi.kumar@example.com");
        assert_eq!(c.input.gstin, "29AAGCB7383J1Z4");
        // The GSTIN decides the state, whatever was typed.
        assert_eq!(c.input.state_code, "29");
        assert_eq!(c.input.tags, "wedding, vip");
        assert!(c.input.whatsapp_opt_in);

        // E-mail only is fine too: no phone stored (NULL, so it does not clash with others).
        let id2 = customers::create(db, &staff(Role::Owner), &CustomerInput { name: "Mail Only".into(), email: "m@x.in".into(), ..Default::default() }, "91")
            .await
            .unwrap();
        let id3 = customers::create(db, &staff(Role::Owner), &CustomerInput { name: "Mail Two".into(), email: "n@x.in".into(), ..Default::default() }, "91")
            .await
            .unwrap();
        assert_ne!(id2, id3);
        assert_eq!(customers::get(db, id2, chrono_tz::Asia::Kolkata).await.unwrap().input.phone, "");
        assert_eq!(count(db, "customers").await, 3);
    });
}

#[tokio::test]
async fn every_bad_field_is_named_and_nothing_is_written() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        customers::create(db, &staff(Role::Owner), &valid(), "91").await.unwrap();
        let before = count(db, "customers").await;
        let audit_before = count(db, "audit_log").await;
        let cases: Vec<(&str, CustomerInput)> = vec![
            ("name", CustomerInput { name: "   ".into(), ..valid() }),
            ("name", CustomerInput { name: "x".repeat(121), ..valid() }),
            ("company", CustomerInput { company: "c".repeat(121), ..valid() }),
            ("phone", CustomerInput { phone: "98765x43210".into(), ..valid() }),
            ("phone", CustomerInput { phone: "12345".into(), ..valid() }),
            ("phone", CustomerInput { phone: String::new(), email: String::new(), ..valid() }),
            ("email", CustomerInput { email: "priya@example".into(), ..valid() }),
            ("email", CustomerInput { email: "priya at example.com".into(), ..valid() }),
            ("gstin", CustomerInput { gstin: "27AAPFU0939F1ZX".into(), ..valid() }),
            ("gstin", CustomerInput { gstin: "27AAPFU0939F1Z".into(), ..valid() }),
            ("gstin", CustomerInput { gstin: "99AAPFU0939F1ZV".into(), ..valid() }),
            ("state_code", CustomerInput { state_code: "25".into(), ..valid() }),
            ("whatsapp_opt_in", CustomerInput { phone: String::new(), email: "a@b.in".into(), whatsapp_opt_in: true, ..valid() }),
        ];
        for (field, input) in cases {
            let got = fields(customers::create(db, &staff(Role::Owner), &input, "91").await);
            assert!(got.iter().any(|f| f == field), "expected an error on {field} for {input:?}, got {got:?}");
        }
        // Several problems at once are all reported.
        let many = CustomerInput { name: String::new(), email: "bad".into(), gstin: "nope".into(), ..valid() };
        let got = fields(customers::create(db, &staff(Role::Owner), &many, "91").await);
        for f in ["name", "email", "gstin"] {
            assert!(got.iter().any(|g| g == f), "{f} missing from {got:?}");
        }
        assert_eq!(count(db, "customers").await, before);
        assert_eq!(count(db, "audit_log").await, audit_before);
    });
}

#[tokio::test]
async fn duplicate_phone_is_refused_on_phone() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let first = customers::create(db, &staff(Role::Owner), &valid(), "91").await.unwrap();
        let before = count(db, "customers").await;
        // Same number typed differently.
        let dup = CustomerInput { name: "Someone Else".into(), phone: "+91 (98765)-43210".into(), ..Default::default() };
        let err = customers::create(db, &staff(Role::Owner), &dup, "91").await.unwrap_err();
        let msg = err.field_message("phone").expect("error on phone");
        assert!(msg.contains("Priya Sharma"), "{msg}");
        assert_eq!(count(db, "customers").await, before);

        // Updating another customer onto that phone is refused too; keeping one's own is fine.
        let other = customers::create(db, &staff(Role::Owner), &CustomerInput { name: "Other".into(), phone: "91234 56789".into(), ..Default::default() }, "91")
            .await
            .unwrap();
        let err = customers::update(db, &staff(Role::Owner), other, 1, &CustomerInput { name: "Other".into(), phone: "9876543210".into(), ..Default::default() }, "91")
            .await
            .unwrap_err();
        assert!(err.field_message("phone").is_some(), "{err:?}");
        assert_eq!(customers::get(db, other, chrono_tz::Asia::Kolkata).await.unwrap().input.phone, "+919123456789");
        customers::update(db, &staff(Role::Owner), first, 1, &CustomerInput { notes: "regular".into(), ..valid() }, "91").await.unwrap();
        assert_eq!(customers::get(db, first, chrono_tz::Asia::Kolkata).await.unwrap().input.notes, "regular");
    });
}

#[tokio::test]
async fn stale_update_conflicts_and_changes_nothing() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let id = customers::create(db, &staff(Role::Owner), &valid(), "91").await.unwrap();
        let loaded = customers::get(db, id, chrono_tz::Asia::Kolkata).await.unwrap();
        // Two people opened version 1; the first save wins.
        customers::update(db, &staff(Role::Owner), id, loaded.version, &CustomerInput { company: "Sharma Sweets".into(), ..valid() }, "91")
            .await
            .unwrap();
        let err = customers::update(db, &staff(Role::Owner), id, loaded.version, &CustomerInput { company: "Stale Co".into(), ..valid() }, "91")
            .await
            .unwrap_err();
        assert!(matches!(err, AppError::Conflict(_)), "{err:?}");
        let now = customers::get(db, id, chrono_tz::Asia::Kolkata).await.unwrap();
        assert_eq!(now.version, 2);
        assert_eq!(now.input.company, "Sharma Sweets");

        // Validation runs before the version check: a bad form is still a field error.
        let err = customers::update(db, &staff(Role::Owner), id, 2, &CustomerInput { name: String::new(), ..valid() }, "91").await.unwrap_err();
        assert!(err.field_message("name").is_some());
        assert_eq!(customers::get(db, id, chrono_tz::Asia::Kolkata).await.unwrap().version, 2);
    });
}

#[tokio::test]
async fn unknown_customer_is_not_found() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        assert!(matches!(customers::get(db, 4242, chrono_tz::Asia::Kolkata).await, Err(AppError::NotFound(_))));
        let err = customers::update(db, &staff(Role::Owner), 4242, 1, &valid(), "91").await.unwrap_err();
        assert!(matches!(err, AppError::NotFound(_)), "{err:?}");
        assert_eq!(count(db, "customers").await, 0);
    });
}

#[tokio::test]
async fn list_searches_name_company_phone_and_tags_and_pages() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let people = [
            ("Anil Mehta", "Mehta Caterers", "98200 11111", "wedding"),
            ("Bhavna Rao", "", "98200 22222", "corporate"),
            ("Chetan Joshi", "Joshi Jewellers", "98200 33333", "vip, wedding"),
            ("Deepa Nair", "Nair Events", "98200 44444", ""),
            ("Esha Gupta", "", "97300 55555", "school"),
            ("Farhan Shaikh", "Shaikh Motors", "97300 66666", "corporate"),
            ("Gauri Patil", "", "97300 77777", ""),
        ];
        for (name, company, phone, tags) in people {
            let input = CustomerInput { name: name.into(), company: company.into(), phone: phone.into(), tags: tags.into(), ..Default::default() };
            customers::create(db, &staff(Role::Owner), &input, "91").await.unwrap();
        }
        let names = |p: &pressdesk::dto::Page<pressdesk::dto::customers::CustomerRow>| p.items.iter().map(|r| r.name.clone()).collect::<Vec<_>>();

        let all = customers::list(db, "", 1, 25).await.unwrap();
        assert_eq!(all.total, 7);
        assert_eq!(all.pages(), 1);
        assert_eq!(names(&all)[0], "Anil Mehta", "sorted by name");
        assert_eq!(all.items[0].orders, 0);

        // By name, case-insensitive.
        assert_eq!(names(&customers::list(db, "joshi", 1, 25).await.unwrap()), vec!["Chetan Joshi"]);
        // By company.
        assert_eq!(names(&customers::list(db, "EVENTS", 1, 25).await.unwrap()), vec!["Deepa Nair"]);
        // By phone digits, typed with spaces.
        assert_eq!(names(&customers::list(db, "973 00", 1, 25).await.unwrap()), vec!["Esha Gupta", "Farhan Shaikh", "Gauri Patil"]);
        assert_eq!(names(&customers::list(db, "44444", 1, 25).await.unwrap()), vec!["Deepa Nair"]);
        // By tag.
        let wedding = customers::list(db, "wedding", 1, 25).await.unwrap();
        assert_eq!(names(&wedding), vec!["Anil Mehta", "Chetan Joshi"]);
        assert_eq!(wedding.items[1].tags, vec!["vip".to_string(), "wedding".to_string()]);
        assert_eq!(customers::list(db, "corporate", 1, 25).await.unwrap().total, 2);
        // LIKE wildcards are not interpreted.
        assert_eq!(customers::list(db, "%", 1, 25).await.unwrap().total, 7);
        assert_eq!(customers::list(db, "zzz", 1, 25).await.unwrap().total, 0);

        // Paging: 7 rows, 3 a page.
        let p1 = customers::list(db, "", 1, 3).await.unwrap();
        let p3 = customers::list(db, "", 3, 3).await.unwrap();
        assert_eq!((p1.total, p1.pages(), p1.items.len()), (7, 3, 3));
        assert_eq!(names(&p1), vec!["Anil Mehta", "Bhavna Rao", "Chetan Joshi"]);
        assert_eq!((p3.page, p3.items.len()), (3, 1));
        assert_eq!(names(&p3), vec!["Gauri Patil"]);
        assert!(customers::list(db, "", 9, 3).await.unwrap().items.is_empty());
        // Page 0 is clamped to 1, per_page to at least 1.
        let p0 = customers::list(db, "", 0, 0).await.unwrap();
        assert_eq!((p0.page, p0.per_page, p0.items.len()), (1, 1, 1));

        // The order form's quick pick uses the same search.
        let opts = customers::search_options(db, "mehta", 10).await.unwrap();
        assert_eq!(opts.len(), 1);
        assert_eq!(opts[0].label, "Anil Mehta · Mehta Caterers · +919820011111");
    });
}
