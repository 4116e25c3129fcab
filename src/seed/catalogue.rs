//! The demo shop's catalogue: what an Indian commercial printer sells, with realistic
//! option surcharges, quantity tiers, HSN/SAC codes and GST rates.
use crate::domain::money::Money;
use crate::domain::pricing::{OptionChoice, OptionGroup, PriceTier};
use crate::dto::products::ProductInput;

fn tiers(t: &[(i64, i64)]) -> Vec<PriceTier> {
    t.iter().map(|&(q, p)| PriceTier { min_qty: q, unit_price: Money(p) }).collect()
}

/// Option group from (label, paise added per unit, percent in basis points).
fn group(name: &str, choices: &[(&str, i64, i64)]) -> OptionGroup {
    OptionGroup {
        name: name.into(),
        choices: choices
            .iter()
            .map(|&(l, d, p)| OptionChoice { label: l.into(), unit_delta: Money(d), percent_bp: p })
            .collect(),
    }
}

#[allow(clippy::too_many_arguments)]
fn product(sku: &str, name: &str, category: &str, unit: &str, min_qty: i64, hsn: &str, rate_bp: i32, t: &[(i64, i64)], groups: Vec<OptionGroup>, description: &str) -> ProductInput {
    let tiers = tiers(t);
    ProductInput {
        sku: sku.into(),
        name: name.into(),
        category: category.into(),
        description: description.into(),
        unit: unit.into(),
        base_price: tiers.first().map(|t| t.unit_price).unwrap_or_default(),
        min_qty,
        hsn_sac: hsn.into(),
        tax_rate_bp: rate_bp,
        groups,
        tiers,
        active: true,
    }
}

pub fn products() -> Vec<ProductInput> {
    let sides = || group("Sides", &[("Single sided", 0, 0), ("Double sided", 0, 5000)]);
    vec![
        product("BC-STD", "Business cards", "Business cards", "pcs", 100, "4911", 1800,
            &[(100, 150), (250, 110), (500, 80), (1000, 55)],
            vec![
                group("Paper", &[("300 GSM art card", 0, 0), ("350 GSM matt", 20, 0), ("300 GSM textured", 60, 0)]),
                group("Finish", &[("No lamination", 0, 0), ("Matt lamination", 25, 0), ("Gloss lamination", 20, 0), ("Spot UV", 120, 0)]),
                sides(),
            ],
            "Standard 89 x 54 mm visiting cards"),
        product("BC-PREM", "Premium business cards", "Business cards", "pcs", 100, "4911", 1800,
            &[(100, 600), (500, 420), (1000, 320)],
            vec![group("Finish", &[("Gold foil", 0, 0), ("Silver foil", 0, 0), ("Foil + emboss", 100, 0)]), sides()],
            "Foil-stamped cards on 600 GSM board"),
        product("FLY-A5", "Flyers", "Flyers & leaflets", "pcs", 100, "4911", 1800,
            &[(100, 600), (500, 300), (1000, 200), (5000, 120)],
            vec![
                group("Size", &[("A5", 0, 0), ("A4", 0, 9000), ("DL", 0, -2000)]),
                group("Paper", &[("90 GSM maplitho", 0, 0), ("130 GSM art", 40, 0), ("170 GSM art", 80, 0)]),
                sides(),
            ],
            "Full-colour flyers and leaflets"),
        product("BRO-A4", "Tri-fold brochures", "Brochures", "pcs", 100, "4911", 1800,
            &[(100, 1800), (500, 1100), (1000, 800)],
            vec![
                group("Paper", &[("130 GSM art", 0, 0), ("170 GSM art", 150, 0)]),
                group("Finish", &[("No lamination", 0, 0), ("Matt lamination", 300, 0)]),
            ],
            "A4 tri-fold, creased and folded"),
        product("POS-A2", "Posters", "Posters", "pcs", 10, "4911", 1800,
            &[(10, 9000), (50, 6000), (100, 4500)],
            vec![group("Paper", &[("170 GSM gloss", 0, 0), ("250 GSM matt", 1500, 0)])],
            "A2 posters"),
        product("FLX-STD", "Flex banners", "Banners & flex", "sqft", 10, "4911", 1800,
            &[(10, 1800), (100, 1500), (500, 1200)],
            vec![
                group("Material", &[("Frontlit 280 GSM", 0, 0), ("Star flex", 600, 0), ("Backlit", 1400, 0)]),
                group("Finishing", &[("Hemming only", 0, 0), ("Eyelets", 200, 0), ("Pole pocket", 300, 0)]),
            ],
            "Large-format flex printing, priced per square foot"),
        product("VIN-STK", "Vinyl stickers", "Stickers & labels", "pcs", 100, "4821", 1800,
            &[(100, 800), (500, 400), (1000, 250)],
            vec![
                group("Shape", &[("Square cut", 0, 0), ("Die cut", 150, 0)]),
                group("Finish", &[("Gloss", 0, 0), ("Matt", 50, 0)]),
            ],
            "Waterproof vinyl stickers"),
        product("LBL-ROLL", "Product labels (roll)", "Stickers & labels", "pcs", 500, "4821", 1800,
            &[(500, 200), (2000, 120), (10000, 70)],
            vec![group("Material", &[("Chromo paper", 0, 0), ("PP synthetic", 60, 0)])],
            "Roll labels for products and packaging"),
        product("WED-CARD", "Wedding invitation cards", "Wedding cards", "pcs", 50, "4909", 1200,
            &[(50, 6500), (200, 4500), (500, 3500)],
            vec![
                group("Style", &[("Single card", 0, 0), ("Folded with envelope", 2500, 0), ("Boxed premium", 9000, 0)]),
                group("Print", &[("Digital", 0, 0), ("Offset with foil", 1500, 0)]),
            ],
            "Invitations with matching envelopes"),
        product("LTR-A4", "Letterheads", "Letterheads", "pcs", 100, "4911", 1800,
            &[(100, 700), (500, 400), (1000, 280)],
            vec![group("Paper", &[("90 GSM bond", 0, 0), ("100 GSM executive bond", 80, 0)])],
            "A4 company letterheads"),
        product("ENV-DL", "Envelopes", "Envelopes", "pcs", 100, "4817", 1800,
            &[(100, 900), (500, 550), (1000, 380)],
            vec![group("Size", &[("DL", 0, 0), ("C5", 200, 0), ("C4", 500, 0)])],
            "Printed office envelopes"),
        product("BOX-MONO", "Mono carton boxes", "Packaging", "pcs", 500, "4819", 1800,
            &[(500, 1800), (1000, 1300), (5000, 900)],
            vec![
                group("Board", &[("300 GSM SBS", 0, 0), ("350 GSM FBB", 200, 0)]),
                group("Finish", &[("No coating", 0, 0), ("Gloss varnish", 80, 0), ("Matt lamination", 150, 0)]),
            ],
            "Printed, die-cut and pasted folding cartons"),
        product("CAL-WALL", "Wall calendars", "Calendars", "set", 25, "4910", 1200,
            &[(25, 22000), (100, 16000), (500, 12000)],
            vec![group("Pages", &[("6 sheets", 0, 0), ("12 sheets", 6000, 0)])],
            "Wiro-bound wall calendars"),
        product("CAL-DESK", "Desk calendars", "Calendars", "set", 25, "4910", 1200,
            &[(25, 18000), (100, 13000)],
            vec![],
            "Tent desk calendars on board stand"),
        product("DES-SVC", "Graphic design", "Other", "set", 1, "998391", 1800,
            &[(1, 150_000)],
            vec![group("Complexity", &[("Simple", 0, 0), ("Standard", 100_000, 0), ("Premium", 350_000, 0)])],
            "Artwork and layout by our studio"),
    ]
}
