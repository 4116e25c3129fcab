//! The template editor (create, or edit a reviewed template): name, category, language,
//! header, body with a live character count, footer, buttons, a sample value per variable, and
//! the live preview. After a first "Submit", Meta's rules are checked in the browser as staff
//! type (the same `domain` check the server runs), so every broken rule shows under its input
//! and a template that breaks one is never sent; the server checks again.
use super::template_buttons::{ButtonDraft, ButtonsEditor};
use super::template_preview::PreviewBubble;
use crate::api::wa_templates::{wa_template_create, wa_template_edit};
use crate::components::ui::{ErrorBox, Field};
use crate::domain::validate::FieldErrors;
use crate::domain::whatsapp::template::{Button, Category, Header, Template, BODY_MAX, CODE_EXPIRY_MAX, FOOTER_MAX, HEADER_TEXT_MAX};
use crate::domain::whatsapp::template_edit::check;
use crate::domain::whatsapp::vars::variables;
use crate::dto::wa_templates::TemplateRow;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeMap;

/// The copy-code button Meta shows under a sign-in code.
const COPY_CODE: &str = "Copy code";
/// Minutes a new authentication template's code is valid for.
const DEFAULT_EXPIRY: &str = "10";

/// What the form is for: a new template (maybe with a name and language to start from) or an
/// edit of a stored one.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum FormMode {
    New { name: String, language: String },
    Edit(TemplateRow),
}

impl FormMode {
    pub(super) fn blank() -> FormMode {
        FormMode::New { name: String::new(), language: "en".into() }
    }
}

/// The messages under the inputs: the browser's own check once staff tried to submit, else
/// what the server answered.
#[derive(Clone, Copy)]
pub(super) struct Errors {
    live: Memo<FieldErrors>,
    server: RwSignal<Option<AppError>>,
}

impl Errors {
    pub(super) fn get(self, field: &str) -> Option<String> {
        self.live
            .with(|e| e.get(field).map(str::to_string))
            .or_else(|| self.server.with(|e| e.as_ref().and_then(|e| e.field_message(field))))
    }

    fn signal(self, field: &'static str) -> Signal<Option<String>> {
        Signal::derive(move || self.get(field))
    }

    fn invalid(self, field: &'static str) -> impl Fn() -> &'static str + Copy {
        move || if self.get(field).is_some() { "true" } else { "false" }
    }
}

/// Everything typed, as signals; `spec()` is the template they make.
#[derive(Clone, Copy)]
struct Draft {
    name: RwSignal<String>,
    category: RwSignal<Category>,
    language: RwSignal<String>,
    header: RwSignal<String>,
    /// An image or document header (made in WhatsApp Manager) is kept as it is.
    media_header: StoredValue<Option<Header>>,
    header_sample: RwSignal<String>,
    body: RwSignal<String>,
    samples: RwSignal<BTreeMap<String, String>>,
    footer: RwSignal<String>,
    buttons: RwSignal<Vec<ButtonDraft>>,
    security: RwSignal<bool>,
    expiry: RwSignal<String>,
}

impl Draft {
    fn new(t: &Template) -> Draft {
        let (header, media) = match &t.header {
            Header::Text { text } => (text.clone(), None),
            Header::None => (String::new(), None),
            other => (String::new(), Some(other.clone())),
        };
        let buttons = t.buttons.iter().enumerate().filter_map(|(i, b)| ButtonDraft::from_button(i as u32, b)).collect();
        let expiry = match (t.category, t.code_expiration_minutes) {
            (_, Some(m)) => m.to_string(),
            (Category::Authentication, None) => String::new(),
            _ => DEFAULT_EXPIRY.into(),
        };
        Draft {
            name: RwSignal::new(t.name.clone()),
            category: RwSignal::new(t.category),
            language: RwSignal::new(t.language.clone()),
            header: RwSignal::new(header),
            media_header: StoredValue::new(media),
            header_sample: RwSignal::new(t.header_example.clone().unwrap_or_default()),
            body: RwSignal::new(t.body.clone()),
            samples: RwSignal::new(t.body_examples.clone()),
            footer: RwSignal::new(t.footer.clone().unwrap_or_default()),
            buttons: RwSignal::new(buttons),
            security: RwSignal::new(t.add_security_recommendation || t.category != Category::Authentication),
            expiry: RwSignal::new(expiry),
        }
    }

    /// The template as typed. An authentication template has Meta's fixed text and one
    /// copy-code button; a number of minutes that does not read becomes 0, which the rules
    /// refuse with their own message.
    fn spec(self) -> Template {
        let category = self.category.get();
        let auth = category == Category::Authentication;
        let header_text = self.header.get();
        let header = if auth {
            Header::None
        } else if header_text.trim().is_empty() {
            self.media_header.get_value().unwrap_or_default()
        } else {
            Header::Text { text: header_text.clone() }
        };
        let body = if auth { String::new() } else { self.body.get() };
        // Samples of variables the body no longer has are not sent.
        let samples = self.samples.get();
        let body_examples = variables(&body).into_iter().filter_map(|v| samples.get(&v.key()).map(|s| (v.key(), s.clone()))).collect();
        let header_example = (!auth && !variables(&header_text).is_empty()).then(|| self.header_sample.get());
        let footer = Some(self.footer.get()).filter(|f| !auth && !f.trim().is_empty());
        let buttons = if auth {
            vec![Button::Otp { text: COPY_CODE.into() }]
        } else {
            self.buttons.get().iter().map(ButtonDraft::to_button).collect()
        };
        let code_expiration_minutes = match self.expiry.get().trim() {
            _ if !auth => None,
            "" => None,
            m => Some(m.parse::<u8>().unwrap_or(0)),
        };
        Template {
            name: self.name.get().trim().to_string(),
            category,
            language: self.language.get().trim().to_string(),
            header,
            body,
            footer,
            buttons,
            header_example,
            body_examples,
            add_security_recommendation: auth && self.security.get(),
            code_expiration_minutes,
            status: Default::default(),
            quality: Default::default(),
        }
    }
}

fn blank(name: &str, language: &str) -> Template {
    Template::empty(name, Category::Utility, language)
}

/// "123 / 1024", red past the limit (Meta counts characters, not bytes).
#[component]
fn Counter(text: RwSignal<String>, max: usize, testid: &'static str) -> impl IntoView {
    let n = move || text.with(|t| t.chars().count());
    view! { <small class="wa-tpl-count" class:over=move || { n() > max } data-testid=testid>{move || format!("{} / {max}", n())}</small> }
}

/// `on_done` gets the notice to show once the server took the template.
#[component]
pub(super) fn TemplateForm(mode: FormMode, on_done: Callback<String>, on_cancel: Callback<()>) -> impl IntoView {
    let (editing, initial) = match &mode {
        FormMode::Edit(r) => (Some(r.id), r.spec.clone()),
        FormMode::New { name, language } => (None, blank(name, language)),
    };
    let stored = StoredValue::new(editing.map(|_| initial.clone()));
    let d = Draft::new(&initial);
    let attempted = RwSignal::new(false);
    let server = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let live = Memo::new(move |_| if attempted.get() { stored.with_value(|s| check(s.as_ref(), &d.spec())) } else { FieldErrors::new() });
    let errors = Errors { live, server };
    let auth = move || d.category.get() == Category::Authentication;

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        server.set(None);
        let spec = untrack(move || d.spec());
        if !stored.with_value(|s| check(s.as_ref(), &spec)).is_empty() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let name = spec.name.clone();
            let r = match editing {
                Some(id) => wa_template_edit(id, spec).await.map(|_| format!("Changes to {name} sent: it is back in review with Meta.")),
                None => wa_template_create(spec).await.map(|_| format!("{name} was submitted: Meta reviews it, usually within minutes.")),
            };
            busy.try_set(false);
            match r {
                Ok(notice) => on_done.run(notice),
                Err(e) => {
                    server.try_set(Some(e));
                }
            }
        });
    };
    let fixed = editing.is_some();
    let fixed_hint = if fixed { "Fixed once submitted" } else { "" };
    view! {
        <form class="wa-tpl-form" id="template-form" on:submit=submit novalidate data-testid="template-form">
            <div class="stack wa-tpl-fields">
                <div class="form-grid">
                    <Field label="Name" error=errors.signal("name") hint=if fixed { fixed_hint } else { "Lower-case letters, digits and _, e.g. order_ready" }>
                        <input type="text" autocomplete="off" spellcheck="false" disabled=fixed value=initial.name.clone() prop:value=move || d.name.get()
                            aria-invalid=errors.invalid("name") on:input=move |ev| d.name.set(event_target_value(&ev))/>
                    </Field>
                    <Field label="Category" error=errors.signal("category") hint=fixed_hint>
                        <select disabled=fixed on:change=move |ev| d.category.set(Category::parse(&event_target_value(&ev)).unwrap_or(Category::Utility))>
                            {Category::ALL.into_iter().map(|c| view! { <option value=c.as_str() selected=c == initial.category>{c.label()}</option> }).collect_view()}
                        </select>
                    </Field>
                    <Field label="Language" error=errors.signal("language") hint=if fixed { fixed_hint } else { "A code such as en, hi or en_US" }>
                        <input type="text" autocomplete="off" spellcheck="false" disabled=fixed value=initial.language.clone() prop:value=move || d.language.get()
                            aria-invalid=errors.invalid("language") on:input=move |ev| d.language.set(event_target_value(&ev))/>
                    </Field>
                </div>
                <Show when=auth fallback=move || view! { <ContentFields d errors/> }>
                    <AuthFields d errors/>
                </Show>
                {move || (attempted.get() && !live.with(FieldErrors::is_empty)).then(|| view! {
                    <p class="alert alert-error" role="alert" data-testid="template-errors">"Please correct the highlighted fields: WhatsApp would reject this template."</p>
                })}
                {move || server.get().map(|e| view! { <ErrorBox err=e/> })}
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" disabled=move || busy.get()>{if fixed { "Save changes" } else { "Submit for review" }}</button>
                    {fixed.then(|| view! { <button type="button" class="btn" on:click=move |_| on_cancel.run(())>"Cancel"</button> })}
                </div>
            </div>
            <PreviewBubble spec=Signal::derive(move || d.spec())/>
        </form>
    }
}

/// Header, body, footer, the samples and the buttons of a marketing or utility template.
#[component]
fn ContentFields(d: Draft, errors: Errors) -> impl IntoView {
    let header_var = Memo::new(move |_| d.header.with(|h| !variables(h).is_empty()));
    let body_vars = Memo::new(move |_| d.body.with(|b| variables(b).into_iter().map(|v| v.key()).collect::<Vec<_>>()));
    let initial_body = d.body.get_untracked();
    view! {
        {move || d.media_header.get_value().filter(|_| d.header.with(|h| h.trim().is_empty())).map(|_| view! {
            <p class="hint">"This template's image or document header is kept as it is; a header text here replaces it."</p>
        })}
        <Field label="Header" error=errors.signal("header") hint="Optional, at most one variable: {{1}}">
            <input type="text" autocomplete="off" value=d.header.get_untracked() prop:value=move || d.header.get()
                aria-invalid=errors.invalid("header") on:input=move |ev| d.header.set(event_target_value(&ev))/>
            <Counter text=d.header max=HEADER_TEXT_MAX testid="header-count"/>
        </Field>
        {move || header_var.get().then(|| view! {
            <Field label="Sample for the header variable" error=errors.signal("header_example")>
                <input type="text" autocomplete="off" value=d.header_sample.get_untracked() prop:value=move || d.header_sample.get()
                    aria-invalid=errors.invalid("header_example") on:input=move |ev| d.header_sample.set(event_target_value(&ev))/>
            </Field>
        })}
        <Field label="Body" error=errors.signal("body") hint="Variables {{1}}, {{2}}… numbered without gaps, not at the very start or end">
            <textarea rows="5" prop:value=move || d.body.get() aria-invalid=errors.invalid("body")
                on:input=move |ev| d.body.set(event_target_value(&ev))>{initial_body}</textarea>
            <Counter text=d.body max=BODY_MAX testid="body-count"/>
        </Field>
        <Show when=move || !body_vars.with(Vec::is_empty)>
            <fieldset class="wa-tpl-samples" data-testid="template-samples">
                <legend>"Sample values"</legend>
                <p class="hint">"Meta reviews the template with these; the preview shows them."</p>
                <For each=move || body_vars.get() key=|k: &String| k.clone() let:key>
                    <SampleInput var=key d errors/>
                </For>
            </fieldset>
        </Show>
        <Field label="Footer" error=errors.signal("footer") hint="Optional, no variables">
            <input type="text" autocomplete="off" value=d.footer.get_untracked() prop:value=move || d.footer.get()
                aria-invalid=errors.invalid("footer") on:input=move |ev| d.footer.set(event_target_value(&ev))/>
            <Counter text=d.footer max=FOOTER_MAX testid="footer-count"/>
        </Field>
        <ButtonsEditor buttons=d.buttons errors/>
    }
}

/// The sample of one body variable, kept in `d.samples` under its key ("1", "customer_name").
#[component]
fn SampleInput(var: String, d: Draft, errors: Errors) -> impl IntoView {
    let field = StoredValue::new(format!("body_examples.{var}"));
    let message = move || field.with_value(|f| errors.get(f));
    let initial = d.samples.with_untracked(|s| s.get(&var).cloned().unwrap_or_default());
    let key = StoredValue::new(var.clone());
    let set = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        d.samples.update(|s| {
            s.insert(key.get_value(), v);
        });
    };
    view! {
        <label class="field" class:invalid=move || message().is_some() data-testid="template-sample">
            <span class="field-label">{format!("Sample for {{{{{var}}}}}")}</span>
            <input type="text" autocomplete="off" value=initial on:input=set
                aria-invalid=move || if message().is_some() { "true" } else { "false" }/>
            <small class="field-error">{message}</small>
        </label>
    }
}

/// An authentication template: Meta writes the text; the shop picks the extras.
#[component]
fn AuthFields(d: Draft, errors: Errors) -> impl IntoView {
    view! {
        <p class="hint">"Meta writes the text of a sign-in code template itself: the code, and a copy-code button."</p>
        <label class="check">
            <input type="checkbox" prop:checked=move || d.security.get() on:change=move |ev| d.security.set(event_target_checked(&ev))/>
            <span>"Add “For your security, do not share this code.”"</span>
        </label>
        <Field label="Code expires after (minutes)" error=errors.signal("code_expiration_minutes") hint="1 to 90; empty: no expiry line">
            <input type="number" inputmode="numeric" min="1" max=CODE_EXPIRY_MAX.to_string() step="1" value=d.expiry.get_untracked()
                prop:value=move || d.expiry.get() aria-invalid=errors.invalid("code_expiration_minutes")
                on:input=move |ev| d.expiry.set(event_target_value(&ev))/>
        </Field>
        <small class="field-error">{move || errors.get("buttons")}</small>
    }
}
