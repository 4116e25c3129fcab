//! Catalogue components.
mod routing;
pub use routing::RoutingEditor;
