//! Two proof versions side by side, with their pins.
use crate::api::quality::load_order_quality;
use crate::components::quality::{PinnedImage, ProofStatusChip};
use crate::components::ui::{query::query_param, query::route_id, Loading, PageHeader, PageError};
use leptos::prelude::*;

#[component]
pub fn ComparePage() -> impl IntoView {
    let order = route_id();
    let (a, b) = (query_param("a"), query_param("b"));
    let data = Resource::new(move || order.get(), load_order_quality);
    view! {
        <PageHeader title="Compare proof versions"/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <PageError err=e/> }.into_any(),
                    Ok(q) => {
                        let all: Vec<_> = q.lines.into_iter().flat_map(|l| l.versions).collect();
                        let pick = |id: String| all.iter().find(|p| p.id.to_string() == id).cloned();
                        let (pa, pb) = (pick(a.get_untracked()), pick(b.get_untracked()));
                        view! {
                            <div class="compare">
                                {[pa, pb].into_iter().map(|p| match p {
                                    None => view! { <div class="card">"Version not found."</div> }.into_any(),
                                    Some(p) => view! {
                                        <section class="card">
                                            <h2 class="card-title">{format!("Version {} ", p.version)}<ProofStatusChip status=p.status/></h2>
                                            <PinnedImage src=format!("/proofs/{}/preview", p.id) alt=format!("Version {}", p.version) pins=Signal::stored(p.comments.clone())/>
                                            <p class="muted small">{format!("{} · {}", p.created_at, p.uploaded_by)}</p>
                                            {(!p.change_notes.is_empty()).then(|| view! { <p>{p.change_notes.clone()}</p> })}
                                        </section>
                                    }.into_any(),
                                }).collect_view()}
                            </div>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
