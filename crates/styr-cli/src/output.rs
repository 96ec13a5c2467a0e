//! Plain-text tables for the terminal.

/// Prints rows under a header with columns padded to their widest cell; cells wider than `max_width`
/// are cut with an ellipsis.
pub fn print_table(header: &[&str], rows: &[Vec<String>], max_width: usize) {
    let cut = |s: &str| -> String {
        if s.chars().count() > max_width {
            let mut t: String = s.chars().take(max_width - 1).collect();
            t.push('…');
            t
        } else {
            s.to_string()
        }
    };
    let header: Vec<String> = header.iter().map(|h| cut(h)).collect();
    let rows: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| cut(c)).collect()).collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let padded: Vec<String> =
            cells.iter().enumerate().map(|(i, c)| format!("{c}{}", " ".repeat(widths[i] - c.chars().count()))).collect();
        println!("{}", padded.join("  ").trim_end());
    };
    line(&header);
    println!("{}", widths.iter().map(|w| "─".repeat(*w)).collect::<Vec<_>>().join("  "));
    for r in &rows {
        line(r);
    }
}
