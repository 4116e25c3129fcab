//! Quality: checklist results, the proof approval state machine, gates on board moves,
//! and quality statistics (first-pass yield, defect Pareto).
use super::order::text_enum;
use serde::{Deserialize, Serialize};

text_enum!(CheckResult {
    Open = "open": "Not checked",
    Pass = "pass": "Pass",
    Fail = "fail": "Fail",
    NotApplicable = "na": "Not applicable",
});

text_enum!(CheckpointStatus {
    Open = "open": "Open",
    Passed = "passed": "Passed",
    Failed = "failed": "Failed",
});

text_enum!(ProofStatus {
    InReview = "internal_review": "Internal review",
    AwaitingCustomer = "customer_review": "Awaiting customer",
    Approved = "approved": "Approved",
    ChangesRequested = "changes_requested": "Changes requested",
    Superseded = "superseded": "Superseded",
});

impl ProofStatus {
    /// The status in the customer's words (portal, approval link); `label()` is the staff's.
    pub fn customer_label(self) -> &'static str {
        match self {
            ProofStatus::InReview => "Being checked by our team",
            ProofStatus::AwaitingCustomer => "Waiting for your approval",
            ProofStatus::Approved => "Approved for printing",
            ProofStatus::ChangesRequested => "Changes requested",
            ProofStatus::Superseded => "Replaced by a newer version",
        }
    }
}

text_enum!(StepKind {
    Upload = "designer_upload": "Designer uploads proof",
    InternalReview = "manager_review": "Manager reviews",
    Customer = "customer_approval": "Customer approves",
});

// Where one step of a proof's approval chain stands.
text_enum!(StepStatus {
    Pending = "pending": "Waiting",
    Approved = "approved": "Approved",
    ChangesRequested = "changes_requested": "Changes requested",
    Skipped = "skipped": "Skipped",
});

impl Decision {
    /// The step status a decision leaves behind.
    pub fn step_status(self) -> StepStatus {
        match self {
            Decision::Approve => StepStatus::Approved,
            Decision::RequestChanges => StepStatus::ChangesRequested,
        }
    }
}

text_enum!(Decision {
    Approve = "approve": "Approved",
    RequestChanges = "request_changes": "Changes requested",
});

/// Reason codes for defects and rework.
pub const REASONS: &[(&str, &str)] = &[
    ("colour", "Colour mismatch"),
    ("registration", "Registration / alignment"),
    ("trim", "Trim or bleed wrong"),
    ("typo", "Text or spelling error"),
    ("count", "Wrong count"),
    ("lamination", "Lamination bubbles or peeling"),
    ("paper", "Wrong paper / GSM"),
    ("damage", "Scratch, crease or damage"),
    ("other", "Other"),
];

pub fn reason_label(code: &str) -> &str {
    REASONS.iter().find(|(c, _)| *c == code).map(|(_, l)| *l).unwrap_or(code)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ChecklistItem {
    pub label: String,
    pub required: bool,
    #[serde(default)]
    pub photo: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemResult {
    pub label: String,
    pub required: bool,
    pub result: CheckResult,
    #[serde(default)]
    pub note: String,
    /// Content hash of an attached photo.
    #[serde(default)]
    pub photo: Option<String>,
}

/// Failed if any item failed, open while a required item is unchecked, else passed.
pub fn checkpoint_status(items: &[ItemResult]) -> CheckpointStatus {
    if items.iter().any(|i| i.result == CheckResult::Fail) {
        CheckpointStatus::Failed
    } else if items.iter().any(|i| i.required && i.result == CheckResult::Open) {
        CheckpointStatus::Open
    } else {
        CheckpointStatus::Passed
    }
}

/// A failed item needs a note saying what is wrong.
pub fn check_items(items: &[ItemResult]) -> Result<(), String> {
    match items.iter().find(|i| i.result == CheckResult::Fail && i.note.trim().is_empty()) {
        Some(i) => Err(format!("Say what is wrong with \"{}\"", i.label)),
        None => Ok(()),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProofError {
    Superseded,
    AlreadyApproved,
    ChangesAlreadyRequested,
    NotThisStep(StepKind),
}

impl std::fmt::Display for ProofError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProofError::Superseded => f.write_str("This proof was replaced by a newer version"),
            ProofError::AlreadyApproved => f.write_str("This proof is already approved and locked"),
            ProofError::ChangesAlreadyRequested => f.write_str("Changes were already requested on this proof; a new version is on its way"),
            ProofError::NotThisStep(s) => write!(f, "This proof is not waiting for: {}", s.label().to_lowercase()),
        }
    }
}

/// The default chain: the designer uploads, a manager reviews, the customer approves.
pub fn default_chain() -> Vec<StepKind> {
    vec![StepKind::Upload, StepKind::InternalReview, StepKind::Customer]
}

/// Status of a freshly uploaded proof under `chain`.
pub fn status_after_upload(chain: &[StepKind]) -> ProofStatus {
    if chain.contains(&StepKind::InternalReview) {
        ProofStatus::InReview
    } else if chain.contains(&StepKind::Customer) {
        ProofStatus::AwaitingCustomer
    } else {
        ProofStatus::Approved
    }
}

/// The step a proof in `status` waits for.
pub fn waiting_for(status: ProofStatus) -> Option<StepKind> {
    match status {
        ProofStatus::InReview => Some(StepKind::InternalReview),
        ProofStatus::AwaitingCustomer => Some(StepKind::Customer),
        _ => None,
    }
}

/// Applies a decision by `step` to a proof in `status`.
pub fn decide(chain: &[StepKind], status: ProofStatus, step: StepKind, decision: Decision) -> Result<ProofStatus, ProofError> {
    match status {
        ProofStatus::Superseded => return Err(ProofError::Superseded),
        ProofStatus::Approved => return Err(ProofError::AlreadyApproved),
        ProofStatus::ChangesRequested => return Err(ProofError::ChangesAlreadyRequested),
        _ => {}
    }
    if waiting_for(status) != Some(step) {
        return Err(ProofError::NotThisStep(step));
    }
    Ok(match decision {
        Decision::RequestChanges => ProofStatus::ChangesRequested,
        Decision::Approve if step == StepKind::InternalReview && chain.contains(&StepKind::Customer) => ProofStatus::AwaitingCustomer,
        Decision::Approve => ProofStatus::Approved,
    })
}

/// What a customer types to approve: their full name and the fixed statement.
pub const APPROVAL_STATEMENT: &str = "I approve this proof for printing";

pub fn check_signature(full_name: &str, statement_ticked: bool) -> Result<(), (&'static str, &'static str)> {
    let name = full_name.trim();
    if name.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return Err(("full_name", "Type your full name to sign"));
    }
    if name.chars().count() > 120 {
        return Err(("full_name", "At most 120 characters"));
    }
    if !statement_ticked {
        return Err(("statement", "Tick \"I approve this proof for printing\""));
    }
    Ok(())
}

/// Why a board move is blocked by quality, if it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GateBlock {
    Checklist { stage: String, open: usize, failed: usize },
    NoApprovedProof,
}

impl std::fmt::Display for GateBlock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GateBlock::Checklist { stage, open, failed } if *failed > 0 => {
                write!(f, "The {stage} checklist has {failed} failed item(s): fix them or send the job back for rework")
            }
            GateBlock::Checklist { stage, open, .. } => write!(f, "Complete the {stage} checklist first ({open} required item(s) open)"),
            GateBlock::NoApprovedProof => f.write_str("No approved proof yet: the customer must approve a proof before prepress"),
        }
    }
}

/// The quality gate of a forward move. `open`/`failed`: required items of the leaving
/// stage's checkpoints; `entering_needs_proof`: the move crosses from proof approval (or before) to prepress (or later) on a
/// job whose routing has a proof stage.
pub fn gate(leaving_stage: &str, open: usize, failed: usize, entering_needs_proof: bool, has_approved_proof: bool) -> Result<(), GateBlock> {
    if failed > 0 || open > 0 {
        return Err(GateBlock::Checklist { stage: leaving_stage.to_string(), open, failed });
    }
    if entering_needs_proof && !has_approved_proof {
        return Err(GateBlock::NoApprovedProof);
    }
    Ok(())
}

/// First-pass yield: share of (job, stage) checks that passed on their first checkpoint.
pub fn first_pass_yield(first_results: &[CheckpointStatus]) -> Option<f64> {
    let done: Vec<_> = first_results.iter().filter(|s| **s != CheckpointStatus::Open).collect();
    if done.is_empty() {
        None
    } else {
        Some(done.iter().filter(|s| ***s == CheckpointStatus::Passed).count() as f64 / done.len() as f64)
    }
}

/// Defect reasons most frequent first, with cumulative share (for a Pareto chart).
pub fn pareto(counts: &[(String, u64)]) -> Vec<(String, u64, f64)> {
    let mut v: Vec<(String, u64)> = counts.iter().filter(|(_, n)| *n > 0).cloned().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let total: u64 = v.iter().map(|(_, n)| n).sum();
    let mut acc = 0;
    v.into_iter()
        .map(|(r, n)| {
            acc += n;
            (r, n, if total == 0 { 0.0 } else { acc as f64 / total as f64 })
        })
        .collect()
}


/// The chains a shop can pick per product: (code, label, steps).
pub fn chain_presets() -> Vec<(&'static str, &'static str, Vec<StepKind>)> {
    vec![
        ("full", "Designer → manager review → customer approval", default_chain()),
        ("customer", "Designer → customer approval (no internal review)", vec![StepKind::Upload, StepKind::Customer]),
        ("internal", "Designer → manager review (no customer approval)", vec![StepKind::Upload, StepKind::InternalReview]),
    ]
}

/// A chain from its step codes: it starts with the upload, each step at most once, in the
/// order upload, internal review, customer.
pub fn parse_chain(codes: &[String]) -> Result<Vec<StepKind>, String> {
    let steps: Vec<StepKind> = codes.iter().map(|c| StepKind::parse(c).ok_or_else(|| format!("Unknown approval step \"{c}\""))).collect::<Result<_, _>>()?;
    if steps.first() != Some(&StepKind::Upload) {
        return Err("A chain starts with the designer's upload".into());
    }
    let rank = |s: &StepKind| match s {
        StepKind::Upload => 0,
        StepKind::InternalReview => 1,
        StepKind::Customer => 2,
    };
    if steps.windows(2).any(|w| rank(&w[0]) >= rank(&w[1])) {
        return Err("Steps come once each, in the order upload, internal review, customer".into());
    }
    if steps.len() < 2 {
        return Err("A chain needs at least one approval after the upload".into());
    }
    Ok(steps)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Decision::*;
    use ProofStatus::*;

    fn item(r: CheckResult, required: bool) -> ItemResult {
        ItemResult { label: "x".into(), required, result: r, note: String::new(), photo: None }
    }

    #[test]
    fn checkpoint_status_rules() {
        assert_eq!(checkpoint_status(&[item(CheckResult::Pass, true), item(CheckResult::Open, false)]), CheckpointStatus::Passed);
        assert_eq!(checkpoint_status(&[item(CheckResult::Open, true)]), CheckpointStatus::Open);
        assert_eq!(checkpoint_status(&[item(CheckResult::Pass, true), item(CheckResult::Fail, false)]), CheckpointStatus::Failed);
        assert_eq!(checkpoint_status(&[item(CheckResult::NotApplicable, true)]), CheckpointStatus::Passed);
        assert!(check_items(&[item(CheckResult::Fail, true)]).is_err());
    }

    #[test]
    fn default_chain_walks_review_then_customer() {
        let chain = default_chain();
        let s = status_after_upload(&chain);
        assert_eq!(s, InReview);
        let s = decide(&chain, s, StepKind::InternalReview, Approve).unwrap();
        assert_eq!(s, AwaitingCustomer);
        assert_eq!(decide(&chain, s, StepKind::Customer, Approve).unwrap(), Approved);
        assert_eq!(decide(&chain, s, StepKind::Customer, RequestChanges).unwrap(), ChangesRequested);
    }

    #[test]
    fn every_illegal_transition_is_rejected() {
        let chain = default_chain();
        // Approving twice.
        assert_eq!(decide(&chain, Approved, StepKind::Customer, Approve), Err(ProofError::AlreadyApproved));
        // A superseded version.
        assert_eq!(decide(&chain, Superseded, StepKind::Customer, Approve), Err(ProofError::Superseded));
        // The customer before the internal review.
        assert_eq!(decide(&chain, InReview, StepKind::Customer, Approve), Err(ProofError::NotThisStep(StepKind::Customer)));
        // Internal review again once it is with the customer.
        assert_eq!(decide(&chain, AwaitingCustomer, StepKind::InternalReview, Approve), Err(ProofError::NotThisStep(StepKind::InternalReview)));
        // Deciding after changes were requested.
        assert_eq!(decide(&chain, ChangesRequested, StepKind::Customer, Approve), Err(ProofError::ChangesAlreadyRequested));
        // Nobody decides "upload".
        assert!(decide(&chain, InReview, StepKind::Upload, Approve).is_err());
    }

    #[test]
    fn shorter_chains() {
        let no_review = vec![StepKind::Upload, StepKind::Customer];
        assert_eq!(status_after_upload(&no_review), AwaitingCustomer);
        let internal_only = vec![StepKind::Upload, StepKind::InternalReview];
        assert_eq!(decide(&internal_only, InReview, StepKind::InternalReview, Approve).unwrap(), Approved);
        assert_eq!(status_after_upload(&[StepKind::Upload]), Approved);
    }

    #[test]
    fn gate_blocks_open_checklists_and_missing_proofs() {
        assert!(gate("Quality check", 0, 0, false, false).is_ok());
        assert_eq!(gate("Quality check", 2, 0, false, false).unwrap_err().to_string(), "Complete the Quality check checklist first (2 required item(s) open)");
        assert!(gate("Printing", 0, 1, false, true).unwrap_err().to_string().contains("failed"));
        assert_eq!(gate("Proof approval", 0, 0, true, false), Err(GateBlock::NoApprovedProof));
        assert!(gate("Proof approval", 0, 0, true, true).is_ok());
    }

    #[test]
    fn signature_needs_name_and_statement() {
        assert!(check_signature("Kavya Rao", true).is_ok());
        assert_eq!(check_signature(" ", true).unwrap_err().0, "full_name");
        assert_eq!(check_signature("Kavya Rao", false).unwrap_err().0, "statement");
    }

    #[test]
    fn yield_and_pareto() {
        use CheckpointStatus as C;
        assert_eq!(first_pass_yield(&[C::Passed, C::Failed, C::Passed, C::Open]), Some(2.0 / 3.0));
        assert_eq!(first_pass_yield(&[]), None);
        let p = pareto(&[("trim".into(), 2), ("colour".into(), 5), ("typo".into(), 3), ("paper".into(), 0)]);
        assert_eq!(p[0].0, "colour");
        assert_eq!(p.len(), 3);
        assert!((p[1].2 - 0.8).abs() < 1e-9);
        assert!((p[2].2 - 1.0).abs() < 1e-9);
    }

    #[test]
    fn customers_read_their_own_words_not_the_staff_ones() {
        for s in ProofStatus::ALL {
            let c = s.customer_label();
            assert!(!c.is_empty());
            assert!(!c.to_lowercase().contains("customer"), "{c}");
            assert!(!c.to_lowercase().contains("internal"), "{c}");
        }
        assert_eq!(AwaitingCustomer.customer_label(), "Waiting for your approval");
        assert_ne!(AwaitingCustomer.customer_label(), AwaitingCustomer.label());
        assert_ne!(InReview.customer_label(), InReview.label());
    }

    #[test]
    fn chains_start_with_the_upload_and_keep_their_order() {
        let codes = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(parse_chain(&codes(&["designer_upload", "customer_approval"])).unwrap(), vec![StepKind::Upload, StepKind::Customer]);
        assert!(parse_chain(&codes(&["customer_approval"])).unwrap_err().contains("starts with"));
        assert!(parse_chain(&codes(&["designer_upload", "customer_approval", "manager_review"])).unwrap_err().contains("order"));
        assert!(parse_chain(&codes(&["designer_upload", "manager_review", "manager_review"])).is_err());
        assert!(parse_chain(&codes(&["designer_upload"])).unwrap_err().contains("at least one"));
        assert!(parse_chain(&codes(&["designer_upload", "boss"])).unwrap_err().contains("Unknown"));
        for (_, _, steps) in chain_presets() {
            let c: Vec<String> = steps.iter().map(|s| s.as_str().to_string()).collect();
            assert_eq!(parse_chain(&c).unwrap(), steps);
        }
        // Without a customer step, a manager's approval is final.
        let internal = vec![StepKind::Upload, StepKind::InternalReview];
        assert_eq!(decide(&internal, ProofStatus::InReview, StepKind::InternalReview, Decision::Approve), Ok(ProofStatus::Approved));
        assert_eq!(status_after_upload(&[StepKind::Upload, StepKind::Customer]), ProofStatus::AwaitingCustomer);
    }
}
