//! The HTML shell and the route table: staff app under `/`, sign-in at `/login`.
use crate::pages::staff;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{ParentRoute, Route, Router, Routes},
    path,
};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#1f4e79"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
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
        <Stylesheet id="leptos" href="/pkg/pressdesk.css"/>
        <Title formatter=|t: String| if t.is_empty() { "PressDesk".to_string() } else { format!("{t} · PressDesk") }/>
        <Router>
            <Routes fallback=|| view! { <crate::components::ui::NotFound/> }>
                <Route path=path!("/login") view=staff::login::LoginPage/>
                <ParentRoute path=path!("") view=staff::layout::StaffLayout>
                    <Route path=path!("") view=staff::dashboard::DashboardPage/>
                    <Route path=path!("orders") view=staff::orders::list::OrdersPage/>
                    <Route path=path!("orders/new") view=staff::orders::editor::NewOrderPage/>
                    <Route path=path!("orders/:id") view=staff::orders::detail::OrderPage/>
                    <Route path=path!("orders/:id/edit") view=staff::orders::editor::EditOrderPage/>
                    <Route path=path!("customers") view=staff::customers::list::CustomersPage/>
                    <Route path=path!("customers/new") view=staff::customers::form::NewCustomerPage/>
                    <Route path=path!("customers/:id") view=staff::customers::detail::CustomerPage/>
                    <Route path=path!("customers/:id/edit") view=staff::customers::form::EditCustomerPage/>
                    <Route path=path!("invoices") view=staff::invoices::list::InvoicesPage/>
                    <Route path=path!("invoices/:id") view=staff::invoices::detail::InvoicePage/>
                    <Route path=path!("production") view=staff::production::board::BoardPage/>
                    <Route path=path!("production/timeline") view=staff::production::timeline::TimelinePage/>
                    <Route path=path!("production/schedule") view=staff::production::schedule::SchedulePage/>
                    <Route path=path!("production/bottlenecks") view=staff::production::bottlenecks::BottlenecksPage/>
                    <Route path=path!("production/resources") view=staff::production::resources::ResourcesPage/>
                    <Route path=path!("production/stages") view=staff::production::stages::StagesPage/>
                    <Route path=path!("catalogue") view=staff::catalogue::list::CataloguePage/>
                    <Route path=path!("catalogue/new") view=staff::catalogue::form::NewProductPage/>
                    <Route path=path!("catalogue/:id") view=staff::catalogue::form::EditProductPage/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}
