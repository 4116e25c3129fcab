//! Production stages: names, what customers see, WIP limits and order.
use super::ProductionTabs;
use crate::api::production::{list_stages, save_stage};
use crate::components::ui::{Loading, PageHeader, PageError};
use crate::dto::production::StageInfo;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn StagesPage() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let data = Resource::new(move || version.get(), |_| list_stages());
    let refresh = Callback::new(move |_| version.update(|v| *v += 1));
    view! {
        <PageHeader title="Production stages"/>
        <ProductionTabs/>
        <p class="muted">"Columns of the board, in order. A WIP limit marks a column that holds too many jobs."</p>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <PageError err=e/> }.into_any(),
                    Ok(list) => view! {
                        <div class="table-wrap">
                            <table class="table stage-table">
                                <thead><tr><th>"Code"</th><th>"Name"</th><th>"Customer sees"</th><th>"WIP limit"</th><th>"Position"</th><th></th></tr></thead>
                                <tbody>
                                    {list.into_iter().map(|s| view! { <StageRow stage=Some(s) refresh/> }).collect_view()}
                                    <StageRow stage=None refresh/>
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn StageRow(stage: Option<StageInfo>, refresh: Callback<()>) -> impl IntoView {
    let id = stage.as_ref().map(|s| s.id);
    let code = RwSignal::new(stage.as_ref().map(|s| s.code.clone()).unwrap_or_default());
    let name = RwSignal::new(stage.as_ref().map(|s| s.name.clone()).unwrap_or_default());
    let label = RwSignal::new(stage.as_ref().map(|s| s.customer_label.clone()).unwrap_or_default());
    let wip = RwSignal::new(stage.as_ref().and_then(|s| s.wip_limit).map(|w| w.to_string()).unwrap_or_default());
    let pos = RwSignal::new(stage.as_ref().map(|s| s.position.to_string()).unwrap_or_else(|| "50".into()));
    let error: RwSignal<Option<AppError>> = RwSignal::new(None);
    let done = RwSignal::new(false);
    let save = move |_| {
        let position = pos.get_untracked().trim().parse().unwrap_or(-1);
        let (c, n, l, w) = (code.get_untracked(), name.get_untracked(), label.get_untracked(), wip.get_untracked());
        spawn_local(async move {
            match save_stage(id, c, n, l, w, position).await {
                Ok(_) => {
                    error.set(None);
                    done.set(true);
                    refresh.run(());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let stage_name = stage.as_ref().map(|s| s.name.clone()).unwrap_or_else(|| "new stage".into());
    let input = move |sig: RwSignal<String>, label: String, width: &'static str| {
        view! { <input type="text" class=width aria-label=label prop:value=move || sig.get() on:input=move |ev| sig.set(event_target_value(&ev))/> }
    };
    view! {
        <tr>
            <td>{if id.is_some() { view! { <code>{code.get_untracked()}</code> }.into_any() } else { input(code, "New stage code".into(), "w-small").into_any() }}</td>
            <td>{input(name, format!("Name of {stage_name}"), "")}</td>
            <td>{input(label, format!("Customer label of {stage_name}"), "")}</td>
            <td>{input(wip, format!("WIP limit of {stage_name}"), "w-small")}</td>
            <td>{input(pos, format!("Position of {stage_name}"), "w-small")}</td>
            <td>
                <button type="button" class="btn btn-small" on:click=save>{if id.is_some() { "Save" } else { "Add" }}</button>
                {move || done.get().then(|| view! { <span class="muted">" Saved"</span> })}
                {move || error.get().map(|e| view! {
                    <div class="field-error">{e.fields().map(|f| f.0.iter().map(|x| x.message.clone()).collect::<Vec<_>>().join("; ")).unwrap_or_else(|| e.to_string())}</div>
                })}
            </td>
        </tr>
    }
}
