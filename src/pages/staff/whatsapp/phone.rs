//! The WhatsApp simulator's phone (`/whatsapp/phone`, `?wa=919800000001` opens one number):
//! the numbers that have a conversation with the built-in fake of Meta's API, and one
//! conversation as the customer's phone shows it. Staff write and tap buttons as that
//! customer to try the bot; in the browser the phone is read again every 2 s, so the bot's
//! answers and the ticks come by themselves.
use super::tabs::WhatsAppTabs;
use crate::api::simulator::{simulator_phone, simulator_press_button, simulator_send_text};
use crate::components::ui::query::{href, query_param};
use crate::components::ui::{Card, ErrorBox, Field, Loading, PageError, PageHeader};
use crate::dto::simulator::{display_number, ticks, wa_id, PhoneBubble, PhoneView};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

const PATH: &str = "/whatsapp/phone";
/// How often the open phone is read again, in milliseconds.
const REFRESH_MS: u32 = 2_000;

#[component]
pub fn PhonePage() -> impl IntoView {
    let wa = query_param("wa");
    let asked = Memo::new(move |_| Some(wa.get().trim().to_string()).filter(|w| !w.is_empty()));
    // Read again only when another number is asked for; the open phone polls by itself.
    let data = Resource::new(move || asked.get(), simulator_phone);
    view! {
        <WhatsAppTabs current=PATH/>
        <PageHeader title="WhatsApp phone">
            <a class="btn" href="/whatsapp/outbox">"Outbox"</a>
        </PageHeader>
        <p class="sim-intro">
            "What each customer sees on their phone, from PressDesk's built-in WhatsApp simulator. "
            "Write or tap a button as the customer to try the bot."
        </p>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => match e.field_message("wa") {
                        Some(m) => view! {
                            <div class="alert alert-error" role="alert">{m}" "<a href=PATH>"Open the phone"</a></div>
                        }.into_any(),
                        None => view! { <PageError err=e/> }.into_any(),
                    },
                    Ok(v) if !v.enabled => view! {
                        <Card class="sim-off">
                            <p data-testid="sim-off">
                                <strong>"The simulator is off."</strong>
                                " A real WhatsApp Business account is configured, so messages go to customers' real phones."
                            </p>
                        </Card>
                    }.into_any(),
                    Ok(v) => view! { <Phone first=v/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The phone of one number (or of none yet), kept up to date while it is open.
#[component]
fn Phone(first: PhoneView) -> impl IntoView {
    let selected = RwSignal::new(first.selected.clone());
    let shown = RwSignal::new(first);
    // One reading at a time; asked for meanwhile, another follows it.
    let (polling, again) = (StoredValue::new(false), StoredValue::new(false));
    // Reads the phone again; the page changes only where the phone did.
    let refresh = Callback::new(move |_: ()| {
        if polling.try_get_value() != Some(false) {
            again.try_set_value(true);
            return;
        }
        polling.set_value(true);
        spawn_local(async move {
            loop {
                again.try_set_value(false);
                let Some(wa) = selected.try_get_untracked() else { break };
                if let Ok(v) = simulator_phone(wa.clone()).await {
                    // No chat was open: the first number that writes opens.
                    if wa.is_none() && v.selected.is_some() {
                        selected.set(v.selected.clone());
                    }
                    if shown.try_with_untracked(|old| *old != v).unwrap_or(false) {
                        shown.set(v);
                    }
                }
                if again.try_get_value() != Some(true) {
                    break;
                }
            }
            polling.try_set_value(false);
        });
    });
    every(REFRESH_MS, refresh);

    // Tapping a button of the shop's message, as the customer.
    let pressing = RwSignal::new(false);
    let press_error = RwSignal::new(None::<AppError>);
    let press = Callback::new(move |(id, title): (String, String)| {
        let Some(wa) = selected.get_untracked() else { return };
        pressing.set(true);
        press_error.set(None);
        spawn_local(async move {
            let r = simulator_press_button(wa, id, title).await;
            pressing.try_set(false);
            match r {
                Ok(()) => refresh.run(()),
                Err(e) => {
                    press_error.try_set(Some(e));
                }
            }
        });
    });

    let number = move || selected.get().map(|w| display_number(&w));
    view! {
        <div class="sim">
            <Card title="Numbers" class="sim-numbers-card">
                {move || {
                    let (phones, open) = shown.with(|v| (v.phones.clone(), v.selected.clone()));
                    if phones.is_empty() {
                        view! { <p class="sim-none">"No conversations yet. Start one from a number below."</p> }.into_any()
                    } else {
                        view! {
                            <nav aria-label="Conversations">
                                <ul class="sim-numbers">
                                    {phones.into_iter().map(|p| {
                                        let current = open.as_deref() == Some(p.as_str());
                                        view! {
                                            <li>
                                                <a class="sim-number" href=href(PATH, &[("wa", p.clone())])
                                                    aria-current=current.then_some("page")>{display_number(&p)}</a>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            </nav>
                        }.into_any()
                    }
                }}
            </Card>
            <section class="sim-phone" aria-label="The customer's phone">
                <header class="sim-bar">
                    <span class="sim-avatar" aria-hidden="true">"P"</span>
                    <span class="sim-peer">
                        <strong data-testid="sim-number">{move || number().unwrap_or_else(|| "No chat open".into())}</strong>
                        <small>"Chat with the shop, as this customer"</small>
                    </span>
                </header>
                // Laid out bottom-up (CSS), so the newest message stays in view as more come.
                <div class="sim-screen">
                    <div class="sim-thread" role="log" aria-label="Conversation" data-testid="sim-thread">
                        {move || shown.with(|v| v.items.is_empty()).then(|| view! {
                            <p class="sim-empty">
                                {if selected.get().is_some() {
                                    "No messages yet. Write below as this customer."
                                } else {
                                    "Start a chat from a number to see it here."
                                }}
                            </p>
                        })}
                        <For each=move || shown.with(|v| v.items.clone()) key=|b: &PhoneBubble| (b.wamid.clone(), b.status.clone()) let:b>
                            <Bubble b pressing press/>
                        </For>
                    </div>
                </div>
                {move || press_error.get().map(|e| view! { <ErrorBox err=e/> })}
                <Composer selected on_sent=refresh/>
                <AttachFile selected/>
            </section>
            <Card title="Start a chat from a number" class="sim-start-card">
                <StartChat on_sent=refresh/>
            </Card>
        </div>
    }
}

/// One message: the shop's on the left (what the customer received), the customer's own
/// on the right; time and ticks underneath, buttons to tap under the shop's.
#[component]
fn Bubble(b: PhoneBubble, pressing: RwSignal<bool>, press: Callback<(String, String)>) -> impl IntoView {
    let (tick, said) = ticks(b.incoming, &b.status);
    let tick_class = match b.status.as_str() {
        "read" => "sim-ticks read",
        "failed" => "sim-ticks failed",
        _ => "sim-ticks",
    };
    let kind = match b.kind.as_str() {
        "template" => Some("Template"),
        "image" => Some("Photo"),
        "document" => Some("Document"),
        "audio" => Some("Voice message"),
        "video" => Some("Video"),
        "sticker" => Some("Sticker"),
        "location" => Some("Location"),
        _ => None,
    };
    let from = if b.incoming { "customer" } else { "shop" };
    // What a phone shows of media we sent: the photo itself, or the document to open.
    let media = b.link.clone().map(|href| match b.kind.as_str() {
        "image" => view! { <img class="sim-photo" src=href alt="Photo from the shop" loading="lazy"/> }.into_any(),
        _ => view! { <a class="sim-file" href=href target="_blank" rel="noopener" data-testid="sim-file">"Open the document"</a> }.into_any(),
    });
    let buttons = (!b.incoming && !b.buttons.is_empty()).then(|| {
        view! {
            <div class="sim-chips">
                {b.buttons.into_iter().map(|btn| {
                    let title = btn.title.clone();
                    view! {
                        <button type="button" class="sim-chip" disabled=move || pressing.get()
                            on:click=move |_| press.run((btn.id.clone(), btn.title.clone()))>{title}</button>
                    }
                }).collect_view()}
            </div>
        }
    });
    view! {
        {b.day.map(|d| view! { <p class="sim-day">{d}</p> })}
        <div class="sim-row" class:mine=b.incoming>
            <div class="sim-bubble" data-testid="sim-bubble" data-from=from>
                {kind.map(|k| view! { <span class="sim-kind">{k}</span> })}
                {media}
                <p class="sim-text">{b.text}</p>
                {buttons}
                <span class="sim-meta">
                    <span>{b.time}</span>
                    <span class=tick_class role="img" aria-label=said title=said>{tick}</span>
                </span>
            </div>
        </div>
    }
}

/// The customer's text box at the bottom of the phone.
#[component]
fn Composer(selected: RwSignal<Option<String>>, on_sent: Callback<()>) -> impl IntoView {
    let draft = RwSignal::new(String::new());
    let sending = RwSignal::new(false);
    let error = RwSignal::new(None::<AppError>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(wa) = selected.get_untracked() else { return };
        sending.set(true);
        error.set(None);
        spawn_local(async move {
            let r = simulator_send_text(wa, draft.get_untracked()).await;
            sending.try_set(false);
            match r {
                Ok(()) => {
                    draft.try_set(String::new());
                    on_sent.run(());
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };
    let closed = move || selected.get().is_none();
    view! {
        {move || error.get().map(|e| match e.field_message("text").or_else(|| e.field_message("wa")) {
            Some(m) => view! { <p class="sim-error" role="alert">{m}</p> }.into_any(),
            None => view! { <ErrorBox err=e/> }.into_any(),
        })}
        <form class="sim-composer" on:submit=submit novalidate>
            <input type="text" aria-label="Message" placeholder="Message" autocomplete="off" enterkeyhint="send"
                disabled=closed prop:value=move || draft.get() on:input=move |ev| draft.set(event_target_value(&ev))/>
            <button type="submit" class="sim-send" disabled=move || closed() || sending.get()>"Send"</button>
        </form>
    }
}

/// The customer sends a photo or document: a plain form post (the file goes as multipart
/// to a handler with a body limit), which comes back to this chat.
#[component]
fn AttachFile(selected: RwSignal<Option<String>>) -> impl IntoView {
    let problem = query_param("file_error");
    let closed = move || selected.get().is_none();
    view! {
        <form class="sim-attach" method="post" action="/whatsapp/simulator/file" enctype="multipart/form-data" data-testid="sim-attach">
            <input type="hidden" name="wa" value=move || selected.get().unwrap_or_default()/>
            <label>"Photo or document"
                <input type="file" name="file" accept="image/png,image/jpeg,application/pdf" disabled=closed/>
            </label>
            <label>"Caption"
                <input type="text" name="caption" maxlength="1024" placeholder="e.g. logo for order 1234" autocomplete="off" disabled=closed/>
            </label>
            <button type="submit" class="btn" disabled=closed>"Send file"</button>
            {move || Some(problem.get()).filter(|m| !m.is_empty()).map(|m| view! { <p class="sim-error" role="alert">{m}</p> })}
        </form>
    }
}

/// Writes as a number that may never have written before, then opens its chat.
#[component]
fn StartChat(on_sent: Callback<()>) -> impl IntoView {
    let number = RwSignal::new(String::new());
    let text = RwSignal::new("Hi".to_string());
    let sending = RwSignal::new(false);
    let error = RwSignal::new(None::<AppError>);
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // The same rule as the server's, so the chat that opens is the number's.
        let wa = match wa_id(&number.get_untracked()) {
            Ok(wa) => wa,
            Err(m) => return error.set(Some(AppError::field("wa", m))),
        };
        let navigate = navigate.clone();
        sending.set(true);
        error.set(None);
        spawn_local(async move {
            let r = simulator_send_text(wa.clone(), text.get_untracked()).await;
            sending.try_set(false);
            match r {
                Ok(()) => {
                    navigate(&href(PATH, &[("wa", wa)]), Default::default());
                    // Already open: the new message shows with the next reading.
                    on_sent.run(());
                }
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };
    let field = move |name: &'static str| Signal::derive(move || error.get().and_then(|e| e.field_message(name)));
    view! {
        <form class="stack" on:submit=submit novalidate data-testid="sim-start">
            <Field label="Number" error=field("wa") hint="With the country code, e.g. +91 98000 00001">
                <input type="tel" inputmode="tel" autocomplete="off" placeholder="+91 98000 00001"
                    prop:value=move || number.get() on:input=move |ev| number.set(event_target_value(&ev))/>
            </Field>
            <Field label="First message" error=field("text")>
                <input type="text" autocomplete="off" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))/>
            </Field>
            {move || error.get().filter(|e| e.fields().is_none()).map(|e| view! { <ErrorBox err=e/> })}
            <button type="submit" class="btn btn-primary" disabled=move || sending.get()>"Start chat"</button>
        </form>
    }
}

/// Runs `tick` every `ms` milliseconds while the calling component lives (in the browser only).
/// The campaign page polls with it too.
#[cfg(feature = "hydrate")]
pub(super) fn every(ms: u32, tick: Callback<()>) {
    let timer = gloo_timers::callback::Interval::new(ms, move || tick.run(()));
    // Dropping the interval stops it (the page was left or another number opened).
    let timer = send_wrapper::SendWrapper::new(timer);
    on_cleanup(move || drop(timer));
}

#[cfg(not(feature = "hydrate"))]
pub(super) fn every(_ms: u32, _tick: Callback<()>) {}
