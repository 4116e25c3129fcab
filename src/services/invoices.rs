//! Invoices: issued from an order with a gap-free number per financial year, immutable
//! snapshots of seller and buyer, tax breakdown, payments (partial allowed).
use super::{audit, fmt_date, Actor};
use crate::domain::events::DomainEvent;
use crate::db::{contains_ci, e::*, Db};
use crate::domain::invoice::{check_payment, payment_status, PaymentMethod, PaymentStatus};
use crate::domain::money::Money;
use crate::domain::order::OrderStatus;
use crate::domain::tax::{TaxMode, TaxSplit};
use crate::domain::totals::{self, LineInput};
use crate::domain::validate::FieldErrors;
use crate::domain::{india, numbering, words};
use crate::dto::invoices::*;
use crate::dto::{paging, Page};
use crate::error::{AppError, AppResult};
use crate::settings::ShopSettings;
use chrono::{Duration, NaiveDate};
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, JoinType, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, RelationDef,
    Set, TransactionTrait,
};

fn seller(shop: &ShopSettings) -> PartyBlock {
    PartyBlock {
        name: shop.legal_name.clone(),
        address: shop.address.clone(),
        gstin: shop.gstin.clone(),
        state_code: shop.state_code.clone(),
        phone: shop.phone.clone(),
        email: shop.email.clone(),
    }
}

fn buyer(c: &customers::Model) -> PartyBlock {
    let name = if c.company.is_empty() { c.name.clone() } else { format!("{} ({})", c.company, c.name) };
    PartyBlock {
        name,
        address: c.billing_address.clone(),
        gstin: c.gstin.clone().unwrap_or_default(),
        state_code: c.state_code.clone(),
        phone: c.phone.clone().unwrap_or_default(),
        email: c.email.clone().unwrap_or_default(),
    }
}

/// Issues the invoice for an order. One invoice per order.
pub async fn create_from_order(db: &Db, actor: &Actor, shop: &ShopSettings, today: NaiveDate, order_id: i32) -> AppResult<(i32, String)> {
    let txn = db.write.begin().await?;
    // FOR UPDATE on PostgreSQL (a no-op on SQLite, whose one writer serialises this): two
    // concurrent requests for the same order queue here, so the second sees the first's
    // invoice below instead of issuing a duplicate.
    let order = orders::Entity::find_by_id(order_id).lock_exclusive().one(&txn).await?.ok_or(AppError::not_found("Order"))?;
    let status = OrderStatus::parse(&order.status).unwrap_or(OrderStatus::Draft);
    if !status.can_invoice() {
        return Err(AppError::Rejected(format!("An order that is {} cannot be invoiced", status.label().to_lowercase())));
    }
    if let Some(existing) = invoices::Entity::find().filter(invoices::Column::OrderId.eq(order_id)).one(&txn).await? {
        return Err(AppError::Rejected(format!("This order is already invoiced as {}", existing.number)));
    }
    let customer = customers::Entity::find_by_id(order.customer_id).one(&txn).await?.ok_or(AppError::not_found("Customer"))?;
    let lines = order_lines::Entity::find()
        .filter(order_lines::Column::OrderId.eq(order_id))
        .order_by_asc(order_lines::Column::Position)
        .all(&txn)
        .await?;
    let mode = shop.tax_mode_for(&customer.state_code);
    let inputs: Vec<LineInput> = lines
        .iter()
        .map(|l| LineInput { quantity: l.quantity, unit_price: Money(l.unit_price), discount: Money(l.discount), tax_rate_bp: l.tax_rate_bp })
        .collect();
    let t = totals::check(&inputs, mode)?;
    let units: std::collections::HashMap<i32, String> = products::Entity::find()
        .filter(products::Column::Id.is_in(lines.iter().map(|l| l.product_id).collect::<Vec<_>>()))
        .all(&txn)
        .await?
        .into_iter()
        .map(|p| (p.id, p.unit))
        .collect();
    let fy = numbering::financial_year(today);
    let seq = super::numbering::next(&txn, &numbering::invoice_series_key(&fy)).await?;
    let number = numbering::document_number(&shop.invoice_prefix, &fy, shop.fy_format(), seq).map_err(AppError::Rejected)?;
    let place = if customer.state_code.is_empty() { shop.state_code.clone() } else { customer.state_code.clone() };
    let inv = invoices::ActiveModel {
        number: Set(number.clone()),
        fy: Set(fy),
        seq: Set(seq),
        order_id: Set(order.id),
        customer_id: Set(customer.id),
        issue_date: Set(today),
        due_date: Set(today + Duration::days(shop.payment_terms_days.max(0))),
        tax_profile: Set(if mode == TaxMode::Vat { "vat".into() } else { "gst".into() }),
        place_of_supply: Set(india::place_of_supply(&place)),
        intra_state: Set(mode != TaxMode::GstInter),
        seller_json: Set(serde_json::to_string(&seller(shop)).unwrap_or_default()),
        buyer_json: Set(serde_json::to_string(&buyer(&customer)).unwrap_or_default()),
        subtotal: Set(t.subtotal.0),
        discount_total: Set(t.discount.0),
        taxable_total: Set(t.taxable.0),
        cgst: Set(t.tax.cgst.0),
        sgst: Set(t.tax.sgst.0),
        igst: Set(t.tax.igst.0),
        vat: Set(t.tax.vat.0),
        total: Set(t.total.0),
        amount_paid: Set(0),
        amount_credited: Set(0),
        amount_words: Set(words::amount_in_words(t.total)),
        status: Set(payment_status(t.total, Money::ZERO).as_str().into()),
        notes: Set(String::new()),
        created_by: Set(actor.staff_id()),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let rows: Vec<invoice_lines::ActiveModel> = lines
        .iter()
        .zip(&t.lines)
        .enumerate()
        .map(|(i, (l, lt))| invoice_lines::ActiveModel {
            invoice_id: Set(inv.id),
            position: Set(i as i32),
            description: Set(l.description.clone()),
            hsn_sac: Set(l.hsn_sac.clone()),
            uqc: Set(crate::domain::invoice::uqc(units.get(&l.product_id).map(String::as_str).unwrap_or("")).to_string()),
            quantity: Set(l.quantity),
            unit_price: Set(l.unit_price),
            discount: Set(lt.discount.0),
            taxable: Set(lt.taxable.0),
            tax_rate_bp: Set(l.tax_rate_bp),
            cgst: Set(lt.tax.cgst.0),
            sgst: Set(lt.tax.sgst.0),
            igst: Set(lt.tax.igst.0),
            vat: Set(lt.tax.vat.0),
            total: Set(lt.total.0),
            ..Default::default()
        })
        .collect();
    if !rows.is_empty() {
        invoice_lines::Entity::insert_many(rows).exec(&txn).await?;
    }
    audit::record(&txn, actor, "issue", "invoice", Some(inv.id), &number).await?;
    let event = DomainEvent::InvoiceIssued { invoice_id: inv.id, order_id, number: number.clone() };
    super::events::commit(db, txn, actor, vec![event]).await?;
    Ok((inv.id, number))
}

/// The tax summary per rate, ascending, from stored lines.
pub fn rate_rows(lines: &[InvoiceLine]) -> Vec<RateRow> {
    let mut by_rate: Vec<RateRow> = Vec::new();
    for l in lines {
        match by_rate.iter_mut().find(|r| r.rate_bp == l.tax_rate_bp) {
            Some(r) => {
                r.taxable += l.taxable;
                r.tax.add(&l.tax);
            }
            None => by_rate.push(RateRow { rate_bp: l.tax_rate_bp, taxable: l.taxable, tax: l.tax }),
        }
    }
    by_rate.sort_by_key(|r| r.rate_bp);
    by_rate
}

pub async fn get(db: &Db, id: i32, shop: &ShopSettings) -> AppResult<Invoice> {
    let inv = invoices::Entity::find_by_id(id).one(&db.read).await?.ok_or(AppError::not_found("Invoice"))?;
    let order_number = orders::Entity::find_by_id(inv.order_id).one(&db.read).await?.map(|o| o.number).unwrap_or_default();
    let lines: Vec<InvoiceLine> = invoice_lines::Entity::find()
        .filter(invoice_lines::Column::InvoiceId.eq(id))
        .order_by_asc(invoice_lines::Column::Position)
        .all(&db.read)
        .await?
        .into_iter()
        .map(|l| InvoiceLine {
            description: l.description,
            hsn_sac: l.hsn_sac,
            uqc: l.uqc,
            quantity: l.quantity,
            unit_price: Money(l.unit_price),
            discount: Money(l.discount),
            taxable: Money(l.taxable),
            tax_rate_bp: l.tax_rate_bp,
            tax: TaxSplit { cgst: Money(l.cgst), sgst: Money(l.sgst), igst: Money(l.igst), vat: Money(l.vat) },
            total: Money(l.total),
        })
        .collect();
    let by_rate = rate_rows(&lines);
    let payments = payments::Entity::find()
        .filter(payments::Column::InvoiceId.eq(id))
        .order_by_asc(payments::Column::PaidOn)
        .order_by_asc(payments::Column::Id)
        .all(&db.read)
        .await?
        .into_iter()
        .map(|p| Payment {
            id: p.id,
            amount: Money(p.amount),
            method: PaymentMethod::parse(&p.method).unwrap_or(PaymentMethod::Cash),
            reference: p.reference,
            paid_on: fmt_date(p.paid_on),
        })
        .collect();
    Ok(Invoice {
        id: inv.id,
        number: inv.number,
        order_id: inv.order_id,
        order_number,
        customer_id: inv.customer_id,
        issue_date: fmt_date(inv.issue_date),
        due_date: fmt_date(inv.due_date),
        tax_profile: inv.tax_profile,
        vat_label: shop.vat_label.clone(),
        place_of_supply: inv.place_of_supply,
        intra_state: inv.intra_state,
        seller: serde_json::from_str(&inv.seller_json).unwrap_or_default(),
        buyer: serde_json::from_str(&inv.buyer_json).unwrap_or_default(),
        lines,
        by_rate,
        subtotal: Money(inv.subtotal),
        discount: Money(inv.discount_total),
        taxable: Money(inv.taxable_total),
        tax: TaxSplit { cgst: Money(inv.cgst), sgst: Money(inv.sgst), igst: Money(inv.igst), vat: Money(inv.vat) },
        total: Money(inv.total),
        amount_paid: Money(inv.amount_paid),
        amount_credited: Money(inv.amount_credited),
        credit_notes: super::credit_notes::for_invoice(&db.read, inv.id).await?,
        amount_words: inv.amount_words,
        status: PaymentStatus::parse(&inv.status).unwrap_or(PaymentStatus::Unpaid),
        payments,
        notes: inv.notes,
        bank_details: shop.bank_details.clone(),
    })
}

fn customer_rel() -> RelationDef {
    invoices::Entity::belongs_to(customers::Entity)
        .from(invoices::Column::CustomerId)
        .to(customers::Column::Id)
        .into()
}

pub async fn list(db: &Db, f: &InvoiceFilter, today: NaiveDate) -> AppResult<Page<InvoiceRow>> {
    let (page, per_page) = paging(f.page, f.per_page);
    let mut cond = Condition::all();
    if !f.q.trim().is_empty() {
        cond = cond.add(
            Condition::any()
                .add(contains_ci(invoices::Column::Number, &f.q))
                .add(contains_ci(customers::Column::Name, &f.q))
                .add(contains_ci(customers::Column::Company, &f.q)),
        );
    }
    match f.status.as_str() {
        "" => {}
        "due" => cond = cond.add(invoices::Column::Status.is_not_in([PaymentStatus::Paid.as_str(), PaymentStatus::Credited.as_str()])),
        "overdue" => {
            cond = cond.add(invoices::Column::Status.is_not_in([PaymentStatus::Paid.as_str(), PaymentStatus::Credited.as_str()])).add(invoices::Column::DueDate.lt(today))
        }
        s => match PaymentStatus::parse(s) {
            Some(st) => cond = cond.add(invoices::Column::Status.eq(st.as_str())),
            None => return Err(AppError::field("status", "Unknown status")),
        },
    }
    let query = invoices::Entity::find().join(JoinType::InnerJoin, customer_rel()).filter(cond);
    let total = query.clone().count(&db.read).await?;
    let rows = query
        .order_by_desc(invoices::Column::IssueDate)
        .order_by_desc(invoices::Column::Id)
        .offset((page - 1) * per_page)
        .limit(per_page)
        .all(&db.read)
        .await?;
    let names = super::orders::customer_names(&db.read, rows.iter().map(|r| r.customer_id).collect()).await?;
    let order_ids: Vec<i32> = rows.iter().map(|r| r.order_id).collect();
    let numbers: std::collections::HashMap<i32, String> = orders::Entity::find()
        .select_only()
        .column(orders::Column::Id)
        .column(orders::Column::Number)
        .filter(orders::Column::Id.is_in(order_ids))
        .into_tuple::<(i32, String)>()
        .all(&db.read)
        .await?
        .into_iter()
        .collect();
    let items = rows
        .into_iter()
        .map(|r| {
            let status = PaymentStatus::parse(&r.status).unwrap_or(PaymentStatus::Unpaid);
            InvoiceRow {
                id: r.id,
                order_number: numbers.get(&r.order_id).cloned().unwrap_or_default(),
                customer: names.get(&r.customer_id).cloned().unwrap_or_default(),
                number: r.number,
                order_id: r.order_id,
                issue_date: fmt_date(r.issue_date),
                due_date: fmt_date(r.due_date),
                total: Money(r.total),
                amount_paid: Money(r.amount_paid),
                overdue: !status.is_settled() && r.due_date < today,
                status,
            }
        })
        .collect();
    Ok(Page { items, total, page, per_page })
}

pub fn validate_payment(input: &PaymentInput, today: NaiveDate) -> Result<(Money, PaymentMethod, NaiveDate, String), FieldErrors> {
    let mut e = FieldErrors::new();
    let amount = Money::parse(&input.amount).unwrap_or_else(|m| {
        e.add("amount", m);
        Money::ZERO
    });
    let method = PaymentMethod::parse(&input.method);
    if method.is_none() {
        e.add("method", "Choose how it was paid");
    }
    let paid_on = match NaiveDate::parse_from_str(input.paid_on.trim(), "%Y-%m-%d") {
        Ok(d) if d > today => {
            e.add("paid_on", "The payment date is in the future");
            today
        }
        Ok(d) => d,
        Err(_) => {
            e.add("paid_on", "Use a date like 2026-11-25");
            today
        }
    };
    e.max_len("reference", &input.reference, 100);
    e.into_result()?;
    Ok((amount, method.unwrap_or(PaymentMethod::Cash), paid_on, input.reference.trim().to_string()))
}

/// Records a payment. The balance check and the update are one conditional UPDATE, so two
/// cashiers recording at once can never overpay an invoice.
pub async fn record_payment(db: &Db, actor: &Actor, today: NaiveDate, invoice_id: i32, input: &PaymentInput) -> AppResult<PaymentStatus> {
    let (amount, method, paid_on, reference) = validate_payment(input, today)?;
    let txn = db.write.begin().await?;
    let inv = invoices::Entity::find_by_id(invoice_id).one(&txn).await?.ok_or(AppError::not_found("Invoice"))?;
    let owed = Money(inv.total - inv.amount_credited);
    check_payment(owed, Money(inv.amount_paid), amount).map_err(|m| AppError::field("amount", &m))?;
    let res = invoices::Entity::update_many()
        .col_expr(invoices::Column::AmountPaid, Expr::col(invoices::Column::AmountPaid).add(amount.0))
        .filter(invoices::Column::Id.eq(invoice_id))
        .filter(
            Expr::expr(Expr::col(invoices::Column::AmountPaid).add(amount.0).add(Expr::col(invoices::Column::AmountCredited)))
                .lte(Expr::col(invoices::Column::Total)),
        )
        .exec(&txn)
        .await?;
    if res.rows_affected == 0 {
        return Err(AppError::Conflict("Another payment was recorded meanwhile. Reload and check the balance.".into()));
    }
    let paid = invoices::Entity::find_by_id(invoice_id).one(&txn).await?.map(|i| i.amount_paid).unwrap_or(0);
    let status = crate::domain::invoice::status_after_credit(Money(inv.total), Money(paid), Money(inv.amount_credited));
    invoices::Entity::update_many()
        .col_expr(invoices::Column::Status, Expr::value(status.as_str()))
        .filter(invoices::Column::Id.eq(invoice_id))
        .exec(&txn)
        .await?;
    let payment = payments::ActiveModel {
        invoice_id: Set(invoice_id),
        amount: Set(amount.0),
        method: Set(method.as_str().into()),
        reference: Set(reference),
        paid_on: Set(paid_on),
        recorded_by: Set(actor.staff_id()),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, actor, "payment", "invoice", Some(invoice_id), &amount.to_string()).await?;
    let event = DomainEvent::PaymentRecorded { payment_id: payment.id, invoice_id, order_id: inv.order_id, amount_paise: amount.0 };
    super::events::commit(db, txn, actor, vec![event]).await?;
    Ok(status)
}
