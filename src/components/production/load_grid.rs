//! Load vs capacity per resource per day; overloaded days are marked.
use crate::dto::production::ResourceLoadRow;
use leptos::prelude::*;

#[component]
pub fn LoadGrid(rows: Vec<ResourceLoadRow>) -> impl IntoView {
    let days: Vec<String> = rows.first().map(|r| r.cells.iter().map(|c| c.date.clone()).collect()).unwrap_or_default();
    view! {
        <div class="table-wrap">
            <table class="table load-grid">
                <thead>
                    <tr><th>"Resource"</th>{days.into_iter().map(|d| view! { <th class="num">{d}</th> }).collect_view()}</tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>
                            <td>{r.name.clone()}</td>
                            {r.cells.into_iter().map(|c| {
                                let pct = if c.capacity > 0 { c.planned as f64 * 100.0 / c.capacity as f64 } else if c.planned > 0 { 999.0 } else { 0.0 };
                                let class = if c.capacity == 0 && c.planned == 0 { "load-off" } else if pct > 100.0 { "load-over" } else if pct > 80.0 { "load-high" } else if pct > 0.0 { "load-some" } else { "load-free" };
                                let title = format!("{}: {} of {} minutes planned", c.date, c.planned, c.capacity);
                                view! {
                                    <td class=format!("num {class}") title=title>
                                        {if c.capacity == 0 && c.planned == 0 { "off".to_string() } else { format!("{:.0}%", pct.min(999.0)) }}
                                    </td>
                                }
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
