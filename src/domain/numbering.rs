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

/// "INV/2026-27/00001". 16 characters fit the GST limit for invoice numbers.
pub fn invoice_number(prefix: &str, fy: &str, seq: i64) -> String {
    format!("{prefix}/{fy}/{seq:05}")
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
        assert_eq!(invoice_number("INV", "2026-27", 1), "INV/2026-27/00001");
        assert_eq!(order_number("PD", 2026, 42), "PD-2026-00042");
        assert_eq!(order_number("PD", 2026, 123_456), "PD-2026-123456");
        assert_eq!(invoice_series_key("2026-27"), "invoice:2026-27");
    }
}
