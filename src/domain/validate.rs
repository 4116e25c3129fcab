//! Input validation shared by forms (instant feedback) and server functions (authoritative).
//! Every rule answers with a message a shop's staff or customer understands.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// Errors keyed by form field name; empty means valid.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        let field = field.into();
        // First message per field wins: it is the most basic problem.
        if self.get(&field).is_none() {
            self.0.push(FieldError { field, message: message.into() });
        }
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.iter().find(|e| e.field == field).map(|e| e.message.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn single(field: &str, message: &str) -> Self {
        let mut e = Self::new();
        e.add(field, message);
        e
    }

    /// Text that is required and at most `max` characters (after trimming).
    pub fn required(&mut self, field: &str, value: &str, max: usize) {
        let v = value.trim();
        if v.is_empty() {
            self.add(field, "This field is required");
        } else if v.chars().count() > max {
            self.add(field, format!("At most {max} characters"));
        }
    }

    pub fn max_len(&mut self, field: &str, value: &str, max: usize) {
        if value.trim().chars().count() > max {
            self.add(field, format!("At most {max} characters"));
        }
    }

    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

/// Normalises a phone number to E.164. Spaces, dashes and brackets are ignored; a national
/// 10-digit number (or one starting with 0) gets the shop's country code.
pub fn normalize_phone(input: &str, default_country_code: &str) -> Result<String, String> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err("Enter a phone number".into());
    }
    let plus = trimmed.starts_with('+');
    let mut digits = String::new();
    for ch in trimmed.chars() {
        match ch {
            '0'..='9' => digits.push(ch),
            '+' | ' ' | '-' | '(' | ')' | '.' => {}
            _ => return Err("Use digits only, e.g. +91 98765 43210".into()),
        }
    }
    let full = if plus {
        digits
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest.to_string()
    } else if digits.len() == 11 && digits.starts_with('0') {
        format!("{default_country_code}{}", &digits[1..])
    } else if digits.len() == 10 {
        format!("{default_country_code}{digits}")
    } else {
        digits
    };
    if full.len() < 8 || full.len() > 15 || full.starts_with('0') {
        return Err("Enter a full phone number with country code, e.g. +91 98765 43210".into());
    }
    Ok(format!("+{full}"))
}

pub fn is_email(input: &str) -> bool {
    let s = input.trim();
    if s.len() > 254 || s.contains(char::is_whitespace) {
        return false;
    }
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
}

const GSTIN_CHARS: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

fn gstin_check_char(first14: &str) -> Option<char> {
    let mut sum = 0u32;
    for (i, ch) in first14.chars().enumerate() {
        let v = GSTIN_CHARS.find(ch)? as u32;
        let p = v * if i % 2 == 0 { 1 } else { 2 };
        sum += p / 36 + p % 36;
    }
    GSTIN_CHARS.chars().nth(((36 - sum % 36) % 36) as usize)
}

/// Validates a GSTIN: state code, PAN shape, entity code, 'Z' and checksum.
/// Returns the upper-cased GSTIN.
pub fn validate_gstin(input: &str) -> Result<String, String> {
    let g = input.trim().to_ascii_uppercase();
    if g.len() != 15 || !g.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err("A GSTIN has 15 letters and digits, e.g. 27AAPFU0939F1ZV".into());
    }
    let b = g.as_bytes();
    let state: u32 = g[0..2].parse().map_err(|_| "GSTIN must start with a 2-digit state code".to_string())?;
    if super::india::state_name(&g[0..2]).is_none() || state == 0 {
        return Err("GSTIN starts with an unknown state code".into());
    }
    let pan_ok = b[2..7].iter().all(u8::is_ascii_uppercase)
        && b[7..11].iter().all(u8::is_ascii_digit)
        && b[11].is_ascii_uppercase();
    if !pan_ok {
        return Err("Characters 3 to 12 of a GSTIN are the PAN (5 letters, 4 digits, 1 letter)".into());
    }
    if b[12] == b'0' || b[13] != b'Z' {
        return Err("This is not a valid GSTIN (check characters 13 and 14)".into());
    }
    if gstin_check_char(&g[..14]) != Some(b[14] as char) {
        return Err("GSTIN check digit does not match: please re-check it".into());
    }
    Ok(g)
}

/// A positive whole quantity within a sane bound for a print job.
pub fn check_quantity(q: i64) -> Result<(), String> {
    if q <= 0 {
        Err("Quantity must be at least 1".into())
    } else if q > 10_000_000 {
        Err("Quantity is too large".into())
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_normalise_to_e164() {
        assert_eq!(normalize_phone("98765 43210", "91").unwrap(), "+919876543210");
        assert_eq!(normalize_phone("+91 (98765)-43210", "91").unwrap(), "+919876543210");
        assert_eq!(normalize_phone("09876543210", "91").unwrap(), "+919876543210");
        assert_eq!(normalize_phone("0044 20 7946 0958", "91").unwrap(), "+442079460958");
        assert!(normalize_phone("12345", "91").is_err());
        assert!(normalize_phone("98765x43210", "91").is_err());
        assert!(normalize_phone("", "91").is_err());
        assert!(normalize_phone("+1234567890123456", "91").is_err());
    }

    #[test]
    fn emails() {
        assert!(is_email("a@b.in"));
        assert!(is_email("priya.sharma+print@example.co.in"));
        assert!(!is_email("a@b"));
        assert!(!is_email("a b@c.com"));
        assert!(!is_email("@c.com"));
        assert!(!is_email("a@@c.com"));
    }

    #[test]
    fn gstin_checksum() {
        assert_eq!(validate_gstin("27aapfu0939f1zv").unwrap(), "27AAPFU0939F1ZV");
        assert!(validate_gstin("29AAGCB7383J1Z4").is_ok());
        assert!(validate_gstin("27AAPFU0939F1ZX").unwrap_err().contains("check digit"));
        assert!(validate_gstin("99AAPFU0939F1ZV").is_err());
        assert!(validate_gstin("27AAPF10939F1ZV").is_err());
        assert!(validate_gstin("27AAPFU0939F1Z").is_err());
    }

    #[test]
    fn field_errors_keep_first_message() {
        let mut e = FieldErrors::new();
        e.required("name", "  ", 10);
        e.add("name", "second");
        e.required("company", "x".repeat(11).as_str(), 10);
        assert_eq!(e.get("name"), Some("This field is required"));
        assert_eq!(e.get("company"), Some("At most 10 characters"));
        assert!(e.into_result().is_err());
    }

    #[test]
    fn quantities() {
        assert!(check_quantity(0).is_err());
        assert!(check_quantity(-5).is_err());
        assert!(check_quantity(500).is_ok());
    }
}
