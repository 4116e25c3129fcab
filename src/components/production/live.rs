//! Live board updates: listens to /production/events (server-sent events) and calls
//! `on_change` (coalesced) when any board changed.
#[cfg(feature = "hydrate")]
pub fn subscribe(on_change: impl Fn() + 'static) {
    use leptos::prelude::*;
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Ok(source) = web_sys::EventSource::new("/production/events") else { return };
    let pending = Rc::new(Cell::new(false));
    let on_change = Rc::new(on_change);
    let handler = {
        let pending = pending.clone();
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |_ev: web_sys::MessageEvent| {
            // Several moves in quick succession give one reload.
            if pending.replace(true) {
                return;
            }
            let pending = pending.clone();
            let on_change = on_change.clone();
            leptos::task::spawn_local(async move {
                gloo_timers::future::TimeoutFuture::new(120).await;
                pending.set(false);
                on_change();
            });
        })
    };
    for kind in ["move", "reload"] {
        let _ = source.add_event_listener_with_callback(kind, handler.as_ref().unchecked_ref());
    }
    handler.forget();
    // Closing on unmount stops the stream; the page may be left with the back button.
    let source = send_wrapper::SendWrapper::new(source);
    on_cleanup(move || source.close());
}

#[cfg(not(feature = "hydrate"))]
pub fn subscribe(_on_change: impl Fn() + 'static) {}
