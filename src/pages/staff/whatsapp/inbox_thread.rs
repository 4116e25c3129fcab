//! The open conversation: who it is, who handles it (a person or the bot), the messages with
//! their delivery ticks, the composer (free text inside the 24-hour window, the approved
//! staff template outside it) and the customer's recent orders.
use super::inbox::time_label;
use crate::api::inbox::{inbox_assign, inbox_reply, inbox_set_bot, inbox_thread};
use crate::components::ui::{Chip, ErrorBox, Field};
use crate::dto::inbox::{ChatLine, Conversation, OrderBrief, Thread};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;

/// What the thread's buttons share: the conversation, the page's reload tick, whether an
/// action is running and the last one's error.
#[derive(Clone, Copy)]
struct Acts {
    tick: RwSignal<u32>,
    busy: RwSignal<bool>,
    problem: RwSignal<Option<AppError>>,
}

impl Acts {
    /// Runs one action, then reads the inbox again either way (a refusal usually means
    /// someone else changed the conversation meanwhile).
    fn run(self, action: impl Future<Output = Result<(), AppError>> + 'static) {
        self.busy.set(true);
        spawn_local(async move {
            let res = action.await;
            // The page may have been left meanwhile: its signals are gone then.
            self.busy.try_set(false);
            self.problem.try_set(res.err());
            self.tick.try_update(|t| *t = t.wrapping_add(1));
        });
    }
}

#[component]
pub fn ThreadView(initial: Thread, me: Option<i32>, tick: RwSignal<u32>) -> impl IntoView {
    let id = initial.conversation.contact_id;
    let data = RwSignal::new(initial);
    keep_fresh(id, data, tick);
    let acts = Acts { tick, busy: RwSignal::new(false), problem: RwSignal::new(None) };
    // Memos change only when their part did, so a poll that brings nothing new redraws nothing.
    let conversation = Memo::new(move |_| data.with(|t| t.conversation.clone()));
    let staff = Memo::new(move |_| data.with(|t| t.staff.clone()));
    let lines = Memo::new(move |_| data.with(|t| t.lines.clone()));
    let orders = Memo::new(move |_| data.with(|t| t.orders.clone()));
    let hint = Memo::new(move |_| data.with(|t| t.composer_hint.clone()));
    let template = Memo::new(move |_| data.with(|t| t.templates.first().map(|(name, _, body)| (name.clone(), body.clone()))));
    let window_open = Memo::new(move |_| conversation.with(|c| c.window_open));
    view! {
        <div class="wa-thread-wrap">
            <section class="card wa-thread" data-testid="wa-thread" aria-label="Messages with the customer">
                {move || view! { <ThreadHead c=conversation.get() staff=staff.get() me acts/> }}
                {move || acts.problem.get().map(|e| view! { <ErrorBox err=e/> })}
                <Lines lines/>
                <Composer id window_open hint template tick/>
            </section>
            <aside class="card wa-side" aria-label="Recent orders">
                <h2 class="card-title">"Recent orders"</h2>
                {move || view! { <Orders c=conversation.get() orders=orders.get()/> }}
            </aside>
        </div>
    }
}

/// Reads the thread again on every tick of the page (its timer, or after an action). Reading
/// it also marks it read, which is right: it is open. An answer overtaken by a newer request
/// is dropped, so a slow old answer cannot undo a newer one.
fn keep_fresh(id: i32, data: RwSignal<Thread>, tick: RwSignal<u32>) {
    let asked = StoredValue::new(0u32);
    Effect::new(move |ran: Option<()>| {
        tick.track();
        // The first run is the page being shown: the data is fresh.
        if ran.is_none() {
            return;
        }
        let n = asked.get_value().wrapping_add(1);
        asked.set_value(n);
        spawn_local(async move {
            if let Ok(t) = inbox_thread(id).await {
                if asked.try_get_value() == Some(n) && data.try_with_untracked(|d| *d != t).unwrap_or(false) {
                    data.try_set(t);
                }
            }
        });
    });
}

#[component]
fn ThreadHead(c: Conversation, staff: Vec<(i32, String)>, me: Option<i32>, acts: Acts) -> impl IntoView {
    let id = c.contact_id;
    let busy = move || acts.busy.get();
    let assign_me = me.filter(|m| c.assigned_to != Some(*m));
    let assigned = c.assigned_to;
    let muted = c.bot_muted;
    let (window_tone, window_label) = if c.window_open { ("ok", "Window open") } else { ("warn", "Window closed") };
    let state = match (&c.assigned_name, muted) {
        (Some(n), true) => format!("{n} is handling this chat; the bot is quiet."),
        (None, true) => "A person takes this chat; the bot is quiet. Nobody is assigned yet.".to_string(),
        (Some(n), false) => format!("Assigned to {n}; the bot still answers."),
        (None, false) => "The bot answers this chat.".to_string(),
    };
    view! {
        <header class="wa-thread-head">
            <div class="wa-who">
                <h2 class="wa-who-name">{c.name.clone()}</h2>
                <p class="wa-who-meta">
                    {(c.address != c.name).then(|| view! { <span>{c.address.clone()}</span> })}
                    {c.customer_id.zip(c.customer_name.clone()).map(|(cid, n)| view! { <a href=format!("/customers/{cid}")>{n}</a> })}
                    <Chip tone=window_tone label=window_label/>
                    {c.marketing_stopped.then(|| view! { <Chip tone="muted" label="Offers stopped"/> })}
                </p>
                <p class="wa-who-state" data-testid="bot-state">{state}</p>
            </div>
            <div class="wa-controls">
                {assign_me.map(|m| view! {
                    <button type="button" class="btn btn-small" disabled=busy on:click=move |_| acts.run(inbox_assign(id, Some(m)))>"Assign to me"</button>
                })}
                <label class="wa-assign">
                    <span class="field-label">"Assigned to"</span>
                    <select
                        disabled=busy
                        on:change=move |ev| acts.run(inbox_assign(id, event_target_value(&ev).parse::<i32>().ok()))
                    >
                        <option value="" selected={assigned.is_none()}>"Nobody"</option>
                        {staff.into_iter().map(|(sid, name)| view! {
                            <option value=sid.to_string() selected={assigned == Some(sid)}>{name}</option>
                        }).collect_view()}
                    </select>
                </label>
                {if muted {
                    view! {
                        <button type="button" class="btn btn-small" disabled=busy on:click=move |_| acts.run(inbox_set_bot(id, false))>"Hand back to the bot"</button>
                    }.into_any()
                } else {
                    view! {
                        <button type="button" class="btn btn-small" disabled=busy on:click=move |_| acts.run(inbox_set_bot(id, true))>"Take over"</button>
                    }.into_any()
                }}
            </div>
        </header>
    }
}

/// The messages, oldest first, scrolled to the newest whenever one arrives.
#[component]
fn Lines(lines: Memo<Vec<ChatLine>>) -> impl IntoView {
    let scroller = NodeRef::<leptos::html::Div>::new();
    let count = Memo::new(move |_| lines.with(Vec::len));
    Effect::new(move |_| {
        count.track();
        #[cfg(feature = "hydrate")]
        request_animation_frame(move || {
            if let Some(el) = scroller.get_untracked() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    });
    view! {
        <div class="wa-lines" node_ref=scroller role="log" aria-label="Messages" data-testid="thread-lines">
            {move || {
                let all = lines.get();
                if all.is_empty() {
                    view! { <p class="empty">"No messages yet."</p> }.into_any()
                } else {
                    all.into_iter().map(|l| view! { <Bubble l/> }).collect_view().into_any()
                }
            }}
        </div>
    }
}

#[component]
fn Bubble(l: ChatLine) -> impl IntoView {
    let incoming = l.incoming;
    let source = (!incoming && !l.source.is_empty()).then(|| l.source.clone());
    let tick = (!incoming).then(|| status_tick(&l.status)).filter(|(_, label, _)| !label.is_empty());
    view! {
        <div class="wa-bubble" class:wa-in=incoming class:wa-out=!incoming data-testid="bubble">
            {source.map(|s| view! { <span class="wa-source">{s}</span> })}
            <p class="wa-text">{l.text.clone()}</p>
            <span class="wa-foot">
                <time datetime=l.at.clone()>{time_label(&l.at)}</time>
                {tick.map(|(mark, label, cls)| view! {
                    <span class=format!("wa-tick {cls}") title=label data-testid="bubble-status" data-status=l.status.clone()>
                        <span aria-hidden="true">{mark}</span>
                        <span class:sr-only={cls != "wa-tick-failed"}>{label}</span>
                    </span>
                })}
            </span>
        </div>
    }
}

/// An outgoing message's state as ticks: (mark, words, CSS class).
fn status_tick(status: &str) -> (&'static str, &'static str, &'static str) {
    match status {
        "queued" | "pending" => ("◷", "Queued", "wa-tick-wait"),
        "sending" => ("◷", "Sending", "wa-tick-wait"),
        "sent" => ("✓", "Sent", "wa-tick-sent"),
        "delivered" => ("✓✓", "Delivered", "wa-tick-sent"),
        "read" => ("✓✓", "Read", "wa-tick-read"),
        "cancelled" => ("✕", "Cancelled", "wa-tick-wait"),
        "failed" | "dead" | "undeliverable" => ("!", "Failed", "wa-tick-failed"),
        _ => ("", "", "wa-tick-wait"),
    }
}

/// What staff may send now, and the box to write it. Outside the window the approved template
/// is the only way, so the template choice is forced on; its body shows the text as `{{3}}`.
#[component]
fn Composer(id: i32, window_open: Memo<bool>, hint: Memo<String>, template: Memo<Option<(String, String)>>, tick: RwSignal<u32>) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let chose_template = RwSignal::new(false);
    let use_template = Memo::new(move |_| template.with(Option::is_some) && (!window_open.get() || chose_template.get()));
    let error = RwSignal::new(None::<AppError>);
    let sending = RwSignal::new(false);
    let text_error = Signal::derive(move || error.get().and_then(|e| e.field_message("text")));
    let preview = Memo::new(move |_| {
        let t = text.get();
        template.with(|tpl| tpl.as_ref().map(|(_, body)| if t.trim().is_empty() { body.clone() } else { body.replace("{{3}}", t.trim()) }))
    });
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let (body, as_template) = (text.get_untracked(), use_template.get_untracked());
        sending.set(true);
        spawn_local(async move {
            let res = inbox_reply(id, body, as_template).await;
            sending.try_set(false);
            if res.is_ok() {
                text.try_set(String::new());
                chose_template.try_set(false);
            }
            error.try_set(res.err());
            tick.try_update(|t| *t = t.wrapping_add(1));
        });
    };
    view! {
        <form class="wa-composer" on:submit=send novalidate=true>
            <p class="wa-hint" class:wa-hint-closed=move || !window_open.get() data-testid="composer-hint">{move || hint.get()}</p>
            {move || template.get().map(|(name, _)| view! {
                <label class="check wa-use-template">
                    <input
                        type="checkbox"
                        name="use_template"
                        checked=move || use_template.get()
                        prop:checked=move || use_template.get()
                        disabled=move || !window_open.get()
                        on:change=move |ev| chose_template.set(event_target_checked(&ev))
                    />
                    <span>{format!("Send as template {name}")}</span>
                </label>
            })}
            <div class="wa-template-preview" hidden=move || !use_template.get() data-testid="template-preview">
                <span class="small-title">"Template message"</span>
                <p class="pre">{move || preview.get().unwrap_or_default()}</p>
            </div>
            <Field label="Message" error=text_error>
                <textarea
                    rows=3
                    maxlength=4096
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                    aria-invalid=move || if text_error.get().is_some() { "true" } else { "false" }
                ></textarea>
            </Field>
            {move || error.get().filter(|e| e.field_message("text").is_none()).map(|e| view! { <ErrorBox err=e/> })}
            <div class="wa-send">
                <button type="submit" class="btn btn-primary" disabled=move || sending.get()>"Send"</button>
            </div>
        </form>
    }
}

#[component]
fn Orders(c: Conversation, orders: Vec<OrderBrief>) -> impl IntoView {
    if c.customer_id.is_none() {
        return view! { <p class="empty">"This number is not linked to a customer."</p> }.into_any();
    }
    if orders.is_empty() {
        return view! { <p class="empty">"No orders yet."</p> }.into_any();
    }
    view! {
        <ul class="plain-list wa-orders" data-testid="wa-orders">
            {orders.into_iter().map(|o| view! {
                <li>
                    <a href=format!("/orders/{}", o.id)>{o.number}</a>
                    <span class="wa-order-status">{o.status}</span>
                    <span class="num">{o.total}</span>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}
