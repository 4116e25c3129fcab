//! The support chatbot's intent classifier: keyword and phrase rules for English, Hindi
//! (Devanagari) and Hinglish, with light fuzzy matching for typos. Rules rather than a model:
//! a shop owner can read why "kab milega" means order status, it runs in microseconds, and it
//! needs no external service. What the bot then does (look up the order, send the invoice,
//! hand over to staff) is the service's job; a proof decision by text is only acted on when a
//! proof awaits approval.
use super::fuzzy::{normalize, phrase_score};
use super::message::{Body, ListMessage, Outgoing, Recipient, Row, Section};
use super::webhook::Content;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "intent", rename_all = "snake_case")]
pub enum Intent {
    /// `order`: the number the customer typed ("1234", "PD-2026-00042"), upper-cased.
    OrderStatus {
        order: Option<String>,
    },
    LatestInvoice,
    Reorder,
    /// `proof`: the proof id when it came from a button ("proof.approve.981").
    ApproveProof {
        proof: Option<String>,
    },
    RequestChanges {
        proof: Option<String>,
    },
    Hours,
    Address,
    Human,
    Stop,
    Start,
    Greeting,
    Unknown,
}

// Ids of the menu rows and proof buttons; they come back as button or list reply ids.
pub const MENU_STATUS: &str = "menu.status";
pub const MENU_INVOICE: &str = "menu.invoice";
pub const MENU_REORDER: &str = "menu.reorder";
pub const MENU_HOURS: &str = "menu.hours";
pub const MENU_ADDRESS: &str = "menu.address";
pub const MENU_HUMAN: &str = "menu.human";
pub const PROOF_APPROVE: &str = "proof.approve.";
pub const PROOF_CHANGES: &str = "proof.changes.";

/// Button id for a proof decision: `proof_button(PROOF_APPROVE, "981")`.
pub fn proof_button(prefix: &str, proof_id: &str) -> String {
    format!("{prefix}{proof_id}")
}

/// The intent behind a reply-button, list-row or quick-reply id we issued.
pub fn classify_reply(id: &str) -> Option<Intent> {
    let proof = |rest: &str| Some(rest.to_string()).filter(|s| !s.is_empty());
    if let Some(rest) = id.strip_prefix(PROOF_APPROVE) {
        return Some(Intent::ApproveProof { proof: proof(rest) });
    }
    if let Some(rest) = id.strip_prefix(PROOF_CHANGES) {
        return Some(Intent::RequestChanges { proof: proof(rest) });
    }
    Some(match id {
        MENU_STATUS => Intent::OrderStatus { order: None },
        MENU_INVOICE => Intent::LatestInvoice,
        MENU_REORDER => Intent::Reorder,
        MENU_HOURS => Intent::Hours,
        MENU_ADDRESS => Intent::Address,
        MENU_HUMAN => Intent::Human,
        _ => return None,
    })
}

/// The intent of an incoming message; `None` for media and types the bot does not read.
pub fn classify_content(c: &Content) -> Option<Intent> {
    match c {
        Content::Text { body } => Some(classify(body)),
        Content::ButtonReply { id, title } | Content::ListReply { id, title, .. } => {
            Some(classify_reply(id).unwrap_or_else(|| classify(title)))
        }
        Content::QuickReply { payload, text } => Some(classify_reply(payload).unwrap_or_else(|| classify(text))),
        Content::Image(_) | Content::Document(_) | Content::Unknown { .. } => None,
    }
}

/// (intent, [(phrase, weight)]), in priority order for ties.
#[rustfmt::skip]
const RULES: &[(Kind, &[(&str, u8)])] = &[
    (Kind::Human, &[("talk to", 5), ("speak to", 5), ("agent", 5), ("human", 5), ("person", 5), ("insaan", 5),
        ("insan", 5), ("इंसान", 5), ("baat karni", 5), ("baat karna", 5), ("baat karo", 5), ("बात करनी", 5),
        ("बात करो", 5), ("call me", 5), ("call karo", 5), ("call kijiye", 5), ("phone karo", 5), ("कॉल करो", 5),
        ("customer care", 5), ("representative", 5), ("manager", 4), ("staff", 4), ("cancel", 5)]),
    (Kind::RequestChanges, &[("changes", 4), ("change", 4), ("badlav", 4), ("badlaav", 4), ("बदलाव", 4),
        ("badlo", 4), ("बदलो", 4), ("correction", 4), ("galat", 4), ("गलत", 4), ("edit", 4), ("modify", 4),
        ("revise", 4), ("revision", 4), ("mistake", 4), ("wrong", 4), ("not ok", 4), ("theek nahi", 5),
        ("thik nahi", 5), ("ठीक नहीं", 5), ("sahi nahi", 5)]),
    (Kind::ApproveProof, &[("approve", 4), ("approved", 4), ("theek hai", 4), ("thik hai", 4), ("ठीक है", 4),
        ("sahi hai", 4), ("सही है", 4), ("looks good", 4), ("go ahead", 4), ("print karo", 4),
        ("print kar do", 4), ("confirm", 4), ("confirmed", 4), ("perfect", 3), ("final hai", 4)]),
    (Kind::Reorder, &[("reorder", 5), ("re-order", 5), ("same again", 5), ("order again", 5), ("phir se", 4),
        ("fir se", 4), ("phirse", 4), ("dobara", 4), ("dubara", 4), ("फिर से", 4), ("दोबारा", 4), ("repeat", 4),
        ("wahi order", 4), ("same order", 4), ("वही ऑर्डर", 4), ("wahi", 1), ("same", 1), ("again", 1)]),
    (Kind::LatestInvoice, &[("invoice", 4), ("bill", 4), ("बिल", 4), ("receipt", 4), ("इनवॉइस", 4),
        ("rasid", 4), ("raseed", 4), ("रसीद", 4), ("bhejo", 1), ("भेजो", 1), ("send", 1)]),
    (Kind::OrderStatus, &[("status", 3), ("स्टेटस", 3), ("track", 3), ("tracking", 3), ("where is my order", 3),
        ("kab milega", 3), ("kab milegi", 3), ("kab aayega", 3), ("kab aaega", 3), ("kab ayega", 3),
        ("kab aega", 3), ("kab tak", 3), ("mera order", 3), ("order kahan", 3), ("order kaha", 3),
        ("कब मिलेगा", 3), ("कब आएगा", 3), ("कब आयेगा", 3), ("delivery", 3), ("dispatch", 3), ("dispatched", 3),
        ("shipped", 3), ("ready hua", 3), ("ban gaya", 3), ("order", 2), ("ordr", 2), ("ऑर्डर", 2),
        ("आर्डर", 2), ("parcel", 2), ("ready", 2), ("milega", 2), ("milegi", 2), ("मिलेगा", 2), ("आएगा", 2),
        ("kahan", 1), ("kaha", 1), ("कहाँ", 1), ("कहां", 1), ("kab", 1), ("कब", 1), ("when", 1), ("where", 1)]),
    (Kind::Hours, &[("timing", 4), ("timings", 4), ("opening hours", 4), ("hours", 4), ("kab khulta", 4),
        ("kab khulti", 4), ("khulta", 4), ("khulti", 4), ("khula", 4), ("khuli", 4), ("band hota", 4),
        ("band hoti", 4), ("band hai", 4), ("बंद है", 4), ("kab band", 4), ("what time", 4), ("open today", 4),
        ("samay", 4), ("टाइमिंग", 4), ("खुलता", 4), ("खुलती", 4), ("खुली", 4), ("समय", 4), ("open", 3),
        ("closed", 3), ("closing", 3)]),
    (Kind::Address, &[("address", 4), ("location", 4), ("directions", 4), ("kahan hai dukan", 4),
        ("dukan kahan", 4), ("dukan kaha", 4), ("shop kahan", 4), ("दुकान कहाँ", 4), ("दुकान कहां", 4),
        ("map", 4), ("maps", 4), ("एड्रेस", 4), ("पता", 3), ("where are you", 4), ("located", 4),
        ("landmark", 4), ("dukan", 3), ("dukaan", 3), ("दुकान", 3), ("shop", 3), ("store", 3)]),
    (Kind::Greeting, &[("hi", 2), ("hii", 2), ("hey", 2), ("hello", 2), ("hlo", 2), ("namaste", 2),
        ("namastey", 2), ("namaskar", 2), ("नमस्ते", 2), ("नमस्कार", 2), ("good morning", 2),
        ("good evening", 2), ("good afternoon", 2), ("ram ram", 2)]),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Human,
    RequestChanges,
    ApproveProof,
    Reorder,
    LatestInvoice,
    OrderStatus,
    Hours,
    Address,
    Greeting,
}

/// Opt-out words, checked before anything else: a STOP must never be read as something else.
/// A bare "stop" counts only with polite filler around it ("stop please"), so "stop my order"
/// is not an opt-out.
const STOP_PHRASES: &[&str] = &[
    "unsubscribe",
    "opt out",
    "optout",
    "stop messages",
    "stop message",
    "stop sending",
    "stop msg",
    "band karo",
    "band kar do",
    "बंद करो",
    "बंद कर दो",
    "message mat bhejo",
    "messages mat bhejo",
    "msg mat bhejo",
    "मैसेज मत भेजो",
    "no more messages",
];
const STOP_WORDS: &[&str] = &["stop", "रोको"];
const START_PHRASES: &[&str] = &["start messages", "chalu karo", "shuru karo", "शुरू करो", "चालू करो", "unstop"];
const START_WORDS: &[&str] = &["start", "subscribe", "resume", "शुरू"];
const FILLER: &[&str] =
    &["please", "pls", "plz", "all", "now", "it", "sab", "karo", "kar", "do", "ji", "करो", "कर", "दो"];
/// Below this the message is not understood (a lone "kab" or "when") and the menu is shown.
const MIN_SCORE: u32 = 2;

pub fn classify(text: &str) -> Intent {
    let tokens = normalize(text);
    let words: Vec<Vec<char>> = tokens.iter().map(|t| t.chars().collect()).collect();
    let any = |list: &[&str]| list.iter().any(|p| phrase_score(&words, p, 2) > 0);
    // The keyword with nothing but filler around it.
    let bare = |list: &[&str]| {
        tokens.iter().any(|t| list.contains(&t.as_str()))
            && tokens.iter().all(|t| list.contains(&t.as_str()) || FILLER.contains(&t.as_str()))
    };
    if any(STOP_PHRASES) || bare(STOP_WORDS) {
        return Intent::Stop;
    }
    if any(START_PHRASES) || bare(START_WORDS) {
        return Intent::Start;
    }
    let mut best: Option<(u32, Kind)> = None;
    for (kind, phrases) in RULES {
        let score: u32 = phrases.iter().map(|(p, w)| u32::from(phrase_score(&words, p, *w))).sum();
        if score >= MIN_SCORE && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, *kind));
        }
    }
    match best.map(|(_, k)| k) {
        None => Intent::Unknown,
        Some(Kind::OrderStatus) => Intent::OrderStatus { order: order_number(&tokens) },
        Some(Kind::LatestInvoice) => Intent::LatestInvoice,
        Some(Kind::Reorder) => Intent::Reorder,
        Some(Kind::ApproveProof) => Intent::ApproveProof { proof: None },
        Some(Kind::RequestChanges) => Intent::RequestChanges { proof: None },
        Some(Kind::Hours) => Intent::Hours,
        Some(Kind::Address) => Intent::Address,
        Some(Kind::Human) => Intent::Human,
        Some(Kind::Greeting) => Intent::Greeting,
    }
}

/// The order a free text names ("proof for order 1234", a photo's caption), if any.
pub fn order_reference(text: &str) -> Option<String> {
    order_number(&normalize(text))
}

/// The order number in a message: the word after "order"/"no"/"number" if it has a digit,
/// else the first word with 3 or more digits that is not a phone number (10+ digits).
fn order_number(tokens: &[String]) -> Option<String> {
    let digits = |t: &str| t.bytes().filter(u8::is_ascii_digit).count();
    let shaped = |t: &str| t.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'/');
    let phone = |t: &str| t.bytes().all(|c| c.is_ascii_digit()) && t.len() >= 10;
    let after_keyword = tokens.windows(2).find_map(|w| {
        let key = ["order", "ऑर्डर", "आर्डर", "no", "number", "num"].contains(&w[0].as_str());
        (key && digits(&w[1]) > 0 && shaped(&w[1]) && !phone(&w[1])).then(|| w[1].clone())
    });
    after_keyword
        .or_else(|| tokens.iter().find(|t| digits(t) >= 3 && shaped(t) && !phone(t)).cloned())
        .map(|t| t.to_uppercase())
}

/// The menu sent when the bot does not understand; its row ids come back to `classify_reply`.
pub fn menu(to: Recipient) -> Outgoing {
    let row = |id: &str, title: &str, description: &str| Row {
        id: id.into(),
        title: title.into(),
        description: Some(description.into()),
    };
    Outgoing::new(
        to,
        Body::List(ListMessage {
            header: None,
            body: "Sorry, I did not understand that. Please choose from the menu.\nमाफ़ कीजिए, समझ नहीं आया। मेनू से चुनें।"
                .into(),
            footer: Some("Reply STOP to stop offers".into()),
            button: "Menu".into(),
            sections: vec![
                Section {
                    title: Some("Orders".into()),
                    rows: vec![
                        row(MENU_STATUS, "Order status", "Where is my order? / मेरा ऑर्डर कहाँ है?"),
                        row(MENU_INVOICE, "Latest invoice", "Your last bill as PDF / बिल भेजें"),
                        row(MENU_REORDER, "Reorder", "The same order again / वही ऑर्डर फिर से"),
                    ],
                },
                Section {
                    title: Some("Shop".into()),
                    rows: vec![
                        row(MENU_HOURS, "Opening hours", "When we are open / दुकान का समय"),
                        row(MENU_ADDRESS, "Address", "How to reach us / दुकान का पता"),
                        row(MENU_HUMAN, "Talk to a person", "A staff member will reply / स्टाफ से बात करें"),
                    ],
                },
            ],
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::Intent::*;
    use super::*;

    fn status(order: Option<&str>) -> Intent {
        OrderStatus { order: order.map(str::to_string) }
    }

    #[test]
    fn utterances_to_intents() {
        let approve = ApproveProof { proof: None };
        let changes = RequestChanges { proof: None };
        let table: Vec<(&str, Intent)> = vec![
            // Order status, English, Hinglish, Hindi, with and without a number.
            ("where is my order 1234", status(Some("1234"))),
            ("Where is my order #1234?", status(Some("1234"))),
            ("status", status(None)),
            ("Status of PD-2026-00042 please", status(Some("PD-2026-00042"))),
            ("kab milega", status(None)),
            ("mera order kahan hai", status(None)),
            ("order no. 5678 kab tak aayega", status(Some("5678"))),
            ("bhaiya visiting card ready hua kya", status(None)),
            ("ऑर्डर कब आएगा", status(None)),
            ("मेरा ऑर्डर १२३४ कब मिलेगा", status(Some("1234"))),
            ("is my parcel dispatched", status(None)),
            ("my number is 9800000001, where is my order", status(None)),
            // Invoice.
            ("invoice", LatestInvoice),
            ("bill bhejo", LatestInvoice),
            ("बिल", LatestInvoice),
            ("please send the invoice for order 1234", LatestInvoice),
            ("GST bill chahiye", LatestInvoice),
            // Reorder.
            ("reorder", Reorder),
            ("same again please", Reorder),
            ("wahi order phir se", Reorder),
            ("pichla order dobara bhej do", Reorder),
            ("वही ऑर्डर फिर से", Reorder),
            // Proof decisions.
            ("approve", approve.clone()),
            ("theek hai, print kar do", approve.clone()),
            ("looks good, go ahead", approve.clone()),
            ("ठीक है", approve.clone()),
            ("changes", changes.clone()),
            ("mujhe kuch changes chahiye", changes.clone()),
            ("theek nahi hai, font galat hai", changes.clone()),
            ("बदलाव करना है", changes.clone()),
            // Hours and address.
            ("timing", Hours),
            ("kab khulta hai", Hours),
            ("opening hours?", Hours),
            ("what time do you close today", Hours),
            ("aaj dukan khuli hai?", Hours),
            ("address", Address),
            ("location bhejo", Address),
            ("kahan hai dukan", Address),
            ("दुकान कहाँ है", Address),
            ("where is your shop", Address),
            // A person.
            ("talk to a person", Human),
            ("agent", Human),
            ("insaan se baat karni hai", Human),
            ("call me", Human),
            ("मुझे किसी इंसान से बात करनी है", Human),
            // Opt-out and back.
            ("STOP", Stop),
            ("stop please", Stop),
            ("unsubscribe", Stop),
            ("band karo", Stop),
            ("ye sab messages band karo", Stop),
            ("START", Start),
            ("Start.", Start),
            // Greetings.
            ("hi", Greeting),
            ("Namaste ji", Greeting),
            ("नमस्ते", Greeting),
            ("Good morning!", Greeting),
            ("hi, where is my order 77", status(Some("77"))),
            // Typos (one edit, words of five letters or more).
            ("stauts", status(None)),
            ("delivry kab", status(None)),
            ("invoce", LatestInvoice),
            ("invioce pls", LatestInvoice),
            ("reordr", Reorder),
            ("aprove", approve.clone()),
            ("chnages", changes.clone()),
            ("adress", Address),
            ("locaton", Address),
            ("timng", Hours),
            ("agnet", Human),
            // Not understood: the menu.
            ("asdfgh", Unknown),
            ("", Unknown),
            ("👍", Unknown),
            ("kab", Unknown),
            ("is there anything", Unknown),
            // Not an opt-out.
            ("stop my order 1234", status(Some("1234"))),
            ("dukan kab band hoti hai", Hours),
            ("दुकान बंद है क्या", Hours),
            ("cancel my order 1234", Human),
        ];
        assert!(table.len() >= 40);
        let wrong: Vec<String> = table
            .iter()
            .filter(|(text, want)| classify(text) != *want)
            .map(|(text, want)| format!("{text:?}: got {:?}, want {want:?}", classify(text)))
            .collect();
        assert!(wrong.is_empty(), "{} of {} wrong:\n{}", wrong.len(), table.len(), wrong.join("\n"));
    }

    #[test]
    fn replies_carry_their_intent_and_proof_id() {
        assert_eq!(classify_reply("proof.approve.981"), Some(ApproveProof { proof: Some("981".into()) }));
        assert_eq!(
            classify_reply(&proof_button(PROOF_CHANGES, "981")),
            Some(RequestChanges { proof: Some("981".into()) })
        );
        assert_eq!(classify_reply("proof.approve."), Some(ApproveProof { proof: None }));
        assert_eq!(classify_reply("menu.address"), Some(Address));
        assert_eq!(classify_reply("something.else"), None);
        let pressed = Content::ButtonReply { id: "proof.approve.981".into(), title: "Approve".into() };
        assert_eq!(classify_content(&pressed), Some(ApproveProof { proof: Some("981".into()) }));
        let quick = Content::QuickReply { payload: "Request changes".into(), text: "Request changes".into() };
        assert_eq!(classify_content(&quick), Some(RequestChanges { proof: None }), "falls back to the text");
        assert_eq!(classify_content(&Content::Text { body: "bill bhejo".into() }), Some(LatestInvoice));
        assert_eq!(classify_content(&Content::Image(Default::default())), None);
    }

    #[test]
    fn the_menu_is_a_valid_list_whose_rows_map_back_to_intents() {
        let m = menu(Recipient::Phone("919800000001".into()));
        assert_eq!(m.validate(), vec![], "within Meta's list limits");
        let Body::List(list) = &m.body else { panic!() };
        let intents: Vec<Option<Intent>> =
            list.sections.iter().flat_map(|s| &s.rows).map(|r| classify_reply(&r.id)).collect();
        assert_eq!(
            intents,
            vec![Some(status(None)), Some(LatestInvoice), Some(Reorder), Some(Hours), Some(Address), Some(Human)]
        );
        assert_eq!(m.to_json()["interactive"]["type"], "list");
    }

    #[test]
    fn intents_serialize_for_the_inbox() {
        assert_eq!(
            serde_json::to_value(status(Some("1234"))).unwrap(),
            serde_json::json!({"intent": "order_status", "order": "1234"})
        );
        assert_eq!(serde_json::to_value(Human).unwrap(), serde_json::json!({"intent": "human"}));
    }

    #[test]
    fn a_caption_names_its_order() {
        assert_eq!(order_reference("logo for order PD-2026-0042"), Some("PD-2026-0042".into()));
        assert_eq!(order_reference("artwork 1234 final"), Some("1234".into()));
        assert_eq!(order_reference("call me on 9876543210"), None);
        assert_eq!(order_reference("new logo"), None);
    }
}
