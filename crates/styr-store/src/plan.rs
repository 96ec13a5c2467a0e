//! Storing and loading a committee's plan for a year.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use sqlx::{Any, Transaction};
use styr_domain::goals::{Agenda2030Target, Goal, GoalArea, GoalLevel, KfGoal};
use styr_domain::org::{Committee, Municipality, MunicipalityCode, OrgUnit, Regi};
use styr_domain::{
    AssessmentRule, AuditReference, Commission, CommissionOrigin, ControlPoint, Direction, Frequencies, Indicator, IndicatorSource,
    KeyFigure, KeyFigureTable, OuId, Plan, ReportRound, Risk, RiskOrigin, RoundKind, RuleMethod, ScaleLevel, SignalScale, TableColumn,
    TargetValue, Targets, Threshold, Unit,
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
                    Value::opt_text(u.kolada_ou.as_ref().map(|o| o.as_str())),
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

    // Ordinals count per level (målområden, KF-mål, nämndmål), in plan order.
    let (mut goals, mut agenda, mut indicators, mut targets, mut per_level) = (vec![], vec![], vec![], vec![], [0usize; 3]);
    for n in plan.goal_nodes() {
        let level = n.level as usize;
        goals.push(Row::new(
            key(n.id),
            vec![
                Value::text(n.level.as_str()),
                Value::opt_text(n.parent),
                Value::text(n.title),
                Value::opt_text(n.description),
                ord(per_level[level]),
            ],
        ));
        per_level[level] += 1;
        for (i, t) in n.agenda2030.iter().enumerate() {
            let mut k = key(n.id);
            k.push(Value::text(t.as_str()));
            agenda.push(Row::new(k, vec![ord(i)]));
        }
        for ind in n.indicators {
            indicators.push(indicator_row(key(&ind.id), n.id, ind, indicators.len()));
            targets.extend(target_rows(&c, y, ind));
        }
    }
    // A goal named in a `renamed_from` is written under its new id: one goal kept, not one removed.
    let renamed: BTreeSet<&str> = plan.goal_nodes().into_iter().filter_map(|n| n.renamed_from).collect();
    let stored_under_old = |rows: &[StoredRow], def: &crate::table::TableDef, column: &str| {
        rows.iter().filter(|r| renamed.contains(r.string(def, column).as_str())).count()
    };
    let moved_goals = stored_under_old(&select_scope(&mut **tx, &GOALS, &scope()).await?, &GOALS, "id");
    let moved_links = stored_under_old(&select_scope(&mut **tx, &GOAL_AGENDA2030, &scope()).await?, &GOAL_AGENDA2030, "goal_id");
    changes += as_moves(sync_rows(tx, &GOALS, &scope(), goals, actor).await?, GOALS.name, moved_goals);
    changes += as_moves(sync_rows(tx, &GOAL_AGENDA2030, &scope(), agenda, actor).await?, GOAL_AGENDA2030.name, moved_links);
    changes += sync_rows(tx, &INDICATORS, &scope(), indicators, actor).await?;
    changes += sync_rows(tx, &INDICATOR_TARGETS, &scope(), targets, actor).await?;

    let (iscale, ilevels) = match &plan.indicator_scale {
        None => (vec![], vec![]),
        Some(s) => (
            vec![Row::new(scope(), vec![Value::text(&s.id), Value::text(&s.name)])],
            s.levels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let mut k = scope();
                    k.push(Value::text(&l.key));
                    Row::new(k, vec![Value::text(&l.label), Value::text(&l.color), Value::int(l.evaluated as i64), ord(i)])
                })
                .collect(),
        ),
    };
    changes += sync_rows(tx, &INDICATOR_SCALES, &scope(), iscale, actor).await?;
    changes += sync_rows(tx, &INDICATOR_SCALE_LEVELS, &scope(), ilevels, actor).await?;
    let mut columns = Vec::new();
    let column_sets = std::iter::once(("", plan.indicator_columns.as_slice()))
        .chain(plan.goal_nodes().into_iter().map(|n| (n.id, n.indicator_columns)).collect::<Vec<_>>());
    for (goal, cols) in column_sets {
        for (i, col) in cols.iter().enumerate() {
            let k = vec![Value::text(&c), Value::int(y), Value::text(goal), ord(i)];
            columns.push(Row::new(k, vec![Value::text(col.period.to_string()), Value::opt_text(col.label.clone())]));
        }
    }
    changes += sync_rows(tx, &INDICATOR_COLUMNS, &scope(), columns, actor).await?;
    changes += carry_followups(tx, plan, actor).await?;

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

    let required = Value::int(plan.require_assessment_rule as i64);
    let (rule, thresholds) = match &plan.assessment_rule {
        None if plan.require_assessment_rule => (vec![Row::new(scope(), vec![Value::Text(None), Value::Real(None), required])], vec![]),
        None => (vec![], vec![]),
        Some(r) => {
            let rule = Row::new(scope(), vec![Value::text(rule_method_key(r.method)), Value::real(r.min_share_with_outcome), required]);
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

/// What a plan would leave of the year's stored assessments: `(goal id, rounds)` of every assessed
/// goal that the plan neither holds nor names in a `renamed_from`. An import refuses these unless
/// told to remove them (`--prune`).
pub async fn assessments_without_goal(tx: &mut Transaction<'_, Any>, plan: &Plan) -> Result<Vec<(String, Vec<String>)>> {
    let scope = [Value::text(plan.committee_key()), Value::int(plan.year as i64)];
    let nodes = plan.goal_nodes();
    let kept: BTreeSet<&str> = nodes.iter().flat_map(|n| [Some(n.id), n.renamed_from]).flatten().collect();
    let mut lost: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for r in select_scope(&mut **tx, &ASSESSMENTS, &scope).await? {
        let goal = r.string(&ASSESSMENTS, "goal_id");
        if !kept.contains(goal.as_str()) {
            lost.entry(goal).or_default().push(r.string(&ASSESSMENTS, "round_id"));
        }
    }
    Ok(lost.into_iter().collect())
}

/// What a plan would leave of the year's stored links from uppdrag to goals: `(uppdrag id, goal id)`
/// of every stored uppdrag linked to a goal (of any level) that the plan no longer holds, unless the
/// plan's uppdrag of that id links the goal that names it in `renamed_from`. An import refuses these
/// unless told to remove them (`--prune`).
pub async fn commissions_without_goal(tx: &mut Transaction<'_, Any>, plan: &Plan) -> Result<Vec<(String, String)>> {
    let scope = [Value::text(plan.committee_key()), Value::int(plan.year as i64)];
    let nodes = plan.goal_nodes();
    let goals: BTreeSet<&str> = nodes.iter().map(|n| n.id).collect();
    let renamed: BTreeMap<&str, &str> = nodes.iter().filter_map(|n| n.renamed_from.map(|old| (old, n.id))).collect();
    let mut lost = Vec::new();
    for r in select_scope(&mut **tx, &COMMISSIONS, &scope).await? {
        let Some(goal) = r.text(&COMMISSIONS, "goal_id").filter(|g| !goals.contains(g.as_str())) else { continue };
        let id = r.string(&COMMISSIONS, "id");
        let follows =
            plan.commissions.iter().any(|c| c.id == id && c.goal.as_deref().is_some_and(|g| renamed.get(goal.as_str()) == Some(&g)));
        if !follows {
            lost.push((id, goal));
        }
    }
    Ok(lost)
}

/// Keeps the year's assessments and indicator follow-ups consistent with a plan just written: an
/// assessment of a goal named in a `renamed_from` moves to the goal's new id (counted as an update,
/// not a removal); assessments of goals, and follow-ups of indicators or rounds, that the plan no
/// longer has are removed (removals, which an import refuses without `--prune`).
async fn carry_followups(tx: &mut Transaction<'_, Any>, plan: &Plan, actor: &Actor) -> Result<Changes> {
    let c = plan.committee_key();
    let scope = [Value::text(&c), Value::int(plan.year as i64)];
    let nodes = plan.goal_nodes();
    let goals: BTreeSet<&str> = nodes.iter().map(|n| n.id).collect();
    let renamed: BTreeMap<&str, &str> = nodes.iter().filter_map(|n| n.renamed_from.map(|old| (old, n.id))).collect();
    let rounds: BTreeSet<&str> = plan.rounds.iter().map(|r| r.id.as_str()).collect();
    let indicators: BTreeSet<&str> = plan.indicators().map(|(_, i)| i.id.as_str()).collect();
    let data = |r: &StoredRow, def: &crate::table::TableDef| def.data.iter().map(|(n, _)| r.get(def, n).clone()).collect::<Vec<_>>();

    let stored = select_scope(&mut **tx, &ASSESSMENTS, &scope).await?;
    let mut rows: BTreeMap<(String, String), Row> = BTreeMap::new();
    let mut moved = 0;
    // Assessments already under their goal's id first, so a moved one never replaces one of those.
    let (own, other): (Vec<&StoredRow>, Vec<&StoredRow>) =
        stored.iter().partition(|r| goals.contains(r.string(&ASSESSMENTS, "goal_id").as_str()));
    for (r, is_own) in own.into_iter().map(|r| (r, true)).chain(other.into_iter().map(|r| (r, false))) {
        let round = r.string(&ASSESSMENTS, "round_id");
        let goal = r.string(&ASSESSMENTS, "goal_id");
        let target = if is_own { Some(goal.as_str()) } else { renamed.get(goal.as_str()).copied() };
        let Some(target) = target.filter(|_| rounds.contains(round.as_str())) else { continue };
        if rows.contains_key(&(round.clone(), target.to_string())) {
            continue;
        }
        moved += usize::from(!is_own);
        let key = vec![Value::text(&c), Value::int(plan.year as i64), Value::text(&round), Value::text(target)];
        rows.insert((round, target.to_string()), Row::new(key, data(r, &ASSESSMENTS)));
    }
    let mut changes = as_moves(sync_rows(tx, &ASSESSMENTS, &scope, rows.into_values().collect(), actor).await?, ASSESSMENTS.name, moved);

    let stored = select_scope(&mut **tx, &INDICATOR_FOLLOWUPS, &scope).await?;
    let kept = stored
        .iter()
        .filter(|r| {
            rounds.contains(r.string(&INDICATOR_FOLLOWUPS, "round_id").as_str())
                && indicators.contains(r.string(&INDICATOR_FOLLOWUPS, "indicator_id").as_str())
        })
        .map(|r| r.row.clone())
        .collect();
    changes += sync_rows(tx, &INDICATOR_FOLLOWUPS, &scope, kept, actor).await?;
    Ok(changes)
}

/// Counts up to `moved` removals of `kind` that were written again under a new id as updates: a
/// move is a removal under the old key and an insertion under the new one, but nothing is lost.
fn as_moves(mut changes: Changes, kind: &'static str, moved: usize) -> Changes {
    let k = changes.by_kind.entry(kind).or_default();
    let n = moved.min(k.deleted).min(k.inserted);
    k.deleted -= n;
    k.inserted -= n;
    k.updated += n;
    if *k == Default::default() {
        changes.by_kind.remove(kind);
    }
    changes.deleted -= n;
    changes.inserted -= n;
    changes.updated += n;
    changes
}

fn indicator_row(key: Vec<Value>, goal_id: &str, ind: &Indicator, ordinal: usize) -> Row {
    Row::new(
        key,
        vec![
            Value::text(goal_id),
            Value::text(&ind.title),
            Value::text(ind.unit.as_str()),
            Value::opt_text(ind.direction.map(Direction::as_str)),
            Value::opt_text(ind.source.as_ref().map(IndicatorSource::kind)),
            Value::opt_text(ind.source.as_ref().map(|s| s.reference().to_string())),
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

    let (goal_areas, goals) = load_goal_tree(store, &scope).await?;
    let indicator_columns = load_plan_columns(store, &scope).await?;
    let indicator_scale = load_indicator_scale(store, &scope).await?;

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
    let (assessment_rule, require_assessment_rule) = load_rule(store, &scope).await?;

    Ok(Plan {
        municipality: Municipality { code: MunicipalityCode::try_from(code).map_err(corrupt)?, name: muni_name },
        committee: Committee { id: crow.string(&COMMITTEES, "local_id"), name: crow.string(&COMMITTEES, "name") },
        year,
        scale: SignalScale { id: srow.string(&SCALES, "scale_id"), name: srow.string(&SCALES, "name"), levels },
        organisation,
        rounds,
        goal_areas,
        goals,
        indicator_scale,
        indicator_columns,
        commissions,
        risks,
        control_points,
        key_figures,
        assessment_rule,
        require_assessment_rule,
    })
}

fn rule_method_key(m: RuleMethod) -> &'static str {
    match m {
        RuleMethod::ShareReachingEtappmal => "share_reaching_etappmal",
    }
}

/// The plan's rule (`None` when it states none) and whether it requires one.
async fn load_rule(store: &Store, scope: &[Value]) -> Result<(Option<AssessmentRule>, bool)> {
    let rows = select_scope(store.pool(), &ASSESSMENT_RULES, scope).await?;
    let Some(r) = rows.first() else { return Ok((None, false)) };
    let required = r.int(&ASSESSMENT_RULES, "required") == Some(1);
    let method = match r.text(&ASSESSMENT_RULES, "method").as_deref() {
        None => return Ok((None, required)),
        Some("share_reaching_etappmal") => RuleMethod::ShareReachingEtappmal,
        Some(other) => return Err(corrupt(format!("rule method {other}"))),
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
    let rule =
        AssessmentRule { method, min_share_with_outcome: r.real(&ASSESSMENT_RULES, "min_share_with_outcome").unwrap_or(0.5), thresholds };
    Ok((Some(rule), required))
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
                    kolada_ou: match r.text(&ORG_UNITS, "kolada_ou") {
                        None => None,
                        Some(s) => Some(OuId::try_from(s).map_err(|e| corrupt(e.to_string()))?),
                    },
                    id,
                })
            })
            .collect()
    }
    children_of(rows, None)
}

/// The stored goal tree: `(målområden, nämndmål directly under the committee)`.
async fn load_goal_tree(store: &Store, scope: &[Value]) -> Result<(Vec<GoalArea>, Vec<Goal>)> {
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
    let mut rows = select_scope(pool, &INDICATORS, scope).await?;
    rows.sort_by_key(|r| r.int(&INDICATORS, "ordinal"));
    for r in rows {
        let id = r.string(&INDICATORS, "id");
        let direction = match r.text(&INDICATORS, "direction") {
            None => None,
            Some(d) => Some(Direction::parse(&d).ok_or_else(|| corrupt(format!("direction {d}")))?),
        };
        let source = match (r.text(&INDICATORS, "source_kind"), r.text(&INDICATORS, "source_ref")) {
            (Some(kind), reference) => Some(IndicatorSource::from_parts(&kind, reference.unwrap_or_default()).map_err(corrupt)?),
            (None, _) => None,
        };
        indicators.entry(r.string(&INDICATORS, "goal_id")).or_default().push(Indicator {
            targets: targets.remove(&id).unwrap_or_default(),
            title: r.string(&INDICATORS, "title"),
            unit: Unit::from(r.string(&INDICATORS, "unit")),
            direction,
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
    let mut columns: BTreeMap<String, Vec<TableColumn>> = BTreeMap::new();
    for r in select_scope(pool, &INDICATOR_COLUMNS, scope).await? {
        let period = r.string(&INDICATOR_COLUMNS, "period");
        columns
            .entry(r.string(&INDICATOR_COLUMNS, "goal_id"))
            .or_default()
            .push(TableColumn { period: period.parse().map_err(corrupt)?, label: r.text(&INDICATOR_COLUMNS, "label") });
    }
    // Goals by level, each level in its stored order; children are attached to their parent.
    let mut rows = select_scope(pool, &GOALS, scope).await?;
    rows.sort_by_key(|r| r.int(&GOALS, "ordinal"));
    let level_of = |r: &StoredRow| {
        let l = r.string(&GOALS, "level");
        GoalLevel::parse(&l).ok_or_else(|| corrupt(format!("goal level {l}")))
    };
    let mut namndmal: BTreeMap<Option<String>, Vec<Goal>> = BTreeMap::new();
    let mut kf_goals: BTreeMap<String, Vec<KfGoal>> = BTreeMap::new();
    let mut areas = Vec::new();
    for r in &rows {
        let id = r.string(&GOALS, "id");
        let (title, description) = (r.string(&GOALS, "title"), r.text(&GOALS, "description"));
        let indicator_columns = columns.remove(&id).unwrap_or_default();
        let inds = indicators.remove(&id).unwrap_or_default();
        let agenda2030 = agenda.remove(&id).unwrap_or_default();
        match level_of(r)? {
            GoalLevel::Goal => namndmal.entry(r.text(&GOALS, "parent_id")).or_default().push(Goal {
                id,
                title,
                description,
                renamed_from: None,
                agenda2030,
                indicator_columns,
                indicators: inds,
            }),
            GoalLevel::KfGoal => kf_goals.entry(r.string(&GOALS, "parent_id")).or_default().push(KfGoal {
                id,
                title,
                description,
                renamed_from: None,
                agenda2030,
                indicator_columns,
                indicators: inds,
                goals: vec![],
            }),
            GoalLevel::GoalArea => areas.push(GoalArea {
                id,
                title,
                description,
                renamed_from: None,
                indicator_columns,
                indicators: inds,
                kf_goals: vec![],
                goals: vec![],
            }),
        }
    }
    for kfs in kf_goals.values_mut() {
        for kf in kfs {
            kf.goals = namndmal.remove(&Some(kf.id.clone())).unwrap_or_default();
        }
    }
    for area in &mut areas {
        area.kf_goals = kf_goals.remove(&area.id).unwrap_or_default();
        area.goals = namndmal.remove(&Some(area.id.clone())).unwrap_or_default();
    }
    let top = namndmal.remove(&None).unwrap_or_default();
    if let Some(parent) = namndmal.keys().next() {
        return Err(corrupt(format!("nämndmål under an unknown goal {}", parent.as_deref().unwrap_or_default())));
    }
    if let Some(parent) = kf_goals.keys().next() {
        return Err(corrupt(format!("KF-mål under an unknown målområde {parent}")));
    }
    Ok((areas, top))
}

/// The plan's default indicator columns (stored under goal id '').
async fn load_plan_columns(store: &Store, scope: &[Value]) -> Result<Vec<TableColumn>> {
    let mut k = scope.to_vec();
    k.push(Value::text(""));
    select_scope(store.pool(), &INDICATOR_COLUMNS, &k)
        .await?
        .iter()
        .map(|r| {
            Ok(TableColumn {
                period: r.string(&INDICATOR_COLUMNS, "period").parse().map_err(corrupt)?,
                label: r.text(&INDICATOR_COLUMNS, "label"),
            })
        })
        .collect()
}

async fn load_indicator_scale(store: &Store, scope: &[Value]) -> Result<Option<SignalScale>> {
    let rows = select_scope(store.pool(), &INDICATOR_SCALES, scope).await?;
    let Some(s) = rows.first() else { return Ok(None) };
    let mut levels = select_scope(store.pool(), &INDICATOR_SCALE_LEVELS, scope).await?;
    levels.sort_by_key(|r| r.int(&INDICATOR_SCALE_LEVELS, "ordinal"));
    Ok(Some(SignalScale {
        id: s.string(&INDICATOR_SCALES, "scale_id"),
        name: s.string(&INDICATOR_SCALES, "name"),
        levels: levels
            .iter()
            .map(|r| ScaleLevel {
                key: r.string(&INDICATOR_SCALE_LEVELS, "level_key"),
                label: r.string(&INDICATOR_SCALE_LEVELS, "label"),
                color: r.string(&INDICATOR_SCALE_LEVELS, "color"),
                evaluated: r.int(&INDICATOR_SCALE_LEVELS, "evaluated") == Some(1),
            })
            .collect(),
    }))
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
