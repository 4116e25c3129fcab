//! The buttons part of the template editor: quick replies, website and phone buttons, each
//! with its own inputs and errors, moved up to keep quick replies together (Meta's rule) or
//! removed. Inputs are uncontrolled: typing only updates the list, so reordering or removing
//! another button never resets the text or the cursor.
use super::template_form::Errors;
use crate::domain::whatsapp::template::{Button, BUTTONS_MAX};
use leptos::prelude::*;

/// The kinds the editor offers (the copy-code button belongs to authentication templates,
/// which get theirs without asking).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ButtonKind {
    QuickReply,
    Url,
    Phone,
}

impl ButtonKind {
    const ALL: [ButtonKind; 3] = [ButtonKind::QuickReply, ButtonKind::Url, ButtonKind::Phone];

    fn as_str(self) -> &'static str {
        match self {
            ButtonKind::QuickReply => "quick_reply",
            ButtonKind::Url => "url",
            ButtonKind::Phone => "phone",
        }
    }

    fn parse(s: &str) -> ButtonKind {
        ButtonKind::ALL.into_iter().find(|k| k.as_str() == s).unwrap_or(ButtonKind::QuickReply)
    }

    fn label(self) -> &'static str {
        match self {
            ButtonKind::QuickReply => "Quick reply",
            ButtonKind::Url => "Website",
            ButtonKind::Phone => "Phone number",
        }
    }

    fn add_label(self) -> &'static str {
        match self {
            ButtonKind::QuickReply => "Add quick reply",
            ButtonKind::Url => "Add website button",
            ButtonKind::Phone => "Add phone button",
        }
    }
}

/// One button as typed; `key` keeps its inputs in place when the list changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ButtonDraft {
    pub key: u32,
    pub kind: ButtonKind,
    pub text: String,
    pub url: String,
    pub example: String,
    pub phone: String,
}

impl ButtonDraft {
    fn new(key: u32, kind: ButtonKind) -> ButtonDraft {
        ButtonDraft { key, kind, text: String::new(), url: String::new(), example: String::new(), phone: String::new() }
    }

    /// The editor's form of a stored button; a copy-code button has none.
    pub(super) fn from_button(key: u32, b: &Button) -> Option<ButtonDraft> {
        let mut d = ButtonDraft::new(key, ButtonKind::QuickReply);
        match b {
            Button::QuickReply { text } => d.text = text.clone(),
            Button::Url { text, url, example } => {
                d.kind = ButtonKind::Url;
                d.text = text.clone();
                d.url = url.clone();
                d.example = example.clone().unwrap_or_default();
            }
            Button::PhoneNumber { text, phone_number } => {
                d.kind = ButtonKind::Phone;
                d.text = text.clone();
                d.phone = phone_number.clone();
            }
            Button::Otp { .. } => return None,
        }
        Some(d)
    }

    pub(super) fn to_button(&self) -> Button {
        let text = self.text.trim().to_string();
        match self.kind {
            ButtonKind::QuickReply => Button::QuickReply { text },
            ButtonKind::Url => Button::Url {
                text,
                url: self.url.trim().to_string(),
                example: Some(self.example.trim().to_string()).filter(|e| !e.is_empty()),
            },
            ButtonKind::Phone => Button::PhoneNumber { text, phone_number: self.phone.trim().to_string() },
        }
    }
}

#[component]
pub(super) fn ButtonsEditor(buttons: RwSignal<Vec<ButtonDraft>>, errors: Errors) -> impl IntoView {
    let next = StoredValue::new(buttons.with_untracked(|b| b.iter().map(|x| x.key + 1).max().unwrap_or(0)));
    let full = move || buttons.with(|b| b.len() >= BUTTONS_MAX);
    let add = move |kind: ButtonKind| {
        let key = next.get_value();
        next.set_value(key + 1);
        buttons.update(|b| b.push(ButtonDraft::new(key, kind)));
    };
    view! {
        <fieldset class="wa-tpl-buttons-editor" data-testid="template-buttons">
            <legend>"Buttons"</legend>
            <p class="hint">
                {format!("Optional, up to {BUTTONS_MAX}: at most 2 website buttons and 1 phone button. ")}
                "Keep quick replies together, before or after the other buttons."
            </p>
            <For each=move || buttons.get() key=|b: &ButtonDraft| b.key let:b>
                <ButtonRow initial=b buttons errors/>
            </For>
            <small class="field-error" role="alert">{move || errors.get("buttons")}</small>
            <div class="wa-tpl-add">
                {ButtonKind::ALL.into_iter().map(|k| view! {
                    <button type="button" class="btn btn-small" disabled=full on:click=move |_| add(k)>
                        {k.add_label()}
                    </button>
                }).collect_view()}
            </div>
        </fieldset>
    }
}

#[component]
fn ButtonRow(initial: ButtonDraft, buttons: RwSignal<Vec<ButtonDraft>>, errors: Errors) -> impl IntoView {
    let key = initial.key;
    let index = Memo::new(move |_| buttons.with(|v| v.iter().position(|b| b.key == key)).unwrap_or(0));
    let current = move || buttons.with(|v| v.iter().find(|b| b.key == key).cloned()).unwrap_or_else(|| ButtonDraft::new(key, ButtonKind::QuickReply));
    let kind = Memo::new(move |_| current().kind);
    let has_variable = Memo::new(move |_| current().url.contains("{{"));
    let edit = move |f: fn(&mut ButtonDraft, String), value: String| {
        buttons.update(|v| {
            if let Some(b) = v.iter_mut().find(|b| b.key == key) {
                f(b, value);
            }
        })
    };
    let field = move |part: &'static str| format!("buttons[{}].{part}", index.get());
    let message = move |part: &'static str| errors.get(&field(part));
    let invalid = move |part: &'static str| if message(part).is_some() { "true" } else { "false" };
    let name = move |what: &str| format!("Button {} {what}", index.get() + 1);
    let up = move |_| {
        buttons.update(|v| {
            if let Some(i) = v.iter().position(|b| b.key == key).filter(|i| *i > 0) {
                v.swap(i, i - 1);
            }
        })
    };
    let remove = move |_| buttons.update(|v| v.retain(|b| b.key != key));
    view! {
        <div class="wa-tpl-button" data-testid="template-button" class:invalid=move || ["text", "url", "example", "phone_number", "type"].iter().any(|p| message(*p).is_some())>
            <div class="wa-tpl-button-line">
                <select aria-label=move || name("type") on:change=move |ev| edit(|b, v| b.kind = ButtonKind::parse(&v), event_target_value(&ev))>
                    {ButtonKind::ALL.into_iter().map(|k| view! { <option value=k.as_str() selected=k == initial.kind>{k.label()}</option> }).collect_view()}
                </select>
                <input type="text" autocomplete="off" placeholder="Button text" value=initial.text.clone()
                    aria-label=move || name("text") aria-invalid=move || invalid("text")
                    on:input=move |ev| edit(|b, v| b.text = v, event_target_value(&ev))/>
                <button type="button" class="btn btn-small btn-ghost" disabled=move || index.get() == 0 on:click=up
                    aria-label=move || format!("Move button {} up", index.get() + 1)>"Up"</button>
                <button type="button" class="btn btn-small btn-ghost" on:click=remove
                    aria-label=move || format!("Remove button {}", index.get() + 1)>"Remove"</button>
            </div>
            <small class="field-error">{move || message("text")}</small>
            <small class="field-error">{move || message("type")}</small>
            {move || (kind.get() == ButtonKind::Url).then(|| {
                let now = current();
                view! {
                    <input type="url" autocomplete="off" placeholder="https://shop.in/track/{{1}}" value=now.url
                        aria-label=move || name("web address") aria-invalid=move || invalid("url")
                        on:input=move |ev| edit(|b, v| b.url = v, event_target_value(&ev))/>
                    <small class="field-error">{move || message("url")}</small>
                }
            })}
            {move || (kind.get() == ButtonKind::Url && has_variable.get()).then(|| {
                let now = current();
                view! {
                    <input type="url" autocomplete="off" placeholder="https://shop.in/track/PD-2026-00042" value=now.example
                        aria-label=move || name("sample web address") aria-invalid=move || invalid("example")
                        on:input=move |ev| edit(|b, v| b.example = v, event_target_value(&ev))/>
                    <small class="field-error">{move || message("example")}</small>
                }
            })}
            {move || (kind.get() == ButtonKind::Phone).then(|| {
                let now = current();
                view! {
                    <input type="tel" autocomplete="off" placeholder="+919800000001" value=now.phone
                        aria-label=move || name("phone number") aria-invalid=move || invalid("phone_number")
                        on:input=move |ev| edit(|b, v| b.phone = v, event_target_value(&ev))/>
                    <small class="field-error">{move || message("phone_number")}</small>
                }
            })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_and_buttons_convert_both_ways() {
        let buttons = [
            Button::QuickReply { text: "Thanks".into() },
            Button::Url { text: "Track".into(), url: "https://shop.in/o/{{1}}".into(), example: Some("https://shop.in/o/42".into()) },
            Button::PhoneNumber { text: "Call us".into(), phone_number: "+919800000001".into() },
        ];
        for (i, b) in buttons.iter().enumerate() {
            assert_eq!(&ButtonDraft::from_button(i as u32, b).unwrap().to_button(), b);
        }
        assert_eq!(ButtonDraft::from_button(0, &Button::Otp { text: "Copy code".into() }), None);
        let mut d = ButtonDraft::new(0, ButtonKind::Url);
        d.text = " Shop ".into();
        d.url = "https://shop.in".into();
        assert_eq!(d.to_button(), Button::Url { text: "Shop".into(), url: "https://shop.in".into(), example: None });
        assert_eq!(ButtonKind::parse("phone"), ButtonKind::Phone);
    }
}
