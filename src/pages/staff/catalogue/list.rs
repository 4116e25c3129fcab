use crate::api::products::{list_products, product_ratings};
use crate::components::ui::{Chip, Loading, PageHeader, PageError, Stars};
use crate::domain::tax::rate_label;
use crate::dto::ratings::ProductRating;
use leptos::prelude::*;
use std::collections::HashMap;

#[component]
pub fn CataloguePage() -> impl IntoView {
    let data = Resource::new(|| (), |_| list_products(false));
    let ratings = Resource::new(|| (), |_| product_ratings());
    view! {
        <PageHeader title="Catalogue">
            <a class="btn btn-primary" href="/catalogue/new">"+ New product"</a>
        </PageHeader>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                // Without ratings the catalogue is still the catalogue: show "—" rather than fail.
                let rated: HashMap<i32, ProductRating> = ratings.await.unwrap_or_default().into_iter().map(|r| (r.product_id, r)).collect();
                match data.await {
                    Err(e) => view! { <PageError err=e/> }.into_any(),
                    Ok(items) => view! {
                        <div class="table-wrap">
                            <table class="table">
                                <thead><tr><th>"SKU"</th><th>"Product"</th><th>"Category"</th><th class="num">"From"</th><th>"Min. qty"</th><th>"Options"</th><th>"HSN/SAC"</th><th>"GST"</th><th class="num">"Rating"</th><th></th></tr></thead>
                                <tbody>
                                    {items.iter().map(|p| {
                                        let i = &p.input;
                                        let from = i.tiers.iter().map(|t| t.unit_price).min().unwrap_or(i.base_price);
                                        let rating = match rated.get(&p.id) {
                                            Some(r) => view! { <Stars stars=r.average compact=true/>" "<span class="muted">{format!("({})", r.count)}</span> }.into_any(),
                                            None => "—".into_any(),
                                        };
                                        view! {
                                            <tr class:row-muted=!i.active>
                                                <td><code>{i.sku.clone()}</code></td>
                                                <td><a href=format!("/catalogue/{}", p.id)>{i.name.clone()}</a></td>
                                                <td>{i.category.clone()}</td>
                                                <td class="num">{format!("{} / {}", from, i.unit)}</td>
                                                <td>{i.min_qty}</td>
                                                <td>{i.groups.iter().map(|g| g.name.clone()).collect::<Vec<_>>().join(", ")}</td>
                                                <td>{i.hsn_sac.clone()}</td>
                                                <td>{rate_label(i.tax_rate_bp)}</td>
                                                <td class="num" data-testid="product-rating">{rating}</td>
                                                <td>{(!i.active).then(|| view! { <Chip tone="muted" label="Inactive"/> })}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
