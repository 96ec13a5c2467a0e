#[test]
fn huddinge_pdf_has_the_published_numbers_is_tagged_and_reproducible() {
    let dir = TempDir::new("report-huddinge-pdf");
    let db = demo(&dir);
    let (a, b) = (dir.path("a.pdf"), dir.path("b.pdf"));
    huddinge(&db, &a, "pdf");
    huddinge(&db, &b, "pdf");
    assert!(std::fs::read(&a).unwrap() == std::fs::read(&b).unwrap(), "two builds of the same data differ");

    let text = tool("pdftotext", &["-layout", a.to_str().unwrap(), "-"]);
    for n in [format!("{MINUS}3{NNBSP}593"), format!("1{NNBSP}402{NNBSP}123"), "77,45".to_string()] {
        assert!(text.contains(&n), "pdftotext lacks {n:?}");
    }
    assert!(!text.contains("-3 593"), "a hyphen-minus or a plain space in a number");
    assert!(text.contains("Verksamhetsberättelse 2023 | 3"), "running header with page number");
    for chapter in ["Samlad måluppfyllelse", "Uppdrag", "Ekonomi", "Personal", "Intern kontroll", "Innehåll"] {
        assert!(text.contains(chapter), "no chapter {chapter}");
    }

    let info = tool("pdfinfo", &[a.to_str().unwrap()]);
    assert!(info.lines().any(|l| l.starts_with("Tagged:") && l.ends_with("yes")), "{info}");
    assert!(info.contains("Title:") && info.contains("Verksamhetsberättelse 2023"), "{info}");
    let meta = tool("pdfinfo", &["-meta", a.to_str().unwrap()]);
    assert!(meta.contains("pdfuaid:part") && meta.contains('1'), "no PDF/UA-1 identification: {meta}");
    let structure = tool("pdfinfo", &["-struct", a.to_str().unwrap()]);
    for tag in ["H1", "H2", "Table", "TH", "TD", "Figure"] {
        assert!(structure.lines().any(|l| l.trim_start().starts_with(tag)), "no {tag} in the structure tree");
    }
    let struct_text = tool("pdfinfo", &["-struct-text", a.to_str().unwrap()]);
    assert!(struct_text.contains("Linjediagram"), "no alt text of a chart in the structure tree");
}

