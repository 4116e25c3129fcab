//! Human document numbers. Invoices are numbered gap-free per Indian financial year
//! (April to March), as GST rules require; orders per calendar year.
use chrono::{Datelike, NaiveDate};

/// Financial year label of a date: 2026-11-25 -> "2026-27", 2027-03-31 -> "2026-27".
pub fn financial_year(d: NaiveDate) -> String {
    let start = if d.month() >= 4 { d.year() } else { d.year() - 1 };
    format!("{}-{:02}", start, (start + 1) % 100)
}

/// The number-series key for invoices of a financial year.
pub fn invoice_series_key(fy: &str) -> String {
    format!("invoice:{fy}")
}

pub fn order_series_key(year: i32) -> String {
    format!("order:{year}")
}

/// Rule 46(b) of the CGST Rules, 2017: at most 16 characters (letters, digits, '-', '/').
pub const MAX_DOCUMENT_NUMBER: usize = 16;
/// Every series must fit this many documents a year at the least.
pub const MIN_YEARLY_CAPACITY: i64 = 99_999;

/// How the financial year appears inside a document number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FyFormat {
    /// "2627" (the default: leaves room for a longer prefix).
    Short,
    /// "2026-27".
    Long,
}

impl FyFormat {
    pub fn parse(s: &str) -> Result<FyFormat, String> {
        match s.trim() {
            "" | "short" | "YYYY" => Ok(FyFormat::Short),
            "long" | "YYYY-YY" => Ok(FyFormat::Long),
            other => Err(format!("Unknown financial-year format {other:?}: use \"short\" (2627) or \"long\" (2026-27)")),
        }
    }

    /// `fy` is the stored label, "2026-27".
    pub fn render(self, fy: &str) -> String {
        match self {
            FyFormat::Long => fy.to_string(),
            FyFormat::Short => fy.get(2..4).zip(fy.get(5..7)).map(|(a, b)| format!("{a}{b}")).unwrap_or_else(|| fy.replace('-', "")),
        }
    }

    fn len(self) -> usize {
        match self {
            FyFormat::Short => 4,
            FyFormat::Long => 7,
        }
    }
}

/// A document prefix ("INV", "CN") that, with the year format, leaves room for at least
/// `MIN_YEARLY_CAPACITY` numbers within `MAX_DOCUMENT_NUMBER` characters.
pub fn check_series(prefix: &str, fy: FyFormat) -> Result<(), String> {
    if prefix.is_empty() {
        return Err("The prefix is required".into());
    }
    if !prefix.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err("Use letters, digits and '-' only in the prefix".into());
    }
    let digits = MIN_YEARLY_CAPACITY.to_string().len();
    let longest = prefix.len() + 1 + fy.len() + 1 + digits;
    if longest > MAX_DOCUMENT_NUMBER {
        let room = MAX_DOCUMENT_NUMBER - (2 + fy.len() + digits);
        return Err(format!("With this year format the prefix may have at most {room} characters (numbers may not exceed {MAX_DOCUMENT_NUMBER})"));
    }
    Ok(())
}

/// "INV/2627/00001": prefix, year, and the serial padded to five digits. Refuses a number
/// that would exceed 16 characters (a series past its capacity) rather than print one.
pub fn document_number(prefix: &str, fy: &str, format: FyFormat, seq: i64) -> Result<String, String> {
    if seq < 1 {
        return Err("Serial numbers start at 1".into());
    }
    let n = format!("{prefix}/{}/{seq:05}", format.render(fy));
    if n.len() > MAX_DOCUMENT_NUMBER {
        return Err(format!("The {prefix} series for {fy} is full ({n} would exceed {MAX_DOCUMENT_NUMBER} characters)"));
    }
    Ok(n)
}

/// The number-series key for credit notes of a financial year (their own gap-free series).
pub fn credit_note_series_key(fy: &str) -> String {
    format!("credit_note:{fy}")
}

/// "PD-2026-00042".
pub fn order_number(prefix: &str, year: i32, seq: i64) -> String {
    format!("{prefix}-{year}-{seq:05}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn financial_years_turn_in_april() {
        assert_eq!(financial_year(d(2026, 11, 25)), "2026-27");
        assert_eq!(financial_year(d(2027, 3, 31)), "2026-27");
        assert_eq!(financial_year(d(2027, 4, 1)), "2027-28");
        assert_eq!(financial_year(d(2099, 4, 1)), "2099-00");
    }

    #[test]
    fn formats() {
        assert_eq!(document_number("INV", "2026-27", FyFormat::Short, 1).unwrap(), "INV/2627/00001");
        assert_eq!(document_number("IN", "2026-27", FyFormat::Long, 1585).unwrap(), "IN/2026-27/01585");
        assert_eq!(order_number("PD", 2026, 42), "PD-2026-00042");
        assert_eq!(order_number("PD", 2026, 123_456), "PD-2026-123456");
        assert_eq!(invoice_series_key("2026-27"), "invoice:2026-27");
    }

    #[test]
    fn numbers_never_exceed_sixteen_characters() {
        // The default series has room for far more than 99,999 invoices a year.
        assert_eq!(document_number("INV", "2026-27", FyFormat::Short, 99_999).unwrap().len(), 14);
        assert_eq!(document_number("INV", "2026-27", FyFormat::Short, 9_999_999).unwrap().len(), 16);
        assert!(document_number("INV", "2026-27", FyFormat::Short, 10_000_000).is_err());
        // The old demo number INV/2026-27/01585 had 17 characters: that combination is refused.
        assert!(check_series("INV", FyFormat::Long).is_err());
        assert!(check_series("IN", FyFormat::Long).is_ok());
        assert!(check_series("INVOICE", FyFormat::Short).is_err());
        assert!(check_series("TAX-I", FyFormat::Short).is_ok());
        assert!(check_series("TAX-IN", FyFormat::Short).is_err(), "TAX-IN/2627/00001 would have 17");
        assert!(check_series("IN V", FyFormat::Short).is_err());
        assert!(check_series("", FyFormat::Short).is_err());
        for seq in [1, 42, 99_999] {
            for (p, f) in [("INV", FyFormat::Short), ("CN", FyFormat::Short), ("IN", FyFormat::Long)] {
                let n = document_number(p, "2026-27", f, seq).unwrap();
                assert!(n.len() <= MAX_DOCUMENT_NUMBER && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '/'), "{n}");
            }
        }
        assert_eq!(FyFormat::Short.render("2099-00"), "9900");
        assert!(FyFormat::parse("weird").is_err());
    }
}
