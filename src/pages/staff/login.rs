use crate::api::auth::StaffLogin;
use crate::components::ui::{action_error, field_error, query::query_param, ErrorBox, TextField};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn LoginPage() -> impl IntoView {
    let login = ServerAction::<StaffLogin>::new();
    let next = query_param("next");
    let err = action_error(login.value());
    view! {
        <Title text="Sign in"/>
        <crate::app::StaffStyles/>
        <main class="auth-page">
            <div class="auth-card">
                <div class="brand brand-large">
                    <span class="brand-mark">"P"</span>
                    "PressDesk"
                </div>
                <h1>"Staff sign-in"</h1>
                <ActionForm action=login attr:class="stack">
                    <input type="hidden" name="next" value=move || next.get()/>
                    <TextField label="E-mail" name="email" kind="email" error=field_error(err, "email") autocomplete="username" required=true/>
                    <TextField
                        label="Password"
                        name="password"
                        kind="password"
                        error=field_error(err, "password")
                        autocomplete="current-password"
                        required=true
                    />
                    {move || err.get().filter(|e| e.fields().is_none()).map(|e| view! { <ErrorBox err=e/> })}
                    <button type="submit" class="btn btn-primary btn-block" disabled=move || login.pending().get()>
                        {move || if login.pending().get() { "Signing in…" } else { "Sign in" }}
                    </button>
                </ActionForm>
                <p class="muted small">"Customers: track your orders in the "<a href="/portal">"customer portal"</a>"."</p>
            </div>
        </main>
    }
}
