//! Quality: checklists and rework, gates, proofs and approvals, statistics (server only).
pub mod approval;
pub mod chains;
pub mod checklists;
pub mod gates;
pub mod links;
pub mod proofs;
pub mod stats;
pub mod upload;
