//! POST /whatsapp/simulator/file: the simulator's customer sends a photo or document (a
//! plain multipart form, so the body limit applies, which server functions lack). The fake
//! keeps the bytes as Meta would and posts the signed webhook; PressDesk then fetches,
//! checks and keeps the file like one from a real phone. Answers by going back to the chat.
use super::files::error;
use crate::auth::context::staff_from_headers;
use crate::domain::roles::can;
use crate::domain::whatsapp::media::MAX_BYTES;
use crate::dto::simulator::wa_id;
use crate::error::AppError;
use crate::services::whatsapp::fake::CustomerReply;
use crate::state::AppState;
use axum::extract::{Multipart, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};

/// A little over the largest file kept, so a too-large one reaches the check and is refused
/// with its reason, as from a real phone.
pub const BODY_LIMIT: usize = MAX_BYTES + 2 * 1024 * 1024;

fn back(wa: &str, key: &str, value: &str) -> Response {
    let mut ser = form_urlencoded::Serializer::new(String::new());
    ser.append_pair("wa", wa);
    ser.append_pair(key, value);
    Redirect::to(&format!("/whatsapp/phone?{}", ser.finish())).into_response()
}

pub async fn send_file(State(state): State<AppState>, headers: HeaderMap, mut form: Multipart) -> Response {
    match staff_from_headers(&state.db, &headers).await {
        Ok(Some(u)) if u.role.allowed(can::VIEW) => {}
        Ok(Some(_)) => return error(AppError::Forbidden),
        Ok(None) => return error(AppError::Unauthenticated),
        Err(e) => return error(e),
    }
    let Some(fake) = state.simulator.clone() else {
        return error(AppError::Rejected("The simulator is off: a real WhatsApp account is configured.".into()));
    };
    let (mut wa, mut caption, mut file) = (String::new(), String::new(), None::<(String, String, Vec<u8>)>);
    loop {
        match form.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or("").to_string();
                let file_name = field.file_name().unwrap_or("").to_string();
                let mime = field.content_type().unwrap_or("application/octet-stream").to_string();
                let Ok(bytes) = field.bytes().await else { return error(AppError::field("file", "The upload was cut off or is too large")) };
                match name.as_str() {
                    "wa" => wa = String::from_utf8_lossy(&bytes).trim().to_string(),
                    "caption" => caption = String::from_utf8_lossy(&bytes).trim().chars().take(1024).collect(),
                    "file" if !bytes.is_empty() => file = Some((file_name, mime, bytes.to_vec())),
                    _ => {}
                }
            }
            Ok(None) => break,
            Err(_) => return error(AppError::field("file", "The upload was cut off or is too large")),
        }
    }
    let wa = match wa_id(&wa) {
        Ok(w) => w,
        Err(m) => return error(AppError::field("wa", m)),
    };
    let Some((file_name, mime, bytes)) = file else { return back(&wa, "file_error", "Choose a photo or document") };
    let caption = (!caption.is_empty()).then_some(caption);
    // The phone says what it sends by the file's type, as WhatsApp does; PressDesk checks the content.
    let reply = if mime.starts_with("image/") {
        CustomerReply::Image { mime, bytes, caption }
    } else {
        CustomerReply::Document { mime, bytes, filename: if file_name.is_empty() { "document".into() } else { file_name }, caption }
    };
    match fake.reply_as_customer(&wa, "Customer", reply).await {
        Ok(_) => back(&wa, "sent", "file"),
        Err(e) => back(&wa, "file_error", &format!("PressDesk did not take the file: {e}")),
    }
}
