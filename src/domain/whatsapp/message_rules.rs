//! Meta's limits for outgoing messages, checked before a message enters the outbox: a message
//! Meta would refuse (error 100 / 131009) fails at once with a clear field error instead of
//! after a round of retries.
use super::message::*;
use super::{chars, check_text, push, FieldErrors};
use std::collections::HashSet;

impl Outgoing {
    /// Meta's limits, as (field, message); empty means it can be sent.
    pub fn validate(&self) -> FieldErrors {
        let mut e = FieldErrors::new();
        match &self.to {
            Recipient::Phone(p) => {
                let d = p.strip_prefix('+').unwrap_or(p);
                if !(8..=15).contains(&d.len()) || !d.bytes().all(|c| c.is_ascii_digit()) {
                    push(&mut e, "to", "A WhatsApp number with country code, e.g. 919800000001");
                }
            }
            Recipient::UserId(id) => {
                if !is_user_id(id) {
                    push(&mut e, "to", "A business-scoped user id such as IN.1648738043044942");
                }
            }
        }
        if self.callback_data.as_deref().is_some_and(|d| chars(d) > CALLBACK_DATA_MAX) {
            push(&mut e, "callback_data", format!("At most {CALLBACK_DATA_MAX} characters"));
        }
        match &self.body {
            Body::Text { body, .. } => check_text(&mut e, "body", body, TEXT_MAX),
            Body::Template(t) => validate_template(&mut e, t),
            Body::Image { media, caption } | Body::Document { media, caption, .. } => {
                check_media(&mut e, "media", media);
                if let Some(c) = caption {
                    check_text(&mut e, "caption", c, CAPTION_MAX);
                }
            }
            Body::Buttons(b) => validate_buttons(&mut e, b),
            Body::List(l) => validate_list(&mut e, l),
        }
        e
    }

    /// The request body, or every reason it cannot be sent.
    pub fn build(&self) -> Result<serde_json::Value, FieldErrors> {
        let e = self.validate();
        if e.is_empty() {
            Ok(self.to_json())
        } else {
            Err(e)
        }
    }
}

/// "IN.1648738043044942", "US.ENT.11815799212886844830".
pub fn is_user_id(id: &str) -> bool {
    let mut parts = id.split('.');
    let country = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    let tail = match rest.as_slice() {
        [t] => t,
        ["ENT", t] => t,
        _ => return false,
    };
    country.len() == 2
        && country.bytes().all(|c| c.is_ascii_uppercase())
        && (1..=128).contains(&tail.len())
        && tail.bytes().all(|c| c.is_ascii_alphanumeric())
}

fn check_media(e: &mut FieldErrors, field: &str, m: &MediaRef) {
    match m {
        MediaRef::Id(id) if id.trim().is_empty() => push(e, field, "Upload the file first"),
        MediaRef::Link(l) if !l.starts_with("https://") && !l.starts_with("http://") => {
            push(e, field, "A public link starting with https://")
        }
        _ => {}
    }
}

/// Meta refuses parameters with line breaks, tabs or more than 4 spaces in a row (132018).
fn check_param(e: &mut FieldErrors, field: &str, text: &str) {
    if text.trim().is_empty() {
        push(e, field, "Required");
    } else if text.contains(['\n', '\r', '\t']) || text.contains("     ") {
        push(e, field, "No line breaks, tabs or more than 4 spaces in a row");
    }
}

fn validate_template(e: &mut FieldErrors, t: &TemplateMessage) {
    check_text(e, "template.name", &t.name, super::template::NAME_MAX);
    check_text(e, "template.language", &t.language, 15);
    let mut params: Vec<&Param> = t.body.iter().collect();
    match &t.header {
        Some(HeaderParam::Text { param }) => params.push(param),
        Some(HeaderParam::Image { media } | HeaderParam::Document { media, .. }) => check_media(e, "header", media),
        None => {}
    }
    if params.iter().any(|p| p.name.is_some()) && params.iter().any(|p| p.name.is_none()) {
        push(e, "body", "Parameters are either all named or all positional");
    }
    for (i, p) in t.body.iter().enumerate() {
        check_param(e, &format!("body[{i}]"), &p.text);
    }
    if let Some(HeaderParam::Text { param }) = &t.header {
        check_param(e, "header", &param.text);
    }
    for b in &t.buttons {
        let (ButtonParam::QuickReply { index, payload: s } | ButtonParam::Url { index, text: s }) = b;
        if s.is_empty() {
            push(e, format!("buttons[{index}]"), "Required");
        }
    }
}

fn check_interactive(e: &mut FieldErrors, header: &Option<String>, body: &str, footer: &Option<String>) {
    if let Some(h) = header {
        check_text(e, "header", h, INTERACTIVE_HEADER_MAX);
    }
    check_text(e, "body", body, INTERACTIVE_BODY_MAX);
    if let Some(f) = footer {
        check_text(e, "footer", f, INTERACTIVE_FOOTER_MAX);
    }
}

fn check_id(e: &mut FieldErrors, field: String, id: &str, max: usize, seen: &mut HashSet<String>) {
    if id.is_empty() || chars(id) > max {
        push(e, field, format!("An id of 1 to {max} characters"));
    } else if !seen.insert(id.to_string()) {
        push(e, field, "Ids must be unique");
    }
}

fn validate_buttons(e: &mut FieldErrors, b: &ReplyButtons) {
    check_interactive(e, &b.header, &b.body, &b.footer);
    if b.buttons.is_empty() || b.buttons.len() > REPLY_BUTTONS_MAX {
        push(e, "buttons", format!("1 to {REPLY_BUTTONS_MAX} buttons"));
    }
    let (mut ids, mut titles) = (HashSet::new(), HashSet::new());
    for (i, x) in b.buttons.iter().enumerate() {
        check_id(e, format!("buttons[{i}].id"), &x.id, REPLY_ID_MAX, &mut ids);
        check_text(e, &format!("buttons[{i}].title"), &x.title, REPLY_TITLE_MAX);
        if !titles.insert(x.title.trim().to_lowercase()) {
            push(e, format!("buttons[{i}].title"), "Button titles must be different");
        }
    }
}

fn validate_list(e: &mut FieldErrors, l: &ListMessage) {
    check_interactive(e, &l.header, &l.body, &l.footer);
    check_text(e, "button", &l.button, LIST_BUTTON_MAX);
    if l.sections.is_empty() || l.sections.len() > LIST_SECTIONS_MAX {
        push(e, "sections", format!("1 to {LIST_SECTIONS_MAX} sections"));
    }
    let rows: usize = l.sections.iter().map(|s| s.rows.len()).sum();
    if rows == 0 || rows > LIST_ROWS_MAX {
        push(e, "sections", format!("1 to {LIST_ROWS_MAX} rows in all (now {rows})"));
    }
    let mut ids = HashSet::new();
    for (i, s) in l.sections.iter().enumerate() {
        match &s.title {
            Some(t) => check_text(e, &format!("sections[{i}].title"), t, SECTION_TITLE_MAX),
            None if l.sections.len() > 1 => {
                push(e, format!("sections[{i}].title"), "Each section needs a title when there are several")
            }
            None => {}
        }
        if s.rows.is_empty() {
            push(e, format!("sections[{i}].rows"), "A section needs at least one row");
        }
        for (j, r) in s.rows.iter().enumerate() {
            let f = format!("sections[{i}].rows[{j}]");
            check_id(e, format!("{f}.id"), &r.id, ROW_ID_MAX, &mut ids);
            check_text(e, &format!("{f}.title"), &r.title, ROW_TITLE_MAX);
            if let Some(d) = &r.description {
                if chars(d) > ROW_DESCRIPTION_MAX {
                    push(e, format!("{f}.description"), format!("At most {ROW_DESCRIPTION_MAX} characters"));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::message::tests::proof_buttons;
    use super::*;

    fn to(body: Body) -> Outgoing {
        Outgoing::new(Recipient::Phone("919800000001".into()), body)
    }

    fn fields(m: &Outgoing) -> Vec<String> {
        m.validate().into_iter().map(|(f, _)| f).collect()
    }

    fn row(id: &str) -> Row {
        Row { id: id.into(), title: format!("Row {id}"), description: None }
    }

    fn list(sections: Vec<Section>) -> Outgoing {
        to(Body::List(ListMessage {
            header: None,
            body: "Choose".into(),
            footer: None,
            button: "Menu".into(),
            sections,
        }))
    }

    #[test]
    fn recipients() {
        for good in ["919800000001", "+919800000001", "14155552671"] {
            assert!(Outgoing::text(Recipient::Phone(good.into()), "hi").validate().is_empty(), "{good}");
        }
        for bad in ["98000", "+91 98000 00001", "abc"] {
            assert_eq!(fields(&Outgoing::text(Recipient::Phone(bad.into()), "hi")), vec!["to"], "{bad}");
        }
        assert!(is_user_id("IN.1648738043044942") && is_user_id("US.ENT.11815799212886844830"));
        for bad in ["", "IN", "in.123", "IN.", "IN.12-3", "IN.X.123", "IND.123"] {
            assert!(!is_user_id(bad), "{bad}");
        }
    }

    #[test]
    fn callback_data_is_at_most_512_characters() {
        let mut m = Outgoing::text(Recipient::Phone("919800000001".into()), "hi");
        m.callback_data = Some("x".repeat(512));
        assert!(m.validate().is_empty());
        m.callback_data = Some("x".repeat(513));
        assert_eq!(fields(&m), vec!["callback_data"]);
    }

    #[test]
    fn text_and_captions() {
        assert_eq!(
            to(Body::Text { body: " ".into(), preview_url: false }).validate()[0],
            ("body".into(), "Required".into())
        );
        assert_eq!(fields(&to(Body::Text { body: "x".repeat(4097), preview_url: false })), vec!["body"]);
        assert!(to(Body::Text { body: "x".repeat(4096), preview_url: false }).validate().is_empty());
        let img =
            to(Body::Image { media: MediaRef::Link("file:///tmp/a.jpg".into()), caption: Some("c".repeat(1025)) });
        assert_eq!(fields(&img), vec!["media", "caption"]);
        let doc = to(Body::Document { media: MediaRef::Id("".into()), caption: None, filename: Some("a.pdf".into()) });
        assert_eq!(fields(&doc), vec!["media"]);
    }

    #[test]
    fn reply_buttons_one_to_three_titles_20_unique_ids_256() {
        assert!(to(Body::Buttons(proof_buttons())).validate().is_empty());
        let mut b = proof_buttons();
        b.buttons.clear();
        assert_eq!(fields(&to(Body::Buttons(b.clone()))), vec!["buttons"]);
        b.buttons = (0..4).map(|i| ReplyButton { id: format!("b{i}"), title: format!("B{i}") }).collect();
        assert_eq!(fields(&to(Body::Buttons(b.clone()))), vec!["buttons"]);
        b.buttons = vec![
            ReplyButton { id: "same".into(), title: "A title that is too long".into() },
            ReplyButton { id: "same".into(), title: "OK".into() },
            ReplyButton { id: "x".repeat(257), title: "ok".into() },
        ];
        assert_eq!(
            fields(&to(Body::Buttons(b))),
            vec!["buttons[0].title", "buttons[1].id", "buttons[2].id", "buttons[2].title"]
        );
        let mut b = proof_buttons();
        b.header = Some("h".repeat(61));
        b.footer = Some("f".repeat(61));
        b.body = "b".repeat(1025);
        assert_eq!(fields(&to(Body::Buttons(b))), vec!["header", "body", "footer"]);
    }

    #[test]
    fn lists_at_most_10_rows_with_short_titles_and_descriptions() {
        let ok = list(vec![Section { title: None, rows: (0..10).map(|i| row(&i.to_string())).collect() }]);
        assert!(ok.validate().is_empty());
        let eleven = list(vec![
            Section { title: Some("Orders".into()), rows: (0..6).map(|i| row(&i.to_string())).collect() },
            Section { title: Some("Shop".into()), rows: (6..11).map(|i| row(&i.to_string())).collect() },
        ]);
        assert!(eleven.validate()[0].1.contains("now 11"));
        let mut long = row("a");
        long.title = "t".repeat(25);
        long.description = Some("d".repeat(73));
        let bad = list(vec![
            Section { title: Some("s".repeat(25)), rows: vec![long, row("a")] },
            Section { title: None, rows: vec![] },
        ]);
        assert_eq!(
            fields(&bad),
            vec![
                "sections[0].title",
                "sections[0].rows[0].title",
                "sections[0].rows[0].description",
                "sections[0].rows[1].id",
                "sections[1].title",
                "sections[1].rows"
            ]
        );
        let mut m = list(vec![Section { title: None, rows: vec![row("a")] }]);
        if let Body::List(l) = &mut m.body {
            l.button = "A button label too long".into();
        }
        assert_eq!(fields(&m), vec!["button"]);
        assert_eq!(fields(&list(vec![])), vec!["sections", "sections"]);
    }

    #[test]
    fn template_parameters_follow_metas_text_rules() {
        let t = |body: Vec<Param>, buttons: Vec<ButtonParam>| {
            to(Body::Template(TemplateMessage {
                name: "order_ready".into(),
                language: "en".into(),
                header: None,
                body,
                buttons,
            }))
        };
        let p = |name: Option<&str>, text: &str| Param { name: name.map(Into::into), text: text.into() };
        assert!(t(vec![p(None, "Asha"), p(None, "   four")], vec![]).validate().is_empty());
        assert_eq!(
            fields(&t(
                vec![p(None, "two\nlines"), p(None, "tab\there"), p(None, "five     spaces"), p(None, "")],
                vec![]
            )),
            vec!["body[0]", "body[1]", "body[2]", "body[3]"]
        );
        assert_eq!(fields(&t(vec![p(Some("customer_name"), "Asha"), p(None, "42")], vec![])), vec!["body"]);
        assert_eq!(fields(&t(vec![], vec![ButtonParam::Url { index: 1, text: String::new() }])), vec!["buttons[1]"]);
        let built = t(vec![p(None, "Asha")], vec![]).build().unwrap();
        assert_eq!(built["type"], "template");
        assert!(t(vec![p(None, "")], vec![]).build().is_err());
    }
}
