//! The production floor's vocabulary, one enum per kind of state, shared by the server and
//! the browser: job states, a job's per-stage states, stage event kinds, resource kinds, and
//! the codes of the built-in stages the software itself knows about.
use super::order::text_enum;
use serde::{Deserialize, Serialize};

text_enum!(JobState {
    Active = "active": "Active",
    OnHold = "on_hold": "On hold",
    Done = "done": "Done",
    Cancelled = "cancelled": "Cancelled",
});

impl JobState {
    /// Still on the board (a card).
    pub const OPEN: [JobState; 2] = [JobState::Active, JobState::OnHold];

    pub fn open_strs() -> Vec<&'static str> {
        Self::OPEN.iter().map(|s| s.as_str()).collect()
    }
}

text_enum!(StageState {
    Pending = "pending": "Pending",
    Active = "active": "In progress",
    Done = "done": "Done",
    Skipped = "skipped": "Skipped",
});

text_enum!(StageEventKind {
    Enter = "enter": "Entered",
    Leave = "leave": "Left",
    Reorder = "reorder": "Reordered",
    Override = "override": "Gate overridden",
});

text_enum!(ResourceKind {
    Designer = "designer": "Designer",
    DigitalPress = "digital_press": "Digital press",
    OffsetPress = "offset_press": "Offset press",
    LargeFormat = "large_format": "Large-format printer",
    Cutter = "cutter": "Cutter",
    Laminator = "laminator": "Laminator",
    Binding = "binding": "Binding",
    Operator = "operator": "Operator",
});

/// Routing steps may name no resource at all (waiting time such as a customer's approval).
pub const NO_RESOURCE: &str = "none";
pub const NO_RESOURCE_LABEL: &str = "No resource (waiting)";

/// Codes of the stages the shop starts with. Stages are data (a shop may add its own);
/// these are the ones rules refer to.
pub mod stage {
    pub const DESIGN: &str = "design";
    pub const PROOF: &str = "proof";
    pub const PREPRESS: &str = "prepress";
    pub const PRINTING: &str = "printing";
    pub const FINISHING: &str = "finishing";
    pub const QC: &str = "qc";
    pub const DISPATCH: &str = "dispatch";
    pub const DELIVERED: &str = "delivered";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_round_trip_and_the_kinds_list_is_complete() {
        for s in JobState::ALL {
            assert_eq!(JobState::parse(s.as_str()), Some(*s));
        }
        assert_eq!(JobState::open_strs(), vec!["active", "on_hold"]);
        assert_eq!(ResourceKind::ALL.len(), 8);
        assert_eq!(ResourceKind::parse("offset_press"), Some(ResourceKind::OffsetPress));
        assert_eq!(ResourceKind::parse(NO_RESOURCE), None);
        assert_eq!(StageState::parse("skipped"), Some(StageState::Skipped));
        assert_eq!(StageEventKind::Leave.as_str(), "leave");
    }
}
