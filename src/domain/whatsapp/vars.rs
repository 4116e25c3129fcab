//! Template variables: numbered `{{1}}` or named `{{customer_name}}`, found in header, body and
//! button URLs. Shared by validation, preview and the send-time parameters so all three agree
//! on what counts as a variable.
use super::chars;
use std::collections::BTreeMap;

/// A `{{...}}` placeholder: numbered ({{1}}) or named ({{customer_name}}).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Var {
    Positional(u32),
    Named(String),
}

impl Var {
    /// The key of the sample and value maps: "1" or "customer_name".
    pub fn key(&self) -> String {
        match self {
            Var::Positional(n) => n.to_string(),
            Var::Named(s) => s.clone(),
        }
    }
}

/// One placeholder found in a text, with its byte range (braces included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    pub var: Var,
    pub start: usize,
    pub end: usize,
}

/// Placeholders of a text, and the malformed ones ("{{Name}}", "{{ 1 }}", an unclosed "{{").
pub fn scan(text: &str) -> (Vec<Placeholder>, Vec<String>) {
    let (mut found, mut bad) = (Vec::new(), Vec::new());
    let mut pos = 0;
    while let Some(rel) = text[pos..].find("{{") {
        let start = pos + rel;
        let Some(close) = text[start + 2..].find("}}") else {
            bad.push(text[start..].chars().take(20).collect());
            break;
        };
        let end = start + 2 + close + 2;
        let inner = &text[start + 2..end - 2];
        match parse_var(inner) {
            Some(var) => found.push(Placeholder { var, start, end }),
            None => bad.push(text[start..end].to_string()),
        }
        pos = end;
    }
    (found, bad)
}

fn parse_var(inner: &str) -> Option<Var> {
    let b = inner.as_bytes();
    if !b.is_empty() && b.len() <= 3 && b.iter().all(u8::is_ascii_digit) && b[0] != b'0' {
        return inner.parse().ok().map(Var::Positional);
    }
    is_snake(inner).then(|| Var::Named(inner.to_string()))
}

/// Lower-case snake_case starting with a letter, as Meta wants named parameters.
fn is_snake(s: &str) -> bool {
    let mut it = s.chars();
    matches!(it.next(), Some('a'..='z')) && it.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_')) && chars(s) <= 60
}

/// Distinct variables in order of first appearance.
pub fn variables(text: &str) -> Vec<Var> {
    let mut out: Vec<Var> = Vec::new();
    for p in scan(text).0 {
        if !out.contains(&p.var) {
            out.push(p.var);
        }
    }
    out
}

/// Replaces each placeholder that has a value; the others stay visible as "{{name}}" so a
/// preview shows what is still missing.
pub fn render(text: &str, values: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for p in scan(text).0 {
        out.push_str(&text[pos..p.start]);
        match values.get(&p.var.key()) {
            Some(v) => out.push_str(v),
            None => out.push_str(&text[p.start..p.end]),
        }
        pos = p.end;
    }
    out.push_str(&text[pos..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn finds_numbered_and_named_variables_with_their_ranges() {
        let (found, bad) = scan("Hi {{1}}, order {{2}} for {{customer_name}}.");
        assert!(bad.is_empty());
        let vars: Vec<Var> = found.iter().map(|p| p.var.clone()).collect();
        assert_eq!(vars, vec![Var::Positional(1), Var::Positional(2), Var::Named("customer_name".into())]);
        assert_eq!((found[0].start, found[0].end), (3, 8));
    }

    #[test]
    fn malformed_placeholders_are_reported_not_ignored() {
        let (found, bad) = scan("A {{Name}} B {{ 1 }} C {{}} D {{01}} E {{1}} F {{open");
        assert_eq!(found.len(), 1);
        assert_eq!(bad, vec!["{{Name}}", "{{ 1 }}", "{{}}", "{{01}}", "{{open"]);
    }

    #[test]
    fn variables_are_distinct_in_order_of_first_use() {
        assert_eq!(variables("{{2}} {{1}} {{2}}"), vec![Var::Positional(2), Var::Positional(1)]);
        assert_eq!(Var::Named("x_1".into()).key(), "x_1");
    }

    #[test]
    fn render_fills_known_values_and_keeps_the_rest_visible() {
        let v = values(&[("1", "Asha"), ("order_no", "PD-2026-00042")]);
        assert_eq!(render("Hi {{1}}, {{order_no}} is ready. {{2}}", &v), "Hi Asha, PD-2026-00042 is ready. {{2}}");
        assert_eq!(render("नमस्ते {{1}} जी", &v), "नमस्ते Asha जी");
        assert_eq!(render("no variables", &v), "no variables");
    }
}
