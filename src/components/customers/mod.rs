//! Customer components.
mod files;
mod form;
pub use files::CustomerFiles;
pub use form::CustomerForm;
