//! /whatsapp/campaigns/:id: one campaign, what it sends to whom, its live progress (read again
//! every 2 s while it is sending; the counting also marks it done) and the report: how many of
//! the sent messages were delivered, read and answered.
use super::campaigns::{refusal, Act, PATH, REFRESH_MS};
use super::phone::every;
use super::tabs::WhatsAppTabs;
use crate::api::campaigns::campaign_progress;
use crate::components::ui::{query::route_id, Card, Chip, Loading, PageError, PageHeader, ProgressBar, Stat};
use crate::domain::whatsapp::campaign::{CampaignStatus, Progress};
use crate::dto::campaigns::{percent_label, rupees, status_tone, CampaignDetail};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn CampaignPage() -> impl IntoView {
    let id = route_id();
    let data = Resource::new(move || id.get(), campaign_progress);
    view! {
        <WhatsAppTabs current=PATH/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <PageError err=e/> }.into_any(),
                    Ok(d) => view! { <Live first=d/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The campaign, kept up to date while it sends.
#[component]
fn Live(first: CampaignDetail) -> impl IntoView {
    let id = first.row.id;
    let title = first.row.name.clone();
    let shown = RwSignal::new(first);
    // One reading at a time: a slow answer is not overtaken by the next tick.
    let reading = StoredValue::new(false);
    let refresh = Callback::new(move |_: ()| {
        if reading.try_get_value() != Some(false) {
            return;
        }
        reading.set_value(true);
        spawn_local(async move {
            if let Ok(d) = campaign_progress(id).await {
                if shown.try_with_untracked(|old| *old != d).unwrap_or(false) {
                    shown.set(d);
                }
            }
            reading.try_set_value(false);
        });
    });
    // A draft, paused or finished campaign does not change by itself: no reading then.
    every(
        REFRESH_MS,
        Callback::new(move |_: ()| {
            if shown.try_with_untracked(|d| d.row.status == CampaignStatus::Sending) == Some(true) {
                refresh.run(());
            }
        }),
    );

    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<AppError>);
    let act = move |what: Act| {
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let r = what.run(id).await;
            busy.try_set(false);
            if let Err(e) = r {
                problem.try_set(Some(e));
            }
            refresh.run(());
        });
    };
    let row = move || shown.with(|d| d.row.clone());
    let percent = Signal::derive(move || shown.with(|d| d.row.percent()));
    view! {
        <PageHeader title=title>
            {move || Act::for_row(&row()).into_iter().map(|a| view! {
                <button type="button" class="btn" class:btn-primary={a == Act::Start}
                    disabled=move || busy.get() on:click=move |_| act(a)>{a.label()}</button>
            }).collect_view()}
            <a class="btn btn-ghost" href=PATH>"All campaigns"</a>
        </PageHeader>
        {move || problem.get().map(|e| view! { <div class="alert alert-error" role="alert" data-testid="campaign-error">{refusal(&e)}</div> })}
        <div class="order-summary">
            <span data-testid="campaign-status">{move || { let s = row().status; view! { <Chip tone=status_tone(s) label=s.label()/> } }}</span>
            <span>{move || format!("Created {}", row().created)}</span>
            {move || row().started.map(|t| view! { <span>{format!("Started {t}")}</span> })}
            {move || row().finished.map(|t| view! { <span>{format!("Finished {t}")}</span> })}
        </div>
        <Card title="Progress" class="wa-campaign-live">
            <div data-testid="campaign-progress">
                <ProgressBar percent label="Sending progress" tone="ok"/>
            </div>
            {move || match row().progress {
                None => view! { <p class="empty">"Not started yet: nothing has been sent."</p> }.into_any(),
                Some(p) => view! { <Counts p/> <Report p/> }.into_any(),
            }}
        </Card>
        <Card title="Message and audience">
            {move || shown.with(|d| view! { <Facts d=d.clone()/> })}
        </Card>
    }
}

/// Recipients per state.
#[component]
fn Counts(p: Progress) -> impl IntoView {
    let tile = |label: &'static str, n: u64, tone: &'static str| view! { <Stat label value=n.to_string() tone/> };
    view! {
        <p class="wa-campaign-done">{format!("{} of {} recipients done", p.done(), p.total)}</p>
        <div class="stats" data-testid="campaign-counts">
            {tile("Queued", p.queued, "")}
            {tile("Sent", p.sent, "")}
            {tile("Delivered", p.delivered, "")}
            {tile("Read", p.read, "")}
            {tile("Failed", p.failed, if p.failed > 0 { "danger" } else { "" })}
            {tile("Replied", p.replied, "")}
        </div>
    }
}

/// Of the messages that went out: delivered (read ones included), read, answered.
#[component]
fn Report(p: Progress) -> impl IntoView {
    let (delivered, read, replied) = p.rates();
    view! {
        <h3 class="small-title">"Report"</h3>
        <div class="stats" data-testid="campaign-report">
            <Stat label="Delivered rate" value=percent_label(delivered)/>
            <Stat label="Read rate" value=percent_label(read)/>
            <Stat label="Reply rate" value=percent_label(replied)/>
        </div>
    }
}

#[component]
fn Facts(d: CampaignDetail) -> impl IntoView {
    let vars = if d.variables.is_empty() { "None".to_string() } else { d.variables.join(" · ") };
    let estimate = if d.row.progress.is_some() { rupees(u64::try_from(d.row.estimate_paise).unwrap_or(0)) } else { "Worked out when it starts".into() };
    view! {
        <dl class="facts">
            <dt>"Template"</dt><dd>{format!("{} ({})", d.row.template, d.row.language)}</dd>
            <dt>"Variables"</dt><dd>{vars}</dd>
            <dt>"Audience"</dt><dd>{d.audience_label}</dd>
            <dt>"Recipients"</dt><dd>{if d.row.progress.is_some() { d.row.recipients.to_string() } else { "—".into() }}</dd>
            <dt>"Estimated cost"</dt><dd>{estimate}</dd>
        </dl>
    }
}
