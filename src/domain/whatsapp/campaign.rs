//! Bulk campaigns: who gets one (the audience filter), what each recipient's template
//! variables say, how far sending has come, and the report. Marketing goes only to customers
//! who opted in and did not stop it (`window::check` with `Purpose::Marketing`).
use crate::domain::order::text_enum;
use crate::domain::validate::FieldErrors;
use serde::{Deserialize, Serialize};

text_enum!(CampaignStatus {
    Draft = "draft": "Draft",
    Scheduled = "scheduled": "Scheduled",
    Sending = "sending": "Sending",
    Paused = "paused": "Paused",
    Done = "done": "Done",
    Cancelled = "cancelled": "Cancelled",
});

/// Who the campaign is for; every filter given must hold.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Audience {
    /// Bought any of these products (ids).
    #[serde(default)]
    pub products: Vec<i32>,
    /// Last order older than this many days.
    #[serde(default)]
    pub inactive_days: Option<u32>,
    /// Has any of these tags.
    #[serde(default)]
    pub tags: Vec<String>,
}

/// What a campaign is, as staff enter it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CampaignInput {
    pub name: String,
    pub template: String,
    pub language: String,
    /// One per template variable, in order: plain text or a field such as `{first_name}`.
    pub variables: Vec<String>,
    pub audience: Audience,
    /// RFC 3339; empty means "send when started".
    #[serde(default)]
    pub scheduled_at: String,
}

/// The fields a variable may name.
pub const FIELDS: [&str; 5] = ["{first_name}", "{name}", "{last_order}", "{last_product}", "{days_since_order}"];

/// What one recipient's variables are filled from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RecipientFacts {
    pub name: String,
    pub last_order: String,
    pub last_product: String,
    pub days_since_order: Option<i64>,
}

/// A template variable for one recipient: fields replaced, text kept.
pub fn fill(variable: &str, f: &RecipientFacts) -> String {
    let first = f.name.split_whitespace().next().unwrap_or("there");
    variable
        .replace("{first_name}", first)
        .replace("{name}", &f.name)
        .replace("{last_order}", &f.last_order)
        .replace("{last_product}", &f.last_product)
        .replace("{days_since_order}", &f.days_since_order.map(|d| d.to_string()).unwrap_or_default())
        .trim()
        .to_string()
}

fn template_name_ok(name: &str) -> bool {
    !name.is_empty() && name.len() <= 512 && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Field-level checks of a campaign (the audience count is checked when it is computed).
pub fn validate(c: &CampaignInput) -> FieldErrors {
    let mut e = FieldErrors::new();
    e.required("name", &c.name, 120);
    if !template_name_ok(&c.template) {
        e.add("template", "Choose an approved template (lower-case letters, digits and _)");
    }
    if c.language.trim().is_empty() {
        e.add("language", "Required");
    }
    for (i, v) in c.variables.iter().enumerate() {
        if v.trim().is_empty() {
            e.add(format!("variables[{i}]"), "Fill in this variable or remove it");
        } else if v.chars().count() > 1024 {
            e.add(format!("variables[{i}]"), "At most 1024 characters");
        } else if let Some(bad) = unknown_field(v) {
            e.add(format!("variables[{i}]"), format!("Unknown field {bad}; use one of {}", FIELDS.join(", ")));
        }
    }
    if c.audience.inactive_days == Some(0) {
        e.add("audience.inactive_days", "At least 1 day");
    }
    if !c.scheduled_at.trim().is_empty() && chrono::DateTime::parse_from_rfc3339(c.scheduled_at.trim()).is_err() {
        e.add("scheduled_at", "Not a date and time");
    }
    e
}

fn unknown_field(v: &str) -> Option<String> {
    let mut rest = v;
    while let Some(start) = rest.find('{') {
        let tail = &rest[start..];
        let end = tail.find('}')?;
        let field = &tail[..=end];
        if !FIELDS.contains(&field) {
            return Some(field.to_string());
        }
        rest = &tail[end + 1..];
    }
    None
}

/// How far a campaign's sending has come, per recipient state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Progress {
    pub total: u64,
    pub queued: u64,
    pub sent: u64,
    pub delivered: u64,
    pub read: u64,
    pub failed: u64,
    pub replied: u64,
}

impl Progress {
    /// Recipients finished with (sent in any form, or failed), of all.
    pub fn done(&self) -> u64 {
        self.total.saturating_sub(self.queued)
    }

    /// Per cent finished, 0–100.
    pub fn percent(&self) -> u8 {
        if self.total == 0 {
            return 100;
        }
        ((self.done() * 100) / self.total).min(100) as u8
    }

    /// Delivered, read and reply rates (per cent of messages sent), for the report.
    pub fn rates(&self) -> (f64, f64, f64) {
        let sent = self.total.saturating_sub(self.queued + self.failed);
        if sent == 0 {
            return (0.0, 0.0, 0.0);
        }
        let pct = |n: u64| (n as f64) * 100.0 / sent as f64;
        // Read implies delivered.
        (pct(self.delivered + self.read), pct(self.read), pct(self.replied))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> RecipientFacts {
        RecipientFacts { name: "Asha Kulkarni".into(), last_order: "PD-1042".into(), last_product: "Business cards".into(), days_since_order: Some(95) }
    }

    #[test]
    fn variables_take_each_recipients_fields() {
        assert_eq!(fill("{first_name}", &facts()), "Asha");
        assert_eq!(fill("Hi {name}, 10% off {last_product}", &facts()), "Hi Asha Kulkarni, 10% off Business cards");
        assert_eq!(fill("{days_since_order} days", &facts()), "95 days");
        assert_eq!(fill("{first_name}", &RecipientFacts::default()), "there");
    }

    #[test]
    fn bad_campaigns_get_field_errors() {
        let mut c = CampaignInput { name: "Diwali".into(), template: "promo_diwali".into(), language: "en".into(), variables: vec!["{first_name}".into()], ..Default::default() };
        assert!(validate(&c).is_empty());
        c.template = "Promo Diwali".into();
        c.variables = vec!["".into(), "{frist_name}".into()];
        c.audience.inactive_days = Some(0);
        c.scheduled_at = "tomorrow".into();
        let e = validate(&c);
        for f in ["template", "variables[0]", "variables[1]", "audience.inactive_days", "scheduled_at"] {
            assert!(e.get(f).is_some(), "{f}: {e:?}");
        }
        assert!(e.get("variables[1]").unwrap().contains("{frist_name}"));
    }

    #[test]
    fn progress_and_rates() {
        let p = Progress { total: 10, queued: 2, sent: 1, delivered: 3, read: 3, failed: 1, replied: 2 };
        assert_eq!((p.done(), p.percent()), (8, 80));
        let (d, r, rep) = p.rates();
        assert!((d - 6.0 / 7.0 * 100.0).abs() < 1e-9 && (r - 3.0 / 7.0 * 100.0).abs() < 1e-9 && (rep - 2.0 / 7.0 * 100.0).abs() < 1e-9);
        assert_eq!(Progress::default().percent(), 100, "an empty campaign is complete");
        assert_eq!(CampaignStatus::parse("paused"), Some(CampaignStatus::Paused));
    }
}
