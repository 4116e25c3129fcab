//! Quality data shapes: proofs and their approval steps, pinned comments, checklists,
//! overrides, defects and quality statistics.
use crate::domain::quality::{CheckpointStatus, ItemResult, ProofStatus, StepKind, StepStatus};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepView {
    pub step: StepKind,
    pub status: StepStatus,
    pub by: String,
    pub at: Option<String>,
    pub comment: String,
    pub signature: String,
    pub ip: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PinView {
    pub id: i32,
    pub x: Option<f64>,
    pub y: Option<f64>,
    pub body: String,
    pub author: String,
    pub customer: bool,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProofView {
    pub id: i32,
    pub order_id: i32,
    pub order_line_id: i32,
    pub line: String,
    pub version: i32,
    pub file_name: String,
    pub mime: String,
    pub size: i64,
    pub status: ProofStatus,
    pub has_thumb: bool,
    pub change_notes: String,
    /// The feedback that led to this version.
    pub caused_by: Option<String>,
    /// Artwork carried over by a reorder: the approved proof it came from.
    #[serde(default)]
    pub carried_from: Option<CarriedFrom>,
    pub uploaded_by: String,
    pub created_at: String,
    pub steps: Vec<StepView>,
    pub comments: Vec<PinView>,
}

/// The earlier order's approved proof that a reordered item's artwork is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarriedFrom {
    pub order_id: i32,
    pub order_number: String,
    pub version: i32,
}

impl ProofView {
    pub fn is_image(&self) -> bool {
        self.mime.starts_with("image/")
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineProofs {
    pub order_line_id: i32,
    pub line: String,
    /// Newest first.
    pub versions: Vec<ProofView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverrideView {
    pub job: String,
    pub from: String,
    pub to: String,
    pub blocked_by: String,
    pub reason: String,
    pub by: String,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DefectView {
    pub job: String,
    pub stage: String,
    pub reason: String,
    pub note: String,
    pub by: String,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct OrderQuality {
    pub lines: Vec<LineProofs>,
    pub overrides: Vec<OverrideView>,
    pub defects: Vec<DefectView>,
    /// Open checklists of this order's jobs: (job id, stage id, label).
    pub checklists: Vec<(i32, i32, String)>,
}

/// What the customer's approval page knows about the link it was opened with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum LinkState {
    /// Waiting for the customer's decision.
    Open,
    /// A newer version exists.
    Superseded { latest: i32 },
    Approved,
    ChangesRequested,
    /// Still in internal review.
    NotReady,
    Expired,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApprovalPage {
    pub proof: ProofView,
    pub order_number: String,
    pub customer_name: String,
    pub shop_name: String,
    pub state: LinkState,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct PinInput {
    pub x: f64,
    pub y: f64,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChecklistForm {
    pub job_id: i32,
    pub stage_id: i32,
    pub stage: String,
    pub title: String,
    pub order_id: i32,
    pub order_number: String,
    pub items: Vec<ItemResult>,
    pub status: CheckpointStatus,
    /// Stages the job can be sent back to (rework).
    pub back_to: Vec<(i32, String)>,
    pub completed_by: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChecklistRow {
    pub job_id: i32,
    pub stage_id: i32,
    pub stage: String,
    pub order_number: String,
    pub title: String,
    pub status: CheckpointStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WaitingProof {
    pub proof_id: i32,
    pub order_id: i32,
    pub order_number: String,
    pub customer: String,
    pub version: i32,
    pub waiting_hours: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct QualityStats {
    /// (name, yield 0..1, checks counted)
    pub fpy_by_product: Vec<(String, f64, u64)>,
    pub fpy_by_stage: Vec<(String, f64, u64)>,
    /// (reason, count, cumulative share)
    pub pareto: Vec<(String, u64, f64)>,
    pub avg_revisions: f64,
    pub approval_turnaround_h: f64,
    pub waiting: Vec<WaitingProof>,
    /// The shop's reminder threshold: `waiting` lists proofs older than this.
    pub waiting_hours: i64,
    pub overrides: u64,
}

/// A product's proof approval chain, for the chains page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainRow {
    pub product_id: i32,
    pub product: String,
    /// A preset code of `domain::quality::chain_presets`, or "custom".
    pub preset: String,
    pub steps: Vec<String>,
}
