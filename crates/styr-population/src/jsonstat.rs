//! JSON-stat 2.0 decoding: `id` (dimension order), `size`, `dimension.<id>.category.index`, and
//! the flat `value` array in row-major order (the last dimension varies fastest).

use std::collections::BTreeMap;

use serde::Deserialize;
use styr_forecast::Sex;

use crate::{Record, parse_age};

#[derive(Debug, thiserror::Error)]
pub enum JsonStatError {
    #[error("{source_name}: not a JSON-stat 2.0 dataset: {message}")]
    Json { source_name: String, message: String },
    #[error("{source_name}: dimension `{dimension}` is missing (has {present})")]
    MissingDimension { source_name: String, dimension: &'static str, present: String },
    #[error("{source_name}: dimension `{dimension}`, code `{code}`: {message}")]
    Code { source_name: String, dimension: String, code: String, message: String },
    #[error("{source_name}: {message}")]
    Shape { source_name: String, message: String },
}

#[derive(Deserialize)]
struct Dataset {
    id: Vec<String>,
    size: Vec<usize>,
    dimension: BTreeMap<String, Dimension>,
    value: Vec<Option<f64>>,
}

#[derive(Deserialize)]
struct Dimension {
    category: Category,
}

#[derive(Deserialize)]
struct Category {
    index: Index,
}

/// `index` is an object code → position, or an array of codes in order.
#[derive(Deserialize)]
#[serde(untagged)]
enum Index {
    Map(BTreeMap<String, usize>),
    List(Vec<String>),
}

impl Index {
    fn codes(&self, size: usize) -> Option<Vec<String>> {
        let mut codes = vec![String::new(); size];
        match self {
            Index::List(l) if l.len() == size => return Some(l.clone()),
            Index::List(_) => return None,
            Index::Map(m) => {
                for (code, &pos) in m {
                    *codes.get_mut(pos)? = code.clone();
                }
            }
        }
        codes.iter().all(|c| !c.is_empty()).then_some(codes)
    }
}

/// The dimensions a population table has, by the names SCB uses.
const REGION: &str = "Region";
const SEX: &str = "Kon";
const AGE: &str = "Alder";
const TIME: &str = "Tid";

/// Population records from a JSON-stat2 dataset with the dimensions Region, Kon, Alder and Tid
/// (and any others of size 1, such as ContentsCode). `null` values are missing and left out;
/// age and sex totals (`tot`, `1+2`) are refused rather than added twice.
pub fn decode(json: &str, source_name: &str) -> Result<Vec<Record>, JsonStatError> {
    let src = || source_name.to_string();
    let ds: Dataset = serde_json::from_str(json).map_err(|e| JsonStatError::Json { source_name: src(), message: e.to_string() })?;
    if ds.id.len() != ds.size.len() {
        return Err(JsonStatError::Shape {
            source_name: src(),
            message: format!("{} dimensions but {} sizes", ds.id.len(), ds.size.len()),
        });
    }
    let cells: usize = ds.size.iter().product();
    if ds.value.len() != cells {
        return Err(JsonStatError::Shape {
            source_name: src(),
            message: format!("size gives {cells} values, `value` has {}", ds.value.len()),
        });
    }
    let position = |name: &'static str| {
        ds.id.iter().position(|d| d == name).ok_or_else(|| JsonStatError::MissingDimension {
            source_name: src(),
            dimension: name,
            present: ds.id.join(", "),
        })
    };
    let (ri, si, ai, ti) = (position(REGION)?, position(SEX)?, position(AGE)?, position(TIME)?);
    let mut codes = Vec::with_capacity(ds.id.len());
    for (d, &size) in ds.id.iter().zip(&ds.size) {
        let dim = ds
            .dimension
            .get(d)
            .ok_or_else(|| JsonStatError::Shape { source_name: src(), message: format!("dimension `{d}` has no description") })?;
        let c = dim.category.index.codes(size).ok_or_else(|| JsonStatError::Shape {
            source_name: src(),
            message: format!("dimension `{d}`: category.index does not match size {size}"),
        })?;
        if size != 1 && ![ri, si, ai, ti].contains(&codes.len()) {
            return Err(JsonStatError::Shape { source_name: src(), message: format!("dimension `{d}` has {size} values; select one") });
        }
        codes.push(c);
    }
    let bad = |dim: usize, code: &str, message: &str| JsonStatError::Code {
        source_name: src(),
        dimension: ds.id[dim].clone(),
        code: code.to_string(),
        message: message.to_string(),
    };
    let sexes = codes[si]
        .iter()
        .map(|c| Sex::parse(c).ok_or_else(|| bad(si, c, "expected 1 (män) or 2 (kvinnor)")))
        .collect::<Result<Vec<_>, _>>()?;
    let ages =
        codes[ai].iter().map(|c| parse_age(c).ok_or_else(|| bad(ai, c, "expected a single age 0–100+"))).collect::<Result<Vec<_>, _>>()?;
    let years =
        codes[ti].iter().map(|c| c.trim().parse::<i32>().map_err(|_| bad(ti, c, "expected a year"))).collect::<Result<Vec<_>, _>>()?;

    let mut out = Vec::with_capacity(cells);
    let mut pos = vec![0usize; ds.size.len()];
    for v in &ds.value {
        if let Some(persons) = *v {
            out.push(Record { region: codes[ri][pos[ri]].clone(), year: years[pos[ti]], age: ages[pos[ai]], sex: sexes[pos[si]], persons });
        }
        // Row-major: advance the last dimension first.
        for d in (0..pos.len()).rev() {
            pos[d] += 1;
            if pos[d] < ds.size[d] {
                break;
            }
            pos[d] = 0;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"{"version":"2.0","class":"dataset","id":["Region","Kon","Alder","ContentsCode","Tid"],
      "size":[1,2,2,1,2],
      "dimension":{"Region":{"category":{"index":{"0126":0},"label":{"0126":"Huddinge"}}},
        "Kon":{"category":{"index":{"1":0,"2":1}}},
        "Alder":{"category":{"index":["80","100+"]}},
        "ContentsCode":{"category":{"index":{"BE0101N1":0}}},
        "Tid":{"category":{"index":{"2023":0,"2024":1}}}},
      "value":[10,11,1,null,20,21,2,3]}"#;

    #[test]
    fn values_are_row_major_with_the_last_dimension_fastest() {
        let r = decode(SMALL, "svar.json").unwrap();
        assert_eq!(r.len(), 7, "the null is missing, not 0");
        let find = |sex, age, year| r.iter().find(|x| x.sex == sex && x.age == age && x.year == year).map(|x| x.persons);
        assert_eq!(find(Sex::Male, 80, 2023), Some(10.0));
        assert_eq!(find(Sex::Male, 80, 2024), Some(11.0));
        assert_eq!(find(Sex::Male, 100, 2023), Some(1.0));
        assert_eq!(find(Sex::Male, 100, 2024), None);
        assert_eq!(find(Sex::Female, 100, 2024), Some(3.0));
        assert!(r.iter().all(|x| x.region == "0126"));
    }

    #[test]
    fn errors_name_the_source_and_the_dimension() {
        let e = decode(&SMALL.replace("\"100+\"", "\"tot\""), "svar.json").unwrap_err().to_string();
        assert!(e.contains("svar.json") && e.contains("Alder") && e.contains("tot"), "{e}");
        let e = decode(&SMALL.replace("[10,11,1,null,20,21,2,3]", "[10,11]"), "svar.json").unwrap_err().to_string();
        assert!(e.contains("8 values") && e.contains("has 2"), "{e}");
        let e = decode(&SMALL.replace("\"Kon\"", "\"Sex\""), "svar.json").unwrap_err().to_string();
        assert!(e.contains("`Kon` is missing"), "{e}");
        let e = decode("{\"id\":", "cut.json").unwrap_err().to_string();
        assert!(e.starts_with("cut.json"), "{e}");
    }
}
