//! The live preview of the template being edited: a chat bubble as the customer's phone would
//! show it, with the sample values filled in. Rendered by the domain's own preview, so what
//! staff see is what the server would submit.
use crate::domain::whatsapp::template::Template;
use leptos::prelude::*;

#[component]
pub(super) fn PreviewBubble(#[prop(into)] spec: Signal<Template>) -> impl IntoView {
    let p = Memo::new(move |_| spec.with(Template::preview));
    let body = move || p.with(|p| p.body.clone());
    view! {
        <aside class="wa-tpl-preview" aria-label="Preview" data-testid="template-preview">
            <p class="small-title">"Preview"</p>
            <div class="wa-tpl-screen">
                <div class="wa-tpl-bubble">
                    {move || p.with(|p| p.header.clone()).map(|h| view! { <strong class="wa-tpl-header" data-testid="preview-header">{h}</strong> })}
                    <p class="wa-tpl-body" data-testid="preview-body">
                        {move || if body().trim().is_empty() { "Type the message to see it here.".to_string() } else { body() }}
                    </p>
                    {move || p.with(|p| p.footer.clone()).map(|f| view! { <small class="wa-tpl-footer" data-testid="preview-footer">{f}</small> })}
                </div>
                <ul class="wa-tpl-preview-buttons" data-testid="preview-buttons">
                    {move || p.with(|p| p.buttons.clone()).into_iter().map(|b| view! { <li>{b}</li> }).collect_view()}
                </ul>
            </div>
            <p class="hint">"With the sample values; each customer gets their own."</p>
        </aside>
    }
}
