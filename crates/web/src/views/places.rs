//! Place names for prefecture and municipality codes, in the reader's language.

use crate::page::Tr;
use hiroba_domain::codes::MunicipalityCode;
use hiroba_domain::organisations::Address;
use hiroba_store::municipalities::Municipality;
use hiroba_store::organisations::Organisation;
use std::collections::HashMap;

/// Names of the municipalities a page mentions, loaded in one query.
#[derive(Default)]
pub struct Places {
    names: HashMap<MunicipalityCode, Municipality>,
}

impl Places {
    pub fn new(found: Vec<Municipality>) -> Self {
        Self {
            names: found.into_iter().map(|m| (m.code, m)).collect(),
        }
    }

    pub fn municipality_name(&self, tr: &Tr<'_>, code: &MunicipalityCode) -> String {
        match self.names.get(code) {
            Some(m) if tr.en() => m.name_en.clone().unwrap_or_else(|| m.name_ja.clone()),
            Some(m) => m.name_ja.clone(),
            None => code.to_string(),
        }
    }

    /// An area: a whole prefecture or a municipality with its prefecture.
    pub fn area_name(&self, tr: &Tr<'_>, code: &MunicipalityCode) -> String {
        let pref = code.prefecture_info();
        let pref_name = tr.pick(pref.name_ja, pref.name_en);
        if code.is_prefecture() {
            pref_name.to_owned()
        } else if tr.en() {
            format!("{}, {pref_name}", self.municipality_name(tr, code))
        } else {
            format!("{pref_name}{}", self.municipality_name(tr, code))
        }
    }

    /// "岡山県岡山市" / "Okayama City, Okayama", from an address.
    pub fn location(&self, tr: &Tr<'_>, address: &Address) -> Option<String> {
        match (address.municipality, address.prefecture) {
            (Some(m), _) => Some(self.area_name(tr, &m)),
            (None, Some(p)) => Some(tr.pick(p.info().name_ja, p.info().name_en).to_owned()),
            (None, None) => None,
        }
    }
}

impl Places {
    /// Names for every municipality `orgs` mention (offices and areas) and for `extra`, in
    /// one query.
    pub async fn for_organisations(
        store: &hiroba_store::Store,
        orgs: &[Organisation],
        extra: &[MunicipalityCode],
    ) -> hiroba_store::StoreResult<Places> {
        let mut codes: Vec<MunicipalityCode> = extra.to_vec();
        for o in orgs {
            codes.extend(o.profile.address.municipality);
            codes.extend(
                o.profile
                    .activity_areas
                    .iter()
                    .filter(|a| !a.is_prefecture())
                    .copied(),
            );
        }
        codes.sort();
        codes.dedup();
        Ok(Places::new(store.municipalities().by_codes(&codes).await?))
    }
}
