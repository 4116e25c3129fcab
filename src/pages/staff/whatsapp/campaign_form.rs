//! The "New campaign" form: template, its variables (text or a customer field such as
//! `{first_name}`), the audience filters; "Preview" shows who gets it, what the first ones
//! read and what it costs before anything is saved, "Save as draft" keeps it for starting.
//! The server validates; its field errors land under the inputs they name.
use crate::api::campaigns::{campaign_create, campaign_preview};
use crate::components::ui::{ErrorBox, Field, SavedNotice};
use crate::domain::whatsapp::campaign::{Audience, CampaignInput, FIELDS};
use crate::dto::campaigns::{category_label, rupees, PreviewView, ProductChoice};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The template a new campaign starts with (approved on the account; the simulator takes it).
const DEFAULT_TEMPLATE: &str = "promo_offer";

/// "healthcare, repeat" as tags, blanks left out.
fn split_tags(s: &str) -> Vec<String> {
    s.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect()
}

#[component]
pub fn CampaignForm(products: Vec<ProductChoice>, on_saved: Callback<i32>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let template = RwSignal::new(DEFAULT_TEMPLATE.to_string());
    let language = RwSignal::new("en".to_string());
    // (key, text): the key keeps each input in place when another one is removed.
    let vars = RwSignal::new(vec![(0u32, "{first_name}".to_string())]);
    let next_key = StoredValue::new(1u32);
    let chosen = RwSignal::new(Vec::<i32>::new());
    let inactive = RwSignal::new(String::new());
    let tags = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let preview = RwSignal::new(None::<PreviewView>);
    let busy = RwSignal::new(false);
    let saved = RwSignal::new(false);

    // What is typed, as the server takes it; a day count that is not a number is refused here.
    let input = move || -> Result<CampaignInput, AppError> {
        let inactive_days = match inactive.get_untracked().trim() {
            "" => None,
            d => Some(d.parse::<u32>().map_err(|_| AppError::field("audience.inactive_days", "A whole number of days, or leave it empty"))?),
        };
        Ok(CampaignInput {
            name: name.get_untracked(),
            template: template.get_untracked().trim().to_string(),
            language: language.get_untracked().trim().to_string(),
            variables: vars.get_untracked().into_iter().map(|(_, v)| v).collect(),
            audience: Audience { products: chosen.get_untracked(), inactive_days, tags: split_tags(&tags.get_untracked()) },
            scheduled_at: String::new(),
        })
    };
    let show_preview = move |_| {
        saved.set(false);
        let input = match input() {
            Ok(i) => i,
            Err(e) => return error.set(Some(e)),
        };
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let r = campaign_preview(input).await;
            busy.try_set(false);
            match r {
                Ok(p) => {
                    preview.try_set(Some(p));
                }
                Err(e) => {
                    preview.try_set(None);
                    error.try_set(Some(e));
                }
            }
        });
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let input = match input() {
            Ok(i) => i,
            Err(e) => return error.set(Some(e)),
        };
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let r = campaign_create(input).await;
            busy.try_set(false);
            match r {
                Ok(id) => {
                    // Ready for the next one; the draft is in the list above.
                    name.try_set(String::new());
                    preview.try_set(None);
                    saved.try_set(true);
                    on_saved.run(id);
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };
    let add_var = move |_| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        vars.update(|v| v.push((key, String::new())));
    };
    let field = move |f: &'static str| Signal::derive(move || error.get().and_then(|e| e.field_message(f)));
    let audience_error = field("audience");
    view! {
        <form class="stack wa-campaign-form" on:submit=save novalidate data-testid="campaign-form">
            <div class="form-grid">
                <Field label="Name" error=field("name") hint="For you; customers do not see it">
                    <input type="text" autocomplete="off" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                </Field>
                <Field label="Template" error=field("template") hint="An approved marketing template">
                    <input type="text" autocomplete="off" value=DEFAULT_TEMPLATE on:input=move |ev| template.set(event_target_value(&ev))/>
                </Field>
                <Field label="Language" error=field("language") hint="The template's language code: en, hi, en_US">
                    <input type="text" autocomplete="off" value="en" on:input=move |ev| language.set(event_target_value(&ev))/>
                </Field>
            </div>
            <fieldset class="wa-vars">
                <legend>"Variables"</legend>
                <p class="hint">"One per template variable, in order: text, or a customer field: " {FIELDS.join(", ")}</p>
                <datalist id="wa-campaign-fields">
                    {FIELDS.iter().map(|f| view! { <option value=*f></option> }).collect_view()}
                </datalist>
                <For each=move || vars.get() key=|item: &(u32, String)| item.0 let:item>
                    <VariableInput var_id=item.0 initial=item.1 vars error/>
                </For>
                <button type="button" class="btn btn-small" on:click=add_var>"Add variable"</button>
            </fieldset>
            <fieldset class="wa-audience">
                <legend>"Audience"</legend>
                <p class="hint">"Opted-in customers matching every filter you fill in; none filled in: all of them."</p>
                <div class="form-grid">
                    <Field label="Last order older than (days)" error=field("audience.inactive_days") hint="Empty: any">
                        <input type="number" inputmode="numeric" min="1" step="1" prop:value=move || inactive.get() on:input=move |ev| inactive.set(event_target_value(&ev))/>
                    </Field>
                    <Field label="Tags" error=field("audience.tags") hint="Comma-separated; any of them, e.g. wedding, repeat">
                        <input type="text" autocomplete="off" prop:value=move || tags.get() on:input=move |ev| tags.set(event_target_value(&ev))/>
                    </Field>
                </div>
                <ProductPicker products chosen/>
                <small class="field-error" role="alert">{move || audience_error.get()}</small>
            </fieldset>
            {move || error.get().map(|e| view! { <ErrorBox err=e/> })}
            <SavedNotice show=saved text="Saved as a draft. Start it from the list when you are ready."/>
            <div class="form-actions">
                <button type="button" class="btn" disabled=move || busy.get() on:click=show_preview>"Preview"</button>
                <button type="submit" class="btn btn-primary" disabled=move || busy.get()>"Save as draft"</button>
            </div>
            {move || preview.get().map(|p| view! { <Preview p/> })}
        </form>
    }
}

/// One variable's input. Uncontrolled (typing only updates the list), so the list changing
/// never resets the text or the cursor; its number follows its place in the list.
#[component]
fn VariableInput(var_id: u32, initial: String, vars: RwSignal<Vec<(u32, String)>>, error: RwSignal<Option<AppError>>) -> impl IntoView {
    let index = Memo::new(move |_| vars.with(|v| v.iter().position(|(k, _)| *k == var_id)).unwrap_or(0));
    let message = move || error.get().and_then(|e| e.field_message(&format!("variables[{}]", index.get())));
    let set = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        vars.update(|v| {
            if let Some(slot) = v.iter_mut().find(|(k, _)| *k == var_id) {
                slot.1 = text;
            }
        });
    };
    let remove = move |_| vars.update(|v| v.retain(|(k, _)| *k != var_id));
    view! {
        <div class="wa-var" class:invalid=move || message().is_some() data-testid="campaign-variable">
            <span class="wa-var-number" aria-hidden="true">{move || format!("{{{{{}}}}}", index.get() + 1)}</span>
            <input type="text" autocomplete="off" list="wa-campaign-fields" value=initial on:input=set
                aria-label=move || format!("Variable {}", index.get() + 1)
                aria-invalid=move || if message().is_some() { "true" } else { "false" }/>
            <button type="button" class="btn btn-small btn-ghost" on:click=remove
                aria-label=move || format!("Remove variable {}", index.get() + 1)>"Remove"</button>
            <small class="field-error">{message}</small>
        </div>
    }
}

/// "Bought any of these": a box of checkboxes (a long catalogue scrolls inside it).
#[component]
fn ProductPicker(products: Vec<ProductChoice>, chosen: RwSignal<Vec<i32>>) -> impl IntoView {
    if products.is_empty() {
        return ().into_any();
    }
    view! {
        <div class="field">
            <span class="field-label" id="wa-products-label">"Bought any of these products"</span>
            <div class="wa-products" role="group" aria-labelledby="wa-products-label">
                {products.into_iter().map(|p| {
                    let id = p.id;
                    let toggle = move |ev: leptos::ev::Event| {
                        let on = event_target_checked(&ev);
                        chosen.update(|c| {
                            c.retain(|x| *x != id);
                            if on {
                                c.push(id);
                            }
                        });
                    };
                    view! {
                        <label class="check">
                            <input type="checkbox" prop:checked=move || chosen.with(|c| c.contains(&id)) on:change=toggle/>
                            <span>{p.name}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
            <small class="hint">"None ticked: any customer, whatever they bought."</small>
        </div>
    }
    .into_any()
}

/// Who would get it, the cost by Meta's category, and the first recipients' variables.
#[component]
fn Preview(p: PreviewView) -> impl IntoView {
    let none = p.count == 0;
    view! {
        <section class="wa-preview-result" data-testid="campaign-preview" aria-label="Preview">
            <p class="wa-preview-count">
                <strong data-testid="preview-count">{p.count}</strong>
                {if p.count == 1 { " recipient" } else { " recipients" }}
            </p>
            {none.then(|| view! { <p class="alert alert-error" role="alert">"No customer matches this audience: starting it would send nothing."</p> })}
            <div class="table-wrap">
                <table class="table table-compact" data-testid="preview-estimate">
                    <caption class="sr-only">"Cost estimate"</caption>
                    <thead><tr><th>"Category"</th><th class="num">"Messages"</th><th class="num">"Rate"</th><th class="num">"Cost"</th></tr></thead>
                    <tbody>
                        {p.estimate.lines.iter().map(|l| view! {
                            <tr>
                                <td>{category_label(l.category)}</td>
                                <td class="num">{l.count}</td>
                                <td class="num">{l.rate.to_string()}</td>
                                <td class="num">{rupees(l.paise)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                    <tfoot><tr>
                        <th scope="row">"Total"</th>
                        <td class="num">{p.estimate.messages}</td>
                        <td></td>
                        <td class="num" data-testid="preview-total"><strong>{rupees(p.estimate.total_paise)}</strong></td>
                    </tr></tfoot>
                </table>
            </div>
            <p class="hint">"An upper bound: Meta's rate card before GST; only delivered messages are charged."</p>
            {(!p.sample.is_empty()).then(|| view! {
                <div class="table-wrap">
                    <table class="table table-compact" data-testid="preview-sample">
                        <caption class="small-title">{format!("The first {} recipients", p.sample.len())}</caption>
                        <thead><tr><th>"Customer"</th><th>"Phone"</th><th>"Variables"</th></tr></thead>
                        <tbody>
                            {p.sample.into_iter().map(|r| view! {
                                <tr data-testid="preview-recipient">
                                    <td><a href=format!("/customers/{}", r.customer_id)>{r.name}</a></td>
                                    <td class="nowrap">{r.phone}</td>
                                    <td>{r.variables.join(" · ")}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
        </section>
    }
}
