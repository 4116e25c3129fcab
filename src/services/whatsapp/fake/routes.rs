//! The Graph API routes the fake answers, each behind `Authorization: Bearer {token}`:
//! messages (and mark-read), media upload and download, and message templates.
use super::faults::{bad_token, graph_error, invalid, respond, unknown};
use super::{phone_key, Accepted, FakeCloud, Fault, PhoneItem, State, StoredTemplate};
use crate::domain::whatsapp::vars::render;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, Request, State as With};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use http::header::{AUTHORIZATION, CONTENT_TYPE, HOST};
use http::HeaderMap;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

/// Meta takes documents up to 100 MB.
const BODY_LIMIT: usize = 100 * 1024 * 1024;

pub(super) fn router(fake: &FakeCloud) -> Router {
    Router::new()
        .route("/media-files/{id}", get(media_file))
        .route("/{version}/{id}", get(node).post(edit_template))
        .route("/{version}/{id}/messages", post(messages))
        .route("/{version}/{id}/media", post(upload))
        .route("/{version}/{id}/message_templates", get(list_templates).post(create_template).delete(delete_template))
        .layer(middleware::from_fn_with_state(fake.clone(), auth))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(fake.clone())
}

async fn auth(With(fake): With<FakeCloud>, req: Request, next: Next) -> Response {
    let token = fake.lock().config.token.clone();
    let given = req.headers().get(AUTHORIZATION).and_then(|v| v.to_str().ok()).map(str::trim);
    let bearer = given.and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")));
    if token.is_empty() || bearer.map(str::trim) != Some(token.as_str()) {
        return bad_token();
    }
    next.run(req).await
}

fn ok() -> Response {
    Json(json!({"success": true})).into_response()
}

/// POST /{version}/{phone_number_id}/messages: a send, or a mark-read.
async fn messages(With(fake): With<FakeCloud>, Path((_version, id)): Path<(String, String)>, body: Bytes) -> Response {
    if id != fake.lock().config.phone_number_id {
        return unknown(&id);
    }
    let Ok(json) = serde_json::from_slice::<Value>(&body) else {
        fake.lock().requests += 1;
        return invalid("The request body is not valid JSON.");
    };
    if json["status"] == "read" {
        if let Some(message_id) = json["message_id"].as_str() {
            fake.lock().set_status(message_id, "read");
            return ok();
        }
    }
    let fault = {
        let mut s = fake.lock();
        s.requests += 1;
        s.next_fault()
    };
    match fault {
        None => fake.accept(json),
        Some(Fault::Timeout { ms, accept: true }) => {
            let answer = fake.accept(json);
            tokio::time::sleep(Duration::from_millis(ms)).await;
            answer
        }
        // A client that gives up first drops this handler: nothing is recorded.
        Some(Fault::Timeout { ms, accept: false }) => {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            fake.accept(json)
        }
        Some(f) => respond(&f).unwrap_or_else(|| graph_error(500, 1, "An unknown error occurred")),
    }
}

/// The pricing category Meta would bill the message under.
fn category(kind: &str, body: &Value) -> &'static str {
    if kind != "template" {
        return "service";
    }
    let name = body["template"]["name"].as_str().unwrap_or("").to_ascii_lowercase();
    if name.contains("login_code") || name.contains("otp") {
        "authentication"
    } else if name.starts_with("promo") || name.starts_with("campaign") {
        "marketing"
    } else {
        "utility"
    }
}

impl FakeCloud {
    /// Validates lightly, records, answers as Meta does, and starts the status webhooks.
    fn accept(&self, body: Value) -> Response {
        let phone = body["to"].as_str().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string);
        let user_id = body["recipient"].as_str().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string);
        let Some(to) = phone.clone().or(user_id) else { return invalid("The parameter to is required.") };
        let kind = body["type"].as_str().unwrap_or("text").to_string();
        if kind == "text" {
            if body["text"]["body"].as_str().is_none_or(|b| b.trim().is_empty()) {
                return invalid("The parameter text['body'] is required.");
            }
        } else if !body[kind.as_str()].is_object() {
            return invalid(&format!("The parameter {kind} is required."));
        } else if kind == "template" && body["template"]["name"].as_str().is_none_or(|n| n.trim().is_empty()) {
            return invalid("The parameter template['name'] is required.");
        }
        let key = if phone.is_some() { phone_key(&to) } else { to.clone() };
        let callback = body["biz_opaque_callback_data"].as_str().map(str::to_string);
        let category = category(&kind, &body);
        let now = crate::clock::now();
        let (wamid, seq) = {
            let mut s = self.lock();
            let wamid = format!("wamid.FAKE{}", s.next());
            let item = outgoing_item(&s, &wamid, &kind, &body, now);
            s.accepted.push(Accepted { wamid: wamid.clone(), to: to.clone(), callback_data: callback.clone(), body, at: now });
            s.push_phone(&key, item);
            (wamid, s.status_sequence())
        };
        self.spawn_statuses(wamid.clone(), key.clone(), callback, category, seq);
        let contact = if phone.is_some() { json!({"input": to, "wa_id": key}) } else { json!({"input": to, "user_id": to}) };
        let mut message = json!({"id": wamid});
        if kind == "template" {
            message["message_status"] = json!("accepted");
        }
        Json(json!({"messaging_product": "whatsapp", "contacts": [contact], "messages": [message]})).into_response()
    }
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or("")
}

fn list(v: &Value) -> impl Iterator<Item = &Value> {
    v.as_array().into_iter().flatten()
}

/// The bubble the customer's phone shows for a message we sent.
fn outgoing_item(s: &State, wamid: &str, kind: &str, body: &Value, now: chrono::DateTime<chrono::Utc>) -> PhoneItem {
    let part = &body[kind];
    let mut buttons = Vec::new();
    let text = match kind {
        "text" => str_of(part, "body").to_string(),
        "template" => {
            let (text, b) = template_summary(s, part);
            buttons = b;
            text
        }
        "image" => format!("[image] {}", str_of(part, "caption")).trim_end().to_string(),
        "document" => {
            let name = str_of(part, "filename");
            let caption = str_of(part, "caption");
            let sep = if name.is_empty() || caption.is_empty() { "" } else { "\n" };
            format!("[document] {name}{sep}{caption}").trim_end().to_string()
        }
        "interactive" => {
            let action = &part["action"];
            let reply = |v: &Value| (str_of(v, "id").to_string(), str_of(v, "title").to_string());
            buttons.extend(list(&action["buttons"]).map(|b| reply(&b["reply"])));
            buttons.extend(list(&action["sections"]).flat_map(|sec| list(&sec["rows"])).map(reply));
            let body_text = str_of(&part["body"], "text");
            match action["button"].as_str() {
                Some(label) => format!("{body_text} [{label}]"),
                None => body_text.to_string(),
            }
        }
        other => format!("[{other}]"),
    };
    let link = part["link"].as_str().map(str::to_string);
    PhoneItem { incoming: false, wamid: wamid.into(), kind: kind.into(), text, buttons, status: "sent".into(), at: now, link }
}

fn find_template<'a>(s: &'a State, name: &str, language: &str) -> Option<&'a Value> {
    let named = || s.templates.iter().map(|t| &t.json).filter(move |t| t["name"] == name);
    named().find(|t| t["language"] == language).or_else(|| named().next())
}

/// "[name] rendered body" and the quick replies of a template message.
fn template_summary(s: &State, sent: &Value) -> (String, Vec<(String, String)>) {
    let name = str_of(sent, "name");
    let (mut values, mut params, mut payloads) = (BTreeMap::new(), Vec::new(), HashMap::new());
    for c in list(&sent["components"]) {
        match str_of(c, "type").to_ascii_lowercase().as_str() {
            "body" => {
                for (i, p) in list(&c["parameters"]).enumerate() {
                    let text = str_of(p, "text").to_string();
                    let key = p["parameter_name"].as_str().map_or_else(|| (i + 1).to_string(), str::to_string);
                    values.insert(key, text.clone());
                    params.push(text);
                }
            }
            "button" if str_of(c, "sub_type") == "quick_reply" => {
                let index = c["index"].as_str().and_then(|i| i.parse().ok()).or(c["index"].as_u64()).unwrap_or(0) as usize;
                payloads.insert(index, str_of(&c["parameters"][0], "payload").to_string());
            }
            _ => {}
        }
    }
    let def = find_template(s, name, str_of(&sent["language"], "code"));
    let part = |kind: &str| def.and_then(|d| list(&d["components"]).find(|c| str_of(c, "type").eq_ignore_ascii_case(kind)));
    let body = part("BODY").map(|b| str_of(b, "text")).unwrap_or("");
    let text = if !body.is_empty() {
        render(body, &values)
    } else if def.is_some_and(|d| str_of(d, "category").eq_ignore_ascii_case("AUTHENTICATION")) {
        format!("{} is your verification code.", params.first().map_or("", String::as_str))
    } else {
        params.join(", ")
    };
    let buttons: Vec<(String, String)> = match part("BUTTONS") {
        Some(b) => list(&b["buttons"])
            .enumerate()
            .filter(|(_, b)| str_of(b, "type").eq_ignore_ascii_case("QUICK_REPLY"))
            .map(|(i, b)| {
                let title = str_of(b, "text").to_string();
                (payloads.get(&i).cloned().unwrap_or_else(|| title.clone()), title)
            })
            .collect(),
        None => {
            let mut p: Vec<(usize, String)> = payloads.into_iter().collect();
            p.sort();
            p.into_iter().map(|(_, id)| (id.clone(), id)).collect()
        }
    };
    (format!("[{name}] {text}").trim_end().to_string(), buttons)
}

/// POST /{version}/{phone_number_id}/media (multipart: messaging_product, type, file).
async fn upload(With(fake): With<FakeCloud>, Path((_version, id)): Path<(String, String)>, mut form: Multipart) -> Response {
    if id != fake.lock().config.phone_number_id {
        return unknown(&id);
    }
    let (mut mime, mut file) = (None::<String>, None::<(Option<String>, Bytes)>);
    loop {
        match form.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or("").to_string();
                if name == "file" {
                    let content_type = field.content_type().map(str::to_string);
                    match field.bytes().await {
                        Ok(b) => file = Some((content_type, b)),
                        Err(_) => return invalid("The file could not be read."),
                    }
                } else {
                    let text = field.text().await.unwrap_or_default();
                    if name == "type" {
                        mime = Some(text.trim().to_string());
                    }
                }
            }
            Ok(None) => break,
            Err(_) => return invalid("The request is not valid multipart form data."),
        }
    }
    let Some((content_type, bytes)) = file else { return invalid("The parameter file is required.") };
    let mime = mime.filter(|m| !m.is_empty()).or(content_type).unwrap_or_else(|| "application/octet-stream".into());
    let media_id = fake.lock().store_media(mime, bytes.to_vec());
    Json(json!({"id": media_id})).into_response()
}

/// GET /{version}/{id}: a media id gives its download URL; a template id, the template.
async fn node(With(fake): With<FakeCloud>, Path((_version, id)): Path<(String, String)>, headers: HeaderMap) -> Response {
    let s = fake.lock();
    if let Some(m) = s.media.get(&id) {
        let host = headers.get(HOST).and_then(|h| h.to_str().ok()).map(|h| format!("http://{h}"));
        let base = host.or_else(|| s.base_url.clone()).unwrap_or_else(|| "http://127.0.0.1".into());
        let body = json!({"messaging_product": "whatsapp", "url": format!("{base}/media-files/{id}"),
            "mime_type": m.mime, "sha256": m.sha256_hex(), "file_size": m.bytes.len(), "id": id});
        return Json(body).into_response();
    }
    match s.templates.iter().find(|t| t.json["id"] == id.as_str()) {
        Some(t) => Json(t.json.clone()).into_response(),
        None => unknown(&id),
    }
}

/// GET /media-files/{id}: the bytes behind a media URL.
async fn media_file(With(fake): With<FakeCloud>, Path(id): Path<String>) -> Response {
    let found = fake.lock().media.get(&id).map(|m| (m.mime.clone(), m.bytes.clone()));
    match found {
        Some((mime, bytes)) => ([(CONTENT_TYPE, mime)], bytes).into_response(),
        None => unknown(&id),
    }
}

/// GET /{version}/{waba_id}/message_templates (optionally `?name=`), one page.
async fn list_templates(With(fake): With<FakeCloud>, Path((_version, id)): Path<(String, String)>, Query(q): Query<HashMap<String, String>>) -> Response {
    let s = fake.lock();
    if id != s.config.waba_id {
        return unknown(&id);
    }
    let name = q.get("name").filter(|n| !n.is_empty());
    let data: Vec<Value> =
        s.templates.iter().map(|t| t.json.clone()).filter(|t| name.is_none_or(|n| t["name"] == n.as_str())).collect();
    Json(json!({"data": data, "paging": {"cursors": {"before": "", "after": ""}}})).into_response()
}

/// POST /{version}/{waba_id}/message_templates: PENDING now, APPROVED ~200 ms later.
async fn create_template(With(fake): With<FakeCloud>, Path((_version, id)): Path<(String, String)>, body: Bytes) -> Response {
    let Ok(mut req) = serde_json::from_slice::<Value>(&body) else { return invalid("The request body is not valid JSON.") };
    let (name, language) = (str_of(&req, "name").to_string(), str_of(&req, "language").to_string());
    let category = str_of(&req, "category").to_ascii_uppercase();
    if name.is_empty() || language.is_empty() {
        return invalid("The parameters name and language are required.");
    }
    if !["MARKETING", "UTILITY", "AUTHENTICATION"].contains(&category.as_str()) {
        return invalid("The parameter category must be MARKETING, UTILITY or AUTHENTICATION.");
    }
    let template_id = {
        let mut s = fake.lock();
        if id != s.config.waba_id {
            return unknown(&id);
        }
        if s.templates.iter().any(|t| t.json["name"] == name.as_str() && t.json["language"] == language.as_str()) {
            return graph_error(400, 100, "Content in this language already exists");
        }
        let template_id = format!("{}", 500_000_000_000_000u64 + s.next());
        req["id"] = json!(template_id);
        req["status"] = json!("PENDING");
        req["category"] = json!(category);
        s.templates.push(StoredTemplate { builtin: false, json: req });
        template_id
    };
    fake.spawn_review(template_id.clone());
    Json(json!({"id": template_id, "status": "PENDING", "category": category})).into_response()
}

/// POST /{version}/{template_id}: new components; the template goes back to review.
async fn edit_template(With(fake): With<FakeCloud>, Path((_version, id)): Path<(String, String)>, body: Bytes) -> Response {
    let Ok(req) = serde_json::from_slice::<Value>(&body) else { return invalid("The request body is not valid JSON.") };
    {
        let mut s = fake.lock();
        let Some(t) = s.templates.iter_mut().find(|t| t.json["id"] == id.as_str()) else { return unknown(&id) };
        for key in ["components", "category"] {
            if let Some(v) = req.get(key) {
                t.json[key] = v.clone();
            }
        }
        t.json["status"] = json!("PENDING");
    }
    fake.spawn_review(id);
    ok()
}

/// DELETE /{version}/{waba_id}/message_templates?name=..[&hsm_id=..]: every language of it.
async fn delete_template(With(fake): With<FakeCloud>, Path((_version, id)): Path<(String, String)>, Query(q): Query<HashMap<String, String>>) -> Response {
    let mut s = fake.lock();
    if id != s.config.waba_id {
        return unknown(&id);
    }
    let Some(name) = q.get("name").filter(|n| !n.is_empty()) else { return invalid("The parameter name is required.") };
    let before = s.templates.len();
    let hsm = q.get("hsm_id");
    s.templates.retain(|t| !(t.json["name"] == name.as_str() && hsm.is_none_or(|h| t.json["id"] == h.as_str())));
    if s.templates.len() == before {
        return graph_error(404, 100, &format!("Message template \"{name}\" not found"));
    }
    ok()
}

/// The APPROVED templates every fake starts with: the portal login code and the order updates.
pub(super) fn builtin_templates() -> Vec<Value> {
    let mut out = vec![json!({
        "id": "400000000000001", "name": "pressdesk_login_code", "language": "en",
        "status": "APPROVED", "category": "AUTHENTICATION", "quality_score": {"score": "GREEN"},
        "components": [
            {"type": "BODY", "text": "*{{1}}* is your verification code. For your security, do not share this code.",
             "add_security_recommendation": true},
            {"type": "FOOTER", "text": "This code expires in 10 minutes.", "code_expiration_minutes": 10},
            {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy code"}]}
        ]
    })];
    let utility = [
        ("pd_order_received", "Hi {{1}}, we have received your order {{2}}. We will keep you posted here.", "PD-2026-00042"),
        ("pd_proof_ready", "Hi {{1}}, the proof for order {{2}} is ready. Please check it and approve it or ask for changes.", "PD-2026-00042"),
        ("pd_in_production", "Hi {{1}}, your order {{2}} is now in production.", "PD-2026-00042"),
        ("pd_ready", "Hi {{1}}, your order {{2}} is ready for pickup.", "PD-2026-00042"),
        ("pd_delivered", "Hi {{1}}, your order {{2}} has been delivered. Thank you for your business!", "PD-2026-00042"),
        ("pd_invoice_issued", "Hi {{1}}, invoice {{2}} has been issued for your order.", "INV/2026-27/00012"),
        ("pd_payment_received", "Hi {{1}}, we have received your payment of {{2}}. Thank you!", "₹1,180"),
        ("pd_approval_reminder", "Hi {{1}}, the proof for order {{2}} is still waiting for your approval.", "PD-2026-00042"),
    ];
    for (i, (name, text, sample)) in utility.into_iter().enumerate() {
        out.push(json!({
            "id": (400_000_000_000_002u64 + i as u64).to_string(), "name": name, "language": "en",
            "status": "APPROVED", "category": "UTILITY", "parameter_format": "POSITIONAL", "quality_score": {"score": "GREEN"},
            "components": [{"type": "BODY", "text": text, "example": {"body_text": [["Asha", sample]]}}]
        }));
    }
    // The staff inbox's reply outside the window, and the campaign form's first template.
    out.push(json!({
        "id": "400000000000020", "name": "pd_staff_followup", "language": "en",
        "status": "APPROVED", "category": "UTILITY", "parameter_format": "POSITIONAL", "quality_score": {"score": "GREEN"},
        "components": [{"type": "BODY", "text": "Hi {{1}}, this is {{2}}: {{3}}", "example": {"body_text": [["Asha", "Test Press", "your cards are packed"]]}}]
    }));
    out.push(json!({
        "id": "400000000000021", "name": "promo_offer", "language": "en",
        "status": "APPROVED", "category": "MARKETING", "parameter_format": "POSITIONAL", "quality_score": {"score": "GREEN"},
        "components": [
            {"type": "BODY", "text": "Hi {{1}}, this month we print your business cards and letterheads at special prices. Ask us for a quote!", "example": {"body_text": [["Asha"]]}},
            {"type": "FOOTER", "text": "Reply STOP to opt out"}
        ]
    }));
    out
}
