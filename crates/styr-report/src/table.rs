use serde::Serialize;

/// A cell as printed. `derived` marks values computed from other cells (deviations, sums,
/// percentages) rather than stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    pub text: String,
    pub derived: bool,
}

impl Cell {
    pub fn stored(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), derived: false }
    }
    pub fn derived(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), derived: true }
    }
    pub fn empty() -> Cell {
        Cell::stored("")
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(title: impl Into<String>, header: Vec<String>) -> Table {
        Table { title: title.into(), header, rows: Vec::new() }
    }
    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.header.len(), "row width of table {}", self.title);
        self.rows.push(row);
    }
}
