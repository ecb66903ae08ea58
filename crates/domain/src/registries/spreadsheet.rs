//! An operator's own spreadsheet of organisations: its columns mapped to profile fields (guessed
//! from the header, then confirmed by the operator), each row turned into an
//! [`OrganisationInput`] that the usual validation checks. Place names are left as typed; the
//! importer resolves them against the municipality list.

use crate::activity_fields::ACTIVITY_FIELDS;
use crate::kana::nfkc;
use crate::legal_forms::{LEGAL_FORMS, LegalForm};
use crate::organisations::OrganisationInput;
use serde::{Deserialize, Serialize};

/// A profile field a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    Name,
    NameKana,
    LegalForm,
    CorporateNumber,
    PostalCode,
    Prefecture,
    Municipality,
    Street,
    /// Whether the street may be published (an office, never a home); private if absent.
    StreetPublic,
    Website,
    Email,
    Phone,
    Mission,
    Description,
    ActivityFields,
    Sdgs,
    FoundedOn,
    RepresentativeName,
    RepresentativeTitle,
}

impl Target {
    pub const ALL: [Target; 19] = [
        Target::Name,
        Target::NameKana,
        Target::LegalForm,
        Target::CorporateNumber,
        Target::PostalCode,
        Target::Prefecture,
        Target::Municipality,
        Target::Street,
        Target::StreetPublic,
        Target::Website,
        Target::Email,
        Target::Phone,
        Target::Mission,
        Target::Description,
        Target::ActivityFields,
        Target::Sdgs,
        Target::FoundedOn,
        Target::RepresentativeName,
        Target::RepresentativeTitle,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Target::Name => "name",
            Target::NameKana => "name_kana",
            Target::LegalForm => "legal_form",
            Target::CorporateNumber => "corporate_number",
            Target::PostalCode => "postal_code",
            Target::Prefecture => "prefecture",
            Target::Municipality => "municipality",
            Target::Street => "street",
            Target::StreetPublic => "street_public",
            Target::Website => "website",
            Target::Email => "email",
            Target::Phone => "phone",
            Target::Mission => "mission",
            Target::Description => "description",
            Target::ActivityFields => "activity_fields",
            Target::Sdgs => "sdgs",
            Target::FoundedOn => "founded_on",
            Target::RepresentativeName => "representative_name",
            Target::RepresentativeTitle => "representative_title",
        }
    }

    pub fn parse(code: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.code() == code.trim())
    }

    /// Header words that name this field, normalised (NFKC, lower case, no spaces).
    fn header_words(self) -> &'static [&'static str] {
        match self {
            Target::Name => &[
                "団体名",
                "名称",
                "法人名",
                "団体名称",
                "法人名称",
                "組織名",
                "name",
            ],
            Target::NameKana => &[
                "フリガナ",
                "ふりがな",
                "団体名カナ",
                "法人名称カナ",
                "カナ",
                "よみがな",
                "読み",
                "name_kana",
                "kana",
            ],
            Target::LegalForm => &["法人格", "法人種別", "団体種別", "legal_form", "legalform"],
            Target::CorporateNumber => &["法人番号", "corporate_number", "corporatenumber"],
            Target::PostalCode => &["郵便番号", "〒", "postal_code", "postcode", "zip"],
            Target::Prefecture => &["都道府県", "都道府県名", "prefecture"],
            Target::Municipality => &["市区町村", "市区町村名", "市町村", "municipality", "city"],
            Target::Street => &["住所", "所在地", "番地", "町名番地", "street", "address"],
            Target::StreetPublic => &["住所の公開", "住所を公開", "street_public"],
            Target::Website => &[
                "url",
                "ホームページ",
                "ウェブサイト",
                "webサイト",
                "website",
                "hp",
            ],
            Target::Email => &["メール", "メールアドレス", "e-mail", "email", "mail"],
            Target::Phone => &["電話", "電話番号", "tel", "phone"],
            Target::Mission => &["目的", "ミッション", "団体の目的", "mission"],
            Target::Description => &["活動内容", "事業内容", "概要", "団体概要", "description"],
            Target::ActivityFields => &["活動分野", "分野", "activity_fields", "fields"],
            Target::Sdgs => &["sdgs", "sdg"],
            Target::FoundedOn => &["設立", "設立年月日", "設立日", "founded", "founded_on"],
            Target::RepresentativeName => &["代表者", "代表者名", "代表者氏名", "representative"],
            Target::RepresentativeTitle => &["代表者役職", "役職", "representative_title"],
        }
    }
}

fn fold_header(h: &str) -> String {
    nfkc(h.trim().trim_start_matches('\u{feff}'))
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The field a header names, if any.
pub fn guess(header: &str) -> Option<Target> {
    let h = fold_header(header);
    if h.is_empty() {
        return None;
    }
    Target::ALL
        .into_iter()
        .find(|t| t.header_words().iter().any(|w| fold_header(w) == h))
}

/// Which field each column fills (`None`: ignored).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping(pub Vec<Option<Target>>);

impl Mapping {
    /// Guesses from a header row; a field is taken by its first matching column only.
    pub fn guess(headers: &[&str]) -> Mapping {
        let mut taken = Vec::new();
        Mapping(
            headers
                .iter()
                .map(|h| {
                    let t = guess(h).filter(|t| !taken.contains(t));
                    if let Some(t) = t {
                        taken.push(t);
                    }
                    t
                })
                .collect(),
        )
    }

    /// Whether the mapping can produce organisations at all (it needs a name column).
    pub fn has_name(&self) -> bool {
        self.0.contains(&Some(Target::Name))
    }

    /// Targets mapped by more than one column.
    pub fn duplicates(&self) -> Vec<Target> {
        let mut seen = Vec::new();
        let mut dup = Vec::new();
        for t in self.0.iter().flatten() {
            if seen.contains(t) {
                if !dup.contains(t) {
                    dup.push(*t);
                }
            } else {
                seen.push(*t);
            }
        }
        dup
    }
}

/// A legal form as people write it in a spreadsheet: code, full name, usual name or an
/// abbreviation; `None` if not recognised.
pub fn legal_form_of(text: &str) -> Option<LegalForm> {
    let t = nfkc(text.trim());
    if t.is_empty() {
        return None;
    }
    LEGAL_FORMS
        .iter()
        .find(|i| {
            i.code == t
                || nfkc(i.name_ja) == t
                || nfkc(i.short_ja) == t
                || i.synonyms.iter().any(|s| nfkc(s) == t)
                || i.name_en.eq_ignore_ascii_case(&t)
        })
        .map(|i| i.form)
}

/// The legal form a name starts or ends with (特定非営利活動法人○○, ○○株式会社).
pub fn legal_form_in_name(name: &str) -> Option<LegalForm> {
    let n = nfkc(name.trim());
    let mut forms: Vec<(&str, LegalForm)> = Vec::new();
    for i in LEGAL_FORMS.iter().filter(|i| i.form != LegalForm::Other) {
        forms.push((i.name_ja, i.form));
        forms.push((i.short_ja, i.form));
    }
    // Longest first: 認定特定非営利活動法人 before 特定非営利活動法人.
    forms.sort_by_key(|(s, _)| std::cmp::Reverse(s.chars().count()));
    forms
        .into_iter()
        .find(|(s, _)| {
            let s = nfkc(s);
            n.starts_with(&s) || n.ends_with(&s)
        })
        .map(|(_, f)| f)
}

/// Splits a cell listing several values (、 , ; ・ / and line breaks).
fn list(cell: &str) -> Vec<String> {
    nfkc(cell)
        .split([',', '、', ';', '・', '/', '\n', '|'])
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Activity fields by number (1–20) or by name: the official name (with or without
/// "を図る活動", whose own 、 must not split it), the start of it (環境 → 環境の保全), or a word
/// only one field's name holds (医療, スポーツ). Unknown names stay as typed so validation
/// reports them.
fn activity_field_codes(cell: &str) -> Vec<String> {
    let mut rest = nfkc(cell);
    let mut codes: Vec<String> = Vec::new();
    let mut names: Vec<(String, u8)> = ACTIVITY_FIELDS
        .iter()
        .flat_map(|f| {
            [
                (format!("{}を図る活動", f.name_ja), f.code),
                (f.name_ja.to_owned(), f.code),
            ]
        })
        .collect();
    names.sort_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()));
    for (name, code) in &names {
        if rest.contains(name.as_str()) {
            rest = rest.replace(name.as_str(), ",");
            codes.push(code.to_string());
        }
    }
    for item in list(&rest) {
        let code = if item.parse::<u8>().is_ok() {
            Some(item.clone())
        } else {
            let starting: Vec<_> = ACTIVITY_FIELDS
                .iter()
                .filter(|f| f.name_ja.starts_with(&item))
                .collect();
            let holding: Vec<_> = ACTIVITY_FIELDS
                .iter()
                .filter(|f| item.chars().count() >= 2 && f.name_ja.contains(&item))
                .collect();
            match (starting.as_slice(), holding.as_slice()) {
                ([one], _) | ([], [one]) => Some(one.code.to_string()),
                _ => None,
            }
        };
        codes.push(code.unwrap_or(item));
    }
    let mut seen = std::collections::HashSet::new();
    codes.retain(|c| seen.insert(c.clone()));
    codes
}

/// SDGs as numbers, with or without "SDGs"/"目標"/"Goal".
fn sdg_codes(cell: &str) -> Vec<String> {
    list(cell)
        .into_iter()
        .map(|item| {
            let digits: String = item.chars().filter(|c| c.is_ascii_digit()).collect();
            if digits.is_empty() { item } else { digits }
        })
        .collect()
}

/// One row as a profile input. Cells beyond the row's end count as empty.
pub fn map_row(fields: &[&str], mapping: &Mapping) -> OrganisationInput {
    let mut input = OrganisationInput::default();
    for (i, target) in mapping.0.iter().enumerate() {
        let Some(target) = target else { continue };
        let cell = fields.get(i).map(|s| s.trim()).unwrap_or_default();
        if cell.is_empty() {
            continue;
        }
        let cell = cell.to_owned();
        match target {
            Target::Name => input.name = cell,
            Target::NameKana => input.name_kana = cell,
            Target::LegalForm => {
                input.legal_form = legal_form_of(&cell)
                    .map(|f| f.code().to_owned())
                    .unwrap_or(cell)
            }
            Target::CorporateNumber => input.corporate_number = cell,
            Target::PostalCode => input.postal_code = cell,
            Target::Prefecture => input.prefecture = cell,
            Target::Municipality => input.municipality = cell,
            Target::Street => input.street = cell,
            Target::StreetPublic => {
                input.street_public = matches!(
                    nfkc(&cell).to_lowercase().as_str(),
                    "公開" | "する" | "はい" | "yes" | "true" | "1" | "○"
                )
            }
            Target::Website => input.website = cell,
            Target::Email => input.email = cell,
            Target::Phone => input.details.phone = cell,
            Target::Mission => input.mission = cell,
            Target::Description => input.description = cell,
            Target::ActivityFields => input.activity_fields = activity_field_codes(&cell),
            Target::Sdgs => input.sdgs = sdg_codes(&cell),
            Target::FoundedOn => input.details.founded_on = cell,
            Target::RepresentativeName => input.details.representative_name = cell,
            Target::RepresentativeTitle => input.details.representative_title = cell,
        }
    }
    if input.legal_form.is_empty()
        && let Some(form) = legal_form_in_name(&input.name)
    {
        input.legal_form = form.code().to_owned();
    }
    if input.legal_form.is_empty() && !input.name.is_empty() {
        // Without a 法人格 the honest default is an unincorporated group.
        input.legal_form = LegalForm::Voluntary.code().to_owned();
    }
    input
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    #[test]
    fn guesses_columns_from_japanese_and_english_headers() {
        let m = Mapping::guess(&[
            "\u{feff}団体名",
            "フリガナ",
            "法人格",
            "郵便番号",
            "都道府県",
            "市区町村",
            "住所",
            "ＵＲＬ",
            "E-mail",
            "活動分野",
            "備考",
            "名称",
        ]);
        assert_eq!(m.0[0], Some(Target::Name));
        assert_eq!(m.0[1], Some(Target::NameKana));
        assert_eq!(m.0[7], Some(Target::Website));
        assert_eq!(m.0[8], Some(Target::Email));
        assert_eq!(m.0[10], None, "unknown headers are ignored");
        assert_eq!(m.0[11], None, "a field is mapped once");
        assert!(m.has_name());
    }

    #[test]
    fn maps_a_row_to_a_valid_profile() {
        let m = Mapping(vec![
            Some(Target::Name),
            Some(Target::NameKana),
            Some(Target::LegalForm),
            Some(Target::Prefecture),
            Some(Target::ActivityFields),
            Some(Target::Sdgs),
            None,
        ]);
        let input = map_row(
            &[
                "みどりの会",
                "ミドリノカイ",
                "NPO法人",
                "岡山県",
                "環境、まちづくり, 13",
                "SDGs 11・目標15",
                "ignored",
            ],
            &m,
        );
        assert_eq!(input.legal_form, "npo");
        assert_eq!(input.activity_fields, vec!["7", "3", "13"]);
        let fields = |cell: &str| {
            map_row(
                &["x", cell],
                &Mapping(vec![Some(Target::Name), Some(Target::ActivityFields)]),
            )
            .activity_fields
        };
        assert_eq!(
            fields("保健、医療又は福祉の増進を図る活動、学術、文化、芸術又はスポーツの振興"),
            vec!["1", "6"],
            "official names keep their own 、"
        );
        assert_eq!(fields("保健・医療・スポーツ・子ども"), vec!["1", "6", "13"]);
        assert_eq!(
            fields("推進"),
            vec!["推進"],
            "ambiguous words stay for validation"
        );
        assert_eq!(input.sdgs, vec!["11", "15"]);
        let profile = input.validate(today()).expect("valid");
        assert_eq!(profile.name, "みどりの会");
    }

    #[test]
    fn legal_form_from_the_name_or_voluntary() {
        let m = Mapping(vec![Some(Target::Name)]);
        assert_eq!(
            map_row(&["一般社団法人 つなぐ"], &m).legal_form,
            "general_association"
        );
        assert_eq!(
            map_row(&["せとうち印刷株式会社"], &m).legal_form,
            "stock_company"
        );
        assert_eq!(
            map_row(&["認定特定非営利活動法人 あかり"], &m).legal_form,
            "certified_npo"
        );
        assert_eq!(map_row(&["ひまわりの会"], &m).legal_form, "voluntary");
    }

    #[test]
    fn bad_cells_are_reported_by_validation_at_their_field() {
        let m = Mapping(vec![
            Some(Target::Name),
            Some(Target::CorporateNumber),
            Some(Target::ActivityFields),
            Some(Target::Email),
        ]);
        let input = map_row(&["みどりの会", "1234567890123", "宇宙開発", "not-mail"], &m);
        let errs = input.validate(today()).unwrap_err();
        let fields: Vec<&str> = errs.0.iter().map(|e| e.field).collect();
        assert!(fields.contains(&"corporate_number"));
        assert!(fields.contains(&"activity_fields"));
        assert!(fields.contains(&"email"));
    }

    #[test]
    fn short_rows_and_empty_mappings_do_not_panic() {
        let m = Mapping(vec![Some(Target::Name), Some(Target::Mission)]);
        assert_eq!(map_row(&[], &m).name, "");
        assert_eq!(map_row(&["a"], &Mapping::default()).name, "");
    }
}
