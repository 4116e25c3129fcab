//! The response of `GET /{waba_id}/message_templates` turned back into our model, so the
//! status and quality Meta assigns (and edits made in WhatsApp Manager) can be synced.
use super::template::{Button, Category, Header, Quality, Template, TemplateStatus};
use serde::Deserialize;
use serde_json::{Map, Value};

/// One page of the template list.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateList {
    pub templates: Vec<RemoteTemplate>,
    /// `paging.cursors.after` when `paging.next` says there is another page.
    pub next_cursor: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RemoteTemplate {
    pub id: String,
    pub template: Template,
    pub rejected_reason: Option<String>,
    /// Parts our model does not hold ("HEADER VIDEO", "button FLOW"): such a template is
    /// listed and synced, but edited in WhatsApp Manager.
    pub unsupported: Vec<String>,
}

#[derive(Deserialize)]
struct ListBody {
    #[serde(default)]
    data: Vec<ApiTemplate>,
    #[serde(default)]
    paging: Option<Paging>,
}

#[derive(Deserialize)]
struct Paging {
    #[serde(default)]
    cursors: Option<Cursors>,
    #[serde(default)]
    next: Option<String>,
}

#[derive(Deserialize)]
struct Cursors {
    #[serde(default)]
    after: Option<String>,
}

#[derive(Deserialize)]
struct ApiTemplate {
    #[serde(default)]
    id: String,
    name: String,
    #[serde(default)]
    status: TemplateStatus,
    category: Category,
    language: String,
    #[serde(default)]
    quality_score: Option<QualityScore>,
    #[serde(default)]
    rejected_reason: Option<String>,
    #[serde(default)]
    components: Vec<ApiComponent>,
}

#[derive(Deserialize)]
struct QualityScore {
    #[serde(default)]
    score: Quality,
}

#[derive(Deserialize)]
struct ApiComponent {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    example: Value,
    #[serde(default)]
    buttons: Vec<ApiButton>,
    #[serde(default)]
    add_security_recommendation: Option<bool>,
    #[serde(default)]
    code_expiration_minutes: Option<u8>,
}

#[derive(Deserialize)]
struct ApiButton {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    phone_number: Option<String>,
    #[serde(default)]
    example: Option<Vec<String>>,
}

/// Parses one page of `GET /{waba_id}/message_templates?fields=name,status,category,language,quality_score,components,rejected_reason`.
pub fn parse_template_list(body: &str) -> Result<TemplateList, serde_json::Error> {
    let list: ListBody = serde_json::from_str(body)?;
    let next_cursor = list.paging.filter(|p| p.next.is_some()).and_then(|p| p.cursors).and_then(|c| c.after);
    Ok(TemplateList { templates: list.data.into_iter().map(from_api).collect(), next_cursor })
}

fn first_str(v: &Value, key: &str) -> Option<String> {
    v.get(key)?.get(0)?.as_str().map(str::to_string)
}

fn named_samples(v: &Value, key: &str) -> Vec<(String, String)> {
    let list = v.get(key).and_then(Value::as_array).cloned().unwrap_or_default();
    let field = |p: &Map<String, Value>, k: &str| p.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    list.iter().filter_map(Value::as_object).map(|p| (field(p, "param_name"), field(p, "example"))).collect()
}

fn from_api(t: ApiTemplate) -> RemoteTemplate {
    let mut out = Template {
        status: t.status,
        quality: t.quality_score.map(|q| q.score).unwrap_or_default(),
        ..Template::empty(t.name, t.category, t.language)
    };
    let mut unsupported = Vec::new();
    for c in t.components {
        match c.kind.to_ascii_uppercase().as_str() {
            "HEADER" => {
                let format = c.format.unwrap_or_default().to_ascii_uppercase();
                let handle = first_str(&c.example, "header_handle").unwrap_or_default();
                out.header = match format.as_str() {
                    "TEXT" => {
                        out.header_example = first_str(&c.example, "header_text")
                            .or_else(|| named_samples(&c.example, "header_text_named_params").pop().map(|p| p.1));
                        Header::Text { text: c.text.unwrap_or_default() }
                    }
                    "IMAGE" => Header::Image { example_handle: handle },
                    "DOCUMENT" => Header::Document { example_handle: handle },
                    other => {
                        unsupported.push(format!("HEADER {other}"));
                        Header::None
                    }
                };
            }
            "BODY" => {
                out.body = c.text.unwrap_or_default();
                out.add_security_recommendation = c.add_security_recommendation.unwrap_or(false);
                if let Some(row) = c.example.get("body_text").and_then(|r| r.get(0)).and_then(Value::as_array) {
                    for (i, v) in row.iter().enumerate() {
                        out.body_examples.insert((i + 1).to_string(), v.as_str().unwrap_or("").to_string());
                    }
                }
                out.body_examples.extend(named_samples(&c.example, "body_text_named_params"));
            }
            "FOOTER" => {
                out.footer = c.text;
                out.code_expiration_minutes = c.code_expiration_minutes;
            }
            "BUTTONS" => {
                for b in c.buttons {
                    let button = match b.kind.to_ascii_uppercase().as_str() {
                        "QUICK_REPLY" => Button::QuickReply { text: b.text },
                        "URL" => Button::Url {
                            text: b.text,
                            url: b.url.unwrap_or_default(),
                            example: b.example.and_then(|e| e.into_iter().next()),
                        },
                        "PHONE_NUMBER" => {
                            Button::PhoneNumber { text: b.text, phone_number: b.phone_number.unwrap_or_default() }
                        }
                        "OTP" => Button::Otp { text: b.text },
                        other => {
                            unsupported.push(format!("button {other}"));
                            continue;
                        }
                    };
                    out.buttons.push(button);
                }
            }
            other => unsupported.push(other.to_string()),
        }
    }
    RemoteTemplate { id: t.id, template: out, rejected_reason: t.rejected_reason.filter(|r| r != "NONE"), unsupported }
}

#[cfg(test)]
mod tests {
    use super::super::template::tests::order_ready;
    use super::*;

    const LIST: &str = r#"{
      "data": [
        {
          "name": "order_ready",
          "parameter_format": "POSITIONAL",
          "components": [
            {"type": "HEADER", "format": "TEXT", "text": "Order {{1}} is ready", "example": {"header_text": ["PD-2026-00042"]}},
            {"type": "BODY", "text": "Hi {{1}}, your {{2}} can be collected today. Total: ₹{{3}}.",
             "example": {"body_text": [["Asha", "500 business cards", "1,180"]]}},
            {"type": "FOOTER", "text": "PressDesk Print Shop"},
            {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "Thanks"}]}
          ],
          "language": "en",
          "status": "APPROVED",
          "category": "UTILITY",
          "quality_score": {"score": "GREEN", "date": 1764547200},
          "id": "1284758392047561"
        },
        {
          "name": "diwali_offer",
          "parameter_format": "NAMED",
          "components": [
            {"type": "HEADER", "format": "VIDEO", "example": {"header_handle": ["https://scontent.whatsapp.net/v/t61/video.mp4"]}},
            {"type": "BODY", "text": "Hi {{customer_name}}, 20% off all sweet boxes.",
             "example": {"body_text_named_params": [{"param_name": "customer_name", "example": "Asha"}]}},
            {"type": "BUTTONS", "buttons": [{"type": "FLOW", "text": "Order now", "flow_id": 1234}, {"type": "URL", "text": "Shop", "url": "https://shop.in"}]}
          ],
          "language": "hi",
          "status": "PAUSED",
          "category": "MARKETING",
          "quality_score": {"score": "RED"},
          "id": "923847563829104"
        },
        {
          "name": "portal_login_code",
          "components": [
            {"type": "BODY", "text": "*{{1}}* is your verification code. For your security, do not share this code.", "add_security_recommendation": true},
            {"type": "FOOTER", "text": "This code expires in 10 minutes.", "code_expiration_minutes": 10},
            {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy code"}]}
          ],
          "language": "en_US",
          "status": "REJECTED",
          "rejected_reason": "INVALID_FORMAT",
          "category": "AUTHENTICATION",
          "id": "582930184756203"
        }
      ],
      "paging": {"cursors": {"before": "MAZDZD", "after": "MjQZD"}, "next": "https://graph.facebook.com/v23.0/1029384756/message_templates?after=MjQZD"}
    }"#;

    #[test]
    fn parses_the_template_list_back_into_the_model() {
        let list = parse_template_list(LIST).unwrap();
        assert_eq!(list.next_cursor.as_deref(), Some("MjQZD"));
        assert_eq!(list.templates.len(), 3);
        let first = &list.templates[0];
        assert_eq!(first.id, "1284758392047561");
        assert_eq!(first.template, order_ready(), "a synced template equals what was created");
        assert!(first.unsupported.is_empty() && first.rejected_reason.is_none());

        let second = &list.templates[1];
        assert_eq!((second.template.status, second.template.quality), (TemplateStatus::Paused, Quality::Red));
        assert_eq!(second.template.category, Category::Marketing);
        assert_eq!(second.template.body_examples.get("customer_name").map(String::as_str), Some("Asha"));
        assert_eq!(second.unsupported, vec!["HEADER VIDEO", "button FLOW"]);
        assert_eq!(second.template.buttons.len(), 1);

        let third = &list.templates[2];
        assert_eq!(third.template.status, TemplateStatus::Rejected);
        assert_eq!(third.template.quality, Quality::Unknown, "no quality_score yet");
        assert_eq!(third.rejected_reason.as_deref(), Some("INVALID_FORMAT"));
        assert_eq!(third.template.code_expiration_minutes, Some(10));
        assert!(third.template.add_security_recommendation);
        assert_eq!(third.template.buttons, vec![Button::Otp { text: "Copy code".into() }]);
    }

    #[test]
    fn last_page_has_no_cursor_and_garbage_is_an_error() {
        let last =
            parse_template_list(r#"{"data": [], "paging": {"cursors": {"before": "QVFI", "after": "QVFJ"}}}"#).unwrap();
        assert_eq!(last, TemplateList { templates: vec![], next_cursor: None });
        assert!(parse_template_list("<html>502 Bad Gateway</html>").is_err());
        assert!(parse_template_list(r#"{"data": [{"name": 5}]}"#).is_err());
    }
}
