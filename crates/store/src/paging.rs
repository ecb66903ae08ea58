//! Page requests: numbered pages for people, keyset cursors for the API.

/// A position in a list sorted by (rank, sort key, id); the rank is 0 in name order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub rank: i64,
    pub sort_key: String,
    pub id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageRequest {
    /// Page `page` (1-based) of `per_page` items, with a total count.
    Numbered { page: u64, per_page: u64 },
    /// Up to `limit` items after `after` (from the start if `None`); no total.
    After { after: Option<Cursor>, limit: u64 },
}

#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Total matching items (numbered pages only).
    pub total: Option<u64>,
    /// Where the next page starts, if there is one.
    pub next: Option<Cursor>,
}

impl<T> Page<T> {
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            total: self.total,
            next: self.next,
        }
    }
}
