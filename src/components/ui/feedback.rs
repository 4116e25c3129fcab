use crate::error::AppError;
use leptos::prelude::*;

/// An error from a server function, shown in words (with a sign-in link when that is the fix).
#[component]
pub fn ErrorBox(#[prop(into)] err: AppError) -> impl IntoView {
    let signin = matches!(err, AppError::Unauthenticated);
    let reference = err.reference().map(|r| format!(" (reference {r})"));
    view! {
        <div class="alert alert-error" role="alert">
            <strong>{err.to_string()}</strong>
            {reference}
            {signin.then(|| view! { " " <a href="/login">"Sign in"</a> })}
        </div>
    }
}

/// Sets this page's HTTP status while it renders on the server (SSR pages answer 404 for
/// an unknown record, 403 for a forbidden one). Does nothing in the browser.
pub fn set_page_status(err: &AppError) {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(err.status());
    }
    #[cfg(not(feature = "ssr"))]
    let _ = err;
}

/// A page whose data could not be loaded: a not-found view for unknown records, otherwise
/// the error in words; the response status says the same.
#[component]
pub fn PageError(#[prop(into)] err: AppError) -> impl IntoView {
    set_page_status(&err);
    match err {
        AppError::NotFound(what) => view! {
            <div class="not-found">
                <h1>{format!("{what} not found")}</h1>
                <p>"It does not exist, or it was removed."</p>
                <a class="btn" href="/">"Go to the dashboard"</a>
            </div>
        }
        .into_any(),
        other => view! { <ErrorBox err=other/> }.into_any(),
    }
}

#[component]
pub fn Loading() -> impl IntoView {
    view! { <div class="loading" aria-busy="true">"Loading…"</div> }
}

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <div class="not-found">
            <h1>"Page not found"</h1>
            <p>"The page you asked for does not exist or was moved."</p>
            <a class="btn" href="/">"Go to the dashboard"</a>
        </div>
    }
}

/// Green confirmation after a successful action.
#[component]
pub fn SavedNotice(#[prop(into)] show: Signal<bool>, #[prop(into)] text: String) -> impl IntoView {
    view! {
        <Show when=move || show.get()>
            <div class="alert alert-ok" role="status">{text.clone()}</div>
        </Show>
    }
}

/// The error of the latest run of an action, if it failed.
pub fn action_error<T, S>(value: S) -> Signal<Option<AppError>>
where
    T: Send + Sync + Clone + 'static,
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    Signal::derive(move || value.get().and_then(|r| r.err()))
}
