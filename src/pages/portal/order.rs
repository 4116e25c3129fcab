//! One order for the customer: friendly timeline, expected ready date, proofs to approve,
//! invoices and payments, downloads (with a share button on phones), reorder and rating.
use super::{field, url_error, Outcome};
use crate::api::portal::{load_portal_order, PortalRate};
use crate::components::ui::query::route_id;
use crate::domain::quality::ProofStatus;
use crate::dto::portal::PortalOrder;
use leptos::prelude::*;
use leptos_meta::Title;

const NOTES: &[(&str, &str)] = &[("rated", "Thank you for your rating."), ("reordered", "Your new order is placed. We will start on it shortly.")];

#[component]
pub fn PortalOrderPage() -> impl IntoView {
    let id = route_id();
    let data = Resource::new(move || id.get(), load_portal_order);
    view! {
        <Suspense fallback=|| view! { <p class="p-muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => { crate::components::ui::set_page_status(&e); view! { <p class="p-alert p-error" role="alert">{e.to_string()}</p> } }.into_any(),
                    Ok(o) => view! { <OrderView o/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OrderView(o: PortalOrder) -> impl IntoView {
    let rate = ServerAction::<PortalRate>::new();
    let err = url_error();
    let id = o.id;
    view! {
        <Title text=format!("Order {}", o.number)/>
        <p class="p-small"><a href="/portal/orders">"← All orders"</a></p>
        <h1 class="p-h1">{format!("Order {}", o.number)}</h1>
        <Outcome notes=NOTES/>
        <section class="p-card">
            <ol class="p-timeline" aria-label="Progress">
                {o.steps.iter().map(|s| view! {
                    <li class:done=s.done class:current=s.current aria-current=if s.current { "step" } else { "false" }>{s.label.clone()}</li>
                }).collect_view()}
            </ol>
            <p>{match &o.expected_ready { Some(e) => format!("Expected ready: {e}"), None => format!("Placed {}", o.placed) }}</p>
        </section>
        {(!o.proofs.is_empty()).then(|| view! {
            <section class="p-card">
                <h2>"Proofs"</h2>
                <ul class="p-list">
                    {o.proofs.iter().map(|p| view! {
                        <li>
                            <div><strong>{p.line.clone()}</strong>{format!(" · version {} · {}", p.version, p.status.customer_label())}</div>
                            {p.carried.clone().map(|c| view! { <div class="p-small" data-testid="carried-artwork">{c}</div> })}
                            <div class="p-actions">
                                {p.approve_link.clone().map(|l| view! { <a class="p-btn p-primary" href=l>"Review and approve"</a> })}
                                {(p.status != ProofStatus::Superseded).then(|| view! {
                                    <a class="p-btn" href=format!("/proofs/{}/file", p.proof_id) download data-share=format!("Proof v{}", p.version)>"Download proof"</a>
                                })}
                            </div>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        <section class="p-card">
            <h2>"Items"</h2>
            <ul class="p-list">
                {o.lines.iter().map(|l| view! { <li><span>{l.description.clone()}</span><span class="p-num">{format!("{} {} · {}", l.quantity, l.unit, l.total)}</span></li> }).collect_view()}
            </ul>
            <p class="p-total"><span>"Total"</span><strong>{o.total.to_string()}</strong></p>
            <p class="p-total"><span>"Paid"</span><span>{o.paid.to_string()}</span></p>
            <p class="p-total"><span>"Balance due"</span><strong data-testid="portal-balance">{o.balance.to_string()}</strong></p>
            {(!o.payments.is_empty()).then(|| view! {
                <ul class="p-list p-small">{o.payments.iter().map(|(d, m, a)| view! { <li>{format!("{d} · {m} · {a}")}</li> }).collect_view()}</ul>
            })}
            <div class="p-actions">
                {o.invoices.iter().map(|i| view! {
                    <a class="p-btn" href=format!("/portal/invoices/{}/pdf", i.id) download data-share=format!("Invoice {}", i.number)>{format!("Invoice {} (PDF)", i.number)}</a>
                }).collect_view()}
                {o.credit_notes.iter().map(|(cid, number)| view! {
                    <a class="p-btn" href=format!("/portal/credit-notes/{cid}/pdf") download>{format!("Credit note {number} (PDF)")}</a>
                }).collect_view()}
                <a class="p-btn" href=format!("/portal/orders/{id}/reorder")>"Reorder"</a>
            </div>
        </section>
        {(o.can_rate || o.rating.is_some()).then(|| {
            let current = o.rating.as_ref().map(|r| r.stars).unwrap_or(0);
            let comment = o.rating.as_ref().map(|r| r.comment.clone()).unwrap_or_default();
            view! {
                <section class="p-card">
                    <h2>"How did we do?"</h2>
                    {if o.can_rate {
                        view! {
                            <ActionForm action=rate attr:class="p-form">
                                <input type="hidden" name="order_id" value=id/>
                                <fieldset class="p-stars">
                                    <legend>"Your rating"</legend>
                                    {(1..=5).rev().map(|n| view! {
                                        <input type="radio" id=format!("star{n}") name="stars" value=n checked=n == current required/>
                                        <label for=format!("star{n}") title=format!("{n} star(s)")>{format!("{n} ★")}</label>
                                    }).collect_view()}
                                </fieldset>
                                <span class="p-err">{field(err, "stars")}</span>
                                <label for="rating-comment">"Comment (optional)"</label>
                                <textarea id="rating-comment" name="comment" rows="3" maxlength="1000">{comment}</textarea>
                                <button type="submit" class="p-btn p-primary">{if current > 0 { "Update rating" } else { "Send rating" }}</button>
                            </ActionForm>
                        }.into_any()
                    } else {
                        view! { <p>{format!("You rated this order {} of 5.", current)}</p> }.into_any()
                    }}
                </section>
            }
        })}
    }
}
