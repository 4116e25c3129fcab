//! Bulk WhatsApp campaigns as the staff pages see them: the list with each one's progress, one
//! campaign's page, and the preview (who gets it, what each reads, what it costs). The service's
//! own preview type is server-only; these cross the wire.
use crate::domain::money::Money;
use crate::domain::whatsapp::campaign::{Audience, CampaignStatus, Progress};
use crate::domain::whatsapp::pricing::{Estimate, PricingCategory};
use serde::{Deserialize, Serialize};

/// A product the audience filter offers ("bought any of these").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductChoice {
    pub id: i32,
    pub name: String,
}

/// One campaign in the list. Times are the shop's local time; `progress` is None until it was
/// started (a draft has no messages to count).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignRow {
    pub id: i32,
    pub name: String,
    pub template: String,
    pub language: String,
    pub status: CampaignStatus,
    pub recipients: i32,
    pub estimate_paise: i64,
    pub created: String,
    pub started: Option<String>,
    pub finished: Option<String>,
    pub progress: Option<Progress>,
}

impl CampaignRow {
    pub fn can_start(&self) -> bool {
        matches!(self.status, CampaignStatus::Draft | CampaignStatus::Scheduled)
    }

    pub fn can_pause(&self) -> bool {
        self.status == CampaignStatus::Sending
    }

    pub fn can_resume(&self) -> bool {
        self.status == CampaignStatus::Paused
    }

    /// Per cent finished for the bar; a campaign not started yet is at 0, not "complete".
    pub fn percent(&self) -> f64 {
        self.progress.map(|p| f64::from(p.percent())).unwrap_or(0.0)
    }
}

/// One campaign's page: the row, what it sends and to whom (`audience_label` in words).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignDetail {
    pub row: CampaignRow,
    pub variables: Vec<String>,
    pub audience: Audience,
    pub audience_label: String,
}

/// One recipient of the preview, with their variables filled in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SampleRecipient {
    pub customer_id: i32,
    pub name: String,
    pub phone: String,
    pub variables: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewView {
    pub count: u64,
    pub estimate: Estimate,
    /// The first recipients only.
    pub sample: Vec<SampleRecipient>,
}

/// Paise as "₹1,234.56".
pub fn rupees(paise: u64) -> String {
    Money(i64::try_from(paise).unwrap_or(i64::MAX)).to_string()
}

/// A rate for the report: "87.5%", whole numbers without decimals.
pub fn percent_label(p: f64) -> String {
    let r = (p * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}%")
    } else {
        format!("{r:.1}%")
    }
}

/// Meta's pricing category in words.
pub fn category_label(c: PricingCategory) -> &'static str {
    match c {
        PricingCategory::Marketing => "Marketing",
        PricingCategory::Utility => "Utility",
        PricingCategory::Authentication => "Authentication",
        PricingCategory::Service => "Service",
    }
}

/// The chip colour of a campaign state.
pub fn status_tone(s: CampaignStatus) -> &'static str {
    match s {
        CampaignStatus::Draft => "muted",
        CampaignStatus::Scheduled => "info",
        CampaignStatus::Sending => "progress",
        CampaignStatus::Paused => "warn",
        CampaignStatus::Done => "ok",
        CampaignStatus::Cancelled => "danger",
    }
}

/// The audience in words, with product names from `name_of` (an id it does not know is shown
/// as "#id", so a removed product still reads).
pub fn audience_label(a: &Audience, name_of: impl Fn(i32) -> Option<String>) -> String {
    let mut parts = Vec::new();
    if !a.products.is_empty() {
        let names: Vec<String> = a.products.iter().map(|&id| name_of(id).unwrap_or_else(|| format!("#{id}"))).collect();
        parts.push(format!("bought {}", names.join(" or ")));
    }
    if let Some(n) = a.inactive_days {
        parts.push(format!("last order over {n} days ago"));
    }
    let tags: Vec<&str> = a.tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()).collect();
    if !tags.is_empty() {
        parts.push(format!("tagged {}", tags.join(" or ")));
    }
    if parts.is_empty() {
        "Every opted-in customer".into()
    } else {
        format!("Opted-in customers: {}", parts.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(rupees(123_456), "₹1,234.56");
        assert_eq!((percent_label(100.0), percent_label(85.714)), ("100%".to_string(), "85.7%".to_string()));
        let a = Audience { products: vec![1, 9], inactive_days: Some(90), tags: vec![" healthcare ".into(), "".into()] };
        let name = |id| (id == 1).then(|| "Business cards".to_string());
        assert_eq!(audience_label(&a, name), "Opted-in customers: bought Business cards or #9; last order over 90 days ago; tagged healthcare");
        assert_eq!(audience_label(&Audience::default(), |_| None), "Every opted-in customer");
    }
}
