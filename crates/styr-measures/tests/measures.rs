//! Each measure on small hand-made exports with answers computed by hand, and the refusals.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use styr_measures::kernels::continuity::{ContinuityOptions, continuity};
use styr_measures::kernels::granted::{granted_vs_performed, largest_gaps, totals};
use styr_measures::kernels::lead_times::{LeadTime, lead_times, not_executed_within_3_months};
use styr_measures::kernels::occupancy::occupancy;
use styr_measures::time::{days_from_civil, format_date};
use styr_measures::{Inputs, MeasureError, load};

/// A fresh folder of its own per call (tests run in parallel).
fn folder(files: &[(&str, &str)]) -> PathBuf {
    static N: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!("styr-measures-{}-{}", std::process::id(), N.fetch_add(1, Ordering::SeqCst)));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (name, body) in files {
        std::fs::write(dir.join(name), body).unwrap();
    }
    dir
}

fn loaded(files: &[(&str, &str)]) -> Inputs {
    load(&folder(files), &mut ()).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> i32 {
    days_from_civil(y, m, d)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// Visits for the continuity cases, 1–14 January 2024 (one window).
fn continuity_visits() -> String {
    let mut s = String::from("client_id,unit_id,staff_id,start,end\n");
    let mut v = |c: u32, u: u32, st: u32, start: String, end: &str| s.push_str(&format!("{c},{u},{st},{start},{end}\n"));
    for d in 1..=14u32 {
        let date = format!("2024-01-{d:02}");
        let next = format_date(day(2024, 1, d) + 1);
        // Client 1: mornings by 10 or 11, evenings over midnight by 12.
        v(1, 1, 10 + d % 2, format!("{date} 08:00"), &format!("{date} 08:45"));
        v(1, 1, 12, format!("{date} 21:30"), &format!("{next} 00:30"));
        // Client 2 moves from unit 2 (staff 20) to unit 3 (staff 30, 31) after 5 days.
        let (u, st) = if d <= 5 { (2, 20) } else { (3, 30 + d % 2) };
        v(2, u, st, format!("{date} 07:15"), &format!("{date} 07:45"));
        v(2, u, st, format!("{date} 19:00"), "");
        // Client 3: mornings only.
        v(3, 1, 10, format!("{date} 09:00"), &format!("{date} 09:30"));
        // Client 4: no evening visit on 7 January.
        v(4, 1, 13, format!("{date} 08:00"), &format!("{date} 08:30"));
        if d != 7 {
            v(4, 1, 13, format!("{date} 20:00"), &format!("{date} 20:30"));
        }
        // Client 5: a new person every morning, two in the evenings: 16 staff.
        v(5, 1, 100 + d, format!("{date} 07:00"), &format!("{date} 07:30"));
        v(5, 1, 200 + d % 2, format!("{date} 21:59"), &format!("{date} 22:30"));
    }
    // Staff 10 (also in unit 1: the same person) once with client 2 in unit 3.
    v(2, 3, 10, "2024-01-09 12:00".into(), "2024-01-09 12:30");
    // Outside the window: not counted.
    v(1, 1, 99, "2024-01-15 08:00".into(), "2024-01-15 08:30");
    s
}

#[test]
fn continuity_follows_the_national_definition() {
    let inputs = loaded(&[("visits.csv", &continuity_visits())]);
    let r = continuity(inputs.visits.as_ref().unwrap(), &inputs.dicts, day(2024, 1, 1), day(2024, 1, 20), &ContinuityOptions::default())
        .unwrap();
    assert_eq!(r.windows, 1, "20 days hold one whole 14-day window");
    let got: Vec<(i64, i64, u32)> = r.clients.iter().map(|c| (c.client_id, c.unit_id, c.staff)).collect();
    // Client 1: 10, 11, 12 (the evening visit over midnight counts on its day; staff 99 is outside).
    // Client 2: 20, 30, 31 and 10, counted for unit 3 where most of the visits were.
    // Clients 3 (no evenings) and 4 (13 days of 14) are not in the measure.
    assert_eq!(got, vec![(1, 1, 3), (2, 3, 4), (5, 1, 16)]);
    let unit1 = &r.units[0];
    assert_eq!((unit1.unit_id, unit1.client_windows), (Some(1), 2));
    assert!(close(unit1.mean_staff, 9.5) && close(unit1.share_over_15, 0.5) && close(unit1.share_over_20, 0.0));
    let total = r.units.last().unwrap();
    assert_eq!((total.unit_id, total.client_windows), (None, 3));
    assert!(close(total.mean_staff, 23.0 / 3.0) && close(total.share_over_15, 1.0 / 3.0));
}

#[test]
fn continuity_filter_is_configurable() {
    let inputs = loaded(&[("visits.csv", &continuity_visits())]);
    let all = ContinuityOptions { min_days: 0, ..ContinuityOptions::default() };
    let r = continuity(inputs.visits.as_ref().unwrap(), &inputs.dicts, day(2024, 1, 1), day(2024, 1, 14), &all).unwrap();
    let got: Vec<(i64, u32)> = r.clients.iter().map(|c| (c.client_id, c.staff)).collect();
    assert_eq!(got, vec![(1, 3), (2, 4), (3, 1), (4, 1), (5, 16)]);
    let bad = ContinuityOptions { min_days: 15, ..ContinuityOptions::default() };
    assert!(matches!(continuity(inputs.visits.as_ref().unwrap(), &inputs.dicts, 0, 100, &bad), Err(MeasureError::Invalid(_))));
}

#[test]
fn granted_against_performed_time() {
    let visits = "client_id,unit_id,staff_id,start,end\n\
        1,1,7,2024-01-31 23:00,2024-02-01 01:00\n\
        1,1,7,2024-02-10 08:00,2024-02-10 08:30\n\
        1,1,7,2024-02-11 08:00,\n\
        3,1,7,2024-01-05 10:00,2024-01-05 11:00\n\
        3,1,7,2024-03-05 10:00,2024-03-05 11:00\n";
    let decisions = "decision_id,client_id,unit_id,service,applied,decided,executed,granted_hours_month,valid_from,valid_to\n\
        1,1,1,hemtjanst,2024-01-02,2024-01-10,2024-01-16,30,2024-01-16,\n\
        2,2,1,korttid,2024-01-02,2024-01-10,,40,,\n";
    let inputs = loaded(&[("visits.csv", visits), ("decisions.csv", decisions)]);
    let rows = granted_vs_performed(inputs.visits.as_ref(), inputs.decisions.as_ref(), &inputs.dicts, day(2024, 1, 1), day(2024, 2, 29));
    type Row = (u32, Option<i64>, i64, Option<f64>, f64, u64);
    let got: Vec<Row> =
        rows.iter().map(|r| (r.month, r.unit_id, r.client_id, r.granted_hours, r.performed_hours, r.visits_without_end)).collect();
    assert_eq!(got.len(), 3);
    // January: 16 of 31 days of 30 hours; the visit over the month's end counts whole in January.
    assert_eq!((got[0].0, got[0].1, got[0].2, got[0].4, got[0].5), (202_401, Some(1), 1, 2.0, 0));
    assert!(close(got[0].3.unwrap(), 30.0 * 16.0 / 31.0));
    // Client 3 has no decision: granted is missing, not zero.
    assert_eq!(got[1], (202_401, Some(1), 3, None, 1.0, 0));
    // February: the whole month granted; the visit without an end is counted, not timed.
    assert_eq!(got[2], (202_402, Some(1), 1, Some(30.0), 0.5, 1));
    let t = totals(&rows);
    assert_eq!(t.len(), 2);
    assert!(close(t[1].granted_hours, 30.0 * 16.0 / 31.0 + 30.0) && close(t[1].performed_hours, 3.5) && t[1].visits_without_end == 1);
    let gaps = largest_gaps(&rows, 1);
    assert_eq!(gaps[0].0, 1);
    assert!(close(gaps[0].1, 30.0 * 16.0 / 31.0 + 30.0 - 2.5));
}

const DECISIONS: &str = "decision_id,client_id,service,applied,decided,offered,executed\n\
    1,1,hemtjanst,2024-01-01,2024-01-11,,2024-01-21\n\
    2,2,hemtjanst,2024-01-05,2024-01-25,,2024-05-01\n\
    3,3,sarskilt_boende,2024-01-10,2024-02-09,2024-03-10,\n\
    4,4,hemtjanst,,2024-06-01,,\n\
    5,5,hemtjanst,2023-12-01,2023-12-11,,2024-01-05\n";

#[test]
fn lead_times_and_the_three_month_list() {
    let inputs = loaded(&[("decisions.csv", DECISIONS)]);
    let d = inputs.decisions.as_ref().unwrap();
    let (from, to) = (day(2024, 1, 1), day(2024, 6, 30));
    let u = lead_times(d, LeadTime::Utredningstid, from, to);
    let got: Vec<(&str, u64, f64, f64)> = u.iter().map(|r| (r.service, r.decisions, r.mean_days, r.median_days)).collect();
    assert_eq!(got, vec![("hemtjanst", 2, 15.0, 15.0), ("sarskilt_boende", 1, 30.0, 30.0)]);
    // Executed in the range: 10, 97 and 25 days; the decision never executed is not a 0.
    let v = lead_times(d, LeadTime::Verkstallighetstid, from, to);
    let got: Vec<(&str, u64, f64, f64)> = v.iter().map(|r| (r.service, r.decisions, r.mean_days, r.median_days)).collect();
    assert_eq!(got, vec![("hemtjanst", 3, 44.0, 25.0)]);
    let w = lead_times(d, LeadTime::Vantetid, from, to);
    assert_eq!((w[0].service, w[0].decisions, w[0].mean_days), ("sarskilt_boende", 1, 60.0));
    let late = not_executed_within_3_months(d, &inputs.dicts, from, to);
    let got: Vec<(i64, Option<i32>, i64)> = late.iter().map(|n| (n.decision_id, n.executed, n.days)).collect();
    // 2: executed after its limit (25 April); 3: never executed (142 days to 30 June); 4: limit not passed.
    assert_eq!(got, vec![(2, Some(day(2024, 5, 1)), 97), (3, None, 142)]);
}

#[test]
fn occupancy_counts_overlapping_stays_once() {
    let places = "boende_id,places\n1,2\n2,1\n";
    let stays = "client_id,boende_id,move_in,move_out\n\
        1,1,2023-12-20,2024-01-11\n\
        1,1,2024-01-05,2024-01-20\n\
        2,1,2024-01-31,\n\
        3,3,2024-02-10,2024-02-12\n";
    let inputs = loaded(&[("places.csv", places), ("stays.csv", stays)]);
    let rows = occupancy(inputs.stays.as_ref(), inputs.places.as_ref(), &inputs.dicts, day(2024, 1, 1), day(2024, 2, 29));
    let got: Vec<(i64, u32, i64, Option<i64>)> = rows.iter().map(|r| (r.boende_id, r.month, r.occupied_nights, r.place_nights)).collect();
    assert_eq!(
        got,
        vec![
            (1, 202_401, 20, Some(62)),
            (1, 202_402, 29, Some(58)),
            (2, 202_401, 0, Some(31)),
            (2, 202_402, 0, Some(29)),
            (3, 202_402, 2, None),
        ]
    );
    assert!(close(rows[1].occupancy.unwrap(), 0.5) && rows[4].occupancy.is_none());
}

fn error_of(files: &[(&str, &str)]) -> String {
    load(&folder(files), &mut ()).unwrap_err().to_string()
}

#[test]
fn wrong_schema_is_refused_before_any_row_is_read() {
    // The decisions file has a bad row, but the visits file's schema is checked first.
    let e = error_of(&[
        ("visits.csv", "client_id,unit_id,start,end\n1,1,2024-01-01 08:00,\n"),
        ("decisions.csv", "decision_id,client_id,service,decided\n1,1,hemtjanst,2024-13-01\n"),
    ]);
    assert!(e.contains("visits.csv") && e.contains("no column staff_id"), "{e}");
}

#[test]
fn malformed_rows_name_file_line_and_column() {
    let e = error_of(&[("visits.csv", "client_id,unit_id,staff_id,start,end\n1,1,1,2024-01-01 08:00,\n1,1,1,2024-13-01 08:00,\n")]);
    assert!(e.contains("visits.csv, line 3, column start") && e.contains("2024-13-01 08:00"), "{e}");
    let e = error_of(&[("visits.csv", "client_id,unit_id,staff_id,start,end\n1,1,,2024-01-01 08:00,\n")]);
    assert!(e.contains("line 2, column staff_id: missing value"), "{e}");
    let e = error_of(&[("visits.csv", "client_id,unit_id,staff_id,start,end\n1,1,1,2024-01-01 08:00,2024-01-01 07:00\n")]);
    assert!(e.contains("line 2, column end: ends before it starts"), "{e}");
    let e = error_of(&[("decisions.csv", "decision_id,client_id,service,decided\n1,1,hemtjänst,2024-01-01\n")]);
    assert!(e.contains("line 2, column service") && e.contains("one of hemtjanst"), "{e}");
    let e = error_of(&[("decisions.csv", "decision_id,client_id,service,decided\n1,1,hemtjanst,2024-01-01\n1,2,hemtjanst,2024-01-02\n")]);
    assert!(e.contains("line 3, column decision_id: the same decision_id twice"), "{e}");
    let e = error_of(&[("visits.csv", "client_id,unit_id,staff_id,start,end\n1,1,1,2024-01-01 08:00\n")]);
    assert!(e.contains("visits.csv") && e.contains("line 2"), "{e}");
}

#[test]
fn an_empty_or_ambiguous_folder_is_refused() {
    assert!(error_of(&[]).contains("no input files"));
    let v = "client_id,unit_id,staff_id,start,end\n";
    let e = error_of(&[("visits.csv", v), ("visits.parquet", "x")]);
    assert!(e.contains("both visits.csv and visits.parquet"), "{e}");
    let e = error_of(&[("visits.parquet", "not parquet at all")]);
    assert!(e.contains("visits.parquet") && e.contains("not a readable Parquet file"), "{e}");
}

#[test]
fn generated_exports_are_deterministic_and_readable() {
    use styr_measures::generate::{GenerateOptions, Scale, generate};
    let (a, b) = (folder(&[]), folder(&[]));
    let o = GenerateOptions::for_scale(Scale::Small, 7);
    let sa = generate(&a, &o, &mut |_| {}).unwrap();
    let sb = generate(&b, &o, &mut |_| {}).unwrap();
    assert_eq!(sa, sb);
    for f in ["visits.csv", "decisions.csv", "stays.csv", "places.csv", "staff.csv", "time_reports.csv"] {
        assert_eq!(std::fs::read(a.join(f)).unwrap(), std::fs::read(b.join(f)).unwrap(), "{f}");
    }
    let inputs = load(&a, &mut ()).unwrap();
    assert_eq!(inputs.visits.as_ref().unwrap().start.len() as u64, sa.visits);
    let r = continuity(inputs.visits.as_ref().unwrap(), &inputs.dicts, day(2025, 1, 1), day(2025, 2, 25), &ContinuityOptions::default())
        .unwrap();
    assert_eq!(r.windows, 4);
    assert!(!r.clients.is_empty() && r.units.last().unwrap().mean_staff > 1.0);
    // Time reports of the same staff, with plausible rates for home care.
    let (reports, staff) = (inputs.time_reports.as_ref().unwrap(), inputs.staff.as_ref().unwrap());
    assert_eq!(reports.staff.len() as u64, sa.time_reports);
    let s = styr_measures::kernels::staffing::staffing(reports, staff, day(2025, 1, 1), day(2025, 2, 25));
    let total = s
        .sick_leave
        .iter()
        .rfind(|r| r.span == styr_measures::kernels::staffing::Span::YearToDate && r.gender == "all" && r.age_band == "all")
        .unwrap();
    let rate = total.rate().unwrap();
    assert!((0.02..0.2).contains(&rate), "sick-leave rate {rate}");
    let share = s.hourly_share.last().unwrap().share().unwrap();
    assert!((0.05..0.35).contains(&share), "hourly share {share}");
    let visit_staff: std::collections::BTreeSet<u32> = inputs.visits.as_ref().unwrap().staff.iter().copied().collect();
    assert!(
        visit_staff.iter().all(|s| staff.employment[*s as usize] != styr_measures::input::NONE_ID),
        "every visiting person is in the staff file"
    );
}
