//! Legal forms (法人格) of the organisations a portal lists.

use crate::validation::Invalid;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LegalForm {
    Npo,
    CertifiedNpo,
    ProvisionallyCertifiedNpo,
    GeneralAssociation,
    GeneralFoundation,
    PublicInterestAssociation,
    PublicInterestFoundation,
    SocialWelfare,
    Voluntary,
    StockCompany,
    GodoKaisha,
    YugenKaisha,
    OtherCompany,
    Cooperative,
    SchoolCorporation,
    LocalGovernment,
    Other,
}

pub struct LegalFormInfo {
    pub form: LegalForm,
    pub code: &'static str,
    /// The full form as it appears in official names.
    pub name_ja: &'static str,
    /// What people usually say and type.
    pub short_ja: &'static str,
    pub name_en: &'static str,
    /// Other ways people write it, for search (e.g. "NPO法人", "(株)").
    pub synonyms: &'static [&'static str],
}

#[rustfmt::skip]
pub static LEGAL_FORMS: [LegalFormInfo; 17] = [
    LegalFormInfo { form: LegalForm::Npo, code: "npo", name_ja: "特定非営利活動法人", short_ja: "NPO法人", name_en: "Specified nonprofit corporation (NPO)", synonyms: &["NPO法人", "NPO", "特活"] },
    LegalFormInfo { form: LegalForm::CertifiedNpo, code: "certified_npo", name_ja: "認定特定非営利活動法人", short_ja: "認定NPO法人", name_en: "Certified NPO", synonyms: &["認定NPO法人", "認定NPO"] },
    LegalFormInfo { form: LegalForm::ProvisionallyCertifiedNpo, code: "provisionally_certified_npo", name_ja: "特例認定特定非営利活動法人", short_ja: "特例認定NPO法人", name_en: "Provisionally certified NPO", synonyms: &["特例認定NPO法人", "特例認定NPO"] },
    LegalFormInfo { form: LegalForm::GeneralAssociation, code: "general_association", name_ja: "一般社団法人", short_ja: "一般社団法人", name_en: "General incorporated association", synonyms: &["一社", "(一社)"] },
    LegalFormInfo { form: LegalForm::GeneralFoundation, code: "general_foundation", name_ja: "一般財団法人", short_ja: "一般財団法人", name_en: "General incorporated foundation", synonyms: &["一財", "(一財)"] },
    LegalFormInfo { form: LegalForm::PublicInterestAssociation, code: "public_interest_association", name_ja: "公益社団法人", short_ja: "公益社団法人", name_en: "Public interest incorporated association", synonyms: &["公社", "(公社)"] },
    LegalFormInfo { form: LegalForm::PublicInterestFoundation, code: "public_interest_foundation", name_ja: "公益財団法人", short_ja: "公益財団法人", name_en: "Public interest incorporated foundation", synonyms: &["公財", "(公財)"] },
    LegalFormInfo { form: LegalForm::SocialWelfare, code: "social_welfare", name_ja: "社会福祉法人", short_ja: "社会福祉法人", name_en: "Social welfare corporation", synonyms: &["社福", "(福)"] },
    LegalFormInfo { form: LegalForm::Voluntary, code: "voluntary", name_ja: "任意団体", short_ja: "任意団体", name_en: "Unincorporated association", synonyms: &["市民活動団体", "ボランティア団体"] },
    LegalFormInfo { form: LegalForm::StockCompany, code: "stock_company", name_ja: "株式会社", short_ja: "株式会社", name_en: "Stock company (kabushiki kaisha)", synonyms: &["(株)", "㈱", "KK"] },
    LegalFormInfo { form: LegalForm::GodoKaisha, code: "godo_kaisha", name_ja: "合同会社", short_ja: "合同会社", name_en: "Limited liability company (godo kaisha)", synonyms: &["(同)", "LLC"] },
    LegalFormInfo { form: LegalForm::YugenKaisha, code: "yugen_kaisha", name_ja: "有限会社", short_ja: "有限会社", name_en: "Limited company (yugen kaisha)", synonyms: &["(有)", "㈲"] },
    LegalFormInfo { form: LegalForm::OtherCompany, code: "other_company", name_ja: "その他の会社", short_ja: "その他の会社", name_en: "Other company", synonyms: &["合名会社", "合資会社"] },
    LegalFormInfo { form: LegalForm::Cooperative, code: "cooperative", name_ja: "協同組合", short_ja: "協同組合", name_en: "Cooperative", synonyms: &["生協", "農協", "労働者協同組合", "ワーカーズコープ"] },
    LegalFormInfo { form: LegalForm::SchoolCorporation, code: "school_corporation", name_ja: "学校法人", short_ja: "学校法人", name_en: "School corporation", synonyms: &["(学)"] },
    LegalFormInfo { form: LegalForm::LocalGovernment, code: "local_government", name_ja: "地方公共団体", short_ja: "地方公共団体", name_en: "Local government", synonyms: &["自治体", "市役所", "県庁"] },
    LegalFormInfo { form: LegalForm::Other, code: "other", name_ja: "その他", short_ja: "その他", name_en: "Other", synonyms: &[] },
];

impl LegalForm {
    pub fn info(&self) -> &'static LegalFormInfo {
        LEGAL_FORMS
            .iter()
            .find(|i| i.form == *self)
            .expect("every form is in the table")
    }

    pub fn code(&self) -> &'static str {
        self.info().code
    }

    pub fn parse(code: &str) -> Result<Self, Invalid> {
        LEGAL_FORMS
            .iter()
            .find(|i| i.code == code.trim())
            .map(|i| i.form)
            .ok_or(Invalid::UnknownChoice)
    }

    pub fn all() -> impl Iterator<Item = LegalForm> {
        LEGAL_FORMS.iter().map(|i| i.form)
    }

    /// Forms incorporated under the NPO Act (they file yearly reports with a 所轄庁).
    pub fn is_npo_corporation(&self) -> bool {
        matches!(
            self,
            LegalForm::Npo | LegalForm::CertifiedNpo | LegalForm::ProvisionallyCertifiedNpo
        )
    }

    /// Forms that have a 法人番号 (a voluntary association normally has none).
    pub fn is_incorporated(&self) -> bool {
        !matches!(self, LegalForm::Voluntary)
    }
}

/// The legal form a registered name shows (法人格 written in the name), else the one its NTA
/// 法人種別 implies. Names are compared in NFKC, so "ＮＰＯ法人" reads as "NPO法人".
pub fn from_registered_name(name: &str, nta_kind: Option<u16>) -> LegalForm {
    let name = crate::kana::nfkc(name);
    // Longer forms first: 認定特定非営利活動法人 also contains 特定非営利活動法人.
    const BY_NAME: [(&str, LegalForm); 14] = [
        (
            "特例認定特定非営利活動法人",
            LegalForm::ProvisionallyCertifiedNpo,
        ),
        ("認定特定非営利活動法人", LegalForm::CertifiedNpo),
        ("認定NPO法人", LegalForm::CertifiedNpo),
        ("特定非営利活動法人", LegalForm::Npo),
        ("NPO法人", LegalForm::Npo),
        ("一般社団法人", LegalForm::GeneralAssociation),
        ("一般財団法人", LegalForm::GeneralFoundation),
        ("公益社団法人", LegalForm::PublicInterestAssociation),
        ("公益財団法人", LegalForm::PublicInterestFoundation),
        ("社会福祉法人", LegalForm::SocialWelfare),
        ("学校法人", LegalForm::SchoolCorporation),
        ("協同組合", LegalForm::Cooperative),
        ("株式会社", LegalForm::StockCompany),
        ("合同会社", LegalForm::GodoKaisha),
    ];
    if let Some((_, form)) = BY_NAME.iter().find(|(word, _)| name.contains(word)) {
        return *form;
    }
    match nta_kind {
        Some(301) => LegalForm::StockCompany,
        Some(302) => LegalForm::YugenKaisha,
        Some(303 | 304) => LegalForm::OtherCompany,
        Some(305) => LegalForm::GodoKaisha,
        Some(201) => LegalForm::LocalGovernment,
        _ if name.contains("有限会社") => LegalForm::YugenKaisha,
        _ => LegalForm::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_covers_every_form_once() {
        for form in LegalForm::all() {
            assert_eq!(LegalForm::parse(form.code()), Ok(form));
        }
        let mut codes: Vec<_> = LEGAL_FORMS.iter().map(|i| i.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), LEGAL_FORMS.len());
    }

    #[test]
    fn serde_uses_codes() {
        assert_eq!(
            serde_json::to_string(&LegalForm::CertifiedNpo).unwrap(),
            "\"certified_npo\""
        );
        assert_eq!(LegalForm::parse("nonsense"), Err(Invalid::UnknownChoice));
        assert!(LegalForm::ProvisionallyCertifiedNpo.is_npo_corporation());
        assert!(!LegalForm::Voluntary.is_incorporated());
    }

    #[test]
    fn forms_from_registered_names() {
        for (name, kind, form) in [
            ("特定非営利活動法人きびの国", Some(399), LegalForm::Npo),
            ("ＮＰＯ法人あかり", None, LegalForm::Npo),
            (
                "認定特定非営利活動法人あかり",
                None,
                LegalForm::CertifiedNpo,
            ),
            (
                "特例認定特定非営利活動法人あかり",
                None,
                LegalForm::ProvisionallyCertifiedNpo,
            ),
            (
                "一般社団法人おかやま",
                Some(399),
                LegalForm::GeneralAssociation,
            ),
            (
                "公益財団法人福武教育文化振興財団",
                Some(399),
                LegalForm::PublicInterestFoundation,
            ),
            ("岡山市民生活協同組合", Some(399), LegalForm::Cooperative),
            ("医療法人あさひ会", Some(399), LegalForm::Other),
            ("きびだんご本舗", Some(301), LegalForm::StockCompany),
            ("有限会社きび", Some(302), LegalForm::YugenKaisha),
            ("岡山市", Some(201), LegalForm::LocalGovernment),
        ] {
            assert_eq!(from_registered_name(name, kind), form, "{name}");
        }
    }
}
