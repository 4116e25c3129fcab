//! The WhatsApp simulator's phone screen: the numbers that have a conversation with the
//! built-in fake of Meta's API, and one conversation as the customer's phone shows it.
use serde::{Deserialize, Serialize};

/// Longest text WhatsApp takes in one message.
pub const MAX_TEXT: usize = 4096;

/// What the phone screen shows. `enabled` is false when a real WhatsApp account is
/// configured (no simulator runs); everything else is then empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct PhoneView {
    pub enabled: bool,
    /// wa_ids ("919800000001") that have a conversation, most recent first.
    pub phones: Vec<String>,
    /// The conversation shown: the one asked for, else the most recent.
    pub selected: Option<String>,
    /// Its bubbles, oldest first.
    pub items: Vec<PhoneBubble>,
}

impl PhoneView {
    pub fn off() -> PhoneView {
        PhoneView::default()
    }
}

/// One bubble. `incoming` is the customer's own message (to the shop), drawn on the right;
/// the shop's messages are what the customer received, on the left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneBubble {
    pub incoming: bool,
    pub wamid: String,
    /// text, template, image, document, interactive, button, ...
    pub kind: String,
    pub text: String,
    /// Reply buttons, list rows or a template's quick replies, to tap as the customer.
    pub buttons: Vec<PhoneButton>,
    /// The shop's messages: sent, delivered, read (or failed). The customer's: received,
    /// then read once the shop has read it.
    pub status: String,
    /// Shop-local time, "2:05 pm".
    pub time: String,
    /// "Today", "Yesterday" or "3 Mar 2026" on the first bubble of each day, else None.
    pub day: Option<String>,
    /// A sent photo's or document's link, opened from the bubble as the phone would.
    pub link: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneButton {
    pub id: String,
    pub title: String,
}

/// A WhatsApp number as typed ("+91 98000 00001") to its wa_id ("919800000001"): a leading
/// '+' and spaces are dropped, then 8 to 15 digits (with the country code) must remain.
pub fn wa_id(input: &str) -> Result<String, &'static str> {
    let t = input.trim();
    let digits: String = t.strip_prefix('+').unwrap_or(t).chars().filter(|c| !c.is_whitespace()).collect();
    if digits.is_empty() {
        return Err("Enter a WhatsApp number, like +91 98000 00001");
    }
    if !digits.chars().all(|c| c.is_ascii_digit()) || !(8..=15).contains(&digits.len()) {
        return Err("A WhatsApp number is 8 to 15 digits with the country code, like +91 98000 00001");
    }
    Ok(digits)
}

/// A message as the customer sends it: 1 to 4096 characters, trimmed.
pub fn message_text(input: &str) -> Result<String, String> {
    let t = input.trim();
    if t.is_empty() {
        Err("Write a message".into())
    } else if t.chars().count() > MAX_TEXT {
        Err(format!("At most {MAX_TEXT} characters"))
    } else {
        Ok(t.to_string())
    }
}

/// A wa_id as people read it: "919800000001" is "+91 98000 00001", other numbers get a plus,
/// anything else (a WhatsApp user id) is shown as it is.
pub fn display_number(wa: &str) -> String {
    if wa.is_empty() || !wa.bytes().all(|b| b.is_ascii_digit()) {
        return wa.to_string();
    }
    match wa.strip_prefix("91") {
        Some(rest) if rest.len() == 10 => format!("+91 {} {}", &rest[..5], &rest[5..]),
        _ => format!("+{wa}"),
    }
}

/// The ticks a bubble shows for its status, and how a screen reader says them.
pub fn ticks(incoming: bool, status: &str) -> (&'static str, &'static str) {
    match status {
        "read" if incoming => ("✓✓", "Read by the shop"),
        "received" => ("✓✓", "Received by the shop"),
        "read" => ("✓✓", "Read"),
        "delivered" => ("✓✓", "Delivered"),
        "failed" => ("!", "Not delivered"),
        _ => ("✓", "Sent"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_digits() {
        assert_eq!(wa_id("+91 98000 00001"), Ok("919800000001".into()));
        assert_eq!(wa_id(" 919800000001 "), Ok("919800000001".into()));
        assert_eq!(wa_id("12345678"), Ok("12345678".into()));
        assert!(wa_id("").is_err());
        assert!(wa_id("1234567").is_err(), "too short");
        assert!(wa_id("1234567890123456").is_err(), "too long");
        assert!(wa_id("+91-98000-00001").is_err(), "only spaces are dropped");
        assert!(wa_id("++919800000001").is_err());
        assert!(wa_id("٩١٩٨٠٠٠٠٠٠٠١").is_err(), "ASCII digits only");
    }

    #[test]
    fn messages_are_trimmed_and_bounded() {
        assert_eq!(message_text("  hours \n"), Ok("hours".into()));
        assert!(message_text("   ").is_err());
        assert!(message_text(&"é".repeat(MAX_TEXT)).is_ok());
        assert!(message_text(&"a".repeat(MAX_TEXT + 1)).is_err());
    }

    #[test]
    fn numbers_read_like_numbers() {
        assert_eq!(display_number("919800000001"), "+91 98000 00001");
        assert_eq!(display_number("15550000001"), "+15550000001");
        assert_eq!(display_number("IN.1648"), "IN.1648");
    }

    #[test]
    fn ticks_follow_the_status() {
        assert_eq!(ticks(false, "sent").0, "✓");
        assert_eq!(ticks(false, "read"), ("✓✓", "Read"));
        assert_eq!(ticks(true, "read").1, "Read by the shop");
        assert_eq!(ticks(true, "received").1, "Received by the shop");
    }
}
