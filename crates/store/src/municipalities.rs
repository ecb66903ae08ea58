//! The municipality gazetteer: names for 全国地方公共団体コード.

use crate::entities::municipalities as munis;
use crate::{Store, StoreResult};
use hiroba_domain::codes::MunicipalityCode;
use hiroba_domain::prefectures::PrefectureCode;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Municipality {
    pub code: MunicipalityCode,
    pub name_ja: String,
    pub name_kana: Option<String>,
    pub name_en: Option<String>,
}

pub struct Municipalities<'a> {
    store: &'a Store,
}

impl<'a> Municipalities<'a> {
    pub(crate) fn new(store: &'a Store) -> Self {
        Self { store }
    }

    /// Inserts or renames municipalities.
    pub async fn upsert_many(&self, items: &[Municipality]) -> StoreResult<()> {
        for chunk in items.chunks(500) {
            let rows = chunk.iter().map(|m| munis::ActiveModel {
                code: Set(m.code.to_string()),
                prefecture_code: Set(i16::from(m.code.prefecture().get())),
                name_ja: Set(m.name_ja.clone()),
                name_kana: Set(m.name_kana.clone()),
                name_en: Set(m.name_en.clone()),
            });
            munis::Entity::insert_many(rows)
                .on_conflict(
                    OnConflict::column(munis::Column::Code)
                        .update_columns([
                            munis::Column::NameJa,
                            munis::Column::NameKana,
                            munis::Column::NameEn,
                        ])
                        .to_owned(),
                )
                .exec(&self.store.write)
                .await?;
        }
        Ok(())
    }

    /// Municipalities of one prefecture, in code order.
    pub async fn in_prefecture(
        &self,
        prefecture: PrefectureCode,
    ) -> StoreResult<Vec<Municipality>> {
        let rows = munis::Entity::find()
            .filter(munis::Column::PrefectureCode.eq(i16::from(prefecture.get())))
            .order_by_asc(munis::Column::Code)
            .all(&self.store.read)
            .await?;
        Ok(rows.into_iter().filter_map(to_domain).collect())
    }

    /// Names for the given codes (unknown codes are simply absent).
    pub async fn by_codes(&self, codes: &[MunicipalityCode]) -> StoreResult<Vec<Municipality>> {
        if codes.is_empty() {
            return Ok(Vec::new());
        }
        let rows = munis::Entity::find()
            .filter(munis::Column::Code.is_in(codes.iter().map(|c| c.to_string())))
            .order_by_asc(munis::Column::Code)
            .all(&self.store.read)
            .await?;
        Ok(rows.into_iter().filter_map(to_domain).collect())
    }

    /// Municipalities with exactly this Japanese name (e.g. "倉敷市", or "北区" in several cities).
    pub async fn by_name(&self, name: &str) -> StoreResult<Vec<Municipality>> {
        let rows = munis::Entity::find()
            .filter(munis::Column::NameJa.eq(name.trim()))
            .order_by_asc(munis::Column::Code)
            .all(&self.store.read)
            .await?;
        Ok(rows.into_iter().filter_map(to_domain).collect())
    }

    /// Turns a place as typed ("倉敷市", "岡山県倉敷市", "332020", "岡山") into a code the domain
    /// understands (empty stays empty); `None` if no such place is known or the name is
    /// ambiguous (北区 without its city). `within` narrows names to one prefecture.
    pub async fn resolve(
        &self,
        typed: &str,
        within: Option<PrefectureCode>,
    ) -> StoreResult<Option<String>> {
        let t = typed.trim();
        if t.is_empty() {
            return Ok(Some(String::new()));
        }
        if MunicipalityCode::parse(t).is_ok() || PrefectureCode::parse(t).is_ok() {
            return Ok(Some(t.to_owned()));
        }
        let folded = hiroba_domain::kana::nfkc(t);
        let (pref, name) = hiroba_domain::prefectures::PREFECTURES
            .iter()
            .find_map(|p| {
                folded
                    .strip_prefix(p.name_ja)
                    .map(|rest| (PrefectureCode::new(p.code), rest.to_owned()))
            })
            .unwrap_or((within, folded.clone()));
        let found = self.by_name(&name).await?;
        let in_pref: Vec<_> = found
            .iter()
            .filter(|m| pref.is_none_or(|p| m.code.prefecture() == p))
            .collect();
        Ok(match in_pref.as_slice() {
            [one] => Some(one.code.to_string()),
            _ => None,
        })
    }

    pub async fn all(&self) -> StoreResult<Vec<Municipality>> {
        let rows = munis::Entity::find()
            .order_by_asc(munis::Column::Code)
            .all(&self.store.read)
            .await?;
        Ok(rows.into_iter().filter_map(to_domain).collect())
    }
}

fn to_domain(m: munis::Model) -> Option<Municipality> {
    Some(Municipality {
        code: MunicipalityCode::parse(&m.code).ok()?,
        name_ja: m.name_ja,
        name_kana: m.name_kana,
        name_en: m.name_en,
    })
}
