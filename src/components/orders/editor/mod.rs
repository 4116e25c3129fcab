//! The order editor: customer, header fields and line items with live totals. Totals are
//! computed in the browser with the same `domain::totals` the server uses when saving.
mod customer_picker;
mod line_row;
mod state;

use crate::api::orders::{create_order, update_order};
use crate::components::orders::TotalsPanel;
use crate::components::ui::{ErrorBox, Field};
use crate::domain::order::{Channel, Priority};
use crate::dto::customers::CustomerOption;
use crate::dto::orders::OrderDetail;
use crate::dto::products::Product;
use crate::error::AppError;
use crate::settings::ShopSettings;
use customer_picker::CustomerPicker;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use line_row::LineRow;
pub use state::{EditorState, LineState};

#[component]
pub fn OrderEditor(
    catalogue: Vec<Product>,
    shop: ShopSettings,
    initial: Option<OrderDetail>,
    /// The customer chosen before the form opened (a new order from their page).
    #[prop(optional_no_strip)]
    customer: Option<CustomerOption>,
) -> impl IntoView {
    let editing = initial.as_ref().map(|o| (o.id, o.version));
    let st = EditorState::new(catalogue, shop, initial.as_ref(), customer);
    let totals = Memo::new(move |_| st.totals());
    let error: RwSignal<Option<AppError>> = RwSignal::new(None);
    let saving = RwSignal::new(false);
    let navigate = use_navigate();
    // The server's answer, or else what the limits already refuse while typing.
    let limits = Memo::new(move |_| st.limit_errors());
    let shown = Signal::derive(move || error.get().or_else(|| limits.get().map(AppError::Validation)));
    let field = move |name: &'static str| Signal::derive(move || shown.get().and_then(|e| e.field_message(name)));

    let save = move |draft: bool| {
        let input = st.to_input(draft);
        let navigate = navigate.clone();
        saving.set(true);
        error.set(None);
        spawn_local(async move {
            let result = match editing {
                Some((id, version)) => update_order(id, version, input).await.map(|_| id),
                None => create_order(input).await.map(|(id, _)| id),
            };
            saving.set(false);
            match result {
                Ok(id) => navigate(&format!("/orders/{id}"), Default::default()),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let save_draft = save.clone();
    let save_edit = save.clone();

    view! {
        <div class="editor">
            <div class="editor-main">
                <section class="card">
                    <h2 class="card-title">"Customer"</h2>
                    <CustomerPicker selected=st.customer error=field("customer_id") tax_note=Signal::derive(move || st.tax_note())/>
                </section>
                <section class="card">
                    <h2 class="card-title">"Items"</h2>
                    <div class="lines">
                        <For each=move || st.lines.get() key=|l: &LineState| l.key let:line>
                            <LineRow line st error=shown/>
                        </For>
                    </div>
                    <p class="field-error">{field("lines")}</p>
                    <button type="button" class="btn btn-ghost" on:click=move |_| st.add_line()>"+ Add item"</button>
                </section>
                <section class="card">
                    <h2 class="card-title">"Details"</h2>
                    <div class="form-grid">
                        <Field label="Channel" error=field("channel")>
                            <select on:change=move |ev| st.channel.set(Channel::parse(&event_target_value(&ev)).unwrap_or(Channel::WalkIn))>
                                {Channel::ALL.iter().map(|c| view! {
                                    <option value=c.as_str() selected=move || st.channel.get() == *c>{c.label()}</option>
                                }).collect_view()}
                            </select>
                        </Field>
                        <Field label="Priority" error=field("priority")>
                            <select name="priority" on:change=move |ev| st.priority.set(Priority::parse(&event_target_value(&ev)).unwrap_or(Priority::Normal))>
                                {Priority::ALL.iter().map(|p| view! {
                                    <option value=p.as_str() selected=move || st.priority.get() == *p>{p.label()}</option>
                                }).collect_view()}
                            </select>
                        </Field>
                        <Field label="Due date" error=field("due_date")>
                            <input type="date" name="due_date" prop:value=move || st.due.get() on:input=move |ev| st.due.set(event_target_value(&ev))/>
                        </Field>
                    </div>
                    <Field label="Notes for the shop floor" error=field("notes")>
                        <textarea rows="3" prop:value=move || st.notes.get() on:input=move |ev| st.notes.set(event_target_value(&ev))></textarea>
                    </Field>
                </section>
            </div>
            <aside class="editor-side">
                <section class="card sticky">
                    <h2 class="card-title">"Totals"</h2>
                    <TotalsPanel totals=totals vat_label=""/>
                    <p class="muted small">{move || st.tax_note()}</p>
                    {move || error.get().filter(|e| e.fields().is_none()).map(|e| view! { <ErrorBox err=e/> })}
                    {move || error.get().filter(|e| e.fields().is_some()).map(|_| view! {
                        <div class="alert alert-error" role="alert">"Please correct the highlighted fields"</div>
                    })}
                    <div class="stack">
                        {editing.is_none().then(|| view! {
                            <button type="button" class="btn btn-primary btn-block" disabled=move || saving.get() on:click=move |_| save(false)>
                                "Confirm order"
                            </button>
                            <button type="button" class="btn btn-block" disabled=move || saving.get() on:click=move |_| save_draft(true)>
                                "Save as draft"
                            </button>
                        })}
                        {editing.map(|(id, _)| {
                            let save = save_edit.clone();
                            view! {
                                <button type="button" class="btn btn-primary btn-block" disabled=move || saving.get() on:click=move |_| save(false)>
                                    "Save changes"
                                </button>
                                <a class="btn btn-block btn-ghost" href=format!("/orders/{id}")>"Cancel"</a>
                            }
                        })}
                    </div>
                </section>
            </aside>
        </div>
    }
}
