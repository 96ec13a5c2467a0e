//! Sweden's counties (län) and how a municipality code and a Kolada area id name them.
//!
//! A municipality code's first two digits are its county (`0126` Huddinge → `01` Stockholms län).
//! Kolada gives a county (region) the area id `00` + the county digits (`0001`, `0012`), and the
//! whole country `0000`; no municipality code begins with `00`.

use crate::org::MunicipalityCode;

/// The 21 counties by their two-digit code (SCB's länskod), with their Swedish names.
pub const COUNTIES: [(&str, &str); 21] = [
    ("01", "Stockholms län"),
    ("03", "Uppsala län"),
    ("04", "Södermanlands län"),
    ("05", "Östergötlands län"),
    ("06", "Jönköpings län"),
    ("07", "Kronobergs län"),
    ("08", "Kalmar län"),
    ("09", "Gotlands län"),
    ("10", "Blekinge län"),
    ("12", "Skåne län"),
    ("13", "Hallands län"),
    ("14", "Västra Götalands län"),
    ("17", "Värmlands län"),
    ("18", "Örebro län"),
    ("19", "Västmanlands län"),
    ("20", "Dalarnas län"),
    ("21", "Gävleborgs län"),
    ("22", "Västernorrlands län"),
    ("23", "Jämtlands län"),
    ("24", "Västerbottens län"),
    ("25", "Norrbottens län"),
];

/// The name of a county by its two-digit code.
pub fn county_name(county: &str) -> Option<&'static str> {
    COUNTIES.iter().find(|(c, _)| *c == county).map(|(_, name)| *name)
}

impl MunicipalityCode {
    /// The two-digit county code (`0126` → `01`).
    pub fn county(&self) -> &str {
        &self.as_str()[..2]
    }

    /// Kolada's area id of the municipality's county (`0126` → `0001`, `1283` → `0012`).
    pub fn kolada_region_id(&self) -> String {
        format!("00{}", self.county())
    }
}

/// What a four-digit Kolada area id stands for, when it is the country or a county.
pub fn area_name(code: &str) -> Option<String> {
    match code.strip_prefix("00") {
        Some("00") => Some("Riket".to_string()),
        Some(county) => Some(county_name(county).map(String::from).unwrap_or_else(|| format!("Län {county}"))),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> MunicipalityCode {
        MunicipalityCode::try_from(s.to_string()).unwrap()
    }

    #[test]
    fn a_municipality_knows_its_county_and_koladas_region_id() {
        assert_eq!((code("0126").county(), code("0126").kolada_region_id()), ("01", "0001".to_string()));
        assert_eq!(code("1283").kolada_region_id(), "0012");
        assert_eq!(code("2584").kolada_region_id(), "0025");
    }

    #[test]
    fn area_ids_name_the_country_and_each_county_not_one_county_for_all() {
        assert_eq!(area_name("0000").as_deref(), Some("Riket"));
        assert_eq!(area_name("0001").as_deref(), Some("Stockholms län"));
        assert_eq!(area_name("0012").as_deref(), Some("Skåne län"));
        assert_eq!(area_name("0014").as_deref(), Some("Västra Götalands län"));
        assert_eq!(area_name("0126"), None);
    }
}
