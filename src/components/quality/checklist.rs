//! One checklist: pass / fail / not applicable per item with a note. A failure needs a
//! reason and the stage to redo; saving it sends the job back there. Any item may carry a
//! photo (uploaded at once, saved with the checklist). Used by the checklist page and by the
//! board, where a move refused for an open checklist offers it in a dialog.
use crate::api::quality::save_checklist;
use crate::components::ui::upload::post_file;
use crate::components::ui::ErrorBox;
use crate::domain::quality::{CheckResult, CheckpointStatus, ItemResult, REASONS};
use crate::dto::quality::ChecklistForm;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn ChecklistEditor(
    form: ChecklistForm,
    /// Told the checklist's status after each save.
    #[prop(optional)]
    on_saved: Option<Callback<CheckpointStatus>>,
) -> impl IntoView {
    let items: Vec<RwSignal<ItemResult>> = form.items.iter().cloned().map(RwSignal::new).collect();
    let items = StoredValue::new(items);
    let back_to = RwSignal::new(form.back_to.last().map(|(id, _)| id.to_string()).unwrap_or_default());
    let reason = RwSignal::new(String::new());
    let error: RwSignal<Option<AppError>> = RwSignal::new(None);
    let saved: RwSignal<Option<String>> = RwSignal::new(None);
    let any_fail = Memo::new(move |_| items.with_value(|v| v.iter().any(|i| i.get().result == CheckResult::Fail)));
    let (job, stage) = (form.job_id, form.stage_id);
    let save = move |_| {
        let results: Vec<ItemResult> = items.with_value(|v| v.iter().map(|i| i.get_untracked()).collect());
        let rework = if any_fail.get_untracked() { back_to.get_untracked().parse::<i32>().ok().map(|s| (s, reason.get_untracked())) } else { None };
        spawn_local(async move {
            match save_checklist(job, stage, results, rework).await {
                Ok(status) => {
                    error.set(None);
                    let parsed = CheckpointStatus::parse(&status);
                    saved.set(Some(status));
                    // Last: the caller may close the dialog this editor lives in.
                    if let (Some(cb), Some(s)) = (on_saved, parsed) {
                        cb.run(s);
                    }
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section class="card checklist">
            <p class="muted">{format!("Stage: {}", form.stage)}{(!form.completed_by.is_empty()).then(|| format!(" · last saved by {}", form.completed_by))}</p>
            <ol class="check-items">
                {items.get_value().into_iter().enumerate().map(|(i, item)| {
                    let label = item.get_untracked().label;
                    let required = item.get_untracked().required;
                    view! {
                        <li class="check-item" data-testid="check-item">
                            <div class="check-label">{label.clone()}{required.then(|| view! { <span class="req" title="Required">" *"</span> })}</div>
                            <div class="segmented" role="radiogroup" aria-label=label.clone()>
                                {[CheckResult::Pass, CheckResult::Fail, CheckResult::NotApplicable].into_iter().map(|r| view! {
                                    <label class="seg" class:on=move || item.get().result == r>
                                        <input type="radio" name=format!("item{i}") value=r.as_str() prop:checked=move || item.get().result == r
                                            on:change=move |_| item.update(|x| x.result = r)/>
                                        {r.label()}
                                    </label>
                                }).collect_view()}
                            </div>
                            <input type="text" class="check-note" placeholder="Note" aria-label=format!("Note for {label}")
                                prop:value=move || item.get().note on:input=move |ev| { let v = event_target_value(&ev); item.update(|x| x.note = v); }/>
                            <PhotoField item=item label=label.clone()/>
                        </li>
                    }
                }).collect_view()}
            </ol>
            <Show when=move || any_fail.get()>
                <div class="rework form-grid">
                    <label class="field">
                        <span class="field-label">"Send back to"</span>
                        <select aria-label="Send back to" on:change=move |ev| back_to.set(event_target_value(&ev))>
                            {form.back_to.iter().map(|(id, n)| { let v = id.to_string(); let v2 = v.clone(); view! { <option value=v selected=move || back_to.get() == v2>{n.clone()}</option> } }).collect_view()}
                        </select>
                    </label>
                    <label class="field">
                        <span class="field-label">"Reason"</span>
                        <select aria-label="Reason" on:change=move |ev| reason.set(event_target_value(&ev))>
                            <option value="">"Choose…"</option>
                            {REASONS.iter().map(|(c, l)| view! { <option value=*c>{*l}</option> }).collect_view()}
                        </select>
                        <small class="field-error">{move || error.get().and_then(|e| e.field_message("reason"))}</small>
                    </label>
                </div>
            </Show>
            {move || error.get().and_then(|e| e.field_message("items")).map(|m| view! { <div class="alert alert-error">{m}</div> })}
            {move || error.get().filter(|e| e.fields().is_none()).map(|e| view! { <ErrorBox err=e/> })}
            {move || saved.get().map(|s| view! { <div class="alert alert-ok" role="status" data-testid="checklist-saved">{format!("Checklist saved: {s}")}</div> })}
            <button type="button" class="btn btn-primary" on:click=save>"Save checklist"</button>
        </section>
    }
}

/// An item's optional photo: chosen (or taken with the phone camera), uploaded at once, and
/// kept on the item as its file hash until the checklist is saved.
#[component]
fn PhotoField(item: RwSignal<ItemResult>, label: String) -> impl IntoView {
    let busy = RwSignal::new(false);
    let err: RwSignal<Option<String>> = RwSignal::new(None);
    let input = NodeRef::<leptos::html::Input>::new();
    let on_change = move |_| {
        let Some(el) = input.get_untracked() else { return };
        busy.set(true);
        spawn_local(async move {
            match post_file("/quality/photos", &el).await {
                Ok(hash) => {
                    item.update(|x| x.photo = Some(hash));
                    err.set(None);
                }
                Err(m) => err.set(Some(m)),
            }
            busy.set(false);
        });
    };
    let alt = format!("Photo: {label}");
    view! {
        <div class="check-photo">
            {move || item.get().photo.map(|h| view! {
                <a href=format!("/quality/photos/{h}") target="_blank" data-testid="check-photo">
                    <img class="check-thumb" src=format!("/quality/photos/{h}") alt=alt.clone() width="64" height="64"/>
                </a>
            })}
            <label class="btn btn-small">
                {move || if busy.get() { "Uploading…" } else if item.get().photo.is_some() { "Replace photo" } else { "Add photo" }}
                <input type="file" class="sr-only" accept="image/png,image/jpeg" capture="environment"
                    aria-label=format!("Photo for {label}") node_ref=input on:change=on_change/>
            </label>
            {move || err.get().map(|m| view! { <small class="field-error" role="alert" data-testid="photo-error">{m}</small> })}
        </div>
    }
}
