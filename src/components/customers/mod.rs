//! Customer components.
mod form;
pub use form::CustomerForm;
