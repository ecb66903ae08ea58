//! Renders one example of each chart into a folder, with an HTML page that embeds them under
//! a strict Content-Security-Policy, for looking at them in a browser:
//!
//! ```sh
//! cargo run -p hiroba-charts --example demo -- /tmp/charts-demo
//! ```

use std::{env, fs, path::PathBuf};

use hiroba_charts::{
    Format, Frame, Locale, STYLESHEET, Series, Svg, bar_chart, composition, escape, line_chart,
    ratio_bars,
};

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

fn main() -> std::io::Result<()> {
    let dir = PathBuf::from(
        env::args()
            .nth(1)
            .unwrap_or_else(|| "/tmp/charts-demo".into()),
    );
    fs::create_dir_all(&dir)?;
    let ja = |id: &str, title: &str, desc: &str| Frame::new(id, title, desc, Locale::Ja);
    let years = s(&["2020年度", "2021年度", "2022年度", "2023年度", "2024年度"]);

    let revenue_parts: Vec<(String, f64)> = [
        ("会費", 1_200_000.0),
        ("寄付金", 3_450_000.0),
        ("助成金", 8_000_000.0),
        ("補助金", 0.0),
        ("事業収益", 12_340_000.0),
        ("受託事業収益", 5_250_000.0),
        ("その他", 310_000.0),
    ]
    .iter()
    .map(|(l, v)| (l.to_string(), *v))
    .collect();

    let charts: Vec<(&str, &str, Svg)> = vec![
        (
            "composition",
            "収入の内訳（2024年度）",
            composition(
                &ja(
                    "comp",
                    "収入の内訳（2024年度）",
                    "2024年度の収入3,055万円の内訳。",
                ),
                &revenue_parts,
                &Format::Yen,
            ),
        ),
        (
            "trend",
            "収入・支出・正味財産の推移",
            bar_chart(
                &ja(
                    "trend",
                    "収入・支出・正味財産の推移",
                    "2020〜2024年度の推移。",
                ),
                &years,
                &[
                    Series::new(
                        "経常収益",
                        vec![Some(18e6), Some(21.5e6), Some(24e6), None, Some(30.55e6)],
                    ),
                    Series::new(
                        "経常費用",
                        vec![Some(19e6), Some(20e6), Some(25.2e6), Some(27e6), Some(29e6)],
                    ),
                    Series::new(
                        "正味財産",
                        vec![
                            Some(-2.5e6),
                            Some(-1e6),
                            Some(-2.2e6),
                            Some(1.5e6),
                            Some(3e6),
                        ],
                    ),
                ],
                &Format::Yen,
                false,
            ),
        ),
        (
            "stacked",
            "収入源の推移（積み上げ）",
            bar_chart(
                &ja("stacked", "収入源の推移", "収入源別の積み上げ。"),
                &years,
                &[
                    Series::new(
                        "会費",
                        vec![
                            Some(1e6),
                            Some(1.1e6),
                            Some(1.2e6),
                            Some(1.2e6),
                            Some(1.2e6),
                        ],
                    ),
                    Series::new(
                        "寄付金",
                        vec![Some(2e6), Some(2.5e6), Some(3e6), Some(3.2e6), Some(3.45e6)],
                    ),
                    Series::new(
                        "助成金",
                        vec![Some(6e6), Some(7e6), Some(8e6), Some(7.5e6), Some(8e6)],
                    ),
                    Series::new(
                        "事業収益",
                        vec![Some(9e6), Some(10.9e6), Some(11.8e6), None, Some(12.34e6)],
                    ),
                ],
                &Format::Yen,
                true,
            ),
        ),
        (
            "ten-years",
            "10年間の推移",
            bar_chart(
                &ja(
                    "ten",
                    "10年間の推移",
                    "2015〜2024年度の経常収益と経常費用。",
                ),
                &(2015..2025).map(|y| format!("{y}年度")).collect::<Vec<_>>(),
                &[
                    Series::new(
                        "経常収益",
                        (0..10).map(|i| Some(12e6 + i as f64 * 2.1e6)).collect(),
                    ),
                    Series::new(
                        "経常費用",
                        (0..10).map(|i| Some(11e6 + i as f64 * 2.3e6)).collect(),
                    ),
                ],
                &Format::Yen,
                false,
            ),
        ),
        (
            "ratios",
            "財務指標",
            ratio_bars(
                &ja("ratios", "財務指標", "2024年度の財務指標。"),
                &[
                    ("自主財源比率".to_string(), Some(0.423)),
                    ("寄付金比率".to_string(), Some(0.113)),
                    ("助成金依存度".to_string(), Some(0.262)),
                    ("管理費比率".to_string(), Some(0.073)),
                    ("補助金比率".to_string(), None),
                ],
            ),
        ),
        (
            "compare-ratios",
            "自主財源比率の比較",
            ratio_bars(
                &ja("cmp-ratio", "自主財源比率の比較", "5団体の自主財源比率。"),
                &[
                    ("NPO法人ひろばサポートセンター".to_string(), Some(0.423)),
                    (
                        "認定NPO法人 とても長い名前の地域まちづくり支援センター東北".to_string(),
                        Some(0.91),
                    ),
                    ("一般社団法人 こども食堂ネット".to_string(), Some(0.12)),
                    ("公益財団法人 みどり基金".to_string(), Some(1.0)),
                    ("NPO法人 R&D <ラボ>".to_string(), None),
                ],
            ),
        ),
        (
            "compare-bars",
            "経常収益の比較",
            bar_chart(
                &ja("cmp-bars", "経常収益の比較", "5団体の2024年度経常収益。"),
                &s(&[
                    "ひろばサポート",
                    "とても長い名前の地域まちづくり支援センター",
                    "こども食堂ネット",
                    "みどり基金",
                    "R&D <ラボ>",
                ]),
                &[Series::new(
                    "経常収益",
                    vec![Some(30.55e6), Some(250e6), Some(4.2e6), Some(1.2e9), None],
                )],
                &Format::Yen,
                false,
            ),
        ),
        (
            "line",
            "成果指標の推移",
            line_chart(
                &ja("line", "成果指標の推移", "相談件数と参加者数の推移。"),
                &s(&["2018", "2019", "2020", "2021", "2022", "2023", "2024"]),
                &[
                    Series::new(
                        "相談件数",
                        vec![
                            Some(120.0),
                            Some(180.0),
                            None,
                            Some(240.0),
                            Some(310.0),
                            Some(290.0),
                            Some(350.0),
                        ],
                    ),
                    Series::new(
                        "参加者数",
                        vec![
                            Some(80.0),
                            Some(95.0),
                            Some(20.0),
                            None,
                            Some(150.0),
                            Some(210.0),
                            Some(260.0),
                        ],
                    ),
                ],
                &Format::Number { unit: "人".into() },
            ),
        ),
        (
            "line-single",
            "ボランティア登録者数",
            line_chart(
                &ja("line1", "ボランティア登録者数", "登録者数の推移。"),
                &years,
                &[Series::new(
                    "登録者数",
                    vec![Some(1234.0), Some(1500.0), None, Some(1820.0), Some(2105.0)],
                )],
                &Format::Number { unit: "人".into() },
            ),
        ),
        (
            "en-trend",
            "Net assets (English)",
            bar_chart(
                &Frame::new("en", "Net assets", "Net assets by year.", Locale::En),
                &s(&["FY2021", "FY2022", "FY2023", "FY2024"]),
                &[Series::new(
                    "Net assets",
                    vec![Some(-2.5e6), Some(8_000.0), Some(12.34e6), Some(250e6)],
                )],
                &Format::Yen,
                false,
            ),
        ),
        (
            "empty",
            "データなし",
            line_chart(
                &ja("empty", "データなし", "データがありません。"),
                &years,
                &[Series::new("x", vec![None; 5])],
                &Format::Percent,
            ),
        ),
    ];

    let mut body = String::new();
    for (name, heading, svg) in &charts {
        fs::write(dir.join(format!("{name}.svg")), svg.as_str())?;
        body.push_str(&format!(
            "<section><h2>{}</h2>\n{}\n</section>\n",
            escape(heading),
            svg
        ));
    }
    fs::write(dir.join("charts.css"), STYLESHEET)?;
    fs::write(
        dir.join("demo.css"),
        "body{font-family:system-ui,sans-serif;max-width:720px;margin:0 auto;padding:8px 16px;}\
         h2{font-size:1.1rem;margin:1.2rem 0 .3rem}section{border-bottom:1px solid #ddd}",
    )?;
    let html = format!(
        "<!doctype html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; style-src 'self'; script-src 'none'\">\n\
         <meta name=\"viewport\" content=\"width=device-width\">\n\
         <title>hiroba-charts demo</title>\n\
         <link rel=\"stylesheet\" href=\"charts.css\"><link rel=\"stylesheet\" href=\"demo.css\">\n\
         </head><body><h1>hiroba-charts</h1>\n{body}</body></html>\n"
    );
    fs::write(dir.join("index.html"), html)?;
    println!("wrote {} charts to {}", charts.len(), dir.display());
    Ok(())
}
