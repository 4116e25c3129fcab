//! The frame around every staff page: navigation, the signed-in person, sign-out.
use crate::api::auth::{me, StaffLogout};
use crate::dto::auth::StaffUser;
use leptos::prelude::*;
use leptos_router::components::{Outlet, A};

/// The signed-in staff member, provided to every staff page.
#[derive(Clone, Copy)]
pub struct CurrentUser(pub Resource<Result<Option<StaffUser>, crate::error::AppError>>);

const NAV: &[(&str, &str, &str)] = &[
    ("/", "Dashboard", "◧"),
    ("/orders", "Orders", "☰"),
    ("/production", "Production", "▤"),
    ("/quality", "Quality", "✓"),
    ("/customers", "Customers", "☺"),
    ("/invoices", "Invoices", "₹"),
    ("/catalogue", "Catalogue", "▦"),
    ("/whatsapp/inbox", "WhatsApp", "✆"),
];

#[component]
pub fn StaffLayout() -> impl IntoView {
    let user = Resource::new(|| (), |_| me());
    provide_context(CurrentUser(user));
    let logout = ServerAction::<StaffLogout>::new();
    view! {
        <crate::app::StaffStyles/>
        <div class="app">
            <aside class="sidebar">
                <a class="brand" href="/">
                    <span class="brand-mark">"P"</span>
                    <span class="brand-name">"PressDesk"</span>
                </a>
                <nav class="nav" aria-label="Main">
                    {NAV
                        .iter()
                        .map(|(href, label, icon)| {
                            view! {
                                <A href=*href exact=*href == "/" attr:class="nav-link">
                                    <span class="nav-icon" aria-hidden="true">{*icon}</span>
                                    <span class="nav-label">{*label}</span>
                                </A>
                            }
                        })
                        .collect_view()}
                </nav>
            </aside>
            <div class="main">
                <header class="topbar">
                    <a class="btn btn-primary btn-small" href="/orders/new">"+ New order"</a>
                    <div class="spacer"></div>
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            user.await.ok().flatten().map(|u| view! {
                                <span class="who">
                                    <strong>{u.name.clone()}</strong>
                                    <span class="muted">{u.role.label()}</span>
                                </span>
                            })
                        })}
                    </Suspense>
                    <ActionForm action=logout>
                        <button type="submit" class="btn btn-ghost btn-small">"Sign out"</button>
                    </ActionForm>
                </header>
                <main class="content" id="content">
                    <Outlet/>
                </main>
            </div>
        </div>
    }
}
