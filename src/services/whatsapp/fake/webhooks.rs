//! The webhooks the fake posts, built from the same serde types the app parses them with
//! (`domain::whatsapp::webhook`), so they cannot drift from what the intake reads: delivery
//! statuses, customer messages, marketing preferences, template reviews. Each is signed like
//! Meta's (`X-Hub-Signature-256`) and retried a few times when the app does not take it.
use super::{phone_key, FakeCloud, MediaFile, PhoneItem};
use super::CustomerReply;
use crate::domain::whatsapp::inbound::summary;
use crate::domain::whatsapp::signature::{header_value, HEADER};
use crate::domain::whatsapp::webhook::{
    Change, ChangeValue, Contact, Content, Conversation, Entry, Media, Message, Metadata, Origin, Pricing, Profile,
    Status, UserPreference, WebhookBody, WireError, OBJECT,
};
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use std::time::Duration;

/// The business number the fake's customers write to.
pub(super) const DISPLAY_NUMBER: &str = "15550000001";
const RETRIES: usize = 3;
const RETRY_PAUSE: Duration = Duration::from_millis(200);

/// "sha256=" + lowercase hex HMAC-SHA256(secret, body).
pub fn sign(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(body);
    let mut digest = [0u8; 32];
    digest.copy_from_slice(&mac.finalize().into_bytes());
    header_value(&digest)
}

/// A `statuses` webhook body for one status (sent/delivered/read/failed) of a utility message.
pub fn status_body(
    phone_number_id: &str,
    waba_id: &str,
    wamid: &str,
    status: &str,
    recipient: &str,
    callback: Option<&str>,
) -> String {
    status_body_in(phone_number_id, waba_id, wamid, status, recipient, callback, "utility")
}

/// `status_body` for a pricing category: "marketing", "utility", "authentication", "service".
/// Pricing on every status but failed (service messages are not billable), the conversation
/// on sent, an error on failed. A recipient that is not all digits is a BSUID.
pub(super) fn status_body_in(
    phone_number_id: &str,
    waba_id: &str,
    wamid: &str,
    status: &str,
    recipient: &str,
    callback: Option<&str>,
    category: &str,
) -> String {
    let is_phone = !recipient.is_empty() && recipient.chars().all(|c| c.is_ascii_digit());
    let billable = category != "service";
    let failed = status == "failed";
    let s = Status {
        id: wamid.to_string(),
        status: status.to_string(),
        timestamp: crate::clock::now().timestamp(),
        recipient_id: is_phone.then(|| recipient.to_string()),
        recipient_user_id: (!is_phone).then(|| recipient.to_string()),
        biz_opaque_callback_data: callback.map(str::to_string),
        conversation: (status == "sent").then(|| Conversation {
            id: hex(&Sha256::digest(format!("{recipient}:{category}").as_bytes())[..16]),
            origin: Some(Origin { kind: category.to_string() }),
        }),
        pricing: (!failed).then(|| Pricing {
            billable: Some(billable),
            pricing_model: Some("PMP".into()),
            category: Some(category.to_string()),
            kind: Some(if billable { "regular" } else { "free_customer_service" }.into()),
        }),
        errors: if failed {
            vec![WireError { code: 131026, title: "Message undeliverable".into(), message: Some("Message undeliverable".into()) }]
        } else {
            Vec::new()
        },
    };
    let value = ChangeValue { statuses: vec![s], ..business(phone_number_id) };
    envelope(waba_id, None, "messages", value)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The `value` fields every `messages` / `user_preferences` change carries.
fn business(phone_number_id: &str) -> ChangeValue {
    ChangeValue {
        messaging_product: Some("whatsapp".into()),
        metadata: Some(Metadata { display_phone_number: DISPLAY_NUMBER.into(), phone_number_id: phone_number_id.into() }),
        ..ChangeValue::default()
    }
}

pub(super) fn envelope(waba_id: &str, time: Option<i64>, field: &str, value: ChangeValue) -> String {
    let body = WebhookBody {
        object: OBJECT.into(),
        entry: vec![Entry { id: waba_id.into(), time, changes: vec![Change { field: field.into(), value }] }],
    };
    serde_json::to_string(&body).expect("webhook bodies serialize")
}

fn contact(wa_id: &str, name: Option<String>) -> Contact {
    Contact { profile: name.map(|n| Profile { name: Some(n), username: None }), wa_id: Some(wa_id.into()), user_id: None }
}

impl FakeCloud {
    /// Posts a signed body to the webhook URL: up to 3 retries, 200 ms apart, on an error or
    /// a non-2xx answer. No URL: nothing posted, Ok.
    pub(super) async fn post(&self, body: String) -> Result<(), String> {
        let (url, secret) = {
            let s = self.lock();
            (s.config.webhook_url.clone(), s.config.app_secret.clone())
        };
        let Some(url) = url.filter(|u| !u.trim().is_empty()) else { return Ok(()) };
        let signature = sign(&secret, body.as_bytes());
        let mut last = String::new();
        for attempt in 0..=RETRIES {
            if attempt > 0 {
                tokio::time::sleep(RETRY_PAUSE).await;
            }
            let req = self
                .inner
                .http
                .post(&url)
                .header(HEADER, &signature)
                .header(http::header::CONTENT_TYPE, "application/json")
                .body(body.clone());
            match req.send().await {
                Ok(r) if r.status().is_success() => return Ok(()),
                Ok(r) => last = format!("webhook {url} answered {}", r.status()),
                Err(e) => last = format!("webhook {url} failed: {e}"),
            }
        }
        Err(last)
    }

    fn require_webhook(&self) -> Result<(), String> {
        match self.lock().config.webhook_url.as_deref() {
            Some(u) if !u.trim().is_empty() => Ok(()),
            _ => Err("the fake has no webhook url".into()),
        }
    }

    /// Posts the statuses of an accepted message in a task of its own, updating the phone as
    /// each goes (also without a webhook URL, so the simulator's phone shows the ticks).
    pub(super) fn spawn_statuses(&self, wamid: String, recipient: String, callback: Option<String>, category: &'static str, seq: Vec<&'static str>) {
        let fake = self.clone();
        tokio::spawn(async move {
            for status in seq {
                let (pnid, waba) = {
                    let mut s = fake.lock();
                    s.set_status(&wamid, status);
                    (s.config.phone_number_id.clone(), s.config.waba_id.clone())
                };
                let body = status_body_in(&pnid, &waba, &wamid, status, &recipient, callback.as_deref(), category);
                if let Err(e) = fake.post(body).await {
                    tracing::warn!(error = %e, wamid = %wamid, status, "fake cloud: status webhook not taken");
                }
            }
        });
    }

    /// After ~200 ms of "review", approves a template and posts its
    /// `message_template_status_update`.
    pub(super) fn spawn_review(&self, template_id: String) {
        let fake = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(200)).await;
            let body = {
                let mut s = fake.lock();
                let waba = s.config.waba_id.clone();
                let Some(t) = s.templates.iter_mut().find(|t| t.json["id"] == template_id.as_str()) else { return };
                t.json["status"] = "APPROVED".into();
                let value = ChangeValue {
                    event: Some("APPROVED".into()),
                    message_template_id: Some(template_id.clone()),
                    message_template_name: t.json["name"].as_str().map(str::to_string),
                    message_template_language: t.json["language"].as_str().map(str::to_string),
                    reason: Some("NONE".into()),
                    ..ChangeValue::default()
                };
                envelope(&waba, Some(crate::clock::now().timestamp()), "message_template_status_update", value)
            };
            if let Err(e) = fake.post(body).await {
                tracing::warn!(error = %e, template_id = %template_id, "fake cloud: template webhook not taken");
            }
        });
    }

    /// Posts a signed inbound `messages` webhook as if the customer wrote; returns the inbound
    /// wamid. A button or list reply quotes the latest of our messages offering that id (a
    /// template's quick reply comes as type `button`, as from Meta). Media is stored so
    /// `GET /{version}/{media_id}` and its URL serve it.
    pub async fn reply_as_customer(&self, wa_id: &str, name: &str, reply: CustomerReply) -> Result<String, String> {
        self.require_webhook()?;
        let key = phone_key(wa_id);
        let (body, wamid) = {
            let mut s = self.lock();
            let n = s.next();
            let wamid = format!("wamid.FAKEIN{n}");
            let offered = |id: &str| {
                let items = s.phones.get(&key)?;
                let item = items.iter().rev().find(|i| !i.incoming && i.buttons.iter().any(|(b, _)| b == id))?;
                Some((item.wamid.clone(), item.kind == "template"))
            };
            let quoted = match &reply {
                CustomerReply::Button { id, .. } | CustomerReply::ListRow { id, .. } => offered(id),
                _ => None,
            };
            let (context_id, content) = match reply {
                CustomerReply::Text(body) => (None, Content::Text { body }),
                CustomerReply::Button { id, title } => match quoted {
                    Some((ctx, true)) => (Some(ctx), Content::QuickReply { payload: id, text: title }),
                    ctx => (ctx.map(|c| c.0), Content::ButtonReply { id, title }),
                },
                CustomerReply::ListRow { id, title } => {
                    (quoted.map(|c| c.0), Content::ListReply { id, title, description: None })
                }
                CustomerReply::Image { mime, bytes, caption } => {
                    let sha256 = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(&bytes));
                    let id = s.store_media(mime.clone(), bytes);
                    (None, Content::Image(Media { id, mime_type: Some(mime), sha256: Some(sha256), caption, filename: None }))
                }
                CustomerReply::Document { mime, bytes, filename, caption } => {
                    let sha256 = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(&bytes));
                    let id = s.store_media(mime.clone(), bytes);
                    let media = Media { id, mime_type: Some(mime), sha256: Some(sha256), caption, filename: Some(filename) };
                    (None, Content::Document(media))
                }
            };
            let now = crate::clock::now();
            let kind = match &content {
                Content::Text { .. } => "text",
                Content::QuickReply { .. } => "button",
                Content::ButtonReply { .. } | Content::ListReply { .. } => "interactive",
                Content::Image(_) => "image",
                Content::Document(_) => "document",
                Content::Unknown { .. } => "unknown",
            };
            let item = PhoneItem {
                incoming: true,
                wamid: wamid.clone(),
                kind: kind.into(),
                text: summary(&content),
                buttons: Vec::new(),
                status: "received".into(),
                at: now,
                link: None,
            };
            s.push_phone(&key, item);
            if !name.trim().is_empty() {
                s.names.insert(key.clone(), name.trim().to_string());
            }
            let message =
                Message { id: wamid.clone(), from: Some(key.clone()), from_user_id: None, timestamp: now.timestamp(), context_id, content };
            let name = (!name.trim().is_empty()).then(|| name.trim().to_string());
            let value = ChangeValue {
                contacts: vec![contact(&key, name)],
                messages: vec![message],
                ..business(&s.config.phone_number_id)
            };
            (envelope(&s.config.waba_id, None, "messages", value), wamid)
        };
        self.post(body).await?;
        Ok(wamid)
    }

    /// Posts a `user_preferences` marketing stop (or resume) chosen in WhatsApp for `wa_id`.
    pub async fn marketing_preference(&self, wa_id: &str, stop: bool) -> Result<(), String> {
        self.require_webhook()?;
        let key = phone_key(wa_id);
        let body = {
            let s = self.lock();
            let (value, detail) = if stop {
                ("stop", "User requested to stop marketing messages")
            } else {
                ("resume", "User requested to resume marketing messages")
            };
            let pref = UserPreference {
                wa_id: Some(key.clone()),
                user_id: None,
                detail: Some(detail.into()),
                category: "marketing_messages".into(),
                value: value.into(),
                timestamp: crate::clock::now().timestamp(),
            };
            let value = ChangeValue {
                contacts: vec![contact(&key, s.names.get(&key).cloned())],
                user_preferences: vec![pref],
                ..business(&s.config.phone_number_id)
            };
            envelope(&s.config.waba_id, None, "user_preferences", value)
        };
        self.post(body).await
    }
}

impl MediaFile {
    /// Hex SHA-256 of the bytes, as the media lookup answers it.
    pub(super) fn sha256_hex(&self) -> String {
        hex(&Sha256::digest(&self.bytes))
    }
}
