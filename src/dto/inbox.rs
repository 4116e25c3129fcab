//! The staff WhatsApp inbox: conversations, one thread, and what the composer may send.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conversation {
    pub contact_id: i32,
    pub name: String,
    /// "+91 98765 43210", or the BSUID for users known without a phone.
    pub address: String,
    pub customer_id: Option<i32>,
    pub customer_name: Option<String>,
    pub unread: i32,
    pub last_text: String,
    /// RFC 3339.
    pub last_message_at: Option<String>,
    pub assigned_to: Option<i32>,
    pub assigned_name: Option<String>,
    /// A person took the chat: the bot is quiet.
    pub bot_muted: bool,
    pub window_open: bool,
    pub marketing_stopped: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatLine {
    /// From the customer.
    pub incoming: bool,
    pub text: String,
    pub at: String,
    /// Outgoing: queued/sending/sent/failed, and Meta's delivered/read.
    pub status: String,
    /// Outgoing: bot, staff, order update, ...
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderBrief {
    pub id: i32,
    pub number: String,
    pub status: String,
    pub total: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thread {
    pub conversation: Conversation,
    pub lines: Vec<ChatLine>,
    /// What the composer may send now ("Inside the 24-hour window: free text allowed ...").
    pub composer_hint: String,
    /// Approved templates staff may send outside the window: (name, language, body text).
    pub templates: Vec<(String, String, String)>,
    pub orders: Vec<OrderBrief>,
    /// Staff who can be assigned: (id, name).
    pub staff: Vec<(i32, String)>,
}
