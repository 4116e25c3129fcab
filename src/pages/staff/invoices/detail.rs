use super::credit::CreditNotesCard;
use crate::api::auth::shop_today;
use crate::api::invoices::{get_invoice, IssueCreditNote, RecordPayment};
use crate::components::ui::{action_error, field_error, query::route_id, Card, ErrorBox, Loading, PageHeader, PaymentChip, ProgressBar, SelectField, TextField, PageError};
use crate::domain::invoice::{PaymentMethod, PaymentStatus};
use crate::domain::tax::rate_label;
use crate::dto::invoices::Invoice;
use leptos::prelude::*;

#[component]
pub fn InvoicePage() -> impl IntoView {
    let id = route_id();
    let pay = ServerAction::<RecordPayment>::new();
    let credit = ServerAction::<IssueCreditNote>::new();
    let data = Resource::new(move || (id.get(), pay.version().get(), credit.version().get()), |(id, _, _)| get_invoice(id));
    let today = Resource::new(|| (), |_| shop_today());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match (data.await, today.await) {
                    (Err(e), _) | (_, Err(e)) => view! { <PageError err=e/> }.into_any(),
                    (Ok(inv), Ok(today)) => view! { <InvoiceView inv today pay credit/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn InvoiceView(inv: Invoice, today: String, pay: ServerAction<RecordPayment>, credit: ServerAction<IssueCreditNote>) -> impl IntoView {
    let paid_pct = if inv.total.0 > 0 { inv.amount_paid.0 as f64 * 100.0 / inv.total.0 as f64 } else { 100.0 };
    let gst = inv.tax_profile == "gst";
    let intra = inv.intra_state;
    let balance = inv.balance();
    let show_payment = !inv.status.is_settled();
    let invoice_id = inv.id;
    let can_credit = inv.status != PaymentStatus::Credited && balance > crate::domain::money::Money::ZERO;
    let notes = inv.credit_notes.clone();
    view! {
        <PageHeader title=format!("Invoice {}", inv.number)>
            <a class="btn btn-primary" href=format!("/invoices/{}/pdf", inv.id) download data-testid="download-pdf">"Download PDF"</a>
            <a class="btn" href=format!("/orders/{}", inv.order_id)>{format!("Order {}", inv.order_number)}</a>
        </PageHeader>
        <div class="order-summary">
            <PaymentChip status=inv.status/>
            <span>{format!("Issued {}", inv.issue_date)}</span>
            <span>{format!("Due {}", inv.due_date)}</span>
            <span>{format!("Place of supply: {}", inv.place_of_supply)}</span>
        </div>
        <div class="grid-main-side">
            <div class="stack">
                <Card title="Bill to">
                    <p><strong>{inv.buyer.name.clone()}</strong></p>
                    <p class="pre">{inv.buyer.address.clone()}</p>
                    {(!inv.buyer.gstin.is_empty()).then(|| view! { <p>{format!("GSTIN {}", inv.buyer.gstin)}</p> })}
                </Card>
                <Card title="Items">
                    <div class="table-wrap">
                        <table class="table">
                            <thead><tr><th>"Description"</th><th>"HSN/SAC"</th><th class="num">"Qty"</th><th class="num">"Rate"</th><th class="num">"Taxable"</th><th class="num">"Tax"</th><th class="num">"Amount"</th></tr></thead>
                            <tbody>
                                {inv.lines.iter().map(|l| view! {
                                    <tr>
                                        <td>{l.description.clone()}</td>
                                        <td>{l.hsn_sac.clone()}</td>
                                        <td class="num">{format!("{} {}", l.quantity, l.uqc)}</td>
                                        <td class="num">{l.unit_price.to_string()}</td>
                                        <td class="num">{l.taxable.to_string()}</td>
                                        <td class="num">{rate_label(l.tax_rate_bp)}</td>
                                        <td class="num">{l.total.to_string()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <h3 class="small-title">"Tax summary"</h3>
                    <table class="table table-compact">
                        <thead><tr>
                            <th>"Rate"</th><th class="num">"Taxable"</th>
                            {if !gst { view! { <th class="num">{inv.vat_label.clone()}</th> }.into_any() }
                             else if intra { view! { <th class="num">"CGST"</th><th class="num">"SGST"</th> }.into_any() }
                             else { view! { <th class="num">"IGST"</th> }.into_any() }}
                        </tr></thead>
                        <tbody>
                            {inv.by_rate.iter().map(|r| view! {
                                <tr>
                                    <td>{rate_label(r.rate_bp)}</td>
                                    <td class="num">{r.taxable.to_string()}</td>
                                    {if !gst { view! { <td class="num">{r.tax.vat.to_string()}</td> }.into_any() }
                                     else if intra { view! { <td class="num">{r.tax.cgst.to_string()}</td><td class="num">{r.tax.sgst.to_string()}</td> }.into_any() }
                                     else { view! { <td class="num">{r.tax.igst.to_string()}</td> }.into_any() }}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <div class="totals">
                        <div class="totals-row"><span>"Taxable value"</span><span class="num">{inv.taxable.to_string()}</span></div>
                        <div class="totals-row"><span>"Tax"</span><span class="num">{inv.tax.total().to_string()}</span></div>
                        <div class="totals-row totals-grand"><span>"Total"</span><span class="num">{inv.total.to_string()}</span></div>
                        <p class="muted small">{inv.amount_words.clone()}</p>
                    </div>
                </Card>
            </div>
            <div class="stack">
                <Card title="Payments">
                    <ProgressBar percent=Signal::stored(paid_pct) label="Paid" tone="ok"/>
                    <div class="totals">
                        <div class="totals-row"><span>"Paid"</span><span class="num">{inv.amount_paid.to_string()}</span></div>
                        {(inv.amount_credited.0 > 0).then(|| view! { <div class="totals-row"><span>"Credited"</span><span class="num">{inv.amount_credited.to_string()}</span></div> })}
                        <div class="totals-row totals-grand"><span>"Balance due"</span><span class="num" data-testid="balance">{balance.to_string()}</span></div>
                    </div>
                    <ul class="plain-list">
                        {inv.payments.iter().map(|p| view! {
                            <li>{format!("{} · {} · {}", p.paid_on, p.method.label(), p.amount)}{(!p.reference.is_empty()).then(|| format!(" · {}", p.reference))}</li>
                        }).collect_view()}
                    </ul>
                    {show_payment.then(|| view! { <PaymentForm invoice_id balance=balance.to_input() today=today.clone() pay/> })}
                </Card>
                <CreditNotesCard invoice_id notes can_issue=can_credit action=credit/>
            </div>
        </div>
    }
}

#[component]
fn PaymentForm(invoice_id: i32, balance: String, today: String, pay: ServerAction<RecordPayment>) -> impl IntoView {
    let err = action_error(pay.value());
    let f = move |n: &'static str| field_error(err, n);
    let methods: Vec<(String, String)> = PaymentMethod::ALL.iter().map(|m| (m.as_str().to_string(), m.label().to_string())).collect();
    view! {
        <ActionForm action=pay attr:class="stack" attr:novalidate=true>
            <h3 class="small-title">"Record a payment"</h3>
            <input type="hidden" name="invoice_id" value=invoice_id/>
            <TextField label="Amount" name="input[amount]" value=balance error=f("amount")/>
            <SelectField label="Method" name="input[method]" options=methods selected="upi" error=f("method")/>
            <TextField label="Reference (UPI/cheque no.)" name="input[reference]" error=f("reference")/>
            <TextField label="Paid on" name="input[paid_on]" kind="date" value=today error=f("paid_on")/>
            {move || err.get().filter(|e| e.fields().is_none()).map(|e| view! { <ErrorBox err=e/> })}
            <button type="submit" class="btn btn-primary" disabled=move || pay.pending().get()>"Record payment"</button>
        </ActionForm>
    }
}
