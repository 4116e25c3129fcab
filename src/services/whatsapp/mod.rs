//! WhatsApp Business Cloud API, server side (issue 12): the HTTP client, the outbox and its
//! worker, webhook intake and what acts on it (delivery statuses, the inbox and its bot), the
//! automated order updates, and the built-in simulator (a local fake of Meta's API). The pure
//! rules and wire types are in `domain::whatsapp`.
pub mod bot_actions;
pub mod campaigns;
pub mod client;
pub mod contacts;
pub mod conversations;
pub mod fake;
pub mod inbox;
pub mod media;
pub mod intake;
pub mod notify;
pub mod outbox;
pub mod reminders;
pub mod simulator;
pub mod statuses;
pub mod template_sync;
pub mod templates;
pub mod worker;
