//! Money in minor units (paise/cents). Integer arithmetic only: a print shop's invoices
//! must add up to the paisa on every screen and every PDF.
use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Money(pub i64);

impl Money {
    pub const ZERO: Money = Money(0);

    pub fn from_major(rupees: i64) -> Money {
        Money(rupees * 100)
    }

    pub fn paise(self) -> i64 {
        self.0
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// Multiply by a rate in basis points (1800 = 18%), rounding half away from zero.
    pub fn apply_bp(self, bp: i64) -> Money {
        Money(div_round(self.0 as i128 * bp as i128, 10_000))
    }

    /// Multiply a unit price by a quantity.
    /// Amount for `qty` units; saturates for display only. Totals use `checked_times`.
    pub fn times(self, qty: i64) -> Money {
        Money(self.0.saturating_mul(qty))
    }

    pub fn checked_times(self, qty: i64) -> Option<Money> {
        self.0.checked_mul(qty).map(Money)
    }

    pub fn checked_add(self, o: Money) -> Option<Money> {
        self.0.checked_add(o.0).map(Money)
    }

    pub fn checked_sub(self, o: Money) -> Option<Money> {
        self.0.checked_sub(o.0).map(Money)
    }

    /// Parses user input such as "1,250.50", "₹ 99", "12.5" into minor units.
    /// More than two decimals is an error rather than a silent rounding.
    pub fn parse(input: &str) -> Result<Money, String> {
        let cleaned: String = input
            .trim()
            .trim_start_matches('₹')
            .trim_start_matches("Rs.")
            .trim_start_matches("Rs")
            .chars()
            .filter(|c| *c != ',' && !c.is_whitespace())
            .collect();
        if cleaned.is_empty() {
            return Err("Enter an amount".into());
        }
        let (neg, body) = match cleaned.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, cleaned.as_str()),
        };
        let (whole, frac) = match body.split_once('.') {
            Some((w, f)) => (w, f),
            None => (body, ""),
        };
        if whole.is_empty() && frac.is_empty() {
            return Err("Enter an amount".into());
        }
        if !whole.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) {
            return Err("Use digits only, e.g. 1250.50".into());
        }
        if frac.len() > 2 {
            return Err("At most two decimals".into());
        }
        if whole.len() > 13 {
            return Err("Amount is too large".into());
        }
        let whole_v: i64 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| "Amount is too large")? };
        let frac_v: i64 = match frac.len() {
            0 => 0,
            1 => frac.parse::<i64>().unwrap_or(0) * 10,
            _ => frac.parse::<i64>().unwrap_or(0),
        };
        let v = whole_v * 100 + frac_v;
        Ok(Money(if neg { -v } else { v }))
    }

    /// Plain decimal form without grouping, for input fields: "1250.50".
    pub fn to_input(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", a / 100, a % 100)
    }
}

/// Divide rounding half away from zero.
pub fn div_round(n: i128, d: i128) -> i64 {
    let q = n / d;
    let r = n % d;
    let adj = if (r.abs() * 2) >= d.abs() { n.signum() * d.signum() } else { 0 };
    (q + adj) as i64
}

/// Groups digits the Indian way (12,34,567) when `indian`, else in thousands.
pub fn group_digits(n: u64, indian: bool) -> String {
    let s = n.to_string();
    if s.len() <= 3 {
        return s;
    }
    let (head, last3) = s.split_at(s.len() - 3);
    let step = if indian { 2 } else { 3 };
    let mut parts = Vec::new();
    let mut end = head.len();
    while end > 0 {
        let start = end.saturating_sub(step);
        parts.push(&head[start..end]);
        end = start;
    }
    parts.reverse();
    format!("{},{}", parts.join(","), last3)
}

impl fmt::Display for Money {
    /// "₹1,23,456.78": Indian grouping, the shop's default currency.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        write!(f, "{sign}₹{}.{:02}", group_digits(a / 100, true), a % 100)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, o: Money) -> Money {
        Money(self.0 + o.0)
    }
}
impl Sub for Money {
    type Output = Money;
    fn sub(self, o: Money) -> Money {
        Money(self.0 - o.0)
    }
}
impl AddAssign for Money {
    fn add_assign(&mut self, o: Money) {
        self.0 += o.0
    }
}
impl SubAssign for Money {
    fn sub_assign(&mut self, o: Money) {
        self.0 -= o.0
    }
}
impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}
impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        Money(iter.map(|m| m.0).sum())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_indian_grouping() {
        assert_eq!(Money(12_345_678).to_string(), "₹1,23,456.78");
        assert_eq!(Money(99).to_string(), "₹0.99");
        assert_eq!(Money(-150_000).to_string(), "-₹1,500.00");
        assert_eq!(Money(1_000_000_000_00).to_string(), "₹1,00,00,00,000.00");
        assert_eq!(group_digits(1_234_567, false), "1,234,567");
    }

    #[test]
    fn parses_user_input() {
        assert_eq!(Money::parse("1,250.50"), Ok(Money(125_050)));
        assert_eq!(Money::parse("₹ 99"), Ok(Money(9_900)));
        assert_eq!(Money::parse("12.5"), Ok(Money(1_250)));
        assert_eq!(Money::parse(".75"), Ok(Money(75)));
        assert!(Money::parse("12.345").is_err());
        assert!(Money::parse("abc").is_err());
        assert!(Money::parse("").is_err());
        assert_eq!(Money(125_050).to_input(), "1250.50");
    }

    #[test]
    fn basis_points_round_half_away_from_zero() {
        // 18% of 0.25 = 0.045 -> 0.05
        assert_eq!(Money(25).apply_bp(1800), Money(5));
        // 9% of 1.05 = 0.0945 -> 0.09
        assert_eq!(Money(105).apply_bp(900), Money(9));
        assert_eq!(Money(-25).apply_bp(1800), Money(-5));
        assert_eq!(div_round(5, 10), 1);
        assert_eq!(div_round(4, 10), 0);
    }
}
