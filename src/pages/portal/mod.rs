//! The customer portal: mobile-first, server-rendered pages with plain forms (no
//! WebAssembly to download), installable as a PWA. See `api::portal`.
pub mod login;
pub mod order;
pub mod orders;
pub mod profile;
pub mod reorder;

use crate::api::portal::{portal_me, PortalLogout};
use crate::components::ui::query::query_param;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_router::components::Outlet;

/// The error a form came back with (in the address), if any.
pub fn url_error() -> Signal<Option<AppError>> {
    let raw = query_param("error");
    Signal::derive(move || {
        let r = raw.get();
        (!r.is_empty()).then(|| serde_json::from_str::<AppError>(&r).unwrap_or(AppError::Rejected(r)))
    })
}

pub fn field(err: Signal<Option<AppError>>, name: &'static str) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
    move || err.get().and_then(|e| e.field_message(name))
}

/// A general (not per-field) error, or a success note.
#[component]
pub fn Outcome(#[prop(optional)] notes: &'static [(&'static str, &'static str)]) -> impl IntoView {
    let err = url_error();
    let ok = query_param("ok");
    view! {
        {move || err.get().filter(|e| e.fields().is_none()).map(|e| view! { <p class="p-alert p-error" role="alert">{e.to_string()}</p> })}
        {move || err.get().filter(|e| e.fields().is_some()).map(|_| view! { <p class="p-alert p-error" role="alert">"Please correct the highlighted fields."</p> })}
        {move || {
            let k = ok.get();
            notes.iter().find(|(key, _)| *key == k).map(|(_, text)| view! { <p class="p-alert p-ok" role="status">{*text}</p> })
        }}
    }
}

#[component]
pub fn PortalLayout() -> impl IntoView {
    let me = Resource::new(|| (), |_| portal_me());
    let logout = ServerAction::<PortalLogout>::new();
    view! {
        <div class="p-app">
            <header class="p-top">
                <a class="p-brand" href="/portal/orders">
                    <span class="p-mark" aria-hidden="true">"P"</span>
                    <Suspense fallback=|| "PressDesk">
                        {move || Suspend::new(async move {
                            me.await.ok().flatten().map(|c| c.shop_name).unwrap_or_else(|| "Your orders".into())
                        })}
                    </Suspense>
                </a>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        me.await.ok().flatten().map(|c| view! {
                            <nav class="p-nav" aria-label="Portal">
                                <a href="/portal/orders">"Orders"</a>
                                <a href="/portal/profile">"Profile"</a>
                                <ActionForm action=logout attr:class="p-inline">
                                    <button type="submit" class="p-link" data-signout="1">{format!("Sign out ({})", c.name.split_whitespace().next().unwrap_or(""))}</button>
                                </ActionForm>
                            </nav>
                        })
                    })}
                </Suspense>
            </header>
            <main class="p-main" id="main">
                <Outlet/>
            </main>
            <p class="p-offline" hidden data-offline-banner>"You are offline: showing what you saw last."</p>
        </div>
    }
}
