use leptos::prelude::*;

/// "Page 2 of 9 · 214 results" with previous/next links built by `href`.
#[component]
pub fn Pager<F>(page: u64, pages: u64, total: u64, href: F) -> impl IntoView
where
    F: Fn(u64) -> String + Send + Sync + 'static,
{
    let prev = (page > 1).then(|| href(page - 1));
    let next = (page < pages).then(|| href(page + 1));
    view! {
        <nav class="pager" aria-label="Pages">
            {match prev {
                Some(h) => view! { <a class="btn btn-small" href=h rel="prev">"← Previous"</a> }.into_any(),
                None => view! { <span class="btn btn-small disabled">"← Previous"</span> }.into_any(),
            }}
            <span class="pager-info">{format!("Page {page} of {pages} · {total} results")}</span>
            {match next {
                Some(h) => view! { <a class="btn btn-small" href=h rel="next">"Next →"</a> }.into_any(),
                None => view! { <span class="btn btn-small disabled">"Next →"</span> }.into_any(),
            }}
        </nav>
    }
}
