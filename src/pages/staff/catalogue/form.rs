//! Product editor: basics, quantity tiers and option groups with surcharges.
use crate::api::products::{get_product, save_product};
use crate::components::ui::{query::route_id, ErrorBox, Field, Loading, PageHeader, PageError};
use crate::domain::money::Money;
use crate::domain::pricing::{OptionChoice, OptionGroup, PriceTier};
use crate::domain::tax::GST_RATES_BP;
use crate::dto::products::{ProductInput, CATEGORIES, UNITS};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

#[component]
pub fn NewProductPage() -> impl IntoView {
    let blank = ProductInput { category: CATEGORIES[0].into(), unit: "pcs".into(), min_qty: 1, tax_rate_bp: 1800, active: true, ..Default::default() };
    view! {
        <PageHeader title="New product"/>
        <ProductForm id=None initial=blank/>
    }
}

#[component]
pub fn EditProductPage() -> impl IntoView {
    let id = route_id();
    let data = Resource::new(move || id.get(), get_product);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <PageError err=e/> }.into_any(),
                    Ok(p) => view! {
                        <PageHeader title=p.input.name.clone()/>
                        <ProductForm id=Some(p.id) initial=p.input.clone()/>
                        <section class="card">
                            <h2 class="card-title">"Production routing"</h2>
                            <crate::components::catalogue::RoutingEditor product_id=p.id/>
                        </section>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Tiers and options are edited as text, one per line, which is quick for a shop owner:
/// "500 = 0.90" for a tier, "Matt lamination = +0.25" or "Double sided = +50%" for a choice.
fn tiers_text(t: &[PriceTier]) -> String {
    t.iter().map(|t| format!("{} = {}", t.min_qty, t.unit_price.to_input())).collect::<Vec<_>>().join("\n")
}

fn groups_text(g: &[OptionGroup]) -> String {
    g.iter()
        .map(|g| {
            let choices = g
                .choices
                .iter()
                .map(|c| {
                    if c.percent_bp != 0 {
                        format!("{} = {:+}%", c.label, c.percent_bp as f64 / 100.0)
                    } else if c.unit_delta.0 != 0 {
                        format!("{} = {}{}", c.label, if c.unit_delta.0 > 0 { "+" } else { "" }, c.unit_delta.to_input())
                    } else {
                        c.label.clone()
                    }
                })
                .collect::<Vec<_>>()
                .join(" | ");
            format!("{}: {}", g.name, choices)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn parse_tiers(s: &str) -> Result<Vec<PriceTier>, String> {
    s.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (q, p) = l.split_once('=').ok_or_else(|| format!("Write tiers as 'quantity = price': {l}"))?;
            let min_qty = q.trim().parse::<i64>().map_err(|_| format!("Not a quantity: {}", q.trim()))?;
            let unit_price = Money::parse(p).map_err(|e| format!("{e}: {}", p.trim()))?;
            Ok(PriceTier { min_qty, unit_price })
        })
        .collect()
}

fn parse_groups(s: &str) -> Result<Vec<OptionGroup>, String> {
    s.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (name, rest) = l.split_once(':').ok_or_else(|| format!("Write options as 'Group: choice | choice = +1.00': {l}"))?;
            let choices = rest
                .split('|')
                .filter(|c| !c.trim().is_empty())
                .map(|c| match c.split_once('=') {
                    None => Ok(OptionChoice { label: c.trim().into(), ..Default::default() }),
                    Some((label, adj)) => {
                        let adj = adj.trim();
                        if let Some(pct) = adj.strip_suffix('%') {
                            let v: f64 = pct.trim().trim_start_matches('+').parse().map_err(|_| format!("Not a percentage: {adj}"))?;
                            Ok(OptionChoice { label: label.trim().into(), unit_delta: Money::ZERO, percent_bp: (v * 100.0).round() as i64 })
                        } else {
                            let m = Money::parse(adj.trim_start_matches('+')).map_err(|e| format!("{e}: {adj}"))?;
                            Ok(OptionChoice { label: label.trim().into(), unit_delta: m, percent_bp: 0 })
                        }
                    }
                })
                .collect::<Result<Vec<_>, String>>()?;
            Ok(OptionGroup { name: name.trim().into(), choices })
        })
        .collect()
}

#[component]
fn ProductForm(id: Option<i32>, initial: ProductInput) -> impl IntoView {
    let sku = RwSignal::new(initial.sku.clone());
    let name = RwSignal::new(initial.name.clone());
    let category = RwSignal::new(initial.category.clone());
    let description = RwSignal::new(initial.description.clone());
    let unit = RwSignal::new(initial.unit.clone());
    let base_price = RwSignal::new(initial.base_price.to_input());
    let min_qty = RwSignal::new(initial.min_qty.to_string());
    let hsn = RwSignal::new(initial.hsn_sac.clone());
    let rate = RwSignal::new(initial.tax_rate_bp);
    let tiers = RwSignal::new(tiers_text(&initial.tiers));
    let groups = RwSignal::new(groups_text(&initial.groups));
    let active = RwSignal::new(initial.active);
    let error: RwSignal<Option<AppError>> = RwSignal::new(None);
    let saving = RwSignal::new(false);
    let navigate = use_navigate();
    let f = move |n: &'static str| Signal::derive(move || error.get().and_then(|e| e.field_message(n)));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut local = crate::domain::validate::FieldErrors::new();
        let bp = Money::parse(&base_price.get_untracked()).unwrap_or_else(|m| {
            local.add("base_price", m);
            Money::ZERO
        });
        let mq = min_qty.get_untracked().trim().parse::<i64>().unwrap_or_else(|_| {
            local.add("min_qty", "Enter a whole number");
            0
        });
        let t = parse_tiers(&tiers.get_untracked()).unwrap_or_else(|m| {
            local.add("tiers", m);
            vec![]
        });
        let g = parse_groups(&groups.get_untracked()).unwrap_or_else(|m| {
            local.add("groups", m);
            vec![]
        });
        if !local.is_empty() {
            error.set(Some(AppError::Validation(local)));
            return;
        }
        let input = ProductInput {
            sku: sku.get_untracked(),
            name: name.get_untracked(),
            category: category.get_untracked(),
            description: description.get_untracked(),
            unit: unit.get_untracked(),
            base_price: bp,
            min_qty: mq,
            hsn_sac: hsn.get_untracked(),
            tax_rate_bp: rate.get_untracked(),
            groups: g,
            tiers: t,
            active: active.get_untracked(),
        };
        let navigate = navigate.clone();
        saving.set(true);
        spawn_local(async move {
            let r = save_product(id, input).await;
            saving.set(false);
            match r {
                Ok(_) => navigate("/catalogue", Default::default()),
                Err(e) => error.set(Some(e)),
            }
        });
    };

    let text = move |label: &'static str, field: &'static str, sig: RwSignal<String>| {
        view! {
            <Field label error=f(field)>
                <input type="text" prop:value=move || sig.get() on:input=move |ev| sig.set(event_target_value(&ev))/>
            </Field>
        }
    };

    view! {
        <form class="form card" on:submit=submit novalidate>
            <div class="form-grid">
                {text("SKU", "sku", sku)}
                {text("Name", "name", name)}
                <Field label="Category" error=f("category")>
                    <select on:change=move |ev| category.set(event_target_value(&ev))>
                        {CATEGORIES.iter().map(|c| view! { <option value=*c selected=move || category.get() == *c>{*c}</option> }).collect_view()}
                    </select>
                </Field>
                <Field label="Unit" error=f("unit")>
                    <select on:change=move |ev| unit.set(event_target_value(&ev))>
                        {UNITS.iter().map(|u| view! { <option value=*u selected=move || unit.get() == *u>{*u}</option> }).collect_view()}
                    </select>
                </Field>
                {text("Base price per unit", "base_price", base_price)}
                {text("Minimum quantity", "min_qty", min_qty)}
                {text("HSN/SAC code", "hsn_sac", hsn)}
                <Field label="GST rate" error=f("tax_rate_bp")>
                    <select on:change=move |ev| rate.set(event_target_value(&ev).parse().unwrap_or(1800))>
                        {GST_RATES_BP.iter().map(|r| view! {
                            <option value=*r selected=move || rate.get() == *r>{crate::domain::tax::rate_label(*r)}</option>
                        }).collect_view()}
                    </select>
                </Field>
            </div>
            <Field label="Description" error=f("description")>
                <textarea rows="2" prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev))></textarea>
            </Field>
            <Field label="Quantity price tiers" error=f("tiers") hint="One per line: 'minimum quantity = unit price', e.g. 500 = 0.90">
                <textarea rows="4" class="mono" prop:value=move || tiers.get() on:input=move |ev| tiers.set(event_target_value(&ev))></textarea>
            </Field>
            <Field label="Option groups" error=f("groups") hint="One group per line: 'Finish: None | Matt lamination = +0.25 | Spot UV = +1.20'; '+50%' for a percentage">
                <textarea rows="5" class="mono" prop:value=move || groups.get() on:input=move |ev| groups.set(event_target_value(&ev))></textarea>
            </Field>
            <label class="check">
                <input type="checkbox" prop:checked=move || active.get() on:change=move |ev| active.set(event_target_checked(&ev))/>
                <span>"Active (offered on new orders)"</span>
            </label>
            {move || error.get().map(|e| view! { <ErrorBox err=e/> })}
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" disabled=move || saving.get()>"Save product"</button>
                <a class="btn btn-ghost" href="/catalogue">"Cancel"</a>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tier_and_group_text_round_trip() {
        let t = parse_tiers("100 = 1.50\n500 = 0.90").unwrap();
        assert_eq!(t[1], PriceTier { min_qty: 500, unit_price: Money(90) });
        assert_eq!(parse_tiers(&tiers_text(&t)).unwrap(), t);
        let g = parse_groups("Sides: Single | Double = +50%\nFinish: None | Matt = +0.25").unwrap();
        assert_eq!(g[0].choices[1].percent_bp, 5000);
        assert_eq!(g[1].choices[1].unit_delta, Money(25));
        assert_eq!(parse_groups(&groups_text(&g)).unwrap(), g);
        assert!(parse_tiers("abc").is_err());
        assert!(parse_groups("Finish: Matt = lots").is_err());
    }
}
