//! /whatsapp/templates: the shop's WhatsApp message templates with Meta's review status and
//! quality, the templates the app sends that the account lacks, "Sync from WhatsApp", and for
//! owners and managers the editor (`template_form`) and delete (asked twice). While a template
//! is in review the list is read again every 2 s, so its verdict shows without a reload.
use super::phone::every;
use super::tabs::WhatsAppTabs;
use super::template_form::{FormMode, TemplateForm};
use crate::api::wa_templates::{wa_template_delete, wa_template_sync, wa_templates};
use crate::components::ui::{Card, Chip, ErrorBox, Loading, PageError, PageHeader};
use crate::domain::roles::can;
use crate::domain::whatsapp::template::TemplateStatus;
use crate::dto::wa_templates::{quality_tone, status_tone, NeededTemplate, TemplateRow, TemplatesView};
use crate::error::AppError;
use crate::pages::staff::layout::CurrentUser;
use leptos::prelude::*;
use leptos::task::spawn_local;

const PATH: &str = "/whatsapp/templates";
/// How often the list is read again while a template is in review, in milliseconds.
const REFRESH_MS: u32 = 2_000;

/// Whether the signed-in user may change templates (the server checks again).
async fn may_change(user: Option<CurrentUser>) -> bool {
    match user {
        Some(u) => u.0.await.ok().flatten().is_some_and(|u| u.role.allowed(can::PLAN)),
        None => false,
    }
}

/// Brings the editor into view (on a phone it is below the list).
fn show_form() {
    if let Some(el) = document().get_element_by_id("template-form") {
        el.scroll_into_view();
    }
}

/// What the page's actions share: the list to read again, the form, the row asked about.
#[derive(Clone, Copy)]
struct Actions {
    bump: Callback<()>,
    mode: RwSignal<FormMode>,
    notice: RwSignal<Option<String>>,
    /// The row whose delete waits for "Yes, delete".
    confirming: RwSignal<Option<i32>>,
    busy: RwSignal<bool>,
    /// The row whose action was refused, and why.
    problem: RwSignal<Option<(i32, AppError)>>,
}

impl Actions {
    fn edit(self, row: TemplateRow) {
        self.notice.set(None);
        self.mode.set(FormMode::Edit(row));
        show_form();
    }

    fn start(self, n: NeededTemplate) {
        self.notice.set(None);
        self.mode.set(FormMode::New { name: n.name, language: n.language });
        show_form();
    }

    fn delete(self, id: i32, label: String) {
        self.busy.set(true);
        self.problem.set(None);
        spawn_local(async move {
            let r = wa_template_delete(id).await;
            self.busy.try_set(false);
            self.confirming.try_set(None);
            match r {
                Ok(()) => {
                    self.notice.try_set(Some(format!("{label} was deleted on WhatsApp.")));
                    if matches!(self.mode.try_get_untracked(), Some(FormMode::Edit(r)) if r.id == id) {
                        self.mode.try_set(FormMode::blank());
                    }
                }
                Err(e) => {
                    self.problem.try_set(Some((id, e)));
                }
            }
            self.bump.run(());
        });
    }
}

#[component]
pub fn TemplatesPage() -> impl IntoView {
    let tick = RwSignal::new(0u32);
    let bump = Callback::new(move |_: ()| {
        tick.try_update(|t| *t = t.wrapping_add(1));
    });
    let list = Resource::new(move || tick.get(), |_| wa_templates());
    let user = use_context::<CurrentUser>();
    // Only a template in review changes by itself; otherwise the timer does nothing.
    let live = RwSignal::new(false);
    Effect::new(move |_| {
        let pending = matches!(list.get(), Some(Ok(v)) if v.rows.iter().any(|r| r.spec.status == TemplateStatus::Pending));
        live.set(pending);
    });
    every(
        REFRESH_MS,
        Callback::new(move |_: ()| {
            if live.try_get_untracked() == Some(true) {
                bump.run(());
            }
        }),
    );
    let acts = Actions {
        bump,
        mode: RwSignal::new(FormMode::blank()),
        notice: RwSignal::new(None),
        confirming: RwSignal::new(None),
        busy: RwSignal::new(false),
        problem: RwSignal::new(None),
    };
    let on_done = Callback::new(move |text: String| {
        acts.notice.set(Some(text));
        acts.mode.set(FormMode::blank());
        bump.run(());
    });
    let on_cancel = Callback::new(move |_: ()| acts.mode.set(FormMode::blank()));
    view! {
        <WhatsAppTabs current=PATH/>
        <PageHeader title="WhatsApp templates"/>
        <p class="wa-intro">
            "Messages to customers who have not written in the last 24 hours must use a template Meta approved. "
            "New and edited templates are reviewed by Meta; their status and quality (how customers react) come back here."
        </p>
        {move || acts.notice.get().map(|n| view! { <div class="alert alert-ok" role="status" data-testid="template-notice">{n}</div> })}
        <Card title="Templates" class="wa-tpl-card">
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    let can_edit = may_change(user).await;
                    match list.await {
                        Err(e) => view! { <PageError err=e/> }.into_any(),
                        Ok(data) => view! { <SyncBar can_edit bump notice=acts.notice/> <TemplatesList data can_edit acts/> }.into_any(),
                    }
                })}
            </Transition>
        </Card>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                if !may_change(user).await {
                    return view! { <p class="hint">"Only owners and managers create and change templates."</p> }.into_any();
                }
                view! {
                    <Card title="Template editor" class="wa-tpl-editor">
                        {move || {
                            let mode = acts.mode.get();
                            let title = match &mode {
                                FormMode::Edit(r) => format!("Edit {} ({})", r.spec.name, r.spec.language),
                                FormMode::New { .. } => "New template".to_string(),
                            };
                            view! {
                                <h3 class="wa-tpl-form-title">{title}</h3>
                                <TemplateForm mode on_done on_cancel/>
                            }
                        }}
                    </Card>
                }
                .into_any()
            })}
        </Transition>
    }
}

/// "Sync from WhatsApp" and what it found.
#[component]
fn SyncBar(can_edit: bool, bump: Callback<()>, notice: RwSignal<Option<String>>) -> impl IntoView {
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<AppError>);
    let sync = move |_| {
        busy.set(true);
        error.set(None);
        notice.set(None);
        spawn_local(async move {
            let r = wa_template_sync().await;
            busy.try_set(false);
            match r {
                Ok(report) => {
                    notice.try_set(Some(report.summary()));
                    bump.run(());
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };
    can_edit.then(|| {
        view! {
            <div class="wa-tpl-sync">
                <button type="button" class="btn" disabled=move || busy.get() on:click=sync>
                    {move || if busy.get() { "Syncing…" } else { "Sync from WhatsApp" }}
                </button>
                <span class="hint">"Reads every template, its status and quality from the WhatsApp account."</span>
            </div>
            {move || error.get().map(|e| view! { <ErrorBox err=e/> })}
        }
    })
}

#[component]
fn TemplatesList(data: TemplatesView, can_edit: bool, acts: Actions) -> impl IntoView {
    let TemplatesView { rows, missing } = data;
    let empty = rows.is_empty();
    view! {
        {(!missing.is_empty()).then(|| view! { <Missing missing can_edit acts/> })}
        {if empty {
            view! { <p class="empty">"No templates yet. Sync from WhatsApp to read the ones on the account, or create one below."</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="table wa-tpl-table" data-testid="templates">
                        <thead><tr>
                            <th>"Template"</th><th>"Language"</th><th>"Category"</th><th>"Status"</th><th>"Quality"</th>
                            <th>"Updated"</th>{can_edit.then(|| view! { <th><span class="sr-only">"Actions"</span></th> })}
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|r| view! { <Row r can_edit acts/> }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any()
        }}
    }
}

/// Templates the app sends that the account does not have: those messages would fail.
#[component]
fn Missing(missing: Vec<NeededTemplate>, can_edit: bool, acts: Actions) -> impl IntoView {
    view! {
        <div class="wa-tpl-missing" data-testid="missing-templates">
            <p><strong>"Not on the WhatsApp account"</strong>" — PressDesk sends these, and those messages fail until they exist and are approved:"</p>
            <ul>
                {missing.into_iter().map(|n| {
                    let text = format!("{} ({}) — {}", n.name, n.language, n.purpose);
                    let label = format!("Create {}", n.name);
                    view! {
                        <li>
                            <span>{text}</span>
                            {can_edit.then(|| view! {
                                <button type="button" class="btn btn-small btn-ghost" aria-label=label on:click=move |_| acts.start(n.clone())>"Create it"</button>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}

#[component]
fn Row(r: TemplateRow, can_edit: bool, acts: Actions) -> impl IntoView {
    let id = r.id;
    let t = &r.spec;
    let label = format!("{} ({})", t.name, t.language);
    let editable = r.editable();
    let used_by = r.used_by.join("; ");
    let warning = if used_by.is_empty() { String::new() } else { format!(" PressDesk uses it for: {used_by}; those messages will fail.") };
    let status_note = match t.status {
        TemplateStatus::Pending => Some("Meta is reviewing it".to_string()),
        _ if !r.rejected_reason.is_empty() => Some(format!("Reason: {}", r.rejected_reason)),
        _ => None,
    };
    let (name, language, status, quality) = (t.name.clone(), t.language.clone(), t.status, t.quality);
    let row = r.clone();
    view! {
        <tr data-testid="template-row" data-name=name.clone() data-language=language.clone()>
            <td class="wa-tpl-name">
                <strong>{name.clone()}</strong>
                {(!used_by.is_empty()).then(|| view! { <br/><span class="small">{format!("Used for: {used_by}")}</span> })}
                {(!r.unsupported.is_empty()).then(|| view! { <br/><span class="small">{format!("Edit in WhatsApp Manager: {}", r.unsupported)}</span> })}
            </td>
            <td>{language.clone()}</td>
            <td>{t.category.label()}</td>
            <td data-testid="template-status">
                <Chip tone=status_tone(status) label=status.label()/>
                {status_note.map(|n| view! { <br/><span class="small">{n}</span> })}
            </td>
            <td data-testid="template-quality"><Chip tone=quality_tone(quality) label=quality.label()/></td>
            <td class="nowrap">{r.updated.clone()}</td>
            {can_edit.then(|| view! {
                <td class="wa-tpl-actions">
                    <Show when=move || acts.confirming.get() == Some(id) fallback=move || {
                        let row = row.clone();
                        view! {
                            {editable.then(|| view! {
                                <button type="button" class="btn btn-small" aria-label=format!("Edit {}", row.spec.name)
                                    on:click={ let row = row.clone(); move |_| acts.edit(row.clone()) }>"Edit"</button>
                            })}
                            <button type="button" class="btn btn-small btn-danger" aria-label=format!("Delete {}", row.spec.name)
                                on:click=move |_| { acts.problem.set(None); acts.confirming.set(Some(id)) }>"Delete"</button>
                        }
                    }>
                        <div class="wa-tpl-confirm" role="group" aria-label="Confirm delete" data-testid="delete-confirm">
                            <p>{format!("Delete {label} on WhatsApp? This cannot be undone.{warning}")}</p>
                            <button type="button" class="btn btn-small btn-danger" disabled=move || acts.busy.get()
                                on:click={ let label = label.clone(); move |_| acts.delete(id, label.clone()) }>"Yes, delete"</button>
                            <button type="button" class="btn btn-small" on:click=move |_| acts.confirming.set(None)>"Keep it"</button>
                        </div>
                    </Show>
                    {move || acts.problem.get().filter(|(p, _)| *p == id).map(|(_, e)| view! {
                        <p class="field-error wa-refused" role="alert" data-testid="template-error">{e.to_string()}</p>
                    })}
                </td>
            })}
        </tr>
    }
}
