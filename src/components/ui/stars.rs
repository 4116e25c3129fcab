//! Star ratings shown as text (★★★★☆ or "4.3 ★"). Screen readers get the number in words
//! instead of a row of symbols.
use leptos::prelude::*;

/// An average to one decimal, as shown everywhere ("4.3"). Averages stay exact until here.
pub fn one_decimal(v: f64) -> String {
    format!("{v:.1}")
}

/// "4 of 5 stars", "4.3 of 5 stars".
pub fn stars_label(v: f64) -> String {
    let shown = one_decimal(v);
    format!("{} of 5 stars", shown.strip_suffix(".0").unwrap_or(shown.as_str()))
}

/// Five stars filled to the nearest whole star, or with `compact` the number and one star
/// (tables). Either way the accessible name says the value.
#[component]
pub fn Stars(#[prop(into)] stars: f64, #[prop(optional)] compact: bool) -> impl IntoView {
    let v = stars.clamp(0.0, 5.0);
    let text = if compact {
        format!("{} ★", one_decimal(v))
    } else {
        let filled = v.round() as usize;
        format!("{}{}", "★".repeat(filled), "☆".repeat(5 - filled))
    };
    let label = stars_label(v);
    view! { <span class="stars" role="img" title=label.clone() aria-label=label>{text}</span> }
}
