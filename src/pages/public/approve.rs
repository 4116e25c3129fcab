//! The customer's proof approval page, opened from a signed link on a phone: see the proof,
//! zoom, pin comments and request changes, or sign and approve it for printing.
use crate::api::quality::{load_approval_page, customer_request_changes, CustomerApprove};
use crate::components::quality::{PinnedImage, ProofStatusChip};
use crate::components::ui::{action_error, field_error, query::query_param, query::route_id, ErrorBox, Loading, PageError};
use crate::domain::quality::APPROVAL_STATEMENT;
use crate::dto::quality::{ApprovalPage, LinkState, PinInput, PinView};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;

#[component]
pub fn ApprovePage() -> impl IntoView {
    let id = route_id();
    let exp = query_param("exp");
    let sig = query_param("sig");
    let version = RwSignal::new(0u32);
    let data = Resource::new(
        move || (id.get(), exp.get().parse::<i64>().unwrap_or(0), sig.get(), version.get()),
        |(id, exp, sig, _)| load_approval_page(id, exp, sig),
    );
    view! {
        <Title text="Approve your proof"/>
        <crate::app::StaffStyles/>
        <main class="approve">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <div class="approve-card"><PageError err=e/></div> }.into_any(),
                        Ok(p) => view! { <ApproveBody p exp=exp.get_untracked() sig=sig.get_untracked() version/> }.into_any(),
                    }
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn ApproveBody(p: ApprovalPage, exp: String, sig: String, version: RwSignal<u32>) -> impl IntoView {
    let proof = p.proof.clone();
    let id = proof.id;
    let link_q = format!("exp={exp}&sig={sig}");
    let saved_pins = proof.comments.clone();
    let new_pins: RwSignal<Vec<PinInput>> = RwSignal::new(Vec::new());
    let all_pins = Signal::derive(move || {
        let mut v = saved_pins.clone();
        v.extend(new_pins.get().into_iter().enumerate().map(|(i, p)| PinView {
            id: -(i as i32) - 1,
            x: Some(p.x),
            y: Some(p.y),
            body: p.body,
            author: "You".into(),
            customer: true,
            at: String::new(),
        }));
        v
    });
    let zoom = RwSignal::new(100.0);
    let open = p.state == LinkState::Open;
    let on_pin = open.then(|| Callback::new(move |(x, y): (f64, f64)| new_pins.update(|v| v.push(PinInput { x, y, body: String::new() }))));
    let banner = match &p.state {
        LinkState::Open => None,
        LinkState::Superseded { latest } => Some(("warn", format!("This proof was superseded by version {latest}. Please use the newest link from {}.", p.shop_name))),
        LinkState::Approved => Some(("ok", "You approved this proof. It is locked and goes to print.".to_string())),
        LinkState::ChangesRequested => Some(("warn", "You asked for changes. We will send you a new version.".to_string())),
        LinkState::NotReady => Some(("info", "This proof is still being checked by our team.".to_string())),
        LinkState::Expired => Some(("warn", format!("This link has expired. Ask {} for a new one.", p.shop_name))),
    };
    view! {
        <header class="approve-head">
            <div class="brand-mark">"P"</div>
            <div>
                <div class="muted small">{p.shop_name.clone()}</div>
                <h1>{format!("Proof v{} · order {}", proof.version, p.order_number)}</h1>
                <div>{proof.line.clone()}" " <ProofStatusChip status=proof.status/></div>
            </div>
        </header>
        {banner.map(|(tone, text)| view! { <div class=format!("alert approve-state state-{tone}") role="status" data-testid="link-state">{text}</div> })}
        <section class="approve-card">
            <label class="zoom">
                "Zoom"
                <input type="range" min="100" max="300" step="25" aria-label="Zoom" prop:value=move || zoom.get().to_string()
                    on:input=move |ev| zoom.set(event_target_value(&ev).parse().unwrap_or(100.0))/>
            </label>
            {if proof.has_thumb || proof.is_image() {
                let src = format!("/proofs/{id}/preview?{link_q}");
                match on_pin {
                    Some(cb) => view! { <PinnedImage src alt="Your proof".to_string() pins=all_pins on_pin=cb zoom=Signal::from(zoom)/> }.into_any(),
                    None => view! { <PinnedImage src alt="Your proof".to_string() pins=all_pins zoom=Signal::from(zoom)/> }.into_any(),
                }
            } else {
                view! { <p>"This proof is a PDF."</p> }.into_any()
            }}
            <a class="btn btn-block" href=format!("/proofs/{id}/file?{link_q}")>"Download the proof"</a>
            {open.then(|| view! { <p class="muted small">"Tap the proof to pin a comment where something should change."</p> })}
        </section>
        {open.then(|| view! { <DecisionForms id exp=exp.clone() sig=sig.clone() new_pins version/> })}
    }
}

#[component]
fn DecisionForms(id: i32, exp: String, sig: String, new_pins: RwSignal<Vec<PinInput>>, version: RwSignal<u32>) -> impl IntoView {
    let approve = ServerAction::<CustomerApprove>::new();
    let err = action_error(approve.value());
    Effect::new(move |_| {
        if matches!(approve.value().get(), Some(Ok(()))) {
            version.update(|v| *v += 1);
        }
    });
    let comment = RwSignal::new(String::new());
    let change_err: RwSignal<Option<AppError>> = RwSignal::new(None);
    let sending = RwSignal::new(false);
    let (exp2, sig2) = (exp.clone(), sig.clone());
    let request = move |_| {
        let (exp, sig) = (exp2.parse::<i64>().unwrap_or(0), sig2.clone());
        let (c, pins) = (comment.get_untracked(), new_pins.get_untracked());
        sending.set(true);
        spawn_local(async move {
            let r = customer_request_changes(id, exp, sig, c, pins).await;
            sending.set(false);
            match r {
                Ok(()) => version.update(|v| *v += 1),
                Err(e) => change_err.set(Some(e)),
            }
        });
    };
    view! {
        <section class="approve-card">
            <h2>"Request changes"</h2>
            {move || (!new_pins.get().is_empty()).then(|| view! {
                <ol class="pin-inputs">
                    {move || new_pins.get().into_iter().enumerate().map(|(i, p)| view! {
                        <li>
                            <input type="text" aria-label=format!("Pin {} comment", i + 1) placeholder="What should change here?" prop:value=p.body
                                on:input=move |ev| { let v = event_target_value(&ev); new_pins.update(|list| if let Some(x) = list.get_mut(i) { x.body = v; }); }/>
                            <button type="button" class="btn btn-ghost btn-small" aria-label=format!("Remove pin {}", i + 1)
                                on:click=move |_| new_pins.update(|list| { if i < list.len() { list.remove(i); } })>"✕"</button>
                        </li>
                    }).collect_view()}
                </ol>
            })}
            <label class="field">
                <span class="field-label">"Your comments"</span>
                <textarea rows="3" aria-label="Your comments" prop:value=move || comment.get() on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
                <small class="field-error">{move || change_err.get().and_then(|e| e.field_message("comment").or_else(|| e.field_message("pins")))}</small>
            </label>
            {move || change_err.get().filter(|e| e.fields().is_none()).map(|e| view! { <ErrorBox err=e/> })}
            <button type="button" class="btn btn-block" disabled=move || sending.get() on:click=request>"Request changes"</button>
        </section>
        <section class="approve-card">
            <h2>"Approve for printing"</h2>
            <p class="muted small">"Check spelling, numbers, colours and layout. Once approved, this version is printed as it is."</p>
            <ActionForm action=approve attr:class="stack">
                <input type="hidden" name="proof_id" value=id/>
                <input type="hidden" name="exp" value=exp.clone()/>
                <input type="hidden" name="sig" value=sig.clone()/>
                <label class="field" class:invalid=move || field_error(err, "full_name").get().is_some()>
                    <span class="field-label">"Your full name"</span>
                    <input type="text" name="full_name" autocomplete="name" aria-label="Your full name"/>
                    <small class="field-error">{move || field_error(err, "full_name").get()}</small>
                </label>
                <label class="check">
                    <input type="checkbox" name="statement" value="yes"/>
                    <span>{APPROVAL_STATEMENT}</span>
                </label>
                <small class="field-error">{move || field_error(err, "statement").get()}</small>
                {move || err.get().filter(|e| e.fields().is_none()).map(|e| view! { <ErrorBox err=e/> })}
                <button type="submit" class="btn btn-primary btn-block" disabled=move || approve.pending().get()>"Approve this proof"</button>
            </ActionForm>
        </section>
    }
}
