//! Approval chains per product: which approvals a proof needs before printing (for example
//! no customer approval for internal reprints, no manager review for simple jobs).
use crate::api::quality::{load_approval_chains, SaveApprovalChain};
use crate::components::ui::{action_error, Card, ErrorBox, Loading, PageHeader, PageError};
use crate::domain::quality::chain_presets;
use leptos::prelude::*;

#[component]
pub fn ChainsPage() -> impl IntoView {
    let save = ServerAction::<SaveApprovalChain>::new();
    let rows = Resource::new(move || save.version().get(), |_| load_approval_chains());
    let presets: Vec<(String, String)> = chain_presets().into_iter().map(|(c, l, _)| (c.to_string(), l.to_string())).collect();
    let presets = StoredValue::new(presets);
    let error = action_error(save.value());
    view! {
        <PageHeader title="Approval chains">
            <a class="btn" href="/quality">"Quality"</a>
        </PageHeader>
        <p class="muted">"A new proof follows its product's chain. Proofs already uploaded keep the chain they started with."</p>
        {move || error.get().map(|e| view! { <ErrorBox err=e/> })}
        {move || matches!(save.value().get(), Some(Ok(()))).then(|| view! { <div class="alert alert-ok" role="status" data-testid="chain-saved">"Approval chain saved."</div> })}
        <Card title="Products">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match rows.await {
                        Err(e) => view! { <PageError err=e/> }.into_any(),
                        Ok(list) => view! {
                            <table class="table">
                                <thead><tr><th>"Product"</th><th>"Steps now"</th><th>"Chain"</th></tr></thead>
                                <tbody>
                                    {list.into_iter().map(|r| view! {
                                        <tr data-testid="chain-row">
                                            <td>{r.product.clone()}</td>
                                            <td class="muted small">{r.steps.join(" → ")}</td>
                                            <td>
                                                <ActionForm action=save attr:class="inline-form">
                                                    <input type="hidden" name="product_id" value=r.product_id.to_string()/>
                                                    <select name="preset" aria-label=format!("Approval chain for {}", r.product)>
                                                        {presets.get_value().into_iter().map(|(c, l)| {
                                                            let sel = c == r.preset;
                                                            view! { <option value=c selected=sel>{l}</option> }
                                                        }).collect_view()}
                                                    </select>
                                                    " "
                                                    <button type="submit" class="btn btn-small">"Save"</button>
                                                </ActionForm>
                                            </td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </Card>
    }
}
