//! Nyckeltal tables.

use styr_domain::format_sv::number_trimmed;
use styr_domain::{KeyFigureTable, Unit};

use crate::{Cell, Table};

/// A nyckeltal table with one column per year ("Utfall 2020" …).
pub fn table(kf: &KeyFigureTable, years: &[i32]) -> Table {
    let mut header = vec!["Nyckeltal".to_string()];
    header.extend(years.iter().map(|y| format!("Utfall {y}")));
    let mut t = Table::new(&kf.title, header);
    for row in &kf.rows {
        let mut cells = vec![Cell::stored(&row.title)];
        cells.extend(years.iter().map(|y| {
            Cell::stored(match row.values.get(y) {
                None => String::new(),
                Some(v) if row.unit == Unit::Percent => format!("{} %", number_trimmed(*v, row.decimals as usize)),
                Some(v) => number_trimmed(*v, row.decimals as usize),
            })
        }));
        t.push(cells);
    }
    t
}
