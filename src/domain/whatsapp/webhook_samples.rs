//! Webhook bodies shaped as in Meta's webhook reference (ids and numbers made up), used by the
//! tests of `webhook.rs` and `inbound.rs` and good as fixtures for the simulator's tests.

/// A text message from a customer whose phone number is known, with the BSUID Meta adds.
pub const TEXT: &str = r#"{
  "object": "whatsapp_business_account",
  "entry": [{
    "id": "102290129340398",
    "changes": [{
      "value": {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "919812300000", "phone_number_id": "106540352242922"},
        "contacts": [{"profile": {"name": "Asha Verma"}, "wa_id": "919800000001", "user_id": "IN.1410018717833190"}],
        "messages": [{
          "from": "919800000001",
          "from_user_id": "IN.1410018717833190",
          "id": "wamid.HBgMOTE5ODAwMDAwMDAxFQIAEhgUM0FFNTVCQzgxQzNBQUExQzUwMEMA",
          "timestamp": "1764583200",
          "type": "text",
          "text": {"body": "where is my order 1234"}
        }]
      },
      "field": "messages"
    }]
  }]
}"#;

/// Replies to our buttons and list, a template quick reply, media, and types we do not handle.
pub const MIXED: &str = r#"{
  "object": "whatsapp_business_account",
  "entry": [{
    "id": "102290129340398",
    "changes": [{
      "value": {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "919812300000", "phone_number_id": "106540352242922"},
        "contacts": [
          {"profile": {"name": "Asha Verma"}, "wa_id": "919800000001", "user_id": "IN.1410018717833190"},
          {"profile": {"name": "Ravi Traders"}, "wa_id": "919800000002", "user_id": "IN.2298374650019283"}
        ],
        "messages": [
          {"context": {"from": "919812300000", "id": "wamid.PROOF981"},
           "from": "919800000001", "id": "wamid.M1", "timestamp": "1764583201", "type": "interactive",
           "interactive": {"type": "button_reply", "button_reply": {"id": "proof.approve.981", "title": "Approve"}}},
          {"context": {"from": "919812300000", "id": "wamid.MENU1"},
           "from": "919800000002", "id": "wamid.M2", "timestamp": "1764583202", "type": "interactive",
           "interactive": {"type": "list_reply", "list_reply": {"id": "menu.invoice", "title": "Latest invoice", "description": "Get your last bill as PDF"}}},
          {"context": {"from": "919812300000", "id": "wamid.TPL77"},
           "from": "919800000001", "id": "wamid.M3", "timestamp": "1764583203", "type": "button",
           "button": {"payload": "proof.changes.981", "text": "Request changes"}},
          {"from": "919800000002", "id": "wamid.M4", "timestamp": "1764583204", "type": "image",
           "image": {"caption": "logo for order 1234", "mime_type": "image/jpeg", "sha256": "Kx3Z1v1c0Bq0xV5mW8nK3mJqYb9u2yqY2Hq0t9b3m0s=", "id": "1003383421387256"}},
          {"from": "919800000002", "id": "wamid.M5", "timestamp": "1764583205", "type": "document",
           "document": {"caption": "artwork", "filename": "visiting-card.pdf", "mime_type": "application/pdf", "sha256": "3vM2pQ6sUu0yq2oR9nK1d8bX0tZ7cY5wA4eH6jL8mN0=", "id": "1003383421387257"}},
          {"from": "919800000001", "id": "wamid.M6", "timestamp": "1764583206", "type": "sticker",
           "sticker": {"mime_type": "image/webp", "sha256": "abc", "id": "1003383421387258", "animated": false}},
          {"from": "919800000001", "id": "wamid.M7", "timestamp": "1764583207", "type": "reaction",
           "reaction": {"message_id": "wamid.PROOF981", "emoji": "\uD83D\uDC4D"}},
          {"from": "919800000002", "id": "wamid.M8", "timestamp": "1764583208", "type": "unsupported",
           "errors": [{"code": 131051, "title": "Message type unknown", "message": "Message type unknown",
                       "error_data": {"details": "Message type is currently not supported."}}],
           "unsupported": {"type": "edit"}}
        ]
      },
      "field": "messages"
    }]
  }]
}"#;

/// Status callbacks out of order (read before delivered), a duplicate, and a failure.
pub const STATUSES: &str = r#"{
  "object": "whatsapp_business_account",
  "entry": [{
    "id": "102290129340398",
    "changes": [{
      "value": {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "919812300000", "phone_number_id": "106540352242922"},
        "statuses": [
          {"id": "wamid.OUT1", "status": "read", "timestamp": "1764583300",
           "recipient_id": "919800000001", "recipient_user_id": "IN.1410018717833190", "biz_opaque_callback_data": "outbox:8812"},
          {"id": "wamid.OUT1", "status": "delivered", "timestamp": "1764583260", "recipient_id": "919800000001",
           "biz_opaque_callback_data": "outbox:8812",
           "conversation": {"id": "8f1d6b2a3c4e5f60718293a4b5c6d7e8", "origin": {"type": "utility"}},
           "pricing": {"billable": true, "pricing_model": "PMP", "category": "utility", "type": "regular"}},
          {"id": "wamid.OUT1", "status": "delivered", "timestamp": "1764583260", "recipient_id": "919800000001",
           "pricing": {"billable": true, "pricing_model": "PMP", "category": "utility", "type": "regular"}},
          {"id": "wamid.OUT2", "status": "failed", "timestamp": "1764583270", "recipient_id": "919800000002",
           "errors": [{"code": 131050, "title": "Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.",
                       "message": "Unable to deliver the message.", "error_data": {"details": "Recipient stopped marketing messages."}}]}
        ]
      },
      "field": "messages"
    }]
  }]
}"#;

/// A user with a username: no phone number anywhere, only the BSUID.
pub const USER_ID_ONLY: &str = r#"{
  "object": "whatsapp_business_account",
  "entry": [{
    "id": "102290129340398",
    "changes": [{
      "value": {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "919812300000", "phone_number_id": "106540352242922"},
        "contacts": [{"profile": {"name": "Meera", "username": "@meera.prints"}, "user_id": "IN.1648738043044942"}],
        "messages": [{"from_user_id": "IN.1648738043044942", "id": "wamid.U1", "timestamp": "1764583400", "type": "text", "text": {"body": "kab milega"}}]
      },
      "field": "messages"
    }]
  }]
}"#;

/// Marketing stop and resume chosen in WhatsApp (timestamps are numbers here).
pub const PREFERENCES: &str = r#"{
  "object": "whatsapp_business_account",
  "entry": [{
    "id": "102290129340398",
    "changes": [{
      "value": {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "919812300000", "phone_number_id": "106540352242922"},
        "contacts": [{"profile": {"name": "Asha Verma"}, "wa_id": "919800000001", "user_id": "IN.1410018717833190"}],
        "user_preferences": [
          {"wa_id": "919800000001", "user_id": "IN.1410018717833190", "detail": "User requested to stop marketing messages",
           "category": "marketing_messages", "value": "stop", "timestamp": 1764583500},
          {"wa_id": "919800000001", "user_id": "IN.1410018717833190", "detail": "User requested to resume marketing messages",
           "category": "marketing_messages", "value": "resume", "timestamp": 1764669900}
        ]
      },
      "field": "user_preferences"
    }]
  }]
}"#;

/// Template review and quality events, as they arrive for the business account.
pub const TEMPLATE_EVENTS: &str = r#"{
  "object": "whatsapp_business_account",
  "entry": [
    {"id": "102290129340398", "time": 1764583600, "changes": [{"field": "message_template_status_update", "value": {
      "event": "APPROVED", "message_template_id": 1284758392047561, "message_template_name": "order_ready",
      "message_template_language": "en", "reason": "NONE"}}]},
    {"id": "102290129340398", "time": 1764583700, "changes": [{"field": "message_template_quality_update", "value": {
      "previous_quality_score": "GREEN", "new_quality_score": "YELLOW", "message_template_id": "923847563829104",
      "message_template_name": "diwali_offer", "message_template_language": "hi"}}]}
  ]
}"#;
