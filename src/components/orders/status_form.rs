use crate::api::orders::ChangeOrderStatus;
use crate::components::ui::{action_error, field_error, ErrorBox};
use crate::domain::order::OrderStatus;
use leptos::prelude::*;

/// Moves an order to one of the statuses its state machine allows.
#[component]
pub fn StatusForm(id: i32, version: i32, status: OrderStatus, action: ServerAction<ChangeOrderStatus>) -> impl IntoView {
    let next = status.next();
    let err = action_error(action.value());
    if next.is_empty() {
        return view! { <p class="muted">"This order is closed; its status can no longer change."</p> }.into_any();
    }
    view! {
        <ActionForm action=action attr:class="status-form stack">
            <input type="hidden" name="id" value=id/>
            <input type="hidden" name="version" value=version/>
            <label class="field">
                <span class="field-label">"Move to"</span>
                <select name="to" aria-label="New status">
                    {next.iter().map(|s| view! { <option value=s.as_str()>{s.label()}</option> }).collect_view()}
                </select>
            </label>
            <label class="field" class:invalid=move || field_error(err, "comment").get().is_some()>
                <span class="field-label">"Comment"</span>
                <input type="text" name="comment" placeholder="Optional (required to cancel)" maxlength="500"/>
                <small class="field-error">{move || field_error(err, "comment").get()}</small>
            </label>
            {move || err.get().filter(|e| e.fields().is_none()).map(|e| view! { <ErrorBox err=e/> })}
            <button type="submit" class="btn btn-primary" disabled=move || action.pending().get()>"Change status"</button>
        </ActionForm>
    }
    .into_any()
}
