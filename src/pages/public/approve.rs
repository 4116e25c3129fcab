//! The customer's proof approval page, opened from a signed link on a phone. A light page
//! (see `app::shell`): server-rendered HTML with the portal's stylesheet and plain form
//! posts, so it works without JavaScript and without the staff WebAssembly bundle.
//! `public/approve.js` adds tap-to-pin and zoom when it can run.
use crate::api::quality::{load_approval_page, CustomerApprove, CustomerRequestChanges};
use crate::components::ui::query::{query_param, route_id};
use crate::domain::quality::{ProofStatus, APPROVAL_STATEMENT};
use crate::dto::quality::{ApprovalPage, LinkState, PinView};
use crate::pages::portal::{field, url_error, Outcome};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ApprovePage() -> impl IntoView {
    let id = route_id();
    let exp = query_param("exp");
    let sig = query_param("sig");
    let data = Resource::new(
        move || (id.get(), exp.get().parse::<i64>().unwrap_or(0), sig.get()),
        |(id, exp, sig)| load_approval_page(id, exp, sig),
    );
    view! {
        <Title text="Approve your proof"/>
        <div class="p-app">
            <Suspense fallback=|| view! { <p class="p-muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => {
                            crate::components::ui::set_page_status(&e);
                            view! { <main class="p-main"><p class="p-alert p-error" role="alert">{e.to_string()}</p></main> }.into_any()
                        }
                        Ok(p) => view! { <ApproveBody p exp=exp.get_untracked() sig=sig.get_untracked()/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// What the link can still do, in the customer's words: (alert class, text).
fn state_banner(state: &LinkState, shop: &str) -> Option<(&'static str, String)> {
    Some(match state {
        LinkState::Open => return None,
        LinkState::Superseded { latest } => ("a-warn", format!("This proof was superseded by version {latest}. Please use the newest link from {shop}.")),
        LinkState::Approved => ("p-ok", "You approved this proof. It is locked and goes to print.".to_string()),
        LinkState::ChangesRequested => ("a-warn", "You asked for changes. We will send you a new version.".to_string()),
        LinkState::NotReady => ("a-info", "This proof is still being checked by our team.".to_string()),
        LinkState::Expired => ("a-warn", format!("This link has expired. Ask {shop} for a new one.")),
    })
}

fn chip_class(s: ProofStatus) -> &'static str {
    match s {
        ProofStatus::AwaitingCustomer | ProofStatus::ChangesRequested => "p-chip p-chip-warn",
        ProofStatus::Approved => "p-chip p-chip-ok",
        ProofStatus::Superseded => "p-chip p-chip-muted",
        ProofStatus::InReview => "p-chip",
    }
}

#[component]
fn ApproveBody(p: ApprovalPage, exp: String, sig: String) -> impl IntoView {
    let proof = p.proof;
    let id = proof.id;
    let link_q = format!("exp={exp}&sig={sig}");
    let open = p.state == LinkState::Open;
    let banner = state_banner(&p.state, &p.shop_name);
    // Saved pins with a place on the proof, numbered as their markers are.
    let pins: Vec<(f64, f64, PinView)> = proof.comments.into_iter().filter_map(|c| Some((c.x?, c.y?, c))).collect();
    let image = proof.has_thumb || proof.mime.starts_with("image/");
    view! {
        <header class="p-top">
            <span class="p-brand">
                <span class="p-mark" aria-hidden="true" data-testid="shop-mark">"P"</span>
                {p.shop_name.clone()}
            </span>
        </header>
        <main class="p-main" id="main">
            <h1 class="p-h1">{format!("Proof v{} · order {}", proof.version, p.order_number)}</h1>
            <p class="a-line">
                <span>{proof.line.clone()}</span>
                <span class=chip_class(proof.status) data-testid="proof-status">{proof.status.customer_label()}</span>
            </p>
            {banner.map(|(tone, text)| view! { <p class=format!("p-alert a-state {tone}") role="status" data-testid="link-state">{text}</p> })}
            <Outcome/>
            <section class="p-card">
                {if image {
                    view! {
                        <div class="pin-scroll">
                            <div class="pin-frame" class:pinnable=open>
                                <img src=format!("/proofs/{id}/preview?{link_q}") alt="Your proof" draggable="false"/>
                                {pins.iter().enumerate().map(|(i, (x, y, c))| view! {
                                    <span class="pin" class:pin-customer=c.customer style=format!("left:{:.2}%;top:{:.2}%", x * 100.0, y * 100.0)
                                        title=format!("{}: {}", c.author, c.body) data-testid="pin">{i + 1}</span>
                                }).collect_view()}
                            </div>
                        </div>
                        // Zoom and pinning need the script: shown by approve.js.
                        <div hidden data-js="1">
                            <label class="a-zoom">
                                "Zoom"
                                <input type="range" min="100" max="300" step="25" value="100" aria-label="Zoom" data-zoom="1"/>
                            </label>
                            {open.then(|| view! { <p class="p-small">"Tap the proof to pin a comment where something should change."</p> })}
                        </div>
                    }.into_any()
                } else {
                    view! { <p>"This proof is a PDF."</p> }.into_any()
                }}
                {(!pins.is_empty()).then(|| view! {
                    <ol class="a-notes" aria-label="Comments on the proof">
                        {pins.iter().map(|(_, _, c)| view! { <li>{c.body.clone()}<span class="p-small">{format!(" · {}", c.author)}</span></li> }).collect_view()}
                    </ol>
                })}
                <div class="p-actions">
                    <a class="p-btn" href=format!("/proofs/{id}/file?{link_q}") download>"Download the proof"</a>
                </div>
            </section>
            {open.then(|| view! { <Decisions id exp sig/> })}
        </main>
    }
}

/// The proof id and the link's signature, which both decisions post back.
fn link_fields(id: i32, exp: &str, sig: &str) -> impl IntoView {
    view! {
        <input type="hidden" name="proof_id" value=id/>
        <input type="hidden" name="exp" value=exp.to_string()/>
        <input type="hidden" name="sig" value=sig.to_string()/>
    }
}

/// Both forms post as plain HTML forms; the server sends the browser back to this link
/// with `?ok=` or `?error=` (see `api::form`).
#[component]
fn Decisions(id: i32, exp: String, sig: String) -> impl IntoView {
    let changes = ServerAction::<CustomerRequestChanges>::new();
    let approve = ServerAction::<CustomerApprove>::new();
    let err = url_error();
    let (for_changes, for_approval) = (link_fields(id, &exp, &sig), link_fields(id, &exp, &sig));
    view! {
        <section class="p-card">
            <h2>"Request changes"</h2>
            <ActionForm action=changes attr:class="p-form">
                {for_changes}
                // JSON of the new pins, kept in step by approve.js; "[]" without it.
                <input type="hidden" name="pins" value="[]" data-pins="1"/>
                <ol class="a-pins" data-pin-list="1"></ol>
                <span class="p-err">{field(err, "pins")}</span>
                <label for="a-comment">"Your comments"</label>
                <textarea id="a-comment" name="comment" rows="3" maxlength="2000"></textarea>
                <span class="p-err">{field(err, "comment")}</span>
                <button type="submit" class="p-btn">"Request changes"</button>
            </ActionForm>
        </section>
        <section class="p-card">
            <h2>"Approve for printing"</h2>
            <p class="p-small">"Check spelling, numbers, colours and layout. Once approved, this version is printed as it is."</p>
            <ActionForm action=approve attr:class="p-form">
                {for_approval}
                <label for="a-name">"Your full name"</label>
                <input id="a-name" type="text" name="full_name" autocomplete="name" maxlength="120"/>
                <span class="p-err">{field(err, "full_name")}</span>
                <label class="p-check">
                    <input type="checkbox" name="statement" value="yes"/>
                    {APPROVAL_STATEMENT}
                </label>
                <span class="p-err">{field(err, "statement")}</span>
                <button type="submit" class="p-btn p-primary">"Approve this proof"</button>
            </ActionForm>
        </section>
    }
}
