use super::*;
use Line::*;

fn input(pairs: &[(Line, &str)]) -> StatementInput {
    let mut input = StatementInput::default();
    for (line, text) in pairs {
        input.set(*line, *text);
    }
    input
}

/// A small NPO法人 with about 5 million yen of revenue, typed the way its treasurer would copy
/// the statements: commas, 円, a △ here and there.
fn small_npo() -> Vec<(Line, &'static str)> {
    vec![
        (FeesRegular, "300,000"),
        (FeesSupporting, "120,000"),
        (FeesTotal, "420,000"),
        (Donations, "850,000"),
        (InKindDonations, "150,000"),
        (DonationsTotal, "1,000,000"),
        (PrivateGrants, "800,000"),
        (PublicSubsidies, "600,000"),
        (GrantsTotal, "1,400,000"),
        (BusinessRevenue, "1,200,000"),
        (ContractRevenue, "950,000"),
        (BusinessTotal, "2,150,000"),
        (Interest, "120"),
        (MiscRevenue, "29,880"),
        (OtherRevenueTotal, "30,000"),
        (OrdinaryRevenueTotal, "5,000,000円"),
        (ProgramPersonnel, "2,400,000"),
        (ProgramOther, "1,650,000"),
        (ProgramTotal, "4,050,000"),
        (AdminPersonnel, "480,000"),
        (AdminOther, "270,000"),
        (AdminTotal, "750,000"),
        (OrdinaryExpensesTotal, "4,800,000"),
        (OrdinaryChange, "200,000"),
        (ExtraordinaryRevenue, "0"),
        (ExtraordinaryExpenses, "50,000"),
        (ChangeBeforeTax, "150,000"),
        (Taxes, "70,000"),
        (NetChange, "80,000"),
        (NetAssetsBroughtForward, "1,920,000"),
        (NetAssetsCarriedForward, "2,000,000"),
        (CurrentAssets, "2,300,000"),
        (FixedAssets, "400,000"),
        (AssetsTotal, "2,700,000"),
        (CurrentLiabilities, "500,000"),
        (LongTermLiabilities, "200,000"),
        (LiabilitiesTotal, "700,000"),
        (NetAssetsTotal, "2,000,000"),
        (LiabilitiesAndNetAssetsTotal, "2,700,000"),
    ]
}

fn with(changes: &[(Line, &'static str)]) -> StatementInput {
    let mut pairs = small_npo();
    for (line, text) in changes {
        match pairs.iter_mut().find(|(l, _)| l == line) {
            Some(pair) => pair.1 = text,
            None => pairs.push((*line, text)),
        }
    }
    input(&pairs)
}

fn errors(input: &StatementInput, basis: Basis) -> Vec<(&'static str, Invalid)> {
    input
        .validate(basis)
        .expect_err("should be rejected")
        .0
        .into_iter()
        .map(|e| (e.field, e.invalid))
        .collect()
}

#[test]
fn amounts_as_people_type_them() {
    for (text, amount) in [
        ("1234000", 1_234_000),
        ("1,234,000", 1_234_000),
        ("１，２３４，０００円", 1_234_000),
        ("￥1,234,000", 1_234_000),
        ("¥ 1,234,000 円", 1_234_000),
        ("\\1,234,000", 1_234_000),
        ("1 234 000", 1_234_000),
        ("△300,000", -300_000),
        ("▲ 300,000", -300_000),
        ("-300000", -300_000),
        ("−300,000", -300_000),
        ("－３００，０００", -300_000),
        ("0", 0),
        ("10,000,000,000,000", MAX_AMOUNT),
    ] {
        assert_eq!(parse_amount(text), Ok(Some(amount)), "{text}");
    }
    assert_eq!(parse_amount("  "), Ok(None));
    for text in [
        "1.5",
        "abc",
        "12a",
        "△",
        "--5",
        "5-",
        "+5",
        "10,000,000,000,001",
        "99999999999999999999",
        "1億",
    ] {
        assert_eq!(parse_amount(text), Err(Invalid::NotAnAmount), "{text}");
    }
    assert_eq!(format_yen(1_234_000), "1,234,000");
    assert_eq!(format_yen(-300_000), "-300,000");
    assert_eq!(format_percent(0.524), "52.4%");
}

#[test]
fn a_small_npo_that_adds_up() {
    let s = input(&small_npo()).validate(Basis::NpoStandard).unwrap();
    assert_eq!(s.get(OrdinaryRevenueTotal), Some(5_000_000));
    assert_eq!(s.get(Interest), Some(120));
    assert_eq!(s.get(ExtraordinaryRevenue), Some(0));
    assert_eq!(s.get(NetAssetsCarriedForward), Some(2_000_000));
    assert_eq!(s.iter().count(), Line::all().len());
    assert!(s.has_year_finances());
    let h = s.headline().unwrap();
    assert_eq!((h.revenue, h.expenses), (5_000_000, 4_800_000));
    assert_eq!(
        (h.assets, h.liabilities, h.net_assets, h.admin_expenses),
        (
            Some(2_700_000),
            Some(700_000),
            Some(2_000_000),
            Some(750_000)
        )
    );
    assert_eq!(
        h.revenue_by_source,
        vec![
            (RevenueSource::Fees, 420_000),
            (RevenueSource::Donations, 1_000_000),
            (RevenueSource::PrivateGrants, 800_000),
            (RevenueSource::PublicSubsidies, 600_000),
            (RevenueSource::Business, 1_200_000),
            (RevenueSource::Contracts, 950_000),
            (RevenueSource::Other, 30_000),
        ]
    );
    let by_source: i64 = h.revenue_by_source.iter().map(|(_, v)| v).sum();
    assert_eq!(by_source, h.revenue);
}

#[test]
fn a_wrong_revenue_total_is_reported_on_that_line_only() {
    let e = errors(
        &with(&[(OrdinaryRevenueTotal, "5,100,000")]),
        Basis::NpoStandard,
    );
    assert_eq!(
        e,
        vec![(
            "ordinary_revenue_total",
            Invalid::SumMismatch {
                expected: 5_000_000
            }
        )]
    );
    // A mistyped line shows up on its subtotal, and not again on the totals above it.
    let e = errors(&with(&[(FeesRegular, "310,000")]), Basis::NpoStandard);
    assert_eq!(
        e,
        vec![("fees_total", Invalid::SumMismatch { expected: 430_000 })]
    );
}

#[test]
fn carried_forward_must_match_the_balance_sheet() {
    let e = errors(
        &with(&[
            (CurrentAssets, "2,400,000"),
            (AssetsTotal, "2,800,000"),
            (NetAssetsTotal, "2,100,000"),
            (LiabilitiesAndNetAssetsTotal, "2,800,000"),
        ]),
        Basis::NpoStandard,
    );
    assert_eq!(
        e,
        vec![(
            "net_assets_carried_forward",
            Invalid::NetAssetsMismatch {
                expected: 2_100_000
            }
        )]
    );
}

#[test]
fn the_balance_sheet_must_balance() {
    let off = [(CurrentAssets, "2,400,000"), (AssetsTotal, "2,800,000")];
    let e = errors(&with(&off), Basis::NpoStandard);
    let expected = vec![(
        "liabilities_and_net_assets_total",
        Invalid::BalanceMismatch {
            expected: 2_800_000,
        },
    )];
    assert_eq!(e, expected);
    // Also when the total was left blank and we worked it out.
    let mut blank = with(&off);
    blank.set(LiabilitiesAndNetAssetsTotal, "");
    assert_eq!(errors(&blank, Basis::NpoStandard), expected);
    let (partial, _) = blank.evaluate(Basis::NpoStandard);
    assert_eq!(partial.get(LiabilitiesAndNetAssetsTotal), Some(2_700_000));
}

#[test]
fn negatives_only_where_a_statement_can_have_them() {
    let e = errors(
        &with(&[(Donations, "-10,000"), (AdminOther, "△5,000")]),
        Basis::NpoStandard,
    );
    assert_eq!(
        e,
        vec![
            ("donations", Invalid::Negative),
            ("admin_other", Invalid::Negative)
        ]
    );
}

#[test]
fn a_deficit_year_in_triangle_notation() {
    let s = with(&[
        (BusinessRevenue, "900,000"),
        (BusinessTotal, "1,850,000"),
        (OrdinaryRevenueTotal, "4,700,000"),
        (OrdinaryChange, "△100,000"),
        (ChangeBeforeTax, "▲150,000"),
        (NetChange, "−220,000"),
        (NetAssetsBroughtForward, "2,220,000"),
    ])
    .validate(Basis::NpoStandard)
    .unwrap();
    assert_eq!(s.get(OrdinaryChange), Some(-100_000));
    assert_eq!(s.get(NetChange), Some(-220_000));
    assert_eq!(s.to_input().get(NetChange), "-220000");
}

#[test]
fn full_width_digits_and_commas() {
    let s = with(&[
        (FeesRegular, "３００，０００"),
        (OrdinaryRevenueTotal, "￥５，０００，０００"),
        (AssetsTotal, "２７０００００円"),
    ])
    .validate(Basis::NpoStandard)
    .unwrap();
    assert_eq!(s.get(FeesRegular), Some(300_000));
    assert_eq!(s.get(AssetsTotal), Some(2_700_000));
}

#[test]
fn totals_left_blank_are_worked_out() {
    let leaves: Vec<_> = small_npo()
        .into_iter()
        .filter(|(l, _)| !l.is_computed() && *l != NetAssetsTotal)
        .collect();
    let s = input(&leaves).validate(Basis::NpoStandard).unwrap();
    let full = input(&small_npo()).validate(Basis::NpoStandard).unwrap();
    assert_eq!(s, full);
    // Without 前期繰越 the carried-forward amount is unknown rather than guessed.
    let mut no_brought_forward = input(&leaves);
    no_brought_forward.set(NetAssetsBroughtForward, "");
    let s = no_brought_forward.validate(Basis::NpoStandard).unwrap();
    assert_eq!(s.get(NetChange), Some(80_000));
    assert_eq!(s.get(NetAssetsCarriedForward), None);
}

#[test]
fn a_total_typed_without_its_lines_is_kept() {
    let s = input(&[(FeesTotal, "420,000"), (OrdinaryRevenueTotal, "420,000")])
        .validate(Basis::NpoStandard)
        .unwrap();
    assert_eq!(s.get(FeesTotal), Some(420_000));
    assert_eq!(s.get(FeesRegular), None);
    assert!(s.headline().is_none());
}

#[test]
fn an_empty_statement_is_fine() {
    let mut blank = StatementInput::default();
    blank.set(Donations, "  ");
    blank.0.insert("year".into(), "2025".into());
    for basis in Basis::ALL {
        let s = blank.validate(basis).unwrap();
        assert!(s.is_empty());
        assert!(!s.has_year_finances());
        assert!(s.headline().is_none());
        assert_eq!(s.ratios(), Ratios::default());
    }
}

#[test]
fn every_problem_at_once_in_statement_order() {
    let e = errors(
        &with(&[
            (LiabilitiesTotal, "800,000"),
            (Interest, "12O"),
            (FeesTotal, "400,000"),
            (Taxes, "▲70,000"),
        ]),
        Basis::NpoStandard,
    );
    let fields: Vec<_> = e.iter().map(|(f, _)| *f).collect();
    assert_eq!(
        fields,
        vec!["fees_total", "interest", "taxes", "liabilities_total"]
    );
    assert_eq!(e[1].1, Invalid::NotAnAmount);
    assert_eq!(e[3].1, Invalid::SumMismatch { expected: 700_000 });
}

#[test]
fn headline_basis() {
    let typed = input(&[
        (FeesTotal, "60,000"),
        (DonationsTotal, "150,000"),
        (PublicSubsidies, "300,000"),
        (BusinessRevenue, "90,000"),
        (OrdinaryRevenueTotal, "600,000"),
        (ProgramTotal, "480,000"),
        (AdminTotal, "60,000"),
        (AssetsTotal, "350,000"),
        (LiabilitiesTotal, "50,000"),
        // Lines the basis does not ask for are ignored, even nonsense.
        (FeesRegular, "abc"),
        (NetChange, "1"),
    ]);
    let s = typed.validate(Basis::Headline).unwrap();
    assert_eq!(s.get(OrdinaryExpensesTotal), Some(540_000));
    assert_eq!(s.get(OrdinaryChange), Some(60_000));
    assert_eq!(s.get(NetAssetsTotal), Some(300_000), "assets − liabilities");
    assert_eq!(s.get(LiabilitiesAndNetAssetsTotal), Some(350_000));
    assert_eq!(s.get(GrantsTotal), None, "not part of the headline basis");
    assert_eq!(s.get(FeesRegular), None);
    assert!(s.iter().all(|(l, _)| l.in_basis(Basis::Headline)));
    assert!(s.has_year_finances());
    assert_eq!(s.to_input().validate(Basis::Headline), Ok(s.clone()));

    let mut off = typed.clone();
    off.set(NetAssetsTotal, "280,000");
    assert_eq!(
        errors(&off, Basis::Headline),
        vec![(
            "liabilities_and_net_assets_total",
            Invalid::BalanceMismatch { expected: 350_000 }
        )]
    );
    let mut wrong_sum = typed;
    wrong_sum.set(OrdinaryRevenueTotal, "650,000");
    assert_eq!(
        errors(&wrong_sum, Basis::Headline),
        vec![(
            "ordinary_revenue_total",
            Invalid::SumMismatch { expected: 600_000 }
        )]
    );
}

#[test]
fn ratios_of_the_small_npo() {
    let r = input(&small_npo())
        .validate(Basis::NpoStandard)
        .unwrap()
        .ratios();
    // (420,000 + 1,000,000 + 1,200,000) ÷ 5,000,000
    assert_eq!(r.own_revenue_share, Some(0.524));
    assert_eq!(r.donation_share, Some(0.2));
    // (800,000 + 600,000) ÷ 5,000,000
    assert_eq!(r.grant_dependence, Some(0.28));
    // 750,000 ÷ 4,800,000
    assert_eq!(r.admin_cost_share, Some(0.15625));
    assert_eq!(r.get(Ratio::AdminCostShare), r.admin_cost_share);
}

#[test]
fn ratios_need_a_positive_denominator_and_some_numerator() {
    let r = input(&[
        (OrdinaryRevenueTotal, "0"),
        (OrdinaryExpensesTotal, "0"),
        (AdminTotal, "0"),
    ])
    .validate(Basis::Headline)
    .unwrap()
    .ratios();
    assert_eq!(r, Ratios::default());
    let r = input(&[(OrdinaryRevenueTotal, "1,000,000"), (DonationsTotal, "")])
        .validate(Basis::Headline)
        .unwrap()
        .ratios();
    assert_eq!(r, Ratios::default(), "no numerator line given");
    // 事業収益 without its split: the own-revenue share can't be told.
    let r = input(&[
        (FeesTotal, "100,000"),
        (BusinessTotal, "900,000"),
        (GrantsTotal, "1,000,000"),
    ])
    .validate(Basis::NpoStandard)
    .unwrap()
    .ratios();
    assert_eq!(r.own_revenue_share, None);
    assert_eq!(r.grant_dependence, Some(0.5));
}

#[test]
fn serde_round_trip_in_statement_order() {
    let s = input(&[
        (AssetsTotal, "2,700,000"),
        (NetChange, "△80,000"),
        (FeesRegular, "300,000"),
    ])
    .validate(Basis::NpoStandard)
    .unwrap();
    let json = serde_json::to_string(&s).unwrap();
    assert_eq!(
        json,
        concat!(
            r#"{"fees_regular":300000,"fees_total":300000,"ordinary_revenue_total":300000,"#,
            r#""net_change":-80000,"assets_total":2700000}"#
        )
    );
    assert_eq!(serde_json::from_str::<Statement>(&json).unwrap(), s);
    assert_eq!(
        serde_json::from_str::<Statement>("{}").unwrap(),
        Statement::default()
    );
    assert!(serde_json::from_str::<Statement>(r#"{"profit":1}"#).is_err());
    let input_json = r#"{"fees_regular":"３００，０００","year":"2025"}"#;
    let typed: StatementInput = serde_json::from_str(input_json).unwrap();
    assert_eq!(
        typed.validate(Basis::NpoStandard).unwrap().get(FeesTotal),
        Some(300_000)
    );
}

#[test]
fn to_input_round_trip() {
    for basis in Basis::ALL {
        let typed = if basis == Basis::Headline {
            input(&[
                (OrdinaryRevenueTotal, "5,000,000"),
                (OrdinaryExpensesTotal, "5,200,000"),
            ])
        } else {
            input(&small_npo())
        };
        let s = typed.validate(basis).unwrap();
        assert!(!s.is_empty());
        assert_eq!(s.to_input().validate(basis), Ok(s.clone()));
    }
    let s = input(&small_npo()).validate(Basis::NpoStandard).unwrap();
    assert_eq!(s.to_input().get(OrdinaryRevenueTotal), "5000000");
}

/// Every id a page needs exists in both languages (the i18n crate checks the two files agree).
#[test]
fn every_line_section_source_ratio_and_basis_has_messages() {
    let files = [
        ("ja", include_str!("../../../i18n/locales/ja/finances.ftl")),
        ("en", include_str!("../../../i18n/locales/en/finances.ftl")),
    ];
    let mut ids: Vec<String> = Vec::new();
    ids.extend(
        Line::all()
            .iter()
            .map(|l| format!("finance-line-{}", l.code())),
    );
    ids.extend(
        Section::ALL
            .iter()
            .map(|s| format!("finance-section-{}", s.code())),
    );
    ids.extend(
        RevenueSource::all()
            .iter()
            .map(|s| format!("finance-source-{}", s.code())),
    );
    for ratio in Ratio::ALL {
        ids.push(format!("finance-ratio-{}", ratio.code()));
        ids.push(format!("finance-ratio-{}-help", ratio.code()));
    }
    for basis in Basis::ALL {
        ids.push(format!("finance-basis-{}", basis.code()));
        ids.push(format!("finance-basis-{}-help", basis.code()));
    }
    for (lang, file) in files {
        for id in &ids {
            let defined = file
                .lines()
                .any(|line| line.starts_with(&format!("{id} = ")));
            assert!(defined, "{lang}: no message {id}");
        }
    }
    // Japanese messages are Japanese: no English words leaking in.
    for line in files[0]
        .1
        .lines()
        .filter(|l| !l.starts_with('#') && l.contains(" = "))
    {
        let (_, value) = line.split_once(" = ").unwrap();
        let latin = value.chars().filter(|c| c.is_ascii_alphabetic()).count();
        assert!(latin <= 3, "English in Japanese message: {line}");
    }
}
