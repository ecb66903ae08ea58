//! Presentation models: domain records turned into what a page shows, in the reader's language.

pub mod disclosure;
pub mod downloads;
pub mod finances;
pub mod forms;
pub mod organisation_form;
pub mod organisations;
pub mod paging;
pub mod places;
pub mod portals;
pub mod profile;

use crate::page::Tr;
use hiroba_domain::activity_fields::{ActivityFields, activity_field};
use hiroba_domain::sdgs::{SdgGoals, sdg_goal};

/// A small labelled tag (an activity field or an SDG).
#[derive(Debug, Clone)]
pub struct Chip {
    pub code: u8,
    pub label: String,
}

pub fn field_chips(tr: &Tr<'_>, fields: &ActivityFields) -> Vec<Chip> {
    fields
        .iter()
        .filter_map(activity_field)
        .map(|f| Chip {
            code: f.code,
            label: tr.pick(f.name_ja, f.name_en).to_owned(),
        })
        .collect()
}

pub fn sdg_chips(tr: &Tr<'_>, goals: &SdgGoals) -> Vec<Chip> {
    goals
        .iter()
        .filter_map(sdg_goal)
        .map(|g| Chip {
            code: g.code,
            label: format!("{} {}", g.code, tr.pick(g.name_ja, g.name_en)),
        })
        .collect()
}

/// The first `max` characters of a text, on one line, with an ellipsis if cut.
pub fn excerpt(text: &str, max: usize) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        let cut: String = one_line.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    }
}

/// A text split into paragraphs at blank lines, each trimmed.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A date as people read it: 2026年11月21日 / 21 Nov 2026.
pub fn date(tr: &Tr<'_>, at: &chrono::DateTime<chrono::Utc>) -> String {
    // Dates are shown in Japan time, where the portals operate.
    let jst = at.with_timezone(&chrono::FixedOffset::east_opt(9 * 3600).expect("valid offset"));
    if tr.en() {
        jst.format("%-d %b %Y").to_string()
    } else {
        jst.format("%Y年%-m月%-d日").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_cut_on_characters() {
        assert_eq!(excerpt("子ども の 居場所", 20), "子ども の 居場所");
        assert_eq!(excerpt("あいうえおかきくけこ", 5), "あいうえお…");
        assert_eq!(excerpt("a\n\nb", 5), "a b");
    }
}
