//! The one application error. Server functions return it; the UI shows its message and,
//! for validation, the message under each field.
use crate::domain::validate::FieldErrors;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Please sign in to continue")]
    Unauthenticated,
    #[error("You do not have permission to do that")]
    Forbidden,
    #[error("{0} was not found")]
    NotFound(String),
    #[error("Please correct the highlighted fields")]
    Validation(FieldErrors),
    /// Someone else changed the record since it was loaded (optimistic locking).
    #[error("{0}")]
    Conflict(String),
    /// A business rule refused the request (illegal status change, gate closed...).
    #[error("{0}")]
    Rejected(String),
    /// A quality gate is closed; a manager may override it with a reason. When a checklist
    /// holds it: (job id, stage id) of that checklist, so the refusal can open it.
    #[error("{0}")]
    Gate(String, Option<(i32, i32)>),
    #[error("Too many attempts. Please wait {0} minutes and try again")]
    RateLimited(u32),
    /// The request could not be decoded (bad arguments, truncated body). The detail is logged
    /// with the request id and removed from the answer by the server's error layer.
    #[error("This request is malformed")]
    Malformed(String),
    /// The request body is larger than this endpoint takes.
    #[error("This request is too large")]
    TooLarge,
    #[error("Something went wrong on our side. Please try again")]
    Internal(String),
    #[error("Could not reach the server: {0}")]
    Transport(String),
}

impl AppError {
    /// How an internal error names its request id for the browser ("ref:abc123").
    pub const REFERENCE: &'static str = "ref:";

    /// The request id of an internal error as answered over HTTP, for the user to quote.
    pub fn reference(&self) -> Option<&str> {
        match self {
            AppError::Internal(d) => d.strip_prefix(Self::REFERENCE),
            _ => None,
        }
    }

    /// The checklist (job id, stage id) that a closed gate waits for.
    pub fn gate_checklist(&self) -> Option<(i32, i32)> {
        match self {
            AppError::Gate(_, c) => *c,
            _ => None,
        }
    }

    pub fn field(field: &str, message: &str) -> AppError {
        AppError::Validation(FieldErrors::single(field, message))
    }

    pub fn fields(&self) -> Option<&FieldErrors> {
        match self {
            AppError::Validation(f) => Some(f),
            _ => None,
        }
    }

    /// Message for one field, if this is a validation error that names it.
    pub fn field_message(&self, field: &str) -> Option<String> {
        self.fields().and_then(|f| f.get(field)).map(str::to_string)
    }

    pub fn not_found(what: &str) -> AppError {
        AppError::NotFound(what.to_string())
    }

    #[cfg(feature = "ssr")]
    pub fn status(&self) -> http::StatusCode {
        use http::StatusCode;
        match self {
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Rejected(_) | AppError::Gate(..) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Malformed(_) => StatusCode::BAD_REQUEST,
            AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Internal(_) | AppError::Transport(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<FieldErrors> for AppError {
    fn from(f: FieldErrors) -> Self {
        AppError::Validation(f)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(e) | ServerFnErrorErr::Response(e) => AppError::Transport(e),
            ServerFnErrorErr::Args(e) | ServerFnErrorErr::Deserialization(e) | ServerFnErrorErr::MissingArg(e) => AppError::Malformed(e),
            other => AppError::Internal(other.to_string()),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(e: sea_orm::DbErr) -> Self {
        // The detail goes to the log, never to the browser.
        tracing::error!(error = %e, "database error");
        AppError::Internal("database".into())
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::TransactionError<AppError>> for AppError {
    fn from(e: sea_orm::TransactionError<AppError>) -> Self {
        match e {
            sea_orm::TransactionError::Connection(db) => db.into(),
            sea_orm::TransactionError::Transaction(app) => app,
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;
