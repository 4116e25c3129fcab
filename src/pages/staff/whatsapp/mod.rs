//! WhatsApp pages for staff: the inbox, the simulator's phone, the outbox queue, campaigns, templates and
//! the automated order-update rules, joined by one sub-navigation (`tabs`).
pub mod campaign_detail;
mod campaign_form;
pub mod campaigns;
pub mod inbox;
mod inbox_thread;
pub mod outbox;
pub mod phone;
pub mod rules;
mod tabs;
mod template_buttons;
mod template_form;
mod template_preview;
pub mod templates;
