//! The WhatsApp Business Cloud API over HTTP (Meta's Graph API): messages, media and message
//! templates. The JSON is shaped and read in `domain::whatsapp`; this file only carries it and
//! turns every failure into a `SendError` the outbox can act on (`errors::classify`). The token
//! travels in the Authorization header only, never in a URL, a message or a log line.
use crate::config::WhatsAppSettings;
use crate::domain::whatsapp::errors::ErrorClass::{self, InvalidParameter, Permanent, Transient};
use crate::domain::whatsapp::errors::{classify, parse_retry_after, ApiError};
use crate::domain::whatsapp::message::{self, Outgoing};
use crate::domain::whatsapp::template_list::parse_template_list;
pub use crate::domain::whatsapp::template_list::RemoteTemplate;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use reqwest::{RequestBuilder, Response};
use serde_json::Value;
use std::fmt;
use std::time::Duration;

/// Ids go into URL paths; anything but unreserved characters is escaped so an odd id (from a
/// webhook, say) cannot reach another endpoint.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// What `template_list::parse_template_list` reads; the default fields leave some out.
const TEMPLATE_FIELDS: &str =
    "id,name,status,category,language,quality_score,components,rejected_reason,parameter_format";
/// A loop guard: far more pages (of 100) than one account can hold templates.
const MAX_PAGES: usize = 100;

/// The Cloud API for one phone number and business account. Cheap to clone (one connection
/// pool). No `Debug`: it holds the access token.
#[derive(Clone)]
pub struct CloudApi {
    http: reqwest::Client,
    /// `https://graph.facebook.com`, no trailing slash: paging links must start with it.
    host: String,
    /// `{host}/{version}`.
    base: String,
    phone_number_id: String,
    business_account_id: String,
    token: String,
}

/// What Meta answers to an accepted send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    pub wamid: String,
    /// The recipient's WhatsApp id as Meta normalised it (absent when sent to a BSUID).
    pub wa_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaInfo {
    /// Short-lived; fetch it with `download` (it needs the token too).
    pub url: String,
    pub mime_type: String,
    pub file_size: Option<u64>,
}

/// A failed call, classified for the outbox (`RetryPolicy::decide`).
#[derive(Debug, Clone)]
pub struct SendError {
    pub class: ErrorClass,
    /// `None` when no response came back (timeout, connection refused or reset).
    pub http_status: Option<u16>,
    pub code: Option<i64>,
    pub retry_after: Option<Duration>,
    /// For staff, without the code (`Display` adds it).
    pub message: String,
}

impl SendError {
    fn new(class: ErrorClass, http_status: Option<u16>, message: impl Into<String>) -> Self {
        SendError { class, http_status, code: None, retry_after: None, message: message.into() }
    }
}

impl fmt::Display for SendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.code {
            Some(c) => write!(f, "{} (code {c})", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for SendError {}

impl CloudApi {
    /// timeout = settings.timeout_ms (per request, body included); connect timeout a few seconds.
    pub fn new(settings: &WhatsAppSettings) -> Result<CloudApi, String> {
        let host = settings.api_base.trim().trim_end_matches('/').to_string();
        if !(host.starts_with("https://") || host.starts_with("http://")) {
            return Err(format!("whatsapp.api_base must be an http(s) URL, not {host:?}"));
        }
        let version = settings.api_version.trim().trim_matches('/');
        if version.is_empty() {
            return Err("whatsapp.api_version is empty".into());
        }
        let timeout = Duration::from_millis(settings.timeout_ms.max(1));
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(CONNECT_TIMEOUT))
            .user_agent(concat!("PressDesk/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| format!("WhatsApp HTTP client: {e}"))?;
        Ok(CloudApi {
            http,
            base: format!("{host}/{version}"),
            host,
            phone_number_id: settings.phone_number_id.trim().to_string(),
            business_account_id: settings.business_account_id.trim().to_string(),
            token: settings.access_token.trim().to_string(),
        })
    }

    /// POST {base}/{version}/{phone_number_id}/messages. A 2xx without `messages[0].id` is a
    /// Transient error: we cannot tell whether Meta accepted the message.
    pub async fn send(&self, msg: &Outgoing) -> Result<Sent, SendError> {
        let req = self.http.post(self.url(&[self.phone_number_id.as_str(), "messages"])).json(&msg.to_json());
        let (status, body) = self.call(req).await?;
        let v = json(&body);
        let wamid = v["messages"][0]["id"].as_str().filter(|s| !s.is_empty());
        let wamid = wamid.ok_or_else(|| unexpected(status, "message id", &body))?;
        Ok(Sent { wamid: wamid.to_string(), wa_id: v["contacts"][0]["wa_id"].as_str().map(str::to_string) })
    }

    /// Blue ticks on a customer's message.
    pub async fn mark_read(&self, wamid: &str) -> Result<(), SendError> {
        let req =
            self.http.post(self.url(&[self.phone_number_id.as_str(), "messages"])).json(&message::mark_read(wamid));
        self.call(req).await.map(|_| ())
    }

    /// POST {phone_number_id}/media (multipart); returns the media id to send it by.
    pub async fn upload_media(&self, bytes: Vec<u8>, mime: &str, filename: &str) -> Result<String, SendError> {
        let file = reqwest::multipart::Part::bytes(bytes)
            .file_name(filename.to_string())
            .mime_str(mime)
            .map_err(|_| SendError::new(InvalidParameter, None, format!("Not a MIME type: {mime:?}")))?;
        let form = reqwest::multipart::Form::new()
            .text("messaging_product", "whatsapp")
            .text("type", mime.to_string())
            .part("file", file);
        let req = self.http.post(self.url(&[self.phone_number_id.as_str(), "media"])).multipart(form);
        let (status, body) = self.call(req).await?;
        id_of(&json(&body)["id"]).ok_or_else(|| unexpected(status, "media id", &body))
    }

    /// GET {base}/{version}/{media_id}: where an inbound (or uploaded) file can be fetched.
    pub async fn media_info(&self, media_id: &str) -> Result<MediaInfo, SendError> {
        let (status, body) = self.call(self.http.get(self.url(&[media_id]))).await?;
        let v = json(&body);
        let url = v["url"].as_str().filter(|u| !u.is_empty()).ok_or_else(|| unexpected(status, "media url", &body))?;
        // Documented as a number, seen as a string: take either.
        let size = &v["file_size"];
        let file_size = size.as_u64().or_else(|| size.as_str().and_then(|s| s.trim().parse().ok()));
        Ok(MediaInfo { url: url.to_string(), mime_type: v["mime_type"].as_str().unwrap_or("").to_string(), file_size })
    }

    /// GET `url` with the token. Refuses (InvalidParameter) once more than `max_bytes` would
    /// arrive: the announced length is checked first, the running total as chunks come in, so
    /// a large or lying response never sits in memory whole.
    pub async fn download(&self, url: &str, max_bytes: usize) -> Result<Vec<u8>, SendError> {
        let mut resp = self.respond(self.http.get(url)).await?;
        let status = resp.status().as_u16();
        let too_big =
            || SendError::new(InvalidParameter, Some(status), format!("The file is larger than {max_bytes} bytes"));
        let announced = resp.content_length();
        if announced.is_some_and(|n| n > max_bytes as u64) {
            return Err(too_big());
        }
        let mut out = Vec::with_capacity(announced.unwrap_or(0) as usize);
        while let Some(chunk) = resp.chunk().await.map_err(|e| transport(Some(status), &e))? {
            if out.len() + chunk.len() > max_bytes {
                return Err(too_big());
            }
            out.extend_from_slice(&chunk);
        }
        Ok(out)
    }

    /// GET {business_account_id}/message_templates?limit=100, following `paging.next` to the
    /// end. A next link on another host is not followed (it would get the token): the page's
    /// cursor is asked for at our own address instead. A partial list is never returned, since
    /// the sync would take the missing templates for deleted.
    pub async fn list_templates(&self) -> Result<Vec<RemoteTemplate>, SendError> {
        let endpoint = self.url(&[self.business_account_id.as_str(), "message_templates"]);
        let page_url = |after: Option<&str>| {
            let first = [("limit", "100"), ("fields", TEMPLATE_FIELDS)];
            format!("{endpoint}?{}", query(first.into_iter().chain(after.map(|a| ("after", a)))))
        };
        let mut url = page_url(None);
        let mut out = Vec::new();
        for _ in 0..MAX_PAGES {
            let (status, body) = self.call(self.http.get(&url)).await?;
            let page =
                parse_template_list(&body).map_err(|e| unexpected(status, &format!("template list ({e})"), &body))?;
            out.extend(page.templates);
            let next = json(&body)["paging"]["next"].as_str().map(str::to_string);
            url = match (next, page.next_cursor) {
                (Some(next), _) if next.starts_with(&format!("{}/", self.host)) => next,
                (_, Some(after)) => page_url(Some(&after)),
                (Some(_), None) => return Err(unexpected(status, "usable next-page link", &body)),
                (None, None) => return Ok(out),
            };
        }
        Err(SendError::new(Transient, None, format!("The template list has more than {MAX_PAGES} pages")))
    }

    /// POST {business_account_id}/message_templates with `Template::create_request()`;
    /// returns (template id, review status).
    pub async fn create_template(&self, spec: &Value) -> Result<(String, String), SendError> {
        let req = self.http.post(self.url(&[self.business_account_id.as_str(), "message_templates"])).json(spec);
        let (status, body) = self.call(req).await?;
        let v = json(&body);
        let id = id_of(&v["id"]).ok_or_else(|| unexpected(status, "template id", &body))?;
        // A new template is in review until Meta says otherwise.
        Ok((id, v["status"].as_str().unwrap_or("PENDING").to_string()))
    }

    /// POST {base}/{version}/{template_id} with `Template::edit_request()`.
    pub async fn edit_template(&self, template_id: &str, spec: &Value) -> Result<(), SendError> {
        let (status, body) = self.call(self.http.post(self.url(&[template_id])).json(spec)).await?;
        succeeded(status, &body)
    }

    /// DELETE {business_account_id}/message_templates?name=NAME[&hsm_id=ID]. Without the id
    /// Meta deletes every language of that name.
    pub async fn delete_template(&self, name: &str, template_id: Option<&str>) -> Result<(), SendError> {
        let q = query([("name", name)].into_iter().chain(template_id.map(|id| ("hsm_id", id))));
        let url = format!("{}?{}", self.url(&[self.business_account_id.as_str(), "message_templates"]), q);
        let (status, body) = self.call(self.http.delete(url)).await?;
        succeeded(status, &body)
    }

    fn url(&self, segments: &[&str]) -> String {
        let mut url = self.base.clone();
        for s in segments {
            url.push('/');
            url.extend(utf8_percent_encode(s, SEGMENT));
        }
        url
    }

    /// Sends `req` with the token and returns a 2xx response. The one place failures are
    /// classified, so every call reports them alike.
    async fn respond(&self, req: RequestBuilder) -> Result<Response, SendError> {
        let resp = req.bearer_auth(&self.token).send().await.map_err(|e| transport(None, &e))?;
        if resp.status().is_success() {
            return Ok(resp);
        }
        let status = resp.status().as_u16();
        let retry_after = resp
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| parse_retry_after(v, crate::clock::now()));
        let body = resp.text().await.unwrap_or_default();
        let api = ApiError::parse(&body);
        let (code, subcode) = api.as_ref().map_or((None, None), |a| (a.code, a.error_subcode));
        let message = api.map(|a| without_code(&a)).filter(|m| !m.trim().is_empty());
        Err(SendError {
            class: classify(Some(status), code, subcode),
            http_status: Some(status),
            code,
            retry_after,
            message: message
                .unwrap_or_else(|| format!("HTTP {status}: {}", excerpt(&body)).trim_end_matches(": ").to_string()),
        })
    }

    /// `respond`, then the body as text.
    async fn call(&self, req: RequestBuilder) -> Result<(u16, String), SendError> {
        let resp = self.respond(req).await?;
        let status = resp.status().as_u16();
        let body = resp.text().await.map_err(|e| transport(Some(status), &e))?;
        Ok((status, body))
    }
}

/// `ApiError::describe()` minus its "(code N)": `SendError`'s Display adds the code back.
fn without_code(e: &ApiError) -> String {
    let text = e.describe();
    match e.code {
        Some(c) => text.strip_suffix(&format!(" (code {c})")).unwrap_or(&text).to_string(),
        None => text,
    }
}

/// No (complete) answer. Whether Meta acted on the request is unknown, so it is Transient;
/// only a request that could not even be built (a bad URL) is the caller's fault.
fn transport(status: Option<u16>, e: &reqwest::Error) -> SendError {
    if e.is_builder() {
        return SendError::new(InvalidParameter, status, "The request URL is not valid");
    }
    let what = match (e.is_timeout(), e.is_connect()) {
        (true, _) => "timed out",
        (_, true) => "could not connect",
        _ => "connection failed",
    };
    // The causes, not reqwest's own text: that names the URL, and media URLs are signed.
    let mut message = format!("WhatsApp Cloud API {what}");
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = std::error::Error::source(s);
    }
    SendError::new(Transient, status, message)
}

/// A 2xx lacking what it should carry. Whether Meta acted is unknown, so it is retried.
fn unexpected(status: u16, what: &str, body: &str) -> SendError {
    SendError::new(Transient, Some(status), format!("Unexpected Cloud API answer, no {what}: {}", excerpt(body)))
}

/// `{"success": false}` on a 2xx: Meta refused without an error object.
fn succeeded(status: u16, body: &str) -> Result<(), SendError> {
    match json(body)["success"] {
        Value::Bool(false) => Err(SendError::new(Permanent, Some(status), "Meta did not apply the change")),
        _ => Ok(()),
    }
}

fn query<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        q.append_pair(k, v);
    }
    q.finish()
}

fn json(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or(Value::Null)
}

/// Graph ids are strings, but take a number too.
fn id_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn excerpt(body: &str) -> String {
    body.trim().chars().take(200).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::whatsapp::message::Recipient;
    use axum::extract::{Path, Query};
    use axum::http::{HeaderMap, HeaderValue, StatusCode};
    use axum::routing::{get, post};
    use axum::{Json, Router};
    use serde_json::json;
    use std::collections::HashMap;

    /// Serves the router on a free local port; the builder gets the base URL (for paging links).
    async fn serve(app: impl FnOnce(String) -> Router) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let router = app(base.clone());
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        base
    }

    fn api(base: &str) -> CloudApi {
        CloudApi::new(&WhatsAppSettings {
            api_base: format!("{base}/"),
            phone_number_id: "1069".into(),
            business_account_id: "waba7".into(),
            access_token: "secret-token".into(),
            timeout_ms: 5_000,
            ..Default::default()
        })
        .unwrap()
    }

    fn authed(h: &HeaderMap) -> bool {
        h.get("authorization").and_then(|v| v.to_str().ok()) == Some("Bearer secret-token")
    }

    fn hello() -> Outgoing {
        Outgoing::text(Recipient::Phone("+919800000001".into()), "Your order is ready")
    }

    /// A send answered with this status, Retry-After and body.
    async fn answered(status: u16, retry_after: Option<&'static str>, body: &'static str) -> Result<Sent, SendError> {
        let handler = move || async move {
            let mut h = HeaderMap::new();
            if let Some(s) = retry_after {
                h.insert("retry-after", HeaderValue::from_static(s));
            }
            (StatusCode::from_u16(status).unwrap(), h, body)
        };
        let base = serve(|_| Router::new().route("/v21.0/{phone}/messages", post(handler))).await;
        api(&base).send(&hello()).await
    }

    #[tokio::test]
    async fn send_returns_the_wamid() {
        async fn messages(Path(p): Path<String>, h: HeaderMap, Json(b): Json<Value>) -> (StatusCode, Json<Value>) {
            if !authed(&h) || p != "1069" || b["to"] != "919800000001" {
                return (StatusCode::BAD_REQUEST, Json(json!({"error": {"message": "bad request", "code": 100}})));
            }
            let ok = json!({"messaging_product": "whatsapp", "contacts": [{"input": "919800000001", "wa_id": "919800000001"}],
                "messages": [{"id": "wamid.HBgMOTE5ODAw"}]});
            (StatusCode::OK, Json(ok))
        }
        let base = serve(|_| Router::new().route("/v21.0/{phone}/messages", post(messages))).await;
        let sent = api(&base).send(&hello()).await.unwrap();
        assert_eq!(sent, Sent { wamid: "wamid.HBgMOTE5ODAw".into(), wa_id: Some("919800000001".into()) });
    }

    #[tokio::test]
    async fn rate_limit_carries_retry_after() {
        let e = answered(429, Some("7"), r#"{"error":{"code":130429,"message":"Rate limit hit"}}"#).await.unwrap_err();
        assert_eq!((e.class, e.http_status, e.code), (ErrorClass::RateLimited, Some(429), Some(130429)));
        assert_eq!(e.retry_after, Some(Duration::from_secs(7)));
        assert_eq!(e.to_string(), "Rate limit hit (code 130429)");
    }

    #[tokio::test]
    async fn closed_window_needs_a_template() {
        let body = r#"{"error":{"message":"(#131047) Re-engagement message","type":"OAuthException","code":131047,
            "error_data":{"messaging_product":"whatsapp","details":"Message failed to send because more than 24 hours have passed"}}}"#;
        let e = answered(400, None, body).await.unwrap_err();
        assert_eq!((e.class, e.http_status, e.code), (ErrorClass::ReEngagementRequired, Some(400), Some(131047)));
        assert_eq!(e.message, "Message failed to send because more than 24 hours have passed");
        assert_eq!(e.retry_after, None);
    }

    #[tokio::test]
    async fn unclear_answers_are_transient() {
        let e = answered(200, None, "{}").await.unwrap_err();
        assert_eq!((e.class, e.http_status, e.code), (Transient, Some(200), None));
        let e = answered(502, None, "<html>Bad gateway</html>").await.unwrap_err();
        assert_eq!((e.class, e.http_status), (Transient, Some(502)));
        assert_eq!(e.message, "HTTP 502: <html>Bad gateway</html>");
    }

    #[tokio::test]
    async fn no_answer_is_transient_without_status() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        drop(listener);
        let e = api(&base).send(&hello()).await.unwrap_err();
        assert_eq!((e.class, e.http_status), (Transient, None));
        assert!(!e.message.contains("secret-token"));
    }

    #[tokio::test]
    async fn download_stops_over_the_limit() {
        let sized = |h: HeaderMap| async move {
            if !authed(&h) {
                return (StatusCode::UNAUTHORIZED, Vec::new());
            }
            (StatusCode::OK, vec![7u8; 1000])
        };
        // No Content-Length: only the running total can stop it.
        let streamed = || async {
            let chunks = (0..4).map(|_| Ok::<_, std::io::Error>(vec![7u8; 300]));
            axum::body::Body::from_stream(futures::stream::iter(chunks))
        };
        let base =
            serve(|_| Router::new().route("/files/sized", get(sized)).route("/files/streamed", get(streamed))).await;
        let c = api(&base);
        let (sized, streamed) = (format!("{base}/files/sized"), format!("{base}/files/streamed"));
        assert_eq!(c.download(&sized, 1000).await.unwrap().len(), 1000);
        assert_eq!(c.download(&sized, 999).await.unwrap_err().class, InvalidParameter);
        assert_eq!(c.download(&streamed, 1200).await.unwrap().len(), 1200);
        assert_eq!(c.download(&streamed, 1000).await.unwrap_err().class, InvalidParameter);
    }

    #[tokio::test]
    async fn template_list_follows_the_pages() {
        let app = |base: String| {
            let list = move |Query(q): Query<HashMap<String, String>>| {
                let base = base.clone();
                async move {
                    let item = |id: &str| {
                        json!({"id": id, "name": format!("t{id}"), "category": "UTILITY", "language": "en",
                        "status": "APPROVED", "components": [{"type": "BODY", "text": "Hi"}]})
                    };
                    Json(match q.get("after").map(String::as_str) {
                        None if q.get("limit").map(String::as_str) == Some("100") => json!({"data": [item("1")],
                            "paging": {"cursors": {"after": "P2"}, "next": format!("{base}/v21.0/waba7/message_templates?after=P2")}}),
                        Some("P2") => json!({"data": [item("2")], "paging": {"cursors": {"after": "P3"}}}),
                        _ => json!({"data": []}),
                    })
                }
            };
            Router::new().route("/v21.0/waba7/message_templates", get(list))
        };
        let c = api(&serve(app).await);
        let ids: Vec<String> = c.list_templates().await.unwrap().into_iter().map(|t| t.id).collect();
        assert_eq!(ids, vec!["1", "2"]);
    }
}
