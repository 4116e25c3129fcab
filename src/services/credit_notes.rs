//! Credit notes (Rule 53 of the CGST Rules): issued against an invoice to cancel it or to
//! correct its value, numbered in their own gap-free series per financial year. The note, the
//! invoice's credited amount and status, the audit row and the event commit together.
use super::{audit, fmt_date, Actor};
use crate::db::{e::*, Db};
use crate::domain::events::DomainEvent;
use crate::domain::invoice::{credit_lines, status_after_credit, CreditKind, CreditLine};
use crate::domain::money::Money;
use crate::domain::numbering;
use crate::domain::tax::{TaxMode, TaxSplit};
use crate::domain::validate::FieldErrors;
use crate::dto::invoices::{CreditNoteInput, CreditNoteRow, Invoice, InvoiceLine};
use crate::error::{AppError, AppResult};
use crate::settings::ShopSettings;
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait};

/// The kind and the share (basis points) asked for; a cancellation takes what is left.
pub fn validate(input: &CreditNoteInput) -> Result<(CreditKind, Option<i32>, String), FieldErrors> {
    let mut e = FieldErrors::new();
    let kind = CreditKind::parse(input.kind.trim());
    if kind.is_none() {
        e.add("kind", "Choose cancellation or correction");
    }
    let reason = input.reason.trim().to_string();
    e.required("reason", &reason, 300);
    let mut share = None;
    if kind == Some(CreditKind::Correction) {
        match parse_percent(&input.percent) {
            Some(bp) if (1..10_000).contains(&bp) => share = Some(bp),
            Some(_) => e.add("percent", "A correction credits more than 0% and less than 100%; use a cancellation for all of it"),
            None => e.add("percent", "Enter a percentage, e.g. 10 or 12.5"),
        }
    }
    e.into_result()?;
    Ok((kind.unwrap_or(CreditKind::Cancellation), share, reason))
}

/// "12.5" -> 1250 basis points; at most two decimals.
fn parse_percent(s: &str) -> Option<i32> {
    let s = s.trim().trim_end_matches('%').trim();
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty() || whole.len() > 3 || frac.len() > 2 || !whole.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let frac_bp = match frac.len() {
        0 => 0,
        1 => frac.parse::<i32>().ok()? * 10,
        _ => frac.parse::<i32>().ok()?,
    };
    Some(whole.parse::<i32>().ok()? * 100 + frac_bp)
}

fn mode_of(tax_profile: &str, intra_state: bool) -> TaxMode {
    if tax_profile.eq_ignore_ascii_case("vat") {
        TaxMode::Vat
    } else if intra_state {
        TaxMode::GstIntra
    } else {
        TaxMode::GstInter
    }
}

fn sum(lines: &[CreditLine]) -> Option<(Money, TaxSplit, Money)> {
    lines.iter().try_fold((Money::ZERO, TaxSplit::default(), Money::ZERO), |(t, x, tot), l| {
        Some((t.checked_add(l.taxable)?, x.checked_add(&l.tax)?, tot.checked_add(l.total)?))
    })
}

pub async fn issue(db: &Db, actor: &Actor, shop: &ShopSettings, today: NaiveDate, invoice_id: i32, input: &CreditNoteInput) -> AppResult<(i32, String)> {
    let (kind, share, reason) = validate(input)?;
    let txn = db.write.begin().await?;
    // The invoice row is locked (PostgreSQL) so two notes for one invoice queue here.
    let inv = invoices::Entity::find_by_id(invoice_id).lock_exclusive().one(&txn).await?.ok_or(AppError::not_found("Invoice"))?;
    let credited_bp: i64 = credit_notes::Entity::find()
        .filter(credit_notes::Column::InvoiceId.eq(invoice_id))
        .all(&txn)
        .await?
        .iter()
        .map(|n| n.share_bp as i64)
        .sum();
    let left_bp = (10_000 - credited_bp).max(0) as i32;
    if left_bp == 0 {
        return Err(AppError::Rejected(format!("Invoice {} is already fully credited", inv.number)));
    }
    let share_bp = match (kind, share) {
        (CreditKind::Correction, Some(bp)) if bp > left_bp => {
            return Err(AppError::field("percent", &format!("At most {:.2}% of this invoice is left to credit", left_bp as f64 / 100.0)));
        }
        (CreditKind::Correction, Some(bp)) => bp,
        _ => left_bp,
    };
    let lines = invoice_lines::Entity::find().filter(invoice_lines::Column::InvoiceId.eq(invoice_id)).all(&txn).await?;
    let parts = credit_lines(&lines.iter().map(|l| (Money(l.taxable), l.tax_rate_bp)).collect::<Vec<_>>(), mode_of(&inv.tax_profile, inv.intra_state), share_bp)
        .ok_or_else(|| AppError::Rejected("This credit note cannot be computed".into()))?;
    let (taxable, tax, mut total) = sum(&parts).ok_or_else(|| AppError::Rejected("This credit note cannot be computed".into()))?;
    // The last note of a cancellation takes exactly what is left, so the credits add up to
    // the invoice total to the paisa despite rounding per note.
    if share_bp == left_bp {
        total = Money(inv.total - inv.amount_credited);
    }
    let unpaid = inv.total - inv.amount_paid - inv.amount_credited;
    if total.0 > unpaid {
        return Err(AppError::Rejected(format!(
            "A credit note may not exceed what is unpaid ({}). Refund the customer first, then record the refund as a negative adjustment with your accountant.",
            Money(unpaid.max(0))
        )));
    }
    let fy = numbering::financial_year(today);
    let seq = super::numbering::next(&txn, &numbering::credit_note_series_key(&fy)).await?;
    let number = numbering::document_number(shop.credit_prefix(), &fy, shop.fy_format(), seq).map_err(AppError::Rejected)?;
    let note = credit_notes::ActiveModel {
        number: Set(number.clone()),
        fy: Set(fy),
        seq: Set(seq),
        invoice_id: Set(invoice_id),
        kind: Set(kind.as_str().into()),
        reason: Set(reason.clone()),
        share_bp: Set(share_bp),
        issue_date: Set(today),
        taxable: Set(taxable.0),
        cgst: Set(tax.cgst.0),
        sgst: Set(tax.sgst.0),
        igst: Set(tax.igst.0),
        vat: Set(tax.vat.0),
        total: Set(total.0),
        created_by: Set(actor.staff_id()),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let credited = inv.amount_credited + total.0;
    let status = status_after_credit(Money(inv.total), Money(inv.amount_paid), Money(credited));
    // The amounts are checked again in the WHERE clause: a payment recorded meanwhile wins.
    let res = invoices::Entity::update_many()
        .col_expr(invoices::Column::AmountCredited, Expr::value(credited))
        .col_expr(invoices::Column::Status, Expr::value(status.as_str()))
        .filter(invoices::Column::Id.eq(invoice_id))
        .filter(invoices::Column::AmountCredited.eq(inv.amount_credited))
        .filter(invoices::Column::AmountPaid.eq(inv.amount_paid))
        .exec(&txn)
        .await?;
    if res.rows_affected == 0 {
        return Err(AppError::Conflict("A payment or credit was recorded meanwhile. Reload and check the balance.".into()));
    }
    audit::record(&txn, actor, "credit_note", "invoice", Some(invoice_id), &format!("{number}: {reason}")).await?;
    let event = DomainEvent::CreditNoteIssued { credit_note_id: note.id, invoice_id, order_id: inv.order_id, number: number.clone() };
    super::events::commit(db, txn, actor, vec![event]).await?;
    Ok((note.id, number))
}

pub async fn for_invoice<C: ConnectionTrait>(c: &C, invoice_id: i32) -> AppResult<Vec<CreditNoteRow>> {
    Ok(credit_notes::Entity::find()
        .filter(credit_notes::Column::InvoiceId.eq(invoice_id))
        .order_by_asc(credit_notes::Column::Seq)
        .all(c)
        .await?
        .iter()
        .map(row)
        .collect())
}

fn row(n: &credit_notes::Model) -> CreditNoteRow {
    CreditNoteRow {
        id: n.id,
        kind: CreditKind::parse(&n.kind).unwrap_or(CreditKind::Correction),
        number: n.number.clone(),
        reason: n.reason.clone(),
        share_bp: n.share_bp,
        issue_date: fmt_date(n.issue_date),
        total: Money(n.total),
    }
}

/// The credit note as a document: the invoice's parties and lines, scaled to the note.
pub struct CreditNoteDoc {
    pub note: CreditNoteRow,
    /// The invoice with its lines and totals replaced by the credited amounts.
    pub doc: Invoice,
    pub invoice_number: String,
    pub invoice_date: String,
}

pub async fn document(db: &Db, shop: &ShopSettings, id: i32) -> AppResult<CreditNoteDoc> {
    let n = credit_notes::Entity::find_by_id(id).one(&db.read).await?.ok_or(AppError::not_found("Credit note"))?;
    let mut doc = super::invoices::get(db, n.invoice_id, shop).await?;
    let mode = mode_of(&doc.tax_profile, doc.intra_state);
    let parts = credit_lines(&doc.lines.iter().map(|l| (l.taxable, l.tax_rate_bp)).collect::<Vec<_>>(), mode, n.share_bp).unwrap_or_default();
    let scaled: Vec<InvoiceLine> = doc
        .lines
        .iter()
        .zip(&parts)
        .map(|(l, p)| InvoiceLine {
            // A share of the line: the quantity is stated as supplied; the values are credited.
            discount: Money::ZERO,
            unit_price: if n.share_bp == 10_000 { l.unit_price } else { Money::ZERO },
            taxable: p.taxable,
            tax: p.tax,
            total: p.total,
            ..l.clone()
        })
        .collect();
    let invoice_number = doc.number.clone();
    let invoice_date = doc.issue_date.clone();
    doc.by_rate = crate::services::invoices::rate_rows(&scaled);
    doc.lines = scaled;
    doc.number = n.number.clone();
    doc.issue_date = fmt_date(n.issue_date);
    doc.due_date = String::new();
    doc.subtotal = Money(n.taxable);
    doc.discount = Money::ZERO;
    doc.taxable = Money(n.taxable);
    doc.tax = TaxSplit { cgst: Money(n.cgst), sgst: Money(n.sgst), igst: Money(n.igst), vat: Money(n.vat) };
    doc.total = Money(n.total);
    doc.amount_paid = Money::ZERO;
    doc.amount_credited = Money::ZERO;
    doc.payments = vec![];
    doc.amount_words = crate::domain::words::amount_in_words(Money(n.total));
    doc.notes = format!("Reason: {}", n.reason);
    Ok(CreditNoteDoc { note: row(&n), doc, invoice_number, invoice_date })
}
