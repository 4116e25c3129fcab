//! The HTML shell and the route table: staff app under `/`, sign-in at `/login`.
use crate::pages::{portal, staff};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{ParentRoute, Route, Router, Routes},
    path, SsrMode,
};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    csp_for_this_page();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#1f4e79"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                {if let Some(script) = light_page_script() {
                    view! {
                        {(script == PORTAL_JS).then(|| view! {
                            <link rel="manifest" href="/manifest.webmanifest"/>
                            <link rel="apple-touch-icon" href="/icons/icon-192.png"/>
                        })}
                        <link rel="stylesheet" href="/portal.css"/>
                        <script src=script defer></script>
                    }.into_any()
                } else {
                    view! {
                        <AutoReload options=options.clone()/>
                        <HydrationScripts options/>
                    }.into_any()
                }}
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The page's Content-Security-Policy allows exactly the scripts leptos rendered with this
/// request's nonce (the hydration script and streamed resources).
#[cfg(feature = "ssr")]
fn csp_for_this_page() {
    if let (Some(nonce), Some(res)) = (leptos::nonce::use_nonce(), use_context::<leptos_axum::ResponseOptions>()) {
        if let Ok(v) = http::HeaderValue::from_str(&crate::server::headers::content_security_policy(&nonce)) {
            res.insert_header(http::header::CONTENT_SECURITY_POLICY, v);
        }
    }
}

#[cfg(not(feature = "ssr"))]
fn csp_for_this_page() {}

const PORTAL_JS: &str = "/portal.js";

/// Customer-facing pages (the portal, proof approval links opened on a phone) are light
/// pages: served without the staff WebAssembly bundle, as plain forms with the portal's
/// stylesheet and one small script of their own. Answers that script, or None for staff pages.
#[cfg(feature = "ssr")]
fn light_page_script() -> Option<&'static str> {
    let parts = use_context::<http::request::Parts>()?;
    let path = parts.uri.path();
    if path == "/portal" || path.starts_with("/portal/") {
        Some(PORTAL_JS)
    } else if path.starts_with("/approve/") {
        Some("/approve.js")
    } else {
        None
    }
}

#[cfg(not(feature = "ssr"))]
fn light_page_script() -> Option<&'static str> {
    None
}

/// The staff app's stylesheet (light pages have their own, smaller one).
#[component]
pub fn StaffStyles() -> impl IntoView {
    view! { <Stylesheet id="leptos" href="/pkg/pressdesk.css"/> }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Tests and scripts wait for this marker before interacting with client-side widgets.
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
    view! {
        <Title formatter=|t: String| if t.is_empty() { "PressDesk".to_string() } else { format!("{t} · PressDesk") }/>
        <Router>
            <Routes fallback=|| view! { <crate::components::ui::NotFound/> }>
                <Route path=path!("/login") view=staff::login::LoginPage/>
                <ParentRoute path=path!("/portal") view=portal::PortalLayout ssr=SsrMode::Async>
                    <Route path=path!("") view=portal::login::PortalSignIn ssr=SsrMode::Async/>
                    <Route path=path!("code") view=portal::login::PortalCode ssr=SsrMode::Async/>
                    <Route path=path!("reset") view=portal::login::PortalResetPage ssr=SsrMode::Async/>
                    <Route path=path!("orders") view=portal::orders::PortalOrders ssr=SsrMode::Async/>
                    <Route path=path!("orders/:id") view=portal::order::PortalOrderPage ssr=SsrMode::Async/>
                    <Route path=path!("orders/:id/reorder") view=portal::reorder::PortalReorderPage ssr=SsrMode::Async/>
                    <Route path=path!("profile") view=portal::profile::PortalProfilePage ssr=SsrMode::Async/>
                </ParentRoute>
                <Route path=path!("/approve/:id") view=crate::pages::public::approve::ApprovePage ssr=SsrMode::Async/>
                <ParentRoute path=path!("") view=staff::layout::StaffLayout>
                    <Route path=path!("") view=staff::dashboard::DashboardPage/>
                    <Route path=path!("orders") view=staff::orders::list::OrdersPage/>
                    <Route path=path!("orders/new") view=staff::orders::editor::NewOrderPage/>
                    <Route path=path!("orders/:id") view=staff::orders::detail::OrderPage ssr=SsrMode::Async/>
                    <Route path=path!("orders/:id/edit") view=staff::orders::editor::EditOrderPage ssr=SsrMode::Async/>
                    <Route path=path!("orders/:id/compare") view=staff::quality::compare::ComparePage ssr=SsrMode::Async/>
                    <Route path=path!("quality") view=staff::quality::overview::QualityPage/>
                    <Route path=path!("quality/chains") view=staff::quality::chains::ChainsPage/>
                    <Route path=path!("quality/check/:job/:stage") view=staff::quality::checklist::ChecklistPage ssr=SsrMode::Async/>
                    <Route path=path!("customers") view=staff::customers::list::CustomersPage/>
                    <Route path=path!("customers/new") view=staff::customers::form::NewCustomerPage/>
                    <Route path=path!("customers/:id") view=staff::customers::detail::CustomerPage ssr=SsrMode::Async/>
                    <Route path=path!("customers/:id/edit") view=staff::customers::form::EditCustomerPage ssr=SsrMode::Async/>
                    <Route path=path!("invoices") view=staff::invoices::list::InvoicesPage/>
                    <Route path=path!("invoices/:id") view=staff::invoices::detail::InvoicePage ssr=SsrMode::Async/>
                    <Route path=path!("production") view=staff::production::board::BoardPage/>
                    <Route path=path!("production/timeline") view=staff::production::timeline::TimelinePage/>
                    <Route path=path!("production/schedule") view=staff::production::schedule::SchedulePage/>
                    <Route path=path!("production/bottlenecks") view=staff::production::bottlenecks::BottlenecksPage/>
                    <Route path=path!("production/resources") view=staff::production::resources::ResourcesPage/>
                    <Route path=path!("production/stages") view=staff::production::stages::StagesPage/>
                    <Route path=path!("catalogue") view=staff::catalogue::list::CataloguePage/>
                    <Route path=path!("catalogue/new") view=staff::catalogue::form::NewProductPage/>
                    <Route path=path!("catalogue/:id") view=staff::catalogue::form::EditProductPage ssr=SsrMode::Async/>
                    <Route path=path!("whatsapp/inbox") view=staff::whatsapp::inbox::InboxPage/>
                    <Route path=path!("whatsapp/outbox") view=staff::whatsapp::outbox::OutboxPage/>
                    <Route path=path!("whatsapp/phone") view=staff::whatsapp::phone::PhonePage/>
                    <Route path=path!("whatsapp/campaigns") view=staff::whatsapp::campaigns::CampaignsPage/>
                    <Route path=path!("whatsapp/campaigns/:id") view=staff::whatsapp::campaign_detail::CampaignPage ssr=SsrMode::Async/>
                    <Route path=path!("whatsapp/rules") view=staff::whatsapp::rules::RulesPage/>
                    <Route path=path!("whatsapp/templates") view=staff::whatsapp::templates::TemplatesPage/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}
