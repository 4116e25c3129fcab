//! /whatsapp/campaigns (owners and managers): the shop's bulk WhatsApp campaigns with their
//! progress, Start / Pause / Resume, and the form for a new one. While a campaign is sending the
//! list is read again every 2 s, so the bars move without a reload; one campaign's own page is
//! `campaign_detail`.
use super::campaign_form::CampaignForm;
use super::phone::every;
use super::tabs::WhatsAppTabs;
use crate::api::campaigns::{campaign_list, campaign_pause, campaign_products, campaign_resume, campaign_start};
use crate::components::ui::{Card, Chip, ErrorBox, Loading, PageError, PageHeader, ProgressBar};
use crate::domain::whatsapp::campaign::CampaignStatus;
use crate::dto::campaigns::{status_tone, CampaignRow};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::task::spawn_local;

pub(super) const PATH: &str = "/whatsapp/campaigns";
/// How often a sending campaign is read again, in milliseconds.
pub(super) const REFRESH_MS: u32 = 2_000;

/// What staff may do to a campaign; the server checks its state again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Act {
    Start,
    Pause,
    Resume,
}

impl Act {
    /// The actions a campaign in this state offers.
    pub(super) fn for_row(r: &CampaignRow) -> Vec<Act> {
        [(r.can_start(), Act::Start), (r.can_pause(), Act::Pause), (r.can_resume(), Act::Resume)].into_iter().filter_map(|(ok, a)| ok.then_some(a)).collect()
    }

    pub(super) fn label(self) -> &'static str {
        match self {
            Act::Start => "Start",
            Act::Pause => "Pause",
            Act::Resume => "Resume",
        }
    }

    pub(super) async fn run(self, id: i32) -> Result<(), AppError> {
        match self {
            Act::Start => campaign_start(id).await.map(|_| ()),
            Act::Pause => campaign_pause(id).await,
            Act::Resume => campaign_resume(id).await,
        }
    }
}

/// A refused action in words: an empty audience comes back as a field error on `audience`.
pub(super) fn refusal(e: &AppError) -> String {
    e.field_message("audience").unwrap_or_else(|| e.to_string())
}

#[component]
pub fn CampaignsPage() -> impl IntoView {
    // Bumped by the timer, a saved draft and every action: the list is read again.
    let tick = RwSignal::new(0u32);
    let bump = move || {
        tick.try_update(|t| *t = t.wrapping_add(1));
    };
    let list = Resource::new(move || tick.get(), |_| campaign_list());
    let products = Resource::new(|| (), |_| campaign_products());
    // Only a sending campaign changes by itself; otherwise the timer does nothing.
    let live = RwSignal::new(false);
    Effect::new(move |_| {
        let sending = matches!(list.get(), Some(Ok(rows)) if rows.iter().any(|r| r.status == CampaignStatus::Sending));
        live.set(sending);
    });
    every(
        REFRESH_MS,
        Callback::new(move |_: ()| {
            if live.try_get_untracked() == Some(true) {
                bump();
            }
        }),
    );

    let busy = RwSignal::new(false);
    // The campaign whose action was refused, and why.
    let problem = RwSignal::new(None::<(i32, AppError)>);
    let act = Callback::new(move |(what, id): (Act, i32)| {
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let r = what.run(id).await;
            busy.try_set(false);
            if let Err(e) = r {
                problem.try_set(Some((id, e)));
            }
            bump();
        });
    });
    let on_saved = Callback::new(move |_: i32| bump());
    view! {
        <WhatsAppTabs current=PATH/>
        <PageHeader title="WhatsApp campaigns"/>
        <p class="wa-intro">
            "Marketing templates to opted-in customers, with each customer's details filled in. "
            "Customers who asked to stop marketing messages are left out; Meta charges per delivered message."
        </p>
        <Card title="Campaigns" class="wa-campaigns-card">
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match list.await {
                        Err(e) => view! { <PageError err=e/> }.into_any(),
                        Ok(rows) => view! { <CampaignTable rows act busy problem/> }.into_any(),
                    }
                })}
            </Transition>
        </Card>
        <Card title="New campaign" class="wa-campaign-new">
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match products.await {
                        Err(e) => view! { <ErrorBox err=e/> }.into_any(),
                        Ok(products) => view! { <CampaignForm products on_saved/> }.into_any(),
                    }
                })}
            </Transition>
        </Card>
    }
}

#[component]
fn CampaignTable(rows: Vec<CampaignRow>, act: Callback<(Act, i32)>, busy: RwSignal<bool>, problem: RwSignal<Option<(i32, AppError)>>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="empty">"No campaigns yet. Write one below, preview it and save it as a draft."</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="table wa-campaigns" data-testid="campaigns">
                <thead><tr>
                    <th>"Campaign"</th><th>"Status"</th><th class="num">"Recipients"</th><th>"Progress"</th>
                    <th>"Started"</th><th>"Finished"</th><th><span class="sr-only">"Actions"</span></th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| view! { <Row r act busy problem/> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn Row(r: CampaignRow, act: Callback<(Act, i32)>, busy: RwSignal<bool>, problem: RwSignal<Option<(i32, AppError)>>) -> impl IntoView {
    let id = r.id;
    let acts = Act::for_row(&r);
    let percent = r.percent();
    let recipients = if r.progress.is_some() { r.recipients.to_string() } else { "—".into() };
    let dash = || "—".to_string();
    view! {
        <tr data-testid="campaign-row" data-id=id>
            <td>
                <a href=format!("{PATH}/{id}")>{r.name.clone()}</a>
                <br/><span class="small">{format!("{} · {}", r.template, r.language)}</span>
            </td>
            <td data-testid="campaign-status"><Chip tone=status_tone(r.status) label=r.status.label()/></td>
            <td class="num">{recipients}</td>
            <td class="wa-campaign-bar">
                {match r.progress {
                    Some(_) => view! { <ProgressBar percent=Signal::stored(percent) label="Sending progress" tone={if r.status == CampaignStatus::Done { "ok" } else { "" }}/> }.into_any(),
                    None => view! { <span class="small">"Not started"</span> }.into_any(),
                }}
            </td>
            <td class="nowrap">{r.started.clone().unwrap_or_else(dash)}</td>
            <td class="nowrap">{r.finished.clone().unwrap_or_else(dash)}</td>
            <td class="nowrap">
                {acts.into_iter().map(|a| view! {
                    <button type="button" class="btn btn-small" class:btn-primary={a == Act::Start}
                        disabled=move || busy.get() on:click=move |_| act.run((a, id))>{a.label()}</button>
                }).collect_view()}
                {move || problem.get().filter(|(p, _)| *p == id).map(|(_, e)| view! {
                    <p class="field-error wa-refused" role="alert" data-testid="campaign-error">{refusal(&e)}</p>
                })}
            </td>
        </tr>
    }
}
