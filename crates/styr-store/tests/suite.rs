//! The storage test suite. Every case runs on SQLite (a temporary file) and on PostgreSQL when
//! `STYR_TEST_DATABASE_URL` is set (each PostgreSQL case in a fresh schema; with `CI=true` a missing
//! URL fails them instead of skipping, see `styr_store::testing`).

#[path = "suite/backup.rs"]
mod backup;

use std::collections::BTreeSet;

use styr_domain::economics::{Account, CostCentre, LedgerAmount, Measure};
use styr_domain::{Amount, Plan};
use styr_formats::{economics_file, followup_file, outcomes_csv, personnel_file, plan_file};
use styr_store::table::Actor;
use styr_store::{Store, StoreError, economics, followup, history, ledger, outcomes, personnel, plan};

const HUDDINGE_PLAN: &str = include_str!("../../../demo/huddinge-2023-plan.yaml");
const HUDDINGE_FOLLOWUP: &str = include_str!("../../../demo/huddinge-2023-followup.yaml");
const HUDDINGE_ECONOMICS: &str = include_str!("../../../demo/huddinge-2023-economics.yaml");
const HELSINGBORG_PLAN: &str = include_str!("../../../demo/helsingborg-2024-plan.yaml");
const COVERAGE_PLAN: &str = include_str!("fixtures/coverage-plan.yaml");
const COVERAGE_FOLLOWUP: &str = include_str!("fixtures/coverage-followup.yaml");
const COVERAGE_OUTCOMES: &str = include_str!("fixtures/coverage-outcomes.csv");
const COVERAGE_ECONOMICS: &str = include_str!("fixtures/coverage-economics.yaml");
const TYPED_DELAR_ECONOMICS: &str = include_str!("fixtures/typed-delar-economics.yaml");
const COVERAGE_PERSONNEL: &str = include_str!("fixtures/coverage-personnel.yaml");
const EXEMPELKOMMUN_PLAN: &str = include_str!("../../../demo/exempelkommun-2024-plan.yaml");
const LEVELS_PLAN: &str = include_str!("fixtures/goal-levels-plan.yaml");
const LEVELS_FOLLOWUP: &str = include_str!("fixtures/goal-levels-followup.yaml");
const LEVELS_OUTCOMES: &str = include_str!("fixtures/goal-levels-outcomes.csv");

fn actor() -> Actor {
    Actor::new("testare")
}

async fn save(store: &Store, p: &Plan) -> styr_store::Changes {
    let mut tx = store.begin().await.unwrap();
    let c = plan::save_plan(&mut tx, p, &actor()).await.unwrap();
    tx.commit().await.unwrap();
    c
}

async fn plans_round_trip(store: &Store) {
    for (name, text) in [("huddinge", HUDDINGE_PLAN), ("helsingborg", HELSINGBORG_PLAN), ("coverage", COVERAGE_PLAN)] {
        let original = plan_file::parse(text, name).unwrap();
        save(store, &original).await;
        let loaded = plan::load_plan(store, &original.committee_key(), original.year).await.unwrap();
        assert_eq!(loaded, original, "{name} plan differs after storage");
        assert_eq!(plan_file::write(&loaded), plan_file::write(&original));
    }
    let coverage = plan::load_plan(store, "1489-son", 2025).await.unwrap();
    // The concepts the demo does not exercise came back intact.
    assert_eq!(coverage.scale.not_evaluated().unwrap().label, "Ej utvärderad");
    assert_eq!(coverage.scale.ordinal_levels().count(), 4);
    let goal = coverage.goal("kontinuitet").unwrap().goal;
    let targets: Vec<&str> = goal.agenda2030.iter().map(|t| t.as_str()).collect();
    assert_eq!(targets, ["3", "10.2", "16.b"]);
    let cp = &coverage.control_points[0];
    assert_eq!(
        (cp.frequency.keys().as_str(), cp.method.as_str(), cp.sample.as_deref()),
        ("delår", "Journalgranskning", Some("15 % av SoL-besluten"))
    );
    assert_eq!(coverage.organisation[0].children[0].children[0].children[1].regi, Some(styr_domain::Regi::Extern));
    // Uppdrag with group heading and dates; a control point with two frequencies and its risk.
    let larm = &coverage.commissions[0];
    assert_eq!(
        (larm.group.as_deref(), larm.start.map(|d| d.to_string()), larm.end.map(|d| d.to_string())),
        (Some("Särskilda uppdrag – inriktning"), Some("2025-02-01".to_string()), Some("2025-11-30".to_string()))
    );
    assert_eq!(coverage.commissions[2].start.map(|d| d.to_string()), Some("2025-01-15".to_string()));
    assert_eq!(coverage.commissions[2].end, None);
    let tid = coverage.control_points.iter().find(|c| c.id == "handlaggningstid").unwrap();
    assert_eq!((tid.frequency.keys(), tid.risk.as_deref()), ("delår,årsbokslut".to_string(), Some("dokumentation")));
    assert_eq!(coverage.assessment_rule.as_ref().unwrap().thresholds[1].at_least, Some(0.75));
    assert_eq!(styr_store::plan::list_plans(store).await.unwrap().len(), 3);
}

async fn followups_round_trip(store: &Store) {
    for (plan_text, text) in [(HUDDINGE_PLAN, HUDDINGE_FOLLOWUP), (COVERAGE_PLAN, COVERAGE_FOLLOWUP)] {
        let p = plan_file::parse(plan_text, "plan").unwrap();
        save(store, &p).await;
        let f = followup_file::parse_for_plan(text, "followup", &p).unwrap();
        let key = p.committee_key();
        let mut tx = store.begin().await.unwrap();
        followup::save_followup(&mut tx, &key, &f, &actor()).await.unwrap();
        tx.commit().await.unwrap();
        let mut loaded = followup::load_followup(store, &key, f.year, &f.round).await.unwrap();
        loaded.committee = f.committee.clone();
        assert_eq!(loaded, f);
    }
    let huddinge = followup::load_followup(store, "0126-von", 2023, "helar").await.unwrap();
    assert_eq!(huddinge.assessments.len(), 8);
    assert_eq!(huddinge.commissions.len(), 9);
}

/// Control results on the scale with their figures, the internal-control summary, prose sections
/// per node and footnotes come back as written, in order; the round they belong to cannot be
/// removed while they exist (foreign keys).
async fn report_parts_round_trip(store: &Store) {
    let p = plan_file::parse(COVERAGE_PLAN, "plan").unwrap();
    save(store, &p).await;
    let mut f = followup_file::parse_for_plan(COVERAGE_FOLLOWUP, "followup", &p).unwrap();
    f.footnotes.push(styr_domain::Footnote {
        id: "not-personal".into(),
        marker: None,
        on: styr_domain::FootnoteTarget::EconLine("personal".into()),
        text: "Inklusive semesterlöneskuld.".into(),
    });
    let mut tx = store.begin().await.unwrap();
    followup::save_followup(&mut tx, "1489-son", &f, &actor()).await.unwrap();
    tx.commit().await.unwrap();
    let loaded = followup::load_followup(store, "1489-son", 2025, "t1").await.unwrap();
    assert_eq!(loaded.footnotes, f.footnotes);
    let tid = loaded.controls.iter().find(|c| c.id == "handlaggningstid").unwrap();
    assert_eq!(tid.level.as_deref(), Some("hog"));
    let figures: Vec<String> = tid.figures.iter().map(|f| f.text()).collect();
    assert_eq!(figures, ["Genomsnittlig handläggningstid: 8 dagar", "Andel inom 14 dagar: 92,5 %"]);
    assert!(loaded.control_summary.as_deref().unwrap().starts_with("Den interna kontrollen visar"));
    let sections: Vec<(&str, Option<&str>)> = loaded.sections.iter().map(|s| (s.title.as_str(), s.org_unit.as_deref())).collect();
    assert_eq!(sections, [("Sammanfattning", None), ("Viktiga händelser", Some("ao")), ("Rekrytering och kompetensförsörjning", None)]);
    assert!(loaded.sections[0].body.contains("\n\n- Hemtjänsten har ökat."));
    let notes: Vec<(&str, &str, Option<&str>)> = loaded.footnotes.iter().map(|n| (n.on.kind(), n.on.id(), n.marker.as_deref())).collect();
    assert_eq!(
        notes,
        [
            ("indicator", "personalkontinuitet", Some("1")),
            ("key_figure", "timmar", None),
            ("section", "kompetens", Some("*")),
            ("econ_line", "personal", None)
        ]
    );
    // Saving the same round again changes nothing; dropping a section removes exactly that row.
    let mut tx = store.begin().await.unwrap();
    assert_eq!(followup::save_followup(&mut tx, "1489-son", &f, &actor()).await.unwrap(), styr_store::Changes::default());
    let mut fewer = f.clone();
    fewer.sections.remove(1);
    let changes = followup::save_followup(&mut tx, "1489-son", &fewer, &actor()).await.unwrap();
    assert_eq!(changes.deleted, 1, "{changes:?}");
    tx.commit().await.unwrap();
    // A plan without round t1 cannot be saved while t1 has sections: the foreign key refuses it.
    let mut without_t1 = p.clone();
    without_t1.rounds.retain(|r| r.id != "t1");
    let mut tx = store.begin().await.unwrap();
    let saved = plan::save_plan(&mut tx, &without_t1, &actor()).await;
    let refused = match saved {
        Err(_) => true,
        Ok(_) => tx.commit().await.is_err(),
    };
    assert!(refused, "removing a round with prose sections must be refused");
    assert_eq!(plan::load_plan(store, "1489-son", 2025).await.unwrap().rounds.len(), 3);
}

async fn outcomes_round_trip(store: &Store) {
    let p = plan_file::parse(COVERAGE_PLAN, "plan").unwrap();
    save(store, &p).await;
    let ids: BTreeSet<String> = p.indicators().map(|(_, i)| i.id.clone()).collect();
    let parsed = outcomes_csv::parse(COVERAGE_OUTCOMES, "outcomes.csv", &ids).unwrap();
    let mut tx = store.begin().await.unwrap();
    outcomes::save_outcomes(&mut tx, "1489-son", &parsed, &actor()).await.unwrap();
    tx.commit().await.unwrap();
    let mut loaded = outcomes::load_outcomes(store, "1489-son", None).await.unwrap();
    let mut expected = parsed.clone();
    let sort_key = |o: &styr_domain::Outcome| (o.indicator.clone(), o.period.to_string(), o.gender, o.comparison.clone());
    loaded.sort_by_key(sort_key);
    expected.sort_by_key(sort_key);
    assert_eq!(loaded, expected);
    let prel = loaded.iter().find(|o| o.status == styr_domain::OutcomeStatus::Preliminary).unwrap();
    assert_eq!((prel.value, prel.period.to_string()), (Some(15.5), "2025-04".to_string()));
    let iu = loaded.iter().find(|o| o.status == styr_domain::OutcomeStatus::Missing).unwrap();
    assert_eq!((iu.value, iu.note.as_deref()), (None, Some("IU: Kolada publicerar i mars")));
    // Writing the same outcomes again changes nothing.
    let mut tx = store.begin().await.unwrap();
    let again = outcomes::save_outcomes(&mut tx, "1489-son", &parsed, &actor()).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(again, styr_store::Changes::default());
}

async fn save_levels(store: &Store) -> (Plan, styr_domain::FollowUp) {
    let p = plan_file::parse(LEVELS_PLAN, "goal-levels-plan.yaml").unwrap();
    save(store, &p).await;
    let f = followup_file::parse_for_plan(LEVELS_FOLLOWUP, "goal-levels-followup.yaml", &p).unwrap();
    let mut tx = store.begin().await.unwrap();
    followup::save_followup(&mut tx, "2184-son", &f, &actor()).await.unwrap();
    tx.commit().await.unwrap();
    (p, f)
}

/// Goals on every level, assessment states, indicator scale, judgements, trends, columns, periods
/// of every kind and outcomes per regi come back as they were written.
async fn goal_levels_round_trip(store: &Store) {
    use styr_domain::{Direction, GoalLevel, Period, Regi, Trend};
    let (p, f) = save_levels(store).await;
    let loaded = plan::load_plan(store, "2184-son", 2024).await.unwrap();
    assert_eq!(loaded, p, "the goal-levels plan differs after storage");
    assert_eq!(plan_file::write(&loaded), plan_file::write(&p));
    assert_eq!(save(store, &p).await, styr_store::Changes::default(), "saving it again changes nothing");

    let kf = loaded.goal_node("kf-jamlik").unwrap();
    assert_eq!((kf.level, kf.indicators.len(), kf.agenda2030.len()), (GoalLevel::KfGoal, 1, 1));
    let area = loaded.goal_node("omsorg").unwrap();
    assert_eq!((area.level, area.indicators[0].id.as_str()), (GoalLevel::GoalArea, "omrade-index"));
    let under_area = loaded.goal("arbetsmiljo").unwrap();
    assert_eq!((under_area.area.map(|a| a.id.as_str()), under_area.kf_goal.is_none()), (Some("omsorg"), true));
    let top = loaded.goal("digitalt").unwrap();
    assert!(top.area.is_none() && top.kf_goal.is_none());
    let (_, sjuk) = loaded.indicator("sjuk").unwrap();
    assert_eq!((sjuk.direction, sjuk.source.is_none()), (Some(Direction::Lower), true), "no source stated, none stored");
    let (_, e) = loaded.indicator("e-tjanster").unwrap();
    assert_eq!(e.direction, None, "no direction stated, none invented");
    assert_eq!(loaded.indicator_scale.as_ref().unwrap().levels.len(), 3);
    let columns = |goal: &str| loaded.indicator_columns_of(goal).iter().map(|c| c.period).collect::<Vec<_>>();
    assert_eq!(columns("omsorg"), [Period::HalfYear { year: 2023, half: 2 }, Period::HalfYear { year: 2024, half: 1 }]);
    assert_eq!(columns("kontinuitet"), [Period::Year(2022), Period::Year(2023), Period::YearToDate { year: 2024, month: 8 }]);
    assert_eq!(loaded.indicator_columns_of("kf-jamlik")[1].label.as_deref(), Some("Prel. 2024"));

    let mut back = followup::load_followup(store, "2184-son", 2024, "t2").await.unwrap();
    back.committee = f.committee.clone();
    assert_eq!(back, f);
    let level = |goal: &str| back.assessments.iter().find(|a| a.goal == goal).unwrap().level.clone();
    assert_eq!((level("omsorg"), level("kf-jamlik"), level("digitalt")), (Some("gul".into()), Some("gron".into()), None));
    assert_eq!(back.indicators[1].trend, Some(Trend::Decreased));
    assert_eq!(back.indicators[2].judgement, None);

    let ids: BTreeSet<String> = p.indicators().map(|(_, i)| i.id.clone()).collect();
    let parsed = outcomes_csv::parse(LEVELS_OUTCOMES, "goal-levels-outcomes.csv", &ids).unwrap();
    let mut tx = store.begin().await.unwrap();
    outcomes::save_outcomes(&mut tx, "2184-son", &parsed, &actor()).await.unwrap();
    tx.commit().await.unwrap();
    let mut loaded = outcomes::load_outcomes(store, "2184-son", None).await.unwrap();
    let mut expected = parsed.clone();
    let sort_key = |o: &styr_domain::Outcome| (o.indicator.clone(), o.period, o.gender, o.comparison.clone(), o.regi);
    loaded.sort_by_key(sort_key);
    expected.sort_by_key(sort_key);
    assert_eq!(loaded, expected);
    let kinds: BTreeSet<String> = loaded.iter().map(|o| o.period.to_string().chars().skip(5).take(1).collect()).collect();
    assert_eq!(kinds, ["", "0", "H", "M", "Q", "T"].map(String::from).into(), "years, years to date, halves, months, quarters, tertials");
    let regi: Vec<(Option<Regi>, Option<f64>)> =
        loaded.iter().filter(|o| o.indicator == "kf-nojdhet" && o.period == Period::Year(2024)).map(|o| (o.regi, o.value)).collect();
    assert_eq!(regi, [(None, Some(91.0)), (Some(Regi::Egen), Some(93.0)), (Some(Regi::Extern), Some(86.0))]);
}

/// A goal renamed with `renamed_from` keeps its assessments (a move, not a removal); a goal
/// removed takes its assessments with it, and they are named beforehand.
async fn renamed_and_removed_goals_keep_assessments_consistent(store: &Store) {
    let (p, f) = save_levels(store).await;
    let mut renamed = p.clone();
    let goal = &mut renamed.goal_areas[0].kf_goals[0].goals[0];
    assert_eq!(goal.id, "kontinuitet");
    goal.id = "personalkontinuitet".into();
    goal.renamed_from = Some("kontinuitet".into());
    let mut tx = store.begin().await.unwrap();
    assert_eq!(plan::assessments_without_goal(&mut tx, &renamed).await.unwrap(), vec![]);
    let changes = plan::save_plan(&mut tx, &renamed, &actor()).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(changes.deleted, 0, "a rename removes nothing: {changes:?}");
    let back = followup::load_followup(store, "2184-son", 2024, "t2").await.unwrap();
    let moved = back.assessments.iter().find(|a| a.goal == "personalkontinuitet").expect("the assessment moved with its goal");
    assert_eq!(moved.level.as_deref(), Some("gul"));
    assert!(!back.assessments.iter().any(|a| a.goal == "kontinuitet"));
    assert_eq!(back.assessments.len(), f.assessments.len());

    let mut removed = renamed.clone();
    removed.goal_areas[0].goals.clear();
    let mut tx = store.begin().await.unwrap();
    let lost = plan::assessments_without_goal(&mut tx, &removed).await.unwrap();
    assert_eq!(lost, vec![("arbetsmiljo".to_string(), vec!["t2".to_string()])]);
    let changes = plan::save_plan(&mut tx, &removed, &actor()).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(changes.by_kind["assessments"].deleted, 1, "{changes:?}");
    assert_eq!(changes.by_kind["indicator_followups"].deleted, 1, "the removed goal's indicator judgement too");
    let back = followup::load_followup(store, "2184-son", 2024, "t2").await.unwrap();
    assert!(!back.assessments.iter().any(|a| a.goal == "arbetsmiljo"), "no orphan assessment left");
}

/// The schema's foreign keys refuse an assessment of a goal, or a judgement of an indicator, the
/// plan does not have, even when the file checks are bypassed.
async fn foreign_keys_refuse_unknown_goals_and_indicators(store: &Store) {
    let (_, f) = save_levels(store).await;
    for (goal, indicator) in [("okant-mal", None), ("omsorg", Some("okand-indikator"))] {
        let mut bad = f.clone();
        bad.assessments[0].goal = goal.into();
        if let Some(i) = indicator {
            bad.indicators[0].indicator = i.into();
        }
        let mut tx = store.begin().await.unwrap();
        followup::save_followup(&mut tx, "2184-son", &bad, &actor()).await.unwrap();
        assert!(tx.commit().await.is_err(), "{goal} {indicator:?} was accepted");
    }
    let mut back = followup::load_followup(store, "2184-son", 2024, "t2").await.unwrap();
    back.committee = f.committee.clone();
    assert_eq!(back, f, "the refused writes left nothing");
}

/// Uppdrag link goals of every level, a plan's requirement of an explicit rule is kept, and the
/// database refuses an uppdrag naming an unknown goal (migration 0008).
async fn commission_goals_and_required_rules_round_trip(store: &Store) {
    let mut p = plan_file::parse(EXEMPELKOMMUN_PLAN, "plan.yaml").unwrap();
    p.commissions[0].goal = Some("kf-trygg-omsorg".into());
    p.commissions[1].goal = Some("livskvalitet".into());
    p.commissions[2].goal = Some("digital-tillganglighet".into());
    p.require_assessment_rule = true;
    assert!(p.assessment_rule.is_none());
    save(store, &p).await;
    let back = plan::load_plan(store, "9998-sn", 2024).await.unwrap();
    assert_eq!(back, p);
    let goals: Vec<Option<&str>> = back.commissions.iter().take(3).map(|c| c.goal.as_deref()).collect();
    assert_eq!(goals, [Some("kf-trygg-omsorg"), Some("livskvalitet"), Some("digital-tillganglighet")]);
    assert!(back.require_assessment_rule && back.effective_rule().is_none());

    // Required with a rule stated, then neither: each read back as written.
    let mut with_rule = p.clone();
    with_rule.assessment_rule = p.default_rule();
    save(store, &with_rule).await;
    assert_eq!(plan::load_plan(store, "9998-sn", 2024).await.unwrap(), with_rule);
    let mut neither = p.clone();
    neither.require_assessment_rule = false;
    save(store, &neither).await;
    let back = plan::load_plan(store, "9998-sn", 2024).await.unwrap();
    assert_eq!(back, neither);
    assert_eq!(back.effective_rule(), p.default_rule(), "without the requirement the default rule applies");

    // An unknown goal passes no validation here: the foreign key refuses it at commit.
    let mut bad = neither.clone();
    bad.commissions[0].goal = Some("okant-mal".into());
    let mut tx = store.begin().await.unwrap();
    plan::save_plan(&mut tx, &bad, &actor()).await.unwrap();
    assert!(tx.commit().await.is_err(), "an uppdrag of an unknown goal was accepted");
    assert_eq!(plan::load_plan(store, "9998-sn", 2024).await.unwrap(), neither, "the refused write left nothing");
}

async fn economics_round_trip(store: &Store) {
    for text in [HUDDINGE_ECONOMICS, COVERAGE_ECONOMICS] {
        let (committee, facts) = economics_file::parse(text, "economics.yaml").unwrap();
        let mut tx = store.begin().await.unwrap();
        economics::save_economics(&mut tx, &committee, &facts, &actor()).await.unwrap();
        tx.commit().await.unwrap();
        let loaded = economics::load_economics(store, &committee).await.unwrap();
        let sorted = |f: &styr_domain::EconomicFacts| {
            let mut f = f.clone();
            f.amounts.sort_by_key(|a| (a.line.clone(), a.measure, a.period, a.round.clone()));
            f.equity.sort_by_key(|e| e.year);
            f
        };
        assert_eq!(sorted(&loaded), sorted(&facts), "{committee}");
    }
    let cov = economics::load_economics(store, "1489-son").await.unwrap();
    let vol = cov.volumes.iter().find(|v| v.id == "sabo-platser").unwrap();
    assert_eq!((vol.commitment, vol.outcome, vol.forecast, vol.round.as_str()), (Some(420.0), Some(418.5), Some(421.0), ""));
    let per_round: Vec<(&str, Option<f64>)> =
        cov.volumes.iter().filter(|v| v.id == "ht-timmar").map(|v| (v.round.as_str(), v.forecast)).collect();
    assert_eq!(per_round, [("t1", Some(402_000.0)), ("t2", Some(404_500.0))], "one volume, a forecast per round");
    assert_eq!(cov.grants[0].org_unit.as_deref(), Some("ao"));
    let inv = &cov.investments[0];
    assert_eq!((inv.number.as_deref(), inv.forecast), (Some("4711"), Some(Amount::from_ore(48_000_000))));
    let forecasts = cov.amounts.iter().filter(|a| a.measure == Measure::Forecast && a.line == "intakter").count();
    assert_eq!(forecasts, 2, "one forecast per round");
    // 1 000,5 tkr is kept to the öre.
    let budget = cov.amounts.iter().find(|a| a.line == "intakter" && a.measure == Measure::Budget).unwrap();
    assert_eq!(budget.amount, Amount::from_ore(100_050_000));
}

/// Delår economics typed without a ledger: deviations, forecast deviations and changes, notes,
/// published totals, investment categories, volume groups and åtgärder come back as saved.
async fn typed_delar_economics_round_trip(store: &Store) {
    use styr_domain::Period;
    let (committee, facts) = economics_file::parse(TYPED_DELAR_ECONOMICS, "typed.yaml").unwrap();
    let mut tx = store.begin().await.unwrap();
    economics::save_economics(&mut tx, &committee, &facts, &actor()).await.unwrap();
    tx.commit().await.unwrap();
    let loaded = economics::load_economics(store, &committee).await.unwrap();
    let sorted = |f: &styr_domain::EconomicFacts| {
        let mut f = f.clone();
        f.amounts.sort_by_key(|a| (a.line.clone(), a.measure, a.period, a.round.clone()));
        f.notes.sort_by_key(|n| (n.line.clone(), n.year, n.round.clone()));
        f
    };
    assert_eq!(sorted(&loaded), sorted(&facts));
    let tkr = |v: i64| Amount::from_ore(v * 100_000);
    let ytd = Period::YearToDate { year: 2025, month: 8 };
    let get = |line: &str, m: Measure, p: Period, r: &str| loaded.line_value(line, m, p, r).unwrap();
    assert_eq!(get("personal", Measure::Deviation, ytd, ""), Some(tkr(-1499)), "a typed deviation");
    assert_eq!(get("personal", Measure::ForecastChange, Period::Year(2025), "t2"), Some(tkr(-1000)));
    assert_eq!(get("netto", Measure::Budget, Period::Year(2025), ""), Some(tkr(-68_001)), "the published total, not the sum");
    assert_eq!(get("netto", Measure::Outcome, ytd, ""), Some(tkr(8400 - 41_500 - 13_000)), "no published value: the sum");
    assert_eq!(get("ovrigt", Measure::Outcome, Period::YearToDate { year: 2024, month: 8 }, ""), None, "missing is not zero");
    let note = loaded.notes.iter().find(|n| n.line == "personal" && n.round == "t2").unwrap();
    assert_eq!((note.forecast_deviation_percent, note.year), (Some(-3.3), 2025));
    let inv = loaded.investments.iter().find(|i| i.id == "p4711").unwrap();
    assert_eq!(
        (inv.category.as_deref(), inv.period_outcome, inv.period, inv.outcome),
        (Some("Inventarier"), Some(tkr(120)), Some(ytd), None)
    );
    let vol = loaded.volumes.iter().find(|v| v.id == "ht-timmar").unwrap();
    assert_eq!((vol.group.as_deref(), vol.previous_outcome), (Some("Ordinärt boende"), Some(250_000.0)));
    let action = loaded.actions.iter().find(|a| a.id == "bemanning").unwrap();
    assert_eq!(
        (action.effect_this_year, action.effect_next_year, action.line.as_deref()),
        (Some(tkr(800)), Some(tkr(2400)), Some("personal"))
    );
    let statuses: Vec<_> = action.followups.iter().map(|f| (f.round.as_str(), f.status)).collect();
    assert_eq!(statuses, [("t1", Some(styr_domain::WorkStatus::NotStarted)), ("t2", Some(styr_domain::WorkStatus::InProgress))]);
    // Saving again changes nothing; removing an åtgärd removes its follow-ups too.
    let mut tx = store.begin().await.unwrap();
    assert!(economics::save_economics(&mut tx, &committee, &facts, &actor()).await.unwrap().is_empty());
    let mut fewer = facts.clone();
    fewer.actions.retain(|a| a.id != "bemanning");
    let changes = economics::save_economics(&mut tx, &committee, &fewer, &actor()).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(changes.by_kind["corrective_actions"].deleted, 1);
    assert_eq!(changes.by_kind["corrective_action_followups"].deleted, 2);
    assert_eq!(economics::load_economics(store, &committee).await.unwrap().actions.len(), 1);
}

async fn personnel_round_trip(store: &Store) {
    let (committee, facts) = personnel_file::parse(COVERAGE_PERSONNEL, "personnel.yaml").unwrap();
    let mut tx = store.begin().await.unwrap();
    personnel::save_personnel(&mut tx, &committee, &facts, &actor()).await.unwrap();
    tx.commit().await.unwrap();
    let loaded = personnel::load_personnel(store, &committee).await.unwrap();
    assert_eq!(loaded, facts);
    let by_age: Vec<_> = loaded.stats.iter().filter_map(|s| s.age_band.as_deref()).collect();
    assert_eq!(by_age, ["-29", "30-49", "50-"]);
    let long = loaded.stats.iter().find(|s| s.length.as_deref() == Some("60-")).unwrap();
    assert_eq!((long.gender, long.org_unit.as_deref(), long.value), (styr_domain::Gender::K, Some("ao"), 3.7));
}

/// Sick-leave windows (month, R12, year to date, a range, a year), the long-sick-leave share,
/// recruitments and labelled counts are distinct statistics and come back as written.
async fn personnel_windows_round_trip(store: &Store) {
    use styr_domain::personnel::{PersonnelMeasure, Window};
    let (committee, facts) = personnel_file::parse(COVERAGE_PERSONNEL, "personnel.yaml").unwrap();
    let mut tx = store.begin().await.unwrap();
    personnel::save_personnel(&mut tx, &committee, &facts, &actor()).await.unwrap();
    tx.commit().await.unwrap();
    let loaded = personnel::load_personnel(store, &committee).await.unwrap();
    assert_eq!(loaded, facts);
    let sick: Vec<String> = loaded
        .stats
        .iter()
        .filter(|s| s.measure == PersonnelMeasure::SickLeave && s.age_band.is_none() && s.length.is_none())
        .map(|s| format!("{} {}", s.period_label(), s.value))
        .collect();
    assert_eq!(sick, ["R12 t.o.m. apr 2025 8.1", "jan–apr 2025 8.6", "apr 2025 7.7", "1 jan–31 mar 2025 9", "2024 8.8"]);
    let range = loaded.stats.iter().find(|s| s.window == Window::Range).unwrap();
    assert_eq!(range.from.map(|d| d.to_string()), Some("2025-01-01".to_string()));
    let counts: Vec<(&str, f64)> =
        loaded.stats.iter().filter(|s| s.measure == PersonnelMeasure::Count).map(|s| (s.measure_label(), s.value)).collect();
    assert_eq!(counts, [("Antal chefer", 31.0), ("Antal undersköterskor", 402.0)]);
    let long = loaded.stats.iter().find(|s| s.measure == PersonnelMeasure::LongSickLeaveShare).unwrap();
    assert_eq!((long.window, long.value), (Window::Ytd, 41.2));
}

async fn ledger_round_trip(store: &Store) {
    let c = "1489-son";
    let accounts = vec![
        Account { number: "3010".into(), name: "Försäljning".into(), kind: Some('I') },
        Account { number: "5010".into(), name: "Löner".into(), kind: Some('K') },
    ];
    let centres = vec![CostCentre { code: "100".into(), name: "Hemtjänst Norr".into(), org_unit: Some("ht-norr".into()) }];
    let amount = |month, account: &str, measure, ore| LedgerAmount {
        year: 2025,
        month,
        account: account.into(),
        cost_centre: "100".into(),
        measure,
        amount: Amount::from_ore(ore),
    };
    let first = vec![amount(1, "5010", Measure::Outcome, 123_456), amount(1, "5010", Measure::Budget, 120_000)];
    let mut tx = store.begin().await.unwrap();
    ledger::save_accounts(&mut tx, c, &accounts, &actor()).await.unwrap();
    ledger::save_cost_centres(&mut tx, c, &centres, &actor()).await.unwrap();
    ledger::replace_ledger_year(&mut tx, c, 2025, &[Measure::Outcome, Measure::Budget], &first, &actor()).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(ledger::load_accounts(store, c).await.unwrap(), accounts);
    assert_eq!(ledger::load_cost_centres(store, c).await.unwrap(), centres);
    // Re-importing the year replaces it: the budget row goes, a new month comes.
    let second = vec![amount(1, "5010", Measure::Outcome, 123_456), amount(2, "3010", Measure::Outcome, -5_000)];
    let all = [Measure::Outcome, Measure::Budget];
    let mut tx = store.begin().await.unwrap();
    let changes = ledger::replace_ledger_year(&mut tx, c, 2025, &all, &second, &actor()).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!((changes.inserted, changes.updated, changes.deleted), (1, 0, 1));
    let mut loaded = ledger::load_ledger_year(store, c, 2025).await.unwrap();
    loaded.sort_by_key(|a| a.month);
    assert_eq!(loaded, second);
    // A budget-only import leaves the outcomes alone.
    let budget = vec![amount(3, "5010", Measure::Budget, 90_000)];
    let mut tx = store.begin().await.unwrap();
    let changes = ledger::replace_ledger_year(&mut tx, c, 2025, &[Measure::Budget], &budget, &actor()).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!((changes.inserted, changes.deleted), (1, 0));
    assert_eq!(ledger::load_ledger_year(store, c, 2025).await.unwrap().len(), 3);
}

async fn mapping_and_forecasts_round_trip(store: &Store) {
    use styr_domain::economics::Forecast;
    use styr_domain::ledger_mapping::{CodeRange, CostCentreRule, LedgerMapping, MappedRow};
    let r = |s: &str| CodeRange::try_from(s.to_string()).unwrap();
    let mapping = LedgerMapping {
        cost_centre_dimension: 1,
        rows: vec![
            MappedRow { id: "intakter".into(), label: "Verksamhetens intäkter".into(), accounts: vec![r("3000-3999")] },
            MappedRow { id: "ovrigt".into(), label: "Övriga kostnader".into(), accounts: vec![r("4700-4899"), r("6000-7999"), r("8510")] },
        ],
        cost_centres: vec![CostCentreRule { codes: vec![r("100-199"), r("A1")], org_unit: "hemtjanst".into() }],
    };
    let forecast = |round: &str, ore, method: &str, comment: Option<&str>| Forecast {
        year: 2025,
        round: round.into(),
        org_unit: "ao".into(),
        row: "ovrigt".into(),
        amount: Amount::from_ore(ore),
        method: method.into(),
        comment: comment.map(String::from),
    };
    let forecasts =
        vec![forecast("t1", -500_000, "seasonal_profile", None), forecast("t2", -520_000, "manual", Some("Larminstallationer"))];
    let mut tx = store.begin().await.unwrap();
    ledger::save_mapping(&mut tx, "1489-son", &mapping, &actor()).await.unwrap();
    ledger::save_forecasts(&mut tx, "1489-son", &forecasts, &actor()).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(ledger::load_mapping(store, "1489-son").await.unwrap(), Some(mapping));
    assert_eq!(ledger::load_mapping(store, "0126-von").await.unwrap(), None);
    let mut loaded = ledger::load_forecasts(store, "1489-son", 2025).await.unwrap();
    loaded.sort_by_key(|f| f.round.clone());
    assert_eq!(loaded, forecasts);
}

async fn changed_plan_is_audited(store: &Store) {
    let mut p = plan_file::parse(HUDDINGE_PLAN, "plan").unwrap();
    let first = save(store, &p).await;
    assert!(first.inserted > 50);
    let unchanged = save(store, &p).await;
    assert_eq!(unchanged, styr_store::Changes::default(), "saving the same plan changes nothing");

    let kv = p.goal_areas.iter_mut().flat_map(|a| &mut a.kf_goals).flat_map(|k| &mut k.goals).find(|g| g.id == "klimat").unwrap();
    kv.title = "Vård- och omsorgsnämnden minskar sina utsläpp".into();
    let matsvinn = kv.indicators.iter_mut().find(|i| i.id == "matsvinn").unwrap();
    matsvinn.targets.etappmal.insert(2023, 18.0);
    p.commissions.retain(|c| c.id != "kompetensforsorjning");
    let second = save(store, &p).await;
    assert_eq!((second.inserted, second.updated, second.deleted), (0, 2, 1));

    let entries = history::history(store, Some("goals"), "0126-von/2023/klimat", 100).await.unwrap();
    assert_eq!(entries.len(), 2, "insert and update");
    let update = &entries[1];
    assert_eq!((update.action.as_str(), update.revision, update.user.as_str()), ("update", 2, "testare"));
    let newest = history::history(store, Some("goals"), "0126-von/2023/klimat", 1).await.unwrap();
    assert_eq!(newest, std::slice::from_ref(update), "a limit keeps the newest entries");
    assert!(history::history(store, None, "0126-VON", 10).await.unwrap().is_empty(), "keys match case-sensitively");
    assert_eq!(update.before.as_ref().unwrap()["title"], "Vård och omsorgsnämnden minskar sina utsläpp av växthusgaser");
    assert_eq!(update.after.as_ref().unwrap()["title"], "Vård- och omsorgsnämnden minskar sina utsläpp");
    let target = history::history(store, Some("indicator_targets"), "0126-von/2023/matsvinn/etappmal", 10).await.unwrap();
    assert_eq!(target.last().unwrap().before.as_ref().unwrap()["value"], 20.0);
    assert_eq!(target.last().unwrap().after.as_ref().unwrap()["value"], 18.0);
    let deleted = history::history(store, Some("commissions"), "0126-von/2023/kompetensforsorjning", 10).await.unwrap();
    assert_eq!(deleted.last().unwrap().action, "delete");
    assert!(deleted.last().unwrap().after.is_none());
    // An unrelated goal kept its first revision.
    let other = history::history(store, Some("goals"), "0126-von/2023/ekonomi", 10).await.unwrap();
    assert_eq!(other.iter().filter(|e| e.object_key == "0126-von/2023/ekonomi").count(), 1, "{other:?}");
}

async fn stale_edits_are_refused(store: &Store) {
    let p = plan_file::parse(HUDDINGE_PLAN, "plan").unwrap();
    save(store, &p).await;
    let f = followup_file::parse_for_plan(HUDDINGE_FOLLOWUP, "followup", &p).unwrap();
    let mut tx = store.begin().await.unwrap();
    followup::save_followup(&mut tx, "0126-von", &f, &actor()).await.unwrap();
    tx.commit().await.unwrap();

    let (mut a, rev) = followup::load_assessment(store, "0126-von", 2023, "helar", "klimat").await.unwrap().unwrap();
    assert_eq!(rev, 1);
    a.motivation.push_str(" Tillägg från Anna.");
    let anna = Actor::new("anna");
    let new_rev = followup::update_assessment(store, "0126-von", 2023, "helar", &a, rev, &anna).await.unwrap();
    assert_eq!(new_rev, 2);
    // Bertil started from revision 1 too; his save is refused and Anna's text stays.
    let mut b = a.clone();
    b.motivation = "Bertils text".into();
    let err = followup::update_assessment(store, "0126-von", 2023, "helar", &b, rev, &Actor::new("bertil")).await.unwrap_err();
    assert!(matches!(err, StoreError::StaleRevision { expected: 1, .. }), "{err}");
    let (stored, stored_rev) = followup::load_assessment(store, "0126-von", 2023, "helar", "klimat").await.unwrap().unwrap();
    assert!(stored.motivation.ends_with("Tillägg från Anna."));
    assert_eq!(stored_rev, 2);
}

async fn failed_write_leaves_nothing(store: &Store) {
    let good = plan_file::parse(HUDDINGE_PLAN, "plan").unwrap();
    save(store, &good).await;
    // A plan that slipped past validation with the same indicator id twice fails half-way through
    // the save; the transaction is dropped and the stored plan is untouched.
    let mut bad = good.clone();
    bad.goal_areas[0].title = "Ändrad titel".into();
    let dup = bad.goal_areas[0].kf_goals[0].goals[0].indicators[0].clone();
    bad.goal_areas[0].kf_goals[0].goals[0].indicators.push(dup);
    let mut tx = store.begin().await.unwrap();
    let err = plan::save_plan(&mut tx, &bad, &actor()).await.unwrap_err();
    assert!(matches!(err, StoreError::Duplicate { table: "indicators", .. }), "{err}");
    drop(tx);
    assert_eq!(plan::load_plan(store, "0126-von", 2023).await.unwrap(), good);
    let audit = history::history(store, Some("goals"), "0126-von/2023/social", 10).await.unwrap();
    assert_eq!(audit.len(), 1, "the rolled-back update left no audit entry");
}

macro_rules! on_both_backends {
    ($($case:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $case() {
                    let dir = std::env::temp_dir().join(format!("styr-test-{}-{}", std::process::id(), stringify!($case)));
                    let _ = std::fs::remove_file(&dir);
                    let store = styr_store::Store::open(dir.to_str().unwrap()).await.unwrap();
                    super::$case(&store).await;
                    store.close().await.unwrap();
                    let _ = std::fs::remove_file(&dir);
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $case() {
                    let Some(url) = styr_store::testing::postgres_url() else { return };
                    // A fresh schema per case: cases run in parallel, and other checkouts may test
                    // against the same server.
                    let schema = styr_store::testing::PgSchema::create(&url, stringify!($case)).await.unwrap();
                    let store = styr_store::Store::open(&schema.url).await.unwrap();
                    assert_eq!(store.backend(), styr_store::Backend::Postgres);
                    super::$case(&store).await;
                    store.close().await.unwrap();
                }
            )*
        }
    };
}

on_both_backends!(
    goal_levels_round_trip,
    renamed_and_removed_goals_keep_assessments_consistent,
    foreign_keys_refuse_unknown_goals_and_indicators,
    commission_goals_and_required_rules_round_trip,
    plans_round_trip,
    followups_round_trip,
    outcomes_round_trip,
    economics_round_trip,
    typed_delar_economics_round_trip,
    personnel_round_trip,
    personnel_windows_round_trip,
    report_parts_round_trip,
    ledger_round_trip,
    mapping_and_forecasts_round_trip,
    changed_plan_is_audited,
    stale_edits_are_refused,
    failed_write_leaves_nothing,
    every_table_definition_matches_the_migrated_database,
);

/// The migration files of one back end, by name, read from the crate's directory (so a new
/// migration is compared without editing this test).
fn migrations(backend: &str) -> std::collections::BTreeMap<String, String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations").join(backend);
    std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect()
}

#[test]
fn migrations_differ_only_in_the_identity_column() {
    let sqlite = migrations("sqlite");
    let postgres = migrations("postgres");
    assert_eq!(sqlite.keys().collect::<Vec<_>>(), postgres.keys().collect::<Vec<_>>(), "the same migrations on both back ends");
    assert!(sqlite.len() >= 4, "{:?}", sqlite.keys());
    for (name, lite) in &sqlite {
        let pg = &postgres[name];
        let diff: Vec<(&str, &str)> = lite.lines().zip(pg.lines()).filter(|(a, b)| a != b).collect();
        let identity = [("    id INTEGER PRIMARY KEY AUTOINCREMENT,", "    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,")];
        assert!(diff.is_empty() || diff == identity, "{name} differs: {diff:?}");
        assert_eq!(lite.lines().count(), pg.lines().count(), "{name}");
    }
}

/// Every column of every table definition exists in a database the migrations built.
async fn every_table_definition_matches_the_migrated_database(store: &Store) {
    use sqlx::Row as _;
    let sql = match store.backend() {
        styr_store::Backend::Sqlite => "SELECT name FROM pragma_table_info($1)",
        styr_store::Backend::Postgres => {
            "SELECT CAST(column_name AS TEXT) AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1"
        }
    };
    for def in styr_store::schema::ALL {
        let columns: BTreeSet<String> =
            sqlx::query(sql).bind(def.name).fetch_all(store.pool()).await.unwrap().iter().map(|r| r.get::<String, _>("name")).collect();
        assert!(!columns.is_empty(), "no table {} in the migrated database", def.name);
        for (col, _) in def.key.iter().chain(def.data).chain([&("revision", styr_store::table::ColType::Int)]) {
            assert!(columns.contains(*col), "{}.{col} is not in the migrated database (it has {columns:?})", def.name);
        }
    }
}
