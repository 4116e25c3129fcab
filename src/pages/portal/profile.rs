//! The customer's profile: contact details, addresses, GSTIN, WhatsApp, password.
use super::{field, url_error, Outcome};
use crate::api::portal::{portal_profile, PortalPassword, PortalSaveProfile};
use leptos::prelude::*;
use leptos_meta::Title;

const NOTES: &[(&str, &str)] = &[("saved", "Your details are saved."), ("password_set", "Your password is set.")];

#[component]
pub fn PortalProfilePage() -> impl IntoView {
    let data = Resource::new(|| (), |_| portal_profile());
    let save = ServerAction::<PortalSaveProfile>::new();
    let pw = ServerAction::<PortalPassword>::new();
    let err = url_error();
    view! {
        <Title text="Your details"/>
        <h1 class="p-h1">"Your details"</h1>
        <Outcome notes=NOTES/>
        <Suspense fallback=|| view! { <p class="p-muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => { crate::components::ui::set_page_status(&e); view! { <p class="p-alert p-error" role="alert">{e.to_string()}</p> } }.into_any(),
                    Ok(p) => view! {
                        <section class="p-card">
                            <ActionForm action=save attr:class="p-form">
                                <input type="hidden" name="profile[version]" value=p.version/>
                                <input type="hidden" name="profile[has_password]" value=p.has_password.to_string()/>
                                <label for="pf-name">"Name"</label>
                                <input id="pf-name" name="profile[name]" type="text" autocomplete="name" value=p.name.clone() required/>
                                <span class="p-err">{field(err, "name")}</span>
                                <label for="pf-company">"Company"</label>
                                <input id="pf-company" name="profile[company]" type="text" autocomplete="organization" value=p.company.clone()/>
                                <label for="pf-phone">"Phone (WhatsApp)"</label>
                                <input id="pf-phone" name="profile[phone]" type="tel" autocomplete="tel" value=p.phone.clone()/>
                                <span class="p-err">{field(err, "phone")}</span>
                                <label for="pf-email">"E-mail"</label>
                                <input id="pf-email" name="profile[email]" type="email" autocomplete="email" value=p.email.clone()/>
                                <span class="p-err">{field(err, "email")}</span>
                                <label for="pf-gstin">"GSTIN (for tax invoices)"</label>
                                <input id="pf-gstin" name="profile[gstin]" type="text" value=p.gstin.clone()/>
                                <span class="p-err">{field(err, "gstin")}</span>
                                <label for="pf-billing">"Billing address"</label>
                                <textarea id="pf-billing" name="profile[billing_address]" rows="3">{p.billing_address.clone()}</textarea>
                                <label for="pf-shipping">"Delivery address"</label>
                                <textarea id="pf-shipping" name="profile[shipping_address]" rows="3">{p.shipping_address.clone()}</textarea>
                                <label class="p-check">
                                    <input type="checkbox" name="profile[whatsapp_opt_in]" value="true" checked=p.whatsapp_opt_in/>
                                    "Send me order updates on WhatsApp"
                                </label>
                                <span class="p-err">{field(err, "whatsapp_opt_in")}</span>
                                <button type="submit" class="p-btn p-primary">"Save my details"</button>
                            </ActionForm>
                        </section>
                        <section class="p-card">
                            <h2>{if p.has_password { "Change your password" } else { "Set a password" }}</h2>
                            <ActionForm action=pw attr:class="p-form">
                                {p.has_password.then(|| view! {
                                    <label for="pw-current">"Current password"</label>
                                    <input id="pw-current" name="current_password" type="password" autocomplete="current-password"/>
                                    <span class="p-err">{field(err, "current_password")}</span>
                                })}
                                {(!p.has_password).then(|| view! { <input type="hidden" name="current_password" value=""/> })}
                                <label for="pw-new">"New password (at least 8 characters)"</label>
                                <input id="pw-new" name="new_password" type="password" autocomplete="new-password" minlength="8" required/>
                                <span class="p-err">{field(err, "new_password")}</span>
                                <button type="submit" class="p-btn">"Save password"</button>
                            </ActionForm>
                        </section>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
