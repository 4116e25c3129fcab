//! Meta's template rules, checked before a template is submitted (a rejection costs a review
//! round-trip of hours) and as staff type in the editor. Each broken rule is one
//! (field, message), so every problem shows at once, under its input.
use super::template::*;
use super::vars::{scan, variables, Var};
use super::{chars, check_text, push, FieldErrors};

impl Template {
    /// Every rule Meta applies on submission, as (field, message).
    pub fn validate(&self) -> FieldErrors {
        let mut e = FieldErrors::new();
        validate_name(&mut e, &self.name);
        if !is_language(&self.language) {
            push(&mut e, "language", "Use a language code such as en, en_US or hi");
        }
        if self.category == Category::Authentication {
            self.validate_authentication(&mut e);
        } else {
            self.validate_content(&mut e);
        }
        self.validate_buttons(&mut e);
        e
    }

    fn validate_authentication(&self, e: &mut FieldErrors) {
        if self.header != Header::None {
            push(e, "header", "Authentication templates have no header");
        }
        match self.code_expiration_minutes {
            Some(m) if m == 0 || m > CODE_EXPIRY_MAX => {
                push(e, "code_expiration_minutes", format!("Between 1 and {CODE_EXPIRY_MAX} minutes"))
            }
            _ => {}
        }
        let otp = self.buttons.iter().filter(|b| matches!(b, Button::Otp { .. })).count();
        if otp != 1 || self.buttons.len() != 1 {
            push(e, "buttons", "Authentication templates have exactly one copy-code button");
        }
    }

    fn validate_content(&self, e: &mut FieldErrors) {
        let mut named_seen = None::<bool>;
        if let Header::Text { text } = &self.header {
            check_text(e, "header", text, HEADER_TEXT_MAX);
            let (vars, bad) = scan(text);
            report_malformed(e, "header", &bad);
            if vars.len() > 1 {
                push(e, "header", "A header can have at most one variable");
            } else if let Some(p) = vars.first() {
                named_seen = Some(matches!(p.var, Var::Named(_)));
                if p.var == Var::Positional(1) || matches!(p.var, Var::Named(_)) {
                    if self.header_example.as_deref().unwrap_or("").trim().is_empty() {
                        push(e, "header_example", "Give a sample value for the header variable");
                    }
                } else {
                    push(e, "header", "The header variable must be {{1}}");
                }
            }
        }
        check_text(e, "body", &self.body, BODY_MAX);
        let (vars, bad) = scan(&self.body);
        report_malformed(e, "body", &bad);
        let named = vars.iter().filter(|p| matches!(p.var, Var::Named(_))).count();
        if named > 0 && named < vars.len() {
            push(e, "body", "Use either numbered {{1}} or named {{customer_name}} variables, not both");
        } else if let (Some(h), Some(first)) = (named_seen, vars.first()) {
            if h != matches!(first.var, Var::Named(_)) {
                push(e, "body", "Header and body must use the same kind of variables");
            }
        }
        let mut numbers: Vec<u32> =
            vars.iter().filter_map(|p| if let Var::Positional(n) = p.var { Some(n) } else { None }).collect();
        numbers.sort_unstable();
        numbers.dedup();
        if let Some(gap) = (1..).zip(numbers.iter()).find(|(want, got)| want != *got) {
            push(
                e,
                "body",
                format!("Variables must be numbered from {{{{1}}}} without gaps: {{{{{}}}}} is missing", gap.0),
            );
        }
        let trimmed_start = self.body.len() - self.body.trim_start().len();
        let trimmed_end = self.body.trim_end().len();
        if vars.first().is_some_and(|p| p.start == trimmed_start) {
            push(e, "body", "The body cannot start with a variable");
        }
        if vars.last().is_some_and(|p| p.end == trimmed_end) {
            push(e, "body", "The body cannot end with a variable");
        }
        for v in variables(&self.body) {
            if self.body_examples.get(&v.key()).is_none_or(|s| s.trim().is_empty()) {
                push(e, format!("body_examples.{}", v.key()), format!("Give a sample value for {{{{{}}}}}", v.key()));
            }
        }
        if let Some(f) = &self.footer {
            check_text(e, "footer", f, FOOTER_MAX);
            if f.contains("{{") {
                push(e, "footer", "A footer cannot have variables");
            }
        }
    }

    fn validate_buttons(&self, e: &mut FieldErrors) {
        let b = &self.buttons;
        if b.len() > BUTTONS_MAX {
            push(e, "buttons", format!("At most {BUTTONS_MAX} buttons"));
        }
        if b.iter().filter(|x| matches!(x, Button::Url { .. })).count() > URL_BUTTONS_MAX {
            push(e, "buttons", format!("At most {URL_BUTTONS_MAX} website buttons"));
        }
        if b.iter().filter(|x| matches!(x, Button::PhoneNumber { .. })).count() > PHONE_BUTTONS_MAX {
            push(e, "buttons", "At most one phone-number button");
        }
        // Quick replies form one group and the other buttons another: the kind may switch once.
        let switches = b.windows(2).filter(|w| is_quick(&w[0]) != is_quick(&w[1])).count();
        if switches > 1 {
            push(e, "buttons", "Keep quick-reply buttons together, before or after the other buttons");
        }
        let auth = self.category == Category::Authentication;
        for (i, button) in b.iter().enumerate() {
            let field = format!("buttons[{i}]");
            check_text(e, &format!("{field}.text"), button.text(), BUTTON_TEXT_MAX);
            match button {
                Button::Url { url, example, .. } => check_url(e, &field, url, example.as_deref()),
                Button::PhoneNumber { phone_number, .. } => {
                    let digits = phone_number.strip_prefix('+').unwrap_or(phone_number);
                    if !(8..=15).contains(&digits.len()) || !digits.bytes().all(|c| c.is_ascii_digit()) {
                        push(
                            e,
                            format!("{field}.phone_number"),
                            "Use the full number with country code, e.g. +919800000001",
                        );
                    }
                }
                Button::Otp { .. } if !auth => {
                    push(e, format!("{field}.type"), "Copy-code buttons belong to authentication templates")
                }
                _ => {}
            }
        }
    }
}

fn is_quick(b: &Button) -> bool {
    matches!(b, Button::QuickReply { .. })
}

fn check_url(e: &mut FieldErrors, field: &str, url: &str, example: Option<&str>) {
    if !(url.starts_with("https://") || url.starts_with("http://")) || chars(url) > URL_MAX {
        push(e, format!("{field}.url"), format!("A web address starting with https:// (at most {URL_MAX} characters)"));
        return;
    }
    let (vars, bad) = scan(url);
    report_malformed(e, &format!("{field}.url"), &bad);
    if vars.len() > 1 || vars.first().is_some_and(|p| p.end != url.len() || p.var != Var::Positional(1)) {
        push(e, format!("{field}.url"), "A web address can only end in one variable, {{1}}");
    } else if !vars.is_empty() && !example.is_some_and(|x| x.starts_with("http")) {
        push(e, format!("{field}.example"), "Give a sample web address with the variable filled in");
    }
}

fn report_malformed(e: &mut FieldErrors, field: &str, bad: &[String]) {
    for b in bad {
        push(
            e,
            field,
            format!("{b} is not a valid variable: use {{{{1}}}} or a lower-case name like {{{{customer_name}}}}"),
        );
    }
}

/// Lower-case letters, digits and underscores, at most 512 characters.
pub fn validate_name(e: &mut FieldErrors, name: &str) {
    if name.is_empty() {
        push(e, "name", "Required");
    } else if name.len() > NAME_MAX {
        push(e, "name", format!("At most {NAME_MAX} characters"));
    } else if !name.bytes().all(|c| matches!(c, b'a'..=b'z' | b'0'..=b'9' | b'_')) {
        push(e, "name", "Only lower-case letters, digits and underscores, e.g. order_ready_2");
    }
}

/// "en", "hi", "fil", "en_US", "pt_BR".
pub fn is_language(code: &str) -> bool {
    let (lang, region) = match code.split_once('_') {
        Some((lang, region)) => (lang, Some(region)),
        None => (code, None),
    };
    (2..=3).contains(&lang.len())
        && lang.bytes().all(|c| c.is_ascii_lowercase())
        && region.is_none_or(|r| r.len() == 2 && r.bytes().all(|c| c.is_ascii_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::super::template::tests::order_ready;
    use super::*;

    fn fields(t: &Template) -> Vec<String> {
        t.validate().into_iter().map(|(f, _)| f).collect()
    }

    fn message_for(t: &Template, field: &str) -> String {
        let e = t.validate();
        e.iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.clone())
            .unwrap_or_else(|| panic!("no error for {field}: {e:?}"))
    }

    fn with_body(body: &str, samples: &[(&str, &str)]) -> Template {
        let mut t = order_ready();
        t.body = body.into();
        t.body_examples = samples.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        t
    }

    #[test]
    fn a_good_template_passes() {
        assert_eq!(order_ready().validate(), vec![]);
    }

    #[test]
    fn names_are_lower_case_digits_and_underscores_up_to_512() {
        for bad in ["", "Order_Ready", "order ready", "order-ready", "ऑर्डर"] {
            let mut t = order_ready();
            t.name = bad.into();
            assert_eq!(fields(&t), vec!["name"], "{bad:?}");
        }
        let mut t = order_ready();
        t.name = "a".repeat(512);
        assert!(t.validate().is_empty());
        t.name.push('a');
        assert!(message_for(&t, "name").contains("512"));
    }

    #[test]
    fn language_codes() {
        for good in ["en", "hi", "en_US", "pt_BR", "fil"] {
            assert!(is_language(good), "{good}");
        }
        for bad in ["", "EN", "en-US", "en_us", "en_", "english"] {
            assert!(!is_language(bad), "{bad}");
        }
    }

    #[test]
    fn header_text_is_at_most_60_characters_with_at_most_one_variable() {
        let mut t = order_ready();
        t.header = Header::Text { text: "x".repeat(61) };
        assert!(message_for(&t, "header").contains("60"));
        t.header = Header::Text { text: "{{1}} and {{2}}".into() };
        assert!(message_for(&t, "header").contains("one variable"));
        t.header = Header::Text { text: "Order {{2}}".into() };
        assert!(message_for(&t, "header").contains("{{1}}"));
        t.header = Header::Text { text: "Order {{1}}".into() };
        t.header_example = None;
        assert_eq!(fields(&t), vec!["header_example"]);
    }

    #[test]
    fn body_is_required_and_at_most_1024_characters() {
        assert_eq!(message_for(&with_body("  ", &[]), "body"), "Required");
        assert!(message_for(&with_body(&"x".repeat(1025), &[]), "body").contains("1024"));
        assert!(with_body(&"ब".repeat(1024), &[]).validate().is_empty());
    }

    #[test]
    fn variables_are_numbered_without_gaps() {
        let t = with_body("Hi {{1}}, order {{3}} is ready.", &[("1", "a"), ("3", "c")]);
        assert_eq!(message_for(&t, "body"), "Variables must be numbered from {{1}} without gaps: {{2}} is missing");
        let t = with_body("Hi {{2}}, order {{3}} is ready.", &[("2", "a"), ("3", "c")]);
        assert!(message_for(&t, "body").contains("{{1}} is missing"));
        // Reusing a number and any order of appearance are fine.
        assert!(with_body("Hi {{2}}, {{1}} and {{2}} again.", &[("1", "a"), ("2", "b")]).validate().is_empty());
    }

    #[test]
    fn variables_may_not_open_or_close_the_body() {
        let t = with_body("{{1}}, your order is ready.", &[("1", "Asha")]);
        assert_eq!(message_for(&t, "body"), "The body cannot start with a variable");
        let t = with_body("  Your order is ready, {{1}}  ", &[("1", "Asha")]);
        assert_eq!(message_for(&t, "body"), "The body cannot end with a variable");
        assert!(with_body("Your order is ready, {{1}}.", &[("1", "Asha")]).validate().is_empty());
    }

    #[test]
    fn named_variables_are_the_alternative_but_not_mixed() {
        let mut t = with_body(
            "Hi {{customer_name}}, order {{order_no}} is ready.",
            &[("customer_name", "Asha"), ("order_no", "42")],
        );
        t.header = Header::Text { text: "Order {{order_no}}".into() };
        assert_eq!(t.validate(), vec![]);
        let t = with_body("Hi {{customer_name}}, order {{1}} is ready.", &[("customer_name", "Asha"), ("1", "42")]);
        assert!(message_for(&t, "body").contains("not both"));
        let t = with_body("Hi {{Customer}}, your order is ready.", &[]);
        assert!(message_for(&t, "body").contains("{{Customer}} is not a valid variable"));
        let mut t = with_body("Hi {{customer_name}}, ready.", &[("customer_name", "Asha")]);
        t.header = Header::Text { text: "Order {{1}}".into() };
        assert!(message_for(&t, "body").contains("same kind"));
    }

    #[test]
    fn every_variable_needs_a_sample() {
        let t = with_body("Hi {{1}}, order {{2}} is ready.", &[("1", "Asha"), ("2", " ")]);
        assert_eq!(fields(&t), vec!["body_examples.2"]);
    }

    #[test]
    fn footer_is_at_most_60_characters_without_variables() {
        let mut t = order_ready();
        t.footer = Some("f".repeat(61));
        assert!(message_for(&t, "footer").contains("60"));
        t.footer = Some("Call {{1}}".into());
        assert!(message_for(&t, "footer").contains("cannot have variables"));
    }

    fn quick(n: usize) -> Vec<Button> {
        (0..n).map(|i| Button::QuickReply { text: format!("Reply {i}") }).collect()
    }

    fn url(u: &str, example: Option<&str>) -> Button {
        Button::Url { text: "Track order".into(), url: u.into(), example: example.map(Into::into) }
    }

    fn phone() -> Button {
        Button::PhoneNumber { text: "Call us".into(), phone_number: "+919800000001".into() }
    }

    #[test]
    fn at_most_10_buttons_2_urls_and_1_phone() {
        let mut t = order_ready();
        t.buttons = quick(10);
        assert!(t.validate().is_empty());
        t.buttons = quick(11);
        assert!(message_for(&t, "buttons").contains("10"));
        t.buttons = vec![url("https://a.in", None), url("https://b.in", None), url("https://c.in", None)];
        assert!(message_for(&t, "buttons").contains("2 website"));
        t.buttons = vec![phone(), phone()];
        assert!(message_for(&t, "buttons").contains("one phone"));
    }

    #[test]
    fn quick_replies_are_grouped() {
        let mut t = order_ready();
        let mut b = quick(2);
        b.extend([url("https://a.in", None), phone()]);
        t.buttons = b.clone();
        assert!(t.validate().is_empty(), "quick replies first");
        b.rotate_left(2);
        t.buttons = b;
        assert!(t.validate().is_empty(), "quick replies last");
        t.buttons = vec![quick(1)[0].clone(), url("https://a.in", None), quick(1)[0].clone()];
        assert!(message_for(&t, "buttons").contains("together"));
        t.buttons = vec![url("https://a.in", None), quick(1)[0].clone(), phone()];
        assert!(message_for(&t, "buttons").contains("together"));
    }

    #[test]
    fn button_texts_urls_and_phone_numbers() {
        let mut t = order_ready();
        t.buttons = vec![Button::QuickReply { text: "x".repeat(26) }];
        assert!(message_for(&t, "buttons[0].text").contains("25"));
        t.buttons = vec![url("ftp://shop.in", None)];
        assert!(message_for(&t, "buttons[0].url").contains("https://"));
        t.buttons = vec![url("https://shop.in/{{1}}/track", Some("https://shop.in/42/track"))];
        assert!(message_for(&t, "buttons[0].url").contains("only end"));
        t.buttons = vec![url("https://shop.in/o/{{1}}", None)];
        assert_eq!(fields(&t), vec!["buttons[0].example"]);
        t.buttons = vec![url("https://shop.in/o/{{1}}", Some("https://shop.in/o/42"))];
        assert!(t.validate().is_empty());
        t.buttons = vec![Button::PhoneNumber { text: "Call".into(), phone_number: "98000".into() }];
        assert_eq!(fields(&t), vec!["buttons[0].phone_number"]);
        t.buttons = vec![Button::Otp { text: "Copy code".into() }];
        assert_eq!(fields(&t), vec!["buttons[0].type"]);
    }

    fn otp_template() -> Template {
        Template {
            name: "portal_login_code".into(),
            category: Category::Authentication,
            header: Header::None,
            body: String::new(),
            footer: None,
            buttons: vec![Button::Otp { text: "Copy code".into() }],
            add_security_recommendation: true,
            code_expiration_minutes: Some(10),
            ..order_ready()
        }
    }

    #[test]
    fn authentication_templates_have_one_copy_code_button_and_no_header() {
        assert_eq!(otp_template().validate(), vec![]);
        let mut t = otp_template();
        t.header = Header::Text { text: "Login".into() };
        t.buttons.push(Button::QuickReply { text: "Not me".into() });
        t.code_expiration_minutes = Some(91);
        assert_eq!(fields(&t), vec!["header", "code_expiration_minutes", "buttons"]);
        t.buttons.clear();
        assert!(message_for(&t, "buttons").contains("exactly one"));
    }
}
