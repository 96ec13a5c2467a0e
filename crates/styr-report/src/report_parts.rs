//! The tables of a round's other parts: uppdrag under their group headings, intern kontroll
//! (risks, control points with frequencies, results on the scale and the figures found, the
//! round's summary), prose sections, footnotes, Agenda 2030 links with their Swedish names, and
//! every nyckeltal table.

use std::collections::BTreeSet;

use styr_domain::report_parts::FootnoteTarget;
use styr_domain::{CommissionOrigin, FollowUp, OrgUnit, Plan};

use crate::{Cell, Table};

/// The heading of uppdrag without a group.
pub const UNGROUPED: &str = "Uppdrag";

fn text(s: impl Into<String>) -> Cell {
    Cell::stored(s)
}

fn opt(s: Option<impl ToString>) -> Cell {
    Cell::stored(s.map(|s| s.to_string()).unwrap_or_default())
}

fn unit_name(plan: &Plan, id: &str) -> String {
    OrgUnit::flatten(&plan.organisation).into_iter().find(|(_, u)| u.id == id).map(|(_, u)| u.name.clone()).unwrap_or(id.to_string())
}

/// Uppdrag, one table per group heading in the order the groups first appear, with start and end
/// dates and the round's status and comment (blank when the round reports none).
pub fn commissions(plan: &Plan, followup: Option<&FollowUp>) -> Vec<Table> {
    let mut groups: Vec<Option<&str>> = Vec::new();
    for c in &plan.commissions {
        if !groups.contains(&c.group.as_deref()) {
            groups.push(c.group.as_deref());
        }
    }
    let header = ["Uppdrag", "Ursprung", "Startdatum", "Slutdatum", "Status", "Kommentar"].map(String::from).to_vec();
    groups
        .into_iter()
        .map(|g| {
            let mut t = Table::new(g.unwrap_or(UNGROUPED), header.clone());
            for c in plan.commissions.iter().filter(|c| c.group.as_deref() == g) {
                let status = followup.and_then(|f| f.commissions.iter().find(|s| s.id == c.id));
                let origin = match (c.origin, &c.source) {
                    (_, Some(source)) => source.clone(),
                    (CommissionOrigin::Kf, None) => "Kommunfullmäktige".to_string(),
                    (CommissionOrigin::Namnd, None) => "Nämnd".to_string(),
                    (CommissionOrigin::Other, None) => "Övrigt".to_string(),
                };
                t.push(vec![
                    text(c.text.trim()),
                    text(origin),
                    opt(c.start),
                    opt(c.end),
                    opt(status.map(|s| s.status.label())),
                    opt(status.map(|s| s.comment.trim().to_string())),
                ]);
            }
            t
        })
        .collect()
}

/// Intern kontroll of a round: the risks with their status, the control points with their
/// frequencies, the risk they control and the round's result, and the round's summary (a one-cell
/// table, only when there is one).
///
/// With a follow-up, the column "Kontrolleras" says whether each control point is due in that
/// round by its frequencies (`ja`/`nej`).
pub fn internal_control(plan: &Plan, followup: Option<&FollowUp>) -> Vec<Table> {
    let round_kind = followup.and_then(|f| plan.round(&f.round)).map(|r| r.kind);
    let mut risks =
        Table::new("Risker", ["Nr", "Process", "Risk", "Åtgärd", "Ansvarig", "Ursprung", "Status", "Kommentar"].map(String::from).to_vec());
    for r in &plan.risks {
        let status = followup.and_then(|f| f.risks.iter().find(|s| s.id == r.id));
        let origin = match &r.origin {
            styr_domain::RiskOrigin::Audit { audit } => format!("Revision: {}", audit.report),
            styr_domain::RiskOrigin::Own(_) => "Egen".to_string(),
        };
        risks.push(vec![
            opt(r.number.as_deref()),
            text(&r.process),
            text(r.risk.trim()),
            text(r.measure.trim()),
            opt(r.responsible.as_deref()),
            text(origin),
            opt(status.map(|s| s.status.label())),
            opt(status.map(|s| s.comment.trim().to_string())),
        ]);
    }
    let mut points = Table::new(
        "Kontrollmoment",
        ["Process", "Kontrollmoment", "Frekvens", "Kontrolleras", "Metod", "Urval", "Risk", "Bedömning", "Resultat", "Fynd", "Åtgärd"]
            .map(String::from)
            .to_vec(),
    );
    for cp in &plan.control_points {
        let result = followup.and_then(|f| f.controls.iter().find(|c| c.id == cp.id));
        let risk = cp.risk.as_deref().map(|id| {
            plan.risks.iter().find(|r| r.id == id).map(|r| r.number.clone().unwrap_or_else(|| r.risk.clone())).unwrap_or(id.to_string())
        });
        let assessment = result.map(|r| {
            let level = r.level.as_deref().map(|k| plan.scale.level(k).map(|l| l.label.clone()).unwrap_or(k.to_string()));
            match (level, r.assessment.trim()) {
                (Some(l), "") => l,
                (Some(l), a) => format!("{l} ({a})"),
                (None, a) => a.to_string(),
            }
        });
        points.push(vec![
            text(&cp.process),
            text(cp.what.trim()),
            text(cp.frequency.label()),
            opt(round_kind.map(|k| if cp.frequency.due_in(k) { "ja" } else { "nej" })),
            text(&cp.method),
            opt(cp.sample.as_deref()),
            opt(risk),
            opt(assessment),
            opt(result.map(|r| r.result.trim().to_string())),
            opt(result.map(|r| r.figures.iter().map(|f| f.text()).collect::<Vec<_>>().join("; "))),
            opt(result.map(|r| r.action.trim().to_string())),
        ]);
    }
    let mut tables = vec![risks, points];
    if let Some(summary) = followup.and_then(|f| f.control_summary.as_deref()) {
        let mut t = Table::new("Samlad bedömning av den interna kontrollen", vec!["Text".to_string()]);
        t.push(vec![text(summary.trim())]);
        tables.push(t);
    }
    tables
}

/// The markers of a round's footnotes, in order: the given marker, else the next number.
/// Numbers already given as markers are skipped.
pub fn footnote_markers(f: &FollowUp) -> Vec<String> {
    let given: BTreeSet<&str> = f.footnotes.iter().filter_map(|n| n.marker.as_deref()).collect();
    let mut n = 0;
    f.footnotes
        .iter()
        .map(|note| {
            note.marker.clone().unwrap_or_else(|| {
                n += 1;
                while given.contains(n.to_string().as_str()) {
                    n += 1;
                }
                n.to_string()
            })
        })
        .collect()
}

/// A round's footnotes with their markers, to be attached to the rows of the tables that print
/// what they are attached to (indicators, nyckeltal rows, economics lines).
#[derive(Debug, Clone, Default)]
pub struct RoundNotes {
    notes: Vec<(FootnoteTarget, String, String)>,
}

impl RoundNotes {
    /// The footnotes of a round, each with its marker (see [`footnote_markers`]).
    pub fn of(f: &FollowUp) -> RoundNotes {
        let notes = f.footnotes.iter().zip(footnote_markers(f)).map(|(n, m)| (n.on.clone(), m, n.text.trim().to_string())).collect();
        RoundNotes { notes }
    }

    /// No footnotes (a table shown without a round).
    pub fn none() -> RoundNotes {
        RoundNotes::default()
    }

    /// The footnotes attached to `target`, as (marker, text), in the round's order.
    pub fn on<'a>(&'a self, target: &'a FootnoteTarget) -> impl Iterator<Item = crate::TableNote> + 'a {
        self.notes
            .iter()
            .filter(move |(t, _, _)| t == target)
            .map(|(_, marker, text)| crate::TableNote { marker: marker.clone(), text: text.clone() })
    }

    /// Attaches the footnotes to the rows of `t`: `targets[i]` is what row `i` prints (none for a
    /// row such as Summa that no footnote can be attached to).
    pub fn attach(&self, t: &mut Table, targets: &[Option<FootnoteTarget>]) {
        // Texts in the round's order, whatever the order of the rows.
        for (target, marker, text) in &self.notes {
            for (row, _) in targets.iter().enumerate().filter(|(_, t)| t.as_ref() == Some(target)) {
                t.note_row(row, marker, text);
            }
        }
    }
}

/// The prose sections of a round in order (only those of `unit` and its subtree when given), with
/// the markers of the footnotes attached to them.
pub fn sections(plan: &Plan, f: &FollowUp, units: Option<&BTreeSet<String>>) -> Table {
    let mut t = Table::new("Avsnitt", ["Nr", "Id", "Rubrik", "Enhet", "Text", "Fotnoter"].map(String::from).to_vec());
    let markers = footnote_markers(f);
    let shown = f.sections.iter().filter(|s| units.is_none_or(|u| s.org_unit.as_ref().is_none_or(|o| u.contains(o))));
    for (i, s) in shown.enumerate() {
        let notes: Vec<&str> = f
            .footnotes
            .iter()
            .zip(&markers)
            .filter(|(n, _)| n.on == FootnoteTarget::Section(s.id.clone()))
            .map(|(_, m)| m.as_str())
            .collect();
        t.push(vec![
            text((i + 1).to_string()),
            text(&s.id),
            text(&s.title),
            opt(s.org_unit.as_deref().map(|u| unit_name(plan, u))),
            text(s.body.trim_end()),
            text(notes.join(", ")),
        ]);
    }
    t
}

/// The footnotes of a round: marker, what they are attached to (by its title) and the text.
/// `econ_lines` gives the labels of economics rows (id, label).
pub fn footnotes(plan: &Plan, f: &FollowUp, econ_lines: &[(String, String)]) -> Table {
    let mut t = Table::new("Fotnoter", ["Not", "Avser", "Id", "Benämning", "Text"].map(String::from).to_vec());
    for (note, marker) in f.footnotes.iter().zip(footnote_markers(f)) {
        let title = match &note.on {
            FootnoteTarget::Indicator(id) => plan.indicators().find(|(_, i)| &i.id == id).map(|(_, i)| i.title.clone()),
            FootnoteTarget::KeyFigure(id) => plan.key_figures.iter().flat_map(|t| &t.rows).find(|r| &r.id == id).map(|r| r.title.clone()),
            FootnoteTarget::Section(id) => f.sections.iter().find(|s| &s.id == id).map(|s| s.title.clone()),
            FootnoteTarget::EconLine(id) => econ_lines.iter().find(|(l, _)| l == id).map(|(_, label)| label.clone()),
        };
        t.push(vec![text(marker), text(note.on.label()), text(note.on.id()), opt(title), text(note.text.trim())]);
    }
    t
}

/// Every nyckeltal table of the plan, each with the years any of its rows has, and the round's
/// footnotes on its rows.
pub fn key_figures(plan: &Plan, notes: &RoundNotes) -> Vec<Table> {
    plan.key_figures
        .iter()
        .map(|kf| {
            let years: BTreeSet<i32> = kf.rows.iter().flat_map(|r| r.values.keys().copied()).collect();
            let mut t = crate::key_figures::table(kf, &years.into_iter().collect::<Vec<_>>());
            let targets: Vec<Option<FootnoteTarget>> = kf.rows.iter().map(|r| Some(FootnoteTarget::KeyFigure(r.id.clone()))).collect();
            notes.attach(&mut t, &targets);
            t
        })
        .collect()
}

/// The 17 Agenda 2030 goals with their Swedish names; with a plan, the nämndmål linked to each.
pub fn agenda2030(plan: Option<&Plan>) -> Table {
    let mut header = vec!["Mål".to_string(), "Namn".to_string()];
    if plan.is_some() {
        header.push("Kopplade nämndmål".to_string());
    }
    let mut t = Table::new("Agenda 2030", header);
    for (i, name) in styr_domain::agenda2030::GOALS.iter().enumerate() {
        let n = i as u8 + 1;
        let mut row = vec![text(n.to_string()), text(*name)];
        if let Some(p) = plan {
            let linked: Vec<String> = p
                .goals()
                .flat_map(|g| g.goal.agenda2030.iter().filter(|a| a.goal() == n).map(move |a| format!("{} ({})", g.goal.id, a.as_str())))
                .collect();
            row.push(text(linked.join(", ")));
        }
        t.push(row);
    }
    t
}

/// A nämndmål's Agenda 2030 links as printed: `3 God hälsa och välbefinnande; 10.2 (mål 10 Minskad ojämlikhet)`.
pub fn agenda2030_links(goal: &styr_domain::Goal) -> String {
    goal.agenda2030.iter().map(styr_domain::agenda2030::describe).collect::<Vec<_>>().join("; ")
}

/// The plan's structure: the signal scale's levels, worst first, with "Ej utvärderad" outside the order.
pub fn scale(plan: &Plan) -> Table {
    let mut t = Table::new(&plan.scale.name, ["Nivå", "Benämning", "Färg", "På skalan"].map(String::from).to_vec());
    for l in &plan.scale.levels {
        t.push(vec![text(&l.key), text(&l.label), text(&l.color), text(if l.evaluated { "ja" } else { "nej" })]);
    }
    t
}

/// The organisation tree, depth first, names indented by depth.
pub fn organisation(plan: &Plan) -> Table {
    fn walk(t: &mut Table, units: &[OrgUnit], parent: Option<&str>, depth: usize) {
        for u in units {
            t.push(vec![
                text(&u.id),
                text(format!("{}{}", "  ".repeat(depth), u.name)),
                text(&u.kind),
                opt(u.regi.map(|r| r.as_str())),
                opt(parent),
            ]);
            walk(t, &u.children, Some(&u.id), depth + 1);
        }
    }
    let mut t = Table::new("Organisation", ["Id", "Namn", "Typ", "Regi", "Överordnad"].map(String::from).to_vec());
    walk(&mut t, &plan.organisation, None, 0);
    t
}

/// The report rounds of the year with the summary text written for each (blank when none).
pub fn rounds(plan: &Plan, followups: &[FollowUp]) -> Table {
    let mut t =
        Table::new("Rapporttillfällen", ["Id", "Typ", "Periodens slut", "Benämning", "Samlad bedömning"].map(String::from).to_vec());
    for r in &plan.rounds {
        let summary = followups.iter().find(|f| f.round == r.id).and_then(|f| f.summary.as_deref());
        t.push(vec![text(&r.id), text(r.kind.as_str()), text(r.period_end.to_string()), text(&r.label), opt(summary.map(str::trim))]);
    }
    t
}
