//! Managing submitted templates: what an edit may change, and Meta's rule errors in the shape
//! the forms read. Used by the template service and, for instant feedback, by the editor.
use super::template::Template;
use super::FieldErrors as RuleErrors;
use crate::domain::validate::FieldErrors;

/// What an edit may not change. Meta keys a template by name and language and refuses to
/// rename it; the edit request carries the components only, so a new category would be lost.
pub fn edit_changes(stored: &Template, edited: &Template) -> RuleErrors {
    let mut e = RuleErrors::new();
    let fixed = "cannot change once submitted: create a new template instead";
    if stored.name != edited.name {
        e.push(("name".into(), format!("The name {fixed}")));
    }
    if stored.language != edited.language {
        e.push(("language".into(), format!("The language {fixed}")));
    }
    if stored.category != edited.category {
        e.push(("category".into(), format!("The category {fixed}")));
    }
    e
}

/// Rule errors as form errors. A field with several broken rules keeps every message (joined),
/// so fixing one does not reveal the next only after another round-trip.
pub fn form_errors(errors: RuleErrors) -> FieldErrors {
    let mut out = FieldErrors::new();
    for (field, message) in errors {
        match out.0.iter_mut().find(|e| e.field == field) {
            Some(e) => {
                e.message.push_str("; ");
                e.message.push_str(&message);
            }
            None => out.add(field, message),
        }
    }
    out
}

/// Every problem of `edited` as form errors: Meta's rules, and for an edit what may not change.
pub fn check(stored: Option<&Template>, edited: &Template) -> FieldErrors {
    let mut e = edited.validate();
    if let Some(stored) = stored {
        e.extend(edit_changes(stored, edited));
    }
    form_errors(e)
}

#[cfg(test)]
mod tests {
    use super::super::template::tests::order_ready;
    use super::super::template::{Category, Header};
    use super::*;

    #[test]
    fn an_edit_keeps_name_language_and_category() {
        let stored = order_ready();
        let mut t = stored.clone();
        t.body = "Hello {{1}}, order {{2}} for {{3}} is ready.".into();
        t.header = Header::None;
        assert!(check(Some(&stored), &t).is_empty(), "content may change");
        t.name = "order_ready_2".into();
        t.language = "hi".into();
        t.category = Category::Marketing;
        let e = check(Some(&stored), &t);
        let fields: Vec<&str> = e.0.iter().map(|x| x.field.as_str()).collect();
        assert_eq!(fields, ["name", "language", "category"]);
        assert!(e.get("name").unwrap().contains("create a new template"));
        assert!(check(None, &t).is_empty(), "a new template may be anything valid");
    }

    #[test]
    fn several_messages_for_one_field_are_all_kept() {
        let mut t = order_ready();
        t.body = "{{1}} and {{3}}".into();
        let e = check(None, &t);
        let body = e.get("body").unwrap();
        assert!(body.contains("{{2}} is missing"), "{body}");
        assert!(body.contains("cannot start"), "{body}");
        assert!(body.contains("cannot end"), "{body}");
        assert_eq!(e.0.iter().filter(|x| x.field == "body").count(), 1);
    }
}
