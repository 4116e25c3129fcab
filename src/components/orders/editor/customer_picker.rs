//! Customer search for the order editor: type a name, company or phone, pick a result.
use crate::api::customers::customer_options;
use crate::dto::customers::CustomerOption;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn CustomerPicker(
    selected: RwSignal<Option<CustomerOption>>,
    #[prop(into)] error: Signal<Option<String>>,
    /// How the chosen customer is taxed (their state against the shop's).
    #[prop(into)]
    tax_note: Signal<&'static str>,
) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let results: RwSignal<Vec<CustomerOption>> = RwSignal::new(Vec::new());
    let searching = RwSignal::new(false);
    // Each keystroke bumps the ticket; only the newest search may write results.
    let ticket = StoredValue::new(0u64);
    let search = move |q: String| {
        query.set(q.clone());
        let my = ticket.get_value() + 1;
        ticket.set_value(my);
        spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(200).await;
            if ticket.get_value() != my {
                return;
            }
            searching.set(true);
            let found = customer_options(q).await.unwrap_or_default();
            if ticket.get_value() == my {
                results.set(found);
            }
            searching.set(false);
        });
    };
    view! {
        <div class="picker" class:invalid=move || error.get().is_some()>
            {move || match selected.get() {
                Some(c) => view! {
                    <div class="picker-selected" data-testid="selected-customer">
                        <span>{c.label.clone()}</span>
                        <button type="button" class="btn btn-ghost btn-small" on:click=move |_| selected.set(None)>"Change"</button>
                    </div>
                    <dl class="facts picker-facts" data-testid="customer-defaults">
                        {(!c.billing_address.is_empty()).then(|| view! { <dt>"Bill to"</dt><dd class="pre">{c.billing_address.clone()}</dd> })}
                        {(!c.shipping_address.is_empty()).then(|| view! { <dt>"Ship to"</dt><dd class="pre">{c.shipping_address.clone()}</dd> })}
                        <dt>"Tax"</dt>
                        <dd>{crate::domain::india::state_name(&c.state_code).map(|n| format!("{n} ({}) · ", c.state_code)).unwrap_or_default()}{move || tax_note.get()}</dd>
                    </dl>
                }.into_any(),
                None => view! {
                    <input
                        type="search"
                        class="picker-input"
                        aria-label="Search customers"
                        placeholder="Search by name, company or phone…"
                        prop:value=move || query.get()
                        on:input=move |ev| search(event_target_value(&ev))
                        on:focus=move |_| if results.get_untracked().is_empty() { search(query.get_untracked()) }
                    />
                    <ul class="picker-results" role="listbox">
                        {move || results.get().into_iter().map(|c| {
                            let label = c.label.clone();
                            view! {
                                <li>
                                    <button type="button" role="option" class="picker-option" on:click=move |_| selected.set(Some(c.clone()))>
                                        {label}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    {move || searching.get().then(|| view! { <p class="muted small">"Searching…"</p> })}
                    <p class="muted small">"New customer? " <a href="/customers/new">"Add a customer"</a></p>
                }.into_any(),
            }}
            <small class="field-error">{move || error.get()}</small>
        </div>
    }
}
