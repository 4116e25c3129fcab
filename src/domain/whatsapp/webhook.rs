//! The webhook POST body (`object: "whatsapp_business_account"`) as serde types, written from
//! Meta's webhook reference. They deserialize what Meta sends and serialize back to the same
//! shape, which is what the built-in simulator posts. Parsing is lenient where Meta evolves
//! (unknown message types, new fields, BSUID-only users) and strict where storage depends on it
//! (every message and status has an id). Messages are in `webhook_message.rs`; turning a body
//! into stored items is in `inbound.rs`.
pub use super::webhook_message::{Content, Media, Message};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use std::fmt;

/// Meta documents webhook payloads of up to 3 MB; anything bigger is refused unread.
pub const MAX_BODY_BYTES: usize = 3 * 1024 * 1024;
pub const OBJECT: &str = "whatsapp_business_account";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WebhookBody {
    pub object: String,
    #[serde(default)]
    pub entry: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The WhatsApp Business Account id.
    pub id: String,
    /// Unix seconds; Meta sets it on template and account events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<i64>,
    #[serde(default)]
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// "messages", "user_preferences", "message_template_status_update", ...
    pub field: String,
    #[serde(default)]
    pub value: ChangeValue,
}

/// One struct for every `field`: the arrays a field does not use stay empty.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ChangeValue {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub messaging_product: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Contact>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub messages: Vec<Message>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statuses: Vec<Status>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub user_preferences: Vec<UserPreference>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<WireError>,
    /// `message_template_status_update`: "APPROVED", "REJECTED", "PAUSED", ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    #[serde(default, deserialize_with = "de_opt_id", skip_serializing_if = "Option::is_none")]
    pub message_template_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_template_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_template_language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// `message_template_quality_update`: "GREEN", "YELLOW", "RED", "UNKNOWN".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_quality_score: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Metadata {
    #[serde(default)]
    pub display_phone_number: String,
    #[serde(default)]
    pub phone_number_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Profile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
}

/// A sender. `wa_id` (the phone number) is omitted for users with a username whose number
/// Meta may not share; `user_id` (BSUID, "IN.1648738043044942") is always there since 2026.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Contact {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<Profile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wa_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Conversation {
    #[serde(default)]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Origin {
    #[serde(rename = "type", default)]
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Pricing {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billable: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pricing_model: Option<String>,
    /// "marketing", "utility", "authentication", "service", ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct WireError {
    #[serde(default)]
    pub code: i64,
    #[serde(default)]
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// A delivery status of one of our messages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Status {
    /// wamid of our message.
    pub id: String,
    /// "sent", "delivered", "read", "failed" (kept raw; see `status::DeliveryStatus::from_wire`).
    pub status: String,
    #[serde(deserialize_with = "de_ts", serialize_with = "ser_ts_string")]
    pub timestamp: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient_user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub biz_opaque_callback_data: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation: Option<Conversation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pricing: Option<Pricing>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<WireError>,
}

/// A marketing stop or resume the user chose in WhatsApp itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserPreference {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wa_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// "marketing_messages".
    pub category: String,
    /// "stop" or "resume".
    pub value: String,
    #[serde(deserialize_with = "de_ts")]
    pub timestamp: i64,
}

/// Meta sends timestamps as strings of Unix seconds ("1749416383"), in a few places as numbers.
pub(super) fn de_ts<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    match Value::deserialize(d)? {
        Value::String(s) => s.trim().parse().map_err(serde::de::Error::custom),
        Value::Number(n) => n.as_i64().ok_or_else(|| serde::de::Error::custom("timestamp out of range")),
        other => Err(serde::de::Error::custom(format!("timestamp expected, got {other}"))),
    }
}

/// Template ids come as numbers in some events and as strings in others.
fn de_opt_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::String(s)) => Some(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    })
}

fn ser_ts_string<S: Serializer>(ts: &i64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&ts.to_string())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebhookError {
    TooLarge,
    Malformed(String),
    /// Valid JSON for another Meta product (a Page or Instagram subscription on the same app).
    WrongObject(String),
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebhookError::TooLarge => write!(f, "webhook body larger than {MAX_BODY_BYTES} bytes"),
            WebhookError::Malformed(e) => write!(f, "malformed webhook body: {e}"),
            WebhookError::WrongObject(o) => write!(f, "webhook for {o:?}, expected {OBJECT:?}"),
        }
    }
}

impl std::error::Error for WebhookError {}

/// Parses the raw body, after its signature was checked.
pub fn parse(body: &[u8]) -> Result<WebhookBody, WebhookError> {
    if body.len() > MAX_BODY_BYTES {
        return Err(WebhookError::TooLarge);
    }
    let parsed: WebhookBody = serde_json::from_slice(body).map_err(|e| WebhookError::Malformed(e.to_string()))?;
    if parsed.object != OBJECT {
        return Err(WebhookError::WrongObject(parsed.object));
    }
    Ok(parsed)
}

/// The GET handshake: answer `hub.challenge` only for `hub.mode=subscribe` with our verify
/// token. An empty configured token never matches, so an unconfigured app cannot be claimed.
pub fn verify_subscription(
    mode: Option<&str>,
    token: Option<&str>,
    challenge: Option<&str>,
    expected: &str,
) -> Option<String> {
    let (mode, token, challenge) = (mode?, token?, challenge?);
    (mode == "subscribe" && !expected.is_empty() && same(token.as_bytes(), expected.as_bytes()))
        .then(|| challenge.to_string())
}

/// Comparison whose time does not depend on where the inputs differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::super::webhook_samples::*;
    use super::*;

    fn value(body: &str) -> ChangeValue {
        parse(body.as_bytes()).unwrap().entry.remove(0).changes.remove(0).value
    }

    #[test]
    fn text_message_with_contact_and_bsuid() {
        let v = value(TEXT);
        assert_eq!(v.metadata.unwrap().phone_number_id, "106540352242922");
        assert_eq!(v.contacts[0].wa_id.as_deref(), Some("919800000001"));
        assert_eq!(v.contacts[0].user_id.as_deref(), Some("IN.1410018717833190"));
        assert_eq!(v.contacts[0].profile.as_ref().unwrap().name.as_deref(), Some("Asha Verma"));
        let m = &v.messages[0];
        assert_eq!((m.timestamp, m.from.as_deref()), (1_764_583_200, Some("919800000001")));
        assert_eq!(m.content, Content::Text { body: "where is my order 1234".into() });
    }

    #[test]
    fn statuses_with_pricing_and_errors() {
        let v = value(STATUSES);
        assert_eq!(v.statuses.len(), 4);
        let d = &v.statuses[1];
        assert_eq!((d.status.as_str(), d.timestamp), ("delivered", 1_764_583_260));
        let p = d.pricing.as_ref().unwrap();
        assert_eq!(
            (p.category.as_deref(), p.billable, p.pricing_model.as_deref()),
            (Some("utility"), Some(true), Some("PMP"))
        );
        assert_eq!(d.conversation.as_ref().unwrap().origin.as_ref().unwrap().kind, "utility");
        assert_eq!(v.statuses[0].biz_opaque_callback_data.as_deref(), Some("outbox:8812"));
        assert_eq!(v.statuses[3].errors[0].code, 131050);
    }

    #[test]
    fn a_user_known_only_by_user_id() {
        let v = value(USER_ID_ONLY);
        assert_eq!(v.contacts[0].wa_id, None);
        assert_eq!(v.contacts[0].profile.as_ref().unwrap().username.as_deref(), Some("@meera.prints"));
        assert_eq!(
            (v.messages[0].from.as_deref(), v.messages[0].from_user_id.as_deref()),
            (None, Some("IN.1648738043044942"))
        );
    }

    #[test]
    fn preferences_and_template_events() {
        let v = value(PREFERENCES);
        assert_eq!(
            v.user_preferences.iter().map(|p| (p.value.as_str(), p.timestamp)).collect::<Vec<_>>(),
            vec![("stop", 1_764_583_500), ("resume", 1_764_669_900)]
        );
        let body = parse(TEMPLATE_EVENTS.as_bytes()).unwrap();
        let first = &body.entry[0].changes[0].value;
        assert_eq!(
            (first.event.as_deref(), first.message_template_id.as_deref()),
            (Some("APPROVED"), Some("1284758392047561"))
        );
        assert_eq!(body.entry[1].changes[0].value.new_quality_score.as_deref(), Some("YELLOW"));
        assert_eq!(body.entry[1].time, Some(1_764_583_700));
    }

    #[test]
    fn serializes_back_to_the_same_body() {
        for sample in [TEXT, MIXED, STATUSES, USER_ID_ONLY, PREFERENCES, TEMPLATE_EVENTS] {
            let parsed = parse(sample.as_bytes()).unwrap();
            let json = serde_json::to_vec(&parsed).unwrap();
            assert_eq!(parse(&json).unwrap(), parsed);
        }
        let m = &value(TEXT).messages[0];
        let v = serde_json::to_value(m).unwrap();
        assert_eq!((v["type"].as_str(), v["timestamp"].as_str()), (Some("text"), Some("1764583200")));
    }

    #[test]
    fn bad_bodies_are_clear_errors() {
        assert_eq!(parse(&vec![b' '; MAX_BODY_BYTES + 1]), Err(WebhookError::TooLarge));
        assert!(matches!(
            parse(b"{\"object\": \"whatsapp_business_account\", \"entry\": [{"),
            Err(WebhookError::Malformed(_))
        ));
        assert!(matches!(parse(b"not json"), Err(WebhookError::Malformed(_))));
        assert_eq!(parse(br#"{"object": "page", "entry": []}"#), Err(WebhookError::WrongObject("page".into())));
        let no_id = TEXT.replace(r#""id": "wamid."#, r#""wamid": "wamid."#);
        assert!(matches!(parse(no_id.as_bytes()), Err(WebhookError::Malformed(e)) if e.contains("id")));
        let bad_ts = TEXT.replace("\"1764583200\"", "\"yesterday\"");
        assert!(parse(bad_ts.as_bytes()).is_err());
        // A known type with an odd payload is kept, as Unknown, rather than failing the body.
        let odd = TEXT.replace(r#""text": {"body": "where is my order 1234"}"#, r#""text": {"caption": "?"}"#);
        assert!(matches!(value(&odd).messages[0].content, Content::Unknown { ref kind, .. } if kind == "text"));
        assert!(WebhookError::TooLarge.to_string().contains("3145728"));
    }

    #[test]
    fn subscription_handshake() {
        let ok = verify_subscription(Some("subscribe"), Some("s3cret-token"), Some("1158201444"), "s3cret-token");
        assert_eq!(ok.as_deref(), Some("1158201444"));
        assert_eq!(verify_subscription(Some("subscribe"), Some("wrong-token!"), Some("1"), "s3cret-token"), None);
        assert_eq!(verify_subscription(Some("subscribe"), Some("s3cret"), Some("1"), "s3cret-token"), None);
        assert_eq!(verify_subscription(Some("unsubscribe"), Some("s3cret-token"), Some("1"), "s3cret-token"), None);
        assert_eq!(verify_subscription(Some("subscribe"), Some(""), Some("1"), ""), None, "no token configured");
        assert_eq!(verify_subscription(None, Some("s3cret-token"), Some("1"), "s3cret-token"), None);
        assert_eq!(verify_subscription(Some("subscribe"), Some("s3cret-token"), None, "s3cret-token"), None);
    }
}
