//! WhatsApp message templates as the staff page sees them: each with its review status and
//! quality, what the app uses it for, and the templates the app needs that the account lacks.
use crate::domain::whatsapp::template::{Quality, Template, TemplateStatus};
use serde::{Deserialize, Serialize};

/// One template. `spec` is its content (for the editor and the preview), with the status and
/// quality Meta last reported; times are the shop's local time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateRow {
    pub id: i32,
    pub spec: Template,
    /// Meta's reason for a rejection or pause; "" when none.
    pub rejected_reason: String,
    /// Parts the editor does not handle ("HEADER VIDEO"), comma-separated; "" when none.
    pub unsupported: String,
    pub updated: String,
    pub synced: Option<String>,
    /// What the app sends with it ("Order update: Delivered").
    pub used_by: Vec<String>,
}

impl TemplateRow {
    /// Whether the editor may change it (Meta's rule, and parts the editor can show).
    pub fn editable(&self) -> bool {
        self.unsupported.is_empty() && self.spec.status.editable()
    }
}

/// A template the app sends by itself, and what for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeededTemplate {
    pub name: String,
    pub language: String,
    pub purpose: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplatesView {
    pub rows: Vec<TemplateRow>,
    /// Templates the app sends that are not on the account (those messages would fail), one
    /// per name and language with every purpose joined.
    pub missing: Vec<NeededTemplate>,
}

/// What a sync changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SyncReport {
    pub added: u32,
    pub updated: u32,
    pub removed: u32,
    /// Templates on the account.
    pub total: u32,
}

impl SyncReport {
    pub fn summary(&self) -> String {
        format!(
            "Synced {} templates from WhatsApp: {} new, {} changed, {} removed.",
            self.total, self.added, self.updated, self.removed
        )
    }
}

/// Marks each row with what the app uses it for; returns the needed templates no row has.
pub fn attach_uses(rows: &mut [TemplateRow], needed: Vec<NeededTemplate>) -> Vec<NeededTemplate> {
    let mut missing: Vec<NeededTemplate> = Vec::new();
    for n in needed {
        match rows.iter_mut().find(|r| r.spec.name == n.name && r.spec.language == n.language) {
            Some(r) => r.used_by.push(n.purpose),
            None => match missing.iter_mut().find(|m| m.name == n.name && m.language == n.language) {
                Some(m) => {
                    m.purpose.push_str("; ");
                    m.purpose.push_str(&n.purpose);
                }
                None => missing.push(n),
            },
        }
    }
    missing
}

/// The chip colour of a review status (CSS lives with the UI, not in the domain).
pub fn status_tone(s: TemplateStatus) -> &'static str {
    match s {
        TemplateStatus::Pending => "info",
        TemplateStatus::Approved => "ok",
        TemplateStatus::Rejected | TemplateStatus::Disabled => "danger",
        TemplateStatus::Paused => "warn",
        TemplateStatus::Other => "muted",
    }
}

pub fn quality_tone(q: Quality) -> &'static str {
    match q {
        Quality::Green => "ok",
        Quality::Yellow => "warn",
        Quality::Red => "danger",
        Quality::Unknown => "muted",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::whatsapp::template::{Category, Header};

    fn row(name: &str, language: &str) -> TemplateRow {
        let spec = Template {
            name: name.into(),
            category: Category::Utility,
            language: language.into(),
            header: Header::None,
            body: "Hi {{1}}, thanks.".into(),
            footer: None,
            buttons: vec![],
            header_example: None,
            body_examples: Default::default(),
            add_security_recommendation: false,
            code_expiration_minutes: None,
            status: TemplateStatus::Approved,
            quality: Quality::Green,
        };
        TemplateRow { id: 1, spec, rejected_reason: String::new(), unsupported: String::new(), updated: String::new(), synced: None, used_by: vec![] }
    }

    fn need(name: &str, purpose: &str) -> NeededTemplate {
        NeededTemplate { name: name.into(), language: "en".into(), purpose: purpose.into() }
    }

    #[test]
    fn uses_are_attached_and_the_missing_ones_merged_by_name_and_language() {
        let mut rows = vec![row("pd_ready", "en"), row("pd_ready", "hi")];
        let missing = attach_uses(&mut rows, vec![need("pd_ready", "Order update: Ready"), need("pd_staff_followup", "Staff replies"), need("pd_staff_followup", "Other")]);
        assert_eq!(rows[0].used_by, ["Order update: Ready"]);
        assert!(rows[1].used_by.is_empty(), "another language is another template");
        assert_eq!(missing, vec![need("pd_staff_followup", "Staff replies; Other")]);
    }

    #[test]
    fn only_reviewed_templates_with_known_parts_are_editable() {
        let mut r = row("a", "en");
        assert!(r.editable());
        r.spec.status = TemplateStatus::Pending;
        assert!(!r.editable());
        r.spec.status = TemplateStatus::Paused;
        r.unsupported = "HEADER VIDEO".into();
        assert!(!r.editable());
        assert_eq!((status_tone(TemplateStatus::Approved), quality_tone(Quality::Red)), ("ok", "danger"));
    }
}
