//! /whatsapp/inbox: the shop's WhatsApp conversations. On the left the conversations, the
//! most recent first (`?mine=1` keeps those assigned to me); on the right the open one
//! (`?c=<contact id>`, so a conversation can be linked to). The page reads both again every
//! few seconds while it is open, so new messages and delivery ticks show up without a reload.
use super::inbox_thread::ThreadView;
use super::tabs::WhatsAppTabs;
use crate::api::inbox::{inbox_conversations, inbox_thread};
use crate::components::ui::query::{href, query_param};
use crate::components::ui::{ErrorBox, Loading, PageError, PageHeader};
use crate::dto::inbox::Conversation;
use crate::pages::staff::layout::CurrentUser;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use std::time::Duration;

const PATH: &str = "/whatsapp/inbox";
const REFRESH_EVERY: Duration = Duration::from_secs(3);

/// The inbox address with these choices ("" or none leaves a parameter out).
fn inbox_href(contact: Option<i32>, mine: bool) -> String {
    href(PATH, &[("c", contact.map(|c| c.to_string()).unwrap_or_default()), ("mine", if mine { "1".into() } else { String::new() })])
}

/// "5 Dec, 14:30" from an RFC 3339 time (the server sends the shop's offset); "" if it does
/// not parse. The same on the server and in the browser, so hydration agrees.
pub(super) fn time_label(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339).map(|t| t.format("%-d %b, %H:%M").to_string()).unwrap_or_default()
}

#[component]
pub fn InboxPage() -> impl IntoView {
    let (c, mine) = (query_param("c"), query_param("mine"));
    let selected = Memo::new(move |_| c.get().parse::<i32>().ok().filter(|id| *id > 0));
    let mine_only = Memo::new(move |_| mine.get() == "1");
    // Bumped by the timer and after every action: the list (and the open thread) are read again.
    let tick = RwSignal::new(0u32);
    refresh_while_open(tick);
    let list = Resource::new(move || (mine_only.get(), tick.get()), |(mine, _)| inbox_conversations(mine));
    // The open thread is loaded once per conversation; the thread view keeps it fresh itself
    // so the composer keeps its text and focus.
    let thread = Resource::new(
        move || selected.get(),
        |id| async move {
            match id {
                Some(id) => inbox_thread(id).await.map(Some),
                None => Ok(None),
            }
        },
    );
    let user = use_context::<CurrentUser>();
    let navigate = use_navigate();
    let toggle_mine = move |ev: leptos::ev::Event| {
        navigate(&inbox_href(selected.get_untracked(), event_target_checked(&ev)), Default::default());
    };
    view! {
        <WhatsAppTabs current=PATH/>
        <PageHeader title="WhatsApp inbox">
            <label class="check wa-mine">
                <input type="checkbox" checked=move || mine_only.get() prop:checked=move || mine_only.get() on:change=toggle_mine/>
                <span>"Mine only"</span>
            </label>
        </PageHeader>
        <div class="wa-inbox" class:wa-inbox-open=move || selected.get().is_some()>
            <section class="card wa-list" aria-label="Conversations">
                <Transition fallback=Loading>
                    {move || {
                        let (open, mine) = (selected.get(), mine_only.get());
                        Suspend::new(async move {
                            match list.await {
                                Err(e) => view! { <ErrorBox err=e/> }.into_any(),
                                Ok(rows) => view! { <ConversationList rows open mine/> }.into_any(),
                            }
                        })
                    }}
                </Transition>
            </section>
            <div class="wa-thread-area">
                <Transition fallback=Loading>
                    {move || Suspend::new(async move {
                        let me = match user {
                            Some(u) => u.0.await.ok().flatten().map(|u| u.id),
                            None => None,
                        };
                        match thread.await {
                            Err(e) => view! { <PageError err=e/> }.into_any(),
                            Ok(None) => view! { <p class="card empty wa-pick">"Choose a conversation to read it and reply."</p> }.into_any(),
                            Ok(Some(t)) => view! { <ThreadView initial=t me tick/> }.into_any(),
                        }
                    })}
                </Transition>
            </div>
        </div>
    }
}

/// Reads the inbox again every few seconds while the page is open. Effects run only in the
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
fn ConversationList(rows: Vec<Conversation>, open: Option<i32>, mine: bool) -> impl IntoView {
    if rows.is_empty() {
        let empty = if mine { "No conversations are assigned to you." } else { "No WhatsApp conversations yet." };
        return view! { <p class="empty">{empty}</p> }.into_any();
    }
    view! {
        <ul class="wa-convs" data-testid="conversations">
            {rows.into_iter().map(|c| {
                let is_open = open == Some(c.contact_id);
                view! { <ConversationItem c open=is_open mine/> }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn ConversationItem(c: Conversation, open: bool, mine: bool) -> impl IntoView {
    // The open conversation is being read: its count is already on its way to zero.
    let unread = (!open && c.unread > 0).then_some(c.unread);
    let address = (c.address != c.name).then(|| c.address.clone());
    let waiting = c.bot_muted && c.assigned_to.is_none();
    view! {
        <li>
            <a
                class="wa-conv"
                class:wa-conv-open=open
                href=inbox_href(Some(c.contact_id), mine)
                aria-current=open.then_some("page")
                data-testid="conversation"
                data-id=c.contact_id
            >
                <span class="wa-conv-top">
                    <strong class="wa-conv-name">{c.name.clone()}</strong>
                    <span class="wa-conv-time">{c.last_message_at.as_deref().map(time_label)}</span>
                </span>
                {(address.is_some() || c.customer_name.is_some()).then(|| view! {
                    <span class="wa-conv-sub">
                        {address.clone()}
                        {c.customer_name.clone().map(|n| view! { <span class="wa-conv-customer">{n}</span> })}
                    </span>
                })}
                <span class="wa-conv-bottom">
                    <span class="wa-conv-last">{c.last_text.clone()}</span>
                    {(!c.bot_muted).then(|| view! { <span class="wa-tag wa-tag-bot" data-testid="conv-bot" title="The bot answers this chat">"bot"</span> })}
                    {c.assigned_name.clone().map(|n| view! { <span class="wa-tag wa-tag-staff" data-testid="conv-with">{format!("with {n}")}</span> })}
                    {waiting.then(|| view! { <span class="wa-tag wa-tag-wait" data-testid="conv-waiting">"needs a person"</span> })}
                    {unread.map(|n| view! {
                        <span class="wa-unread" data-testid="conv-unread">{n}<span class="sr-only">" unread"</span></span>
                    })}
                </span>
            </a>
        </li>
    }
}
