//! Storing and loading a committee's plan for a year.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use sqlx::{Any, Transaction};
use styr_domain::goals::{Agenda2030Target, Goal, GoalArea, KfGoal};
use styr_domain::org::{Committee, Municipality, MunicipalityCode, OrgUnit, Regi};
use styr_domain::{
    AssessmentRule, AuditReference, Commission, CommissionOrigin, ControlPoint, Direction, Frequencies, Indicator, IndicatorSource,
    KeyFigure, KeyFigureTable, Plan, ReportRound, Risk, RiskOrigin, RoundKind, RuleMethod, ScaleLevel, SignalScale, TargetValue, Targets,
    Threshold, Unit,
};

use crate::schema::*;
use crate::table::{Actor, Changes, Row, StoredRow, Value, select_scope, sync_rows};
use crate::{Result, Store, StoreError, corrupt};

fn ord(i: usize) -> Value {
    Value::int(i as i64)
}

/// Replaces the stored plan of `plan.committee` for `plan.year` with `plan`, in the caller's transaction.
/// Objects that did not change keep their revision; changed ones are audited with before/after values.
pub async fn save_plan(tx: &mut Transaction<'_, Any>, plan: &Plan, actor: &Actor) -> Result<Changes> {
    let c = plan.committee_key();
    let y = plan.year as i64;
    let scope = || vec![Value::text(&c), Value::int(y)];
    let key = |id: &str| vec![Value::text(&c), Value::int(y), Value::text(id)];
    let mut changes = Changes::default();

    let m = &plan.municipality;
    changes +=
        crate::table::upsert_row(tx, &MUNICIPALITIES, Row::new(vec![Value::text(m.code.as_str())], vec![Value::text(&m.name)]), actor)
            .await?;
    changes += crate::table::upsert_row(
        tx,
        &COMMITTEES,
        Row::new(
            vec![Value::text(&c)],
            vec![Value::text(m.code.as_str()), Value::text(&plan.committee.id), Value::text(&plan.committee.name)],
        ),
        actor,
    )
    .await?;

    let s = &plan.scale;
    let scale_row = Row::new(scope(), vec![Value::text(&s.id), Value::text(&s.name)]);
    changes += sync_rows(tx, &SCALES, &scope(), vec![scale_row], actor).await?;
    let levels = s
        .levels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut k = scope();
            k.push(Value::text(&l.key));
            Row::new(k, vec![Value::text(&l.label), Value::text(&l.color), Value::int(l.evaluated as i64), ord(i)])
        })
        .collect();
    changes += sync_rows(tx, &SCALE_LEVELS, &scope(), levels, actor).await?;

    let units = OrgUnit::flatten(&plan.organisation)
        .into_iter()
        .enumerate()
        .map(|(i, (parent, u))| {
            Row::new(
                key(&u.id),
                vec![
                    Value::opt_text(parent),
                    Value::text(&u.name),
                    Value::text(&u.kind),
                    Value::opt_text(u.regi.map(Regi::as_str)),
                    ord(i),
                ],
            )
        })
        .collect();
    changes += sync_rows(tx, &ORG_UNITS, &scope(), units, actor).await?;

    let rounds = plan
        .rounds
        .iter()
        .enumerate()
        .map(|(i, r)| {
            Row::new(key(&r.id), vec![Value::text(r.kind.as_str()), Value::text(r.period_end.to_string()), Value::text(&r.label), ord(i)])
        })
        .collect();
    changes += sync_rows(tx, &ROUNDS, &scope(), rounds, actor).await?;

    let (mut areas, mut kfs, mut goals, mut agenda, mut indicators, mut targets) = (vec![], vec![], vec![], vec![], vec![], vec![]);
    for area in &plan.goal_areas {
        areas.push(Row::new(key(&area.id), vec![Value::text(&area.title), Value::opt_text(area.description.clone()), ord(areas.len())]));
        for kf in &area.kf_goals {
            kfs.push(Row::new(
                key(&kf.id),
                vec![Value::text(&area.id), Value::text(&kf.title), Value::opt_text(kf.description.clone()), ord(kfs.len())],
            ));
            for g in &kf.goals {
                goals.push(Row::new(
                    key(&g.id),
                    vec![Value::text(&kf.id), Value::text(&g.title), Value::opt_text(g.description.clone()), ord(goals.len())],
                ));
                for (i, t) in g.agenda2030.iter().enumerate() {
                    let mut k = key(&g.id);
                    k.push(Value::text(t.as_str()));
                    agenda.push(Row::new(k, vec![ord(i)]));
                }
                for ind in &g.indicators {
                    indicators.push(indicator_row(key(&ind.id), &g.id, ind, indicators.len()));
                    targets.extend(target_rows(&c, y, ind));
                }
            }
        }
    }
    changes += sync_rows(tx, &GOAL_AREAS, &scope(), areas, actor).await?;
    changes += sync_rows(tx, &KF_GOALS, &scope(), kfs, actor).await?;
    changes += sync_rows(tx, &GOALS, &scope(), goals, actor).await?;
    changes += sync_rows(tx, &GOAL_AGENDA2030, &scope(), agenda, actor).await?;
    changes += sync_rows(tx, &INDICATORS, &scope(), indicators, actor).await?;
    changes += sync_rows(tx, &INDICATOR_TARGETS, &scope(), targets, actor).await?;

    let commissions = plan
        .commissions
        .iter()
        .enumerate()
        .map(|(i, cm)| {
            Row::new(
                key(&cm.id),
                vec![
                    Value::text(cm.origin.as_str()),
                    Value::opt_text(cm.source.clone()),
                    Value::opt_text(cm.goal.clone()),
                    Value::text(&cm.text),
                    ord(i),
                    Value::opt_text(cm.group.clone()),
                    Value::opt_text(cm.start.map(|d| d.to_string())),
                    Value::opt_text(cm.end.map(|d| d.to_string())),
                ],
            )
        })
        .collect();
    changes += sync_rows(tx, &COMMISSIONS, &scope(), commissions, actor).await?;

    let risks = plan.risks.iter().enumerate().map(|(i, r)| risk_row(key(&r.id), r, i)).collect();
    changes += sync_rows(tx, &RISKS, &scope(), risks, actor).await?;

    let controls = plan
        .control_points
        .iter()
        .enumerate()
        .map(|(i, cp)| {
            Row::new(
                key(&cp.id),
                vec![
                    Value::text(&cp.process),
                    Value::text(&cp.what),
                    Value::text(cp.frequency.keys()),
                    Value::text(&cp.method),
                    Value::opt_text(cp.sample.clone()),
                    ord(i),
                    Value::opt_text(cp.risk.clone()),
                ],
            )
        })
        .collect();
    changes += sync_rows(tx, &CONTROL_POINTS, &scope(), controls, actor).await?;

    let (mut tables, mut figures, mut values) = (vec![], vec![], vec![]);
    for (ti, t) in plan.key_figures.iter().enumerate() {
        tables.push(Row::new(key(&t.id), vec![Value::text(&t.title), ord(ti)]));
        for kf in &t.rows {
            figures.push(Row::new(
                key(&kf.id),
                vec![
                    Value::text(&t.id),
                    Value::text(&kf.title),
                    Value::text(kf.unit.as_str()),
                    Value::int(kf.decimals as i64),
                    ord(figures.len()),
                ],
            ));
            for (year, v) in &kf.values {
                let mut k = key(&kf.id);
                k.push(Value::int(*year as i64));
                values.push(Row::new(k, vec![Value::real(*v)]));
            }
        }
    }
    changes += sync_rows(tx, &KEY_FIGURE_TABLES, &scope(), tables, actor).await?;
    changes += sync_rows(tx, &KEY_FIGURES, &scope(), figures, actor).await?;
    changes += sync_rows(tx, &KEY_FIGURE_VALUES, &scope(), values, actor).await?;

    let (rule, thresholds) = match &plan.assessment_rule {
        None => (vec![], vec![]),
        Some(r) => {
            let rule = Row::new(scope(), vec![Value::text(rule_method_key(r.method)), Value::real(r.min_share_with_outcome)]);
            let thresholds = r
                .thresholds
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let mut k = scope();
                    k.push(ord(i));
                    let (bound, share) = match (t.at_least, t.above) {
                        (Some(v), _) => ("at_least", v),
                        (None, Some(v)) => ("above", v),
                        (None, None) => ("at_least", 0.0),
                    };
                    Row::new(k, vec![Value::text(&t.level), Value::text(bound), Value::real(share)])
                })
                .collect();
            (vec![rule], thresholds)
        }
    };
    changes += sync_rows(tx, &ASSESSMENT_RULES, &scope(), rule, actor).await?;
    changes += sync_rows(tx, &ASSESSMENT_RULE_THRESHOLDS, &scope(), thresholds, actor).await?;
    Ok(changes)
}

fn indicator_row(key: Vec<Value>, goal_id: &str, ind: &Indicator, ordinal: usize) -> Row {
    Row::new(
        key,
        vec![
            Value::text(goal_id),
            Value::text(&ind.title),
            Value::text(ind.unit.as_str()),
            Value::text(ind.direction.as_str()),
            Value::text(ind.source.kind()),
            Value::text(ind.source.reference()),
            Value::int(ind.decimals as i64),
            Value::opt_text(ind.note.clone()),
            ord(ordinal),
        ],
    )
}

fn target_rows(c: &str, y: i64, ind: &Indicator) -> Vec<Row> {
    let k = |kind: &str, year: i32| vec![Value::text(c), Value::int(y), Value::text(&ind.id), Value::text(kind), Value::int(year as i64)];
    let mut rows: Vec<Row> = ind.targets.etappmal.iter().map(|(year, v)| Row::new(k("etappmal", *year), vec![Value::real(*v)])).collect();
    if let Some(m) = ind.targets.malvarde {
        rows.push(Row::new(k("malvarde", m.year), vec![Value::Real(m.value)]));
    }
    rows
}

fn risk_row(key: Vec<Value>, r: &Risk, ordinal: usize) -> Row {
    let audit = match &r.origin {
        RiskOrigin::Audit { audit } => Some(audit),
        RiskOrigin::Own(_) => None,
    };
    Row::new(
        key,
        vec![
            Value::opt_text(r.number.clone()),
            Value::text(&r.process),
            Value::text(&r.risk),
            Value::text(&r.measure),
            Value::opt_text(r.responsible.clone()),
            Value::opt_text(audit.map(|a| a.report.clone())),
            Value::opt_text(audit.and_then(|a| a.reference.clone())),
            Value::opt_text(audit.and_then(|a| a.background.clone())),
            ord(ordinal),
        ],
    )
}

/// The committees that have a plan, with their years: `(committee key, name, year)`.
pub async fn list_plans(store: &Store) -> Result<Vec<(String, String, i32)>> {
    let scales = select_scope(store.pool(), &SCALES, &[]).await?;
    let committees = select_scope(store.pool(), &COMMITTEES, &[]).await?;
    let name_of = |c: &str| {
        committees.iter().find(|r| r.string(&COMMITTEES, "committee") == c).map(|r| r.string(&COMMITTEES, "name")).unwrap_or_default()
    };
    Ok(scales
        .iter()
        .map(|r| {
            let c = r.string(&SCALES, "committee");
            let name = name_of(&c);
            (c, name, r.int(&SCALES, "year").unwrap_or_default() as i32)
        })
        .collect())
}

/// Loads the plan of `committee` (a key such as `0126-von`) for `year`.
pub async fn load_plan(store: &Store, committee: &str, year: i32) -> Result<Plan> {
    let pool = store.pool();
    let scope = [Value::text(committee), Value::int(year as i64)];
    let committee_rows = select_scope(pool, &COMMITTEES, &[Value::text(committee)]).await?;
    let crow = committee_rows.first().ok_or_else(|| StoreError::NotFound(format!("committee {committee}")))?;
    let code = crow.string(&COMMITTEES, "municipality");
    let muni_rows = select_scope(pool, &MUNICIPALITIES, &[Value::text(&code)]).await?;
    let muni_name = muni_rows.first().map(|r| r.string(&MUNICIPALITIES, "name")).unwrap_or_default();
    let scale_rows = select_scope(pool, &SCALES, &scope).await?;
    let srow = scale_rows.first().ok_or_else(|| StoreError::NotFound(format!("plan {committee} {year}")))?;

    let levels = select_scope(pool, &SCALE_LEVELS, &scope)
        .await?
        .iter()
        .map(|r| ScaleLevel {
            key: r.string(&SCALE_LEVELS, "level_key"),
            label: r.string(&SCALE_LEVELS, "label"),
            color: r.string(&SCALE_LEVELS, "color"),
            evaluated: r.int(&SCALE_LEVELS, "evaluated") == Some(1),
        })
        .collect();

    let organisation = build_org_tree(&select_scope(pool, &ORG_UNITS, &scope).await?)?;

    let rounds = select_scope(pool, &ROUNDS, &scope)
        .await?
        .iter()
        .map(|r| {
            let kind = r.string(&ROUNDS, "kind");
            let end = r.string(&ROUNDS, "period_end");
            Ok(ReportRound {
                id: r.string(&ROUNDS, "id"),
                kind: RoundKind::parse(&kind).ok_or_else(|| corrupt(format!("round kind {kind}")))?,
                period_end: NaiveDate::parse_from_str(&end, "%Y-%m-%d").map_err(|_| corrupt(format!("date {end}")))?,
                label: r.string(&ROUNDS, "label"),
            })
        })
        .collect::<Result<Vec<_>>>()?;

    let goal_areas = load_goal_tree(store, &scope).await?;

    let commissions = select_scope(pool, &COMMISSIONS, &scope)
        .await?
        .iter()
        .map(|r| {
            let origin = r.string(&COMMISSIONS, "origin");
            Ok(Commission {
                id: r.string(&COMMISSIONS, "id"),
                origin: CommissionOrigin::parse(&origin).ok_or_else(|| corrupt(format!("origin {origin}")))?,
                source: r.text(&COMMISSIONS, "source"),
                goal: r.text(&COMMISSIONS, "goal_id"),
                text: r.string(&COMMISSIONS, "body"),
                group: r.text(&COMMISSIONS, "group_name"),
                start: date_of(r.text(&COMMISSIONS, "start_date"))?,
                end: date_of(r.text(&COMMISSIONS, "end_date"))?,
            })
        })
        .collect::<Result<Vec<_>>>()?;

    let risks = select_scope(pool, &RISKS, &scope)
        .await?
        .iter()
        .map(|r| Risk {
            id: r.string(&RISKS, "id"),
            number: r.text(&RISKS, "number"),
            process: r.string(&RISKS, "process"),
            risk: r.string(&RISKS, "risk"),
            measure: r.string(&RISKS, "measure"),
            responsible: r.text(&RISKS, "responsible"),
            origin: match r.text(&RISKS, "audit_report") {
                None => RiskOrigin::default(),
                Some(report) => RiskOrigin::Audit {
                    audit: AuditReference {
                        report,
                        reference: r.text(&RISKS, "audit_reference"),
                        background: r.text(&RISKS, "audit_background"),
                    },
                },
            },
        })
        .collect();

    let control_points = select_scope(pool, &CONTROL_POINTS, &scope)
        .await?
        .iter()
        .map(|r| {
            let f = r.string(&CONTROL_POINTS, "frequency");
            Ok(ControlPoint {
                id: r.string(&CONTROL_POINTS, "id"),
                process: r.string(&CONTROL_POINTS, "process"),
                what: r.string(&CONTROL_POINTS, "what"),
                frequency: Frequencies::parse_keys(&f).ok_or_else(|| corrupt(format!("frequency {f}")))?,
                method: r.string(&CONTROL_POINTS, "method"),
                sample: r.text(&CONTROL_POINTS, "sample"),
                risk: r.text(&CONTROL_POINTS, "risk_id"),
            })
        })
        .collect::<Result<Vec<_>>>()?;

    let key_figures = load_key_figures(store, &scope).await?;
    let assessment_rule = load_rule(store, &scope).await?;

    Ok(Plan {
        municipality: Municipality { code: MunicipalityCode::try_from(code).map_err(corrupt)?, name: muni_name },
        committee: Committee { id: crow.string(&COMMITTEES, "local_id"), name: crow.string(&COMMITTEES, "name") },
        year,
        scale: SignalScale { id: srow.string(&SCALES, "scale_id"), name: srow.string(&SCALES, "name"), levels },
        organisation,
        rounds,
        goal_areas,
        commissions,
        risks,
        control_points,
        key_figures,
        assessment_rule,
    })
}

fn rule_method_key(m: RuleMethod) -> &'static str {
    match m {
        RuleMethod::ShareReachingEtappmal => "share_reaching_etappmal",
    }
}

async fn load_rule(store: &Store, scope: &[Value]) -> Result<Option<AssessmentRule>> {
    let rows = select_scope(store.pool(), &ASSESSMENT_RULES, scope).await?;
    let Some(r) = rows.first() else { return Ok(None) };
    let method = match r.string(&ASSESSMENT_RULES, "method").as_str() {
        "share_reaching_etappmal" => RuleMethod::ShareReachingEtappmal,
        other => return Err(corrupt(format!("rule method {other}"))),
    };
    let thresholds = select_scope(store.pool(), &ASSESSMENT_RULE_THRESHOLDS, scope)
        .await?
        .iter()
        .map(|t| {
            let d = &ASSESSMENT_RULE_THRESHOLDS;
            let share = t.real(d, "share");
            let bound = t.string(d, "bound");
            Ok(Threshold {
                level: t.string(d, "level_key"),
                at_least: (bound == "at_least").then_some(share).flatten(),
                above: (bound == "above").then_some(share).flatten(),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Some(AssessmentRule {
        method,
        min_share_with_outcome: r.real(&ASSESSMENT_RULES, "min_share_with_outcome").unwrap_or(0.5),
        thresholds,
    }))
}

fn build_org_tree(rows: &[StoredRow]) -> Result<Vec<OrgUnit>> {
    fn children_of(rows: &[StoredRow], parent: Option<&str>) -> Result<Vec<OrgUnit>> {
        rows.iter()
            .filter(|r| r.text(&ORG_UNITS, "parent_id").as_deref() == parent)
            .map(|r| {
                let id = r.string(&ORG_UNITS, "id");
                let regi = r.text(&ORG_UNITS, "regi");
                Ok(OrgUnit {
                    children: children_of(rows, Some(&id))?,
                    name: r.string(&ORG_UNITS, "name"),
                    kind: r.string(&ORG_UNITS, "kind"),
                    regi: match regi {
                        None => None,
                        Some(s) => Some(Regi::parse(&s).ok_or_else(|| corrupt(format!("regi {s}")))?),
                    },
                    id,
                })
            })
            .collect()
    }
    children_of(rows, None)
}

async fn load_goal_tree(store: &Store, scope: &[Value]) -> Result<Vec<GoalArea>> {
    let pool = store.pool();
    let mut targets: BTreeMap<String, Targets> = BTreeMap::new();
    for r in select_scope(pool, &INDICATOR_TARGETS, scope).await? {
        let t = targets.entry(r.string(&INDICATOR_TARGETS, "indicator_id")).or_default();
        let year = r.int(&INDICATOR_TARGETS, "target_year").unwrap_or_default() as i32;
        let value = r.real(&INDICATOR_TARGETS, "value");
        match r.string(&INDICATOR_TARGETS, "kind").as_str() {
            "etappmal" => {
                t.etappmal.insert(year, value.ok_or_else(|| corrupt("etappmål without value"))?);
            }
            "malvarde" => t.malvarde = Some(TargetValue { year, value }),
            other => return Err(corrupt(format!("target kind {other}"))),
        }
    }
    let mut indicators: BTreeMap<String, Vec<Indicator>> = BTreeMap::new();
    for r in select_scope(pool, &INDICATORS, scope).await? {
        let id = r.string(&INDICATORS, "id");
        let direction = r.string(&INDICATORS, "direction");
        let source =
            IndicatorSource::from_parts(&r.string(&INDICATORS, "source_kind"), r.string(&INDICATORS, "source_ref")).map_err(corrupt)?;
        indicators.entry(r.string(&INDICATORS, "goal_id")).or_default().push(Indicator {
            targets: targets.remove(&id).unwrap_or_default(),
            title: r.string(&INDICATORS, "title"),
            unit: Unit::from(r.string(&INDICATORS, "unit")),
            direction: Direction::parse(&direction).ok_or_else(|| corrupt(format!("direction {direction}")))?,
            source,
            decimals: r.int(&INDICATORS, "decimals").unwrap_or_default() as u8,
            note: r.text(&INDICATORS, "note"),
            id,
        });
    }
    let mut agenda: BTreeMap<String, Vec<Agenda2030Target>> = BTreeMap::new();
    for r in select_scope(pool, &GOAL_AGENDA2030, scope).await? {
        let t = Agenda2030Target::try_from(r.string(&GOAL_AGENDA2030, "target")).map_err(corrupt)?;
        agenda.entry(r.string(&GOAL_AGENDA2030, "goal_id")).or_default().push(t);
    }
    let mut goals: BTreeMap<String, Vec<Goal>> = BTreeMap::new();
    for r in select_scope(pool, &GOALS, scope).await? {
        let id = r.string(&GOALS, "id");
        goals.entry(r.string(&GOALS, "kf_goal_id")).or_default().push(Goal {
            title: r.string(&GOALS, "title"),
            description: r.text(&GOALS, "description"),
            agenda2030: agenda.remove(&id).unwrap_or_default(),
            indicators: indicators.remove(&id).unwrap_or_default(),
            id,
        });
    }
    let mut kf_goals: BTreeMap<String, Vec<KfGoal>> = BTreeMap::new();
    for r in select_scope(pool, &KF_GOALS, scope).await? {
        let id = r.string(&KF_GOALS, "id");
        kf_goals.entry(r.string(&KF_GOALS, "area_id")).or_default().push(KfGoal {
            title: r.string(&KF_GOALS, "title"),
            description: r.text(&KF_GOALS, "description"),
            goals: goals.remove(&id).unwrap_or_default(),
            id,
        });
    }
    let areas = select_scope(pool, &GOAL_AREAS, scope)
        .await?
        .iter()
        .map(|r| {
            let id = r.string(&GOAL_AREAS, "id");
            GoalArea {
                title: r.string(&GOAL_AREAS, "title"),
                description: r.text(&GOAL_AREAS, "description"),
                kf_goals: kf_goals.remove(&id).unwrap_or_default(),
                id,
            }
        })
        .collect();
    Ok(areas)
}

async fn load_key_figures(store: &Store, scope: &[Value]) -> Result<Vec<KeyFigureTable>> {
    let pool = store.pool();
    let mut values: BTreeMap<String, BTreeMap<i32, f64>> = BTreeMap::new();
    for r in select_scope(pool, &KEY_FIGURE_VALUES, scope).await? {
        let year = r.int(&KEY_FIGURE_VALUES, "value_year").unwrap_or_default() as i32;
        let v = r.real(&KEY_FIGURE_VALUES, "value").ok_or_else(|| corrupt("key figure without value"))?;
        values.entry(r.string(&KEY_FIGURE_VALUES, "key_figure_id")).or_default().insert(year, v);
    }
    let mut rows: BTreeMap<String, Vec<KeyFigure>> = BTreeMap::new();
    for r in select_scope(pool, &KEY_FIGURES, scope).await? {
        let id = r.string(&KEY_FIGURES, "id");
        rows.entry(r.string(&KEY_FIGURES, "table_id")).or_default().push(KeyFigure {
            title: r.string(&KEY_FIGURES, "title"),
            unit: Unit::from(r.string(&KEY_FIGURES, "unit")),
            decimals: r.int(&KEY_FIGURES, "decimals").unwrap_or_default() as u8,
            values: values.remove(&id).unwrap_or_default(),
            id,
        });
    }
    Ok(select_scope(pool, &KEY_FIGURE_TABLES, scope)
        .await?
        .iter()
        .map(|r| {
            let id = r.string(&KEY_FIGURE_TABLES, "id");
            KeyFigureTable { title: r.string(&KEY_FIGURE_TABLES, "title"), rows: rows.remove(&id).unwrap_or_default(), id }
        })
        .collect())
}

/// A stored optional date (`2024-03-01`).
fn date_of(s: Option<String>) -> Result<Option<chrono::NaiveDate>> {
    s.map(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| corrupt(format!("date {d}")))).transpose()
}
