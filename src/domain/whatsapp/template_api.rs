//! Templates on the wire: the body of `POST /{waba_id}/message_templates` (create) and
//! `POST /{template_id}` (edit). The list response is read in `template_list.rs`.
use super::template::{Button, Category, Header, Template};
use super::vars::{variables, Var};
use serde_json::{json, Value};

impl Template {
    /// Body of the create request. Call `validate()` first: this only shapes the JSON.
    pub fn create_request(&self) -> Value {
        let mut req = json!({
            "name": self.name,
            "language": self.language,
            "category": self.category.as_str(),
            "components": self.components(),
        });
        if self.category != Category::Authentication {
            req["parameter_format"] = json!(if self.is_named() { "NAMED" } else { "POSITIONAL" });
        }
        req
    }

    /// Body of the edit request: Meta lets the components change, not name or language.
    pub fn edit_request(&self) -> Value {
        json!({ "components": self.components() })
    }

    fn components(&self) -> Vec<Value> {
        let mut out = Vec::new();
        if self.category == Category::Authentication {
            out.push(json!({"type": "BODY", "add_security_recommendation": self.add_security_recommendation}));
            if let Some(m) = self.code_expiration_minutes {
                out.push(json!({"type": "FOOTER", "code_expiration_minutes": m}));
            }
        } else {
            if let Some(h) = self.header_component() {
                out.push(h);
            }
            let mut body = json!({"type": "BODY", "text": self.body});
            if let Some(example) = self.body_example() {
                body["example"] = example;
            }
            out.push(body);
            if let Some(f) = &self.footer {
                out.push(json!({"type": "FOOTER", "text": f}));
            }
        }
        if !self.buttons.is_empty() {
            let buttons: Vec<Value> = self.buttons.iter().map(button_json).collect();
            out.push(json!({"type": "BUTTONS", "buttons": buttons}));
        }
        out
    }

    fn header_component(&self) -> Option<Value> {
        match &self.header {
            Header::None => None,
            Header::Text { text } => {
                let mut h = json!({"type": "HEADER", "format": "TEXT", "text": text});
                let sample = self.header_example.clone().unwrap_or_default();
                match self.header_variable() {
                    Some(Var::Named(name)) => {
                        h["example"] = json!({"header_text_named_params": [{"param_name": name, "example": sample}]})
                    }
                    Some(Var::Positional(_)) => h["example"] = json!({"header_text": [sample]}),
                    None => {}
                }
                Some(h)
            }
            Header::Image { example_handle } => {
                Some(json!({"type": "HEADER", "format": "IMAGE", "example": {"header_handle": [example_handle]}}))
            }
            Header::Document { example_handle } => {
                Some(json!({"type": "HEADER", "format": "DOCUMENT", "example": {"header_handle": [example_handle]}}))
            }
        }
    }

    /// Positional samples go in number order as one row; named ones as name/example pairs.
    fn body_example(&self) -> Option<Value> {
        let vars = variables(&self.body);
        if vars.is_empty() {
            return None;
        }
        let sample = |k: &str| self.body_examples.get(k).cloned().unwrap_or_default();
        if self.is_named() {
            let params: Vec<Value> =
                vars.iter().map(|v| json!({"param_name": v.key(), "example": sample(&v.key())})).collect();
            Some(json!({"body_text_named_params": params}))
        } else {
            let max = vars.iter().filter_map(|v| if let Var::Positional(n) = v { Some(*n) } else { None }).max();
            let row: Vec<String> = (1..=max.unwrap_or(0)).map(|n| sample(&n.to_string())).collect();
            Some(json!({"body_text": [row]}))
        }
    }
}

fn button_json(b: &Button) -> Value {
    match b {
        Button::QuickReply { text } => json!({"type": "QUICK_REPLY", "text": text}),
        Button::Url { text, url, example } => {
            let mut v = json!({"type": "URL", "text": text, "url": url});
            if url.contains("{{") {
                v["example"] = json!([example.clone().unwrap_or_default()]);
            }
            v
        }
        Button::PhoneNumber { text, phone_number } => {
            json!({"type": "PHONE_NUMBER", "text": text, "phone_number": phone_number})
        }
        Button::Otp { text } => json!({"type": "OTP", "otp_type": "COPY_CODE", "text": text}),
    }
}

#[cfg(test)]
mod tests {
    use super::super::template::tests::order_ready;
    use super::*;

    #[test]
    fn create_request_for_a_positional_template() {
        let mut t = order_ready();
        t.buttons = vec![
            Button::Url {
                text: "Track".into(),
                url: "https://shop.in/o/{{1}}".into(),
                example: Some("https://shop.in/o/42".into()),
            },
            Button::PhoneNumber { text: "Call us".into(), phone_number: "+919800000001".into() },
            Button::QuickReply { text: "Thanks".into() },
        ];
        let want = json!({
            "name": "order_ready",
            "language": "en",
            "category": "UTILITY",
            "parameter_format": "POSITIONAL",
            "components": [
                {"type": "HEADER", "format": "TEXT", "text": "Order {{1}} is ready", "example": {"header_text": ["PD-2026-00042"]}},
                {"type": "BODY", "text": "Hi {{1}}, your {{2}} can be collected today. Total: ₹{{3}}.",
                 "example": {"body_text": [["Asha", "500 business cards", "1,180"]]}},
                {"type": "FOOTER", "text": "PressDesk Print Shop"},
                {"type": "BUTTONS", "buttons": [
                    {"type": "URL", "text": "Track", "url": "https://shop.in/o/{{1}}", "example": ["https://shop.in/o/42"]},
                    {"type": "PHONE_NUMBER", "text": "Call us", "phone_number": "+919800000001"},
                    {"type": "QUICK_REPLY", "text": "Thanks"}
                ]}
            ]
        });
        assert_eq!(t.create_request(), want);
        assert_eq!(t.edit_request(), json!({"components": want["components"]}));
    }

    #[test]
    fn create_request_for_named_media_and_authentication_templates() {
        let mut t = order_ready();
        t.header = Header::Image { example_handle: "4::aW1hZ2U=".into() };
        t.body = "Hi {{customer_name}}, {{offer}} on wedding cards this week.".into();
        t.body_examples = [("customer_name", "Asha"), ("offer", "10% off")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        t.footer = None;
        t.buttons.clear();
        let req = t.create_request();
        assert_eq!(req["parameter_format"], "NAMED");
        assert_eq!(
            req["components"][0],
            json!({"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::aW1hZ2U="]}})
        );
        assert_eq!(
            req["components"][1]["example"],
            json!({"body_text_named_params": [{"param_name": "customer_name", "example": "Asha"}, {"param_name": "offer", "example": "10% off"}]})
        );
        let otp = Template {
            category: Category::Authentication,
            header: Header::None,
            buttons: vec![Button::Otp { text: "Copy code".into() }],
            add_security_recommendation: true,
            code_expiration_minutes: Some(10),
            ..order_ready()
        };
        assert_eq!(
            otp.create_request(),
            json!({"name": "order_ready", "language": "en", "category": "AUTHENTICATION", "components": [
                {"type": "BODY", "add_security_recommendation": true},
                {"type": "FOOTER", "code_expiration_minutes": 10},
                {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE", "text": "Copy code"}]}
            ]})
        );
    }
}
