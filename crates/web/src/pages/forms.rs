//! The two page shapes most account and management screens use: a form, and a message.

use crate::errors::AppError;
use crate::page::PageCtx;
use crate::views::forms::Section;
use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;

#[derive(Template)]
#[template(path = "form_page.html")]
pub struct FormPage<'a> {
    pub page: PageCtx<'a>,
    pub heading: String,
    pub intro: Vec<String>,
    pub problem: Option<String>,
    pub summary: Vec<(String, String)>,
    pub action: String,
    pub hidden: Vec<(String, String)>,
    pub sections: Vec<Section>,
    pub submit: String,
    pub cancel: Option<(String, String)>,
    pub links: Vec<(String, String)>,
}

impl<'a> FormPage<'a> {
    /// Long forms whose sections all have anchors get a list of contents at the top.
    pub fn has_contents(&self) -> bool {
        self.sections.len() > 3 && self.sections.iter().all(|s| !s.anchor.is_empty())
    }

    pub fn new(page: PageCtx<'a>, action: impl Into<String>, submit: String) -> Self {
        FormPage {
            heading: page.title.clone(),
            page,
            intro: Vec::new(),
            problem: None,
            summary: Vec::new(),
            action: action.into(),
            hidden: Vec::new(),
            sections: Vec::new(),
            submit,
            cancel: None,
            links: Vec::new(),
        }
    }

    /// Renders with a status: 200 for a fresh form, 400 (or 401, 429…) when it comes back
    /// with problems.
    pub fn render(&self, status: StatusCode) -> Result<Response, AppError> {
        let mut response = super::html(self)?;
        *response.status_mut() = status;
        Ok(response)
    }
}

#[derive(Template)]
#[template(path = "message.html")]
pub struct MessagePage<'a> {
    pub page: PageCtx<'a>,
    pub heading: String,
    pub paragraphs: Vec<String>,
    /// A secret shown once (a new API token).
    pub secret: Option<String>,
    pub links: Vec<(String, String)>,
    pub form: Option<ButtonForm>,
}

/// A form that is one button (accept an invitation, confirm a step).
pub struct ButtonForm {
    pub action: String,
    pub label: String,
    pub hidden: Vec<(String, String)>,
}

impl<'a> MessagePage<'a> {
    pub fn new(page: PageCtx<'a>, paragraphs: Vec<String>) -> Self {
        MessagePage {
            heading: page.title.clone(),
            page,
            paragraphs,
            secret: None,
            links: Vec::new(),
            form: None,
        }
    }

    pub fn render(&self, status: StatusCode) -> Result<Response, AppError> {
        let mut response = super::html(self)?;
        *response.status_mut() = status;
        Ok(response)
    }
}
