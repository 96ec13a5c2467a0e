use serde::Serialize;

/// A cell as printed. `derived` marks values computed from other cells (deviations, sums,
/// percentages) rather than stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    pub text: String,
    pub derived: bool,
    /// The markers of the footnotes attached to this cell (a row's title), printed after the
    /// text; their texts are in [`Table::footnotes`]. The text itself never holds them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub footnotes: Vec<String>,
}

impl Cell {
    pub fn stored(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), derived: false, footnotes: Vec::new() }
    }
    pub fn derived(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), derived: true, footnotes: Vec::new() }
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
    /// The footnotes printed under the table, in the order of the round's footnotes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub footnotes: Vec<TableNote>,
}

/// A footnote under a table: its marker as defined (the footnote's own, else its number) and text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableNote {
    pub marker: String,
    pub text: String,
}

impl TableNote {
    /// The marker as printed beside a title: a number in superscript digits (`¹`, `¹²`), any other
    /// marker (`*`, `a`, `2)`) as written.
    pub fn printed(marker: &str) -> String {
        if !marker.is_empty() && marker.chars().all(|c| c.is_ascii_digit()) {
            marker.chars().map(|c| ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'][c as usize - '0' as usize]).collect()
        } else {
            marker.to_string()
        }
    }
}

impl Table {
    pub fn new(title: impl Into<String>, header: Vec<String>) -> Table {
        Table { title: title.into(), header, rows: Vec::new(), footnotes: Vec::new() }
    }
    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.header.len(), "row width of table {}", self.title);
        self.rows.push(row);
    }

    /// Attaches a footnote to a row: its marker after the row's title (first cell), its text under
    /// the table (once, however many rows carry it).
    pub fn note_row(&mut self, row: usize, marker: &str, text: &str) {
        let Some(cell) = self.rows.get_mut(row).and_then(|r| r.first_mut()) else { return };
        if !cell.footnotes.iter().any(|m| m == marker) {
            cell.footnotes.push(marker.to_string());
        }
        if !self.footnotes.iter().any(|n| n.marker == marker) {
            self.footnotes.push(TableNote { marker: marker.to_string(), text: text.to_string() });
        }
    }

    /// The lines printed under the table: `¹ Mätt under vecka 40.`
    pub fn footnote_lines(&self) -> Vec<String> {
        self.footnotes.iter().map(|n| format!("{} {}", TableNote::printed(&n.marker), n.text)).collect()
    }

    /// The markers of each row's footnotes joined (`1, *`), for a CSV column.
    pub fn row_markers(row: &[Cell]) -> String {
        row.first().map(|c| c.footnotes.join(", ")).unwrap_or_default()
    }
}
