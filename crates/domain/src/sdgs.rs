//! The 17 Sustainable Development Goals, with the Japanese names used by UNIC Tokyo and the
//! official goal colours.

use crate::code_set::CodeSet;

pub type SdgGoals = CodeSet<17>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SdgGoal {
    pub code: u8,
    pub name_ja: &'static str,
    pub name_en: &'static str,
    pub colour: &'static str,
}

#[rustfmt::skip]
pub static SDG_GOALS: [SdgGoal; 17] = [
    SdgGoal { code: 1, name_ja: "貧困をなくそう", name_en: "No poverty", colour: "#E5243B" },
    SdgGoal { code: 2, name_ja: "飢餓をゼロに", name_en: "Zero hunger", colour: "#DDA63A" },
    SdgGoal { code: 3, name_ja: "すべての人に健康と福祉を", name_en: "Good health and well-being", colour: "#4C9F38" },
    SdgGoal { code: 4, name_ja: "質の高い教育をみんなに", name_en: "Quality education", colour: "#C5192D" },
    SdgGoal { code: 5, name_ja: "ジェンダー平等を実現しよう", name_en: "Gender equality", colour: "#FF3A21" },
    SdgGoal { code: 6, name_ja: "安全な水とトイレを世界中に", name_en: "Clean water and sanitation", colour: "#26BDE2" },
    SdgGoal { code: 7, name_ja: "エネルギーをみんなに そしてクリーンに", name_en: "Affordable and clean energy", colour: "#FCC30B" },
    SdgGoal { code: 8, name_ja: "働きがいも経済成長も", name_en: "Decent work and economic growth", colour: "#A21942" },
    SdgGoal { code: 9, name_ja: "産業と技術革新の基盤をつくろう", name_en: "Industry, innovation and infrastructure", colour: "#FD6925" },
    SdgGoal { code: 10, name_ja: "人や国の不平等をなくそう", name_en: "Reduced inequalities", colour: "#DD1367" },
    SdgGoal { code: 11, name_ja: "住み続けられるまちづくりを", name_en: "Sustainable cities and communities", colour: "#FD9D24" },
    SdgGoal { code: 12, name_ja: "つくる責任 つかう責任", name_en: "Responsible consumption and production", colour: "#BF8B2E" },
    SdgGoal { code: 13, name_ja: "気候変動に具体的な対策を", name_en: "Climate action", colour: "#3F7E44" },
    SdgGoal { code: 14, name_ja: "海の豊かさを守ろう", name_en: "Life below water", colour: "#0A97D9" },
    SdgGoal { code: 15, name_ja: "陸の豊かさも守ろう", name_en: "Life on land", colour: "#56C02B" },
    SdgGoal { code: 16, name_ja: "平和と公正をすべての人に", name_en: "Peace, justice and strong institutions", colour: "#00689D" },
    SdgGoal { code: 17, name_ja: "パートナーシップで目標を達成しよう", name_en: "Partnerships for the goals", colour: "#19486A" },
];

pub fn sdg_goal(code: u8) -> Option<&'static SdgGoal> {
    SDG_GOALS.get(usize::from(code).checked_sub(1)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seventeen_goals_in_order() {
        for (i, g) in SDG_GOALS.iter().enumerate() {
            assert_eq!(usize::from(g.code), i + 1);
            assert_eq!(g.colour.len(), 7);
        }
        assert_eq!(sdg_goal(4).unwrap().name_en, "Quality education");
        assert!(sdg_goal(18).is_none());
    }
}
