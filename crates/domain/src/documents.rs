//! The documents an organisation files or keeps (NPO法 第28条・第29条, and what grant makers
//! ask for), and which of them may be published.

use crate::validation::Invalid;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// 定款 (or 会則・規約 for a voluntary group).
    Articles,
    /// 事業報告書.
    BusinessReport,
    /// 活動計算書 (収支計算書 for others).
    ActivityStatement,
    /// 貸借対照表.
    BalanceSheet,
    /// 財産目録.
    AssetInventory,
    /// 事業計画書.
    BusinessPlan,
    /// 活動予算書 (収支予算書).
    Budget,
    /// 役員名簿: names, addresses and pay of the officers — never public.
    OfficerList,
    /// 社員名簿 (ten or more members) — never public.
    MemberList,
    Other,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 10] = [
        DocumentKind::Articles,
        DocumentKind::BusinessReport,
        DocumentKind::ActivityStatement,
        DocumentKind::BalanceSheet,
        DocumentKind::AssetInventory,
        DocumentKind::BusinessPlan,
        DocumentKind::Budget,
        DocumentKind::OfficerList,
        DocumentKind::MemberList,
        DocumentKind::Other,
    ];

    pub fn code(&self) -> &'static str {
        match self {
            DocumentKind::Articles => "articles",
            DocumentKind::BusinessReport => "business_report",
            DocumentKind::ActivityStatement => "activity_statement",
            DocumentKind::BalanceSheet => "balance_sheet",
            DocumentKind::AssetInventory => "asset_inventory",
            DocumentKind::BusinessPlan => "business_plan",
            DocumentKind::Budget => "budget",
            DocumentKind::OfficerList => "officer_list",
            DocumentKind::MemberList => "member_list",
            DocumentKind::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Result<Self, Invalid> {
        Self::ALL
            .into_iter()
            .find(|k| k.code() == code.trim())
            .ok_or(Invalid::UnknownChoice)
    }

    /// Officer and member lists carry people's names and home addresses: they are kept for
    /// the organisation and for the operators who certify it, and never published.
    pub fn is_public(&self) -> bool {
        !matches!(self, DocumentKind::OfficerList | DocumentKind::MemberList)
    }

    /// Articles stand until changed; everything else belongs to a fiscal year.
    pub fn is_yearly(&self) -> bool {
        !matches!(self, DocumentKind::Articles | DocumentKind::Other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_lists_stay_private() {
        for k in DocumentKind::ALL {
            assert_eq!(DocumentKind::parse(k.code()), Ok(k));
        }
        assert!(!DocumentKind::OfficerList.is_public());
        assert!(!DocumentKind::MemberList.is_public());
        assert!(DocumentKind::BalanceSheet.is_public());
        assert_eq!(DocumentKind::parse("passport"), Err(Invalid::UnknownChoice));
    }
}
