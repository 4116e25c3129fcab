//! A local fake of Meta's WhatsApp Business Cloud API (Graph API) that speaks its wire format
//! over real HTTP: messages, media, templates, and the signed webhooks Meta posts back. Used by
//! the integration tests and benches, and as PressDesk's built-in simulator when no access
//! token is configured. The routes are in `routes.rs`, the webhook bodies and their posting in
//! `webhooks.rs`, injected failures and status chaos in `faults.rs`, Meta's side of template
//! reviews (a verdict or quality change made there) in `review.rs`.
mod faults;
mod review;
mod routes;
mod webhooks;

pub use webhooks::{sign, status_body};

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde_json::Value;
use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};

#[derive(Debug, Clone)]
pub struct FakeConfig {
    pub token: String,
    pub phone_number_id: String,
    pub waba_id: String,
    pub app_secret: String,
    /// Where webhooks go (the app's `/webhooks/whatsapp`); `None` posts nothing.
    pub webhook_url: Option<String>,
    pub auto_delivered: bool,
    pub auto_read: bool,
    /// Seeds the random faults and the status chaos.
    pub seed: u64,
}

impl Default for FakeConfig {
    fn default() -> Self {
        FakeConfig {
            token: "fake-token".into(),
            phone_number_id: "100000000000001".into(),
            waba_id: "200000000000001".into(),
            app_secret: "fake-app-secret".into(),
            webhook_url: None,
            auto_delivered: true,
            auto_read: false,
            seed: 7,
        }
    }
}

/// What the next send request suffers instead of (or before) a normal answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Fault {
    /// 500, code 1.
    ServerError,
    /// 429, code 130429, with `Retry-After`.
    RateLimited { retry_after_s: u64 },
    /// Answers (normally) only after `ms`. With `accept` the message is recorded and its
    /// webhooks posted first, as when Meta took it but the client timed out: a retry then
    /// makes a duplicate. Without, a client that gives up first leaves nothing behind.
    Timeout { ms: u64, accept: bool },
    /// 200 with a body that is not JSON; nothing recorded.
    Malformed,
    Code { http: u16, code: i64, message: String },
}

/// A message the fake accepted, in order.
#[derive(Debug, Clone)]
pub struct Accepted {
    pub wamid: String,
    pub to: String,
    pub callback_data: Option<String>,
    pub body: Value,
    pub at: chrono::DateTime<chrono::Utc>,
}

/// One bubble of a conversation as the customer's phone shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PhoneItem {
    /// true = customer -> shop.
    pub incoming: bool,
    pub wamid: String,
    /// text, template, image, document, interactive, button, ...
    pub kind: String,
    /// Human summary: text body, rendered template, caption, list or button label.
    pub text: String,
    /// (id, title) of reply buttons, list rows or template quick replies.
    pub buttons: Vec<(String, String)>,
    /// Outgoing: sent, delivered, read. Incoming: received, then read once the shop marks it.
    pub status: String,
    pub at: chrono::DateTime<chrono::Utc>,
    /// The link of a sent image or document, for the phone to open.
    pub link: Option<String>,
}

#[derive(Debug, Clone)]
pub enum CustomerReply {
    Text(String),
    Button { id: String, title: String },
    ListRow { id: String, title: String },
    Image { mime: String, bytes: Vec<u8>, caption: Option<String> },
    Document { mime: String, bytes: Vec<u8>, filename: String, caption: Option<String> },
}

#[derive(Clone)]
pub struct FakeCloud {
    inner: Arc<Inner>,
}

struct Inner {
    state: Mutex<State>,
    http: reqwest::Client,
}

struct MediaFile {
    mime: String,
    bytes: Vec<u8>,
}

struct StoredTemplate {
    builtin: bool,
    json: Value,
}

struct State {
    config: FakeConfig,
    /// Set by `serve`; media URLs otherwise use the request's Host.
    base_url: Option<String>,
    queued: VecDeque<Fault>,
    random: Option<(f64, Vec<Fault>)>,
    rng: ChaCha8Rng,
    chaos: bool,
    accepted: Vec<Accepted>,
    requests: u64,
    counter: u64,
    phones: HashMap<String, Vec<PhoneItem>>,
    /// Conversation keys, most recent first.
    recent: Vec<String>,
    names: HashMap<String, String>,
    media: HashMap<String, MediaFile>,
    templates: Vec<StoredTemplate>,
}

impl State {
    fn next(&mut self) -> u64 {
        self.counter += 1;
        self.counter
    }

    fn push_phone(&mut self, key: &str, item: PhoneItem) {
        self.phones.entry(key.to_string()).or_default().push(item);
        self.recent.retain(|k| k != key);
        self.recent.insert(0, key.to_string());
    }

    /// Moves a bubble's status forward only (a late "delivered" never undoes "read").
    fn set_status(&mut self, wamid: &str, status: &str) {
        let rank = |s: &str| match s {
            "sent" => 1,
            "delivered" => 2,
            "read" => 3,
            _ => 0,
        };
        for item in self.phones.values_mut().flatten().filter(|i| i.wamid == wamid) {
            if rank(status) > rank(&item.status) {
                item.status = status.to_string();
            }
        }
    }

    fn store_media(&mut self, mime: String, bytes: Vec<u8>) -> String {
        let id = format!("{}", 3_000_000_000_000_000u64 + self.next());
        self.media.insert(id.clone(), MediaFile { mime, bytes });
        id
    }
}

/// The conversation key of a number: its digits ("+91 98000 00001" -> "919800000001"); a
/// BSUID ("IN.1648...") is kept as it is.
fn phone_key(to: &str) -> String {
    let t = to.trim().trim_start_matches('+');
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    if !digits.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == ' ' || c == '-') {
        digits
    } else {
        to.trim().to_string()
    }
}

impl FakeCloud {
    pub fn new(config: FakeConfig) -> FakeCloud {
        let state = State {
            rng: ChaCha8Rng::seed_from_u64(config.seed),
            config,
            base_url: None,
            queued: VecDeque::new(),
            random: None,
            chaos: false,
            accepted: Vec::new(),
            requests: 0,
            counter: 0,
            phones: HashMap::new(),
            recent: Vec::new(),
            names: HashMap::new(),
            media: HashMap::new(),
            templates: routes::builtin_templates()
                .into_iter()
                .map(|json| StoredTemplate { builtin: true, json })
                .collect(),
        };
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .expect("reqwest client for webhooks");
        FakeCloud { inner: Arc::new(Inner { state: Mutex::new(state), http }) }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.inner.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn config(&self) -> FakeConfig {
        self.lock().config.clone()
    }

    pub fn set_webhook_url(&self, url: &str) {
        self.lock().config.webhook_url = Some(url.to_string());
    }

    /// Binds 127.0.0.1:0, spawns axum::serve, returns the address. Base URL for the client:
    /// `format!("http://{addr}")`.
    pub async fn serve(&self) -> std::io::Result<SocketAddr> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        self.lock().base_url = Some(format!("http://{addr}"));
        let app = self.router();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(addr)
    }

    pub fn router(&self) -> axum::Router {
        routes::router(self)
    }

    /// Every message accepted, in order (duplicates included).
    pub fn accepted(&self) -> Vec<Accepted> {
        self.lock().accepted.clone()
    }

    /// Send requests received, faulted ones included (mark-read calls are not sends).
    pub fn requests(&self) -> u64 {
        self.lock().requests
    }

    /// The conversation of one number, oldest first.
    pub fn phone(&self, wa_id: &str) -> Vec<PhoneItem> {
        self.lock().phones.get(&phone_key(wa_id)).cloned().unwrap_or_default()
    }

    /// Numbers that have a conversation, most recent first.
    pub fn phones(&self) -> Vec<String> {
        self.lock().recent.clone()
    }

    /// Templates created on the fake (the built-in ones are listed by the API, not here).
    pub fn templates(&self) -> Vec<Value> {
        self.lock().templates.iter().filter(|t| !t.builtin).map(|t| t.json.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::whatsapp::inbound::{flatten, Inbound};
    use crate::domain::whatsapp::message::{Outgoing, Recipient};
    use crate::domain::whatsapp::pricing::PricingCategory;
    use crate::domain::whatsapp::signature::HEADER;
    use crate::domain::whatsapp::status::DeliveryStatus;
    use crate::domain::whatsapp::webhook::{parse, Content};
    use serde_json::json;
    use tokio::sync::mpsc;

    async fn started() -> (FakeCloud, String) {
        let fake = FakeCloud::new(FakeConfig::default());
        let addr = fake.serve().await.unwrap();
        (fake, format!("http://{addr}"))
    }

    async fn send(base: &str, token: Option<&str>, body: &Value) -> reqwest::Response {
        let mut req = reqwest::Client::new().post(format!("{base}/v21.0/100000000000001/messages")).json(body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().await.unwrap()
    }

    fn hello() -> Value {
        let mut m = Outgoing::text(Recipient::Phone("+919800000001".into()), "Your proof is ready");
        m.callback_data = Some("outbox:1".into());
        m.to_json()
    }

    /// A tiny webhook receiver: every POST's signature header and raw body.
    async fn receiver() -> (String, mpsc::UnboundedReceiver<(Option<String>, Vec<u8>)>) {
        let (tx, rx) = mpsc::unbounded_channel();
        let app = axum::Router::new().route(
            "/webhooks/whatsapp",
            axum::routing::post(move |headers: http::HeaderMap, body: axum::body::Bytes| {
                let tx = tx.clone();
                async move {
                    let sig = headers.get(HEADER).and_then(|v| v.to_str().ok()).map(str::to_string);
                    let _ = tx.send((sig, body.to_vec()));
                    http::StatusCode::OK
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        (format!("http://{addr}/webhooks/whatsapp"), rx)
    }

    #[tokio::test]
    async fn a_text_is_accepted_with_a_wamid() {
        let (fake, base) = started().await;
        let res = send(&base, Some("fake-token"), &hello()).await;
        assert_eq!(res.status(), 200);
        let v: Value = res.json().await.unwrap();
        let wamid = v["messages"][0]["id"].as_str().unwrap().to_string();
        assert!(wamid.starts_with("wamid.FAKE"), "{v}");
        assert_eq!(v["contacts"][0], json!({"input": "919800000001", "wa_id": "919800000001"}));
        let acc = fake.accepted();
        assert_eq!(acc.len(), 1);
        assert_eq!((acc[0].wamid.as_str(), acc[0].callback_data.as_deref()), (wamid.as_str(), Some("outbox:1")));
        assert_eq!(fake.requests(), 1);
        assert_eq!(fake.phones(), vec!["919800000001".to_string()]);
        assert_eq!(fake.phone("+919800000001")[0].text, "Your proof is ready");
    }

    #[tokio::test]
    async fn no_bearer_is_401() {
        let (fake, base) = started().await;
        let res = send(&base, None, &hello()).await;
        assert_eq!(res.status(), 401);
        let v: Value = res.json().await.unwrap();
        assert_eq!((v["error"]["code"].as_i64(), v["error"]["type"].as_str()), (Some(190), Some("OAuthException")));
        assert_eq!(send(&base, Some("wrong"), &hello()).await.status(), 401);
        assert!(fake.accepted().is_empty());
    }

    #[tokio::test]
    async fn a_rate_limit_fault_is_429_with_retry_after() {
        let (fake, base) = started().await;
        fake.push_faults([Fault::RateLimited { retry_after_s: 7 }]);
        let res = send(&base, Some("fake-token"), &hello()).await;
        assert_eq!(res.status(), 429);
        assert_eq!(res.headers().get("retry-after").unwrap(), "7");
        let v: Value = res.json().await.unwrap();
        assert_eq!(v["error"]["code"], 130429);
        assert_eq!(send(&base, Some("fake-token"), &hello()).await.status(), 200, "faults are used up");
        assert_eq!((fake.requests(), fake.accepted().len()), (2, 1));
    }

    #[test]
    fn status_body_parses_into_one_status() {
        for status in ["sent", "delivered"] {
            let body = status_body("100000000000001", "200000000000001", "wamid.X", status, "919800000001", Some("outbox:9"));
            let items = flatten(&parse(body.as_bytes()).unwrap());
            assert_eq!(items.len(), 1);
            let Inbound::Status(s) = &items[0] else { panic!("{items:?}") };
            assert_eq!((s.message_id.as_str(), s.callback_data.as_deref()), ("wamid.X", Some("outbox:9")));
            assert_eq!(s.status, DeliveryStatus::from_wire(status));
            assert_eq!((s.pricing_category, s.billable), (Some(PricingCategory::Utility), Some(true)));
            assert_eq!(s.recipient.wa_id.as_deref(), Some("919800000001"));
        }
        let sent = parse(status_body("1", "2", "wamid.X", "sent", "919800000001", None).as_bytes()).unwrap();
        assert!(sent.entry[0].changes[0].value.statuses[0].conversation.is_some());
    }

    #[tokio::test]
    async fn a_customer_reply_is_a_signed_messages_webhook() {
        let (url, mut rx) = receiver().await;
        let fake = FakeCloud::new(FakeConfig::default());
        assert!(fake.reply_as_customer("919800000001", "Asha", CustomerReply::Text("hi".into())).await.is_err());
        fake.set_webhook_url(&url);
        let wamid = fake.reply_as_customer("919800000001", "Asha", CustomerReply::Text("where is my order".into())).await.unwrap();
        let (sig, body) = rx.recv().await.unwrap();
        assert_eq!(sig.as_deref(), Some(sign("fake-app-secret", &body).as_str()));
        let items = flatten(&parse(&body).unwrap());
        assert_eq!(items.len(), 1);
        let Inbound::Message(m) = &items[0] else { panic!("{items:?}") };
        assert_eq!(m.message.id, wamid);
        assert_eq!(m.message.content, Content::Text { body: "where is my order".into() });
        assert_eq!((m.sender.wa_id.as_deref(), m.sender.name.as_deref()), (Some("919800000001"), Some("Asha")));
        assert_eq!(m.phone_number_id, "100000000000001");
        assert!(fake.phone("919800000001")[0].incoming);
    }
}
