//! Live board updates: listens to /production/events (server-sent events) and calls
//! `on_change` with the jobs that changed (coalesced), or with `None` when the board must
//! be read again in full (this browser missed events).
#[cfg(feature = "hydrate")]
pub fn subscribe(on_change: impl Fn(Option<Vec<i32>>) + 'static) {
    use crate::dto::production::BoardEvent;
    use leptos::prelude::*;
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Ok(source) = web_sys::EventSource::new("/production/events") else { return };
    // Jobs heard of since the last call; `None` inside means "everything".
    let pending: Rc<RefCell<Option<Option<Vec<i32>>>>> = Rc::new(RefCell::new(None));
    let on_change = Rc::new(on_change);
    let handler = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        // The cards named, or None for "read everything" (a reload, or a message not understood).
        let jobs = ev.data().as_string().and_then(|d| serde_json::from_str::<BoardEvent>(&d).ok()).filter(|e| !e.reload).map(|e| e.jobs);
        let first = {
            let mut p = pending.borrow_mut();
            let first = p.is_none();
            *p = match (p.take(), jobs) {
                (Some(None), _) | (_, None) => Some(None),
                (Some(Some(mut ids)), Some(more)) => {
                    ids.extend(more);
                    Some(Some(ids))
                }
                (None, Some(ids)) => Some(Some(ids)),
            };
            first
        };
        if !first {
            return;
        }
        // Several moves in quick succession give one request.
        let pending = pending.clone();
        let on_change = on_change.clone();
        leptos::task::spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(120).await;
            if let Some(ids) = pending.borrow_mut().take() {
                on_change(ids.map(|mut v| {
                    v.sort_unstable();
                    v.dedup();
                    v
                }));
            }
        });
    });
    for kind in ["move", "reload"] {
        let _ = source.add_event_listener_with_callback(kind, handler.as_ref().unchecked_ref());
    }
    handler.forget();
    // Closing on unmount stops the stream; the page may be left with the back button.
    let source = send_wrapper::SendWrapper::new(source);
    on_cleanup(move || source.close());
}

#[cfg(not(feature = "hydrate"))]
pub fn subscribe(_on_change: impl Fn(Option<Vec<i32>>) + 'static) {}
