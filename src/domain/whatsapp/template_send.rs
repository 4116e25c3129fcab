//! From a template and one recipient's values to the parameters of a template message, in
//! the order Meta expects. A campaign builds one per recipient; a missing value is an error
//! here rather than a message with a hole in it (or error 132000 from Meta after sending).
use super::message::{ButtonParam, HeaderParam, Param, TemplateMessage};
use super::template::{Button, Category, Header, Template};
use super::vars::{variables, Var};
use super::{push, FieldErrors};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Per-recipient values for `TemplateMessage::from_template`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TemplateValues {
    pub header: Option<HeaderParam>,
    /// Keyed like the template's samples: "1", "2" or "customer_name". For an AUTHENTICATION
    /// template, "1" is the code.
    pub body: BTreeMap<String, String>,
    /// By button index: the URL suffix of URL buttons with a variable.
    pub url_suffixes: BTreeMap<u8, String>,
    /// By button index: payloads of quick-reply buttons (default: Meta sends the button text).
    pub payloads: BTreeMap<u8, String>,
}

impl TemplateMessage {
    /// The parameters a template needs, in the order Meta expects, from one recipient's values;
    /// a missing value is an error rather than a message with a hole in it.
    pub fn from_template(t: &Template, v: &TemplateValues) -> Result<Self, FieldErrors> {
        let mut e = FieldErrors::new();
        let value = |e: &mut FieldErrors, key: &str| match v.body.get(key) {
            Some(s) if !s.trim().is_empty() => s.clone(),
            _ => {
                push(e, format!("values.{key}"), format!("A value for {{{{{key}}}}} is missing"));
                String::new()
            }
        };
        let mut msg = TemplateMessage {
            name: t.name.clone(),
            language: t.language.clone(),
            header: None,
            body: vec![],
            buttons: vec![],
        };
        if t.category == Category::Authentication {
            let code = value(&mut e, "1");
            msg.body.push(Param { name: None, text: code.clone() });
            msg.buttons.push(ButtonParam::Url { index: 0, text: code });
            return if e.is_empty() { Ok(msg) } else { Err(e) };
        }
        let named = t.is_named();
        let vars = variables(&t.body);
        let keys: Vec<String> = if named {
            vars.iter().map(Var::key).collect()
        } else {
            let max = vars.iter().filter_map(|v| if let Var::Positional(n) = v { Some(*n) } else { None }).max();
            (1..=max.unwrap_or(0)).map(|n| n.to_string()).collect()
        };
        for k in keys {
            let text = value(&mut e, &k);
            msg.body.push(Param { name: named.then_some(k), text });
        }
        let header_var = t.header_variable();
        msg.header = match (&t.header, &v.header) {
            (Header::None, None) => None,
            // A fixed text header takes no parameter.
            (Header::Text { .. }, _) if header_var.is_none() => None,
            (Header::Text { .. }, Some(HeaderParam::Text { param })) if !param.text.trim().is_empty() => {
                let name = header_var.filter(|_| named).map(|var| var.key());
                Some(HeaderParam::Text { param: Param { name, text: param.text.clone() } })
            }
            (Header::Image { .. }, Some(h @ HeaderParam::Image { .. }))
            | (Header::Document { .. }, Some(h @ HeaderParam::Document { .. })) => Some(h.clone()),
            (_, None) | (Header::Text { .. }, Some(HeaderParam::Text { .. })) => {
                push(&mut e, "values.header", "The template's header needs a value");
                None
            }
            _ => {
                push(&mut e, "values.header", "The header value does not match the template's header");
                None
            }
        };
        for (i, b) in t.buttons.iter().enumerate() {
            let index = i as u8;
            match b {
                Button::Url { url, .. } if url.contains("{{") => match v.url_suffixes.get(&index) {
                    Some(s) if !s.is_empty() => msg.buttons.push(ButtonParam::Url { index, text: s.clone() }),
                    _ => push(&mut e, format!("values.buttons[{i}]"), "The link of this button needs its variable"),
                },
                Button::QuickReply { .. } => {
                    if let Some(p) = v.payloads.get(&index) {
                        msg.buttons.push(ButtonParam::QuickReply { index, payload: p.clone() });
                    }
                }
                _ => {}
            }
        }
        if e.is_empty() {
            Ok(msg)
        } else {
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::message::{Body, MediaRef, Outgoing, Recipient};
    use super::super::template::tests::order_ready;
    use super::*;
    use serde_json::{json, Value};

    fn phone() -> Recipient {
        Recipient::Phone("+919800000001".into())
    }

    fn json_of(msg: TemplateMessage) -> Value {
        Outgoing::new(phone(), Body::Template(msg)).to_json()["template"].clone()
    }

    #[test]
    fn template_from_a_positional_template_with_every_kind_of_parameter() {
        let mut t = order_ready();
        t.header = Header::Image { example_handle: "4::x".into() };
        t.buttons = vec![
            Button::QuickReply { text: "Approve".into() },
            Button::Url {
                text: "Track".into(),
                url: "https://shop.in/o/{{1}}".into(),
                example: Some("https://shop.in/o/1".into()),
            },
        ];
        let values = TemplateValues {
            header: Some(HeaderParam::Image { media: MediaRef::Link("https://shop.in/p/981.jpg".into()) }),
            body: [("1", "Asha"), ("2", "500 cards"), ("3", "1,180")]
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            url_suffixes: [(1, "PD-2026-00042".to_string())].into_iter().collect(),
            payloads: [(0, "proof.approve.981".to_string())].into_iter().collect(),
        };
        let msg = TemplateMessage::from_template(&t, &values).unwrap();
        let v = Outgoing::new(phone(), Body::Template(msg)).to_json();
        assert_eq!(
            v["template"],
            json!({"name": "order_ready", "language": {"code": "en"}, "components": [
                {"type": "header", "parameters": [{"type": "image", "image": {"link": "https://shop.in/p/981.jpg"}}]},
                {"type": "body", "parameters": [{"type": "text", "text": "Asha"}, {"type": "text", "text": "500 cards"}, {"type": "text", "text": "1,180"}]},
                {"type": "button", "sub_type": "quick_reply", "index": "0", "parameters": [{"type": "payload", "payload": "proof.approve.981"}]},
                {"type": "button", "sub_type": "url", "index": "1", "parameters": [{"type": "text", "text": "PD-2026-00042"}]}]})
        );
    }

    #[test]
    fn named_parameters_and_missing_values() {
        let mut t = order_ready();
        t.header = Header::Text { text: "Order {{order_no}}".into() };
        t.body = "Hi {{customer_name}}, {{order_no}} is ready.".into();
        let mut values = TemplateValues {
            // The name is taken from the template.
            header: Some(HeaderParam::Text { param: Param { name: None, text: "PD-2026-00042".into() } }),
            ..Default::default()
        };
        values.body.insert("customer_name".into(), "Asha".into());
        let err = TemplateMessage::from_template(&t, &values).unwrap_err();
        assert_eq!(err, vec![("values.order_no".to_string(), "A value for {{order_no}} is missing".to_string())]);
        values.body.insert("order_no".into(), "PD-2026-00042".into());
        let msg = TemplateMessage::from_template(&t, &values).unwrap();
        let v = json_of(msg);
        assert_eq!(
            v["components"][0]["parameters"][0],
            json!({"type": "text", "text": "PD-2026-00042", "parameter_name": "order_no"})
        );
        assert_eq!(
            v["components"][1]["parameters"][0],
            json!({"type": "text", "text": "Asha", "parameter_name": "customer_name"})
        );
        values.header = Some(HeaderParam::Image { media: MediaRef::Id("1".into()) });
        let err = TemplateMessage::from_template(&t, &values).unwrap_err();
        assert_eq!(err[0].0, "values.header");
    }

    #[test]
    fn header_values_are_required_and_must_match() {
        let t = order_ready();
        let mut values = TemplateValues { body: t.body_examples.clone(), ..Default::default() };
        let err = TemplateMessage::from_template(&t, &values).unwrap_err();
        assert_eq!(err, vec![("values.header".to_string(), "The template's header needs a value".to_string())]);
        values.header =
            Some(HeaderParam::Text { param: Param { name: Some("x".into()), text: "PD-2026-00042".into() } });
        let msg = TemplateMessage::from_template(&t, &values).unwrap();
        assert_eq!(msg.header, Some(HeaderParam::Text { param: Param { name: None, text: "PD-2026-00042".into() } }));
        let fixed = Template { header: Header::Text { text: "Your order".into() }, ..order_ready() };
        assert_eq!(
            TemplateMessage::from_template(&fixed, &values).unwrap().header,
            None,
            "no parameter for fixed text"
        );
        let none = Template { header: Header::None, ..order_ready() };
        assert!(TemplateMessage::from_template(&none, &values).is_err(), "a header the template does not have");
    }

    #[test]
    fn authentication_template_sends_the_code_in_body_and_copy_button() {
        let t = Template {
            category: Category::Authentication,
            header: Header::None,
            buttons: vec![Button::Otp { text: "Copy code".into() }],
            ..order_ready()
        };
        let mut values = TemplateValues::default();
        values.body.insert("1".into(), "482913".into());
        let v = json_of(TemplateMessage::from_template(&t, &values).unwrap());
        assert_eq!(
            v["components"],
            json!([
            {"type": "body", "parameters": [{"type": "text", "text": "482913"}]},
            {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "482913"}]}])
        );
        assert!(TemplateMessage::from_template(&t, &TemplateValues::default()).is_err());
    }
}
