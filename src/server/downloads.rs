//! File downloads that are not pages: invoice PDFs (staff, or a signed link such as the one
//! the WhatsApp bot sends). Authorisation is checked here because these are plain axum
//! handlers, not server functions.
use crate::auth::context::staff_from_headers;
use crate::domain::roles::can;
use crate::state::AppState;
use axum::{
    extract::{Path, Query, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};

pub fn pdf_response(bytes: Vec<u8>, filename: &str, inline: bool) -> Response {
    let safe: String = filename.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '.' { c } else { '-' }).collect();
    let disposition = format!("{}; filename=\"{safe}\"", if inline { "inline" } else { "attachment" });
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}

#[derive(serde::Deserialize)]
pub struct SignedLink {
    exp: Option<i64>,
    sig: Option<String>,
}

pub async fn invoice_pdf(State(state): State<AppState>, Path(id): Path<i32>, Query(link): Query<SignedLink>, headers: HeaderMap) -> Response {
    use crate::services::quality::links::{self, LinkCheck, Subject};
    if let (Some(exp), Some(sig)) = (link.exp, link.sig.as_deref()) {
        let key = match links::secret(&state.db).await {
            Ok(k) => k,
            Err(e) => return (e.status(), e.to_string()).into_response(),
        };
        return match links::verify_for(&key, Subject::Invoice(id), exp, sig, crate::clock::now().timestamp()) {
            LinkCheck::Valid => render_invoice(&state, id).await,
            LinkCheck::Expired => (StatusCode::GONE, "This invoice link has expired; ask the shop for a new one").into_response(),
            LinkCheck::Forged => (StatusCode::NOT_FOUND, "Invoice was not found").into_response(),
        };
    }
    match staff_from_headers(&state.db, &headers).await {
        Ok(Some(u)) if u.role.allowed(can::SELL) => {}
        Ok(Some(_)) => return (StatusCode::FORBIDDEN, "You do not have permission to do that").into_response(),
        Ok(None) => return (StatusCode::UNAUTHORIZED, "Please sign in").into_response(),
        Err(e) => return (e.status(), e.to_string()).into_response(),
    }
    render_invoice(&state, id).await
}

/// GET /portal/invoices/{id}/pdf: the signed-in customer's own invoice, else not found.
pub async fn portal_invoice_pdf(State(state): State<AppState>, Path(id): Path<i32>, headers: HeaderMap) -> Response {
    use sea_orm::EntityTrait;
    let Some(customer) = crate::services::portal_access::customer_id(&state, &headers).await else {
        return (StatusCode::UNAUTHORIZED, "Please sign in").into_response();
    };
    match crate::db::e::invoices::Entity::find_by_id(id).one(&state.db.read).await {
        Ok(Some(inv)) if inv.customer_id == customer => render_invoice(&state, id).await,
        _ => (StatusCode::NOT_FOUND, "Invoice was not found").into_response(),
    }
}

pub async fn render_invoice(state: &AppState, id: i32) -> Response {
    let inv = match crate::services::invoices::get(&state.db, id, &state.config.shop).await {
        Ok(inv) => inv,
        Err(e) => return (e.status(), e.to_string()).into_response(),
    };
    match crate::pdf::invoice::render(&inv, &state.config.shop.name) {
        Ok(bytes) => pdf_response(bytes, &format!("{}.pdf", inv.number.replace('/', "-")), false),
        Err(e) => {
            tracing::error!(error = %e, "invoice pdf");
            (StatusCode::INTERNAL_SERVER_ERROR, "Could not render the invoice").into_response()
        }
    }
}

/// GET /credit-notes/{id}/pdf (staff) and /portal/credit-notes/{id}/pdf (the customer's own).
pub async fn credit_note_pdf(State(state): State<AppState>, Path(id): Path<i32>, headers: HeaderMap) -> Response {
    match staff_from_headers(&state.db, &headers).await {
        Ok(Some(u)) if u.role.allowed(can::SELL) => render_credit_note(&state, id).await,
        Ok(Some(_)) => (StatusCode::FORBIDDEN, "You do not have permission to do that").into_response(),
        Ok(None) => (StatusCode::UNAUTHORIZED, "Please sign in").into_response(),
        Err(e) => (e.status(), e.to_string()).into_response(),
    }
}

pub async fn portal_credit_note_pdf(State(state): State<AppState>, Path(id): Path<i32>, headers: HeaderMap) -> Response {
    use sea_orm::EntityTrait;
    let Some(customer) = crate::services::portal_access::customer_id(&state, &headers).await else {
        return (StatusCode::UNAUTHORIZED, "Please sign in").into_response();
    };
    let note = crate::db::e::credit_notes::Entity::find_by_id(id).one(&state.db.read).await.ok().flatten();
    let owner = match note {
        Some(n) => crate::db::e::invoices::Entity::find_by_id(n.invoice_id).one(&state.db.read).await.ok().flatten().map(|i| i.customer_id),
        None => None,
    };
    if owner == Some(customer) {
        render_credit_note(&state, id).await
    } else {
        (StatusCode::NOT_FOUND, "Credit note was not found").into_response()
    }
}

async fn render_credit_note(state: &AppState, id: i32) -> Response {
    let d = match crate::services::credit_notes::document(&state.db, &state.config.shop, id).await {
        Ok(d) => d,
        Err(e) => return (e.status(), e.to_string()).into_response(),
    };
    let credit = crate::pdf::invoice::CreditRef { invoice_number: d.invoice_number, invoice_date: d.invoice_date };
    match crate::pdf::invoice::render_credit_note(&d.doc, &credit, &state.config.shop.name) {
        Ok(bytes) => pdf_response(bytes, &format!("{}.pdf", d.note.number.replace('/', "-")), false),
        Err(e) => {
            tracing::error!(error = %e, "credit note pdf");
            (StatusCode::INTERNAL_SERVER_ERROR, "Could not render the credit note").into_response()
        }
    }
}
