#![cfg(feature = "ssr")]
//! Products service: validation with field names, SKU uniqueness, update in place, active
//! filter, on SQLite and PostgreSQL.
use crate::common;

use common::{count, fields, staff, TestDb};
use pressdesk::domain::money::Money;
use pressdesk::domain::pricing::{OptionChoice, OptionGroup, PriceTier};
use pressdesk::domain::roles::Role;
use pressdesk::dto::products::ProductInput;
use pressdesk::error::AppError;
use pressdesk::services::products;

fn valid() -> ProductInput {
    ProductInput {
        sku: "stk-round".into(),
        name: "Round stickers".into(),
        category: "Stickers & labels".into(),
        description: "Die-cut round stickers".into(),
        unit: "pcs".into(),
        base_price: Money(500),
        min_qty: 100,
        hsn_sac: "4821".into(),
        tax_rate_bp: 1800,
        groups: vec![OptionGroup {
            name: " Finish ".into(),
            choices: vec![
                OptionChoice { label: "Gloss".into(), ..Default::default() },
                OptionChoice { label: "Matt".into(), unit_delta: Money(50), percent_bp: 0 },
            ],
        }],
        // Out of order on purpose: the service sorts them.
        tiers: vec![PriceTier { min_qty: 500, unit_price: Money(300) }, PriceTier { min_qty: 100, unit_price: Money(500) }],
        active: true,
    }
}

#[tokio::test]
async fn save_normalises_and_round_trips() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let id = products::save(db, &staff(Role::Manager), None, &valid()).await.unwrap();
        let p = products::get(db, id).await.unwrap();
        assert_eq!(p.id, id);
        assert_eq!(p.input.sku, "STK-ROUND");
        assert_eq!(p.input.groups[0].name, "Finish");
        assert_eq!(p.input.groups[0].choices.len(), 2);
        assert_eq!(p.input.tiers.iter().map(|t| t.min_qty).collect::<Vec<_>>(), vec![100, 500]);
        assert_eq!(p.input.base_price, Money(500));
        assert_eq!(p.input.tax_rate_bp, 1800);
        // Priced from what was stored: 600 matt stickers = (3.00 + 0.50).
        let price = p.price_config().unit_price(600, &[common::opt("Finish", "Matt")]).unwrap();
        assert_eq!(price, Money(350));
        assert_eq!(count(db, "products").await, 1);
        assert_eq!(count(db, "audit_log").await, 1);
    });
}

#[tokio::test]
async fn every_bad_field_is_named_and_nothing_is_written() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        products::save(db, &staff(Role::Owner), None, &valid()).await.unwrap();
        let before = count(db, "products").await;
        let tier = |q: i64, p: i64| PriceTier { min_qty: q, unit_price: Money(p) };
        let group = |name: &str, labels: &[&str]| OptionGroup {
            name: name.into(),
            choices: labels.iter().map(|l| OptionChoice { label: l.to_string(), ..Default::default() }).collect(),
        };
        let cases: Vec<(&str, ProductInput)> = vec![
            ("sku", ProductInput { sku: "   ".into(), ..valid() }),
            ("sku", ProductInput { sku: "BAD SKU!".into(), ..valid() }),
            ("sku", ProductInput { sku: "S".repeat(33), ..valid() }),
            // Same SKU as the saved one, typed in lower case: not unique.
            ("sku", ProductInput { sku: " stk-round ".into(), name: "Another".into(), ..valid() }),
            ("name", ProductInput { name: String::new(), ..valid() }),
            ("category", ProductInput { category: "Balloons".into(), sku: "A1".into(), ..valid() }),
            ("unit", ProductInput { unit: "kg".into(), sku: "A2".into(), ..valid() }),
            ("base_price", ProductInput { base_price: Money(-1), sku: "A3".into(), ..valid() }),
            ("min_qty", ProductInput { min_qty: 0, sku: "A4".into(), ..valid() }),
            ("hsn_sac", ProductInput { hsn_sac: "49a1".into(), sku: "A5".into(), ..valid() }),
            ("hsn_sac", ProductInput { hsn_sac: "491".into(), sku: "A6".into(), ..valid() }),
            ("hsn_sac", ProductInput { hsn_sac: "123456789".into(), sku: "A7".into(), ..valid() }),
            ("tax_rate_bp", ProductInput { tax_rate_bp: 10_001, sku: "A8".into(), ..valid() }),
            ("tax_rate_bp", ProductInput { tax_rate_bp: -100, sku: "A9".into(), ..valid() }),
            ("tiers", ProductInput { tiers: vec![tier(100, 500), tier(100, 450)], sku: "B1".into(), ..valid() }),
            ("tiers", ProductInput { tiers: vec![tier(0, 500)], sku: "B2".into(), ..valid() }),
            ("tiers", ProductInput { tiers: vec![tier(100, -5)], sku: "B3".into(), ..valid() }),
            ("groups", ProductInput { groups: vec![group("Finish", &[])], sku: "B4".into(), ..valid() }),
            ("groups", ProductInput { groups: vec![group(" ", &["Gloss"])], sku: "B5".into(), ..valid() }),
            ("groups", ProductInput { groups: vec![group("Finish", &["Gloss"]), group("Finish", &["Matt"])], sku: "B6".into(), ..valid() }),
            ("groups", ProductInput { groups: vec![group("Finish", &["Gloss", " "])], sku: "B7".into(), ..valid() }),
        ];
        for (field, input) in cases {
            let got = fields(products::save(db, &staff(Role::Owner), None, &input).await);
            assert!(got.iter().any(|f| f == field), "expected an error on {field} for sku {:?}, got {got:?}", input.sku);
        }
        assert_eq!(count(db, "products").await, before);
        // Boundaries that are fine: 0% and 100% tax, 4- and 8-digit HSN, empty HSN, no groups.
        for (sku, rate, hsn) in [("OK-1", 0, "4911"), ("OK-2", 10_000, "99839100"), ("OK-3", 500, "")] {
            products::save(db, &staff(Role::Owner), None, &ProductInput { sku: sku.into(), tax_rate_bp: rate, hsn_sac: hsn.into(), groups: vec![], ..valid() })
                .await
                .unwrap();
        }
        assert_eq!(count(db, "products").await, before + 3);
    });
}

#[tokio::test]
async fn update_keeps_id_and_checks_sku_against_others() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let id = products::save(db, &staff(Role::Owner), None, &valid()).await.unwrap();
        let other = products::save(db, &staff(Role::Owner), None, &ProductInput { sku: "OTHER".into(), ..valid() }).await.unwrap();
        let changed = ProductInput { name: "Round stickers (vinyl)".into(), base_price: Money(650), min_qty: 50, ..valid() };
        // Saving under its own SKU is not a clash.
        assert_eq!(products::save(db, &staff(Role::Owner), Some(id), &changed).await.unwrap(), id);
        let p = products::get(db, id).await.unwrap();
        assert_eq!(p.input.name, "Round stickers (vinyl)");
        assert_eq!(p.input.base_price, Money(650));
        assert_eq!(p.input.min_qty, 50);
        assert_eq!(count(db, "products").await, 2);

        // Taking another product's SKU is refused on "sku", and nothing changes.
        let err = products::save(db, &staff(Role::Owner), Some(id), &ProductInput { sku: "other".into(), ..changed.clone() }).await.unwrap_err();
        assert!(err.field_message("sku").is_some(), "{err:?}");
        assert_eq!(products::get(db, id).await.unwrap().input.sku, "STK-ROUND");
        assert_eq!(products::get(db, other).await.unwrap().input.name, "Round stickers");

        // Unknown id.
        let err = products::save(db, &staff(Role::Owner), Some(9999), &ProductInput { sku: "NEW-SKU".into(), ..valid() }).await.unwrap_err();
        assert!(matches!(err, AppError::NotFound(_)), "{err:?}");
        assert!(matches!(products::get(db, 9999).await, Err(AppError::NotFound(_))));
        assert_eq!(count(db, "products").await, 2);
    });
}

#[tokio::test]
async fn list_all_or_active_only() {
    on_every_backend!(async |t: &TestDb| {
        let db = &t.db;
        let catalogue = common::catalogue(db).await;
        assert_eq!(catalogue.len(), pressdesk::seed::catalogue::products().len());
        // Seeding twice does nothing.
        assert_eq!(pressdesk::seed::ensure_catalogue(db).await.unwrap(), 0);
        let flyer = &catalogue["FLY-A5"];
        products::save(db, &staff(Role::Owner), Some(flyer.id), &ProductInput { active: false, ..flyer.input.clone() }).await.unwrap();

        let all = products::list(db, false).await.unwrap();
        let active = products::list(db, true).await.unwrap();
        assert_eq!(all.len(), catalogue.len());
        assert_eq!(active.len(), catalogue.len() - 1);
        assert!(active.iter().all(|p| p.input.active));
        assert!(!active.iter().any(|p| p.id == flyer.id));
        assert!(all.iter().any(|p| p.id == flyer.id && !p.input.active));
        // Sorted by category, then name.
        let keys: Vec<(String, String)> = all.iter().map(|p| (p.input.category.clone(), p.input.name.clone())).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        // The seeded catalogue prices like the domain says: 500 standard cards, defaults = 0.80.
        let bc = &catalogue["BC-STD"];
        assert_eq!(bc.price_config().unit_price(500, &bc.price_config().default_options()).unwrap(), Money(80));
    });
}
