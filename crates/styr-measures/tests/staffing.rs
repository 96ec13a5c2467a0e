//! Timanställdas andel and sjukfrånvaro on a hand-made time-reporting export, with the answers
//! worked out by hand: a spell that began before the range, one over a month's end, one over the
//! range's end, a day off inside a spell (a sick row of 0 hours), a gap that ends a spell, and a
//! person without gender or birth year.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use styr_measures::kernels::staffing::{SickLeaveRow, Span, Staffing, staffing};
use styr_measures::time::{days_from_civil, format_date};
use styr_measures::{Inputs, load};

fn folder(files: &[(&str, String)]) -> PathBuf {
    static N: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!("styr-staffing-{}-{}", std::process::id(), N.fetch_add(1, Ordering::SeqCst)));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (name, body) in files {
        std::fs::write(dir.join(name), body).unwrap();
    }
    dir
}

const STAFF: &str = "staff_id,gender,birth_year,employment\n\
    1,K,1990,monthly\n\
    2,M,1996,hourly\n\
    3,,,monthly\n\
    4,K,1974,monthly\n";

fn reports() -> String {
    let mut s = String::from("staff_id,date,kind,hours\n");
    let mut r = |staff: u32, date: &str, kind: &str, hours: &str| s.push_str(&format!("{staff},{date},{kind},{hours}\n"));
    // Staff 1 (K, 34): a spell over the end of February, partly worked on 1 March; a spell over the
    // range's end (1 April is outside).
    r(1, "2024-02-01", "worked", "8");
    for d in ["2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01"] {
        r(1, d, "sick", "4");
    }
    r(1, "2024-03-01", "worked", "4");
    for d in ["2024-03-30", "2024-03-31", "2024-04-01"] {
        r(1, d, "sick", "4");
    }
    // Staff 2 (M, 28, hourly).
    r(2, "2024-02-10", "worked", "5");
    r(2, "2024-03-02", "worked", "4");
    r(2, "2024-03-09", "sick", "4");
    // Staff 3 (no gender, no birth year): sick every sixth day since 1 December (one spell: five
    // days between), so 5 February is day 67; a day off on 8 February keeps the spell going to
    // 12 February (day 74); 19 February, seven days later, starts a new spell.
    let mut d = days_from_civil(2023, 12, 1);
    while d <= days_from_civil(2024, 2, 5) {
        r(3, &format_date(d), "sick", "6");
        d += 6;
    }
    r(3, "2024-02-08", "sick", "0");
    r(3, "2024-02-12", "sick", "2");
    r(3, "2024-02-19", "sick", "2");
    r(3, "2024-02-20", "worked", "6");
    // Staff 4 (K, 50): sick since 20 January, so 1 and 2 February are days 13 and 14 and Monday
    // 5 February (over the weekend) day 17.
    for day in 20..=31 {
        r(4, &format!("2024-01-{day}"), "sick", "8");
    }
    for d in ["2024-02-01", "2024-02-02", "2024-02-05"] {
        r(4, d, "sick", "8");
    }
    r(4, "2024-02-06", "worked", "8");
    r(4, "2024-03-01", "worked", "8");
    s
}

fn inputs() -> Inputs {
    load(&folder(&[("staff.csv", STAFF.to_string()), ("time_reports.csv", reports())]), &mut ()).unwrap()
}

fn compute(from: (i32, u32, u32), to: (i32, u32, u32)) -> Staffing {
    let i = inputs();
    staffing(
        i.time_reports.as_ref().unwrap(),
        i.staff.as_ref().unwrap(),
        days_from_civil(from.0, from.1, from.2),
        days_from_civil(to.0, to.1, to.2),
    )
}

fn row<'a>(s: &'a Staffing, month: u32, span: Span, gender: &str, age: &str) -> Option<&'a SickLeaveRow> {
    s.sick_leave.iter().find(|r| r.month == month && r.span == span && r.gender == gender && r.age_band == age)
}

/// (hours, sick hours, by spell day) of a row.
fn sums(s: &Staffing, month: u32, span: Span, gender: &str, age: &str) -> (f64, f64, [f64; 3]) {
    let r = row(s, month, span, gender, age).unwrap_or_else(|| panic!("no row {month} {span:?} {gender} {age}"));
    (r.hours, r.sick_hours, r.sick_by_day)
}

#[test]
fn sick_leave_by_spell_day_gender_and_age() {
    let s = compute((2024, 2, 1), (2024, 3, 31));
    // February: staff 1 8 worked + 12 sick (days 1–3); 2 5 worked; 3 10 sick (days 67, 67, 74 → 8
    // at 60-, day 1 → 2) + 6 worked; 4 24 sick (days 13, 14 → 16; day 17 → 8) + 8 worked.
    assert_eq!(sums(&s, 202_402, Span::Month, "all", "all"), (73.0, 46.0, [30.0, 8.0, 8.0]));
    assert_eq!(sums(&s, 202_402, Span::Month, "K", "all"), (52.0, 36.0, [28.0, 8.0, 0.0]));
    assert_eq!(sums(&s, 202_402, Span::Month, "M", "all"), (5.0, 0.0, [0.0; 3]));
    assert_eq!(sums(&s, 202_402, Span::Month, "unknown", "unknown"), (16.0, 10.0, [2.0, 0.0, 8.0]));
    assert_eq!(sums(&s, 202_402, Span::Month, "all", "-29"), (5.0, 0.0, [0.0; 3]));
    assert_eq!(sums(&s, 202_402, Span::Month, "all", "30-49"), (20.0, 12.0, [12.0, 0.0, 0.0]));
    assert_eq!(sums(&s, 202_402, Span::Month, "K", "50-"), (32.0, 24.0, [16.0, 8.0, 0.0]));
    assert!(row(&s, 202_402, Span::Month, "M", "50-").is_none(), "a group without reports has no row");
    let rate = row(&s, 202_402, Span::Month, "all", "all").unwrap().rate().unwrap();
    assert!((rate - 46.0 / 73.0).abs() < 1e-12);
    // March: staff 1 4 sick on day 4 of the February spell and 4 worked the same day, 8 sick on days
    // 1–2 of a new spell (1 April is outside); 2 4 worked + 4 sick; 4 8 worked. Staff 3 has none.
    assert_eq!(sums(&s, 202_403, Span::Month, "all", "all"), (32.0, 16.0, [16.0, 0.0, 0.0]));
    assert!(row(&s, 202_403, Span::Month, "unknown", "all").is_none());
    // Year to date from the range's first day (1 February): both months.
    assert_eq!(sums(&s, 202_403, Span::YearToDate, "all", "all"), (105.0, 62.0, [46.0, 8.0, 8.0]));
    assert_eq!(sums(&s, 202_403, Span::YearToDate, "unknown", "all"), (16.0, 10.0, [2.0, 0.0, 8.0]));
    assert_eq!(sums(&s, 202_402, Span::YearToDate, "all", "all"), sums(&s, 202_402, Span::Month, "all", "all"));
}

#[test]
fn hourly_share_of_worked_hours() {
    let s = compute((2024, 2, 1), (2024, 3, 31));
    let got: Vec<(u32, Span, f64, f64)> = s.hourly_share.iter().map(|h| (h.month, h.span, h.worked_hours, h.hourly_worked_hours)).collect();
    assert_eq!(
        got,
        vec![
            (202_402, Span::Month, 27.0, 5.0),
            (202_402, Span::YearToDate, 27.0, 5.0),
            (202_403, Span::Month, 16.0, 4.0),
            (202_403, Span::YearToDate, 43.0, 9.0),
        ]
    );
    assert_eq!(s.hourly_share[2].share(), Some(0.25));
}

#[test]
fn year_to_date_starts_again_in_january() {
    let s = compute((2023, 12, 1), (2024, 1, 31));
    // December: staff 3 on the 1st, 7th, …, 31st: 6 days × 6 hours (days 1–31 of the spell: 1-14
    // for the 1st, 7th and 13th, 15-59 after). January: staff 3 on the 6th … 30th (days 37–61: the
    // 30th is day 61), staff 4 12 days of 8 hours from the 20th.
    assert_eq!(sums(&s, 202_312, Span::Month, "all", "all"), (36.0, 36.0, [18.0, 18.0, 0.0]));
    assert_eq!(sums(&s, 202_401, Span::Month, "all", "all"), (126.0, 126.0, [96.0, 24.0, 6.0]));
    assert_eq!(sums(&s, 202_401, Span::YearToDate, "all", "all"), sums(&s, 202_401, Span::Month, "all", "all"));
    assert!(s.hourly_share.is_empty(), "no worked hours and no reports of work: no share");
}

#[test]
fn time_reports_need_known_staff() {
    let e = load(&folder(&[("time_reports.csv", reports())]), &mut ()).unwrap_err().to_string();
    assert!(e.contains("time_reports.csv") && e.contains("need a staff file"), "{e}");
    let staff = "staff_id,gender,birth_year,employment\n1,K,1990,monthly\n";
    let e = load(&folder(&[("staff.csv", staff.to_string()), ("time_reports.csv", reports())]), &mut ()).unwrap_err().to_string();
    assert!(e.contains("time_reports.csv, line 11, column staff_id: not in the staff file"), "{e}");
    let staff = "staff_id,gender,birth_year,employment\n1,X,1990,monthly\n";
    let e = load(&folder(&[("staff.csv", staff.to_string())]), &mut ()).unwrap_err().to_string();
    assert!(e.contains("staff.csv, line 2, column gender"), "{e}");
}
