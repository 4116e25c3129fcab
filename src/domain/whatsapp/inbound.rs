//! A parsed webhook body flattened into the items the intake stores, each with a key for
//! idempotency: Meta delivers at least once and retries for hours, so the same message or
//! status can arrive many times and must be stored once.
use super::pricing::PricingCategory;
use super::status::DeliveryStatus;
use super::template::{Quality, TemplateStatus};
use super::webhook::{Change, Contact, Content, Message, WebhookBody, WireError};
use std::collections::HashSet;

/// Who a message came from or went to. Customers are matched by `wa_id` (phone) and by
/// `user_id` (BSUID); either may be missing, never both.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sender {
    pub wa_id: Option<String>,
    pub user_id: Option<String>,
    pub name: Option<String>,
    pub username: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct InboundMessage {
    /// Our business number the message was sent to.
    pub phone_number_id: String,
    pub sender: Sender,
    pub message: Message,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboundStatus {
    pub phone_number_id: String,
    /// wamid of our message.
    pub message_id: String,
    /// `None` for a status value we do not track ("deleted", say); stored, never applied.
    pub status: Option<DeliveryStatus>,
    pub raw_status: String,
    pub timestamp: i64,
    pub recipient: Sender,
    /// Our `biz_opaque_callback_data`, echoed back.
    pub callback_data: Option<String>,
    pub pricing_category: Option<PricingCategory>,
    pub billable: Option<bool>,
    pub errors: Vec<WireError>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PreferenceChange {
    Stop,
    Resume,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboundPreference {
    pub phone_number_id: String,
    pub user: Sender,
    /// "marketing_messages".
    pub category: String,
    pub change: Option<PreferenceChange>,
    pub raw_value: String,
    pub timestamp: i64,
    pub detail: Option<String>,
}

/// A template review or quality event, for the template sync.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateUpdate {
    pub template_id: String,
    pub name: Option<String>,
    pub language: Option<String>,
    pub status: Option<TemplateStatus>,
    pub quality: Option<Quality>,
    pub reason: Option<String>,
    pub time: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Inbound {
    Message(InboundMessage),
    Status(InboundStatus),
    Preference(InboundPreference),
    Template(TemplateUpdate),
}

impl Inbound {
    /// Unique per real event: a message by its wamid; a status by wamid and value (one message
    /// goes sent, delivered, read); a preference by user, value and time; a template event by
    /// template, kind and time.
    pub fn key(&self) -> String {
        match self {
            Inbound::Message(m) => format!("message:{}", m.message.id),
            Inbound::Status(s) => format!("status:{}:{}", s.message_id, s.raw_status),
            Inbound::Preference(p) => {
                let who = p.user.user_id.as_deref().or(p.user.wa_id.as_deref()).unwrap_or("");
                format!("preference:{who}:{}:{}:{}", p.category, p.raw_value, p.timestamp)
            }
            Inbound::Template(t) => {
                let what = match (&t.status, &t.quality) {
                    (Some(s), _) => format!("status:{s:?}"),
                    (None, Some(q)) => format!("quality:{q:?}"),
                    (None, None) => "other".to_string(),
                };
                format!("template:{}:{what}:{}", t.template_id, t.time.unwrap_or(0))
            }
        }
    }
}

/// The sender of `m`: its own ids, completed from the `contacts` entry that shares one.
fn sender_of(m: &Message, contacts: &[Contact]) -> Sender {
    let matches = |c: &&Contact| {
        (m.from.is_some() && c.wa_id == m.from) || (m.from_user_id.is_some() && c.user_id == m.from_user_id)
    };
    let contact = contacts.iter().find(matches).or(if contacts.len() == 1 { contacts.first() } else { None });
    let profile = contact.and_then(|c| c.profile.clone()).unwrap_or_default();
    Sender {
        wa_id: m.from.clone().or_else(|| contact.and_then(|c| c.wa_id.clone())),
        user_id: m.from_user_id.clone().or_else(|| contact.and_then(|c| c.user_id.clone())),
        name: profile.name.filter(|n| !n.is_empty()),
        username: profile.username,
    }
}

fn change_items(change: &Change, time: Option<i64>, out: &mut Vec<Inbound>) {
    let v = &change.value;
    let phone_number_id = v.metadata.as_ref().map(|m| m.phone_number_id.clone()).unwrap_or_default();
    for m in &v.messages {
        let sender = sender_of(m, &v.contacts);
        out.push(Inbound::Message(InboundMessage {
            phone_number_id: phone_number_id.clone(),
            sender,
            message: m.clone(),
        }));
    }
    for s in &v.statuses {
        let pricing = s.pricing.as_ref();
        out.push(Inbound::Status(InboundStatus {
            phone_number_id: phone_number_id.clone(),
            message_id: s.id.clone(),
            status: DeliveryStatus::from_wire(&s.status),
            raw_status: s.status.clone(),
            timestamp: s.timestamp,
            recipient: Sender {
                wa_id: s.recipient_id.clone(),
                user_id: s.recipient_user_id.clone(),
                ..Sender::default()
            },
            callback_data: s.biz_opaque_callback_data.clone(),
            pricing_category: pricing.and_then(|p| p.category.as_deref()).and_then(PricingCategory::from_wire),
            billable: pricing.and_then(|p| p.billable),
            errors: s.errors.clone(),
        }));
    }
    for p in &v.user_preferences {
        let change = match p.value.as_str() {
            "stop" => Some(PreferenceChange::Stop),
            "resume" => Some(PreferenceChange::Resume),
            _ => None,
        };
        out.push(Inbound::Preference(InboundPreference {
            phone_number_id: phone_number_id.clone(),
            user: Sender { wa_id: p.wa_id.clone(), user_id: p.user_id.clone(), ..Sender::default() },
            category: p.category.clone(),
            change,
            raw_value: p.value.clone(),
            timestamp: p.timestamp,
            detail: p.detail.clone(),
        }));
    }
    if let (true, Some(id)) = (change.field.starts_with("message_template_"), &v.message_template_id) {
        let upper = |s: &Option<String>| s.as_ref().map(|x| serde_json::Value::String(x.to_ascii_uppercase()));
        out.push(Inbound::Template(TemplateUpdate {
            template_id: id.clone(),
            name: v.message_template_name.clone(),
            language: v.message_template_language.clone(),
            status: upper(&v.event).and_then(|e| serde_json::from_value(e).ok()),
            quality: upper(&v.new_quality_score).and_then(|q| serde_json::from_value(q).ok()),
            reason: v.reason.clone().filter(|r| r != "NONE"),
            time,
        }));
    }
}

/// Every item in body order, duplicates within the body dropped (the store drops the ones
/// seen in earlier bodies by `key()`).
pub fn flatten(body: &WebhookBody) -> Vec<Inbound> {
    let mut all = Vec::new();
    for entry in &body.entry {
        for change in &entry.changes {
            change_items(change, entry.time, &mut all);
        }
    }
    let mut seen = HashSet::new();
    all.retain(|i| seen.insert(i.key()));
    all
}

/// Text a staff inbox shows for a message, also for kinds the bot ignores.
pub fn summary(c: &Content) -> String {
    match c {
        Content::Text { body } => body.clone(),
        Content::ButtonReply { title, .. } | Content::ListReply { title, .. } => title.clone(),
        Content::QuickReply { text, .. } => text.clone(),
        Content::Image(m) => m.caption.clone().map_or("[image]".into(), |c| format!("[image] {c}")),
        Content::Document(m) => format!("[document] {}", m.filename.as_deref().or(m.caption.as_deref()).unwrap_or(""))
            .trim_end()
            .to_string(),
        Content::Unknown { kind, .. } => format!("[{kind}]"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::status::{fold, DeliveryStatus::*};
    use super::super::webhook::parse;
    use super::super::webhook_samples::*;
    use super::*;

    fn items(body: &str) -> Vec<Inbound> {
        flatten(&parse(body.as_bytes()).unwrap())
    }

    fn messages(body: &str) -> Vec<InboundMessage> {
        items(body).into_iter().filter_map(|i| if let Inbound::Message(m) = i { Some(m) } else { None }).collect()
    }

    #[test]
    fn a_text_message_becomes_one_item_with_its_sender() {
        let all = items(TEXT);
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].key(), "message:wamid.HBgMOTE5ODAwMDAwMDAxFQIAEhgUM0FFNTVCQzgxQzNBQUExQzUwMEMA");
        let Inbound::Message(m) = &all[0] else { panic!() };
        assert_eq!(m.phone_number_id, "106540352242922");
        assert_eq!(
            m.sender,
            Sender {
                wa_id: Some("919800000001".into()),
                user_id: Some("IN.1410018717833190".into()),
                name: Some("Asha Verma".into()),
                username: None
            }
        );
        assert_eq!(summary(&m.message.content), "where is my order 1234");
    }

    #[test]
    fn every_message_kind_is_kept_and_matched_to_its_contact() {
        let ms = messages(MIXED);
        assert_eq!(ms.len(), 8, "unknown types are not dropped");
        assert_eq!(ms[1].sender.name.as_deref(), Some("Ravi Traders"));
        assert_eq!(ms[1].sender.user_id.as_deref(), Some("IN.2298374650019283"), "completed from contacts");
        assert_eq!(ms[0].sender.name.as_deref(), Some("Asha Verma"));
        let texts: Vec<String> = ms.iter().map(|m| summary(&m.message.content)).collect();
        assert_eq!(
            texts,
            vec![
                "Approve",
                "Latest invoice",
                "Request changes",
                "[image] logo for order 1234",
                "[document] visiting-card.pdf",
                "[sticker]",
                "[reaction]",
                "[unsupported]"
            ]
        );
    }

    #[test]
    fn out_of_order_and_duplicate_statuses() {
        let all = items(STATUSES);
        let statuses: Vec<&InboundStatus> =
            all.iter().filter_map(|i| if let Inbound::Status(s) = i { Some(s) } else { None }).collect();
        assert_eq!(statuses.len(), 3, "the duplicate delivered is dropped");
        assert_eq!(
            all.iter().map(Inbound::key).collect::<Vec<_>>(),
            vec!["status:wamid.OUT1:read", "status:wamid.OUT1:delivered", "status:wamid.OUT2:failed"]
        );
        let out1: Vec<_> = statuses.iter().filter(|s| s.message_id == "wamid.OUT1").filter_map(|s| s.status).collect();
        assert_eq!(out1, vec![Read, Delivered]);
        assert_eq!(fold(Sent, &out1), Read, "read arriving first is not undone by the late delivered");
        let delivered = statuses[1];
        assert_eq!((delivered.pricing_category, delivered.billable), (Some(PricingCategory::Utility), Some(true)));
        assert_eq!(delivered.callback_data.as_deref(), Some("outbox:8812"));
        assert_eq!(statuses[0].recipient.user_id.as_deref(), Some("IN.1410018717833190"));
        let failed = statuses[2];
        assert_eq!((failed.status, failed.errors[0].code), (Some(Failed), 131050));
    }

    #[test]
    fn a_body_with_only_a_user_id() {
        let ms = messages(USER_ID_ONLY);
        assert_eq!(ms.len(), 1);
        assert_eq!(
            ms[0].sender,
            Sender {
                wa_id: None,
                user_id: Some("IN.1648738043044942".into()),
                name: Some("Meera".into()),
                username: Some("@meera.prints".into())
            }
        );
        assert_eq!(ms[0].message.from, None);
    }

    #[test]
    fn marketing_preferences() {
        let all = items(PREFERENCES);
        let prefs: Vec<&InboundPreference> =
            all.iter().filter_map(|i| if let Inbound::Preference(p) = i { Some(p) } else { None }).collect();
        assert_eq!(
            prefs.iter().map(|p| p.change).collect::<Vec<_>>(),
            vec![Some(PreferenceChange::Stop), Some(PreferenceChange::Resume)]
        );
        assert_eq!(prefs[0].category, "marketing_messages");
        assert_eq!(prefs[0].user.wa_id.as_deref(), Some("919800000001"));
        assert_eq!(all[0].key(), "preference:IN.1410018717833190:marketing_messages:stop:1764583500");
        assert_ne!(all[0].key(), all[1].key());
    }

    #[test]
    fn template_events() {
        let all = items(TEMPLATE_EVENTS);
        let t: Vec<&TemplateUpdate> =
            all.iter().filter_map(|i| if let Inbound::Template(t) = i { Some(t) } else { None }).collect();
        assert_eq!(t.len(), 2);
        assert_eq!(
            (t[0].template_id.as_str(), t[0].status, t[0].reason.as_deref()),
            ("1284758392047561", Some(TemplateStatus::Approved), None)
        );
        assert_eq!((t[1].quality, t[1].status, t[1].language.as_deref()), (Some(Quality::Yellow), None, Some("hi")));
        assert_eq!(all[0].key(), "template:1284758392047561:status:Approved:1764583600");
    }

    #[test]
    fn redelivered_bodies_give_the_same_keys() {
        let keys = |b: &str| items(b).iter().map(Inbound::key).collect::<Vec<_>>();
        assert_eq!(keys(MIXED), keys(MIXED));
        let dup = r#"{"from": "919800000001", "id": "wamid.M1", "timestamp": "1764583201", "type": "text", "text": {"body": "dup"}},"#;
        let twice = MIXED.replacen(r#""messages": ["#, &format!(r#""messages": [{dup}"#), 1);
        assert_eq!(items(&twice).len(), 8, "same wamid twice in one body is stored once");
    }
}
