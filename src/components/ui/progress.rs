use leptos::prelude::*;

/// A progress bar with its percentage for screen readers and in text.
#[component]
pub fn ProgressBar(
    #[prop(into)] percent: Signal<f64>,
    #[prop(optional)] label: &'static str,
    #[prop(optional)] tone: &'static str,
) -> impl IntoView {
    let pct = move || percent.get().clamp(0.0, 100.0);
    view! {
        <div
            class=format!("progress {tone}")
            role="progressbar"
            aria-label=label
            aria-valuemin="0"
            aria-valuemax="100"
            aria-valuenow=move || format!("{:.0}", pct())
        >
            <div class="progress-fill" style=move || format!("width:{:.1}%", pct())></div>
            <span class="progress-text">{move || format!("{:.0}%", pct())}</span>
        </div>
    }
}
