use crate::api::invoices::CreateInvoice;
use crate::api::orders::{get_order, ChangeOrderStatus};
use crate::api::production::load_order_production;
use crate::components::production::OrderProductionCard;
use crate::api::quality::ReviewProof;
use crate::components::quality::{order_quality_resource, OrderQualityPanel};
use crate::components::customers::{order_files, FilesList};
use crate::components::orders::{LinesTable, StatusForm, StatusHistory, TotalsPanel};
use crate::components::ui::{action_error, query::route_id, Card, ErrorBox, Loading, PageHeader, PriorityBadge, StatusChip, PageError, Stars};
use crate::domain::order::OrderStatus;
use crate::dto::ratings::RatingView;
use leptos::prelude::*;

#[component]
pub fn OrderPage() -> impl IntoView {
    let id = route_id();
    let change = ServerAction::<ChangeOrderStatus>::new();
    let invoice = ServerAction::<CreateInvoice>::new();
    let data = Resource::new(move || (id.get(), change.version().get()), |(id, _)| get_order(id));
    let invoice_err = action_error(invoice.value());
    let production = Resource::new(move || (id.get(), change.version().get()), |(id, _)| load_order_production(id));
    let review = ServerAction::<ReviewProof>::new();
    let quality = order_quality_resource(id, review);
    let files = order_files(id);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <PageError err=e/> }.into_any(),
                    Ok(o) => {
                        let totals = Signal::stored(o.totals.clone());
                        let can_invoice = o.status.can_invoice() && o.invoices.is_empty();
                        view! {
                            <PageHeader title=format!("Order {}", o.number)>
                                {o.status.is_editable().then(|| view! { <a class="btn" href=format!("/orders/{}/edit", o.id)>"Edit"</a> })}
                                {can_invoice.then(|| view! {
                                    <ActionForm action=invoice>
                                        <input type="hidden" name="order_id" value=o.id/>
                                        <button type="submit" class="btn btn-primary">"Create invoice"</button>
                                    </ActionForm>
                                })}
                                {o.invoices.iter().map(|i| view! {
                                    <a class="btn" href=format!("/invoices/{}", i.id)>{format!("Invoice {}", i.number)}</a>
                                }).collect_view()}
                            </PageHeader>
                            {move || invoice_err.get().map(|e| view! { <ErrorBox err=e/> })}
                            <div class="order-summary">
                                <StatusChip status=o.status/>
                                <PriorityBadge priority=o.priority/>
                                <span>{format!("Customer: {}", o.customer)}</span>
                                <span>{format!("Due: {}", o.due_date.clone().unwrap_or_else(|| "not set".into()))}</span>
                                <span>{format!("Channel: {}", o.channel.label())}</span>
                                <span class="muted">{format!("Taken by {} on {}", o.created_by, o.created_at)}</span>
                            </div>
                            <div class="grid-main-side">
                                <div class="stack">
                                    <Card title="Items">
                                        <LinesTable lines=o.lines.clone()/>
                                        <TotalsPanel totals=totals/>
                                    </Card>
                                    <Card title="Production">
                                        <Suspense fallback=Loading>
                                            {move || Suspend::new(async move {
                                                production.await.ok().map(|p| view! { <OrderProductionCard data=p order_id=id.get_untracked()/> })
                                            })}
                                        </Suspense>
                                    </Card>
                                    <Card title="Proofs and quality">
                                        <OrderQualityPanel order_id=o.id data=quality review/>
                                    </Card>
                                    {(!o.notes.is_empty()).then(|| view! { <Card title="Notes"><p class="pre">{o.notes.clone()}</p></Card> })}
                                </div>
                                <div class="stack">
                                    <Card title="Status">
                                        <StatusForm id=o.id version=o.version status=o.status action=change/>
                                    </Card>
                                    <Card title="History">
                                        <StatusHistory history=o.history.clone()/>
                                    </Card>
                                    <Card title="Customer">
                                        <p><a href=format!("/customers/{}", o.customer_id)>{o.customer.clone()}</a></p>
                                    </Card>
                                    <Card title="Files from WhatsApp">
                                        <FilesList files show_order=false/>
                                    </Card>
                                    {(o.rating.is_some() || o.status == OrderStatus::Delivered).then(|| view! {
                                        <Card title="Customer rating">
                                            <OrderRating rating=o.rating.clone()/>
                                        </Card>
                                    })}
                                </div>
                            </div>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The customer's stars, comment and when they rated; only delivered orders can be rated,
/// so "not rated yet" is only said of those (the caller decides).
#[component]
fn OrderRating(rating: Option<RatingView>) -> impl IntoView {
    view! {
        <div data-testid="order-rating">
            {match rating {
                Some(r) => view! {
                    <p><Stars stars=r.stars/>" "<span class="muted">{format!("{} of 5", r.stars)}</span></p>
                    {(!r.comment.is_empty()).then(|| view! { <p class="pre">{r.comment.clone()}</p> })}
                    <p class="muted small">{format!("Rated {}", r.at)}</p>
                }.into_any(),
                None => view! { <p class="muted">"Not rated yet"</p> }.into_any(),
            }}
        </div>
    }
}
