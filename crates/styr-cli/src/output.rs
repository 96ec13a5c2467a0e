//! Writing to the terminal: lines that end the program quietly when the reader has gone away
//! (`styr … | head`), and plain-text tables.

use std::io::Write;

/// Writes to stdout. When the reader has gone away (a closed pipe) the program ends quietly with
/// success, as `head` expects; any other write error ends it with a message.
pub fn write_stdout(args: std::fmt::Arguments<'_>, newline: bool) {
    let mut out = std::io::stdout().lock();
    let result = out.write_fmt(args).and_then(|()| if newline { out.write_all(b"\n") } else { Ok(()) });
    if let Err(e) = result {
        exit_on_write_error(&e);
    }
}

/// Ends the program after a failed write to stdout: quietly for a closed pipe.
pub fn exit_on_write_error(e: &std::io::Error) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    eprintln!("fel: kan inte skriva till standard ut: {e}");
    std::process::exit(1);
}

/// `println!` that ends quietly on a closed pipe.
macro_rules! say {
    () => { $crate::output::write_stdout(format_args!(""), true) };
    ($($arg:tt)*) => { $crate::output::write_stdout(format_args!($($arg)*), true) };
}

/// `print!` that ends quietly on a closed pipe.
macro_rules! say_raw {
    ($($arg:tt)*) => { $crate::output::write_stdout(format_args!($($arg)*), false) };
}

pub(crate) use {say, say_raw};

/// A row's title with the markers of its footnotes after it (`Köp av verksamhet ⁴`), the title cut
/// with an ellipsis so that the whole fits in `max_width` and the markers are never cut off.
pub fn with_markers(title: &str, markers: &[String], max_width: usize) -> String {
    if markers.is_empty() {
        return title.to_string();
    }
    let marks: Vec<String> = markers.iter().map(|m| styr_report::TableNote::printed(m)).collect();
    let marks = marks.join(" ");
    let room = max_width.saturating_sub(marks.chars().count() + 1).max(2);
    let title = if title.chars().count() > room {
        let mut t: String = title.chars().take(room - 1).collect();
        t.push('…');
        t
    } else {
        title.to_string()
    };
    format!("{title} {marks}")
}

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
        say!("{}", padded.join("  ").trim_end());
    };
    line(&header);
    say!("{}", widths.iter().map(|w| "─".repeat(*w)).collect::<Vec<_>>().join("  "));
    for r in &rows {
        line(r);
    }
}
