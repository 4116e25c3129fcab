use crate::domain::tax::rate_label;
use crate::domain::totals::Totals;
use crate::dto::orders::OrderLine;
use leptos::prelude::*;

#[component]
pub fn LinesTable(lines: Vec<OrderLine>) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="table">
                <thead>
                    <tr>
                        <th>"Item"</th>
                        <th class="num">"Qty"</th>
                        <th class="num">"Rate"</th>
                        <th class="num">"Discount"</th>
                        <th class="num">"Tax"</th>
                        <th class="num">"Amount"</th>
                    </tr>
                </thead>
                <tbody>
                    {lines
                        .into_iter()
                        .map(|l| {
                            view! {
                                <tr>
                                    <td>
                                        <div>{l.description.clone()}</div>
                                        <small class="muted">{format!("HSN/SAC {}", l.hsn_sac)}</small>
                                    </td>
                                    <td class="num">{format!("{} {}", l.quantity, l.unit)}</td>
                                    <td class="num">{l.unit_price.to_string()}</td>
                                    <td class="num">{l.discount.to_string()}</td>
                                    <td class="num">{rate_label(l.tax_rate_bp)}</td>
                                    <td class="num">{l.line_total.to_string()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Subtotal, discount, tax split and total. Used by the order page and the live editor.
#[component]
pub fn TotalsPanel(#[prop(into)] totals: Signal<Totals>, #[prop(optional)] vat_label: &'static str) -> impl IntoView {
    let row = move |label: &'static str, f: fn(&Totals) -> crate::domain::Money| {
        view! {
            <div class="totals-row">
                <span>{label}</span>
                <span class="num">{move || f(&totals.get()).to_string()}</span>
            </div>
        }
    };
    let vat = if vat_label.is_empty() { "VAT" } else { vat_label };
    view! {
        <div class="totals" aria-live="polite">
            {row("Subtotal", |t| t.subtotal)}
            {row("Discount", |t| -t.discount)}
            {row("Taxable value", |t| t.taxable)}
            <Show when=move || totals.get().tax.cgst.0 != 0 || totals.get().tax.sgst.0 != 0>
                {row("CGST", |t| t.tax.cgst)}
                {row("SGST", |t| t.tax.sgst)}
            </Show>
            <Show when=move || totals.get().tax.igst.0 != 0>{row("IGST", |t| t.tax.igst)}</Show>
            <Show when=move || totals.get().tax.vat.0 != 0>
                <div class="totals-row">
                    <span>{vat}</span>
                    <span class="num">{move || totals.get().tax.vat.to_string()}</span>
                </div>
            </Show>
            <div class="totals-row totals-grand">
                <span>"Total"</span>
                <span class="num" data-testid="order-total">{move || totals.get().total.to_string()}</span>
            </div>
        </div>
    }
}
