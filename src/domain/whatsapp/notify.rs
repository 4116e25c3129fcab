//! Automated order updates: which shop events message the customer, and what the message is.
//! Inside the 24-hour window a plain text goes out; outside it the rule's approved template
//! (positional variables: customer name, order number, one detail line with the portal link).
//! Consent and the window are decided by `window::check`, as everywhere else.
use super::message::{Body, Outgoing, Param, Recipient, TemplateMessage};
use super::window::{check, window_open, Purpose, Situation, Verdict};
use crate::domain::order::text_enum;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

text_enum!(NotifyEvent {
    OrderReceived = "order_received": "Order received",
    ProofReady = "proof_ready": "Proof ready",
    ApprovalReminder = "approval_reminder": "Awaiting approval reminder",
    InProduction = "in_production": "In production",
    ReadyOrDispatched = "ready": "Ready for pickup / dispatched",
    Delivered = "delivered": "Delivered",
    InvoiceIssued = "invoice_issued": "Invoice issued",
    PaymentReceived = "payment_received": "Payment received",
});

impl NotifyEvent {
    /// The template a new shop starts with (created on the business account by the template
    /// sync; the simulator knows them all).
    pub fn default_template(self) -> &'static str {
        match self {
            NotifyEvent::OrderReceived => "pd_order_received",
            NotifyEvent::ProofReady => "pd_proof_ready",
            NotifyEvent::ApprovalReminder => "pd_approval_reminder",
            NotifyEvent::InProduction => "pd_in_production",
            NotifyEvent::ReadyOrDispatched => "pd_ready",
            NotifyEvent::Delivered => "pd_delivered",
            NotifyEvent::InvoiceIssued => "pd_invoice_issued",
            NotifyEvent::PaymentReceived => "pd_payment_received",
        }
    }
}

/// A rule as stored (one per event).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub event: NotifyEvent,
    pub enabled: bool,
    pub template: String,
    pub language: String,
}

impl Rule {
    pub fn default_for(event: NotifyEvent) -> Rule {
        Rule { event, enabled: true, template: event.default_template().into(), language: "en".into() }
    }
}

/// What the message talks about.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Facts {
    pub customer_name: String,
    pub order_number: String,
    /// The portal page of the order.
    pub order_url: String,
    /// Event specifics: "₹4,720.00", "INV/2627/00012", "by Blue Dart", ...
    pub detail: String,
}

fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or("there")
}

/// The detail line: what happened, then where to see it.
fn detail_line(event: NotifyEvent, f: &Facts) -> String {
    let what = match event {
        NotifyEvent::OrderReceived => "We have received your order and will start on it soon.".to_string(),
        NotifyEvent::ProofReady => "Your proof is ready. Please approve it or tell us what to change.".to_string(),
        NotifyEvent::ApprovalReminder => "Your proof is still waiting for your approval; printing starts once you approve.".to_string(),
        NotifyEvent::InProduction => "Your order is now being printed.".to_string(),
        NotifyEvent::ReadyOrDispatched => "Your order is ready for pickup or on its way.".to_string(),
        NotifyEvent::Delivered => "Your order has been delivered. Thank you! Tell us how we did.".to_string(),
        NotifyEvent::InvoiceIssued => format!("Invoice {} has been issued.", f.detail),
        NotifyEvent::PaymentReceived => format!("We have received your payment of {}. Thank you!", f.detail),
    };
    format!("{what} {}", f.order_url).trim().to_string()
}

/// The free-text version, for inside the window.
pub fn text(event: NotifyEvent, f: &Facts) -> String {
    format!("Hi {}, order {}: {}", first_name(&f.customer_name), f.order_number, detail_line(event, f))
}

/// The template version: `{{1}}` name, `{{2}}` order number, `{{3}}` detail line.
pub fn template(rule: &Rule, f: &Facts) -> TemplateMessage {
    let p = |s: String| Param { name: None, text: s };
    TemplateMessage {
        name: rule.template.clone(),
        language: rule.language.clone(),
        header: None,
        body: vec![p(first_name(&f.customer_name).to_string()), p(f.order_number.clone()), p(detail_line(rule.event, f))],
        buttons: vec![],
    }
}

/// The message for one customer, or why none goes out. `None` = the rule is off.
pub fn compose(rule: &Rule, facts: &Facts, to: Recipient, opted_in: bool, last_inbound: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Option<Result<Outgoing, Verdict>> {
    if !rule.enabled {
        return None;
    }
    let inside = window_open(last_inbound, now);
    let situation = Situation { last_inbound, now, purpose: Purpose::Utility, is_template: !inside, opted_in, marketing_stopped: false };
    Some(match check(&situation) {
        Verdict::Allowed if inside => Ok(Outgoing::text(to, text(rule.event, facts))),
        Verdict::Allowed => Ok(Outgoing::new(to, Body::Template(template(rule, facts)))),
        v => Err(v),
    })
}

/// A proof for the customer: the preview image, then Approve / Request changes buttons whose
/// replies the bot records as the portal would. Outside the window, the rule's template with
/// the image as header and the same two answers as quick replies.
pub struct ProofLinks {
    pub proof_id: i32,
    pub version: i32,
    /// Public URL of the preview image (a signed link).
    pub image_url: String,
    /// The approval page (signed link), for pins and the full view.
    pub approve_url: String,
}

pub fn compose_proof(rule: &Rule, facts: &Facts, to: Recipient, p: &ProofLinks, opted_in: bool, last_inbound: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Option<Result<Vec<Outgoing>, Verdict>> {
    use super::bot::{proof_button, PROOF_APPROVE, PROOF_CHANGES};
    use super::message::{ButtonParam, HeaderParam, MediaRef, ReplyButton, ReplyButtons};
    let id = p.proof_id.to_string();
    let facts = Facts { order_url: p.approve_url.clone(), ..facts.clone() };
    Some(match compose(rule, &facts, to.clone(), opted_in, last_inbound, now)? {
        Err(v) => Err(v),
        Ok(Outgoing { body: Body::Template(mut t), .. }) => {
            t.header = Some(HeaderParam::Image { media: MediaRef::Link(p.image_url.clone()) });
            t.buttons = vec![
                ButtonParam::QuickReply { index: 0, payload: proof_button(PROOF_APPROVE, &id) },
                ButtonParam::QuickReply { index: 1, payload: proof_button(PROOF_CHANGES, &id) },
            ];
            Ok(vec![Outgoing::new(to, Body::Template(t))])
        }
        Ok(_) => {
            let caption = format!("Proof v{} for order {}", p.version, facts.order_number);
            let image = Outgoing::new(to.clone(), Body::Image { media: MediaRef::Link(p.image_url.clone()), caption: Some(caption) });
            let ask = ReplyButtons {
                header: None,
                body: format!("Hi {}, please check the proof and approve it, or ask for changes. Full view with comments: {}", first_name(&facts.customer_name), p.approve_url),
                footer: None,
                buttons: vec![
                    ReplyButton { id: proof_button(PROOF_APPROVE, &id), title: "Approve".into() },
                    ReplyButton { id: proof_button(PROOF_CHANGES, &id), title: "Request changes".into() },
                ],
            };
            Ok(vec![image, Outgoing::new(to, Body::Buttons(ask))])
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn facts() -> Facts {
        Facts { customer_name: "Asha Kulkarni".into(), order_number: "PD-1042".into(), order_url: "https://shop.example/portal/orders/42".into(), detail: "INV/2627/00012".into() }
    }

    fn to() -> Recipient {
        Recipient::Phone("+919820012345".into())
    }

    #[test]
    fn inside_the_window_a_text_with_the_portal_link() {
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap();
        let rule = Rule::default_for(NotifyEvent::InvoiceIssued);
        let m = compose(&rule, &facts(), to(), true, Some(now - Duration::hours(3)), now).unwrap().unwrap();
        match m.body {
            Body::Text { body, .. } => {
                assert_eq!(body, "Hi Asha, order PD-1042: Invoice INV/2627/00012 has been issued. https://shop.example/portal/orders/42");
            }
            other => panic!("expected text, got {other:?}"),
        }
    }

    #[test]
    fn outside_the_window_the_rules_template() {
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap();
        let mut rule = Rule::default_for(NotifyEvent::ReadyOrDispatched);
        rule.language = "hi".into();
        let m = compose(&rule, &facts(), to(), true, Some(now - Duration::hours(30)), now).unwrap().unwrap();
        let Body::Template(t) = m.body else { panic!("expected a template") };
        assert_eq!((t.name.as_str(), t.language.as_str()), ("pd_ready", "hi"));
        let params: Vec<&str> = t.body.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(params[..2], ["Asha", "PD-1042"]);
        assert!(params[2].ends_with("https://shop.example/portal/orders/42"));
    }

    #[test]
    fn nothing_for_customers_who_did_not_opt_in_or_when_the_rule_is_off() {
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap();
        let rule = Rule::default_for(NotifyEvent::OrderReceived);
        assert_eq!(compose(&rule, &facts(), to(), false, None, now), Some(Err(Verdict::NotOptedIn)));
        let off = Rule { enabled: false, ..rule };
        assert_eq!(compose(&off, &facts(), to(), true, None, now), None);
    }

    #[test]
    fn every_event_has_its_own_template_and_wording() {
        let mut names: Vec<&str> = NotifyEvent::ALL.iter().map(|e| e.default_template()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), NotifyEvent::ALL.len());
        let texts: std::collections::HashSet<String> = NotifyEvent::ALL.iter().map(|e| text(*e, &facts())).collect();
        assert_eq!(texts.len(), NotifyEvent::ALL.len());
    }
    #[test]
    fn a_proof_goes_as_image_and_buttons_inside_the_window_and_a_template_outside() {
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap();
        let rule = Rule::default_for(NotifyEvent::ProofReady);
        let links = ProofLinks { proof_id: 981, version: 2, image_url: "https://s.example/p.jpg".into(), approve_url: "https://s.example/approve/981".into() };
        let inside = compose_proof(&rule, &facts(), to(), &links, true, Some(now - Duration::hours(1)), now).unwrap().unwrap();
        assert_eq!(inside.len(), 2);
        assert!(matches!(&inside[0].body, Body::Image { caption: Some(c), .. } if c == "Proof v2 for order PD-1042"));
        let Body::Buttons(b) = &inside[1].body else { panic!("expected buttons") };
        let ids: Vec<&str> = b.buttons.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ids, ["proof.approve.981", "proof.changes.981"]);
        assert!(b.buttons.iter().all(|x| x.title.chars().count() <= super::super::message::REPLY_TITLE_MAX));
        let outside = compose_proof(&rule, &facts(), to(), &links, true, None, now).unwrap().unwrap();
        let Body::Template(t) = &outside[0].body else { panic!("expected a template") };
        assert_eq!(t.buttons.len(), 2);
        assert!(t.body[2].text.ends_with("https://s.example/approve/981"));
        assert_eq!(compose_proof(&rule, &facts(), to(), &links, false, None, now).unwrap().unwrap_err(), Verdict::NotOptedIn);
    }
}
