//! One item of the order editor: product, options, quantity, price, discount.
use super::state::{EditorState, LineState};
use crate::domain::money::Money;
use crate::domain::pricing::ChosenOption;
use crate::domain::totals::line_totals;
use crate::dto::products::CATEGORIES;
use crate::error::AppError;
use leptos::prelude::*;

#[component]
pub fn LineRow(line: LineState, st: EditorState, error: Signal<Option<AppError>>) -> impl IntoView {
    let index = Memo::new(move |_| st.lines.with(|v| v.iter().position(|l| l.key == line.key).unwrap_or(0)));
    let err = move |name: &'static str| {
        Signal::derive(move || error.get().and_then(|e| e.field_message(&format!("lines.{}.{name}", index.get()))))
    };
    let local_money_error = |s: RwSignal<String>| {
        Signal::derive(move || {
            let v = s.get();
            (!v.trim().is_empty()).then(|| Money::parse(&v).err()).flatten()
        })
    };
    let price_err = local_money_error(line.price);
    let discount_err = local_money_error(line.discount);
    let product = Memo::new(move |_| st.product(line.product_id.get()));
    let line_total = move || line_totals(&st.line_input(&line), st.tax_mode()).map(|t| t.total).unwrap_or_default();
    let catalogue_price = move || st.catalogue_price(&line).map(|p| p.to_input()).unwrap_or_default();

    let product_select = move || {
        st.catalogue.with_value(|cat| {
            CATEGORIES
                .iter()
                .filter(|c| cat.iter().any(|p| p.input.category == **c))
                .map(|c| {
                    let items: Vec<_> = cat.iter().filter(|p| p.input.category == *c).map(|p| (p.id, p.input.name.clone())).collect();
                    view! {
                        <optgroup label=*c>
                            {items.into_iter().map(|(id, name)| view! {
                                <option value=id selected=move || line.product_id.get() == id>{name}</option>
                            }).collect_view()}
                        </optgroup>
                    }
                })
                .collect_view()
        })
    };

    let option_selects = move || {
        product.get().map(|p| {
            p.input
                .groups
                .iter()
                .map(|g| {
                    let group = g.name.clone();
                    let group_for_sel = group.clone();
                    let selected = move || line.options.with(|o| o.iter().find(|c| c.group == group_for_sel).map(|c| c.choice.clone()).unwrap_or_default());
                    let choices: Vec<String> = g.choices.iter().map(|c| c.label.clone()).collect();
                    view! {
                        <label class="field field-compact">
                            <span class="field-label">{group.clone()}</span>
                            <select
                                aria-label=group.clone()
                                on:change=move |ev| {
                                    let choice = event_target_value(&ev);
                                    let group = group.clone();
                                    line.options.update(|o| {
                                        o.retain(|c| c.group != group);
                                        o.push(ChosenOption { group, choice });
                                    });
                                }
                            >
                                {choices.into_iter().map(|c| {
                                    let sel = selected.clone();
                                    let c2 = c.clone();
                                    let text = c.clone();
                                    view! { <option value=c selected=move || sel() == c2>{text}</option> }
                                }).collect_view()}
                            </select>
                        </label>
                    }
                })
                .collect_view()
        })
    };

    view! {
        <div class="line" data-testid="order-line">
            <div class="line-top">
                <label class="field line-product" class:invalid=move || err("product_id").get().is_some()>
                    <span class="field-label">"Product"</span>
                    <select aria-label="Product" on:change=move |ev| st.set_product(line, event_target_value(&ev).parse().unwrap_or(0))>
                        <option value="0" selected=move || line.product_id.get() == 0>"Choose a product…"</option>
                        {product_select}
                    </select>
                    <small class="field-error">{move || err("product_id").get()}</small>
                </label>
                <button type="button" class="btn btn-ghost btn-small line-remove" aria-label="Remove item" on:click=move |_| st.remove_line(line.key)>
                    "✕"
                </button>
            </div>
            <div class="line-options">{option_selects}</div>
            <div class="line-numbers">
                <label class="field field-compact" class:invalid=move || err("quantity").get().is_some()>
                    <span class="field-label">{move || format!("Quantity ({})", product.get().map(|p| p.input.unit).unwrap_or_else(|| "pcs".into()))}</span>
                    <input type="number" min="1" inputmode="numeric" aria-label="Quantity"
                        prop:value=move || line.quantity.get()
                        on:input=move |ev| line.quantity.set(event_target_value(&ev))/>
                    <small class="field-error">{move || err("quantity").get().or_else(|| err("options").get())}</small>
                </label>
                <label class="field field-compact" class:invalid=move || price_err.get().or_else(|| err("unit_price").get()).is_some()>
                    <span class="field-label">"Rate"</span>
                    <input type="text" inputmode="decimal" aria-label="Rate"
                        placeholder=catalogue_price
                        prop:value=move || line.price.get()
                        on:input=move |ev| line.price.set(event_target_value(&ev))/>
                    <small class="field-error">{move || price_err.get().or_else(|| err("unit_price").get())}</small>
                </label>
                <label class="field field-compact" class:invalid=move || discount_err.get().or_else(|| err("discount").get()).is_some()>
                    <span class="field-label">"Discount"</span>
                    <input type="text" inputmode="decimal" aria-label="Discount" placeholder="0.00"
                        prop:value=move || line.discount.get()
                        on:input=move |ev| line.discount.set(event_target_value(&ev))/>
                    <small class="field-error">{move || discount_err.get().or_else(|| err("discount").get())}</small>
                </label>
                <div class="line-total">
                    <span class="field-label">"Amount"</span>
                    <strong class="num" data-testid="line-total">{move || line_total().to_string()}</strong>
                </div>
            </div>
        </div>
    }
}
