//! What each kind of customer buys, when, and in what quantities; lines priced with the
//! real catalogue (`PriceConfig::unit_price`).
use super::people::Kind;
use super::pick::{chance, pick, weighted_index, Rng};
use crate::domain::money::Money;
use crate::domain::pricing::{options_summary, ChosenOption, PriceConfig};
use crate::dto::products::Product;
use rand::Rng as _;

/// A catalogue product as the seeder uses it.
#[derive(Debug, Clone)]
pub struct Item {
    pub id: i32,
    pub sku: String,
    pub name: String,
    pub price: PriceConfig,
    pub tax_rate_bp: i32,
    pub hsn_sac: String,
    pub unit: String,
}

#[derive(Debug, Clone)]
pub struct Catalogue {
    items: Vec<Item>,
}

impl Catalogue {
    /// Active products, in id order.
    pub fn new(products: &[Product]) -> Catalogue {
        let mut items: Vec<Item> = products
            .iter()
            .filter(|p| p.input.active)
            .map(|p| Item {
                id: p.id,
                sku: p.input.sku.clone(),
                name: p.input.name.clone(),
                price: p.price_config(),
                tax_rate_bp: p.input.tax_rate_bp,
                hsn_sac: p.input.hsn_sac.clone(),
                unit: p.input.unit.clone(),
            })
            .collect();
        items.sort_by_key(|i| i.id);
        Catalogue { items }
    }

    /// True when no product can be priced at its minimum quantity with default options.
    pub fn unusable(&self) -> bool {
        !self.items.iter().any(|i| i.price.unit_price(i.price.min_qty.max(1), &i.price.default_options()).is_ok())
    }

    fn by_sku(&self, sku: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.sku == sku)
    }
}

/// A line before totals: what `services::orders::price_lines` would produce.
#[derive(Debug, Clone)]
pub struct Line {
    pub product_id: i32,
    pub description: String,
    pub options_json: String,
    pub quantity: i64,
    pub unit_price: Money,
    pub discount: Money,
    pub tax_rate_bp: i32,
    pub hsn_sac: String,
    pub unit: String,
}

// Month profiles, Jan..Dec.
const ALL: [f64; 12] = [1.0; 12];
const DIWALI: [f64; 12] = [0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.05, 0.4, 1.6, 1.3, 0.05];
const CALENDARS: [f64; 12] = [0.8, 0.05, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.05, 0.3, 1.4, 1.6];
const WEDDING: [f64; 12] = [1.6, 1.5, 0.5, 1.2, 1.4, 0.3, 0.2, 0.2, 0.4, 0.8, 1.7, 1.8];
const SCHOOL: [f64; 12] = [0.3, 0.5, 1.0, 1.3, 1.2, 2.5, 1.8, 0.3, 0.2, 0.2, 0.2, 0.3];
const FESTIVE: [f64; 12] = [1.2, 0.6, 0.8, 0.8, 0.6, 0.5, 0.5, 0.8, 1.0, 1.8, 1.6, 1.2];
const TEMPLE: [f64; 12] = [0.8, 0.6, 0.8, 0.8, 0.5, 0.4, 0.6, 1.8, 2.2, 1.8, 1.0, 0.6];

/// (weight, month profile, [(sku, probability)]): the first line is always bought, the
/// others go with it often (cards + letterheads + envelopes, boxes + labels...).
type Basket = (f64, [f64; 12], &'static [(&'static str, f64)]);

fn baskets(kind: Kind) -> &'static [Basket] {
    match kind {
        Kind::Family => &[
            (5.0, WEDDING, &[("WED-CARD", 1.0), ("ENV-DL", 0.55), ("VIN-STK", 0.1), ("DES-SVC", 0.25)]),
            (1.5, ALL, &[("FLX-STD", 1.0), ("POS-A2", 0.2)]),
            (1.0, DIWALI, &[("FLY-A5", 1.0)]),
            (0.5, ALL, &[("BC-STD", 1.0)]),
        ],
        Kind::Professional => &[
            (3.0, ALL, &[("BC-STD", 1.0), ("LTR-A4", 0.3)]),
            (2.0, ALL, &[("FLY-A5", 1.0), ("POS-A2", 0.15)]),
            (1.0, ALL, &[("BC-PREM", 1.0)]),
            (0.8, WEDDING, &[("WED-CARD", 1.0), ("ENV-DL", 0.5)]),
            (0.5, CALENDARS, &[("CAL-DESK", 1.0)]),
        ],
        Kind::Corporate => &[
            (4.0, ALL, &[("BC-STD", 1.0), ("LTR-A4", 0.65), ("ENV-DL", 0.55), ("DES-SVC", 0.1)]),
            (1.5, ALL, &[("BC-PREM", 1.0), ("BC-STD", 0.2)]),
            (6.0, DIWALI, &[("BOX-MONO", 1.0), ("CAL-DESK", 0.5), ("FLY-A5", 0.5), ("VIN-STK", 0.3)]),
            (5.0, CALENDARS, &[("CAL-WALL", 1.0), ("CAL-DESK", 0.6), ("ENV-DL", 0.2)]),
            (1.5, ALL, &[("BRO-A4", 1.0), ("FLY-A5", 0.4), ("POS-A2", 0.2)]),
            (1.0, ALL, &[("FLX-STD", 1.0), ("BRO-A4", 0.4), ("BC-STD", 0.3)]),
        ],
        Kind::Startup => &[
            (3.0, ALL, &[("BC-STD", 1.0), ("LTR-A4", 0.4), ("ENV-DL", 0.3)]),
            (2.0, ALL, &[("VIN-STK", 1.0), ("POS-A2", 0.3)]),
            (2.0, ALL, &[("FLX-STD", 1.0), ("BRO-A4", 0.3), ("VIN-STK", 0.3)]),
            (3.0, DIWALI, &[("BOX-MONO", 1.0), ("CAL-DESK", 0.4)]),
            (0.7, ALL, &[("DES-SVC", 1.0), ("BC-STD", 0.5)]),
        ],
        Kind::Restaurant => &[
            (3.0, ALL, &[("BRO-A4", 1.0), ("FLY-A5", 0.4)]),
            (3.0, ALL, &[("FLY-A5", 1.0), ("FLX-STD", 0.4), ("POS-A2", 0.3)]),
            (2.5, ALL, &[("BOX-MONO", 1.0), ("LBL-ROLL", 0.6), ("VIN-STK", 0.3)]),
            (1.0, ALL, &[("VIN-STK", 1.0)]),
            (1.0, ALL, &[("BC-STD", 1.0)]),
            (1.5, FESTIVE, &[("FLX-STD", 1.0), ("FLY-A5", 0.6)]),
        ],
        Kind::SweetShop => &[
            (2.0, ALL, &[("BOX-MONO", 1.0), ("LBL-ROLL", 0.7)]),
            (8.0, DIWALI, &[("BOX-MONO", 1.0), ("LBL-ROLL", 0.8), ("VIN-STK", 0.4), ("FLX-STD", 0.3)]),
            (2.0, ALL, &[("LBL-ROLL", 1.0), ("VIN-STK", 0.3)]),
            (1.0, ALL, &[("FLX-STD", 1.0)]),
            (2.0, CALENDARS, &[("CAL-WALL", 1.0)]),
        ],
        Kind::School => &[
            (6.0, SCHOOL, &[("FLY-A5", 1.0), ("POS-A2", 0.6), ("FLX-STD", 0.6), ("BRO-A4", 0.3)]),
            (2.0, ALL, &[("FLX-STD", 1.0), ("POS-A2", 0.5), ("FLY-A5", 0.3)]),
            (1.5, ALL, &[("LTR-A4", 1.0), ("ENV-DL", 0.5), ("BC-STD", 0.3)]),
            (2.0, CALENDARS, &[("CAL-WALL", 1.0), ("CAL-DESK", 0.3)]),
        ],
        Kind::Clinic => &[
            (3.0, ALL, &[("LTR-A4", 1.0), ("BC-STD", 0.6), ("ENV-DL", 0.5)]),
            (2.0, ALL, &[("POS-A2", 1.0), ("FLY-A5", 0.6)]),
            (1.0, ALL, &[("FLX-STD", 1.0)]),
            (1.5, CALENDARS, &[("CAL-WALL", 1.0)]),
        ],
        Kind::RealEstate => &[
            (4.0, ALL, &[("FLY-A5", 1.0), ("BRO-A4", 0.6), ("FLX-STD", 0.5)]),
            (2.0, ALL, &[("FLX-STD", 1.0)]),
            (1.5, ALL, &[("BC-PREM", 1.0)]),
            (1.5, DIWALI, &[("BOX-MONO", 1.0), ("CAL-DESK", 0.5)]),
            (1.5, CALENDARS, &[("CAL-WALL", 1.0), ("CAL-DESK", 0.4)]),
        ],
        Kind::EventPlanner => &[
            (5.0, WEDDING, &[("WED-CARD", 1.0), ("ENV-DL", 0.6), ("VIN-STK", 0.2), ("FLX-STD", 0.3)]),
            (3.0, ALL, &[("FLX-STD", 1.0), ("POS-A2", 0.5), ("VIN-STK", 0.3), ("FLY-A5", 0.3)]),
            (0.5, ALL, &[("BC-STD", 1.0)]),
        ],
        Kind::Boutique => &[
            (2.0, ALL, &[("BC-PREM", 1.0), ("VIN-STK", 0.4)]),
            (2.0, ALL, &[("LBL-ROLL", 1.0), ("VIN-STK", 0.4)]),
            (3.0, FESTIVE, &[("FLY-A5", 1.0), ("FLX-STD", 0.5), ("POS-A2", 0.3)]),
            (1.2, ALL, &[("BOX-MONO", 1.0), ("VIN-STK", 0.3)]),
        ],
        Kind::Temple => &[
            (4.0, TEMPLE, &[("FLX-STD", 1.0), ("FLY-A5", 0.6), ("POS-A2", 0.4)]),
            (3.0, CALENDARS, &[("CAL-WALL", 1.0)]),
            (1.0, ALL, &[("LTR-A4", 1.0), ("ENV-DL", 0.4)]),
        ],
    }
}

/// Typical order quantities per product (ascending: big customers draw from the top).
fn quantities(sku: &str) -> &'static [i64] {
    match sku {
        "BC-STD" => &[100, 100, 200, 250, 500, 500, 1000, 2000],
        "BC-PREM" => &[100, 100, 200, 500, 1000],
        "FLY-A5" => &[100, 250, 500, 1000, 1000, 2000, 5000, 10000],
        "BRO-A4" => &[100, 250, 500, 1000, 2000],
        "POS-A2" => &[10, 20, 25, 50, 100],
        "VIN-STK" => &[100, 250, 500, 1000, 2000],
        "LBL-ROLL" => &[500, 1000, 2000, 5000, 10000, 20000],
        "WED-CARD" => &[50, 100, 150, 200, 250, 300, 400, 500, 700, 1000],
        "LTR-A4" => &[100, 250, 500, 1000, 2000],
        "ENV-DL" => &[100, 250, 500, 1000],
        "BOX-MONO" => &[500, 1000, 2000, 5000, 10000],
        "CAL-WALL" => &[25, 50, 100, 200, 500],
        "CAL-DESK" => &[25, 50, 100, 200, 300],
        "DES-SVC" => &[1],
        _ => &[],
    }
}

fn quantity(rng: &mut Rng, item: &Item, big: bool) -> (i64, String) {
    let min = item.price.min_qty.max(1);
    if item.sku == "FLX-STD" {
        // Banners are sold by the square foot: width x height in feet.
        let w = *pick(rng, &[3i64, 4, 5, 6, 8, 10, 12, 15, 20]);
        let h = *pick(rng, &[2i64, 3, 4, 5, 6, 8, 10]);
        let sqft = (w * h).clamp(20, 300).max(min);
        return (sqft, format!(" {w} x {h} ft"));
    }
    let list = quantities(&item.sku);
    if list.is_empty() {
        return (min * rng.gen_range(1..=5), String::new());
    }
    let mut i = rng.gen_range(0..list.len());
    if big {
        i = i.max(rng.gen_range(0..list.len()));
    }
    (list[i].max(min), String::new())
}

/// Options: the default (first) choice about half the time, otherwise any other.
fn options(rng: &mut Rng, price: &PriceConfig) -> Vec<ChosenOption> {
    price
        .groups
        .iter()
        .filter(|g| !g.choices.is_empty())
        .map(|g| {
            let i = if g.choices.len() == 1 || chance(rng, 0.55) { 0 } else { rng.gen_range(1..g.choices.len()) };
            ChosenOption { group: g.name.clone(), choice: g.choices[i].label.clone() }
        })
        .collect()
}

fn line(rng: &mut Rng, item: &Item, big: bool) -> Option<Line> {
    let (quantity, size) = quantity(rng, item, big);
    let chosen = options(rng, &item.price);
    let unit_price = item.price.unit_price(quantity, &chosen).ok()?;
    let summary = options_summary(&chosen);
    let description = if summary.is_empty() { format!("{}{size}", item.name) } else { format!("{} ({summary}){size}", item.name) };
    Some(Line {
        product_id: item.id,
        description,
        options_json: serde_json::to_string(&chosen).unwrap_or_else(|_| "[]".into()),
        quantity,
        unit_price,
        discount: Money::ZERO,
        tax_rate_bp: item.tax_rate_bp,
        hsn_sac: item.hsn_sac.clone(),
        unit: item.unit.clone(),
    })
}

/// The lines of one order for a customer of `kind` in month `month0` (0 = January).
pub fn basket(rng: &mut Rng, cat: &Catalogue, kind: Kind, month0: usize, big: bool, regular: bool) -> Vec<Line> {
    let list = baskets(kind);
    let b = &list[weighted_index(rng, list.iter().map(|b| b.0 * b.1[month0]))];
    let mut lines: Vec<Line> = Vec::with_capacity(b.2.len());
    for &(sku, p) in b.2 {
        if lines.iter().any(|l| cat.by_sku(sku).is_some_and(|i| i.id == l.product_id)) || !chance(rng, p) {
            continue;
        }
        if let Some(l) = cat.by_sku(sku).and_then(|item| line(rng, item, big)) {
            lines.push(l);
        }
    }
    if lines.is_empty() {
        // A catalogue without the usual SKUs: sell whatever there is.
        let start = rng.gen_range(0..cat.items.len().max(1));
        for k in 0..cat.items.len() {
            let item = &cat.items[(start + k) % cat.items.len()];
            if let Some(l) = line(rng, item, big) {
                lines.push(l);
                break;
            }
        }
    }
    // Regulars and big jobs get a discount now and then, in round rupees.
    if !lines.is_empty() && chance(rng, if regular { 0.18 } else { 0.08 }) {
        let i = rng.gen_range(0..lines.len());
        let l = &mut lines[i];
        let subtotal = l.unit_price.times(l.quantity).0;
        let pct = *pick(rng, &[5i64, 5, 10, 10, 15]);
        let d = (subtotal * pct / 100) / 100 * 100;
        l.discount = Money(d.clamp(0, subtotal));
    }
    lines
}
