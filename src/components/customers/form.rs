//! The customer form (new and edit). Posts straight to `save_customer`, so it works before
//! hydration too; errors come back per field.
use crate::api::customers::SaveCustomer;
use crate::components::ui::{action_error, field_error, Checkbox, ErrorBox, SelectField, TextArea, TextField};
use crate::domain::india::STATES;
use crate::dto::customers::CustomerInput;
use leptos::prelude::*;

#[component]
pub fn CustomerForm(#[prop(optional)] id: Option<i32>, #[prop(optional)] version: Option<i32>, #[prop(optional)] initial: CustomerInput) -> impl IntoView {
    let save = ServerAction::<SaveCustomer>::new();
    let err = action_error(save.value());
    let f = move |name: &'static str| field_error(err, name);
    let mut states: Vec<(String, String)> = vec![(String::new(), "Same state as the shop / not known".into())];
    states.extend(STATES.iter().map(|(c, n)| (c.to_string(), format!("{c} · {n}"))));
    view! {
        <ActionForm action=save attr:class="form card" attr:novalidate=true>
            {id.map(|id| view! { <input type="hidden" name="id" value=id/> })}
            {version.map(|v| view! { <input type="hidden" name="version" value=v/> })}
            <div class="form-grid">
                <TextField label="Name" name="input[name]" value=initial.name.clone() error=f("name") required=true autocomplete="name"/>
                <TextField label="Company" name="input[company]" value=initial.company.clone() error=f("company") autocomplete="organization"/>
                <TextField label="Phone (WhatsApp)" name="input[phone]" value=initial.phone.clone() error=f("phone") kind="tel"
                    hint="With country code, e.g. +91 98765 43210" autocomplete="tel"/>
                <TextField label="E-mail" name="input[email]" value=initial.email.clone() error=f("email") kind="email" autocomplete="email"/>
                <TextField label="GSTIN" name="input[gstin]" value=initial.gstin.clone() error=f("gstin") hint="15 characters; sets the state"/>
                <SelectField label="State (place of supply)" name="input[state_code]" options=states selected=initial.state_code.clone() error=f("state_code")/>
            </div>
            <div class="form-grid">
                <TextArea label="Billing address" name="input[billing_address]" value=initial.billing_address.clone() error=f("billing_address")/>
                <TextArea label="Shipping address" name="input[shipping_address]" value=initial.shipping_address.clone() error=f("shipping_address")/>
            </div>
            <TextField label="Tags" name="input[tags]" value=initial.tags.clone() error=f("tags") hint="Comma separated, e.g. corporate, wedding"/>
            <TextArea label="Notes" name="input[notes]" value=initial.notes.clone() error=f("notes")/>
            <Checkbox label="Send order updates on WhatsApp (customer agreed)" name="input[whatsapp_opt_in]" checked=initial.whatsapp_opt_in error=f("whatsapp_opt_in")/>
            {move || err.get().map(|e| view! { <ErrorBox err=e/> })}
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" disabled=move || save.pending().get()>
                    {if id.is_some() { "Save changes" } else { "Create customer" }}
                </button>
                <a class="btn btn-ghost" href=id.map(|i| format!("/customers/{i}")).unwrap_or_else(|| "/customers".into())>"Cancel"</a>
            </div>
        </ActionForm>
    }
}
