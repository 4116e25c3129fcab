//! Cost estimate by Meta's pricing category, shown before a campaign is sent. Meta charges per
//! delivered template message by category and recipient country; replies inside the 24-hour
//! window (service) are free. Rates are settings (`[whatsapp.rates]`), because Meta revises them.
//!
//! Defaults: Meta's published rate card for India in INR, per message, in force since
//! 1 January 2026: marketing ₹0.8631 (₹0.7846 until 31 December 2025), utility ₹0.1150,
//! authentication ₹0.1150, service free. They exclude GST and any provider's markup, and use
//! the base tier (Meta discounts utility and authentication above 750,000 a month), so the
//! estimate is an upper bound. Utility templates sent inside an open window are free too; count
//! those as service.
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PricingCategory {
    Marketing,
    Utility,
    Authentication,
    Service,
}

impl PricingCategory {
    pub const ALL: [PricingCategory; 4] = [Self::Marketing, Self::Utility, Self::Authentication, Self::Service];

    /// The webhook's `pricing.category`. "marketing_lite" is billed as marketing,
    /// "authentication_international" as authentication (at its own rate, which a shop sending
    /// to Indian numbers does not meet), "referral_conversion" (free entry point) as service.
    pub fn from_wire(s: &str) -> Option<Self> {
        match s {
            "marketing" | "marketing_lite" => Some(Self::Marketing),
            "utility" => Some(Self::Utility),
            "authentication" | "authentication_international" => Some(Self::Authentication),
            "service" | "referral_conversion" => Some(Self::Service),
            _ => None,
        }
    }
}

/// A price per message in ten-thousandths of a rupee (Meta's INR rate card has four decimals),
/// so sums are exact. Written in settings as rupees: `marketing = 0.8631`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Rate(pub u32);

impl Rate {
    /// Rupees, rounded to four decimals; negative, NaN or above ₹1,000 a message is refused.
    pub fn from_inr(inr: f64) -> Result<Rate, String> {
        if !inr.is_finite() || !(0.0..=1_000.0).contains(&inr) {
            return Err(format!("{inr} is not a price per message in rupees"));
        }
        Ok(Rate((inr * 10_000.0).round() as u32))
    }

    pub fn inr(self) -> f64 {
        f64::from(self.0) / 10_000.0
    }
}

impl TryFrom<f64> for Rate {
    type Error = String;
    fn try_from(v: f64) -> Result<Self, String> {
        Rate::from_inr(v)
    }
}

impl From<Rate> for f64 {
    fn from(r: Rate) -> f64 {
        r.inr()
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "₹{}.{:04}", self.0 / 10_000, self.0 % 10_000)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rates {
    pub marketing: Rate,
    pub utility: Rate,
    pub authentication: Rate,
    #[serde(default)]
    pub service: Rate,
}

impl Default for Rates {
    /// Meta's India rate card (INR), from 1 January 2026.
    fn default() -> Self {
        Rates { marketing: Rate(8_631), utility: Rate(1_150), authentication: Rate(1_150), service: Rate(0) }
    }
}

impl Rates {
    pub fn of(&self, c: PricingCategory) -> Rate {
        match c {
            PricingCategory::Marketing => self.marketing,
            PricingCategory::Utility => self.utility,
            PricingCategory::Authentication => self.authentication,
            PricingCategory::Service => self.service,
        }
    }
}

/// Messages per category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Counts {
    pub marketing: u64,
    pub utility: u64,
    pub authentication: u64,
    pub service: u64,
}

impl Counts {
    pub fn of(&self, c: PricingCategory) -> u64 {
        match c {
            PricingCategory::Marketing => self.marketing,
            PricingCategory::Utility => self.utility,
            PricingCategory::Authentication => self.authentication,
            PricingCategory::Service => self.service,
        }
    }

    pub fn add(&mut self, c: PricingCategory, n: u64) {
        let slot = match c {
            PricingCategory::Marketing => &mut self.marketing,
            PricingCategory::Utility => &mut self.utility,
            PricingCategory::Authentication => &mut self.authentication,
            PricingCategory::Service => &mut self.service,
        };
        *slot = slot.saturating_add(n);
    }

    pub fn total(&self) -> u64 {
        PricingCategory::ALL.iter().map(|&c| self.of(c)).fold(0, u64::saturating_add)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub category: PricingCategory,
    pub count: u64,
    pub rate: Rate,
    pub paise: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Estimate {
    /// One line per category with messages, in `PricingCategory::ALL` order.
    pub lines: Vec<Line>,
    pub messages: u64,
    /// Rounded once from the exact sum (lines are rounded each), so it may differ from the sum
    /// of the lines by a paisa or two.
    pub total_paise: u64,
}

/// Ten-thousandths of a rupee to paise, half up.
fn to_paise(units: u128) -> u64 {
    u64::try_from((units + 50) / 100).unwrap_or(u64::MAX)
}

pub fn estimate(counts: &Counts, rates: &Rates) -> Estimate {
    let mut exact: u128 = 0;
    let mut lines = Vec::new();
    for c in PricingCategory::ALL {
        let count = counts.of(c);
        if count == 0 {
            continue;
        }
        let rate = rates.of(c);
        let units = u128::from(count) * u128::from(rate.0);
        exact += units;
        lines.push(Line { category: c, count, rate, paise: to_paise(units) });
    }
    Estimate { lines, messages: counts.total(), total_paise: to_paise(exact) }
}

#[cfg(test)]
mod tests {
    use super::PricingCategory::*;
    use super::*;

    #[test]
    fn india_defaults() {
        let r = Rates::default();
        assert_eq!((r.marketing.to_string(), r.utility.to_string()), ("₹0.8631".into(), "₹0.1150".into()));
        assert_eq!(r.of(Authentication), Rate(1_150));
        assert_eq!(r.of(Service), Rate(0));
    }

    #[test]
    fn campaign_estimate_in_paise() {
        let counts = Counts { marketing: 1_000, utility: 250, authentication: 0, service: 40 };
        let e = estimate(&counts, &Rates::default());
        // 1,000 × ₹0.8631 = ₹863.10; 250 × ₹0.1150 = ₹28.75; service free.
        assert_eq!(
            e.lines.iter().map(|l| (l.category, l.paise)).collect::<Vec<_>>(),
            vec![(Marketing, 86_310), (Utility, 2_875), (Service, 0)]
        );
        assert_eq!(e.total_paise, 89_185);
        assert_eq!(e.messages, 1_290);
    }

    #[test]
    fn rounds_half_up_once_on_the_exact_total() {
        let rates = Rates { marketing: Rate(7_846), ..Rates::default() };
        // 3 × ₹0.7846 = ₹2.3538 -> 235 paise; 1 × ₹0.1150 = 11.5 -> 12 paise; exact total ₹2.4688 -> 247.
        let e = estimate(&Counts { marketing: 3, utility: 1, ..Default::default() }, &rates);
        assert_eq!(e.lines[0].paise, 235);
        assert_eq!(e.lines[1].paise, 12);
        assert_eq!(e.total_paise, 247);
        assert_eq!(estimate(&Counts::default(), &rates), Estimate { lines: vec![], messages: 0, total_paise: 0 });
    }

    #[test]
    fn huge_counts_do_not_overflow() {
        let e = estimate(&Counts { marketing: u64::MAX, ..Default::default() }, &Rates::default());
        assert_eq!(e.total_paise, u64::MAX, "saturates instead of wrapping");
        let e = estimate(&Counts { marketing: 10_000_000, ..Default::default() }, &Rates::default());
        assert_eq!(e.total_paise, 863_100_000);
        let mut c = Counts { utility: u64::MAX, ..Default::default() };
        c.add(Utility, 5);
        assert_eq!(c.total(), u64::MAX);
    }

    #[test]
    fn rates_are_settings_in_rupees() {
        let r: Rates =
            serde_json::from_str(r#"{"marketing": 0.7846, "utility": 0.115, "authentication": 0.1150}"#).unwrap();
        assert_eq!((r.marketing, r.utility, r.service), (Rate(7_846), Rate(1_150), Rate(0)));
        assert_eq!(serde_json::to_value(Rates::default()).unwrap()["marketing"], 0.8631);
        assert!(serde_json::from_str::<Rates>(r#"{"marketing": -1, "utility": 0, "authentication": 0}"#).is_err());
        assert!(Rate::from_inr(f64::NAN).is_err());
        assert_eq!(Rate::from_inr(12.5).unwrap().to_string(), "₹12.5000");
    }

    #[test]
    fn webhook_categories() {
        assert_eq!(PricingCategory::from_wire("marketing_lite"), Some(Marketing));
        assert_eq!(PricingCategory::from_wire("authentication_international"), Some(Authentication));
        assert_eq!(PricingCategory::from_wire("referral_conversion"), Some(Service));
        assert_eq!(PricingCategory::from_wire("utility"), Some(Utility));
        assert_eq!(PricingCategory::from_wire("conversational"), None);
        let mut c = Counts::default();
        c.add(Marketing, 2);
        c.add(Marketing, 3);
        assert_eq!(c.of(Marketing), 5);
    }
}
