//! Splits one decoded line into fields: plain words, quoted strings and `{ … }` object lists.

use std::borrow::Cow;

/// One lexical element of a line. Text positions are byte offsets into the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tok {
    /// A word or a quoted string (`start..end` excludes the quotes).
    Text { start: usize, end: usize, escaped: bool },
    /// `{` opening an object list.
    Open,
    /// `}` closing an object list.
    Close,
}

/// What a line is, before its fields are interpreted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineShape {
    /// Empty, or only spaces, tabs, carriage returns and DOS end-of-file marks (0x1A).
    Blank,
    /// `{` alone: opens a voucher's rows.
    Open,
    /// `}` alone: closes a voucher's rows.
    Close,
    /// A record; the tokens are in the output vector, the first one is the label.
    Record,
}

/// Tokenize a line into `out` (cleared first).
///
/// Rules: fields are separated by spaces or tabs; `"…"` is a quoted field in which `\"` stands for
/// `"` and `\\` for `\` (a backslash before any other character is kept as it is); `{` … `}` is an
/// object list whose elements are words or quoted strings (no nesting). A line whose first
/// non-blank character is `{` or `}` must hold only that character (a voucher delimiter).
pub(crate) fn lex_line(line: &str, out: &mut Vec<Tok>) -> Result<LineShape, String> {
    lex_bytes(line.as_bytes(), out)
}

fn is_blank_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | 0x1a)
}

/// [`lex_line`] on raw bytes (the delimiters are ASCII, so positions are byte offsets into `b`
/// whatever the encoding): used for the `#KSUMMA` checksum, which covers the bytes as written.
pub(crate) fn lex_bytes(b: &[u8], out: &mut Vec<Tok>) -> Result<LineShape, String> {
    out.clear();
    let first = b.iter().position(|&c| !is_blank_byte(c));
    let last = b.iter().rposition(|&c| !is_blank_byte(c));
    let (Some(first), Some(last)) = (first, last) else {
        return Ok(LineShape::Blank);
    };
    let trimmed = &b[first..=last];
    if trimmed[0] == b'{' || trimmed[0] == b'}' {
        return match trimmed {
            b"{" => Ok(LineShape::Open),
            b"}" => Ok(LineShape::Close),
            _ => Err(format!("a line starting with {} must hold only that character (voucher block delimiter)", trimmed[0] as char)),
        };
    }
    let n = b.len();
    let mut i = 0;
    let mut in_list = false;
    while i < n {
        match b[i] {
            b' ' | b'\t' | b'\r' | 0x1a => i += 1,
            b'"' => {
                let start = i + 1;
                let mut j = start;
                let mut escaped = false;
                loop {
                    match b.get(j) {
                        None => return Err("unterminated quoted field (missing \")".into()),
                        Some(b'\\') if matches!(b.get(j + 1), Some(b'"') | Some(b'\\')) => {
                            escaped = true;
                            j += 2;
                        }
                        Some(b'"') => break,
                        Some(_) => j += 1,
                    }
                }
                out.push(Tok::Text { start, end: j, escaped });
                i = j + 1;
            }
            b'{' => {
                if in_list {
                    return Err("{ inside an object list (object lists do not nest)".into());
                }
                in_list = true;
                out.push(Tok::Open);
                i += 1;
            }
            b'}' => {
                if !in_list {
                    return Err("} without an opening { on the line".into());
                }
                in_list = false;
                out.push(Tok::Close);
                i += 1;
            }
            _ => {
                let start = i;
                while i < n && !matches!(b[i], b' ' | b'\t' | b'\r' | 0x1a | b'{' | b'}') {
                    i += 1;
                }
                out.push(Tok::Text { start, end: i, escaped: false });
            }
        }
    }
    if in_list {
        return Err("unterminated object list (missing })".into());
    }
    Ok(LineShape::Record)
}

/// The text of a token, with escapes resolved.
pub(crate) fn tok_text(line: &str, start: usize, end: usize, escaped: bool) -> Cow<'_, str> {
    let raw = line.get(start..end).unwrap_or("");
    if !escaped {
        return Cow::Borrowed(raw);
    }
    let mut s = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek()
            && (next == '"' || next == '\\')
        {
            s.push(next);
            chars.next();
            continue;
        }
        s.push(c);
    }
    Cow::Owned(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Render tokens for comparison: words as they are, lists as `{a b}`.
    fn lex(line: &str) -> Result<Vec<String>, String> {
        let mut toks = Vec::new();
        let shape = lex_line(line, &mut toks)?;
        match shape {
            LineShape::Blank => return Ok(vec!["<blank>".into()]),
            LineShape::Open => return Ok(vec!["<open>".into()]),
            LineShape::Close => return Ok(vec!["<close>".into()]),
            LineShape::Record => {}
        }
        let mut out = Vec::new();
        for t in toks {
            out.push(match t {
                Tok::Text { start, end, escaped } => tok_text(line, start, end, escaped).into_owned(),
                Tok::Open => "{".into(),
                Tok::Close => "}".into(),
            });
        }
        Ok(out)
    }

    #[test]
    fn words_and_quotes() {
        assert_eq!(lex("#KONTO 3010 \"Försäljning\"").unwrap(), ["#KONTO", "3010", "Försäljning"]);
        assert_eq!(lex("\t  #FNAMN\t\"Bra kund AB\"  ").unwrap(), ["#FNAMN", "Bra kund AB"]);
        assert_eq!(lex("#PROSA \"\"").unwrap(), ["#PROSA", ""]);
        assert_eq!(lex(r#"#PROSA "Han sa \"hej\" och \\ gick""#).unwrap(), ["#PROSA", r#"Han sa "hej" och \ gick"#]);
        assert_eq!(lex(r#"#PROSA "C:\temp\x""#).unwrap(), ["#PROSA", r"C:\temp\x"]);
        assert_eq!(lex(r#"#PROSA "slut\\""#).unwrap(), ["#PROSA", r"slut\"]);
        assert_eq!(lex("#A \"x\"\"y\"").unwrap(), ["#A", "x", "y"]);
    }

    #[test]
    fn object_lists() {
        assert_eq!(lex("#TRANS 1910 {} 100").unwrap(), ["#TRANS", "1910", "{", "}", "100"]);
        assert_eq!(lex("#TRANS 1910 { } 100").unwrap(), ["#TRANS", "1910", "{", "}", "100"]);
        assert_eq!(
            lex("#TRANS 3010 {1 \"100\" 6 \"P42\"} -41000.00").unwrap(),
            ["#TRANS", "3010", "{", "1", "100", "6", "P42", "}", "-41000.00"]
        );
        assert_eq!(
            lex("#TRANS 3010 {\"1\" \"654321\" \"6\" \"665829\"} -1").unwrap(),
            ["#TRANS", "3010", "{", "1", "654321", "6", "665829", "}", "-1"]
        );
        assert_eq!(lex("#TRANS 3010 {1 \"A B\"}-1").unwrap(), ["#TRANS", "3010", "{", "1", "A B", "}", "-1"]);
    }

    #[test]
    fn line_shapes() {
        assert_eq!(lex("").unwrap(), ["<blank>"]);
        assert_eq!(lex(" \t\r\x1a").unwrap(), ["<blank>"]);
        assert_eq!(lex("{").unwrap(), ["<open>"]);
        assert_eq!(lex("  }  ").unwrap(), ["<close>"]);
        assert!(lex("{ #TRANS 1910 {} 1").is_err());
        assert!(lex("}x").is_err());
        assert!(lex("{}").is_err());
    }

    #[test]
    fn errors() {
        assert!(lex("#FNAMN \"Bra kund").unwrap_err().contains("unterminated quoted"));
        assert!(lex("#FNAMN \"Bra kund\\\"").unwrap_err().contains("unterminated quoted"));
        assert!(lex("#TRANS 1910 {1 \"2\" 100").unwrap_err().contains("unterminated object list"));
        assert!(lex("#TRANS 1910 {1 {2}} 100").unwrap_err().contains("nest"));
        assert!(lex("#TRANS 1910 } 100").unwrap_err().contains("without an opening"));
        assert!(lex("#TRANS 1910 {1 \"2} 100").unwrap_err().contains("unterminated quoted"));
    }
}
