//! Small SVG charts rendered on the server and hydrated like any other view.
use leptos::prelude::*;

/// Vertical bars with labels under them; values are scaled to the largest.
#[component]
pub fn BarChart(
    data: Vec<(String, f64)>,
    #[prop(optional)] title: &'static str,
    #[prop(default = 160.0)] height: f64,
    /// Formats a value for its tooltip.
    #[prop(optional)] unit: &'static str,
) -> impl IntoView {
    let n = data.len().max(1) as f64;
    let width = 600.0;
    let max = data.iter().map(|(_, v)| *v).fold(0.0_f64, f64::max).max(1.0);
    let slot = width / n;
    let bar_w = (slot * 0.7).max(2.0);
    let plot_h = height - 24.0;
    let show_every = ((n / 12.0).ceil() as usize).max(1);
    let bars = data
        .into_iter()
        .enumerate()
        .map(|(i, (label, v))| {
            let h = (v / max) * (plot_h - 4.0);
            let x = i as f64 * slot + (slot - bar_w) / 2.0;
            let y = plot_h - h;
            let tip = format!("{label}: {v:.0}{unit}");
            let text = (i % show_every == 0).then(|| {
                view! {
                    <text x=format!("{:.1}", x + bar_w / 2.0) y=format!("{:.1}", height - 6.0) class="chart-label" text-anchor="middle">
                        {label.clone()}
                    </text>
                }
            });
            view! {
                <g>
                    <rect class="chart-bar" x=format!("{x:.1}") y=format!("{y:.1}") width=format!("{bar_w:.1}") height=format!("{h:.1}") rx="2">
                        <title>{tip}</title>
                    </rect>
                    {text}
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            {(!title.is_empty()).then(|| view! { <figcaption>{title}</figcaption> })}
            <svg viewBox=format!("0 0 {width} {height}") role="img" aria-label=title preserveAspectRatio="none">
                <line class="chart-axis" x1="0" y1=format!("{plot_h}") x2=format!("{width}") y2=format!("{plot_h}")></line>
                {bars}
            </svg>
        </figure>
    }
}

/// A tiny line for trends next to a figure.
#[component]
pub fn Sparkline(values: Vec<f64>, #[prop(optional)] label: &'static str) -> impl IntoView {
    let (w, h) = (120.0, 32.0);
    let max = values.iter().cloned().fold(0.0_f64, f64::max).max(1.0);
    let step = if values.len() > 1 { w / (values.len() - 1) as f64 } else { w };
    let points = values
        .iter()
        .enumerate()
        .map(|(i, v)| format!("{:.1},{:.1}", i as f64 * step, h - 2.0 - v / max * (h - 4.0)))
        .collect::<Vec<_>>()
        .join(" ");
    view! {
        <svg class="sparkline" viewBox=format!("0 0 {w} {h}") role="img" aria-label=label>
            <polyline points=points fill="none"></polyline>
        </svg>
    }
}
