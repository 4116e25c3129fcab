use crate::domain::invoice::PaymentStatus;
use crate::dto::invoices::{Invoice, InvoiceFilter, InvoiceRow, PaymentInput};
use crate::dto::Page;
use crate::error::AppError;
use leptos::prelude::*;

#[server]
pub async fn create_invoice(order_id: i32) -> Result<i32, AppError> {
    use crate::domain::roles::can;
    let user = crate::auth::require_staff(can::SELL).await?;
    let state = crate::auth::context::state()?;
    let cfg = &state.config;
    let (id, _) = crate::services::invoices::create_from_order(&state.db, &(&user).into(), &cfg.shop, cfg.today(), order_id).await?;
    super::redirect(&format!("/invoices/{id}"), "/invoices");
    Ok(id)
}

#[server]
pub async fn list_invoices(filter: InvoiceFilter) -> Result<Page<InvoiceRow>, AppError> {
    use crate::domain::roles::can;
    crate::auth::require_staff(can::SELL).await?;
    let state = crate::auth::context::state()?;
    crate::services::invoices::list(&state.db, &filter, state.config.today()).await
}

#[server]
pub async fn get_invoice(id: i32) -> Result<Invoice, AppError> {
    use crate::domain::roles::can;
    crate::auth::require_staff(can::SELL).await?;
    let state = crate::auth::context::state()?;
    crate::services::invoices::get(&state.db, id, &state.config.shop).await
}

#[server]
pub async fn record_payment(invoice_id: i32, input: PaymentInput) -> Result<PaymentStatus, AppError> {
    use crate::domain::roles::can;
    let user = crate::auth::require_staff(can::SELL).await?;
    let state = crate::auth::context::state()?;
    crate::services::invoices::record_payment(&state.db, &(&user).into(), state.config.today(), invoice_id, &input).await
}

/// Issues a credit note against an invoice (cancellation or correction). Managers only.
#[server]
pub async fn issue_credit_note(invoice_id: i32, input: crate::dto::invoices::CreditNoteInput) -> Result<String, AppError> {
    use crate::domain::roles::can;
    let user = crate::auth::require_staff(can::PLAN).await?;
    let state = crate::auth::context::state()?;
    let cfg = &state.config;
    let (_, number) = crate::services::credit_notes::issue(&state.db, &(&user).into(), &cfg.shop, cfg.today(), invoice_id, &input).await?;
    Ok(number)
}
