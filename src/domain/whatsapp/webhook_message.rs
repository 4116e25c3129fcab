//! Incoming messages in the webhook: the fields every message has, and the payload Meta puts
//! under a key named after its `type`. Parsed by hand from a JSON value so that a type we do
//! not handle, or a known type with an odd payload, is kept as `Unknown` instead of failing the
//! whole body; serialized back to Meta's shape for the simulator.
use super::webhook::de_ts;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{json, Value};

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Media {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mime_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
}

/// What a customer sent. Types we do not handle (sticker, location, reaction, order, ...) are
/// kept whole as `Unknown`, so one odd message never loses the rest of the body.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    Text {
        body: String,
    },
    /// A reply button of an interactive message we sent.
    ButtonReply {
        id: String,
        title: String,
    },
    ListReply {
        id: String,
        title: String,
        description: Option<String>,
    },
    /// A quick-reply button of a template.
    QuickReply {
        payload: String,
        text: String,
    },
    Image(Media),
    Document(Media),
    Unknown {
        kind: String,
        raw: Value,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub id: String,
    /// The sender's phone number; absent when Meta only gives the BSUID.
    pub from: Option<String>,
    pub from_user_id: Option<String>,
    /// Unix seconds.
    pub timestamp: i64,
    /// wamid of our message the customer replied to or whose button they pressed.
    pub context_id: Option<String>,
    pub content: Content,
}

/// The fields every message has; the payload sits under a key named after `type`.
#[derive(Deserialize)]
struct Head {
    id: String,
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    from_user_id: Option<String>,
    #[serde(deserialize_with = "de_ts")]
    timestamp: i64,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    context: Option<ContextRef>,
}

#[derive(Deserialize)]
struct ContextRef {
    #[serde(default)]
    id: Option<String>,
}

impl<'de> Deserialize<'de> for Message {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = Value::deserialize(d)?;
        let head = Head::deserialize(&raw).map_err(serde::de::Error::custom)?;
        let content = content_of(&head.kind, &raw)
            .unwrap_or_else(|| Content::Unknown { kind: head.kind.clone(), raw: raw.clone() });
        Ok(Message {
            id: head.id,
            from: head.from,
            from_user_id: head.from_user_id,
            timestamp: head.timestamp,
            context_id: head.context.and_then(|c| c.id),
            content,
        })
    }
}

fn content_of(kind: &str, raw: &Value) -> Option<Content> {
    let part = raw.get(kind)?;
    let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    Some(match kind {
        "text" => Content::Text { body: s(part, "body")? },
        "button" => Content::QuickReply { payload: s(part, "payload")?, text: s(part, "text").unwrap_or_default() },
        "image" => Content::Image(Media::deserialize(part).ok()?),
        "document" => Content::Document(Media::deserialize(part).ok()?),
        "interactive" => match part.get("type")?.as_str()? {
            "button_reply" => {
                let r = part.get("button_reply")?;
                Content::ButtonReply { id: s(r, "id")?, title: s(r, "title").unwrap_or_default() }
            }
            "list_reply" => {
                let r = part.get("list_reply")?;
                Content::ListReply {
                    id: s(r, "id")?,
                    title: s(r, "title").unwrap_or_default(),
                    description: s(r, "description"),
                }
            }
            _ => return None,
        },
        _ => return None,
    })
}

impl Serialize for Message {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (kind, payload) = match &self.content {
            Content::Unknown { raw, .. } => return raw.serialize(s),
            Content::Text { body } => ("text", json!({"body": body})),
            Content::QuickReply { payload, text } => ("button", json!({"payload": payload, "text": text})),
            Content::Image(m) => ("image", json!(m)),
            Content::Document(m) => ("document", json!(m)),
            Content::ButtonReply { id, title } => {
                ("interactive", json!({"type": "button_reply", "button_reply": {"id": id, "title": title}}))
            }
            Content::ListReply { id, title, description } => {
                let mut r = json!({"id": id, "title": title});
                if let Some(d) = description {
                    r["description"] = json!(d);
                }
                ("interactive", json!({"type": "list_reply", "list_reply": r}))
            }
        };
        let mut v = json!({"id": self.id, "timestamp": self.timestamp.to_string(), "type": kind});
        v[kind] = payload;
        if let Some(from) = &self.from {
            v["from"] = json!(from);
        }
        if let Some(uid) = &self.from_user_id {
            v["from_user_id"] = json!(uid);
        }
        if let Some(c) = &self.context_id {
            v["context"] = json!({"id": c});
        }
        v.serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::super::webhook::parse;
    use super::super::webhook_samples::MIXED;
    use super::*;

    fn messages(body: &str) -> Vec<Message> {
        parse(body.as_bytes()).unwrap().entry.remove(0).changes.remove(0).value.messages
    }

    #[test]
    fn replies_media_and_unknown_types() {
        let ms = messages(MIXED);
        let c: Vec<&Content> = ms.iter().map(|m| &m.content).collect();
        assert_eq!(*c[0], Content::ButtonReply { id: "proof.approve.981".into(), title: "Approve".into() });
        assert_eq!(ms[0].context_id.as_deref(), Some("wamid.PROOF981"));
        assert_eq!(
            *c[1],
            Content::ListReply {
                id: "menu.invoice".into(),
                title: "Latest invoice".into(),
                description: Some("Get your last bill as PDF".into())
            }
        );
        assert_eq!(*c[2], Content::QuickReply { payload: "proof.changes.981".into(), text: "Request changes".into() });
        let Content::Image(img) = c[3] else { panic!("{:?}", c[3]) };
        assert_eq!(
            (img.id.as_str(), img.mime_type.as_deref(), img.caption.as_deref()),
            ("1003383421387256", Some("image/jpeg"), Some("logo for order 1234"))
        );
        let Content::Document(doc) = c[4] else { panic!("{:?}", c[4]) };
        assert_eq!(doc.filename.as_deref(), Some("visiting-card.pdf"));
        let kinds: Vec<&str> = c[5..]
            .iter()
            .map(|c| match c {
                Content::Unknown { kind, .. } => kind.as_str(),
                _ => "known",
            })
            .collect();
        assert_eq!(kinds, vec!["sticker", "reaction", "unsupported"]);
        let Content::Unknown { raw, .. } = c[6] else { unreachable!() };
        assert_eq!(raw["reaction"]["emoji"], "👍", "kept whole");
    }

    #[test]
    fn a_simulated_reply_serializes_as_meta_sends_it() {
        let m = Message {
            id: "wamid.SIM1".into(),
            from: None,
            from_user_id: Some("IN.1648738043044942".into()),
            timestamp: 1_764_583_400,
            context_id: Some("wamid.PROOF981".into()),
            content: Content::ButtonReply { id: "proof.approve.981".into(), title: "Approve".into() },
        };
        let v = serde_json::to_value(&m).unwrap();
        assert_eq!(
            v,
            json!({"id": "wamid.SIM1", "timestamp": "1764583400", "type": "interactive",
                   "from_user_id": "IN.1648738043044942", "context": {"id": "wamid.PROOF981"},
                   "interactive": {"type": "button_reply", "button_reply": {"id": "proof.approve.981", "title": "Approve"}}})
        );
        assert!(v.get("from").is_none(), "no phone number invented");
        assert_eq!(serde_json::from_value::<Message>(v).unwrap(), m);
    }

    #[test]
    fn numeric_timestamps_and_missing_ids() {
        let m: Message =
            serde_json::from_value(json!({"id": "wamid.N", "from": "919800000001", "timestamp": 1764583400,
            "type": "location", "location": {"latitude": 19.07, "longitude": 72.87}}))
            .unwrap();
        assert_eq!(m.timestamp, 1_764_583_400);
        assert!(matches!(m.content, Content::Unknown { ref kind, .. } if kind == "location"));
        assert!(serde_json::from_value::<Message>(json!({"timestamp": "1", "type": "text", "text": {"body": "x"}}))
            .is_err());
    }
}
