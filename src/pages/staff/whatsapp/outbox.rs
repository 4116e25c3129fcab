//! /whatsapp/outbox: what the shop is sending on WhatsApp, so staff can see a stuck or failed
//! message and put it back in the queue (or stop it). The page reads the queue again every few
//! seconds while it is open, so sends show up without a reload.
use super::tabs::WhatsAppTabs;
use crate::api::whatsapp::{cancel_outbox_message, retry_outbox_message, whatsapp_outbox};
use crate::components::ui::query::{href, query_param};
use crate::components::ui::{Chip, ErrorBox, Loading, PageError, PageHeader, Stat};
use crate::domain::whatsapp::outbox::OutboxStatus;
use crate::dto::whatsapp::{ago_label, recipient_label, wait_label, OutboxRow, OutboxView};
use crate::error::AppError;
use leptos::prelude::*;
use std::time::Duration;

const PATH: &str = "/whatsapp/outbox";
const REFRESH_EVERY: Duration = Duration::from_secs(5);
/// A message waiting longer than this makes the "oldest waiting" tile a warning.
const SLOW_WAIT_SECS: i64 = 5 * 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Act {
    Retry,
    Cancel,
}

#[component]
pub fn OutboxPage() -> impl IntoView {
    let status = query_param("status");
    // Bumped by the Refresh button, the timer and every action: the queue is read again.
    let tick = RwSignal::new(0u32);
    let problem = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let data = Resource::new(move || (status.get(), tick.get()), |(s, _)| whatsapp_outbox((!s.is_empty()).then_some(s)));
    refresh_while_open(tick);
    let act = Callback::new(move |(what, id): (Act, i32)| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            let res = match what {
                Act::Retry => retry_outbox_message(id).await,
                Act::Cancel => cancel_outbox_message(id).await,
            };
            // The page may have been left meanwhile: its signals are gone then.
            busy.try_set(false);
            problem.try_set(res.err());
            // Reload either way: a refused action usually means the message moved on.
            tick.try_update(|t| *t = t.wrapping_add(1));
        });
    });
    view! {
        <WhatsAppTabs current=PATH/>
        <PageHeader title="WhatsApp outbox">
            <button type="button" class="btn" on:click=move |_| tick.update(|t| *t = t.wrapping_add(1))>"Refresh"</button>
        </PageHeader>
        {move || problem.get().map(|e| view! { <ErrorBox err=e/> })}
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <PageError err=e/> }.into_any(),
                    Ok(v) => view! { <Outbox data=v status=status.get_untracked() act busy/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Reads the queue again every few seconds while the page is open. Effects run only in the
/// browser, so the server never starts a timer; leaving the page stops it.
fn refresh_while_open(tick: RwSignal<u32>) {
    Effect::new(move |_| {
        if let Ok(handle) = set_interval_with_handle(
            move || {
                tick.try_update(|t| *t = t.wrapping_add(1));
            },
            REFRESH_EVERY,
        ) {
            on_cleanup(move || handle.clear());
        }
    });
}

#[component]
fn Outbox(data: OutboxView, status: String, act: Callback<(Act, i32)>, busy: RwSignal<bool>) -> impl IntoView {
    let c = data.counts;
    let oldest = data.oldest_secs;
    let can_act = data.can_act;
    let empty = if status.is_empty() { "Nothing has been sent on WhatsApp yet." } else { "No messages in this state." };
    view! {
        <div class="stats" data-testid="outbox-counts">
            <Stat label=OutboxStatus::Pending.label() value=c.pending.to_string()/>
            <Stat label=OutboxStatus::Sending.label() value=c.sending.to_string()/>
            <Stat label=OutboxStatus::Sent.label() value=c.sent.to_string()/>
            <Stat label=OutboxStatus::Dead.label() value=c.dead.to_string() tone={if c.dead > 0 { "danger" } else { "" }}/>
            <Stat label=OutboxStatus::Cancelled.label() value=c.cancelled.to_string()/>
            <Stat
                label="Oldest waiting"
                value={oldest.map(wait_label).unwrap_or_else(|| "—".to_string())}
                tone={if oldest.is_some_and(|s| s > SLOW_WAIT_SECS) { "warn" } else { "" }}
            />
        </div>
        <StateTabs current=status/>
        {if data.rows.is_empty() {
            view! { <p class="empty">{empty}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="table wa-outbox" data-testid="outbox-table">
                        <thead><tr>
                            <th class="num">"#"</th><th>"Created"</th><th>"To"</th><th>"Topic"</th><th>"Message"</th>
                            <th>"Status"</th><th>"Delivery"</th><th class="num">"Attempts"</th><th>"Last error"</th>
                            {can_act.then(|| view! { <th><span class="sr-only">"Actions"</span></th> })}
                        </tr></thead>
                        <tbody>
                            {data.rows.into_iter().map(|r| view! { <Row r can_act act busy/> }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}

/// The state filter; the choice lives in the URL (`?status=dead`) so it can be shared.
#[component]
fn StateTabs(current: String) -> impl IntoView {
    let tabs = std::iter::once(("", "All")).chain(OutboxStatus::ALL.iter().map(|s| (s.as_str(), s.label())));
    view! {
        <nav class="tabs" aria-label="Message state">
            {tabs.map(|(value, label)| {
                let on = current == value;
                view! {
                    <a class="tab" href=href(PATH, &[("status", value.to_string())]) aria-current=on.then_some("page")>{label}</a>
                }
            }).collect_view()}
        </nav>
    }
}

#[component]
fn Row(r: OutboxRow, can_act: bool, act: Callback<(Act, i32)>, busy: RwSignal<bool>) -> impl IntoView {
    let id = r.id;
    let (retry, cancel) = (r.can_retry(), r.can_cancel());
    // An error is worth showing until the message got through.
    let error = (r.status != OutboxStatus::Sent).then_some(r.last_error.clone()).filter(|e| !e.is_empty());
    view! {
        <tr data-testid="outbox-row" data-id=id class:row-danger={r.status == OutboxStatus::Dead}>
            <td class="num">{id}</td>
            <td class="nowrap"><span title=r.created.clone()>{ago_label(r.age_secs)}</span></td>
            <td class="nowrap" title=r.lane.clone()>{recipient_label(&r.lane)}</td>
            <td>
                {r.topic.clone()}
                {r.order_id.map(|o| view! { <br/><a class="small" href=format!("/orders/{o}")>"Open order"</a> })}
            </td>
            <td class="wa-preview">{r.preview.clone()}</td>
            <td data-testid="outbox-status"><Chip tone=status_tone(r.status) label=r.status.label()/></td>
            <td>{delivery_label(&r.delivery)}</td>
            <td class="num">{r.attempts}</td>
            <td class="wa-error small">{error}</td>
            {can_act.then(|| view! {
                <td class="nowrap">
                    {retry.then(|| view! {
                        <button type="button" class="btn btn-small" disabled=move || busy.get() on:click=move |_| act.run((Act::Retry, id))>"Retry"</button>
                    })}
                    {cancel.then(|| view! {
                        <button type="button" class="btn btn-small btn-ghost" disabled=move || busy.get() on:click=move |_| act.run((Act::Cancel, id))>"Cancel"</button>
                    })}
                </td>
            })}
        </tr>
    }
}

/// The chip colour of a message state.
fn status_tone(s: OutboxStatus) -> &'static str {
    match s {
        OutboxStatus::Pending => "info",
        OutboxStatus::Sending => "progress",
        OutboxStatus::Sent => "ok",
        OutboxStatus::Dead => "danger",
        OutboxStatus::Cancelled => "muted",
    }
}

/// Meta's report in words: "delivered" reads "Delivered"; nothing reported yet is a dash.
fn delivery_label(d: &str) -> String {
    let mut chars = d.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "—".into(),
    }
}
