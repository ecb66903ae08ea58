//! Every message id the web layer names literally exists in the Fluent catalogues, so no page
//! can show a raw id such as `org-form-basic` to a user. (Ids built at run time, such as
//! `field-{name}`, are covered by the page tests that render them.)

use hiroba_i18n::{I18n, Lang};
use std::path::Path;

/// Literal ids passed to `t("…")`, `tn("…", …)`, `ts("…", …)` or `args("…", …)` in one file.
fn literal_ids(text: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for call in ["t(\"", "tn(\"", "ts(\"", "args(\""] {
        for (at, _) in text.match_indices(call) {
            // Only a call, not the end of a longer name such as `assert(`.
            let before = text[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let rest = &text[at + call.len()..];
            let id: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            if rest[id.len()..].starts_with('"') && !id.is_empty() {
                ids.push(id);
            }
        }
    }
    ids
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("rs" | "html")
        ) {
            out.push(path);
        }
    }
}

#[test]
fn every_literal_message_id_is_defined_in_both_languages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files(&root.join("src"), &mut paths);
    files(&root.join("templates"), &mut paths);
    let i18n = I18n::new();
    let mut checked = 0;
    let mut missing = Vec::new();
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap();
        for id in literal_ids(&text) {
            checked += 1;
            for lang in [Lang::Ja, Lang::En] {
                if !i18n.has(lang, &id) {
                    missing.push(format!("{} ({}): {id}", path.display(), lang.code()));
                }
            }
        }
    }
    assert!(checked > 300, "the scan found the calls ({checked})");
    assert!(
        missing.is_empty(),
        "undefined messages:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_scan_finds_calls_and_ignores_lookalikes() {
    let ids = literal_ids(r#"tr.t("a-b") page.tn("c", "n", 1) assert("x") {{ t("d") }}"#);
    assert_eq!(ids, ["a-b", "d", "c"]);
}
