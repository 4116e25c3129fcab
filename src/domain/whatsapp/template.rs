//! Message templates: the model staff edit and its preview with sample values. Elsewhere:
//! Meta's rules in `template_rules.rs`, the create/edit request in `template_api.rs`, the list
//! response in `template_list.rs`, per-recipient send parameters in `template_send.rs`, the
//! `{{1}}` / `{{name}}` variables in `vars.rs`.
use super::vars::{render, variables, Var};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const NAME_MAX: usize = 512;
pub const HEADER_TEXT_MAX: usize = 60;
pub const BODY_MAX: usize = 1024;
pub const FOOTER_MAX: usize = 60;
pub const BUTTONS_MAX: usize = 10;
pub const URL_BUTTONS_MAX: usize = 2;
pub const PHONE_BUTTONS_MAX: usize = 1;
pub const BUTTON_TEXT_MAX: usize = 25;
pub const URL_MAX: usize = 2000;
/// Meta accepts 1 to 90 minutes for the expiry line of authentication templates.
pub const CODE_EXPIRY_MAX: u8 = 90;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Category {
    #[serde(alias = "marketing")]
    Marketing,
    #[serde(alias = "utility")]
    Utility,
    #[serde(alias = "authentication")]
    Authentication,
}

impl Category {
    pub const ALL: [Category; 3] = [Category::Marketing, Category::Utility, Category::Authentication];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Marketing => "MARKETING",
            Category::Utility => "UTILITY",
            Category::Authentication => "AUTHENTICATION",
        }
    }

    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Category::Marketing => "Marketing",
            Category::Utility => "Utility",
            Category::Authentication => "Authentication",
        }
    }
}

/// Review state on Meta's side. Meta has a few more rare states; they map to `Other` so a sync
/// never fails on a new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TemplateStatus {
    /// Not yet submitted or waiting for review.
    #[default]
    Pending,
    Approved,
    Rejected,
    /// Paused by Meta for low quality; sending it fails until it is unpaused.
    Paused,
    Disabled,
    #[serde(other)]
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Quality {
    Green,
    Yellow,
    Red,
    #[default]
    #[serde(other)]
    Unknown,
}

impl TemplateStatus {
    pub const ALL: [TemplateStatus; 6] = [
        TemplateStatus::Pending,
        TemplateStatus::Approved,
        TemplateStatus::Rejected,
        TemplateStatus::Paused,
        TemplateStatus::Disabled,
        TemplateStatus::Other,
    ];

    /// As Meta spells it (and as stored).
    pub fn as_str(self) -> &'static str {
        match self {
            TemplateStatus::Pending => "PENDING",
            TemplateStatus::Approved => "APPROVED",
            TemplateStatus::Rejected => "REJECTED",
            TemplateStatus::Paused => "PAUSED",
            TemplateStatus::Disabled => "DISABLED",
            TemplateStatus::Other => "OTHER",
        }
    }

    /// A state we do not know reads as `Other`, as in a sync.
    pub fn parse(s: &str) -> TemplateStatus {
        TemplateStatus::ALL.into_iter().find(|x| x.as_str() == s).unwrap_or(TemplateStatus::Other)
    }

    pub fn label(self) -> &'static str {
        match self {
            TemplateStatus::Pending => "Pending review",
            TemplateStatus::Approved => "Approved",
            TemplateStatus::Rejected => "Rejected",
            TemplateStatus::Paused => "Paused",
            TemplateStatus::Disabled => "Disabled",
            TemplateStatus::Other => "Other",
        }
    }

    /// Meta takes edits of reviewed templates only: approved, rejected or paused.
    pub fn editable(self) -> bool {
        matches!(self, TemplateStatus::Approved | TemplateStatus::Rejected | TemplateStatus::Paused)
    }
}

impl Quality {
    pub const ALL: [Quality; 4] = [Quality::Green, Quality::Yellow, Quality::Red, Quality::Unknown];

    pub fn as_str(self) -> &'static str {
        match self {
            Quality::Green => "GREEN",
            Quality::Yellow => "YELLOW",
            Quality::Red => "RED",
            Quality::Unknown => "UNKNOWN",
        }
    }

    pub fn parse(s: &str) -> Quality {
        Quality::ALL.into_iter().find(|x| x.as_str() == s).unwrap_or(Quality::Unknown)
    }

    /// "Not rated yet" rather than "Unknown": Meta rates a template once customers got it.
    pub fn label(self) -> &'static str {
        match self {
            Quality::Green => "High (green)",
            Quality::Yellow => "Medium (yellow)",
            Quality::Red => "Low (red)",
            Quality::Unknown => "Not rated yet",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Header {
    #[default]
    None,
    Text {
        text: String,
    },
    /// Media headers need a sample uploaded through the resumable upload API; its handle
    /// ("4::aW1h...") goes with the create request.
    Image {
        example_handle: String,
    },
    Document {
        example_handle: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Button {
    QuickReply {
        text: String,
    },
    /// `url` may end in one variable, "https://shop.in/o/{{1}}"; `example` is then a full URL.
    Url {
        text: String,
        url: String,
        #[serde(default)]
        example: Option<String>,
    },
    PhoneNumber {
        text: String,
        phone_number: String,
    },
    /// The copy-code button of an AUTHENTICATION template.
    Otp {
        text: String,
    },
}

impl Button {
    pub fn text(&self) -> &str {
        match self {
            Button::QuickReply { text }
            | Button::Url { text, .. }
            | Button::PhoneNumber { text, .. }
            | Button::Otp { text } => text,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    pub name: String,
    pub category: Category,
    /// "en", "en_US", "hi".
    pub language: String,
    #[serde(default)]
    pub header: Header,
    /// For AUTHENTICATION templates Meta supplies the body text itself; this field is ignored.
    pub body: String,
    #[serde(default)]
    pub footer: Option<String>,
    #[serde(default)]
    pub buttons: Vec<Button>,
    /// Sample for the header's variable (Meta requires samples with every variable).
    #[serde(default)]
    pub header_example: Option<String>,
    /// Samples for the body's variables, keyed "1", "2" or "customer_name".
    #[serde(default)]
    pub body_examples: BTreeMap<String, String>,
    /// AUTHENTICATION only: adds "For your security, do not share this code."
    #[serde(default)]
    pub add_security_recommendation: bool,
    /// AUTHENTICATION only: adds "This code expires in N minutes."
    #[serde(default)]
    pub code_expiration_minutes: Option<u8>,
    #[serde(default)]
    pub status: TemplateStatus,
    #[serde(default)]
    pub quality: Quality,
}

/// What the customer's phone would show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    pub header: Option<String>,
    pub body: String,
    pub footer: Option<String>,
    pub buttons: Vec<String>,
}

impl Template {
    /// A template with its identity and no content yet: the form's starting point, and what a
    /// listing or a stored row that carries no readable content comes back as.
    pub fn empty(name: impl Into<String>, category: Category, language: impl Into<String>) -> Template {
        Template {
            name: name.into(),
            category,
            language: language.into(),
            header: Header::None,
            body: String::new(),
            footer: None,
            buttons: Vec::new(),
            header_example: None,
            body_examples: BTreeMap::new(),
            add_security_recommendation: false,
            code_expiration_minutes: None,
            status: TemplateStatus::default(),
            quality: Quality::default(),
        }
    }

    /// True when the template uses {{customer_name}}-style variables.
    pub fn is_named(&self) -> bool {
        let header = match &self.header {
            Header::Text { text } => variables(text),
            _ => Vec::new(),
        };
        header.iter().chain(variables(&self.body).iter()).any(|v| matches!(v, Var::Named(_)))
    }

    pub fn header_variable(&self) -> Option<Var> {
        match &self.header {
            Header::Text { text } => variables(text).into_iter().next(),
            _ => None,
        }
    }

    pub fn body_variables(&self) -> Vec<Var> {
        variables(&self.body)
    }

    /// Preview with the template's own samples.
    pub fn preview(&self) -> Preview {
        self.preview_with(self.header_example.as_deref(), &self.body_examples)
    }

    /// Preview with one recipient's values.
    pub fn preview_with(&self, header: Option<&str>, body: &BTreeMap<String, String>) -> Preview {
        let buttons = self.buttons.iter().map(|b| b.text().to_string()).collect();
        if self.category == Category::Authentication {
            let code = body.get("1").map(String::as_str).unwrap_or("123456");
            let mut text = format!("{code} is your verification code.");
            if self.add_security_recommendation {
                text.push_str(" For your security, do not share this code.");
            }
            let footer = self.code_expiration_minutes.map(|m| format!("This code expires in {m} minutes."));
            return Preview { header: None, body: text, footer, buttons };
        }
        let header = match &self.header {
            Header::None => None,
            Header::Text { text } => {
                let mut v = BTreeMap::new();
                if let (Some(var), Some(h)) = (self.header_variable(), header) {
                    v.insert(var.key(), h.to_string());
                }
                Some(render(text, &v))
            }
            Header::Image { .. } => Some("[image]".into()),
            Header::Document { .. } => Some("[document]".into()),
        };
        Preview { header, body: render(&self.body, body), footer: self.footer.clone(), buttons }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A valid UTILITY template, the base of the rule tests.
    pub(in super::super) fn order_ready() -> Template {
        Template {
            name: "order_ready".into(),
            category: Category::Utility,
            language: "en".into(),
            header: Header::Text { text: "Order {{1}} is ready".into() },
            body: "Hi {{1}}, your {{2}} can be collected today. Total: ₹{{3}}.".into(),
            footer: Some("PressDesk Print Shop".into()),
            buttons: vec![Button::QuickReply { text: "Thanks".into() }],
            header_example: Some("PD-2026-00042".into()),
            body_examples: [("1", "Asha"), ("2", "500 business cards"), ("3", "1,180")]
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            add_security_recommendation: false,
            code_expiration_minutes: None,
            status: TemplateStatus::Approved,
            quality: Quality::Green,
        }
    }

    #[test]
    fn preview_uses_the_samples() {
        let p = order_ready().preview();
        assert_eq!(p.header.as_deref(), Some("Order PD-2026-00042 is ready"));
        assert_eq!(p.body, "Hi Asha, your 500 business cards can be collected today. Total: ₹1,180.");
        assert_eq!(p.footer.as_deref(), Some("PressDesk Print Shop"));
        assert_eq!(p.buttons, vec!["Thanks"]);
    }

    #[test]
    fn preview_with_recipient_values_shows_what_is_missing() {
        let body = [("1".to_string(), "Ravi".to_string())].into_iter().collect();
        let p = order_ready().preview_with(None, &body);
        assert_eq!(p.header.as_deref(), Some("Order {{1}} is ready"));
        assert_eq!(p.body, "Hi Ravi, your {{2}} can be collected today. Total: ₹{{3}}.");
    }

    #[test]
    fn authentication_preview_is_metas_fixed_text() {
        let t = Template {
            category: Category::Authentication,
            header: Header::None,
            buttons: vec![Button::Otp { text: "Copy code".into() }],
            add_security_recommendation: true,
            code_expiration_minutes: Some(10),
            ..order_ready()
        };
        let code = [("1".to_string(), "482913".to_string())].into_iter().collect();
        let p = t.preview_with(None, &code);
        assert_eq!(p.body, "482913 is your verification code. For your security, do not share this code.");
        assert_eq!(p.footer.as_deref(), Some("This code expires in 10 minutes."));
        assert_eq!(p.header, None);
    }

    #[test]
    fn media_headers_preview_as_placeholders_and_named_format_is_detected() {
        let mut t = order_ready();
        t.header = Header::Document { example_handle: "4::abc".into() };
        assert_eq!(t.preview().header.as_deref(), Some("[document]"));
        assert!(!t.is_named());
        t.body = "Hi {{customer_name}}, thanks!".into();
        assert!(t.is_named());
        assert_eq!(t.body_variables(), vec![Var::Named("customer_name".into())]);
    }

    #[test]
    fn model_round_trips_through_json_and_tolerates_unknown_states() {
        let t = order_ready();
        let back: Template = serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
        assert_eq!(back, t);
        let s: TemplateStatus = serde_json::from_str("\"IN_APPEAL\"").unwrap();
        assert_eq!(s, TemplateStatus::Other);
        let q: Quality = serde_json::from_str("\"UNKNOWN\"").unwrap();
        assert_eq!(q, Quality::Unknown);
        let c: Category = serde_json::from_str("\"utility\"").unwrap();
        assert_eq!(c, Category::Utility);
    }

    #[test]
    fn stored_spellings_are_metas_and_round_trip() {
        for s in TemplateStatus::ALL {
            assert_eq!(TemplateStatus::parse(s.as_str()), s);
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str(), "serde and as_str agree");
        }
        for q in Quality::ALL {
            assert_eq!(Quality::parse(q.as_str()), q);
            assert_eq!(serde_json::to_value(q).unwrap(), q.as_str());
        }
        for c in Category::ALL {
            assert_eq!(Category::parse(c.as_str()), Some(c));
            assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
        }
        assert_eq!((TemplateStatus::parse("IN_APPEAL"), Quality::parse("")), (TemplateStatus::Other, Quality::Unknown));
        assert_eq!(Category::parse("utility"), None);
        let editable: Vec<TemplateStatus> = TemplateStatus::ALL.into_iter().filter(|s| s.editable()).collect();
        assert_eq!(editable, [TemplateStatus::Approved, TemplateStatus::Rejected, TemplateStatus::Paused]);
    }
}
