//! Every state-changing route is listed, so that tests can try each one as every role.
//!
//! Page routes that change data are declared through [`Book::post`]; API routes come from the
//! OpenAPI document. The [`guard`] middleware refuses (500, logged) any state-changing request
//! to a route missing from the list, so a route cannot be added without being listed, and the
//! isolation test fails for any listed route it does not know how to attack.

use crate::AppState;
use crate::errors::AppError;
use axum::Router;
use axum::extract::{MatchedPath, Request};
use axum::handler::Handler;
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, post};
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// A router that records its state-changing routes.
pub struct Book {
    router: Router<AppState>,
    mutations: Vec<(Method, &'static str)>,
}

impl Book {
    pub fn new() -> Self {
        Book {
            router: Router::new(),
            mutations: Vec::new(),
        }
    }

    pub fn get<H, T>(mut self, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.router = self.router.route(path, get(handler));
        self
    }

    /// A page with a form posted back to the same path.
    pub fn form<G, Tg, P, Tp>(mut self, path: &'static str, show: G, submit: P) -> Self
    where
        G: Handler<Tg, AppState>,
        Tg: 'static,
        P: Handler<Tp, AppState>,
        Tp: 'static,
    {
        self.mutations.push((Method::POST, path));
        self.router = self.router.route(path, get(show).post(submit));
        self
    }

    /// A page with a form that carries a file, posted back to the same path; the POST may be
    /// as large as [`super::upload::BODY_LIMIT`].
    pub fn upload<G, Tg, P, Tp>(mut self, path: &'static str, show: G, submit: P) -> Self
    where
        G: Handler<Tg, AppState>,
        Tg: 'static,
        P: Handler<Tp, AppState>,
        Tp: 'static,
    {
        self.mutations.push((Method::POST, path));
        let post = post(submit).layer(axum::extract::DefaultBodyLimit::max(
            super::upload::BODY_LIMIT,
        ));
        self.router = self.router.route(path, get(show).merge(post));
        self
    }

    /// A file posted from a form elsewhere (the logo on the overview page).
    pub fn post_upload<H, T>(mut self, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.mutations.push((Method::POST, path));
        self.router = self.router.route(
            path,
            post(handler).layer(axum::extract::DefaultBodyLimit::max(
                super::upload::BODY_LIMIT,
            )),
        );
        self
    }

    /// An action posted from a form elsewhere.
    pub fn post<H, T>(mut self, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.mutations.push((Method::POST, path));
        self.router = self.router.route(path, post(handler));
        self
    }

    /// A read-only route built by hand (e.g. a GET-only method router).
    pub fn route(mut self, path: &'static str, method_router: MethodRouter<AppState>) -> Self {
        self.router = self.router.route(path, method_router);
        self
    }

    pub fn finish(self) -> (Router<AppState>, Vec<(Method, &'static str)>) {
        (self.router, self.mutations)
    }
}

impl Default for Book {
    fn default() -> Self {
        Self::new()
    }
}

/// Every state-changing route: (method, path template).
pub fn all() -> &'static BTreeSet<(String, String)> {
    static ALL: OnceLock<BTreeSet<(String, String)>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut set: BTreeSet<(String, String)> = crate::pages::router()
            .1
            .into_iter()
            .map(|(m, p)| (m.to_string(), p.to_owned()))
            .collect();
        for (path, item) in &crate::api::openapi().paths.paths {
            for (method, op) in [
                ("POST", &item.post),
                ("PUT", &item.put),
                ("PATCH", &item.patch),
                ("DELETE", &item.delete),
            ] {
                if op.is_some() {
                    set.insert((method.to_owned(), path.clone()));
                }
            }
        }
        set
    })
}

/// Flags state-changing requests served by a route missing from [`all`].
///
/// axum does not tell a middleware which methods a route handles, so an unlisted request is let
/// through and judged by its answer: 405 means no handler took it (fine); anything else means a
/// handler exists that the list (and so the isolation test) does not know, which is answered
/// with a 500 and logged so that any test touching it fails.
pub async fn guard(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    if matches!(method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(request).await;
    }
    let Some(path) = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
    else {
        return next.run(request).await;
    };
    if all().contains(&(method.to_string(), path.clone())) {
        return next.run(request).await;
    }
    let response = next.run(request).await;
    if response.status() == axum::http::StatusCode::METHOD_NOT_ALLOWED {
        return response;
    }
    AppError::Internal(format!(
        "state-changing route {method} {path} is not registered in auth::mutations"
    ))
    .into_response()
}
