//! Which organisations a portal shows.
//!
//! An organisation belongs to a portal when it is *within the portal's geography* and *on one of
//! its themes*, unless the operator excluded it; an operator may also include any organisation
//! explicitly. Geography: nationwide if the portal names no prefecture and no municipality;
//! otherwise the organisation's office or any of its activity areas must lie in (or cover) one
//! of them. Theme: every organisation if the portal names no activity field and no SDG; otherwise
//! it must share at least one field **or** one goal.

use crate::activity_fields::ActivityFields;
use crate::codes::MunicipalityCode;
use crate::portals::PortalScope;
use crate::prefectures::PrefectureCode;
use crate::sdgs::SdgGoals;
use serde::{Deserialize, Serialize};

/// The facts about an organisation that scope matching looks at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrganisationReach {
    pub prefecture: Option<PrefectureCode>,
    pub municipality: Option<MunicipalityCode>,
    pub activity_areas: Vec<MunicipalityCode>,
    pub activity_fields: ActivityFields,
    pub sdgs: SdgGoals,
}

/// An operator's explicit decision about one organisation in their portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Curation {
    Include,
    Exclude,
}

impl Curation {
    pub fn code(&self) -> &'static str {
        match self {
            Curation::Include => "include",
            Curation::Exclude => "exclude",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "include" => Some(Curation::Include),
            "exclude" => Some(Curation::Exclude),
            _ => None,
        }
    }
}

impl PortalScope {
    pub fn is_nationwide(&self) -> bool {
        self.prefectures.is_empty() && self.municipalities.is_empty()
    }

    /// Whether the portal shows organisations in (part of) this prefecture: nationwide portals,
    /// portals over it, and portals over one of its municipalities do.
    pub fn reaches_prefecture(&self, prefecture: PrefectureCode) -> bool {
        self.is_nationwide()
            || self.prefectures.contains(&prefecture)
            || self
                .municipalities
                .iter()
                .any(|m| m.prefecture() == prefecture)
    }

    pub fn matches(&self, org: &OrganisationReach) -> bool {
        self.matches_geography(org) && self.matches_theme(org)
    }

    fn matches_geography(&self, org: &OrganisationReach) -> bool {
        if self.is_nationwide() {
            return true;
        }
        let in_prefecture = |p: PrefectureCode| self.prefectures.contains(&p);
        // The office lies in the scope.
        let office = match (org.municipality, org.prefecture) {
            (Some(m), _) => {
                in_prefecture(m.prefecture()) || self.municipalities.iter().any(|s| s.covers(&m))
            }
            (None, Some(p)) => in_prefecture(p),
            (None, None) => false,
        };
        // Or the organisation works there: an area inside the scope, or wider than part of it
        // (working across 岡山県 includes 岡山市).
        office
            || org.activity_areas.iter().any(|area| {
                in_prefecture(area.prefecture())
                    || self
                        .municipalities
                        .iter()
                        .any(|s| s.covers(area) || area.covers(s))
            })
    }

    fn matches_theme(&self, org: &OrganisationReach) -> bool {
        if self.activity_fields.is_empty() && self.sdgs.is_empty() {
            return true;
        }
        self.activity_fields.intersects(&org.activity_fields) || self.sdgs.intersects(&org.sdgs)
    }
}

/// The membership decision: curation overrides the scope.
pub fn is_member(scope_matches: bool, curation: Option<Curation>) -> bool {
    match curation {
        Some(Curation::Include) => true,
        Some(Curation::Exclude) => false,
        None => scope_matches,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> MunicipalityCode {
        MunicipalityCode::parse(s).unwrap()
    }
    fn p(n: u8) -> PrefectureCode {
        PrefectureCode::new(n).unwrap()
    }

    fn org_in(municipality: &str) -> OrganisationReach {
        let code = m(municipality);
        OrganisationReach {
            prefecture: Some(code.prefecture()),
            municipality: Some(code),
            ..Default::default()
        }
    }

    #[test]
    fn nationwide_without_theme_matches_everyone() {
        assert!(PortalScope::default().matches(&OrganisationReach::default()));
    }

    #[test]
    fn prefecture_scope() {
        let okayama = PortalScope {
            prefectures: vec![p(33)],
            ..Default::default()
        };
        assert!(okayama.matches(&org_in("332020")), "倉敷市 is in 岡山県");
        assert!(!okayama.matches(&org_in("261009")), "京都市 is not");
        assert!(
            !okayama.matches(&OrganisationReach::default()),
            "no address, no areas"
        );
        let tokyo_org_working_in_okayama = OrganisationReach {
            activity_areas: vec![m("332020")],
            ..org_in("131016")
        };
        assert!(okayama.matches(&tokyo_org_working_in_okayama));
        let prefecture_only = OrganisationReach {
            prefecture: Some(p(33)),
            ..Default::default()
        };
        assert!(okayama.matches(&prefecture_only));
    }

    #[test]
    fn municipality_scope_covers_wards_and_is_covered_by_prefecture_wide_work() {
        let okayama_city = PortalScope {
            municipalities: vec![m("331007")],
            ..Default::default()
        };
        let kita_ward = MunicipalityCode::from_parts(p(33), 101).unwrap();
        assert!(okayama_city.matches(&org_in(&kita_ward.to_string())));
        assert!(!okayama_city.matches(&org_in("332020")));
        let works_across_prefecture = OrganisationReach {
            activity_areas: vec![MunicipalityCode::for_prefecture(p(33))],
            ..org_in("131016")
        };
        assert!(okayama_city.matches(&works_across_prefecture));
    }

    #[test]
    fn theme_scope_needs_a_shared_field_or_goal() {
        let kodomo = PortalScope {
            activity_fields: ActivityFields::from_codes([13]).unwrap(),
            sdgs: SdgGoals::from_codes([4]).unwrap(),
            ..Default::default()
        };
        let by_field = OrganisationReach {
            activity_fields: ActivityFields::from_codes([13, 1]).unwrap(),
            ..Default::default()
        };
        let by_goal = OrganisationReach {
            sdgs: SdgGoals::from_codes([4]).unwrap(),
            ..Default::default()
        };
        let neither = OrganisationReach {
            activity_fields: ActivityFields::from_codes([7]).unwrap(),
            sdgs: SdgGoals::from_codes([13]).unwrap(),
            ..Default::default()
        };
        assert!(kodomo.matches(&by_field));
        assert!(kodomo.matches(&by_goal));
        assert!(!kodomo.matches(&neither));
    }

    #[test]
    fn geography_and_theme_combine() {
        let kyoto_environment = PortalScope {
            prefectures: vec![p(26)],
            activity_fields: ActivityFields::from_codes([7]).unwrap(),
            ..Default::default()
        };
        let kyoto_env = OrganisationReach {
            activity_fields: ActivityFields::from_codes([7]).unwrap(),
            ..org_in("261009")
        };
        let okayama_env = OrganisationReach {
            activity_fields: ActivityFields::from_codes([7]).unwrap(),
            ..org_in("331007")
        };
        assert!(kyoto_environment.matches(&kyoto_env));
        assert!(!kyoto_environment.matches(&okayama_env));
        assert!(!kyoto_environment.matches(&org_in("261009")));
    }

    #[test]
    fn reaching_a_prefecture() {
        let kurashiki = PortalScope {
            municipalities: vec![m("332020")],
            ..Default::default()
        };
        assert!(kurashiki.reaches_prefecture(p(33)));
        assert!(!kurashiki.reaches_prefecture(p(26)));
        assert!(
            PortalScope::default().reaches_prefecture(p(26)),
            "nationwide"
        );
        let kyoto = PortalScope {
            prefectures: vec![p(26)],
            ..Default::default()
        };
        assert!(kyoto.reaches_prefecture(p(26)) && !kyoto.reaches_prefecture(p(33)));
    }

    #[test]
    fn curation_overrides_scope() {
        assert!(is_member(true, None));
        assert!(!is_member(false, None));
        assert!(is_member(false, Some(Curation::Include)));
        assert!(!is_member(true, Some(Curation::Exclude)));
    }
}
