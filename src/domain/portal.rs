//! Customer-facing rules: the friendly order timeline, one-time codes, ratings.
use super::order::OrderStatus;
use chrono::{DateTime, Duration, Utc};

/// The steps a customer sees, in order.
pub const STEPS: [&str; 7] = ["Received", "Designing", "Awaiting your approval", "Printing", "Finishing", "Ready", "Delivered"];

/// Which step an order is at, from its status and the stage codes of its jobs (the least
/// advanced job decides: an order is as far as its slowest item).
pub fn customer_step(status: OrderStatus, job_stages: &[&str]) -> usize {
    match status {
        OrderStatus::Delivered => return 6,
        OrderStatus::Ready => return 5,
        OrderStatus::Draft | OrderStatus::Cancelled => return 0,
        _ => {}
    }
    let step_of = |code: &str| match code {
        "design" => 1,
        "proof" => 2,
        "prepress" | "printing" => 3,
        "finishing" | "qc" => 4,
        "dispatch" => 5,
        "delivered" => 6,
        _ => 0,
    };
    job_stages.iter().map(|c| step_of(c)).min().unwrap_or(0)
}

/// Percent along the customer's timeline.
pub fn step_percent(step: usize) -> f64 {
    step as f64 * 100.0 / (STEPS.len() - 1) as f64
}

pub const CODE_MINUTES: i64 = 10;
pub const CODE_TRIES: i32 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeCheck {
    Ok,
    Wrong,
    Expired,
    Used,
    TooManyTries,
}

/// Checks a typed code against the stored one's state (`matches` = the hashes agree).
pub fn check_code(matches: bool, attempts: i32, expires_at: DateTime<Utc>, used: bool, now: DateTime<Utc>) -> CodeCheck {
    if used {
        CodeCheck::Used
    } else if attempts >= CODE_TRIES {
        CodeCheck::TooManyTries
    } else if now > expires_at {
        CodeCheck::Expired
    } else if matches {
        CodeCheck::Ok
    } else {
        CodeCheck::Wrong
    }
}

pub fn code_message(c: CodeCheck) -> &'static str {
    match c {
        CodeCheck::Ok => "",
        CodeCheck::Wrong => "That code is not right. Check the WhatsApp message and try again",
        CodeCheck::Expired => "That code has expired. Ask for a new one",
        CodeCheck::Used => "That code was already used. Ask for a new one",
        CodeCheck::TooManyTries => "Too many wrong tries. Ask for a new code",
    }
}

pub const RATING_EDIT_DAYS: i64 = 7;
pub const LOW_RATING: i32 = 2;

/// A delivered order can be rated; the rating can be changed for 7 days.
pub fn may_rate(status: OrderStatus, rated_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Result<(), &'static str> {
    if status != OrderStatus::Delivered {
        return Err("You can rate an order once it is delivered");
    }
    match rated_at {
        Some(t) if now - t > Duration::days(RATING_EDIT_DAYS) => Err("Ratings can be changed for 7 days"),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slowest_job_decides_the_step() {
        assert_eq!(customer_step(OrderStatus::InProduction, &["printing", "proof"]), 2);
        assert_eq!(customer_step(OrderStatus::InProduction, &["finishing", "qc"]), 4);
        assert_eq!(customer_step(OrderStatus::Confirmed, &[]), 0);
        assert_eq!(customer_step(OrderStatus::Ready, &["dispatch"]), 5);
        assert_eq!(customer_step(OrderStatus::Delivered, &[]), 6);
        assert_eq!(STEPS[customer_step(OrderStatus::InProduction, &["design"])], "Designing");
        assert_eq!(step_percent(6), 100.0);
    }

    #[test]
    fn codes_expire_are_single_use_and_limited() {
        let now = Utc::now();
        let later = now + Duration::minutes(CODE_MINUTES);
        assert_eq!(check_code(true, 0, later, false, now), CodeCheck::Ok);
        assert_eq!(check_code(false, 0, later, false, now), CodeCheck::Wrong);
        assert_eq!(check_code(true, 0, now - Duration::seconds(1), false, now), CodeCheck::Expired);
        assert_eq!(check_code(true, 0, later, true, now), CodeCheck::Used);
        assert_eq!(check_code(true, CODE_TRIES, later, false, now), CodeCheck::TooManyTries);
    }

    #[test]
    fn ratings_after_delivery_editable_a_week() {
        let now = Utc::now();
        assert!(may_rate(OrderStatus::Delivered, None, now).is_ok());
        assert!(may_rate(OrderStatus::Ready, None, now).is_err());
        assert!(may_rate(OrderStatus::Delivered, Some(now - Duration::days(6)), now).is_ok());
        assert!(may_rate(OrderStatus::Delivered, Some(now - Duration::days(8)), now).is_err());
    }
}
