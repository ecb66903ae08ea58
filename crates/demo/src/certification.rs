//! Certification at every stage in the two regional portals: STEP2 granted by the portal's
//! operator, STEP3 after an external review, one STEP2 about to lapse (the renewal queue),
//! one that lapsed, one revoked. STEP1 follows from ★3 by itself.

use crate::DemoOrganisation;
use hiroba_domain::certification::Step;

/// A grant the portal's operator made `granted_days_ago` days before the demo was loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoCertification {
    /// Index into [`crate::DemoData::portals`].
    pub portal: usize,
    /// Index into [`crate::DemoData::organisations`].
    pub organisation: usize,
    pub step: Step,
    pub granted_days_ago: i64,
    pub notes: &'static str,
    /// Withdrawn at load, for this reason.
    pub revoked: Option<&'static str>,
}

const CHECKED: [&str; 3] = [
    "定款、登記事項証明書、直近の事業報告書と活動計算書の原本を事務所で確認しました。",
    "役員名簿と総会の議事録を確認し、登録内容と一致することを確かめました。",
    "オンライン面談で代表者に活動内容を伺い、決算書類の原本と照合しました。",
];

const REVIEWED: &str = "外部評価委員による事務所訪問と書類審査を経て、評価委員会で承認されました。";

const REVOKED: [&str; 2] = [
    "団体からの申し出により、運営体制の見直しが終わるまで認証を取り下げます。",
    "登録された活動実績の一部に事実と異なる記載があったため、認証を取り消しました。",
];

/// Picks ★3+ organisations of each regional portal's prefecture (skipping `reserved`, the demo
/// accounts' own) and certifies them at every stage; those with the most disclosed go
/// furthest. The rest stay in the operators' queues.
pub fn plan(
    organisations: &[DemoOrganisation],
    regions: &[(usize, u8)],
    reserved: &[usize],
) -> Vec<DemoCertification> {
    let mut out = Vec::new();
    for (r, &(portal, prefecture)) in regions.iter().enumerate() {
        let mut candidates: Vec<usize> = organisations
            .iter()
            .enumerate()
            .filter(|(i, o)| {
                o.level >= 3
                    && o.generated
                    && !reserved.contains(i)
                    && o.profile.address.prefecture.map(|p| p.get()) == Some(prefecture)
            })
            .map(|(i, _)| i)
            .collect();
        candidates.sort_by_key(|i| std::cmp::Reverse(organisations[*i].level));
        let mut next = candidates.into_iter();
        let mut grant = |org: usize, step: Step, days: i64, notes: &'static str| {
            out.push(DemoCertification {
                portal,
                organisation: org,
                step,
                granted_days_ago: days,
                notes,
                revoked: None,
            });
        };
        // STEP3: an active STEP2 first, then the external review.
        for (k, (two, three)) in [(240, 70), (300, 160)].into_iter().enumerate() {
            let Some(org) = next.next() else { break };
            grant(org, Step::Two, two, CHECKED[k % 3]);
            grant(org, Step::Three, three, REVIEWED);
        }
        for (k, days) in [20, 75, 130, 190, 250].into_iter().enumerate().skip(r) {
            let Some(org) = next.next() else { break };
            grant(org, Step::Two, days, CHECKED[(k + r) % 3]);
        }
        // Lapses within the renewal window (60 days).
        if let Some(org) = next.next() {
            grant(org, Step::Two, 335, CHECKED[2]);
        }
        // Lapsed a month ago, not renewed.
        if let Some(org) = next.next() {
            grant(org, Step::Two, 396, CHECKED[0]);
        }
        if let Some(org) = next.next() {
            out.push(DemoCertification {
                portal,
                organisation: org,
                step: Step::Two,
                granted_days_ago: 150,
                notes: CHECKED[1],
                revoked: Some(REVOKED[r % 2]),
            });
        }
    }
    out
}
