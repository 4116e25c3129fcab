//! Customer components.
mod files;
mod form;
pub use files::{order_files, CustomerFiles, FilesList};
pub use form::CustomerForm;
