//! `cargo bench -p styr-analysis`: times `analyse_round` on a synthetic committee of 50 goals × 10
//! indicators × 10 years of outcomes (plus K/M splits and a Riket comparison for every other
//! indicator) and a follow-up whose assessment texts make etappmål claims about the indicators.
//! No benchmark framework: a warm-up, then many timed runs, reporting the median.

use std::hint::black_box;
use std::time::{Duration, Instant};

use styr_analysis::{OutcomeIndex, analyse_round, analyse_round_indexed};
use styr_domain::*;

/// The unit tests' builders (a 2023 plan with the Huddinge scale and a `helar` round, follow-ups).
#[allow(dead_code)]
#[path = "../src/test_support.rs"]
mod test_support;

const GOALS: usize = 50;
const INDICATORS: usize = 10;
const YEARS: std::ops::RangeInclusive<i32> = 2014..=2023;
const WARM_UP: usize = 20;
const RUNS: usize = 300;

const SERVICES: [&str; 5] = ["hemtjänst", "särskilt boende", "daglig verksamhet", "gruppbostad", "servicebostad"];
const ASPECTS: [&str; 4] = ["bemötande", "trygghet", "förtroende för personalen", "hänsyn till åsikter och önskemål"];

fn title(g: usize, i: usize) -> (String, &'static str, &'static str) {
    let service = SERVICES[i % SERVICES.len()];
    let aspect = ASPECTS[(i / SERVICES.len() + g) % ASPECTS.len()];
    (format!("Brukarbedömning {service} - {aspect}, andel (%)"), service, aspect)
}

fn synthetic() -> (Plan, Vec<Outcome>, FollowUp) {
    let mut goals = Vec::new();
    let mut outcomes = Vec::new();
    let mut assessments = Vec::new();
    for g in 0..GOALS {
        let mut indicators = Vec::new();
        for i in 0..INDICATORS {
            let id = format!("g{g}-i{i}");
            let direction = if i % 3 == 2 { Direction::Lower } else { Direction::Higher };
            let base = 60.0 + ((g * 7 + i * 13) % 30) as f64;
            let step = if direction == Direction::Higher { 0.8 } else { -0.6 } * if (g + i) % 4 == 0 { -1.0 } else { 1.0 };
            for (k, year) in YEARS.enumerate() {
                let value = base + step * k as f64 + ((g + i + k) % 5) as f64 * 0.3;
                let mut push = |gender, comparison: &str, v: f64| {
                    outcomes.push(Outcome {
                        indicator: id.clone(),
                        period: Period::Year(year),
                        gender,
                        comparison: Comparison::parse(comparison).unwrap(),
                        regi: None,
                        value: Some(v),
                        status: OutcomeStatus::Final,
                        note: None,
                    })
                };
                push(Gender::T, "", value);
                if i % 2 == 0 {
                    push(Gender::K, "", value + 1.5);
                    push(Gender::M, "", value - 2.0);
                    push(Gender::T, "0000", value - 1.0);
                }
            }
            let last = base + step * 9.0;
            let better = if direction == Direction::Higher { 1.0 } else { -1.0 };
            indicators.push(Indicator {
                id,
                title: title(g, i).0,
                unit: Unit::Percent,
                direction: Some(direction),
                source: Some(IndicatorSource::Survey("Vad tycker de äldre om äldreomsorgen".into())),
                decimals: 0,
                targets: Targets {
                    // Every other indicator reaches its etappmål; the targets improve towards the målvärde.
                    etappmal: [(2023, last + if i % 2 == 0 { -better } else { better }), (2024, last + 2.0 * better)].into(),
                    malvarde: Some(TargetValue { year: 2030, value: Some(last + 10.0 * better) }),
                },
                note: None,
            });
        }
        let (_, s0, a0) = title(g, 0);
        let (_, s1, a1) = title(g, 1);
        let (_, s5, a5) = title(g, 5);
        let analysis = format!(
            "Resultatet från brukarundersökningen visar att {a0} har ökat inom både {s0} och {s1} och etappmålen uppnås. \
             Gällande {a5} visar {s5} en liten ökning men når ändå inte upp till etappmålet medan {s0} når årets etappmål.\n\n\
             Andelen brukare som är nöjda med {a1} inom {s1} har minskat jämfört med 2022. Det är två procentenheter under etappmålet.\n\n\
             Verksamheten ser att arbetet är komplicerat. Inom {s0} har flera aktiviteter genomförts under året, bland annat \
             utbildningar, t.ex. i bemötande, och uppföljningar med enhetscheferna. Arbetet fortsätter under 2024."
        );
        assessments.push(Assessment {
            goal: format!("g{g}"),
            level: Some(["ej", "delvis", "hog", "helt"][g % 4].into()),
            motivation:
                "Flera aktiviteter har genomförts. Trots detta uppnås endast fyra av etappmålen. Nämnden bedömer målet som delvis uppfyllt."
                    .into(),
            analysis,
            work_done: String::new(),
        });
        goals.push(Goal { id: format!("g{g}"), title: format!("Mål {g}"), indicators, ..Default::default() });
    }
    (test_support::plan(goals), outcomes, test_support::followup("helar", assessments))
}

/// Timings of `RUNS` runs after a warm-up, sorted.
fn timings(mut f: impl FnMut()) -> Vec<Duration> {
    for _ in 0..WARM_UP {
        f();
    }
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort_unstable();
    times
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

fn report(name: &str, times: &[Duration]) {
    let median = times[times.len() / 2];
    println!("{name}: {GOALS} goals, median {:.0} µs total, {:.0} ns per goal", micros(median), median.as_secs_f64() * 1e9 / GOALS as f64);
    println!(
        "  {RUNS} runs after {WARM_UP} warm-up: min {:.0} µs, p10 {:.0} µs, p90 {:.0} µs",
        micros(times[0]),
        micros(times[times.len() / 10]),
        micros(times[times.len() * 9 / 10])
    );
}

fn main() {
    // `cargo test --benches` runs bench binaries with `--bench` absent; keep that quick.
    if !std::env::args().any(|a| a == "--bench") {
        println!("skipped (run with `cargo bench -p styr-analysis`)");
        return;
    }
    let (plan, outcomes, followup) = synthetic();
    let check = analyse_round(&plan, &outcomes, Some(&followup), "helar").unwrap();
    let claims: usize = check.goals.iter().map(|g| g.text_claims.len()).sum();
    println!(
        "synthetic committee: {} goals, {} indicators, {} outcomes, {} text claims, {} flags",
        check.goals.len(),
        check.goals.iter().map(|g| g.indicators.len()).sum::<usize>(),
        outcomes.len(),
        claims,
        check.flags.len()
    );
    assert_eq!(check.goals.len(), GOALS);
    assert!(check.goals.iter().all(|g| g.proposal.level.is_some()));

    report(
        "analyse_round",
        &timings(|| {
            black_box(analyse_round(black_box(&plan), black_box(&outcomes), Some(black_box(&followup)), "helar").unwrap());
        }),
    );
    report(
        "analyse_round without follow-up",
        &timings(|| {
            black_box(analyse_round(black_box(&plan), black_box(&outcomes), None, "helar").unwrap());
        }),
    );
    let index = OutcomeIndex::new(&outcomes);
    report(
        "analyse_round_indexed (outcomes indexed once)",
        &timings(|| {
            black_box(analyse_round_indexed(black_box(&plan), black_box(&index), Some(black_box(&followup)), "helar").unwrap());
        }),
    );
    let t = timings(|| {
        black_box(OutcomeIndex::new(black_box(&outcomes)));
    });
    println!("OutcomeIndex::new: {} outcomes, median {:.0} µs", outcomes.len(), micros(t[t.len() / 2]));
}
