//! WhatsApp Business Cloud API (issue 12): the pure rules and wire types. No I/O, no clock (the
//! caller passes `now`), no randomness (the caller passes a random number), so everything here
//! runs the same on the server and in the browser (the template editor and the composer use it
//! for instant feedback) and is unit tested on its own. The HTTP client, the outbox worker and
//! the webhook intake live in `services/whatsapp/`.
pub mod bot;
pub mod campaign;
pub mod errors;
pub mod fuzzy;
pub mod inbound;
pub mod media;
pub mod message;
pub mod message_rules;
pub mod notify;
pub mod outbox;
pub mod pricing;
pub mod signature;
pub mod status;
pub mod template;
pub mod template_api;
pub mod template_edit;
pub mod template_list;
pub mod template_rules;
pub mod template_send;
pub mod vars;
pub mod webhook;
pub mod webhook_message;
/// Sample webhook bodies shaped as in Meta's reference, for the tests.
#[cfg(test)]
mod webhook_samples;
pub mod window;

/// Field-level validation errors as (field, message); empty means valid. Field names are paths
/// such as `body`, `buttons[2].text` or `sections[0].rows[1].title`, so a form can put each
/// message under its input.
pub type FieldErrors = Vec<(String, String)>;

fn push(errors: &mut FieldErrors, field: impl Into<String>, message: impl Into<String>) {
    errors.push((field.into(), message.into()));
}

/// Meta counts limits in characters, not bytes: "₹" or a Devanagari letter is one.
fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Text that must be present and at most `max` characters.
fn check_text(errors: &mut FieldErrors, field: &str, value: &str, max: usize) {
    if value.trim().is_empty() {
        push(errors, field, "Required");
    } else if chars(value) > max {
        push(errors, field, format!("At most {max} characters (now {})", chars(value)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_count_characters_not_bytes() {
        let mut e = FieldErrors::new();
        check_text(&mut e, "title", "बिल भेजो", 8);
        assert!(e.is_empty(), "{e:?}");
        check_text(&mut e, "title", "   ", 8);
        check_text(&mut e, "footer", "abcdefghi", 8);
        assert_eq!(e[0], ("title".into(), "Required".into()));
        assert_eq!(e[1].0, "footer");
        assert!(e[1].1.contains("At most 8"));
    }
}
