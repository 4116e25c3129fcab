//! Domain events: what happened to an order, job, proof, invoice, payment or a customer's
//! consent. A service records them in the transaction of its change; after commit the
//! dispatcher hands them to the board feed, the re-planner, the audit log and (later) the
//! WhatsApp notifier and analytics.
use super::order::{text_enum, OrderStatus};
use serde::{Deserialize, Serialize};

text_enum!(EventKind {
    OrderCreated = "order_created": "Order created",
    OrderUpdated = "order_updated": "Order changed",
    OrderStatusChanged = "order_status_changed": "Order status changed",
    ReorderPlaced = "reorder_placed": "Re-order placed",
    JobMoved = "job_moved": "Job moved",
    JobReordered = "job_reordered": "Job reordered in its column",
    JobAssigned = "job_assigned": "Job assigned",
    ProofUploaded = "proof_uploaded": "Proof uploaded",
    ProofDecided = "proof_decided": "Proof decision",
    ChecklistSaved = "checklist_saved": "Checklist saved",
    InvoiceIssued = "invoice_issued": "Invoice issued",
    CreditNoteIssued = "credit_note_issued": "Credit note issued",
    PaymentRecorded = "payment_recorded": "Payment recorded",
    ConsentChanged = "consent_changed": "Consent changed",
    FloorChanged = "floor_changed": "Floor changed",
    BoardReload = "board_reload": "Board reload",
});

text_enum!(Subject {
    Order = "order": "Order",
    Job = "job": "Job",
    Proof = "proof": "Proof",
    Invoice = "invoice": "Invoice",
    Payment = "payment": "Payment",
    Customer = "customer": "Customer",
    Floor = "floor": "Floor",
});

text_enum!(Decider {
    Staff = "staff": "Staff review",
    Customer = "customer": "Customer",
});

// What changed on the floor, for the re-planner.
text_enum!(FloorChange {
    Resource = "resource": "Resource",
    Downtime = "downtime": "Downtime",
    WhatIf = "what_if": "What-if committed",
    Stage = "stage": "Stage",
    Routing = "routing": "Routing",
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DomainEvent {
    OrderCreated { order_id: i32, customer_id: i32, number: String },
    OrderUpdated { order_id: i32 },
    OrderStatusChanged { order_id: i32, from: Option<OrderStatus>, to: OrderStatus },
    ReorderPlaced { order_id: i32, from_order_id: i32, customer_id: i32 },
    JobMoved { job_id: i32, order_id: i32, from_stage: i32, to_stage: i32, version: i32 },
    JobReordered { job_id: i32, order_id: i32, stage_id: i32, version: i32 },
    JobAssigned { job_id: i32, order_id: i32, version: i32 },
    ProofUploaded { proof_id: i32, order_id: i32, order_line_id: i32, version: i32 },
    ProofDecided { proof_id: i32, order_id: i32, by: Decider, approved: bool },
    ChecklistSaved { job_id: i32, order_id: i32, stage_id: i32, passed: bool },
    InvoiceIssued { invoice_id: i32, order_id: i32, number: String },
    CreditNoteIssued { credit_note_id: i32, invoice_id: i32, order_id: i32, number: String },
    PaymentRecorded { payment_id: i32, invoice_id: i32, order_id: i32, amount_paise: i64 },
    ConsentChanged { customer_id: i32, whatsapp: bool },
    FloorChanged { what: FloorChange },
    /// Every board reads everything again (a change too broad to name its cards).
    BoardReload { reason: String },
}

impl DomainEvent {
    pub fn kind(&self) -> EventKind {
        use DomainEvent as E;
        match self {
            E::OrderCreated { .. } => EventKind::OrderCreated,
            E::OrderUpdated { .. } => EventKind::OrderUpdated,
            E::OrderStatusChanged { .. } => EventKind::OrderStatusChanged,
            E::ReorderPlaced { .. } => EventKind::ReorderPlaced,
            E::JobMoved { .. } => EventKind::JobMoved,
            E::JobReordered { .. } => EventKind::JobReordered,
            E::JobAssigned { .. } => EventKind::JobAssigned,
            E::ProofUploaded { .. } => EventKind::ProofUploaded,
            E::ProofDecided { .. } => EventKind::ProofDecided,
            E::ChecklistSaved { .. } => EventKind::ChecklistSaved,
            E::InvoiceIssued { .. } => EventKind::InvoiceIssued,
            E::CreditNoteIssued { .. } => EventKind::CreditNoteIssued,
            E::PaymentRecorded { .. } => EventKind::PaymentRecorded,
            E::ConsentChanged { .. } => EventKind::ConsentChanged,
            E::FloorChanged { .. } => EventKind::FloorChanged,
            E::BoardReload { .. } => EventKind::BoardReload,
        }
    }

    /// The record the event is about.
    pub fn subject(&self) -> (Subject, i32) {
        use DomainEvent as E;
        match self {
            E::OrderCreated { order_id, .. } | E::OrderUpdated { order_id } | E::OrderStatusChanged { order_id, .. } | E::ReorderPlaced { order_id, .. } => {
                (Subject::Order, *order_id)
            }
            E::JobMoved { job_id, .. } | E::JobReordered { job_id, .. } | E::JobAssigned { job_id, .. } | E::ChecklistSaved { job_id, .. } => (Subject::Job, *job_id),
            E::ProofUploaded { proof_id, .. } | E::ProofDecided { proof_id, .. } => (Subject::Proof, *proof_id),
            E::InvoiceIssued { invoice_id, .. } | E::CreditNoteIssued { invoice_id, .. } => (Subject::Invoice, *invoice_id),
            E::PaymentRecorded { payment_id, .. } => (Subject::Payment, *payment_id),
            E::ConsentChanged { customer_id, .. } => (Subject::Customer, *customer_id),
            E::FloorChanged { .. } | E::BoardReload { .. } => (Subject::Floor, 0),
        }
    }

    /// The order the event concerns, if any.
    pub fn order_id(&self) -> Option<i32> {
        use DomainEvent as E;
        match self {
            E::OrderCreated { order_id, .. }
            | E::OrderUpdated { order_id }
            | E::OrderStatusChanged { order_id, .. }
            | E::ReorderPlaced { order_id, .. }
            | E::JobMoved { order_id, .. }
            | E::JobReordered { order_id, .. }
            | E::JobAssigned { order_id, .. }
            | E::ProofUploaded { order_id, .. }
            | E::ProofDecided { order_id, .. }
            | E::ChecklistSaved { order_id, .. }
            | E::InvoiceIssued { order_id, .. }
            | E::CreditNoteIssued { order_id, .. }
            | E::PaymentRecorded { order_id, .. } => Some(*order_id),
            E::ConsentChanged { .. } | E::FloorChanged { .. } | E::BoardReload { .. } => None,
        }
    }

    /// What an open board must do when it hears the event.
    pub fn board_effect(&self) -> BoardEffect {
        use DomainEvent as E;
        match self {
            E::JobMoved { job_id, .. } | E::JobReordered { job_id, .. } | E::JobAssigned { job_id, .. } | E::ChecklistSaved { job_id, .. } => BoardEffect::Jobs(vec![*job_id]),
            // Cards of the order appear, change or leave (their ids are looked up).
            E::OrderCreated { order_id, .. }
            | E::OrderUpdated { order_id }
            | E::OrderStatusChanged { order_id, .. }
            | E::ReorderPlaced { order_id, .. }
            | E::ProofUploaded { order_id, .. }
            | E::ProofDecided { order_id, .. } => BoardEffect::OrderJobs(*order_id),
            E::FloorChanged { what: FloorChange::WhatIf | FloorChange::Stage | FloorChange::Routing } | E::BoardReload { .. } => BoardEffect::Reload,
            E::FloorChanged { .. } | E::InvoiceIssued { .. } | E::CreditNoteIssued { .. } | E::PaymentRecorded { .. } | E::ConsentChanged { .. } => BoardEffect::None,
        }
    }

    /// Whether the production plan may be out of date after this event.
    pub fn affects_plan(&self) -> bool {
        use DomainEvent as E;
        match self {
            E::OrderCreated { .. } | E::OrderUpdated { .. } | E::OrderStatusChanged { .. } | E::ReorderPlaced { .. } | E::JobMoved { .. } | E::JobAssigned { .. } => true,
            E::FloorChanged { .. } | E::BoardReload { .. } => true,
            E::JobReordered { .. } | E::ProofUploaded { .. } | E::ProofDecided { .. } | E::ChecklistSaved { .. } => false,
            E::InvoiceIssued { .. } | E::CreditNoteIssued { .. } | E::PaymentRecorded { .. } | E::ConsentChanged { .. } => false,
        }
    }

    /// One line for the audit log.
    pub fn summary(&self) -> String {
        use DomainEvent as E;
        match self {
            E::OrderCreated { number, .. } => format!("order {number} created"),
            E::OrderStatusChanged { from, to, .. } => format!("{} → {}", from.map(|f| f.label()).unwrap_or("new"), to.label()),
            E::ReorderPlaced { from_order_id, .. } => format!("re-order of order #{from_order_id}"),
            E::JobMoved { from_stage, to_stage, version, .. } => format!("stage {from_stage} → {to_stage} (v{version})"),
            E::ProofDecided { by, approved, .. } => format!("{}: {}", by.label(), if *approved { "approved" } else { "changes requested" }),
            E::ChecklistSaved { passed, .. } => (if *passed { "passed" } else { "not passed" }).to_string(),
            E::InvoiceIssued { number, .. } => format!("invoice {number}"),
            E::CreditNoteIssued { number, .. } => format!("credit note {number}"),
            E::PaymentRecorded { amount_paise, .. } => format!("{} paise", amount_paise),
            E::ConsentChanged { whatsapp, .. } => format!("WhatsApp {}", if *whatsapp { "on" } else { "off" }),
            E::FloorChanged { what } => what.label().to_string(),
            E::BoardReload { reason } => reason.clone(),
            _ => self.kind().label().to_string(),
        }
    }
}

/// What a board does on an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BoardEffect {
    None,
    /// Read these cards again.
    Jobs(Vec<i32>),
    /// Read the cards of this order again (looked up by the feed).
    OrderJobs(i32),
    /// Read everything again.
    Reload,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_examples() -> Vec<DomainEvent> {
        use DomainEvent as E;
        vec![
            E::OrderCreated { order_id: 1, customer_id: 2, number: "PD-1".into() },
            E::OrderUpdated { order_id: 1 },
            E::OrderStatusChanged { order_id: 1, from: Some(OrderStatus::Draft), to: OrderStatus::Confirmed },
            E::ReorderPlaced { order_id: 3, from_order_id: 1, customer_id: 2 },
            E::JobMoved { job_id: 5, order_id: 1, from_stage: 1, to_stage: 2, version: 3 },
            E::JobReordered { job_id: 5, order_id: 1, stage_id: 2, version: 4 },
            E::JobAssigned { job_id: 5, order_id: 1, version: 5 },
            E::ProofUploaded { proof_id: 7, order_id: 1, order_line_id: 9, version: 1 },
            E::ProofDecided { proof_id: 7, order_id: 1, by: Decider::Customer, approved: true },
            E::ChecklistSaved { job_id: 5, order_id: 1, stage_id: 4, passed: true },
            E::InvoiceIssued { invoice_id: 11, order_id: 1, number: "INV/1".into() },
            E::CreditNoteIssued { credit_note_id: 1, invoice_id: 11, order_id: 1, number: "CN/1".into() },
            E::PaymentRecorded { payment_id: 12, invoice_id: 11, order_id: 1, amount_paise: 100 },
            E::ConsentChanged { customer_id: 2, whatsapp: false },
            E::FloorChanged { what: FloorChange::Resource },
            E::BoardReload { reason: "what-if".into() },
        ]
    }

    #[test]
    fn every_kind_has_an_example_and_round_trips_through_json() {
        let examples = all_examples();
        for kind in EventKind::ALL {
            assert!(examples.iter().any(|e| e.kind() == *kind), "no example for {kind:?}");
        }
        for e in examples {
            let json = serde_json::to_string(&e).unwrap();
            assert!(json.contains(&format!("\"kind\":\"{}\"", e.kind().as_str())), "{json}");
            let back: DomainEvent = serde_json::from_str(&json).unwrap();
            assert_eq!(back, e);
        }
    }

    #[test]
    fn board_effects_name_the_cards() {
        let moved = DomainEvent::JobMoved { job_id: 5, order_id: 1, from_stage: 1, to_stage: 2, version: 3 };
        assert_eq!(moved.board_effect(), BoardEffect::Jobs(vec![5]));
        let approved = DomainEvent::ProofDecided { proof_id: 7, order_id: 1, by: Decider::Customer, approved: true };
        assert_eq!(approved.board_effect(), BoardEffect::OrderJobs(1));
        assert_eq!(DomainEvent::BoardReload { reason: "x".into() }.board_effect(), BoardEffect::Reload);
        let paid = DomainEvent::PaymentRecorded { payment_id: 1, invoice_id: 1, order_id: 1, amount_paise: 1 };
        assert_eq!(paid.board_effect(), BoardEffect::None);
    }

    #[test]
    fn floor_changes_ask_for_a_plan_and_money_does_not() {
        assert!(DomainEvent::OrderCreated { order_id: 1, customer_id: 1, number: String::new() }.affects_plan());
        assert!(DomainEvent::FloorChanged { what: FloorChange::Downtime }.affects_plan());
        assert!(!DomainEvent::InvoiceIssued { invoice_id: 1, order_id: 1, number: String::new() }.affects_plan());
        assert_eq!(DomainEvent::ConsentChanged { customer_id: 4, whatsapp: true }.subject(), (Subject::Customer, 4));
    }
}
