//! The photos and documents a customer sent on WhatsApp: thumbnails of photos, documents as
//! downloads, each with its caption, the order it named and when it came; refused files
//! say why, so staff can ask again.
use crate::api::customers::customer_files;
use crate::components::ui::{ErrorBox, Loading};
use crate::dto::customers::CustomerFile;
use leptos::prelude::*;

/// One customer's or one order's files, as loaded from the server.
pub type FilesResource = Resource<Result<Vec<CustomerFile>, crate::error::AppError>>;

/// An order's files. The order page makes this beside its other resources, not inside its
/// Suspense: a resource first made inside a Suspense gets its id in whatever order the
/// server's queries finish, and hydration then reads another resource's data (a panic).
pub fn order_files(order_id: Memo<i32>) -> FilesResource {
    Resource::new(move || order_id.get(), |id| customer_files(None, Some(id)))
}

/// All of a customer's files, each with the order it named.
#[component]
pub fn CustomerFiles(customer_id: i32) -> impl IntoView {
    let files = Resource::new(move || customer_id, |c| customer_files(Some(c), None));
    view! { <FilesList files show_order=true/> }
}

#[component]
pub fn FilesList(files: FilesResource, show_order: bool) -> impl IntoView {
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match files.await {
                    Err(e) => view! { <ErrorBox err=e/> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="empty">"No photos or documents from WhatsApp yet."</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="file-grid" data-testid="customer-files">
                            {list.into_iter().map(|f| view! { <FileTile f show_order/> }).collect_view()}
                        </ul>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

fn size_text(bytes: i64) -> String {
    if bytes >= 1_048_576 { format!("{:.1} MB", bytes as f64 / 1_048_576.0) } else { format!("{} KB", (bytes + 1023) / 1024) }
}

#[component]
fn FileTile(f: CustomerFile, show_order: bool) -> impl IntoView {
    let href = format!("/customer-files/{}", f.id);
    let when = f.received_at.get(..10).unwrap_or("").to_string();
    let picture = (f.stored && f.mime.starts_with("image/")).then(|| view! {
        <a href=href.clone() target="_blank" rel="noopener"><img src=href.clone() alt=format!("Photo: {}", f.name) loading="lazy"/></a>
    });
    let link = (f.stored && !f.mime.starts_with("image/")).then(|| view! {
        <a class="file-doc" href=href.clone()>{format!("{} · {}", f.name, size_text(f.size))}</a>
    });
    let problem = (!f.stored).then(|| view! { <p class="file-problem">{format!("{}: {}", f.status, f.error)}</p> });
    let order = f.order_id.filter(|_| show_order).map(|id| view! {
        <a href=format!("/orders/{id}")>{format!("Order {}", f.order_number.clone().unwrap_or_default())}</a>
    });
    view! {
        <li class="file-tile" class:file-refused=!f.stored data-testid="customer-file">
            {picture}
            {link}
            {problem}
            {(!f.caption.is_empty()).then(|| view! { <p class="file-caption">{f.caption.clone()}</p> })}
            <p class="muted small">{order}" "{when}</p>
        </li>
    }
}
