//! Catalogue pricing: quantity price tiers plus option surcharges. A product's price
//! configuration is plain data so the order form can price a line in the browser.
use super::money::{div_round, Money};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct PriceTier {
    /// Smallest quantity this tier applies to.
    pub min_qty: i64,
    pub unit_price: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct OptionChoice {
    pub label: String,
    /// Added to the unit price (may be negative, e.g. a thinner paper).
    #[serde(default)]
    pub unit_delta: Money,
    /// Percentage change of the unit price in basis points (5000 = +50%), applied after deltas.
    #[serde(default)]
    pub percent_bp: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct OptionGroup {
    /// e.g. "Size", "Paper", "Finish", "Sides", "Colours".
    pub name: String,
    pub choices: Vec<OptionChoice>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct PriceConfig {
    pub base_price: Money,
    pub min_qty: i64,
    pub tiers: Vec<PriceTier>,
    pub groups: Vec<OptionGroup>,
}

/// A chosen option: group name and choice label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ChosenOption {
    pub group: String,
    pub choice: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PricingError {
    BelowMinimum(i64),
    UnknownOption(String),
    MissingOption(String),
}

impl std::fmt::Display for PricingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PricingError::BelowMinimum(m) => write!(f, "Minimum quantity is {m}"),
            PricingError::UnknownOption(o) => write!(f, "Unknown option {o}"),
            PricingError::MissingOption(g) => write!(f, "Choose a {g}"),
        }
    }
}

impl PriceConfig {
    /// Unit price before options: the tier with the largest `min_qty` not above `qty`.
    pub fn tier_price(&self, qty: i64) -> Money {
        self.tiers
            .iter()
            .filter(|t| t.min_qty <= qty)
            .max_by_key(|t| t.min_qty)
            .map(|t| t.unit_price)
            .unwrap_or(self.base_price)
    }

    /// The price a line gets for this quantity and these options. Every group must have a
    /// choice (the first choice is the default the form pre-selects).
    pub fn unit_price(&self, qty: i64, chosen: &[ChosenOption]) -> Result<Money, PricingError> {
        if qty < self.min_qty.max(1) {
            return Err(PricingError::BelowMinimum(self.min_qty.max(1)));
        }
        for c in chosen {
            let known = self
                .groups
                .iter()
                .any(|g| g.name == c.group && g.choices.iter().any(|ch| ch.label == c.choice));
            if !known {
                return Err(PricingError::UnknownOption(format!("{}: {}", c.group, c.choice)));
            }
        }
        let mut price = self.tier_price(qty).0;
        let mut percent = 0i64;
        for g in &self.groups {
            if g.choices.is_empty() {
                continue;
            }
            let choice = chosen
                .iter()
                .find(|c| c.group == g.name)
                .and_then(|c| g.choices.iter().find(|ch| ch.label == c.choice))
                .ok_or_else(|| PricingError::MissingOption(g.name.clone()))?;
            price += choice.unit_delta.0;
            percent += choice.percent_bp;
        }
        let adjusted = div_round(price as i128 * (10_000 + percent) as i128, 10_000);
        Ok(Money(adjusted.max(0)))
    }

    /// Default choice for every group (its first), as the order form starts with.
    pub fn default_options(&self) -> Vec<ChosenOption> {
        self.groups
            .iter()
            .filter_map(|g| g.choices.first().map(|c| ChosenOption { group: g.name.clone(), choice: c.label.clone() }))
            .collect()
    }
}

/// "Size: A4 · Paper: 300 GSM" for line descriptions.
pub fn options_summary(chosen: &[ChosenOption]) -> String {
    chosen.iter().map(|c| format!("{}: {}", c.group, c.choice)).collect::<Vec<_>>().join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cards() -> PriceConfig {
        PriceConfig {
            base_price: Money(150),
            min_qty: 100,
            tiers: vec![
                PriceTier { min_qty: 100, unit_price: Money(150) },
                PriceTier { min_qty: 500, unit_price: Money(90) },
                PriceTier { min_qty: 1000, unit_price: Money(60) },
            ],
            groups: vec![
                OptionGroup {
                    name: "Paper".into(),
                    choices: vec![
                        OptionChoice { label: "300 GSM".into(), ..Default::default() },
                        OptionChoice { label: "350 GSM".into(), unit_delta: Money(20), percent_bp: 0 },
                    ],
                },
                OptionGroup {
                    name: "Sides".into(),
                    choices: vec![
                        OptionChoice { label: "Single".into(), ..Default::default() },
                        OptionChoice { label: "Double".into(), unit_delta: Money(0), percent_bp: 5000 },
                    ],
                },
            ],
        }
    }

    fn opt(g: &str, c: &str) -> ChosenOption {
        ChosenOption { group: g.into(), choice: c.into() }
    }

    #[test]
    fn tiers_pick_largest_applicable() {
        let p = cards();
        assert_eq!(p.tier_price(100), Money(150));
        assert_eq!(p.tier_price(999), Money(90));
        assert_eq!(p.tier_price(5000), Money(60));
    }

    #[test]
    fn options_add_then_percent() {
        let p = cards();
        let price = p.unit_price(500, &[opt("Paper", "350 GSM"), opt("Sides", "Double")]).unwrap();
        // (90 + 20) * 1.5 = 165
        assert_eq!(price, Money(165));
        assert_eq!(p.unit_price(1000, &p.default_options()).unwrap(), Money(60));
    }

    #[test]
    fn rejects_bad_choices() {
        let p = cards();
        assert_eq!(p.unit_price(50, &p.default_options()), Err(PricingError::BelowMinimum(100)));
        assert!(matches!(p.unit_price(100, &[opt("Paper", "Gold")]), Err(PricingError::UnknownOption(_))));
        assert_eq!(p.unit_price(100, &[opt("Paper", "300 GSM")]), Err(PricingError::MissingOption("Sides".into())));
    }

    #[test]
    fn summary_reads_well() {
        assert_eq!(options_summary(&[opt("Size", "A4"), opt("Paper", "130 GSM")]), "Size: A4 · Paper: 130 GSM");
    }
}
