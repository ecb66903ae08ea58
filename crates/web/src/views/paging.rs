//! Numbered pagination: 1 … 4 5 [6] 7 8 … 20, links keep the current filters.

use crate::page::Tr;

#[derive(Debug, Clone)]
pub struct PagerLink {
    pub number: u64,
    pub href: String,
    pub current: bool,
    /// Accessible name: "3ページ目" ("（現在のページ）" when current).
    pub label: String,
    /// A gap ("…") before this link.
    pub gap_before: bool,
}

#[derive(Debug, Clone)]
pub struct Pager {
    pub links: Vec<PagerLink>,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// "120件中 21〜40件目"
    pub status: String,
}

/// `href(n)` builds the link to page `n`.
pub fn pager(
    tr: &Tr<'_>,
    page: u64,
    per_page: u64,
    total: u64,
    href: impl Fn(u64) -> String,
) -> Pager {
    let pages = total.div_ceil(per_page).max(1);
    let mut numbers: Vec<u64> = vec![1, pages];
    for n in page.saturating_sub(2)..=page + 2 {
        if (1..=pages).contains(&n) {
            numbers.push(n);
        }
    }
    numbers.sort_unstable();
    numbers.dedup();
    let mut links = Vec::new();
    let mut last = 0;
    for n in numbers {
        let label_id = if n == page {
            "pagination-current"
        } else {
            "pagination-page"
        };
        links.push(PagerLink {
            number: n,
            href: href(n),
            current: n == page,
            label: tr.tn(label_id, "page", n as i64),
            gap_before: n > last + 1,
        });
        last = n;
    }
    let from = ((page - 1) * per_page + 1).min(total);
    let to = (page * per_page).min(total);
    Pager {
        links,
        prev: (page > 1 && page <= pages).then(|| href(page - 1)),
        next: (page < pages).then(|| href(page + 1)),
        status: tr.args(
            "pagination-status",
            &[
                ("total", (total as i64).into()),
                ("from", (from as i64).into()),
                ("to", (to as i64).into()),
            ],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_and_gaps() {
        let i18n = hiroba_i18n::I18n::new();
        let tr = Tr::new(hiroba_i18n::Lang::Ja, &i18n);
        let p = pager(&tr, 6, 20, 400, |n| format!("?page={n}"));
        let numbers: Vec<_> = p.links.iter().map(|l| (l.number, l.gap_before)).collect();
        assert_eq!(
            numbers,
            vec![
                (1, false),
                (4, true),
                (5, false),
                (6, false),
                (7, false),
                (8, false),
                (20, true)
            ]
        );
        assert_eq!(p.prev.as_deref(), Some("?page=5"));
        assert_eq!(p.next.as_deref(), Some("?page=7"));
        assert_eq!(p.status, "400件中 101〜120件目");
        let single = pager(&tr, 1, 20, 3, |n| n.to_string());
        assert_eq!(single.links.len(), 1);
        assert!(single.prev.is_none() && single.next.is_none());
        let empty = pager(&tr, 1, 20, 0, |n| n.to_string());
        assert_eq!(empty.status, "0件中 0〜0件目");
    }
}
