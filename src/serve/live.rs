//! The live-reload WebSocket: one per open tab. The tab says which output path it shows and
//! the fingerprint of the bytes it got; after each rebuild the server tells it to reload
//! when what that path shows changed, which other files changed (stylesheets are swapped
//! in place), and the findings of its page whenever they change.
//!
//! Messages, server to tab, as JSON:
//! `{"type":"reload"}`, `{"type":"assets","files":["_rosetta/rosetta.css"]}`,
//! `{"type":"findings","findings":[{file,line,column,severity,code,message}],"failure":null}`.

use super::generation::{Finding, Generation};
use super::http::App;
use axum::extract::ws::{Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::extract::{Query, State};
use axum::response::Response;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use tokio::sync::broadcast::error::RecvError;

/// What a tab says when it connects (the query string of the socket's URL).
#[derive(Deserialize)]
pub(crate) struct Hello {
    /// The output path the tab shows (`es-es/a.html`), as the server wrote it into the page.
    page: String,
    /// The fingerprint of the bytes the tab got, as the server wrote it into the page.
    version: String,
}

/// A message to a tab.
#[derive(Serialize, PartialEq)]
#[serde(tag = "type", rename_all = "lowercase")]
enum ToTab {
    Reload,
    Assets {
        files: Vec<String>,
    },
    Findings {
        findings: Arc<[Finding]>,
        failure: Option<String>,
    },
}

/// The socket's handler.
pub(crate) async fn socket(
    ws: WebSocketUpgrade,
    State(app): State<App>,
    Query(hello): Query<Hello>,
) -> Response {
    ws.on_upgrade(move |socket| tab(socket, app, hello))
}

/// The findings message of `page` in `generation`.
fn findings(generation: &Generation, page: &str) -> ToTab {
    ToTab::Findings {
        findings: generation.findings_of(page),
        failure: generation.failure.clone(),
    }
}

async fn send(socket: &mut WebSocket, message: &ToTab) -> bool {
    let Ok(text) = serde_json::to_string(message) else {
        return false;
    };
    socket
        .send(Message::Text(Utf8Bytes::from(text)))
        .await
        .is_ok()
}

/// Talks to one tab until it goes away, reloads, or the server stops.
async fn tab(mut socket: WebSocket, app: App, hello: Hello) {
    let mut updates = app.shared.updates.subscribe();
    let mut stopping = app.stopping.clone();
    let page = hello.page;
    let generation = app.shared.generation();
    let mut shown = generation.shown(&page);
    // A rebuild finished between the page's request and this socket: reload now.
    if format!("{:016x}", shown.hash) != hello.version {
        let _ = send(&mut socket, &ToTab::Reload).await;
        return;
    }
    let mut last = findings(&generation, &page);
    if !send(&mut socket, &last).await {
        return;
    }
    loop {
        tokio::select! {
            update = updates.recv() => {
                let (generation, assets) = match update {
                    Ok(update) => (update.generation.clone(), update.assets.clone()),
                    // Updates were missed: what changed is unknown, so reload.
                    Err(RecvError::Lagged(_)) => {
                        let _ = send(&mut socket, &ToTab::Reload).await;
                        return;
                    }
                    Err(RecvError::Closed) => return,
                };
                let now = generation.shown(&page);
                if now != shown {
                    let _ = send(&mut socket, &ToTab::Reload).await;
                    return;
                }
                shown = now;
                if !assets.is_empty() && !send(&mut socket, &ToTab::Assets { files: assets }).await {
                    return;
                }
                let next = findings(&generation, &page);
                if next != last {
                    if !send(&mut socket, &next).await {
                        return;
                    }
                    last = next;
                }
            }
            message = socket.recv() => match message {
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => return,
                Some(Ok(_)) => {}
            },
            _ = stopping.changed() => {
                let _ = socket.send(Message::Close(None)).await;
                return;
            }
        }
    }
}
