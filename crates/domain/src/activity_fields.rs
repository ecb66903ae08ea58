//! The 20 activity fields of the NPO Act (特定非営利活動促進法 別表), in their legal order.

use crate::code_set::CodeSet;

pub type ActivityFields = CodeSet<20>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActivityField {
    pub code: u8,
    /// The short form used for display (the official name adds "…を図る活動").
    pub name_ja: &'static str,
    pub name_en: &'static str,
}

#[rustfmt::skip]
pub static ACTIVITY_FIELDS: [ActivityField; 20] = [
    ActivityField { code: 1, name_ja: "保健、医療又は福祉の増進", name_en: "Health, medical care and welfare" },
    ActivityField { code: 2, name_ja: "社会教育の推進", name_en: "Social education" },
    ActivityField { code: 3, name_ja: "まちづくりの推進", name_en: "Community development" },
    ActivityField { code: 4, name_ja: "観光の振興", name_en: "Tourism" },
    ActivityField { code: 5, name_ja: "農山漁村又は中山間地域の振興", name_en: "Rural, fishing and mountain communities" },
    ActivityField { code: 6, name_ja: "学術、文化、芸術又はスポーツの振興", name_en: "Scholarship, culture, arts and sports" },
    ActivityField { code: 7, name_ja: "環境の保全", name_en: "Environmental conservation" },
    ActivityField { code: 8, name_ja: "災害救援", name_en: "Disaster relief" },
    ActivityField { code: 9, name_ja: "地域安全", name_en: "Community safety" },
    ActivityField { code: 10, name_ja: "人権の擁護又は平和の推進", name_en: "Human rights and peace" },
    ActivityField { code: 11, name_ja: "国際協力", name_en: "International cooperation" },
    ActivityField { code: 12, name_ja: "男女共同参画社会の形成の促進", name_en: "Gender equality" },
    ActivityField { code: 13, name_ja: "子どもの健全育成", name_en: "Healthy development of children" },
    ActivityField { code: 14, name_ja: "情報化社会の発展", name_en: "Information society" },
    ActivityField { code: 15, name_ja: "科学技術の振興", name_en: "Science and technology" },
    ActivityField { code: 16, name_ja: "経済活動の活性化", name_en: "Economic revitalisation" },
    ActivityField { code: 17, name_ja: "職業能力の開発又は雇用機会の拡充の支援", name_en: "Vocational skills and employment" },
    ActivityField { code: 18, name_ja: "消費者の保護", name_en: "Consumer protection" },
    ActivityField { code: 19, name_ja: "前各号の活動を行う団体の運営又は活動に関する連絡、助言又は援助", name_en: "Support for organisations in the fields above" },
    ActivityField { code: 20, name_ja: "前各号に準ずる活動として都道府県又は指定都市の条例で定める活動", name_en: "Activities designated by prefectural or city ordinance" },
];

pub fn activity_field(code: u8) -> Option<&'static ActivityField> {
    ACTIVITY_FIELDS.get(usize::from(code).checked_sub(1)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_fields_in_legal_order() {
        for (i, f) in ACTIVITY_FIELDS.iter().enumerate() {
            assert_eq!(usize::from(f.code), i + 1);
        }
        assert_eq!(activity_field(13).unwrap().name_ja, "子どもの健全育成");
        assert!(activity_field(0).is_none());
        assert!(activity_field(21).is_none());
    }
}
