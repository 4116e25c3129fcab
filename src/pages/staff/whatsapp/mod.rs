//! WhatsApp pages for staff: the outbox queue.
pub mod outbox;
