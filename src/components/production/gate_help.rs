//! What a move refused for an open checklist offers: the checklist itself, in a dialog over
//! the board (or on its own page), and once it has passed, the same move again in one tap.
use crate::api::quality::load_checklist_form;
use crate::components::quality::ChecklistEditor;
use crate::components::ui::{Loading, PageError};
use crate::domain::quality::CheckpointStatus;
use leptos::prelude::*;

#[component]
pub fn GateHelp(
    /// The checklist the gate waits for: (job id, stage id).
    checklist: (i32, i32),
    /// Sends the refused move again.
    retry: Callback<()>,
) -> impl IntoView {
    let (job, stage) = checklist;
    let open = RwSignal::new(false);
    let passed = RwSignal::new(false);
    let form = Resource::new(move || open.get(), move |show| async move {
        if show { load_checklist_form(job, stage).await.map(Some) } else { Ok(None) }
    });
    let on_saved = Callback::new(move |s: CheckpointStatus| {
        if s == CheckpointStatus::Passed {
            passed.set(true);
            open.set(false);
        }
    });
    view! {
        <div class="gate-help" data-testid="gate-help">
            {move || if passed.get() {
                view! {
                    <span class="muted small">"Checklist passed."</span>
                    <button type="button" class="btn btn-primary btn-small" on:click=move |_| retry.run(())>"Retry the move"</button>
                }.into_any()
            } else {
                view! {
                    <button type="button" class="btn btn-small" aria-haspopup="dialog" on:click=move |_| open.set(true)>"Open the checklist"</button>
                    <a class="small" href=format!("/quality/check/{job}/{stage}")>"on its own page"</a>
                }.into_any()
            }}
        </div>
        <Show when=move || open.get()>
            <div class="dialog-backdrop" on:click=move |_| open.set(false)></div>
            <div class="dialog" role="dialog" aria-modal="true" aria-label="Checklist">
                <div class="dialog-head">
                    <Transition fallback=|| ()>
                        {move || Suspend::new(async move {
                            form.await.ok().flatten().map(|f| view! { <h2 class="card-title">{f.title}</h2> })
                        })}
                    </Transition>
                    <button type="button" class="btn btn-ghost btn-small" aria-label="Close the checklist" on:click=move |_| open.set(false)>"✕"</button>
                </div>
                <Transition fallback=Loading>
                    {move || Suspend::new(async move {
                        match form.await {
                            Err(e) => view! { <PageError err=e/> }.into_any(),
                            Ok(None) => ().into_any(),
                            Ok(Some(f)) => view! { <ChecklistEditor form=f on_saved/> }.into_any(),
                        }
                    })}
                </Transition>
            </div>
        </Show>
    }
}
