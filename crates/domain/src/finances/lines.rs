//! The line items of the 活動計算書 and 貸借対照表, how they add up, and which of them each basis
//! asks for.

use crate::legal_forms::LegalForm;
use crate::validation::Invalid;
use serde::{Deserialize, Serialize};

/// Which statement lines an organisation reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// NPO法人会計基準: every line below.
    NpoStandard,
    /// The headline figures any organisation can give (see [`Line::in_basis`]).
    Headline,
}

impl Basis {
    pub const ALL: [Basis; 2] = [Basis::NpoStandard, Basis::Headline];

    pub fn code(&self) -> &'static str {
        match self {
            Basis::NpoStandard => "npo_standard",
            Basis::Headline => "headline",
        }
    }

    pub fn parse(code: &str) -> Result<Self, Invalid> {
        Self::ALL
            .into_iter()
            .find(|b| b.code() == code.trim())
            .ok_or(Invalid::UnknownChoice)
    }

    /// NPO法人 file statements under the NPO accounting standard; other organisations keep their
    /// books under other rules (or none), so they are asked for the headline figures only.
    pub fn for_legal_form(form: LegalForm) -> Self {
        if form.is_npo_corporation() {
            Basis::NpoStandard
        } else {
            Basis::Headline
        }
    }
}

/// The headed parts of the two statements, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    /// Ⅰ 経常収益
    OrdinaryRevenue,
    /// Ⅱ 経常費用
    OrdinaryExpenses,
    /// 当期経常増減額 to 次期繰越正味財産額, including Ⅲ 経常外収益 and Ⅳ 経常外費用.
    NetAssetChange,
    /// 資産の部
    Assets,
    /// 負債の部
    Liabilities,
    /// 正味財産の部
    NetAssets,
}

impl Section {
    pub const ALL: [Section; 6] = [
        Section::OrdinaryRevenue,
        Section::OrdinaryExpenses,
        Section::NetAssetChange,
        Section::Assets,
        Section::Liabilities,
        Section::NetAssets,
    ];

    /// Used in message ids (`finance-section-{code}`).
    pub fn code(&self) -> &'static str {
        match self {
            Section::OrdinaryRevenue => "ordinary_revenue",
            Section::OrdinaryExpenses => "ordinary_expenses",
            Section::NetAssetChange => "net_asset_change",
            Section::Assets => "assets",
            Section::Liabilities => "liabilities",
            Section::NetAssets => "net_assets",
        }
    }

    /// Whether the section belongs to the 貸借対照表 (else the 活動計算書).
    pub fn in_balance_sheet(&self) -> bool {
        matches!(
            self,
            Section::Assets | Section::Liabilities | Section::NetAssets
        )
    }

    /// The section's lines a basis asks for, in order.
    pub fn lines(self, basis: Basis) -> impl Iterator<Item = Line> {
        Line::all()
            .iter()
            .copied()
            .filter(move |l| l.section() == self && l.in_basis(basis))
    }
}

/// A line of the statements. The derived order is statement order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Line {
    FeesRegular,
    FeesSupporting,
    FeesTotal,
    Donations,
    InKindDonations,
    DonationsTotal,
    PrivateGrants,
    PublicSubsidies,
    GrantsTotal,
    BusinessRevenue,
    ContractRevenue,
    BusinessTotal,
    Interest,
    MiscRevenue,
    OtherRevenueTotal,
    OrdinaryRevenueTotal,
    ProgramPersonnel,
    ProgramOther,
    ProgramTotal,
    AdminPersonnel,
    AdminOther,
    AdminTotal,
    OrdinaryExpensesTotal,
    OrdinaryChange,
    ExtraordinaryRevenue,
    ExtraordinaryExpenses,
    ChangeBeforeTax,
    Taxes,
    NetChange,
    NetAssetsBroughtForward,
    NetAssetsCarriedForward,
    CurrentAssets,
    FixedAssets,
    AssetsTotal,
    CurrentLiabilities,
    LongTermLiabilities,
    LiabilitiesTotal,
    NetAssetsTotal,
    LiabilitiesAndNetAssetsTotal,
}

/// A term of a formula: the line, its sign, and whether the result needs it (a blank optional
/// term counts as 0).
pub(crate) type Term = (Line, i64, bool);

#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind {
    /// Typed by people.
    Entered,
    /// A 計 line: the sum of its components; blank components count as 0.
    Total(&'static [Line]),
    /// A line worked out from others with signs (当期経常増減額 and those after it).
    Derived(&'static [Term]),
    /// Typed, but worked out when left blank; never checked against its formula because another
    /// line's check (the balance) already covers it with a clearer message.
    Balancing(&'static [Term]),
}

pub(crate) struct Info {
    pub line: Line,
    pub code: &'static str,
    pub section: Section,
    /// Part of the [`Basis::Headline`] subset.
    pub headline: bool,
    pub negative: bool,
    pub kind: Kind,
}

use Kind::*;
use Line::*;
use Section as S;

#[rustfmt::skip]
pub(crate) static LINES: [Info; COUNT] = [
    Info { line: FeesRegular, code: "fees_regular", section: S::OrdinaryRevenue, headline: false, negative: false, kind: Entered },
    Info { line: FeesSupporting, code: "fees_supporting", section: S::OrdinaryRevenue, headline: false, negative: false, kind: Entered },
    Info { line: FeesTotal, code: "fees_total", section: S::OrdinaryRevenue, headline: true, negative: false, kind: Total(&[FeesRegular, FeesSupporting]) },
    Info { line: Donations, code: "donations", section: S::OrdinaryRevenue, headline: false, negative: false, kind: Entered },
    Info { line: InKindDonations, code: "in_kind_donations", section: S::OrdinaryRevenue, headline: false, negative: false, kind: Entered },
    Info { line: DonationsTotal, code: "donations_total", section: S::OrdinaryRevenue, headline: true, negative: false, kind: Total(&[Donations, InKindDonations]) },
    Info { line: PrivateGrants, code: "private_grants", section: S::OrdinaryRevenue, headline: true, negative: false, kind: Entered },
    Info { line: PublicSubsidies, code: "public_subsidies", section: S::OrdinaryRevenue, headline: true, negative: false, kind: Entered },
    Info { line: GrantsTotal, code: "grants_total", section: S::OrdinaryRevenue, headline: false, negative: false, kind: Total(&[PrivateGrants, PublicSubsidies]) },
    Info { line: BusinessRevenue, code: "business_revenue", section: S::OrdinaryRevenue, headline: true, negative: false, kind: Entered },
    Info { line: ContractRevenue, code: "contract_revenue", section: S::OrdinaryRevenue, headline: true, negative: false, kind: Entered },
    Info { line: BusinessTotal, code: "business_total", section: S::OrdinaryRevenue, headline: false, negative: false, kind: Total(&[BusinessRevenue, ContractRevenue]) },
    Info { line: Interest, code: "interest", section: S::OrdinaryRevenue, headline: false, negative: false, kind: Entered },
    Info { line: MiscRevenue, code: "misc_revenue", section: S::OrdinaryRevenue, headline: false, negative: false, kind: Entered },
    Info { line: OtherRevenueTotal, code: "other_revenue_total", section: S::OrdinaryRevenue, headline: true, negative: false, kind: Total(&[Interest, MiscRevenue]) },
    Info { line: OrdinaryRevenueTotal, code: "ordinary_revenue_total", section: S::OrdinaryRevenue, headline: true, negative: false, kind: Total(&[FeesTotal, DonationsTotal, GrantsTotal, BusinessTotal, OtherRevenueTotal]) },
    Info { line: ProgramPersonnel, code: "program_personnel", section: S::OrdinaryExpenses, headline: false, negative: false, kind: Entered },
    Info { line: ProgramOther, code: "program_other", section: S::OrdinaryExpenses, headline: false, negative: false, kind: Entered },
    Info { line: ProgramTotal, code: "program_total", section: S::OrdinaryExpenses, headline: true, negative: false, kind: Total(&[ProgramPersonnel, ProgramOther]) },
    Info { line: AdminPersonnel, code: "admin_personnel", section: S::OrdinaryExpenses, headline: false, negative: false, kind: Entered },
    Info { line: AdminOther, code: "admin_other", section: S::OrdinaryExpenses, headline: false, negative: false, kind: Entered },
    Info { line: AdminTotal, code: "admin_total", section: S::OrdinaryExpenses, headline: true, negative: false, kind: Total(&[AdminPersonnel, AdminOther]) },
    Info { line: OrdinaryExpensesTotal, code: "ordinary_expenses_total", section: S::OrdinaryExpenses, headline: true, negative: false, kind: Total(&[ProgramTotal, AdminTotal]) },
    Info { line: OrdinaryChange, code: "ordinary_change", section: S::NetAssetChange, headline: true, negative: true, kind: Derived(&[(OrdinaryRevenueTotal, 1, true), (OrdinaryExpensesTotal, -1, true)]) },
    Info { line: ExtraordinaryRevenue, code: "extraordinary_revenue", section: S::NetAssetChange, headline: false, negative: false, kind: Entered },
    Info { line: ExtraordinaryExpenses, code: "extraordinary_expenses", section: S::NetAssetChange, headline: false, negative: false, kind: Entered },
    Info { line: ChangeBeforeTax, code: "change_before_tax", section: S::NetAssetChange, headline: false, negative: true, kind: Derived(&[(OrdinaryChange, 1, true), (ExtraordinaryRevenue, 1, false), (ExtraordinaryExpenses, -1, false)]) },
    Info { line: Taxes, code: "taxes", section: S::NetAssetChange, headline: false, negative: false, kind: Entered },
    Info { line: NetChange, code: "net_change", section: S::NetAssetChange, headline: false, negative: true, kind: Derived(&[(ChangeBeforeTax, 1, true), (Taxes, -1, false)]) },
    Info { line: NetAssetsBroughtForward, code: "net_assets_brought_forward", section: S::NetAssetChange, headline: false, negative: true, kind: Entered },
    // A first year's 前期繰越 is 0, but a blank one more often means "not typed": require it.
    Info { line: NetAssetsCarriedForward, code: "net_assets_carried_forward", section: S::NetAssetChange, headline: false, negative: true, kind: Derived(&[(NetChange, 1, true), (NetAssetsBroughtForward, 1, true)]) },
    Info { line: CurrentAssets, code: "current_assets", section: S::Assets, headline: false, negative: false, kind: Entered },
    Info { line: FixedAssets, code: "fixed_assets", section: S::Assets, headline: false, negative: false, kind: Entered },
    Info { line: AssetsTotal, code: "assets_total", section: S::Assets, headline: true, negative: false, kind: Total(&[CurrentAssets, FixedAssets]) },
    Info { line: CurrentLiabilities, code: "current_liabilities", section: S::Liabilities, headline: false, negative: false, kind: Entered },
    Info { line: LongTermLiabilities, code: "long_term_liabilities", section: S::Liabilities, headline: false, negative: false, kind: Entered },
    Info { line: LiabilitiesTotal, code: "liabilities_total", section: S::Liabilities, headline: true, negative: false, kind: Total(&[CurrentLiabilities, LongTermLiabilities]) },
    // Negative net assets (債務超過) happen; the balance check keeps them honest.
    Info { line: NetAssetsTotal, code: "net_assets_total", section: S::NetAssets, headline: true, negative: true, kind: Balancing(&[(AssetsTotal, 1, true), (LiabilitiesTotal, -1, true)]) },
    Info { line: LiabilitiesAndNetAssetsTotal, code: "liabilities_and_net_assets_total", section: S::NetAssets, headline: true, negative: false, kind: Total(&[LiabilitiesTotal, NetAssetsTotal]) },
];

/// How many lines there are.
pub(crate) const COUNT: usize = 39;

static ALL: [Line; COUNT] = {
    let mut all = [FeesRegular; COUNT];
    let mut i = 0;
    while i < COUNT {
        all[i] = LINES[i].line;
        i += 1;
    }
    all
};

impl Line {
    pub(crate) fn info(self) -> &'static Info {
        &LINES[self as usize]
    }

    /// Every line, in statement order (活動計算書, then 貸借対照表).
    pub fn all() -> &'static [Line] {
        &ALL
    }

    /// The form field name, JSON key and [`crate::FieldError`] field; also in message ids
    /// (`finance-line-{code}`).
    pub fn code(self) -> &'static str {
        self.info().code
    }

    pub fn parse(code: &str) -> Option<Line> {
        LINES.iter().find(|i| i.code == code).map(|i| i.line)
    }

    pub fn section(self) -> Section {
        self.info().section
    }

    /// Whether a basis asks for this line. The headline subset is: 受取会費計, 受取寄付金計,
    /// 受取民間助成金, 受取補助金, 自主事業収益, 受託事業収益, その他収益計, 経常収益計, 事業費計,
    /// 管理費計, 経常費用計, 当期経常増減額, 資産合計, 負債合計, 正味財産合計, 負債及び正味財産合計.
    pub fn in_basis(self, basis: Basis) -> bool {
        match basis {
            Basis::NpoStandard => true,
            Basis::Headline => self.info().headline,
        }
    }

    /// Increases and net assets may be negative (written △ in Japanese statements); amounts
    /// received, spent, owned or owed may not.
    pub fn can_be_negative(self) -> bool {
        self.info().negative
    }

    /// A 計 or 合計 line: the sum of [`Line::components`].
    pub fn is_total(self) -> bool {
        matches!(self.info().kind, Total(_))
    }

    /// Totals and the lines derived from them (当期経常増減額, 税引前当期正味財産増減額,
    /// 当期正味財産増減額, 次期繰越正味財産額): people may type them, and we check or fill them in.
    pub fn is_computed(self) -> bool {
        matches!(self.info().kind, Total(_) | Derived(_))
    }

    /// The lines a total adds up (empty for other lines).
    pub fn components(self) -> &'static [Line] {
        match self.info().kind {
            Total(lines) => lines,
            _ => &[],
        }
    }

    /// A derived line's formula as (line, sign) pairs; a total's components with sign 1.
    pub fn formula(self) -> Vec<(Line, i64)> {
        match self.info().kind {
            Total(lines) => lines.iter().map(|l| (*l, 1)).collect(),
            Derived(terms) | Balancing(terms) => terms.iter().map(|(l, s, _)| (*l, *s)).collect(),
            Entered => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_in_enum_order_with_unique_codes() {
        for (i, info) in LINES.iter().enumerate() {
            assert_eq!(info.line as usize, i, "{}", info.code);
            assert_eq!(Line::parse(info.code), Some(info.line));
            assert!(
                info.code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'_')
            );
        }
        let mut codes: Vec<_> = LINES.iter().map(|i| i.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), LINES.len());
        assert!(Line::all().windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn formulas_only_use_earlier_lines_of_the_same_basis_or_totals() {
        // Validation runs once in statement order, so every input must come first.
        for &line in Line::all() {
            for (input, _) in line.formula() {
                assert!(input < line, "{} uses {}", line.code(), input.code());
            }
        }
        // A headline total may rest on a line outside the subset only if that line is itself
        // a total we can work out from the subset.
        for &line in Line::all().iter().filter(|l| l.in_basis(Basis::Headline)) {
            for (input, _) in line.formula() {
                let ok = input.in_basis(Basis::Headline)
                    || input
                        .components()
                        .iter()
                        .all(|c| c.in_basis(Basis::Headline));
                assert!(ok, "{} uses {}", line.code(), input.code());
            }
        }
    }

    #[test]
    fn sections_and_bases() {
        assert_eq!(Line::FeesTotal.components(), &[FeesRegular, FeesSupporting]);
        assert!(Line::OrdinaryRevenueTotal.is_total());
        assert!(!Line::OrdinaryChange.is_total() && Line::OrdinaryChange.is_computed());
        assert!(!Line::NetAssetsTotal.is_computed());
        assert_eq!(
            Section::NetAssets
                .lines(Basis::Headline)
                .collect::<Vec<_>>(),
            vec![NetAssetsTotal, LiabilitiesAndNetAssetsTotal]
        );
        assert_eq!(Section::Assets.lines(Basis::NpoStandard).count(), 3);
        assert!(Section::Liabilities.in_balance_sheet());
        assert_eq!(Basis::parse(" headline "), Ok(Basis::Headline));
        assert_eq!(Basis::parse("ifrs"), Err(Invalid::UnknownChoice));
        assert_eq!(
            Basis::for_legal_form(LegalForm::CertifiedNpo),
            Basis::NpoStandard
        );
        assert_eq!(Basis::for_legal_form(LegalForm::Voluntary), Basis::Headline);
    }
}
