//! WhatsApp Business Cloud API, server side (issue 12): the webhook intake so far. The pure
//! rules and wire types are in `domain::whatsapp`.
pub mod intake;
