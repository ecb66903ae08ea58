//! Reading what someone typed into the search box: words and quoted phrases, legal forms
//! (NPO法人, (一社), ㈱…) and corporate numbers. Nothing typed is syntax that can fail: a stray
//! quote, a colon or a bracket is just text.

use crate::analysis::normalise_str;
use hiroba_domain::kana::code_digits;
use hiroba_domain::legal_forms::{LEGAL_FORMS, LegalForm};
use std::sync::OnceLock;

/// Longest query read, in characters; the rest is ignored with a notice.
pub const MAX_QUERY_CHARS: usize = 200;
/// Most words read; the rest are ignored with a notice.
pub const MAX_CLAUSES: usize = 12;

/// One thing every result must match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    /// A word or quoted phrase, as typed.
    Text(String),
    /// A legal form: matches organisations of these forms, or the words in their text.
    LegalForm {
        typed: String,
        forms: Vec<LegalForm>,
    },
    /// A 13-digit 法人番号, looked up exactly.
    CorporateNumber(String),
}

/// Something the person should know about how their query was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Notice {
    /// The query was longer than [`MAX_QUERY_CHARS`] and was cut.
    Shortened,
    /// More than [`MAX_CLAUSES`] words; the rest were ignored.
    TooManyWords,
    /// Nothing searchable was typed (only symbols or emoji).
    NothingSearchable,
    /// No result matched every word, so results matching some of them are shown.
    Relaxed,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    pub clauses: Vec<Clause>,
    pub notices: Vec<Notice>,
}

impl ParsedQuery {
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }
}

/// Splits the query into clauses.
pub fn parse(input: &str) -> ParsedQuery {
    let mut notices = Vec::new();
    let mut text: String = input.chars().take(MAX_QUERY_CHARS).collect();
    if text.len() < input.len() {
        notices.push(Notice::Shortened);
    }
    // Full-width quotes and spaces are quotes and spaces.
    text = text
        .chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '“' | '”' | '＂' | '「' | '」' | '『' | '』' => '"',
            c => c,
        })
        .collect();
    let mut raw = Vec::new();
    for (i, part) in text.split('"').enumerate() {
        // Odd parts were inside quotes (an unbalanced quote quotes the rest).
        if i % 2 == 1 {
            if !part.trim().is_empty() {
                raw.push((part.trim().to_owned(), true));
            }
        } else {
            raw.extend(part.split_whitespace().map(|w| (w.to_owned(), false)));
        }
    }
    let mut clauses = Vec::new();
    for (word, quoted) in raw {
        if quoted {
            clauses.push(Clause::Text(word));
            continue;
        }
        clauses.extend(read_word(&word));
    }
    // Words of only symbols or emoji cannot match anything; leave them out.
    clauses.retain(|c| match c {
        Clause::Text(t) => !crate::tokenizer::analyse(t, crate::tokenizer::Gram::Bigram).is_empty(),
        _ => true,
    });
    if clauses.is_empty() && !input.trim().is_empty() {
        notices.push(Notice::NothingSearchable);
    }
    if clauses.len() > MAX_CLAUSES {
        clauses.truncate(MAX_CLAUSES);
        notices.push(Notice::TooManyWords);
    }
    ParsedQuery { clauses, notices }
}

fn read_word(word: &str) -> Vec<Clause> {
    if let Some(digits) = code_digits(word).filter(|d| d.len() == 13) {
        return vec![Clause::CorporateNumber(digits)];
    }
    let normal = normalise_str(word);
    if let Some(forms) = legal_form_named(&normal) {
        return vec![Clause::LegalForm {
            typed: word.to_owned(),
            forms,
        }];
    }
    // A legal form written onto a name: NPO法人育て上げネット, せとうちフーズ㈱.
    for (name, forms) in legal_form_names() {
        if normal.len() > name.len() {
            if let Some(rest) = normal.strip_prefix(name.as_str()) {
                return vec![
                    legal_form_clause(name, forms),
                    Clause::Text(rest.to_owned()),
                ];
            }
            if let Some(rest) = normal.strip_suffix(name.as_str()) {
                return vec![
                    Clause::Text(rest.to_owned()),
                    legal_form_clause(name, forms),
                ];
            }
        }
    }
    vec![Clause::Text(word.to_owned())]
}

fn legal_form_clause(name: &str, forms: &[LegalForm]) -> Clause {
    Clause::LegalForm {
        typed: name.to_owned(),
        forms: forms.to_vec(),
    }
}

/// The legal forms a whole word names, if it names one.
pub fn legal_form_named(normalised: &str) -> Option<Vec<LegalForm>> {
    legal_form_names()
        .iter()
        .find(|(name, _)| name == normalised)
        .map(|(_, forms)| forms.clone())
}

/// Every way of writing a legal form, normalised, longest first (so 認定NPO法人 is tried
/// before NPO法人), with the forms it covers. An NPO法人 written plainly covers the certified
/// ones too: they are NPO法人.
fn legal_form_names() -> &'static [(String, Vec<LegalForm>)] {
    static NAMES: OnceLock<Vec<(String, Vec<LegalForm>)>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let npo_family = vec![
            LegalForm::Npo,
            LegalForm::CertifiedNpo,
            LegalForm::ProvisionallyCertifiedNpo,
        ];
        let mut names: Vec<(String, Vec<LegalForm>)> = Vec::new();
        let mut add = |text: &str, forms: Vec<LegalForm>| {
            let n = normalise_str(text);
            if n.chars().count() >= 2 && !names.iter().any(|(m, _)| *m == n) {
                names.push((n, forms));
            }
        };
        // Abbreviations common in directories that the domain table does not list.
        for extra in ["特非", "(特非)", "(特活)", "NPO団体"] {
            add(extra, npo_family.clone());
        }
        for info in LEGAL_FORMS.iter() {
            let forms = if info.form == LegalForm::Npo {
                npo_family.clone()
            } else {
                vec![info.form]
            };
            add(info.name_ja, forms.clone());
            add(info.short_ja, forms.clone());
            for s in info.synonyms {
                add(s, forms.clone());
            }
        }
        // Words that are ordinary vocabulary as well are not read as legal forms on their own
        // when glued to other text; they stay searchable as words.
        names.sort_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()));
        names
    })
}

/// The ways of writing these forms that appear in names, for highlighting.
pub fn legal_form_spellings(forms: &[LegalForm]) -> Vec<&'static str> {
    LEGAL_FORMS
        .iter()
        .filter(|i| forms.contains(&i.form))
        .flat_map(|i| [i.name_ja, i.short_ja])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_phrases() {
        let q = parse("子ども 食堂 \"岡山 市\"");
        assert_eq!(
            q.clauses,
            vec![
                Clause::Text("子ども".into()),
                Clause::Text("食堂".into()),
                Clause::Text("岡山 市".into())
            ]
        );
        assert!(q.notices.is_empty());
    }

    #[test]
    fn unbalanced_quotes_and_full_width_spaces() {
        let q = parse("「子ども食堂　岡山");
        assert_eq!(q.clauses, vec![Clause::Text("子ども食堂 岡山".into())]);
        let q = parse("子ども\u{3000}食堂");
        assert_eq!(q.clauses.len(), 2);
    }

    #[test]
    fn legal_forms_alone_and_glued() {
        let q = parse("NPO法人 育て上げ");
        assert!(
            matches!(&q.clauses[0], Clause::LegalForm { forms, .. } if forms.contains(&LegalForm::Npo) && forms.contains(&LegalForm::CertifiedNpo))
        );
        assert_eq!(q.clauses[1], Clause::Text("育て上げ".into()));
        let q = parse("ＮＰＯ法人育て上げネット");
        assert!(matches!(&q.clauses[0], Clause::LegalForm { .. }));
        assert_eq!(q.clauses[1], Clause::Text("育て上げねっと".into()));
        let q = parse("認定NPO法人");
        assert!(
            matches!(&q.clauses[0], Clause::LegalForm { forms, .. } if forms == &vec![LegalForm::CertifiedNpo])
        );
        let q = parse("せとうちフーズ㈱");
        assert!(
            matches!(&q.clauses[1], Clause::LegalForm { forms, .. } if forms == &vec![LegalForm::StockCompany])
        );
        let q = parse("(一社)");
        assert!(
            matches!(&q.clauses[0], Clause::LegalForm { forms, .. } if forms == &vec![LegalForm::GeneralAssociation])
        );
    }

    #[test]
    fn corporate_numbers() {
        let q = parse("６２６０００５００３８８１");
        assert_eq!(
            q.clauses,
            vec![Clause::CorporateNumber("6260005003881".into())]
        );
        let q = parse("6260-0050-03881");
        assert_eq!(
            q.clauses,
            vec![Clause::CorporateNumber("6260005003881".into())]
        );
    }

    #[test]
    fn long_queries_are_cut_with_a_notice() {
        let q = parse(&"あ".repeat(10_000));
        assert_eq!(q.notices, vec![Notice::Shortened]);
        let q = parse(&"a ".repeat(100));
        assert!(q.notices.contains(&Notice::TooManyWords));
        assert_eq!(q.clauses.len(), MAX_CLAUSES);
    }

    #[test]
    fn syntax_characters_are_text() {
        let q = parse("name:foo AND (bar OR) -baz* ~ ^2");
        assert!(q.clauses.iter().all(|c| matches!(c, Clause::Text(_))));
    }
}
