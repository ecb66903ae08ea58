//! Test helpers: parse a chart back (with a real XML parser) and check what every chart
//! must satisfy.

use crate::{Frame, Locale, Svg};

pub(crate) fn frame(id: &str) -> Frame {
    Frame::new(id, "収入の推移", "2020年度から2024年度の収入。", Locale::Ja)
}

pub(crate) fn frame_en(id: &str) -> Frame {
    Frame::new(id, "Revenue", "Revenue by year.", Locale::En)
}

/// A parsed rectangle.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

fn attr_f64(n: &roxmltree::Node, name: &str) -> f64 {
    n.attribute(name)
        .unwrap_or_else(|| panic!("<{}> lacks {name}", n.tag_name().name()))
        .parse()
        .unwrap()
}

fn has_class(n: &roxmltree::Node, class: &str) -> bool {
    n.attribute("class")
        .is_some_and(|c| c.split_whitespace().any(|x| x == class))
}

/// Parses `svg` as XML (panicking on ill-formed markup) and checks the root element and the
/// rules every chart follows; returns the parsed document's source for further queries.
pub(crate) fn check(svg: &Svg, id: &str, kind: &str) {
    let s = svg.as_str();
    let doc = roxmltree::Document::parse(s).unwrap_or_else(|e| panic!("ill-formed: {e}\n{s}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    assert_eq!(root.attribute("role"), Some("img"));
    let labelled = format!("{id}-title {id}-desc");
    assert_eq!(root.attribute("aria-labelledby"), Some(labelled.as_str()));
    assert_eq!(
        root.attribute("class"),
        Some(format!("chart chart-{kind}").as_str())
    );
    assert!(root.attribute("width").is_none() && root.attribute("height").is_none());
    let vb: Vec<f64> = root
        .attribute("viewBox")
        .unwrap()
        .split(' ')
        .map(|v| v.parse().unwrap())
        .collect();
    assert_eq!(vb.len(), 4);
    assert!(vb[2] >= 320.0 && vb[3] > 0.0);
    let first: Vec<_> = root.children().filter(|n| n.is_element()).take(2).collect();
    assert_eq!(first[0].tag_name().name(), "title");
    assert_eq!(
        first[0].attribute("id"),
        Some(format!("{id}-title").as_str())
    );
    assert_eq!(first[1].tag_name().name(), "desc");
    assert_eq!(
        first[1].attribute("id"),
        Some(format!("{id}-desc").as_str())
    );
    for n in doc.descendants().filter(|n| n.is_element()) {
        assert!(
            n.attribute("style").is_none(),
            "style attribute on <{}>",
            n.tag_name().name()
        );
        assert!(n.tag_name().name() != "script" && n.tag_name().name() != "style");
        assert!(n.tag_name().name() != "foreignObject");
        for a in n.attributes() {
            assert!(!a.name().starts_with("on"), "event handler {}", a.name());
            // Colours come from CSS classes only.
            assert!(
                !matches!(a.name(), "fill" | "stroke" | "color") || a.value() == "none",
                "presentation colour {}={}",
                a.name(),
                a.value()
            );
        }
        if n.tag_name().name() == "text" {
            assert!(has_class(&n, "chart-label"), "text without chart-label");
        }
    }
    assert!(!s.contains("style="));
    assert!(!s.contains("<script"));
}

/// Rectangles carrying `class` (e.g. "chart-bar"), in document order.
pub(crate) fn rects(svg: &Svg, class: &str) -> Vec<Rect> {
    let doc = roxmltree::Document::parse(svg.as_str()).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("rect") && has_class(n, class))
        .map(|n| Rect {
            x: attr_f64(&n, "x"),
            y: attr_f64(&n, "y"),
            w: attr_f64(&n, "width"),
            h: attr_f64(&n, "height"),
        })
        .collect()
}

/// The `y1` of the first line with `class`.
pub(crate) fn line_y(svg: &Svg, class: &str) -> f64 {
    let doc = roxmltree::Document::parse(svg.as_str()).unwrap();
    let n = doc
        .descendants()
        .find(|n| n.has_tag_name("line") && has_class(n, class))
        .unwrap_or_else(|| panic!("no line .{class}"));
    attr_f64(&n, "y1")
}

/// Visible texts (without their `<title>` children) of elements carrying `class`.
pub(crate) fn texts(svg: &Svg, class: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg.as_str()).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("text") && has_class(n, class))
        .map(|n| {
            n.children()
                .filter(|c| c.is_text())
                .filter_map(|c| c.text())
                .collect::<String>()
        })
        .collect()
}

/// `d` attributes of paths carrying `class`.
pub(crate) fn paths(svg: &Svg, class: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg.as_str()).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("path") && has_class(n, class))
        .map(|n| n.attribute("d").unwrap().to_string())
        .collect()
}

/// Counts elements carrying `class`.
pub(crate) fn count(svg: &Svg, class: &str) -> usize {
    let doc = roxmltree::Document::parse(svg.as_str()).unwrap();
    doc.descendants().filter(|n| has_class(n, class)).count()
}

/// Texts of all `<title>` elements (hover titles and the chart's own).
pub(crate) fn titles(svg: &Svg) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg.as_str()).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("title"))
        .map(|n| n.text().unwrap_or("").to_string())
        .collect()
}

pub(crate) fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.05
}
