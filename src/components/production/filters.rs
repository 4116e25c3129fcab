//! Board filters and swimlanes, applied in the browser over the loaded cards.
use crate::dto::production::{Card, Urgency};
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Lanes {
    None,
    Priority,
    Resource,
}

#[derive(Clone, Copy)]
pub struct Filters {
    pub resource: RwSignal<String>,
    pub assignee: RwSignal<String>,
    pub due: RwSignal<String>,
    pub priority: RwSignal<String>,
    pub product: RwSignal<String>,
    pub lanes: RwSignal<Lanes>,
}

impl Filters {
    pub fn new() -> Self {
        Filters {
            resource: RwSignal::new(String::new()),
            assignee: RwSignal::new(String::new()),
            due: RwSignal::new(String::new()),
            priority: RwSignal::new(String::new()),
            product: RwSignal::new(String::new()),
            lanes: RwSignal::new(Lanes::None),
        }
    }

    pub fn matches(&self, c: &Card) -> bool {
        let id_matches = |sel: String, v: Option<i32>| sel.is_empty() || (sel == "none" && v.is_none()) || sel.parse::<i32>().ok() == v;
        id_matches(self.resource.get(), c.resource_id)
            && id_matches(self.assignee.get(), c.assignee_id)
            && id_matches(self.product.get(), Some(c.product_id))
            && match self.priority.get().as_str() {
                "rush" => c.rush,
                "normal" => !c.rush,
                _ => true,
            }
            && match self.due.get().as_str() {
                "overdue" => c.urgency == Urgency::Overdue,
                "today" => matches!(c.urgency, Urgency::Overdue | Urgency::Today),
                "soon" => matches!(c.urgency, Urgency::Overdue | Urgency::Today | Urgency::Soon),
                _ => true,
            }
    }
}

fn select(label: &'static str, sig: RwSignal<String>, options: Vec<(String, String)>) -> impl IntoView {
    view! {
        <label class="inline">
            <span class="sr-only">{label}</span>
            <select aria-label=label on:change=move |ev| sig.set(event_target_value(&ev))>
                <option value="">{format!("All: {}", label.to_lowercase())}</option>
                {options.into_iter().map(|(v, l)| {
                    let v2 = v.clone();
                    view! { <option value=v selected=move || sig.get() == v2>{l}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

#[component]
pub fn FilterBar(
    filters: Filters,
    resources: Vec<(i32, String)>,
    assignees: Vec<(i32, String)>,
    products: Vec<(i32, String)>,
) -> impl IntoView {
    let opts = |v: Vec<(i32, String)>, none: &str| {
        let mut o: Vec<(String, String)> = vec![("none".into(), none.into())];
        o.extend(v.into_iter().map(|(id, n)| (id.to_string(), n)));
        o
    };
    let prods: Vec<(String, String)> = products.into_iter().map(|(id, n)| (id.to_string(), n)).collect();
    view! {
        <div class="filters board-filters">
            {select("Resource", filters.resource, opts(resources, "Not assigned"))}
            {select("Assignee", filters.assignee, opts(assignees, "Nobody"))}
            {select("Due", filters.due, vec![("overdue".into(), "Overdue".into()), ("today".into(), "Due today or late".into()), ("soon".into(), "Due in 2 days".into())])}
            {select("Priority", filters.priority, vec![("rush".into(), "Rush".into()), ("normal".into(), "Normal".into())])}
            {select("Product", filters.product, prods)}
            <label class="inline">
                "Swimlanes"
                <select aria-label="Swimlanes" on:change=move |ev| filters.lanes.set(match event_target_value(&ev).as_str() {
                    "priority" => Lanes::Priority,
                    "resource" => Lanes::Resource,
                    _ => Lanes::None,
                })>
                    <option value="none">"None"</option>
                    <option value="priority">"By priority"</option>
                    <option value="resource">"By resource"</option>
                </select>
            </label>
        </div>
    }
}
