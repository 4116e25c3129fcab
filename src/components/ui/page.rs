use leptos::prelude::*;
use leptos_meta::Title;

/// Page title (also the browser tab's) with actions on the right.
#[component]
pub fn PageHeader(#[prop(into)] title: String, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    view! {
        <Title text=title.clone()/>
        <div class="page-header">
            <h1>{title}</h1>
            <div class="actions">{children.map(|c| c())}</div>
        </div>
    }
}

#[component]
pub fn Card(#[prop(into, optional)] title: String, #[prop(optional)] class: &'static str, children: Children) -> impl IntoView {
    view! {
        <section class=format!("card {class}")>
            {(!title.is_empty()).then(|| view! { <h2 class="card-title">{title.clone()}</h2> })}
            {children()}
        </section>
    }
}

/// A big figure with a caption (dashboard tiles).
#[component]
pub fn Stat(
    #[prop(into)] label: String,
    #[prop(into)] value: String,
    #[prop(optional)] tone: &'static str,
    #[prop(optional)] href: Option<String>,
) -> impl IntoView {
    let body = view! {
        <span class="stat-value">{value}</span>
        <span class="stat-label">{label}</span>
    };
    match href {
        Some(h) => view! { <a class=format!("stat {tone}") href=h>{body}</a> }.into_any(),
        None => view! { <div class=format!("stat {tone}")>{body}</div> }.into_any(),
    }
}
