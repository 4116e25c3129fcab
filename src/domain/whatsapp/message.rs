//! Outgoing messages and their Cloud API JSON (`POST /{phone_number_id}/messages`): text,
//! template (positional or named parameters), image, document, reply buttons and lists. The
//! types are also what the outbox stores. Meta's limits are checked in `message_rules.rs`; template
//! parameters are built from a template in `template_send.rs`.
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

pub const TEXT_MAX: usize = 4096;
pub const CAPTION_MAX: usize = 1024;
pub const INTERACTIVE_BODY_MAX: usize = 1024;
pub const INTERACTIVE_HEADER_MAX: usize = 60;
pub const INTERACTIVE_FOOTER_MAX: usize = 60;
pub const REPLY_BUTTONS_MAX: usize = 3;
pub const REPLY_TITLE_MAX: usize = 20;
pub const REPLY_ID_MAX: usize = 256;
pub const LIST_ROWS_MAX: usize = 10;
pub const LIST_SECTIONS_MAX: usize = 10;
pub const LIST_BUTTON_MAX: usize = 20;
pub const ROW_TITLE_MAX: usize = 24;
pub const ROW_DESCRIPTION_MAX: usize = 72;
pub const ROW_ID_MAX: usize = 200;
pub const SECTION_TITLE_MAX: usize = 24;
pub const CALLBACK_DATA_MAX: usize = 512;

/// Who gets it: a phone number (`to`) or, for users known only by their business-scoped user
/// id, the BSUID (`recipient`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Recipient {
    Phone(String),
    UserId(String),
}

/// Uploaded media (`id` from `POST /{phone_number_id}/media`) or a public https link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaRef {
    Id(String),
    Link(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outgoing {
    pub to: Recipient,
    /// wamid of the customer's message this answers (shown as a quote on the phone).
    #[serde(default)]
    pub reply_to: Option<String>,
    /// Sent as `biz_opaque_callback_data` (at most 512 characters): Meta echoes it in every
    /// status callback, so a status can be tied to its outbox row even when it arrives before
    /// the send call has returned the wamid.
    #[serde(default)]
    pub callback_data: Option<String>,
    pub body: Body,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Body {
    Text { body: String, preview_url: bool },
    Template(TemplateMessage),
    Image { media: MediaRef, caption: Option<String> },
    Document { media: MediaRef, caption: Option<String>, filename: Option<String> },
    Buttons(ReplyButtons),
    List(ListMessage),
}

/// One template parameter; `name` is set for templates with named variables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Param {
    pub name: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HeaderParam {
    Text { param: Param },
    Image { media: MediaRef },
    Document { media: MediaRef, filename: Option<String> },
}

/// `index` is the button's position in the template (0-based).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ButtonParam {
    /// Comes back in the webhook as `button.payload` when pressed.
    QuickReply { index: u8, payload: String },
    /// Replaces the `{{1}}` at the end of the button's URL (also the code of an OTP button).
    Url { index: u8, text: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateMessage {
    pub name: String,
    pub language: String,
    pub header: Option<HeaderParam>,
    pub body: Vec<Param>,
    pub buttons: Vec<ButtonParam>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyButton {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyButtons {
    pub header: Option<String>,
    pub body: String,
    pub footer: Option<String>,
    pub buttons: Vec<ReplyButton>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub title: Option<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListMessage {
    pub header: Option<String>,
    pub body: String,
    pub footer: Option<String>,
    /// Label of the button that opens the list.
    pub button: String,
    pub sections: Vec<Section>,
}

impl Outgoing {
    pub fn new(to: Recipient, body: Body) -> Self {
        Outgoing { to, reply_to: None, callback_data: None, body }
    }

    pub fn text(to: Recipient, body: impl Into<String>) -> Self {
        Self::new(to, Body::Text { body: body.into(), preview_url: false })
    }

    /// The request body for `POST /{phone_number_id}/messages`.
    pub fn to_json(&self) -> Value {
        let mut v = json!({"messaging_product": "whatsapp", "recipient_type": "individual"});
        match &self.to {
            Recipient::Phone(p) => v["to"] = json!(p.trim_start_matches('+')),
            Recipient::UserId(id) => v["recipient"] = json!(id),
        }
        if let Some(id) = &self.reply_to {
            v["context"] = json!({"message_id": id});
        }
        if let Some(data) = &self.callback_data {
            v["biz_opaque_callback_data"] = json!(data);
        }
        let (kind, payload) = match &self.body {
            Body::Text { body, preview_url } => ("text", json!({"preview_url": preview_url, "body": body})),
            Body::Template(t) => ("template", template_json(t)),
            Body::Image { media, caption } => ("image", with_opt(media_json(media), &[("caption", caption)])),
            Body::Document { media, caption, filename } => {
                ("document", with_opt(media_json(media), &[("caption", caption), ("filename", filename)]))
            }
            Body::Buttons(b) => {
                let buttons: Vec<Value> = b
                    .buttons
                    .iter()
                    .map(|x| json!({"type": "reply", "reply": {"id": x.id, "title": x.title}}))
                    .collect();
                ("interactive", interactive("button", &b.header, &b.body, &b.footer, json!({"buttons": buttons})))
            }
            Body::List(l) => {
                let sections: Vec<Value> = l.sections.iter().map(section_json).collect();
                let action = json!({"button": l.button, "sections": sections});
                ("interactive", interactive("list", &l.header, &l.body, &l.footer, action))
            }
        };
        v["type"] = json!(kind);
        v[kind] = payload;
        v
    }
}

/// Marks a customer's message read (blue ticks) from the staff inbox.
pub fn mark_read(message_id: &str) -> Value {
    json!({"messaging_product": "whatsapp", "status": "read", "message_id": message_id})
}

fn with_opt(mut v: Value, fields: &[(&str, &Option<String>)]) -> Value {
    for (k, val) in fields {
        if let Some(s) = val {
            v[*k] = json!(s);
        }
    }
    v
}

fn media_json(m: &MediaRef) -> Value {
    match m {
        MediaRef::Id(id) => json!({"id": id}),
        MediaRef::Link(link) => json!({"link": link}),
    }
}

fn interactive(kind: &str, header: &Option<String>, body: &str, footer: &Option<String>, action: Value) -> Value {
    let mut v = json!({"type": kind, "body": {"text": body}, "action": action});
    if let Some(h) = header {
        v["header"] = json!({"type": "text", "text": h});
    }
    if let Some(f) = footer {
        v["footer"] = json!({"text": f});
    }
    v
}

fn section_json(s: &Section) -> Value {
    let rows: Vec<Value> = s
        .rows
        .iter()
        .map(|r| with_opt(json!({"id": r.id, "title": r.title}), &[("description", &r.description)]))
        .collect();
    with_opt(json!({"rows": rows}), &[("title", &s.title)])
}

fn param_json(p: &Param) -> Value {
    with_opt(json!({"type": "text", "text": p.text}), &[("parameter_name", &p.name)])
}

fn template_json(t: &TemplateMessage) -> Value {
    let mut components = Vec::new();
    if let Some(h) = &t.header {
        let p = match h {
            HeaderParam::Text { param } => param_json(param),
            HeaderParam::Image { media } => json!({"type": "image", "image": media_json(media)}),
            HeaderParam::Document { media, filename } => {
                json!({"type": "document", "document": with_opt(media_json(media), &[("filename", filename)])})
            }
        };
        components.push(json!({"type": "header", "parameters": [p]}));
    }
    if !t.body.is_empty() {
        let params: Vec<Value> = t.body.iter().map(param_json).collect();
        components.push(json!({"type": "body", "parameters": params}));
    }
    for b in &t.buttons {
        components.push(match b {
            ButtonParam::QuickReply { index, payload } => json!({"type": "button", "sub_type": "quick_reply",
                "index": index.to_string(), "parameters": [{"type": "payload", "payload": payload}]}),
            ButtonParam::Url { index, text } => json!({"type": "button", "sub_type": "url",
                "index": index.to_string(), "parameters": [{"type": "text", "text": text}]}),
        });
    }
    let mut v = json!({"name": t.name, "language": {"code": t.language}});
    if !components.is_empty() {
        v["components"] = json!(components);
    }
    v
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    fn phone() -> Recipient {
        Recipient::Phone("+919800000001".into())
    }

    #[test]
    fn text_with_preview_and_reply_context() {
        let mut m = Outgoing::text(phone(), "Your proof is ready: https://shop.in/p/42");
        m.body = Body::Text { body: "Your proof is ready: https://shop.in/p/42".into(), preview_url: true };
        m.reply_to = Some("wamid.HBgMOTE5ODAwMDAwMDAxFQIAEhgg".into());
        assert_eq!(
            m.to_json(),
            json!({"messaging_product": "whatsapp", "recipient_type": "individual", "to": "919800000001",
                   "context": {"message_id": "wamid.HBgMOTE5ODAwMDAwMDAxFQIAEhgg"},
                   "type": "text", "text": {"preview_url": true, "body": "Your proof is ready: https://shop.in/p/42"}})
        );
    }

    #[test]
    fn a_user_known_only_by_bsuid_is_addressed_as_recipient() {
        let v = Outgoing::text(Recipient::UserId("IN.1648738043044942".into()), "Hi").to_json();
        assert_eq!(v["recipient"], "IN.1648738043044942");
        assert!(v.get("to").is_none());
    }

    #[test]
    fn image_and_document_by_id_or_link() {
        let img = Outgoing::new(
            phone(),
            Body::Image { media: MediaRef::Id("1479537139650973".into()), caption: Some("Proof v2".into()) },
        );
        assert_eq!(img.to_json()["image"], json!({"id": "1479537139650973", "caption": "Proof v2"}));
        let doc = Outgoing::new(
            phone(),
            Body::Document {
                media: MediaRef::Link("https://shop.in/invoices/INV-2026-27-00012.pdf".into()),
                caption: Some("Invoice INV/2026-27/00012".into()),
                filename: Some("INV-2026-27-00012.pdf".into()),
            },
        );
        let v = doc.to_json();
        assert_eq!(v["type"], "document");
        assert_eq!(
            v["document"],
            json!({"link": "https://shop.in/invoices/INV-2026-27-00012.pdf",
            "caption": "Invoice INV/2026-27/00012", "filename": "INV-2026-27-00012.pdf"})
        );
    }

    pub(in super::super) fn proof_buttons() -> ReplyButtons {
        ReplyButtons {
            header: Some("Proof for PD-2026-00042".into()),
            body: "Please check the proof and choose:".into(),
            footer: Some("PressDesk".into()),
            buttons: vec![
                ReplyButton { id: "proof.approve.981".into(), title: "Approve".into() },
                ReplyButton { id: "proof.changes.981".into(), title: "Request changes".into() },
            ],
        }
    }

    #[test]
    fn reply_buttons_json() {
        let v = Outgoing::new(phone(), Body::Buttons(proof_buttons())).to_json();
        assert_eq!(v["type"], "interactive");
        assert_eq!(
            v["interactive"],
            json!({"type": "button", "header": {"type": "text", "text": "Proof for PD-2026-00042"},
                   "body": {"text": "Please check the proof and choose:"}, "footer": {"text": "PressDesk"},
                   "action": {"buttons": [
                       {"type": "reply", "reply": {"id": "proof.approve.981", "title": "Approve"}},
                       {"type": "reply", "reply": {"id": "proof.changes.981", "title": "Request changes"}}]}})
        );
    }

    #[test]
    fn list_json() {
        let list = ListMessage {
            header: None,
            body: "How can we help?".into(),
            footer: None,
            button: "Menu".into(),
            sections: vec![Section {
                title: Some("Orders".into()),
                rows: vec![
                    Row {
                        id: "menu.status".into(),
                        title: "Order status".into(),
                        description: Some("Where is my order?".into()),
                    },
                    Row { id: "menu.invoice".into(), title: "Latest invoice".into(), description: None },
                ],
            }],
        };
        let v = Outgoing::new(phone(), Body::List(list)).to_json();
        assert_eq!(
            v["interactive"],
            json!({"type": "list", "body": {"text": "How can we help?"}, "action": {"button": "Menu", "sections": [
                {"title": "Orders", "rows": [
                    {"id": "menu.status", "title": "Order status", "description": "Where is my order?"},
                    {"id": "menu.invoice", "title": "Latest invoice"}]}]}})
        );
    }

    #[test]
    fn outbox_rows_round_trip_through_json() {
        let mut m = Outgoing::new(phone(), Body::Buttons(proof_buttons()));
        m.reply_to = Some("wamid.X".into());
        m.callback_data = Some("outbox:8812".into());
        assert_eq!(m.to_json()["biz_opaque_callback_data"], "outbox:8812");
        let back: Outgoing = serde_json::from_str(&serde_json::to_string(&m).unwrap()).unwrap();
        assert_eq!(back, m);
        assert_eq!(
            mark_read("wamid.X"),
            json!({"messaging_product": "whatsapp", "status": "read", "message_id": "wamid.X"})
        );
    }
}
