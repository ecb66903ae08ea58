//! Form fields as templates render them: a label, an optional hint, the message of what is
//! wrong, and the value as typed, so nothing is lost when a form comes back with errors.

use crate::forms::error_for;
use crate::page::Tr;
use hiroba_domain::FieldErrors;

#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub label: String,
    /// "text", "email", "password", "url", "color", "textarea", "select", "checkbox", "checkboxes".
    pub kind: &'static str,
    pub value: String,
    pub error: Option<String>,
    pub hint: Option<String>,
    pub autocomplete: &'static str,
    pub inputmode: &'static str,
    pub required: bool,
    pub required_text: String,
    pub options: Vec<Choice>,
    pub checked: bool,
    pub rows: u8,
}

impl Field {
    /// A field named `name`, labelled by the `field-{name}` message, showing its error if any.
    pub fn new(
        tr: &Tr<'_>,
        errors: &FieldErrors,
        name: &str,
        kind: &'static str,
        value: impl Into<String>,
    ) -> Field {
        Field {
            name: name.to_owned(),
            label: tr.t(&format!("field-{name}")),
            kind,
            value: value.into(),
            error: error_for(tr, errors, name),
            hint: None,
            autocomplete: "off",
            inputmode: "",
            required: false,
            required_text: tr.t("form-required"),
            options: Vec::new(),
            checked: false,
            rows: 5,
        }
    }

    pub fn label(mut self, label: String) -> Self {
        self.label = label;
        self
    }

    pub fn hint(mut self, hint: String) -> Self {
        self.hint = Some(hint);
        self
    }

    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    pub fn autocomplete(mut self, value: &'static str) -> Self {
        self.autocomplete = value;
        self
    }

    pub fn inputmode(mut self, value: &'static str) -> Self {
        self.inputmode = value;
        self
    }

    pub fn rows(mut self, rows: u8) -> Self {
        self.rows = rows;
        self
    }

    pub fn checked(mut self, checked: bool) -> Self {
        self.checked = checked;
        self
    }

    /// Choices for a select (one value) or checkboxes (several).
    pub fn choices(
        mut self,
        options: impl IntoIterator<Item = (String, String)>,
        selected: &[String],
    ) -> Self {
        self.options = options
            .into_iter()
            .map(|(value, label)| Choice {
                checked: selected.iter().any(|s| s.trim() == value),
                value,
                label,
            })
            .collect();
        self
    }

    pub fn id(&self) -> String {
        format!("f-{}", self.name)
    }

    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("f-{}-hint", self.name));
        }
        if self.error.is_some() {
            ids.push(format!("f-{}-error", self.name));
        }
        ids.join(" ")
    }
}

/// A titled group of fields.
#[derive(Debug, Clone)]
pub struct Section {
    /// The fieldset's id, so a checklist can link straight to it ("" for none).
    pub anchor: &'static str,
    pub title: String,
    pub fields: Vec<Field>,
}

/// Messages for the error summary at the top of a form, each linking to its field.
pub fn summary(tr: &Tr<'_>, errors: &FieldErrors) -> Vec<(String, String)> {
    errors
        .0
        .iter()
        .map(|e| {
            let label = tr.t(&format!("field-{}", e.field));
            (
                format!("#f-{}", e.field),
                format!("{label}: {}", crate::forms::message(tr, &e.invalid)),
            )
        })
        .collect()
}
