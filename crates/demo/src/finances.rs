//! Yearly statements that add up. A few numbers are drawn per organisation (size, revenue
//! mix, trend) and per year (noise, the year's result); every line follows from them, and the
//! balance sheet is built backwards from net assets so that 次期繰越正味財産額 = 正味財産合計
//! and 負債及び正味財産合計 = 資産合計 always hold. Net assets carry over from year to year.

use crate::themes::Theme;
use hiroba_domain::finances::{Basis, Line, Statement, StatementInput};
use hiroba_domain::legal_forms::LegalForm;
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

/// Where the money comes from, as shares of 経常収益 before noise:
/// fees, donations, private grants, public subsidies, own business, contracts, other.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mix {
    /// Supporters' gifts carry the work (寄付型).
    Donations,
    /// 助成金・補助金 pay for most of it.
    Grants,
    /// 受託事業 for local government (委託型).
    Contracts,
    /// Own services: welfare fees, sales (事業型).
    Business,
    /// A members' association (会費型).
    Members,
}

impl Mix {
    fn shares(self) -> [f64; 7] {
        match self {
            Mix::Donations => [0.08, 0.55, 0.10, 0.04, 0.15, 0.06, 0.02],
            Mix::Grants => [0.04, 0.08, 0.30, 0.35, 0.10, 0.10, 0.03],
            Mix::Contracts => [0.02, 0.03, 0.03, 0.07, 0.10, 0.73, 0.02],
            Mix::Business => [0.02, 0.04, 0.03, 0.05, 0.81, 0.03, 0.02],
            Mix::Members => [0.45, 0.15, 0.10, 0.05, 0.20, 0.03, 0.02],
        }
    }
}

/// The few numbers an organisation's accounts grow from.
#[derive(Debug, Clone)]
pub struct Profile {
    pub basis: Basis,
    /// 経常収益 in the first year, in yen.
    pub revenue: f64,
    pub mix: Mix,
    shares: [f64; 7],
    /// Yearly growth (negative when shrinking).
    growth: f64,
    admin_share: f64,
    personnel_share: f64,
    net_assets: f64,
    fixed_share: f64,
    loan: f64,
    in_kind: f64,
    pays_tax: bool,
}

fn log_uniform(rng: &mut ChaCha8Rng, lo: f64, hi: f64) -> f64 {
    (rng.random_range(lo.ln()..hi.ln())).exp()
}

impl Profile {
    pub fn draw(rng: &mut ChaCha8Rng, form: LegalForm, theme: &Theme, level: u8) -> Profile {
        let (lo, hi) = match form {
            LegalForm::Voluntary => (300_000.0, 3_000_000.0),
            LegalForm::CertifiedNpo => (8_000_000.0, 80_000_000.0),
            LegalForm::SocialWelfare => (35_000_000.0, 80_000_000.0),
            LegalForm::PublicInterestFoundation | LegalForm::PublicInterestAssociation => {
                (10_000_000.0, 80_000_000.0)
            }
            LegalForm::GeneralFoundation | LegalForm::SchoolCorporation => {
                (10_000_000.0, 60_000_000.0)
            }
            LegalForm::Cooperative => (5_000_000.0, 40_000_000.0),
            _ => (1_000_000.0, 40_000_000.0),
        };
        // Organisations that disclose more tend to be the established, larger ones.
        let revenue = (log_uniform(rng, lo, hi) * (0.8 + 0.1 * f64::from(level))).min(85e6);
        let mix = match (form, theme.romaji) {
            (LegalForm::Voluntary, _) => *pick(rng, &[Mix::Members, Mix::Donations, Mix::Grants]),
            (LegalForm::SocialWelfare, _)
            | (_, "shogai-fukushi" | "koreisha" | "zaitaku-care" | "energy") => Mix::Business,
            // Foundations give out what donors entrust to them.
            (LegalForm::GeneralFoundation | LegalForm::PublicInterestFoundation, _) => {
                Mix::Donations
            }
            (_, "foodbank" | "kokusai" | "dobutsu") => Mix::Donations,
            (_, "shimin-katsudo" | "wakamono-shuro" | "saigai") => Mix::Contracts,
            (LegalForm::PublicInterestAssociation | LegalForm::GeneralAssociation, _) => {
                *pick(rng, &[Mix::Members, Mix::Business, Mix::Contracts])
            }
            _ => *pick(
                rng,
                &[
                    Mix::Donations,
                    Mix::Grants,
                    Mix::Grants,
                    Mix::Contracts,
                    Mix::Business,
                    Mix::Members,
                ],
            ),
        };
        let mut shares = mix.shares();
        for s in &mut shares {
            *s *= rng.random_range(0.6..1.4);
        }
        let foundation = matches!(
            form,
            LegalForm::GeneralFoundation | LegalForm::PublicInterestFoundation
        );
        if foundation {
            // 基本財産の運用益.
            shares[6] += 0.08;
        }
        Profile {
            basis: Basis::for_legal_form(form),
            revenue,
            mix,
            shares: normalise(shares),
            growth: rng.random_range(-0.06..0.12),
            admin_share: rng.random_range(0.07..0.25),
            personnel_share: rng.random_range(0.25..0.7),
            net_assets: revenue
                * if foundation {
                    rng.random_range(1.5..4.0)
                } else {
                    rng.random_range(0.1..0.8)
                },
            fixed_share: match mix {
                Mix::Business => rng.random_range(0.2..0.6),
                _ => rng.random_range(0.0..0.25),
            },
            loan: if mix == Mix::Business || rng.random_bool(0.15) {
                revenue * rng.random_range(0.1..0.5)
            } else {
                0.0
            },
            in_kind: if theme.romaji == "foodbank" {
                0.5
            } else if rng.random_bool(0.1) {
                0.1
            } else {
                0.0
            },
            pays_tax: form.is_npo_corporation() && rng.random_bool(0.6),
        }
    }

    /// People's figures that fit the size: paid staff cost what the accounts say.
    pub fn staff(&self) -> (u32, u32) {
        let personnel = self.revenue * self.personnel_share;
        let full_time = (personnel / 3_600_000.0).floor() as u32;
        let part_time = ((personnel - f64::from(full_time) * 3_600_000.0) / 1_100_000.0) as u32;
        (full_time, part_time)
    }
}

fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

fn normalise(mut shares: [f64; 7]) -> [f64; 7] {
    let total: f64 = shares.iter().sum();
    for s in &mut shares {
        *s /= total;
    }
    shares
}

/// One year's figures and what the business report says about them.
#[derive(Debug, Clone)]
pub struct Year {
    pub year: i32,
    pub input: StatementInput,
    pub revenue: i64,
    pub expenses: i64,
    /// Revenue compared with the year before (None for the first).
    pub change: Option<f64>,
}

/// Statements for `first..=last`, consecutive so net assets carry over.
pub fn years(rng: &mut ChaCha8Rng, p: &Profile, first: i32, last: i32) -> Vec<Year> {
    let mut out: Vec<Year> = Vec::new();
    let mut net = p.net_assets.round() as i64;
    let mut revenue_base = p.revenue;
    let mut loan = p.loan;
    let headline = p.basis == Basis::Headline;
    for year in first..=last {
        if year > first {
            // Growth slows as an organisation nears the largest the demo shows.
            revenue_base = (revenue_base * (1.0 + p.growth + rng.random_range(-0.05..0.05)))
                .min(85e6 * rng.random_range(0.95..1.0));
            loan *= 0.9;
        }
        let shares = normalise(p.shares.map(|s| s * rng.random_range(0.85..1.15)));
        let amount = |share: f64, rng: &mut ChaCha8Rng| -> i64 {
            (revenue_base * share * rng.random_range(0.97..1.03)).round() as i64
        };
        let fees = amount(shares[0], rng);
        let fees_regular = (fees as f64 * rng.random_range(0.55..0.85)).round() as i64;
        let donations_all = amount(shares[1], rng);
        let in_kind = (donations_all as f64 * p.in_kind).round() as i64;
        let private = amount(shares[2], rng);
        let public = amount(shares[3], rng);
        let business = amount(shares[4], rng);
        let contract = amount(shares[5], rng);
        let other = amount(shares[6], rng);
        let interest = (other as f64 * rng.random_range(0.01..0.2)).round() as i64;
        let revenue = fees + donations_all + private + public + business + contract + other;

        // Most years end close to break-even; some with a loss (物価高, a grant ending).
        let margin = if rng.random_bool(0.18) {
            rng.random_range(0.03..0.14)
        } else {
            rng.random_range(-0.08..0.03)
        };
        let expenses = (revenue as f64 * (1.0 + margin)).round() as i64;
        let admin = (expenses as f64 * p.admin_share * rng.random_range(0.9..1.1)).round() as i64;
        let programme = expenses - admin;
        let programme_personnel =
            (programme as f64 * p.personnel_share * rng.random_range(0.9..1.1)).round() as i64;
        let admin_personnel = (admin as f64 * rng.random_range(0.4..0.8)).round() as i64;
        let ordinary = revenue - expenses;

        let (extra_revenue, extra_expenses) = if !headline && rng.random_bool(0.06) {
            if rng.random_bool(0.5) {
                (
                    (revenue as f64 * rng.random_range(0.01..0.05)).round() as i64,
                    0,
                )
            } else {
                (
                    0,
                    (revenue as f64 * rng.random_range(0.01..0.04)).round() as i64,
                )
            }
        } else {
            (0, 0)
        };
        // 法人住民税均等割: NPO法人 with a 収益事業 pay it whatever their result.
        let taxes = if !headline && p.pays_tax && business > 0 {
            70_000
        } else {
            0
        };
        let before_tax = ordinary + extra_revenue - extra_expenses;
        let change = before_tax - taxes;
        let brought_forward = net;
        net += change;

        let current_liabilities = (revenue as f64 * rng.random_range(0.03..0.15)).round() as i64;
        let long_term = loan.round() as i64;
        // 債務超過 happens; the assets that remain must still be zero or more.
        let current_liabilities = current_liabilities.max(-net - long_term + revenue / 20);
        let liabilities = current_liabilities + long_term;
        let assets = net + liabilities;
        let fixed = (assets as f64 * p.fixed_share).round() as i64;
        let current = assets - fixed;

        let mut s = StatementInput::default();
        let mut set = |line: Line, v: i64| s.set(line, v.to_string());
        set(Line::FeesRegular, fees_regular);
        set(Line::FeesSupporting, fees - fees_regular);
        set(Line::FeesTotal, fees);
        set(Line::Donations, donations_all - in_kind);
        set(Line::InKindDonations, in_kind);
        set(Line::DonationsTotal, donations_all);
        set(Line::PrivateGrants, private);
        set(Line::PublicSubsidies, public);
        set(Line::GrantsTotal, private + public);
        set(Line::BusinessRevenue, business);
        set(Line::ContractRevenue, contract);
        set(Line::BusinessTotal, business + contract);
        set(Line::Interest, interest);
        set(Line::MiscRevenue, other - interest);
        set(Line::OtherRevenueTotal, other);
        set(Line::OrdinaryRevenueTotal, revenue);
        set(Line::ProgramPersonnel, programme_personnel);
        set(Line::ProgramOther, programme - programme_personnel);
        set(Line::ProgramTotal, programme);
        set(Line::AdminPersonnel, admin_personnel);
        set(Line::AdminOther, admin - admin_personnel);
        set(Line::AdminTotal, admin);
        set(Line::OrdinaryExpensesTotal, expenses);
        set(Line::OrdinaryChange, ordinary);
        set(Line::ExtraordinaryRevenue, extra_revenue);
        set(Line::ExtraordinaryExpenses, extra_expenses);
        set(Line::ChangeBeforeTax, before_tax);
        set(Line::Taxes, taxes);
        set(Line::NetChange, change);
        set(Line::NetAssetsBroughtForward, brought_forward);
        set(Line::NetAssetsCarriedForward, net);
        set(Line::CurrentAssets, current);
        set(Line::FixedAssets, fixed);
        set(Line::AssetsTotal, assets);
        set(Line::CurrentLiabilities, current_liabilities);
        set(Line::LongTermLiabilities, long_term);
        set(Line::LiabilitiesTotal, liabilities);
        set(Line::NetAssetsTotal, net);
        set(Line::LiabilitiesAndNetAssetsTotal, liabilities + net);
        let change = out
            .last()
            .map(|prev| revenue as f64 / prev.revenue.max(1) as f64 - 1.0);
        out.push(Year {
            year,
            input: s,
            revenue,
            expenses,
            change,
        });
    }
    out
}

/// Validates a generated statement; a failure is a bug in this module.
pub fn statement(year: &Year, basis: Basis) -> Statement {
    year.input
        .validate(basis)
        .unwrap_or_else(|e| panic!("demo statement for {} adds up: {e:?}", year.year))
}

/// 事業報告: what the year was like, in two to four sentences.
pub fn business_report(
    rng: &mut ChaCha8Rng,
    year: &Year,
    label: &str,
    programmes: &[&str],
    theme: &Theme,
    mix: Mix,
) -> String {
    let mut s = Vec::new();
    match programmes {
        [] => s.push(format!("{label}も、地域での活動を続けました。")),
        [one] => s.push(format!("{label}は、「{one}」を中心に活動しました。")),
        [one, two, ..] => s.push(match rng.random_range(0..3) {
            0 => format!("{label}は、「{one}」と「{two}」の2つの事業を柱に活動しました。"),
            1 => {
                format!("{label}は、「{one}」を継続するとともに、「{two}」の充実に力を入れました。")
            }
            _ => format!("{label}も、「{one}」を中心に、地域に根ざした活動を続けました。"),
        }),
    }
    if rng.random_bool(0.7) {
        // The profile says what they do; the report, what they did through the year.
        let did = pick(rng, theme.activities)
            .replace("ています。", "てきました。")
            .replace("でいます。", "できました。");
        s.push(did);
    }
    let change = year.change.unwrap_or(0.0);
    if year.expenses > year.revenue {
        let why: &[&str] = &[
            "物価の上昇で事業費がかさみ、当年度は支出が収入を上回りました。次年度は経費の見直しを進めます。",
            "活動の拡大に伴い人件費が増え、当年度は赤字となりました。寄付と会員の拡大に取り組みます。",
        ];
        s.push(pick(rng, why).to_string());
    } else if change > 0.08 {
        s.push(
            match mix {
                Mix::Grants => "新たに民間助成金の採択を受け、事業の規模を広げることができました。",
                Mix::Contracts => "行政からの受託事業が増え、相談体制を強化しました。",
                Mix::Donations => "寄付者が増え、継続的に支えてくださる方の輪が広がりました。",
                _ => "収入が前年度より増え、活動の幅を広げることができました。",
            }
            .to_owned(),
        );
    } else if change < -0.08 {
        s.push("助成期間の終了により収入は減少しましたが、主な事業は継続しました。".to_owned());
    } else if rng.random_bool(0.5) || s.len() < 2 {
        s.push("収支はおおむね計画どおりでした。".to_owned());
    }
    let sentences = s.concat().matches('。').count();
    if sentences < 4 && rng.random_bool(0.6) {
        s.push(
            pick(
                rng,
                &[
                    "ご支援・ご協力いただいた皆さまに、心より感謝申し上げます。",
                    "次年度は、行政や地元企業との連携をさらに深めていきます。",
                    "担い手の高齢化が課題となっており、若い世代のボランティアを募っています。",
                    "活動の成果は報告会で地域の皆さんと共有しました。",
                ],
            )
            .to_string(),
        );
    }
    s.concat()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::themes::THEMES;
    use rand::SeedableRng;

    #[test]
    fn statements_validate_and_carry_net_assets_over() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let forms = [
            LegalForm::Npo,
            LegalForm::CertifiedNpo,
            LegalForm::Voluntary,
            LegalForm::SocialWelfare,
            LegalForm::PublicInterestFoundation,
            LegalForm::GeneralAssociation,
        ];
        let mut losses = 0;
        for i in 0..600 {
            let form = forms[i % forms.len()];
            let theme = &THEMES[i % THEMES.len()];
            let p = Profile::draw(&mut rng, form, theme, (i % 6) as u8);
            let ys = years(&mut rng, &p, 2020, 2025);
            let mut previous: Option<Statement> = None;
            for y in &ys {
                // Both bases accept the full input: the headline one ignores other lines.
                let full = statement(y, Basis::NpoStandard);
                let s = statement(y, p.basis);
                assert!(s.has_year_finances());
                let revenue = s.get(Line::OrdinaryRevenueTotal).unwrap();
                assert!((100_000..=100_000_000).contains(&revenue), "{revenue}");
                assert_eq!(
                    s.get(Line::AssetsTotal),
                    s.get(Line::LiabilitiesAndNetAssetsTotal)
                );
                assert_eq!(
                    full.get(Line::NetAssetsCarriedForward),
                    full.get(Line::NetAssetsTotal)
                );
                if let Some(prev) = &previous {
                    assert_eq!(
                        full.get(Line::NetAssetsBroughtForward),
                        prev.get(Line::NetAssetsTotal)
                    );
                }
                if y.expenses > y.revenue {
                    losses += 1;
                }
                previous = Some(full);
            }
        }
        assert!(losses > 100, "some years end with a loss: {losses}");
    }

    #[test]
    fn business_reports_are_a_few_sentences() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let p = Profile::draw(&mut rng, LegalForm::Npo, &THEMES[0], 3);
        for y in years(&mut rng, &p, 2021, 2025) {
            let text =
                business_report(&mut rng, &y, "2025年度", &["子ども食堂"], &THEMES[0], p.mix);
            let sentences = text.matches('。').count();
            assert!((2..=4).contains(&sentences), "{text}");
            assert!(text.starts_with("2025年度"));
        }
    }
}
