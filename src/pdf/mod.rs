//! Server-side PDF documents (built-in fonts only, so no font files ship with the binary).
pub mod invoice;
mod layout;
