//! Quality components: proofs with versions, pins and approvals; the customer's approval
//! view; checklists.
mod checklist;
mod pins;
mod proofs_panel;

pub use checklist::ChecklistEditor;
pub use pins::{PinnedImage, ProofStatusChip};
pub use proofs_panel::{order_quality_resource, OrderQualityPanel, UploadNotice};
