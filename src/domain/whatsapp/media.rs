//! Files customers send on WhatsApp: what became of each, and the limits we keep.
use crate::domain::order::text_enum;
use serde::{Deserialize, Serialize};

/// The largest photo or document kept from a chat. Meta allows 5 MB photos and 100 MB
/// documents; a print file that large belongs in a proper upload, not a chat.
pub const MAX_BYTES: usize = 16 * 1024 * 1024;

/// How long a file that Meta could not give us is tried again before it is recorded as
/// failed (the media id itself stays valid for 30 days; a short outage should not lose it).
pub const RETRY_FOR_SECS: i64 = 10 * 60;

text_enum!(FileStatus {
    Stored = "stored": "Stored",
    // Not a PNG, JPEG or PDF by its content, damaged, or over MAX_BYTES.
    Refused = "refused": "Refused",
    // Meta would not give it to us (gone, or kept failing).
    Failed = "failed": "Could not be fetched",
});

/// The name a file is shown and downloaded under: the sender's when it has a usable one,
/// else one made from the kind and the time it came.
pub fn display_name(sent: Option<&str>, mime: &str, received: chrono::DateTime<chrono::Utc>) -> String {
    let usable = sent.map(str::trim).filter(|n| {
        !n.is_empty() && n.chars().count() <= 150 && !n.contains('/') && !n.contains('\\') && !n.contains("..") && !n.chars().any(char::is_control)
    });
    if let Some(n) = usable {
        return n.to_string();
    }
    let ext = match mime {
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "application/pdf" => "pdf",
        _ => "bin",
    };
    let kind = if mime.starts_with("image/") { "photo" } else { "document" };
    format!("whatsapp-{kind}-{}.{ext}", received.format("%Y%m%d-%H%M%S"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_the_sender_unless_they_are_unsafe() {
        let at = chrono::DateTime::parse_from_rfc3339("2026-12-03T10:05:09Z").unwrap().with_timezone(&chrono::Utc);
        assert_eq!(display_name(Some(" logo.pdf "), "application/pdf", at), "logo.pdf");
        assert_eq!(display_name(Some("../etc/passwd"), "application/pdf", at), "whatsapp-document-20261203-100509.pdf");
        assert_eq!(display_name(None, "image/jpeg", at), "whatsapp-photo-20261203-100509.jpg");
        assert_eq!(display_name(Some(""), "image/png", at), "whatsapp-photo-20261203-100509.png");
        assert_eq!(FileStatus::parse("refused"), Some(FileStatus::Refused));
    }
}
