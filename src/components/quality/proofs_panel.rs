//! The order page's quality section: per order line the proof versions (newest first) with
//! their approval steps and pins, upload of a new version, internal review, the customer's
//! approval link, side-by-side compare; gate overrides and defects of the order.
use super::pins::{PinnedImage, ProofStatusChip};
use crate::api::quality::{load_order_quality, proof_link, ReviewProof};
use crate::components::ui::{ErrorBox, Loading};
use crate::domain::quality::{ProofStatus, StepStatus};
use crate::dto::quality::{LineProofs, OrderQuality, ProofView};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Shows the outcome of an upload (the upload posts a plain form and comes back here).
#[component]
pub fn UploadNotice() -> impl IntoView {
    let ok = crate::components::ui::query::query_param("uploaded");
    let err = crate::components::ui::query::query_param("upload_error");
    view! {
        {move || (!ok.get().is_empty()).then(|| view! { <div class="alert alert-ok" role="status">"Proof uploaded."</div> })}
        {move || (!err.get().is_empty()).then(|| view! { <div class="alert alert-error" role="alert" data-testid="upload-error">{err.get()}</div> })}
    }
}

/// The page creates the resource and the review action (see `order_quality_resource`), so
/// they exist before any suspense resolves: a resource created inside an awaited view gets a
/// different place in the server's and the browser's order, and hydration fails.
pub fn order_quality_resource(order_id: Memo<i32>, review: ServerAction<ReviewProof>) -> Resource<Result<OrderQuality, crate::error::AppError>> {
    Resource::new(move || (order_id.get(), review.version().get()), |(id, _)| load_order_quality(id))
}

#[component]
pub fn OrderQualityPanel(order_id: i32, data: Resource<Result<OrderQuality, crate::error::AppError>>, review: ServerAction<ReviewProof>) -> impl IntoView {
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <ErrorBox err=e/> }.into_any(),
                    Ok(q) => view! { <QualityBody q order_id review/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn QualityBody(q: OrderQuality, order_id: i32, review: ServerAction<ReviewProof>) -> impl IntoView {
    view! {
        <div class="stack" id="proofs">
            <UploadNotice/>
            {move || review.value().get().and_then(|r| r.err()).map(|e| view! { <ErrorBox err=e/> })}
            {q.lines.into_iter().map(|l| view! { <LineBlock line=l order_id review/> }).collect_view()}
            {(!q.overrides.is_empty()).then(|| view! {
                <h3 class="small-title">"Quality gate overrides"</h3>
                <ul class="plain-list" data-testid="overrides">
                    {q.overrides.iter().map(|o| view! {
                        <li><strong>{format!("{} → {}", o.from, o.to)}</strong>{format!(" · {} · {}: \"{}\" (was blocked: {})", o.at, o.by, o.reason, o.blocked_by)}</li>
                    }).collect_view()}
                </ul>
            })}
            {(!q.defects.is_empty()).then(|| view! {
                <h3 class="small-title">"Defects and rework"</h3>
                <ul class="plain-list">
                    {q.defects.iter().map(|d| view! { <li>{format!("{} · {} at {}: {} ({}) by {}", d.at, d.reason, d.stage, d.note, d.job, d.by)}</li> }).collect_view()}
                </ul>
            })}
        </div>
    }
}

#[component]
fn LineBlock(line: LineProofs, order_id: i32, review: ServerAction<ReviewProof>) -> impl IntoView {
    let latest = line.versions.first().cloned();
    let locked = latest.as_ref().is_some_and(|p| p.status == ProofStatus::Approved);
    let compare = (line.versions.len() >= 2).then(|| {
        let (a, b) = (line.versions[1].id, line.versions[0].id);
        format!("/orders/{order_id}/compare?a={a}&b={b}")
    });
    view! {
        <section class="proof-line" data-testid="proof-line">
            <header class="proof-line-head">
                <h3>{line.line.clone()}</h3>
                {compare.map(|href| view! { <a class="btn btn-small" href=href>"Compare versions"</a> })}
            </header>
            {latest.map(|p| view! { <ProofCard p review/> })}
            {(line.versions.len() > 1).then(|| view! {
                <details class="older">
                    <summary>{format!("Earlier versions ({})", line.versions.len() - 1)}</summary>
                    <ul class="plain-list">
                        {line.versions.iter().skip(1).map(|v| view! {
                            <li>
                                {format!("v{} · {} · {} · ", v.version, v.created_at, v.uploaded_by)}
                                <ProofStatusChip status=v.status/>
                                {v.steps.iter().filter(|s| s.status == StepStatus::ChangesRequested).map(|s| view! { <div class="muted">{format!("Feedback from {}: {}", s.by, s.comment)}</div> }).collect_view()}
                            </li>
                        }).collect_view()}
                    </ul>
                </details>
            })}
            {(!locked).then(|| view! {
                <form class="upload-form" method="post" action="/proofs/upload" enctype="multipart/form-data">
                    <input type="hidden" name="order_id" value=order_id/>
                    <input type="hidden" name="order_line_id" value=line.order_line_id/>
                    <label class="field">
                        <span class="field-label">"Upload a proof (PDF, PNG or JPEG, up to 25 MB)"</span>
                        <input type="file" name="file" accept="application/pdf,image/png,image/jpeg" required aria-label=format!("Proof file for {}", line.line)/>
                    </label>
                    <label class="field">
                        <span class="field-label">"What changed"</span>
                        <input type="text" name="notes" maxlength="2000" aria-label=format!("Change notes for {}", line.line)/>
                    </label>
                    <button type="submit" class="btn btn-primary">"Upload proof"</button>
                </form>
            })}
        </section>
    }
}

#[component]
fn ProofCard(p: ProofView, review: ServerAction<ReviewProof>) -> impl IntoView {
    let pins = Signal::stored(p.comments.clone());
    let link: RwSignal<Option<String>> = RwSignal::new(None);
    let id = p.id;
    let make_link = move |_| {
        spawn_local(async move {
            if let Ok(path) = proof_link(id).await {
                let origin = window().location().origin().unwrap_or_default();
                link.set(Some(format!("{origin}{path}")));
            }
        });
    };
    view! {
        <div class="proof-card" data-testid="proof">
            <div class="proof-preview">
                {if p.has_thumb || p.is_image() {
                    view! { <PinnedImage src=format!("/proofs/{}/preview", p.id) alt=format!("Proof v{}", p.version) pins/> }.into_any()
                } else {
                    view! { <div class="proof-file-icon">"PDF"</div> }.into_any()
                }}
            </div>
            <div class="proof-info stack">
                <div>
                    <strong>{format!("Version {}", p.version)}</strong>
                    " "
                    <ProofStatusChip status=p.status/>
                </div>
                <div class="muted small">{format!("{} · {} · {:.0} KB · uploaded by {}", p.file_name, p.created_at, p.size as f64 / 1024.0, p.uploaded_by)}</div>
                {(!p.change_notes.is_empty()).then(|| view! { <p>{format!("Changes: {}", p.change_notes)}</p> })}
                {p.caused_by.clone().map(|c| view! { <p class="muted">{format!("In answer to: {c}")}</p> })}
                {p.carried_from.clone().map(|f| view! {
                    <p data-testid="carried-from">"Approved artwork from "
                        <a href=format!("/orders/{}", f.order_id)>{format!("order {}, version {}", f.order_number, f.version)}</a>
                    </p>
                })}
                <a class="btn btn-small" href=format!("/proofs/{}/file", p.id)>"Download original"</a>
                <ol class="steps">
                    {p.steps.iter().map(|s| view! {
                        <li class=format!("step-{}", s.status.as_str())>
                            <strong>{s.step.label()}</strong>
                            {match s.status {
                                StepStatus::Pending => " · waiting".to_string(),
                                StepStatus::Approved => format!(" · approved by {} {}", s.by, s.at.clone().unwrap_or_default()),
                                StepStatus::ChangesRequested => format!(" · changes requested by {} {}", s.by, s.at.clone().unwrap_or_default()),
                                StepStatus::Skipped => " · skipped".to_string(),
                            }}
                            {(!s.signature.is_empty()).then(|| view! { <div class="signature">{format!("Signed: {} · from {}", s.signature, s.ip)}</div> })}
                            {(!s.comment.is_empty() && s.status != StepStatus::Approved).then(|| view! { <div class="muted">{format!("\"{}\"", s.comment)}</div> })}
                        </li>
                    }).collect_view()}
                </ol>
                {(!p.comments.is_empty()).then(|| view! {
                    <ol class="pin-list">
                        {p.comments.iter().map(|c| view! { <li>{format!("{}: {}", c.author, c.body)}</li> }).collect_view()}
                    </ol>
                })}
                {(p.status == ProofStatus::InReview).then(|| view! {
                    <ActionForm action=review attr:class="review-form stack">
                        <input type="hidden" name="proof_id" value=id/>
                        <input type="text" name="comment" placeholder="Comment (needed to request changes)" aria-label="Review comment"/>
                        <div class="form-actions">
                            <button type="submit" name="approve" value="true" class="btn btn-primary">"Approve for the customer"</button>
                            <button type="submit" name="approve" value="false" class="btn">"Request changes"</button>
                        </div>
                    </ActionForm>
                })}
                {(p.status == ProofStatus::AwaitingCustomer).then(|| view! {
                    <div class="stack">
                        <button type="button" class="btn" on:click=make_link>"Get the customer's approval link"</button>
                        {move || link.get().map(|l| view! { <input type="text" readonly class="mono" value=l aria-label="Approval link" data-testid="approval-link"/> })}
                    </div>
                })}
            </div>
        </div>
    }
}
