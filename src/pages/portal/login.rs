//! Portal sign-in: phone or e-mail with a password, or a one-time code on WhatsApp; and the
//! forgotten-password reset.
use super::{field, url_error, Outcome};
use crate::api::portal::{PortalCodeLogin, PortalLogin, PortalRequestCode, PortalReset, PortalResetRequest};
use crate::components::ui::query::query_param;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

const NOTES: &[(&str, &str)] = &[
    ("signed_out", "You are signed out."),
    ("password_reset", "Your password is set. Sign in with it."),
    ("sent", "If that number is registered with us, a code is on its way on WhatsApp."),
];

#[component]
pub fn PortalSignIn() -> impl IntoView {
    let login = ServerAction::<PortalLogin>::new();
    let code = ServerAction::<PortalRequestCode>::new();
    let err = url_error();
    view! {
        <Title text="Sign in"/>
        <Meta name="description" content="Track your print orders, approve proofs and download invoices."/>
        <section class="p-card">
            <h1>"Your orders"</h1>
            <p class="p-muted">"Track orders, approve proofs and download invoices."</p>
            <Outcome notes=NOTES/>
            <ActionForm action=login attr:class="p-form">
                <label for="login">"Phone number or e-mail"</label>
                <input id="login" name="login" type="text" inputmode="email" autocomplete="username" required
                    aria-describedby="login-err" value=query_param("login").get_untracked()/>
                <span class="p-err" id="login-err">{field(err, "login")}</span>
                <label for="password">"Password"</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required aria-describedby="pw-err"/>
                <span class="p-err" id="pw-err">{field(err, "password")}</span>
                <button type="submit" class="p-btn p-primary">"Sign in"</button>
            </ActionForm>
            <p class="p-small"><a href="/portal/reset">"Forgot your password?"</a></p>
        </section>
        <section class="p-card">
            <h2>"No password? Get a code on WhatsApp"</h2>
            <ActionForm action=code attr:class="p-form">
                <label for="code-login">"Phone number"</label>
                <input id="code-login" name="login" type="tel" inputmode="tel" autocomplete="tel" required placeholder="98765 43210"/>
                <button type="submit" class="p-btn">"Send me a code"</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn PortalCode() -> impl IntoView {
    let verify = ServerAction::<PortalCodeLogin>::new();
    let login = query_param("login");
    let err = url_error();
    view! {
        <Title text="Enter your code"/>
        <section class="p-card">
            <h1>"Enter your code"</h1>
            <Outcome notes=NOTES/>
            <p class="p-muted">"We sent a 6-digit code on WhatsApp. It works for 10 minutes."</p>
            <ActionForm action=verify attr:class="p-form">
                <input type="hidden" name="login" value=login.get_untracked()/>
                <label for="code">"Code"</label>
                <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6" pattern="[0-9]{6}" required aria-describedby="code-err"/>
                <span class="p-err" id="code-err">{field(err, "code")}</span>
                <button type="submit" class="p-btn p-primary">"Sign in"</button>
            </ActionForm>
            <p class="p-small"><a href="/portal">"Back"</a></p>
        </section>
    }
}

#[component]
pub fn PortalResetPage() -> impl IntoView {
    let ask = ServerAction::<PortalResetRequest>::new();
    let reset = ServerAction::<PortalReset>::new();
    let login = query_param("login");
    let err = url_error();
    view! {
        <Title text="Set a new password"/>
        <section class="p-card">
            <h1>"Set a new password"</h1>
            <Outcome notes=NOTES/>
            {move || if login.get().is_empty() {
                view! {
                    <ActionForm action=ask attr:class="p-form">
                        <label for="reset-login">"Phone number"</label>
                        <input id="reset-login" name="login" type="tel" inputmode="tel" autocomplete="tel" required/>
                        <span class="p-err">{field(err, "login")}</span>
                        <button type="submit" class="p-btn p-primary">"Send me a code"</button>
                    </ActionForm>
                }.into_any()
            } else {
                view! {
                    <ActionForm action=reset attr:class="p-form">
                        <input type="hidden" name="login" value=login.get()/>
                        <label for="reset-code">"Code from WhatsApp"</label>
                        <input id="reset-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6" required/>
                        <span class="p-err">{field(err, "code")}</span>
                        <label for="new-password">"New password (at least 8 characters)"</label>
                        <input id="new-password" name="new_password" type="password" autocomplete="new-password" minlength="8" required/>
                        <span class="p-err">{field(err, "new_password")}</span>
                        <button type="submit" class="p-btn p-primary">"Set password"</button>
                    </ActionForm>
                }.into_any()
            }}
        </section>
    }
}
