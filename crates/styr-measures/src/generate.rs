//! Deterministic synthetic exports (`visits`, `decisions`, `stays`, `places`, `staff` and
//! `time_reports` as CSV), written streamed in the order a care system logs them (day by day), so the
//! national scale never sits in memory: state is per client and per staff slot, not per visit.
//!
//! The model: clients belong to units of about 100; each unit has a staff of 50 (slots), some of
//! whom leave during the year and are replaced by new people (new staff ids). About a fifth are
//! hourly paid (timavlönade), called in on about a third of the days; the others work 6, 7 or 8 hours
//! on five days of seven in a rotating schedule. People fall ill on a working day now and then: most
//! spells last days, some weeks, a few months (long spells partly worked, half the hours sick); sick
//! rows are written for the scheduled days of a spell, so weekends fall between them. About 1 % lack
//! a gender or a birth year in the staff file. A client has 1–6 visits a day in the shift pattern
//! (morning 07–10, lunch, afternoon, evening 19–22), mostly by a small team of their own, otherwise
//! by anyone of the unit, by people at work that day when possible; about 1 % of visits lack an end
//! time and some end after midnight; about 3 % of clients move to another unit once. Each client has
//! a hemtjänst decision granting somewhat more hours than the visits take (4 % executed more than
//! three months after the decision); särskilt-boende
//! applications have waiting times, a few never executed; boenden of 40 places have stays.

use std::io::{self, BufWriter, Write};
use std::path::Path;

use crate::time::{days_from_civil, format_date};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    Small,
    Municipality,
    National,
}

impl Scale {
    pub fn parse(s: &str) -> Option<Scale> {
        match s {
            "small" => Some(Scale::Small),
            "municipality" => Some(Scale::Municipality),
            "national" => Some(Scale::National),
            _ => None,
        }
    }
    /// Home-care clients.
    pub fn clients(self) -> u32 {
        match self {
            Scale::Small => 120,
            Scale::Municipality => 3_000,
            Scale::National => 205_000,
        }
    }
    /// Days of visits from 1 January.
    pub fn days(self) -> u32 {
        match self {
            Scale::Small => 56,
            _ => 365,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenerateOptions {
    pub clients: u32,
    pub days: u32,
    pub year: i32,
    pub seed: u64,
}

impl GenerateOptions {
    pub fn for_scale(scale: Scale, seed: u64) -> GenerateOptions {
        GenerateOptions { clients: scale.clients(), days: scale.days(), year: 2025, seed }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GenerateSummary {
    pub visits: u64,
    pub decisions: u64,
    pub stays: u64,
    pub staff: u64,
    pub time_reports: u64,
    pub bytes: u64,
}

/// SplitMix64: small, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }
}

struct Client {
    unit: u32,
    visits_per_day: u32,
    team: [u32; 6],
    move_day: u32,
    move_to: u32,
}

const STAFF_PER_UNIT: u32 = 50;
const FIRST_STAFF_ID: u64 = 10_000;

/// One employee: the staff file's row and the state of their schedule and sickness.
struct Person {
    gender: Option<&'static str>,
    birth_year: Option<i32>,
    hourly: bool,
    /// Monthly paid: the day of the week their five working days start; hours a day (×4, so the
    /// hours are exact in binary).
    offset: u32,
    quarter_hours: u32,
    /// Day index of the last day of the current sick spell, and whether it is half-time.
    sick_until: Option<u32>,
    half: bool,
}

impl Person {
    fn hire(rng: &mut Rng, year: i32) -> Person {
        let g = rng.below(1000);
        let hourly = rng.chance(220);
        Person {
            gender: match g {
                0..=9 => None,
                10..=849 => Some("K"),
                _ => Some("M"),
            },
            birth_year: (!rng.chance(5)).then(|| year - 19 - rng.below(47) as i32),
            hourly,
            offset: rng.below(7) as u32,
            quarter_hours: if hourly { 16 + rng.below(17) as u32 } else { [24, 28, 32][rng.below(3) as usize] },
            sick_until: None,
            half: false,
        }
    }
    fn scheduled(&self, d: u32, rng: &mut Rng) -> bool {
        if self.hourly { rng.chance(330) } else { (d + self.offset) % 7 < 5 }
    }
    /// Falls ill on a working day: mostly days, some weeks, a few months.
    fn maybe_fall_ill(&mut self, d: u32, rng: &mut Rng) {
        if !rng.chance(if self.hourly { 6 } else { 9 }) {
            return;
        }
        let r = rng.below(100);
        let days = match r {
            _ if self.hourly => 1 + rng.below(5),
            0..=69 => 1 + rng.below(7),
            70..=89 => 8 + rng.below(7),
            90..=96 => 15 + rng.below(45),
            _ => 60 + rng.below(150),
        } as u32;
        self.sick_until = Some(d + days - 1);
        self.half = days >= 15 && rng.chance(300);
    }
}

fn hours(quarter_hours: u32) -> String {
    let h = quarter_hours / 4;
    match quarter_hours % 4 {
        0 => format!("{h}"),
        q => format!("{h}.{}", ["", "25", "5", "75"][q as usize]),
    }
}

fn hm(minute: u32) -> String {
    format!("{:02}:{:02}:00", minute / 60, minute % 60)
}

/// Writes the six files into `dir` (created if missing).
pub fn generate(dir: &Path, o: &GenerateOptions, progress: &mut dyn FnMut(u32)) -> io::Result<GenerateSummary> {
    if o.clients == 0 || o.days == 0 {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "clients and days must be at least 1"));
    }
    std::fs::create_dir_all(dir)?;
    let mut rng = Rng(o.seed);
    let units = o.clients.div_ceil(100);
    let first = days_from_civil(o.year, 1, 1);
    let mut clients: Vec<Client> = (0..o.clients)
        .map(|c| {
            let unit = c % units;
            let mut team = [0; 6];
            team.iter_mut().for_each(|t| *t = rng.below(u64::from(STAFF_PER_UNIT)) as u32);
            let moves = rng.chance(30);
            Client {
                unit,
                visits_per_day: 1 + rng.below(6) as u32,
                team,
                move_day: if moves { rng.below(u64::from(o.days)) as u32 } else { u32::MAX },
                move_to: (unit + 1) % units,
            }
        })
        .collect();
    // The person holding each staff slot; a slot gets a new person (a new id) on turnover.
    let slots = units * STAFF_PER_UNIT;
    let mut holder: Vec<u64> = (0..u64::from(slots)).map(|s| FIRST_STAFF_ID + s).collect();
    let mut people: Vec<Person> = (0..slots).map(|_| Person::hire(&mut rng, o.year)).collect();
    let mut at_work = vec![false; slots as usize];
    let mut reports = BufWriter::with_capacity(1 << 20, std::fs::File::create(dir.join("time_reports.csv"))?);
    writeln!(reports, "staff_id,date,kind,hours")?;

    let mut summary = GenerateSummary::default();
    let mut visits = BufWriter::with_capacity(1 << 20, std::fs::File::create(dir.join("visits.csv"))?);
    writeln!(visits, "client_id,unit_id,staff_id,start,end")?;
    let shifts = [(7 * 60, 180), (11 * 60, 120), (14 * 60, 180), (19 * 60, 180), (17 * 60, 120), (22 * 60, 60)];
    let mut line = String::with_capacity(64);
    for d in 0..o.days {
        let date = format_date(first + d as i32);
        let next = format_date(first + d as i32 + 1);
        for _ in 0..slots / 250 + 1 {
            if rng.chance(400) {
                holder[rng.below(u64::from(slots)) as usize] = FIRST_STAFF_ID + people.len() as u64;
                people.push(Person::hire(&mut rng, o.year));
            }
        }
        for (slot, &id) in holder.iter().enumerate() {
            let p = &mut people[(id - FIRST_STAFF_ID) as usize];
            let scheduled = p.scheduled(d, &mut rng);
            if scheduled && p.sick_until.is_none_or(|u| u < d) {
                p.maybe_fall_ill(d, &mut rng);
            }
            let sick = p.sick_until.is_some_and(|u| u >= d);
            at_work[slot] = scheduled && (!sick || p.half);
            if !scheduled {
                continue;
            }
            let (worked, sick_q) = match (sick, p.half) {
                (false, _) => (p.quarter_hours, 0),
                (true, false) => (0, p.quarter_hours),
                (true, true) => (p.quarter_hours / 2, p.quarter_hours - p.quarter_hours / 2),
            };
            for (kind, q) in [("worked", worked), ("sick", sick_q)] {
                if q > 0 {
                    line.clear();
                    use std::fmt::Write as _;
                    let _ = writeln!(line, "{id},{date},{kind},{}", hours(q));
                    reports.write_all(line.as_bytes())?;
                    summary.bytes += line.len() as u64;
                    summary.time_reports += 1;
                }
            }
        }
        for (c, client) in clients.iter_mut().enumerate() {
            if d == client.move_day {
                client.unit = client.move_to;
            }
            // Visits per day: morning and evening first, then lunch, afternoon, …
            let order = [0usize, 3, 1, 2, 4, 5];
            for &shift in &order[..client.visits_per_day as usize] {
                let (at, span) = shifts[shift];
                let start = at + rng.below(span) as u32;
                let length = 15 + rng.below(46) as u32;
                let mut slot =
                    if rng.chance(700) { client.team[rng.below(6) as usize] } else { rng.below(u64::from(STAFF_PER_UNIT)) as u32 };
                // Someone off or sick today: another of the unit, if one at work is found soon.
                for _ in 0..4 {
                    if at_work[(client.unit * STAFF_PER_UNIT + slot) as usize] {
                        break;
                    }
                    slot = rng.below(u64::from(STAFF_PER_UNIT)) as u32;
                }
                let staff = holder[(client.unit * STAFF_PER_UNIT + slot) as usize];
                line.clear();
                let end_minute = start + length;
                let end = if rng.chance(10) {
                    String::new()
                } else if end_minute >= 24 * 60 {
                    format!("{next} {}", hm(end_minute - 24 * 60))
                } else {
                    format!("{date} {}", hm(end_minute))
                };
                use std::fmt::Write as _;
                let _ = writeln!(line, "{},{},{staff},{date} {},{end}", 1 + c, 1 + client.unit, hm(start));
                visits.write_all(line.as_bytes())?;
                summary.bytes += line.len() as u64;
                summary.visits += 1;
            }
        }
        progress(d + 1);
    }
    visits.flush()?;
    reports.flush()?;
    let mut staff = BufWriter::new(std::fs::File::create(dir.join("staff.csv"))?);
    writeln!(staff, "staff_id,gender,birth_year,employment")?;
    for (i, p) in people.iter().enumerate() {
        let birth = p.birth_year.map(|y| y.to_string()).unwrap_or_default();
        let employment = if p.hourly { "hourly" } else { "monthly" };
        writeln!(staff, "{},{},{birth},{employment}", FIRST_STAFF_ID + i as u64, p.gender.unwrap_or(""))?;
        summary.staff += 1;
    }
    staff.flush()?;

    let mut decisions = BufWriter::new(std::fs::File::create(dir.join("decisions.csv"))?);
    writeln!(decisions, "decision_id,client_id,unit_id,service,applied,decided,offered,executed,granted_hours_month,valid_from,valid_to")?;
    let last = first + o.days as i32 - 1;
    for (c, client) in clients.iter().enumerate() {
        let hours = f64::from(client.visits_per_day) * 37.5 * 30.4 / 60.0 * (1.0 + rng.below(300) as f64 / 1000.0);
        let decided = first - 30 - rng.below(300) as i32;
        writeln!(
            decisions,
            "{},{},{},hemtjanst,{},{},,{},{:.1},{},",
            1 + c,
            1 + c,
            1 + (c as u32 % units),
            format_date(decided - 5 - rng.below(40) as i32),
            format_date(decided),
            // Most start within days; some wait beyond the three months IVO must be told of.
            format_date(decided + if rng.chance(40) { 95 + rng.below(60) } else { 1 + rng.below(10) } as i32),
            hours,
            format_date(decided)
        )?;
        summary.decisions += 1;
    }
    // Särskilt boende: applications during the year; some wait long, a few are never executed.
    let applications = (o.clients / 8).max(4);
    let boenden = (o.clients / 300).max(1);
    let mut stays = BufWriter::new(std::fs::File::create(dir.join("stays.csv"))?);
    writeln!(stays, "client_id,boende_id,move_in,move_out")?;
    for a in 0..applications {
        let applied = first + rng.below(u64::from(o.days)) as i32;
        let decided = applied + 5 + rng.below(40) as i32;
        let offered = decided + 10 + rng.below(120) as i32;
        let executed = (!rng.chance(60)).then_some(offered + rng.below(7) as i32);
        let client = o.clients + 1 + a;
        let opt = |d: Option<i32>| d.filter(|d| *d <= last).map(format_date).unwrap_or_default();
        writeln!(
            decisions,
            "{},{client},,sarskilt_boende,{},{},{},{},,,",
            o.clients + 1 + a,
            format_date(applied),
            format_date(decided),
            opt(Some(offered)),
            opt(executed)
        )?;
        summary.decisions += 1;
        if let Some(e) = executed.filter(|e| *e <= last) {
            let out = (!rng.chance(500)).then(|| e + 30 + rng.below(600) as i32).filter(|d| *d <= last);
            writeln!(
                stays,
                "{client},{},{},{}",
                1 + rng.below(u64::from(boenden)),
                format_date(e),
                out.map(format_date).unwrap_or_default()
            )?;
            summary.stays += 1;
        }
    }
    decisions.flush()?;
    stays.flush()?;
    let mut places = BufWriter::new(std::fs::File::create(dir.join("places.csv"))?);
    writeln!(places, "boende_id,places")?;
    for b in 0..boenden {
        writeln!(places, "{},40", 1 + b)?;
    }
    places.flush()?;
    Ok(summary)
}
