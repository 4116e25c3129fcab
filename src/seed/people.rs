//! Demo customers: individuals and businesses of an Indian city print shop, with the
//! "kind" that decides what each one buys and when.
use super::names::*;
use super::pick::{chance, pick, weighted, Rng};
use chrono::NaiveDate;
use rand::Rng as _;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// Families ordering wedding cards and the odd banner.
    Family,
    /// Freelancers, tutors, consultants.
    Professional,
    Corporate,
    Startup,
    Restaurant,
    SweetShop,
    School,
    Clinic,
    RealEstate,
    EventPlanner,
    Boutique,
    Temple,
}

/// Share of customers per kind, and the share of those businesses that are GST-registered.
const KINDS: &[(Kind, f64, f64)] = &[
    (Kind::Family, 20.0, 0.0),
    (Kind::Professional, 10.0, 0.0),
    (Kind::Corporate, 13.0, 0.6),
    (Kind::Startup, 7.0, 0.5),
    (Kind::Restaurant, 10.0, 0.35),
    (Kind::SweetShop, 5.0, 0.4),
    (Kind::School, 8.0, 0.15),
    (Kind::Clinic, 7.0, 0.15),
    (Kind::RealEstate, 6.0, 0.4),
    (Kind::EventPlanner, 6.0, 0.35),
    (Kind::Boutique, 6.0, 0.3),
    (Kind::Temple, 2.0, 0.05),
];

impl Kind {
    pub fn is_business(self) -> bool {
        !matches!(self, Kind::Family | Kind::Professional)
    }

    fn tags(self) -> &'static str {
        match self {
            Kind::Family => "individual, wedding",
            Kind::Professional => "individual",
            Kind::Corporate => "corporate",
            Kind::Startup => "corporate, startup",
            Kind::Restaurant => "restaurant, food",
            Kind::SweetShop => "retail, food",
            Kind::School => "school",
            Kind::Clinic => "healthcare",
            Kind::RealEstate => "real-estate",
            Kind::EventPlanner => "events, wedding",
            Kind::Boutique => "retail",
            Kind::Temple => "trust",
        }
    }

    /// PAN holder type (4th PAN letter): company, firm, trust or individual.
    fn pan_type(self) -> char {
        match self {
            Kind::Corporate | Kind::Startup => 'C',
            Kind::Temple | Kind::School => 'T',
            Kind::RealEstate | Kind::EventPlanner => 'F',
            _ => 'P',
        }
    }
}

#[derive(Debug, Clone)]
pub struct Customer {
    pub id: i32,
    pub kind: Kind,
    pub name: String,
    pub company: String,
    pub phone: String,
    pub email: Option<String>,
    pub billing_address: String,
    pub shipping_address: String,
    pub state_code: String,
    pub gstin: Option<String>,
    pub tags: String,
    pub notes: String,
    pub whatsapp_opt_in: bool,
    /// First day the customer exists (their orders come after).
    pub since: NaiveDate,
    /// Relative order frequency (Pareto: regulars weigh about six times more).
    pub weight: f64,
    pub regular: bool,
    /// Orders large quantities.
    pub big: bool,
}

impl Customer {
    /// "Company (Contact)" or the person, as invoices print the buyer.
    pub fn display(&self) -> String {
        if self.company.is_empty() {
            self.name.clone()
        } else {
            format!("{} ({})", self.company, self.name)
        }
    }
}

/// Distinct 9-digit tails from a counter: multiplying by a number coprime with 10^9 is a
/// bijection, so phones never repeat across runs while looking random.
pub fn phone_for(k: u64) -> String {
    let tail = (k.wrapping_mul(387_420_489).wrapping_add(123_456_789)) % 1_000_000_000;
    format!("+919{tail:09}")
}

const GSTIN_CHARS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// Check character of a GSTIN, the algorithm of `domain::validate`.
pub fn gstin_check(first14: &str) -> Option<char> {
    let mut sum = 0u32;
    for (i, ch) in first14.bytes().enumerate() {
        let v = GSTIN_CHARS.iter().position(|&c| c == ch)? as u32;
        let p = v * if i % 2 == 0 { 1 } else { 2 };
        sum += p / 36 + p % 36;
    }
    Some(GSTIN_CHARS[((36 - sum % 36) % 36) as usize] as char)
}

/// A well-formed GSTIN for a state: PAN shape with the holder type and initial, entity
/// code, 'Z' and a valid check character.
pub fn gstin(rng: &mut Rng, state_code: &str, pan_type: char, initial: char) -> String {
    let letter = |rng: &mut Rng| (b'A' + rng.gen_range(0..26u8)) as char;
    let mut g = String::with_capacity(15);
    g.push_str(state_code);
    for _ in 0..3 {
        g.push(letter(rng));
    }
    g.push(pan_type);
    g.push(if initial.is_ascii_uppercase() { initial } else { 'A' });
    g.push_str(&format!("{:04}", rng.gen_range(0..10_000)));
    g.push(letter(rng));
    g.push(if chance(rng, 0.9) { '1' } else { '2' });
    g.push('Z');
    let check = gstin_check(&g).unwrap_or('0');
    g.push(check);
    g
}

fn slug(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase()
}

fn business_name(rng: &mut Rng, kind: Kind, surname: &str, first: &str, city: &str, locality: &str) -> String {
    match kind {
        Kind::Family | Kind::Professional => String::new(),
        Kind::Corporate => format!("{} {}", pick(rng, CORP_WORDS), pick(rng, CORP_SUFFIX)),
        Kind::Startup => format!("{} {}", pick(rng, STARTUP_WORDS), pick(rng, STARTUP_SUFFIX)),
        Kind::Restaurant => {
            if chance(rng, 0.5) {
                pick(rng, CAFE).to_string()
            } else {
                format!("{} {}", pick(rng, CAFE), locality)
            }
        }
        Kind::SweetShop => format!("{} {}", if chance(rng, 0.5) { surname } else { city }, pick(rng, SWEETS)),
        Kind::School => format!("{} {}", pick(rng, SCHOOL_NAMES), pick(rng, SCHOOL)),
        Kind::Clinic => format!("Dr. {surname}'s {}", pick(rng, CLINIC)),
        Kind::RealEstate => format!("{} {}", if chance(rng, 0.6) { surname } else { pick(rng, CORP_WORDS) }, pick(rng, REALTY)),
        Kind::EventPlanner => format!("{} {}", if chance(rng, 0.5) { first } else { pick(rng, CORP_WORDS) }, pick(rng, EVENTS)),
        Kind::Boutique => format!("{} {}", first, pick(rng, BOUTIQUE)),
        Kind::Temple => format!("{}, {}", pick(rng, TRUSTS), locality),
    }
}

/// Customer seasonality: how much more (or less) a kind orders in each month (Jan..Dec).
pub fn season(kind: Kind) -> [f64; 12] {
    match kind {
        Kind::Family | Kind::EventPlanner => [1.6, 1.5, 0.8, 1.3, 1.4, 0.6, 0.5, 0.5, 0.7, 0.9, 1.6, 1.7],
        Kind::Corporate | Kind::Startup => [1.2, 0.9, 1.1, 1.0, 0.9, 0.9, 0.8, 0.8, 1.0, 1.7, 1.5, 1.3],
        Kind::School => [0.7, 0.8, 1.1, 1.2, 1.0, 2.2, 1.8, 0.7, 0.7, 0.8, 0.7, 1.1],
        Kind::SweetShop => [0.8, 0.8, 0.8, 0.8, 0.8, 0.7, 0.7, 1.1, 1.2, 2.6, 2.0, 0.9],
        Kind::Temple => [0.9, 0.7, 0.8, 0.9, 0.6, 0.5, 0.7, 1.6, 2.0, 1.7, 1.0, 0.8],
        Kind::Boutique => [1.1, 0.8, 0.8, 1.0, 0.9, 0.7, 0.7, 0.9, 1.0, 1.6, 1.4, 1.1],
        _ => [1.0; 12],
    }
}

/// `n` new customers with ids from `first_id`. `since_range` is the span over which
/// newcomers join; about half already existed before it starts. `taken` holds the phones and
/// e-mails in use (a contact belongs to one customer only).
pub fn generate(
    rng: &mut Rng,
    n: usize,
    first_id: i32,
    shop_state: &str,
    since_range: (NaiveDate, NaiveDate),
    taken: &BTreeSet<String>,
) -> Vec<Customer> {
    let kinds: Vec<(Kind, f64)> = KINDS.iter().map(|k| (k.0, k.1)).collect();
    let cities: Vec<(usize, f64)> = CITIES.iter().enumerate().map(|(i, c)| (i, c.weight)).collect();
    let (start, end) = since_range;
    let span = (end - start).num_days().max(1);
    let mut phone_counter = first_id.max(0) as u64;
    let mut out = Vec::with_capacity(n);
    let mut emails: BTreeSet<String> = taken.iter().filter(|c| c.contains('@')).cloned().collect();
    for i in 0..n {
        let id = first_id + i as i32;
        let kind = weighted(rng, &kinds);
        let gst_share = KINDS.iter().find(|k| k.0 == kind).map(|k| k.2).unwrap_or(0.0);
        let first = *pick(rng, FIRST_NAMES);
        let surname = *pick(rng, SURNAMES);
        let name = format!("{first} {surname}");
        let city = &CITIES[weighted(rng, &cities)];
        let (locality, pin_off) = *pick(rng, city.localities);
        let company = business_name(rng, kind, surname, first, city.name, locality);
        let address = format!(
            "{}, {}, {}, {}, {} {}",
            rng.gen_range(1..250),
            pick(rng, BUILDINGS),
            pick(rng, city.roads),
            locality,
            city.name,
            city.pin + pin_off
        );
        let shipping_address = if kind.is_business() && chance(rng, 0.1) {
            format!("Godown: {}, {}, {} {}", rng.gen_range(1..90), pick(rng, city.roads), city.name, city.pin + pin_off)
        } else {
            address.clone()
        };
        let phone = loop {
            phone_counter += 1;
            let p = phone_for(phone_counter);
            if !taken.contains(&p) {
                break p;
            }
        };
        let email = if kind.is_business() && chance(rng, 0.92) {
            let who = *pick(rng, &["info", "contact", "accounts", "office", "admin"]);
            let tld = if chance(rng, 0.6) { "in" } else { "com" };
            // The domain from the first two words: "Bean Street Café" -> beanstreet.in
            let base: String = company.split_whitespace().take(2).map(slug).collect();
            Some(format!("{who}@{}.{tld}", &base[..base.len().min(20)]))
        } else if !kind.is_business() && chance(rng, 0.75) {
            Some(format!("{}.{}{}@{}", slug(first), slug(surname), rng.gen_range(1..99), pick(rng, EMAIL_HOSTS)))
        } else {
            None
        };
        // Two businesses may share a name's first words: number the later ones.
        let email = email.map(|e| {
            let mut candidate = e.clone();
            let mut k = 2;
            while emails.contains(&candidate) {
                let (user, host) = e.split_once('@').unwrap_or((&e, "example.in"));
                candidate = format!("{user}{k}@{host}");
                k += 1;
            }
            emails.insert(candidate.clone());
            candidate
        });
        let gstin = (kind.is_business() && chance(rng, gst_share)).then(|| {
            let initial = company.chars().find(|c| c.is_ascii_alphabetic()).unwrap_or('A').to_ascii_uppercase();
            gstin(rng, city.state_code, kind.pan_type(), initial)
        });
        let regular = chance(rng, if kind.is_business() { 0.25 } else { 0.1 });
        let mut tags = kind.tags().to_string();
        if regular {
            tags.push_str(", repeat");
        }
        if city.state_code != shop_state {
            tags.push_str(", outstation");
        }
        let notes = if chance(rng, 0.2) { pick(rng, CUSTOMER_NOTES).to_string() } else { String::new() };
        let since = if chance(rng, 0.5) {
            start - chrono::Duration::days(rng.gen_range(1..400))
        } else {
            start + chrono::Duration::days(rng.gen_range(0..span))
        };
        out.push(Customer {
            id,
            kind,
            name,
            company,
            phone,
            email,
            billing_address: address,
            shipping_address,
            state_code: city.state_code.to_string(),
            gstin,
            tags,
            notes,
            whatsapp_opt_in: chance(rng, 0.7),
            since,
            weight: if regular { 6.0 } else { 1.0 } * rng.gen_range(0.5..1.5),
            regular,
            big: matches!(kind, Kind::Corporate | Kind::RealEstate | Kind::School) && chance(rng, 0.5),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validate::validate_gstin;

    #[test]
    fn generated_gstins_validate() {
        let mut rng = super::super::pick::rng(7, 99);
        for state in ["27", "29", "24", "07", "36", "30", "23"] {
            for t in ['C', 'F', 'P', 'T'] {
                for _ in 0..200 {
                    let g = gstin(&mut rng, state, t, 'S');
                    assert_eq!(validate_gstin(&g), Ok(g.clone()), "{g}");
                    assert_eq!(&g[..2], state);
                }
            }
        }
    }

    #[test]
    fn check_char_matches_known_gstins() {
        assert_eq!(gstin_check("27AAPFU0939F1Z"), Some('V'));
        assert_eq!(gstin_check("29AAGCB7383J1Z"), Some('4'));
    }

    #[test]
    fn customers_are_plausible_and_unique() {
        let mut rng = super::super::pick::rng(42, 1);
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let list = generate(&mut rng, 500, 1, "27", (d(2024, 11, 25), d(2026, 11, 1)), &BTreeSet::new());
        let phones: BTreeSet<_> = list.iter().map(|c| c.phone.clone()).collect();
        assert_eq!(phones.len(), 500);
        for c in &list {
            assert!(crate::domain::validate::normalize_phone(&c.phone, "91").is_ok_and(|p| p == c.phone));
            assert!(c.phone.starts_with("+919") && c.phone.len() == 13);
            if let Some(e) = &c.email {
                assert!(crate::domain::validate::is_email(e), "{e}");
            }
            if let Some(g) = &c.gstin {
                assert_eq!(&g[..2], c.state_code);
                assert!(validate_gstin(g).is_ok());
            }
            assert_eq!(c.kind.is_business(), !c.company.is_empty());
        }
        let maharashtra = list.iter().filter(|c| c.state_code == "27").count();
        assert!(maharashtra > 350, "{maharashtra}");
        let businesses = list.iter().filter(|c| c.kind.is_business()).count();
        let gst = list.iter().filter(|c| c.gstin.is_some()).count();
        let share = gst as f64 / businesses as f64;
        assert!((0.25..0.45).contains(&share), "{share}");
    }
}
