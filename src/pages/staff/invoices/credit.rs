//! Credit notes under an invoice: the ones issued (with their PDFs) and the form to issue one.
use crate::api::invoices::IssueCreditNote;
use crate::components::ui::{action_error, field_error, Card, ErrorBox, SelectField, TextField};
use crate::domain::invoice::CreditKind;
use crate::dto::invoices::CreditNoteRow;
use leptos::prelude::*;

#[component]
pub fn CreditNotesCard(invoice_id: i32, notes: Vec<CreditNoteRow>, can_issue: bool, action: ServerAction<IssueCreditNote>) -> impl IntoView {
    let err = action_error(action.value());
    let f = move |n: &'static str| field_error(err, n);
    let kinds: Vec<(String, String)> = CreditKind::ALL.iter().map(|k| (k.as_str().to_string(), k.label().to_string())).collect();
    let empty = notes.is_empty();
    view! {
        <Card title="Credit notes">
            {empty.then(|| view! { <p class="muted small">"None. A credit note cancels this invoice or reduces its value; it gets its own number."</p> })}
            <ul class="plain-list" data-testid="credit-notes">
                {notes.into_iter().map(|n| view! {
                    <li>
                        <a href=format!("/credit-notes/{}/pdf", n.id) download>{n.number.clone()}</a>
                        {format!(" · {} · {} · {:.2}% · {} · {}", n.issue_date, n.kind.label(), n.share_bp as f64 / 100.0, n.total, n.reason)}
                    </li>
                }).collect_view()}
            </ul>
            {can_issue.then(|| view! {
                <details class="stack">
                    <summary class="btn btn-ghost">"Issue a credit note"</summary>
                    <ActionForm action=action attr:class="stack" attr:novalidate=true>
                        <input type="hidden" name="invoice_id" value=invoice_id/>
                        <SelectField label="Kind" name="input[kind]" options=kinds selected="cancellation" error=f("kind")/>
                        <TextField label="Share to credit (%), for a correction" name="input[percent]" error=f("percent") placeholder="10"/>
                        <TextField label="Reason" name="input[reason]" error=f("reason") required=true/>
                        {move || err.get().filter(|e| e.fields().is_none()).map(|e| view! { <ErrorBox err=e/> })}
                        <button type="submit" class="btn btn-danger" disabled=move || action.pending().get()>"Issue credit note"</button>
                    </ActionForm>
                </details>
            })}
        </Card>
    }
}
