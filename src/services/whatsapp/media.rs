//! Photos and documents customers send: fetched from Meta (size-capped while it streams),
//! checked by their content like any upload, stored by hash, and recorded on the customer
//! and on the order the caption names. The fetch happens before the message's transaction
//! (network time never holds the writer); the record is written inside it, once per message.
use crate::db::e::{customer_files, orders, wa_contacts};
use crate::db::Db;
use crate::domain::whatsapp::bot::order_reference;
use crate::domain::whatsapp::errors::ErrorClass;
use crate::domain::whatsapp::media::{display_name, FileStatus, MAX_BYTES, RETRY_FOR_SECS};
use crate::domain::whatsapp::webhook::Media;
use crate::dto::customers::CustomerFile;
use crate::error::{AppError, AppResult};
use crate::services::quality::upload;
use crate::services::whatsapp::client::{CloudApi, SendError};
use crate::storage::Storage;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use std::sync::Arc;

/// Where files come from and go to. No `Debug` on the API (it holds the token).
#[derive(Clone)]
pub struct MediaFetch {
    pub api: CloudApi,
    pub storage: Arc<dyn Storage>,
}

impl std::fmt::Debug for MediaFetch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MediaFetch")
    }
}

/// What fetching a file gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    Stored { hash: String, mime: String, size: i64 },
    Refused(String),
    Failed(String),
}

fn too_big(size: u64) -> Fetched {
    Fetched::Refused(format!("The file is {:.1} MB; files sent on WhatsApp are kept up to {} MB", size as f64 / 1_048_576.0, MAX_BYTES / 1_048_576))
}

/// A passing problem is tried again (Err) while the message is young; then it is recorded.
fn failed(e: SendError, young: bool) -> AppResult<Fetched> {
    match e.class {
        ErrorClass::Transient | ErrorClass::RateLimited if young => Err(AppError::Transport(format!("media not fetched yet: {e}"))),
        _ => Ok(Fetched::Failed(e.message)),
    }
}

/// Downloads and checks one file.
pub async fn fetch(db: &Db, f: &MediaFetch, media: &Media, received_at: chrono::DateTime<chrono::Utc>) -> AppResult<Fetched> {
    let young = (crate::clock::now() - received_at).num_seconds() < RETRY_FOR_SECS;
    let info = match f.api.media_info(&media.id).await {
        Ok(i) => i,
        Err(e) => return failed(e, young),
    };
    if let Some(n) = info.file_size.filter(|n| *n > MAX_BYTES as u64) {
        return Ok(too_big(n));
    }
    let bytes = match f.api.download(&info.url, MAX_BYTES).await {
        Ok(b) => b,
        Err(e) if e.class == ErrorClass::InvalidParameter => return Ok(too_big(MAX_BYTES as u64 + 1)),
        Err(e) => return failed(e, young),
    };
    if let Err(reason) = upload::check_file(&bytes, true) {
        return Ok(Fetched::Refused(reason));
    }
    let (hash, mime, size, _) = upload::store(db, f.storage.as_ref(), &bytes, true).await?;
    Ok(Fetched::Stored { hash, mime: mime.to_string(), size })
}

/// Records the file on the contact's customer (and the order its caption or name points
/// to). Answers the order's number when one was named. Once per message (`inbound_id`).
pub async fn record<C: ConnectionTrait>(c: &C, contact: &wa_contacts::Model, inbound_id: i32, media: &Media, fetched: &Fetched) -> AppResult<Option<String>> {
    let named = media.caption.as_deref().and_then(order_reference).or_else(|| media.filename.as_deref().and_then(order_reference));
    let order = match (contact.customer_id, named) {
        (Some(cid), Some(n)) => orders::Entity::find()
            .filter(orders::Column::CustomerId.eq(cid))
            .filter(crate::db::ends_with_ci(orders::Column::Number, &n))
            .order_by_desc(orders::Column::Id)
            .one(c)
            .await?,
        _ => None,
    };
    let now = crate::clock::now();
    let (status, hash, mime, size, error) = match fetched {
        Fetched::Stored { hash, mime, size } => (FileStatus::Stored, hash.clone(), mime.clone(), *size, String::new()),
        Fetched::Refused(r) => (FileStatus::Refused, String::new(), media.mime_type.clone().unwrap_or_default(), 0, r.clone()),
        Fetched::Failed(r) => (FileStatus::Failed, String::new(), media.mime_type.clone().unwrap_or_default(), 0, r.clone()),
    };
    let row = customer_files::ActiveModel {
        customer_id: Set(contact.customer_id),
        contact_id: Set(contact.id),
        order_id: Set(order.as_ref().map(|o| o.id)),
        inbound_id: Set(inbound_id),
        media_id: Set(media.id.clone()),
        file_hash: Set(hash),
        file_name: Set(display_name(media.filename.as_deref(), &mime, now)),
        mime: Set(mime),
        size: Set(size),
        caption: Set(media.caption.clone().unwrap_or_default().chars().take(1000).collect()),
        status: Set(status.as_str().into()),
        error: Set(error),
        created_at: Set(now),
        ..Default::default()
    };
    customer_files::Entity::insert(row)
        .on_conflict(OnConflict::column(customer_files::Column::InboundId).do_nothing().to_owned())
        .exec_without_returning(c)
        .await?;
    Ok(order.map(|o| o.number))
}

fn brief(f: customer_files::Model, numbers: &std::collections::HashMap<i32, String>) -> CustomerFile {
    let status = FileStatus::parse(&f.status).unwrap_or(FileStatus::Failed);
    CustomerFile {
        id: f.id,
        name: f.file_name,
        mime: f.mime,
        size: f.size,
        caption: f.caption,
        order_id: f.order_id,
        order_number: f.order_id.and_then(|id| numbers.get(&id).cloned()),
        stored: status == FileStatus::Stored,
        status: status.label().to_string(),
        error: f.error,
        received_at: f.created_at.to_rfc3339(),
    }
}

/// The files of a customer (`order` None) or of one order, newest first.
pub async fn list(db: &Db, customer_id: Option<i32>, order_id: Option<i32>) -> AppResult<Vec<CustomerFile>> {
    let mut q = customer_files::Entity::find();
    if let Some(cid) = customer_id {
        q = q.filter(customer_files::Column::CustomerId.eq(cid));
    }
    if let Some(oid) = order_id {
        q = q.filter(customer_files::Column::OrderId.eq(oid));
    }
    if customer_id.is_none() && order_id.is_none() {
        return Ok(vec![]);
    }
    let rows = q.order_by_desc(customer_files::Column::Id).limit(100).all(&db.read).await?;
    let ids: Vec<i32> = rows.iter().filter_map(|f| f.order_id).collect();
    let numbers = orders::Entity::find().filter(orders::Column::Id.is_in(ids)).all(&db.read).await?.into_iter().map(|o| (o.id, o.number)).collect();
    Ok(rows.into_iter().map(|f| brief(f, &numbers)).collect())
}

/// A stored file's hash, type and name, for the download handler.
pub async fn stored(db: &Db, id: i32) -> AppResult<(String, String, String)> {
    match customer_files::Entity::find_by_id(id).one(&db.read).await? {
        Some(f) if f.status == FileStatus::Stored.as_str() => Ok((f.file_hash, f.mime, f.file_name)),
        _ => Err(AppError::not_found("File")),
    }
}
