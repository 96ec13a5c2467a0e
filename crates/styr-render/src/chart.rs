//! Charts as SVG, written here so that the PDF gets them as vectors and the HTML inline; each with
//! a text alternative that says what the chart shows, figures included.

use serde::Serialize;

use styr_domain::format_sv::number_trimmed;

/// A chart: its caption, its text alternative and the SVG.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    pub caption: String,
    pub alt: String,
    pub svg: String,
}

/// A point of a series: its label on the x axis and its value, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub label: String,
    pub value: Option<f64>,
}

/// A reference level drawn as a dashed line: "Etappmål 2023", "Målvärde 2030".
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub label: String,
    pub value: f64,
}

const W: f64 = 480.0;
const H: f64 = 220.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 150.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 30.0;
const FONT: &str = "font-family=\"Libertinus Serif, serif\" font-size=\"11\"";

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn fmt(v: f64, decimals: usize) -> String {
    crate::typography::number(&number_trimmed(v, decimals))
}

/// A value axis from the data's range, with 0 included for bars; returns (min, max, step).
fn axis(values: impl Iterator<Item = f64>, include_zero: bool) -> (f64, f64, f64) {
    let (mut lo, mut hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| (l.min(v), h.max(v)));
    if !lo.is_finite() {
        (lo, hi) = (0.0, 1.0);
    }
    if include_zero {
        lo = lo.min(0.0);
        hi = hi.max(0.0);
    }
    if (hi - lo).abs() < f64::EPSILON {
        hi += 1.0;
        lo -= if include_zero && lo == 0.0 { 0.0 } else { 1.0 };
    }
    let raw = (hi - lo) / 4.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * mag).find(|s| *s >= raw).unwrap_or(10.0 * mag);
    ((lo / step).floor() * step, (hi / step).ceil() * step, step)
}

struct Frame {
    lo: f64,
    hi: f64,
}

impl Frame {
    fn y(&self, v: f64) -> f64 {
        TOP + (H - TOP - BOTTOM) * (1.0 - (v - self.lo) / (self.hi - self.lo))
    }
}

fn grid(out: &mut String, f: &Frame, step: f64, decimals: usize) {
    let mut v = f.lo;
    while v <= f.hi + step / 1000.0 {
        let y = f.y(v);
        out.push_str(&format!(
            "<line x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#d0d0d0\" stroke-width=\"0.6\"/>",
            W - RIGHT
        ));
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" {FONT}>{}</text>",
            LEFT - 6.0,
            y + 4.0,
            esc(&fmt(v, decimals))
        ));
        v += step;
    }
}

fn svg_open(title: &str, alt: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" role=\"img\"><title>{}</title><desc>{}</desc>",
        esc(title),
        esc(alt)
    )
}

/// A line over the points with dashed reference levels (etappmål, målvärde) and a legend.
pub fn trend(caption: &str, unit: &str, points: &[Point], references: &[Reference], decimals: usize) -> Chart {
    let values = points.iter().filter_map(|p| p.value).chain(references.iter().map(|r| r.value));
    let (lo, hi, step) = axis(values, false);
    let f = Frame { lo, hi };
    let described: Vec<String> =
        points.iter().map(|p| format!("{} {}", p.label, p.value.map(|v| fmt(v, decimals)).unwrap_or_else(|| "saknas".into()))).collect();
    let mut alt =
        format!("Linjediagram, {caption}{}: {}.", if unit.is_empty() { String::new() } else { format!(" ({unit})") }, described.join(", "));
    for r in references {
        alt.push_str(&format!(" {} {}.", r.label, fmt(r.value, decimals)));
    }
    let mut out = svg_open(caption, &alt);
    grid(&mut out, &f, step, decimals);
    let n = points.len().max(1) as f64;
    let x = |i: usize| LEFT + (W - RIGHT - LEFT) * (i as f64 + 0.5) / n;
    for (i, p) in points.iter().enumerate() {
        out.push_str(&format!("<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" {FONT}>{}</text>", x(i), H - 10.0, esc(&p.label)));
    }
    let colours = ["#b2182b", "#2166ac"];
    for (k, r) in references.iter().enumerate() {
        let y = f.y(r.value);
        let c = colours[k % colours.len()];
        out.push_str(&format!(
            "<line x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"{c}\" stroke-width=\"1.2\" stroke-dasharray=\"5 3\"/>",
            W - RIGHT
        ));
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" {FONT} fill=\"{c}\">{} {}</text>",
            W - RIGHT + 6.0,
            y + 4.0,
            esc(&r.label),
            esc(&fmt(r.value, decimals))
        ));
    }
    let mut path = String::new();
    for (i, p) in points.iter().enumerate() {
        if let Some(v) = p.value {
            path.push_str(&format!("{}{:.1} {:.1} ", if path.is_empty() { "M" } else { "L" }, x(i), f.y(v)));
        }
    }
    if !path.is_empty() {
        out.push_str(&format!("<path d=\"{}\" fill=\"none\" stroke=\"#1b4f72\" stroke-width=\"2\"/>", path.trim_end()));
    }
    for (i, p) in points.iter().enumerate() {
        if let Some(v) = p.value {
            out.push_str(&format!("<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"#1b4f72\"/>", x(i), f.y(v)));
            out.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" {FONT}>{}</text>",
                x(i),
                f.y(v) - 7.0,
                esc(&fmt(v, decimals))
            ));
        }
    }
    out.push_str("</svg>");
    Chart { caption: caption.to_string(), alt, svg: out }
}

/// Vertical bars, negative ones below the zero line in another colour.
pub fn bars(caption: &str, unit: &str, points: &[Point], decimals: usize) -> Chart {
    let (lo, hi, step) = axis(points.iter().filter_map(|p| p.value), true);
    let f = Frame { lo, hi };
    let described: Vec<String> =
        points.iter().map(|p| format!("{} {}", p.label, p.value.map(|v| fmt(v, decimals)).unwrap_or_else(|| "saknas".into()))).collect();
    let alt = format!(
        "Stapeldiagram, {caption}{}: {}.",
        if unit.is_empty() { String::new() } else { format!(" ({unit})") },
        described.join(", ")
    );
    let mut out = svg_open(caption, &alt);
    grid(&mut out, &f, step, decimals);
    let n = points.len().max(1) as f64;
    let slot = (W - RIGHT - LEFT) / n;
    let zero = f.y(0.0);
    // Labels that do not fit their bar's width go on two staggered rows, each as wide as two bars.
    let stagger = points.iter().any(|p| p.label.chars().count() as f64 * CHAR_WIDTH > slot - 4.0);
    let fits = (((if stagger { 2.0 } else { 1.0 }) * slot - 4.0) / CHAR_WIDTH).max(3.0) as usize;
    for (i, p) in points.iter().enumerate() {
        let cx = LEFT + slot * (i as f64 + 0.5);
        let y = if !stagger {
            H - 10.0
        } else if i % 2 == 0 {
            H - 16.0
        } else {
            H - 3.0
        };
        out.push_str(&format!("<text x=\"{cx:.1}\" y=\"{y:.1}\" text-anchor=\"middle\" {FONT}>{}</text>", esc(&short(&p.label, fits))));
        if let Some(v) = p.value {
            let y = f.y(v);
            let (top, height) = if v >= 0.0 { (y, zero - y) } else { (zero, y - zero) };
            let fill = if v >= 0.0 { "#2e7d32" } else { "#c62828" };
            out.push_str(&format!(
                "<rect x=\"{:.1}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{fill}\"/>",
                cx - slot * 0.3,
                slot * 0.6,
                height.max(0.5)
            ));
            let ty = if v >= 0.0 { top - 4.0 } else { top + height + 12.0 };
            out.push_str(&format!("<text x=\"{cx:.1}\" y=\"{ty:.1}\" text-anchor=\"middle\" {FONT}>{}</text>", esc(&fmt(v, decimals))));
        }
    }
    out.push_str(&format!(
        "<line x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{zero:.1}\" y2=\"{zero:.1}\" stroke=\"#333\" stroke-width=\"0.8\"/>",
        W - RIGHT
    ));
    out.push_str("</svg>");
    Chart { caption: caption.to_string(), alt, svg: out }
}

/// The average width of a character of the charts' 11-pixel font, for fitting labels.
const CHAR_WIDTH: f64 = 5.6;

/// A label short enough for its room (the whole label is in the text alternative).
fn short(label: &str, fits: usize) -> String {
    if label.chars().count() <= fits {
        return label.to_string();
    }
    let mut s: String = label.chars().take(fits.saturating_sub(1)).collect::<String>().trim_end().to_string();
    s.push('…');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pts(v: &[(&str, Option<f64>)]) -> Vec<Point> {
        v.iter().map(|(l, v)| Point { label: l.to_string(), value: *v }).collect()
    }

    #[test]
    fn trend_says_what_it_shows() {
        let c = trend(
            "Andel nöjda",
            "%",
            &pts(&[("2021", Some(88.0)), ("2022", None), ("2023", Some(90.5))]),
            &[Reference { label: "Etappmål 2023".into(), value: 91.0 }],
            1,
        );
        assert_eq!(c.alt, "Linjediagram, Andel nöjda (%): 2021 88, 2022 saknas, 2023 90,5. Etappmål 2023 91.");
        assert!(c.svg.starts_with("<svg"));
        assert!(c.svg.contains("stroke-dasharray"));
        assert_eq!(c.svg.matches("<circle").count(), 2, "no point for the missing year");
    }

    #[test]
    fn bars_put_negatives_below_zero() {
        let c = bars("Avvikelse", "tkr", &pts(&[("Hemtjänst", Some(-3593.0)), ("Boende", Some(1200.0))]), 0);
        assert!(c.alt.contains("Hemtjänst \u{2212}3\u{202F}593"), "{}", c.alt);
        assert!(c.svg.contains("#c62828") && c.svg.contains("#2e7d32"));
    }

    #[test]
    fn crowded_bar_labels_are_staggered_and_shortened() {
        let names = ["Vård och omsorg om äldre", "Insatser enligt LSS/SFB", "Färdtjänst/riksfärdtjänst", "Individ & familjeomsorg"];
        let points: Vec<Point> = names.iter().map(|l| Point { label: l.to_string(), value: Some(1.0) }).collect();
        let c = bars("Avvikelse", "tkr", &[points.clone(), points.clone()].concat(), 0);
        assert!(c.svg.contains(&format!("y=\"{:.1}\"", H - 16.0)) && c.svg.contains(&format!("y=\"{:.1}\"", H - 3.0)), "two rows");
        assert!(c.svg.contains(">Vård och o…<"), "{}", c.svg);
        for n in names {
            assert!(c.alt.contains(n), "the whole label in the alt text");
        }
        let few = bars("Avvikelse", "tkr", &points[..2], 0);
        assert!(few.svg.contains("Vård och omsorg om äldre"), "room enough: the whole label");
    }
}
