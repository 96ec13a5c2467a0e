//! The template of a municipality's report: which chapters appear and in what order, their
//! titles, the report's title, a logo and the colours of the signal scale. Every field is optional;
//! the default gives every chapter the data has, in the order of the published reports.
//!
//! ```yaml
//! title: Delårsrapport augusti 2024      # default: from the round ("Delårsrapport augusti 2024", "Verksamhetsberättelse 2023")
//! chapters: [summary, goal_overview, goals, commissions, economics, personnel, internal_control]
//! titles: { goals: Nämndens mål, economics: Ekonomiskt utfall }
//! signal_colors: { delvis: "#f0c000" }    # by the scale's level keys; default: the plan's colours
//! logo: logo.svg                          # an SVG file, relative to the template
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::doc::ChapterKind;

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    #[serde(default)]
    pub title: Option<String>,
    /// The chapters in order; empty = all of [`ChapterKind::ALL`].
    #[serde(default)]
    pub chapters: Vec<ChapterKind>,
    #[serde(default)]
    pub titles: BTreeMap<ChapterKind, String>,
    #[serde(default)]
    pub signal_colors: BTreeMap<String, String>,
    /// Path of an SVG logo, relative to the template file.
    #[serde(default)]
    pub logo: Option<String>,
}

/// A template file that could not be read, with the file, line and field.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {message}")]
pub struct TemplateError {
    pub file: String,
    pub message: String,
}

impl Template {
    pub fn from_yaml(text: &str, file: &str) -> Result<Template, TemplateError> {
        let t: Template = serde_saphyr::from_str(text).map_err(|e| TemplateError { file: file.to_string(), message: e.to_string() })?;
        for (key, colour) in &t.signal_colors {
            let ok = colour.len() == 7 && colour.starts_with('#') && colour[1..].chars().all(|c| c.is_ascii_hexdigit());
            if !ok {
                return Err(TemplateError {
                    file: file.into(),
                    message: format!("field `signal_colors.{key}`: `{colour}` is not a colour like `#1a9641`"),
                });
            }
        }
        Ok(t)
    }

    /// The chapters in the template's order.
    pub fn chapters(&self) -> Vec<ChapterKind> {
        if self.chapters.is_empty() { ChapterKind::ALL.to_vec() } else { self.chapters.clone() }
    }

    pub fn chapter_title(&self, kind: ChapterKind) -> String {
        self.titles.get(&kind).cloned().unwrap_or_else(|| kind.title_sv().to_string())
    }

    /// The colour of a level of the signal scale: the template's, else the plan's.
    pub fn signal_color(&self, key: &str, plan_colour: &str) -> String {
        self.signal_colors.get(key).cloned().unwrap_or_else(|| plan_colour.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_orders_and_titles() {
        let t = Template::from_yaml(
            "chapters: [economics, goals]\ntitles: { goals: Nämndens mål }\nsignal_colors: { ej: \"#ff0000\" }\n",
            "t.yaml",
        )
        .unwrap();
        assert_eq!(t.chapters(), vec![ChapterKind::Economics, ChapterKind::Goals]);
        assert_eq!(t.chapter_title(ChapterKind::Goals), "Nämndens mål");
        assert_eq!(t.chapter_title(ChapterKind::Economics), "Ekonomi");
        assert_eq!(t.signal_color("ej", "#000000"), "#ff0000");
        assert_eq!(t.signal_color("hog", "#00ff00"), "#00ff00");
        assert_eq!(Template::default().chapters().len(), ChapterKind::ALL.len());
    }

    #[test]
    fn a_bad_template_names_file_and_field() {
        let e = Template::from_yaml("chapters: [ekonomi]\n", "mall.yaml").unwrap_err().to_string();
        assert!(e.starts_with("mall.yaml:") && e.contains("ekonomi"), "{e}");
        let e = Template::from_yaml("signal_colors: { ej: red }\n", "mall.yaml").unwrap_err().to_string();
        assert!(e.contains("signal_colors.ej"), "{e}");
    }
}
