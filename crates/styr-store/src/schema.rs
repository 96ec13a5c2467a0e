//! Table definitions, one per stored concept. Must match the migrations (`migrations/*/`; the last
//! `CREATE TABLE` of a table is its current form).

use crate::table::ColType::{Int, Real, Text};
use crate::table::TableDef;

pub const MUNICIPALITIES: TableDef = TableDef { name: "municipalities", key: &[("code", Text)], data: &[("name", Text)] };

pub const COMMITTEES: TableDef =
    TableDef { name: "committees", key: &[("committee", Text)], data: &[("municipality", Text), ("local_id", Text), ("name", Text)] };

pub const SCALES: TableDef =
    TableDef { name: "scales", key: &[("committee", Text), ("year", Int)], data: &[("scale_id", Text), ("name", Text)] };

pub const SCALE_LEVELS: TableDef = TableDef {
    name: "scale_levels",
    key: &[("committee", Text), ("year", Int), ("level_key", Text)],
    data: &[("label", Text), ("color", Text), ("evaluated", Int), ("ordinal", Int)],
};

pub const ORG_UNITS: TableDef = TableDef {
    name: "org_units",
    key: &[("committee", Text), ("year", Int), ("id", Text)],
    data: &[("parent_id", Text), ("name", Text), ("kind", Text), ("regi", Text), ("ordinal", Int), ("kolada_ou", Text)],
};

pub const ROUNDS: TableDef = TableDef {
    name: "rounds",
    key: &[("committee", Text), ("year", Int), ("id", Text)],
    data: &[("kind", Text), ("period_end", Text), ("label", Text), ("ordinal", Int)],
};

/// Goals of every level: `level` is `goal_area`, `kf_goal` or `goal`; `parent_id` the goal above.
pub const GOALS: TableDef = TableDef {
    name: "goals",
    key: &[("committee", Text), ("year", Int), ("id", Text)],
    data: &[("level", Text), ("parent_id", Text), ("title", Text), ("description", Text), ("ordinal", Int)],
};

pub const GOAL_AGENDA2030: TableDef = TableDef {
    name: "goal_agenda2030",
    key: &[("committee", Text), ("year", Int), ("goal_id", Text), ("target", Text)],
    data: &[("ordinal", Int)],
};

pub const INDICATORS: TableDef = TableDef {
    name: "indicators",
    key: &[("committee", Text), ("year", Int), ("id", Text)],
    data: &[
        ("goal_id", Text),
        ("title", Text),
        ("unit", Text),
        ("direction", Text),
        ("source_kind", Text),
        ("source_ref", Text),
        ("decimals", Int),
        ("note", Text),
        ("ordinal", Int),
    ],
};

pub const INDICATOR_TARGETS: TableDef = TableDef {
    name: "indicator_targets",
    key: &[("committee", Text), ("year", Int), ("indicator_id", Text), ("kind", Text), ("target_year", Int)],
    data: &[("value", Real)],
};

pub const OUTCOMES: TableDef = TableDef {
    name: "outcomes",
    key: &[("committee", Text), ("indicator_id", Text), ("period", Text), ("gender", Text), ("comparison", Text), ("regi", Text)],
    data: &[("value", Real), ("status", Text), ("note", Text)],
};

pub const INDICATOR_SCALES: TableDef =
    TableDef { name: "indicator_scales", key: &[("committee", Text), ("year", Int)], data: &[("scale_id", Text), ("name", Text)] };

pub const INDICATOR_SCALE_LEVELS: TableDef = TableDef {
    name: "indicator_scale_levels",
    key: &[("committee", Text), ("year", Int), ("level_key", Text)],
    data: &[("label", Text), ("color", Text), ("evaluated", Int), ("ordinal", Int)],
};

/// The columns of indicator tables; `goal_id` '' = the plan's default.
pub const INDICATOR_COLUMNS: TableDef = TableDef {
    name: "indicator_columns",
    key: &[("committee", Text), ("year", Int), ("goal_id", Text), ("ordinal", Int)],
    data: &[("period", Text), ("label", Text)],
};

pub const INDICATOR_FOLLOWUPS: TableDef = TableDef {
    name: "indicator_followups",
    key: &[("committee", Text), ("year", Int), ("round_id", Text), ("indicator_id", Text)],
    data: &[("judgement", Text), ("trend", Text), ("comment", Text), ("ordinal", Int)],
};

pub const COMMISSIONS: TableDef = TableDef {
    name: "commissions",
    key: &[("committee", Text), ("year", Int), ("id", Text)],
    data: &[
        ("origin", Text),
        ("source", Text),
        ("goal_id", Text),
        ("body", Text),
        ("ordinal", Int),
        ("group_name", Text),
        ("start_date", Text),
        ("end_date", Text),
    ],
};

pub const RISKS: TableDef = TableDef {
    name: "risks",
    key: &[("committee", Text), ("year", Int), ("id", Text)],
    data: &[
        ("number", Text),
        ("process", Text),
        ("risk", Text),
        ("measure", Text),
        ("responsible", Text),
        ("audit_report", Text),
        ("audit_reference", Text),
        ("audit_background", Text),
        ("ordinal", Int),
    ],
};

pub const CONTROL_POINTS: TableDef = TableDef {
    name: "control_points",
    key: &[("committee", Text), ("year", Int), ("id", Text)],
    data: &[
        ("process", Text),
        ("what", Text),
        ("frequency", Text),
        ("method", Text),
        ("sample", Text),
        ("ordinal", Int),
        ("risk_id", Text),
    ],
};

pub const KEY_FIGURE_TABLES: TableDef = TableDef {
    name: "key_figure_tables",
    key: &[("committee", Text), ("year", Int), ("id", Text)],
    data: &[("title", Text), ("ordinal", Int)],
};

pub const KEY_FIGURES: TableDef = TableDef {
    name: "key_figures",
    key: &[("committee", Text), ("year", Int), ("id", Text)],
    data: &[("table_id", Text), ("title", Text), ("unit", Text), ("decimals", Int), ("ordinal", Int)],
};

pub const KEY_FIGURE_VALUES: TableDef = TableDef {
    name: "key_figure_values",
    key: &[("committee", Text), ("year", Int), ("key_figure_id", Text), ("value_year", Int)],
    data: &[("value", Real)],
};

pub const ROUND_SUMMARIES: TableDef =
    TableDef { name: "round_summaries", key: &[("committee", Text), ("year", Int), ("round_id", Text)], data: &[("summary", Text)] };

pub const ASSESSMENTS: TableDef = TableDef {
    name: "assessments",
    key: &[("committee", Text), ("year", Int), ("round_id", Text), ("goal_id", Text)],
    data: &[("level_key", Text), ("motivation", Text), ("analysis", Text), ("work_done", Text), ("ordinal", Int)],
};

pub const COMMISSION_FOLLOWUPS: TableDef = TableDef {
    name: "commission_followups",
    key: &[("committee", Text), ("year", Int), ("round_id", Text), ("commission_id", Text)],
    data: &[("status", Text), ("comment", Text), ("ordinal", Int)],
};

pub const RISK_FOLLOWUPS: TableDef = TableDef {
    name: "risk_followups",
    key: &[("committee", Text), ("year", Int), ("round_id", Text), ("risk_id", Text)],
    data: &[("status", Text), ("comment", Text), ("ordinal", Int)],
};

pub const CONTROL_RESULTS: TableDef = TableDef {
    name: "control_results",
    key: &[("committee", Text), ("year", Int), ("round_id", Text), ("control_id", Text)],
    data: &[("assessment", Text), ("result", Text), ("action", Text), ("ordinal", Int), ("level_key", Text)],
};

pub const CONTROL_RESULT_FIGURES: TableDef = TableDef {
    name: "control_result_figures",
    key: &[("committee", Text), ("year", Int), ("round_id", Text), ("control_id", Text), ("ordinal", Int)],
    data: &[("label", Text), ("value", Real), ("unit", Text)],
};

pub const CONTROL_SUMMARIES: TableDef =
    TableDef { name: "control_summaries", key: &[("committee", Text), ("year", Int), ("round_id", Text)], data: &[("summary", Text)] };

pub const PROSE_SECTIONS: TableDef = TableDef {
    name: "prose_sections",
    key: &[("committee", Text), ("year", Int), ("round_id", Text), ("id", Text)],
    data: &[("title", Text), ("org_unit", Text), ("body", Text), ("ordinal", Int)],
};

pub const FOOTNOTES: TableDef = TableDef {
    name: "footnotes",
    key: &[("committee", Text), ("year", Int), ("round_id", Text), ("id", Text)],
    data: &[("target_kind", Text), ("target_id", Text), ("marker", Text), ("body", Text), ("ordinal", Int)],
};

pub const ECON_LINES: TableDef = TableDef {
    name: "econ_lines",
    key: &[("committee", Text), ("id", Text)],
    data: &[("table_name", Text), ("label", Text), ("kind", Text), ("sum_of", Text), ("org_unit", Text), ("ordinal", Int)],
};

pub const ECON_AMOUNTS: TableDef = TableDef {
    name: "econ_amounts",
    key: &[("committee", Text), ("line_id", Text), ("measure", Text), ("period", Text), ("round_id", Text)],
    data: &[("amount", Int), ("comment", Text)],
};

pub const EQUITY: TableDef = TableDef {
    name: "equity",
    key: &[("committee", Text), ("year", Int)],
    data: &[("ib", Int), ("withdrawal", Int), ("result", Int), ("transfer", Int), ("ub", Int)],
};

pub const INVESTMENTS: TableDef = TableDef {
    name: "investments",
    key: &[("committee", Text), ("year", Int), ("id", Text)],
    data: &[
        ("number", Text),
        ("name", Text),
        ("org_unit", Text),
        ("budget", Int),
        ("outcome", Int),
        ("forecast", Int),
        ("comment", Text),
        ("ordinal", Int),
        ("category", Text),
        ("period_outcome", Int),
        ("outcome_period", Text),
    ],
};

pub const GRANTS: TableDef = TableDef {
    name: "grants",
    key: &[("committee", Text), ("year", Int), ("id", Text)],
    data: &[
        ("name", Text),
        ("kind", Text),
        ("payer", Text),
        ("received", Int),
        ("cost", Int),
        ("in_budget", Int),
        ("goal_id", Text),
        ("comment", Text),
        ("ordinal", Int),
        ("org_unit", Text),
    ],
};

pub const TARGETED_FUNDS: TableDef = TableDef {
    name: "targeted_funds",
    key: &[("committee", Text), ("year", Int), ("id", Text)],
    data: &[("name", Text), ("budget", Int), ("outcome", Int), ("comment", Text), ("ordinal", Int), ("org_unit", Text)],
};

pub const VOLUMES: TableDef = TableDef {
    name: "volume_figures",
    key: &[("committee", Text), ("year", Int), ("round_id", Text), ("id", Text)],
    data: &[
        ("name", Text),
        ("unit", Text),
        ("org_unit", Text),
        ("commitment", Real),
        ("outcome", Real),
        ("forecast", Real),
        ("comment", Text),
        ("ordinal", Int),
        ("group_label", Text),
        ("previous_outcome", Real),
    ],
};

pub const PROVIDER_COUNTS: TableDef = TableDef {
    name: "provider_counts",
    key: &[("committee", Text), ("area", Text), ("service", Text), ("count_date", Text)],
    data: &[("private_count", Int), ("own_count", Int), ("ordinal", Int)],
};

pub const ACCOUNTS: TableDef =
    TableDef { name: "accounts", key: &[("committee", Text), ("number", Text)], data: &[("name", Text), ("kind", Text)] };

pub const COST_CENTRES: TableDef =
    TableDef { name: "cost_centres", key: &[("committee", Text), ("code", Text)], data: &[("name", Text), ("org_unit", Text)] };

pub const LEDGER_AMOUNTS: TableDef = TableDef {
    name: "ledger_amounts",
    key: &[("committee", Text), ("year", Int), ("month", Int), ("account", Text), ("cost_centre", Text), ("measure", Text)],
    data: &[("amount", Int)],
};

pub const PERSONNEL_STATS: TableDef = TableDef {
    name: "personnel_stats",
    key: &[
        ("committee", Text),
        ("measure", Text),
        ("stat_date", Text),
        ("time_window", Text),
        ("org_unit", Text),
        ("gender", Text),
        ("age_band", Text),
        ("length_band", Text),
        ("employment", Text),
        ("from_date", Text),
        ("label", Text),
    ],
    data: &[("value", Real), ("ordinal", Int)],
};

pub const ASSESSMENT_RULES: TableDef = TableDef {
    name: "assessment_rules",
    key: &[("committee", Text), ("year", Int)],
    data: &[("method", Text), ("min_share_with_outcome", Real), ("required", Int)],
};

pub const ASSESSMENT_RULE_THRESHOLDS: TableDef = TableDef {
    name: "assessment_rule_thresholds",
    key: &[("committee", Text), ("year", Int), ("ordinal", Int)],
    data: &[("level_key", Text), ("bound", Text), ("share", Real)],
};

pub const LEDGER_MAPPINGS: TableDef =
    TableDef { name: "ledger_mappings", key: &[("committee", Text)], data: &[("cost_centre_dimension", Int)] };

pub const LEDGER_MAPPING_ROWS: TableDef = TableDef {
    name: "ledger_mapping_rows",
    key: &[("committee", Text), ("row_id", Text)],
    data: &[("label", Text), ("accounts", Text), ("ordinal", Int)],
};

pub const LEDGER_MAPPING_COST_CENTRES: TableDef = TableDef {
    name: "ledger_mapping_cost_centres",
    key: &[("committee", Text), ("ordinal", Int)],
    data: &[("codes", Text), ("org_unit", Text)],
};

pub const FORECASTS: TableDef = TableDef {
    name: "forecasts",
    key: &[("committee", Text), ("year", Int), ("round_id", Text), ("org_unit", Text), ("row_id", Text)],
    data: &[("amount", Int), ("method", Text), ("comment", Text)],
};

pub const ECON_LINE_NOTES: TableDef = TableDef {
    name: "econ_line_notes",
    key: &[("committee", Text), ("line_id", Text), ("year", Int), ("round_id", Text)],
    data: &[("forecast_deviation_percent", Real), ("comment", Text)],
};

pub const CORRECTIVE_ACTIONS: TableDef = TableDef {
    name: "corrective_actions",
    key: &[("committee", Text), ("year", Int), ("id", Text)],
    data: &[
        ("title", Text),
        ("description", Text),
        ("org_unit", Text),
        ("line_id", Text),
        ("goal_id", Text),
        ("effect_this_year", Int),
        ("effect_next_year", Int),
        ("ordinal", Int),
    ],
};

pub const CORRECTIVE_ACTION_FOLLOWUPS: TableDef = TableDef {
    name: "corrective_action_followups",
    key: &[("committee", Text), ("year", Int), ("action_id", Text), ("round_id", Text)],
    data: &[("status", Text), ("comment", Text), ("ordinal", Int)],
};

/// Kolada's values as fetched (not audited: a copy of an external source, refreshed wholesale).
pub const KOLADA_VALUES: TableDef = TableDef {
    name: "kolada_values",
    key: &[("kpi", Text), ("area", Text), ("period", Int), ("gender", Text)],
    data: &[("value", Real), ("status", Text), ("member_count", Int), ("fetched_at", Text)],
};

/// Population by region, year, single age and sex (not audited: a copy of an external source).
pub const POPULATION: TableDef = TableDef {
    name: "population",
    key: &[("region", Text), ("year", Int), ("age", Int), ("sex", Text)],
    data: &[("persons", Real), ("source", Text), ("imported_at", Text)],
};

/// Kolada's KPI metadata as last fetched: the next publication dates tell whether waiting makes sense.
pub const KOLADA_KPIS: TableDef = TableDef {
    name: "kolada_kpis",
    key: &[("kpi", Text)],
    data: &[("title", Text), ("publication_date", Text), ("prel_publication_date", Text), ("has_ou_data", Int), ("fetched_at", Text)],
};

/// Where an outcome came from; keyed like `outcomes`.
pub const KOLADA_PROVENANCE: TableDef = TableDef {
    name: "kolada_provenance",
    key: &[("committee", Text), ("indicator_id", Text), ("period", Text), ("gender", Text), ("comparison", Text), ("regi", Text)],
    data: &[("kpi", Text), ("area", Text), ("source", Text), ("fetched_at", Text), ("publication_date", Text)],
};

/// Where an outcome computed from event exports came from; keyed like `outcomes`.
pub const MEASURE_PROVENANCE: TableDef = TableDef {
    name: "measure_provenance",
    key: &[("committee", Text), ("indicator_id", Text), ("period", Text), ("gender", Text), ("comparison", Text), ("regi", Text)],
    data: &[
        ("measure", Text),
        ("definition", Text),
        ("range_from", Text),
        ("range_to", Text),
        ("input_files", Text),
        ("computed_at", Text),
    ],
};

/// The number a report published for an outcome, in which round and report, and when.
pub const KOLADA_PUBLISHED: TableDef = TableDef {
    name: "kolada_published",
    key: &[
        ("committee", Text),
        ("year", Int),
        ("round_id", Text),
        ("indicator_id", Text),
        ("period", Text),
        ("gender", Text),
        ("comparison", Text),
    ],
    data: &[("value", Real), ("report", Text), ("published_at", Text)],
};

/// Per committee: the Kolada comparison group (`G…`) synced beside Riket and the county.
pub const KOLADA_SETTINGS: TableDef =
    TableDef { name: "kolada_settings", key: &[("committee", Text)], data: &[("comparison_group", Text)] };

/// Web accounts (migration 0010). Written with plain SQL by [`crate::accounts`], not audited: the
/// audit log must not hold password hashes or session secrets.
pub const USERS: TableDef =
    TableDef { name: "users", key: &[("username", Text)], data: &[("display_name", Text), ("role", Text), ("password_hash", Text)] };

pub const USER_UNITS: TableDef =
    TableDef { name: "user_units", key: &[("username", Text), ("committee", Text), ("unit_id", Text)], data: &[] };

pub const SESSIONS: TableDef =
    TableDef { name: "sessions", key: &[("token_hash", Text)], data: &[("username", Text), ("csrf", Text), ("expires_at", Text)] };

pub const API_TOKENS: TableDef =
    TableDef { name: "api_tokens", key: &[("token_hash", Text)], data: &[("username", Text), ("label", Text)] };

/// The organisation unit that answers for a goal: a skribent bound to that unit (or one above it)
/// writes the goal's assessment.
pub const GOAL_UNITS: TableDef =
    TableDef { name: "goal_units", key: &[("committee", Text), ("year", Int), ("goal_id", Text)], data: &[("unit_id", Text)] };

pub const INDICATOR_OWNERS: TableDef =
    TableDef { name: "indicator_owners", key: &[("committee", Text), ("year", Int), ("indicator_id", Text)], data: &[("username", Text)] };

/// A round's workflow state and, once fastställd, the nämnd's decision (or the reason of a reopening).
pub const ROUND_STATES: TableDef = TableDef {
    name: "round_states",
    key: &[("committee", Text), ("year", Int), ("round_id", Text)],
    data: &[("state", Text), ("meeting_date", Text), ("paragraph", Text), ("diarienummer", Text), ("reason", Text)],
};

/// The workflow state of one section of a round (e.g. `goal:<id>` for a goal's assessment).
pub const SECTION_STATES: TableDef = TableDef {
    name: "section_states",
    key: &[("committee", Text), ("year", Int), ("round_id", Text), ("section", Text)],
    data: &[("state", Text), ("changed_by", Text)],
};

pub const CHECKLIST_WAIVERS: TableDef = TableDef {
    name: "checklist_waivers",
    key: &[("committee", Text), ("year", Int), ("round_id", Text), ("rule_id", Text)],
    data: &[("reason", Text), ("waived_by", Text)],
};

pub const COMMENTS: TableDef = TableDef {
    name: "comments",
    key: &[("committee", Text), ("year", Int), ("round_id", Text), ("section", Text), ("comment_id", Text)],
    data: &[("author", Text), ("at", Text), ("body", Text)],
};

/// Every table, for schema checks.
pub const ALL: &[&TableDef] = &[
    &MUNICIPALITIES,
    &COMMITTEES,
    &SCALES,
    &SCALE_LEVELS,
    &ORG_UNITS,
    &ROUNDS,
    &GOALS,
    &GOAL_AGENDA2030,
    &INDICATORS,
    &INDICATOR_TARGETS,
    &OUTCOMES,
    &INDICATOR_SCALES,
    &INDICATOR_SCALE_LEVELS,
    &INDICATOR_COLUMNS,
    &COMMISSIONS,
    &RISKS,
    &CONTROL_POINTS,
    &KEY_FIGURE_TABLES,
    &KEY_FIGURES,
    &KEY_FIGURE_VALUES,
    &ROUND_SUMMARIES,
    &ASSESSMENTS,
    &INDICATOR_FOLLOWUPS,
    &COMMISSION_FOLLOWUPS,
    &RISK_FOLLOWUPS,
    &CONTROL_RESULTS,
    &ECON_LINES,
    &ECON_AMOUNTS,
    &EQUITY,
    &INVESTMENTS,
    &GRANTS,
    &TARGETED_FUNDS,
    &VOLUMES,
    &PROVIDER_COUNTS,
    &ACCOUNTS,
    &COST_CENTRES,
    &LEDGER_AMOUNTS,
    &PERSONNEL_STATS,
    &ASSESSMENT_RULES,
    &ASSESSMENT_RULE_THRESHOLDS,
    &LEDGER_MAPPINGS,
    &LEDGER_MAPPING_ROWS,
    &LEDGER_MAPPING_COST_CENTRES,
    &FORECASTS,
    &CONTROL_RESULT_FIGURES,
    &CONTROL_SUMMARIES,
    &PROSE_SECTIONS,
    &FOOTNOTES,
    &ECON_LINE_NOTES,
    &CORRECTIVE_ACTIONS,
    &CORRECTIVE_ACTION_FOLLOWUPS,
    &KOLADA_VALUES,
    &KOLADA_KPIS,
    &KOLADA_PROVENANCE,
    &KOLADA_PUBLISHED,
    &KOLADA_SETTINGS,
    &POPULATION,
    &MEASURE_PROVENANCE,
    &USERS,
    &USER_UNITS,
    &SESSIONS,
    &API_TOKENS,
    &GOAL_UNITS,
    &INDICATOR_OWNERS,
    &ROUND_STATES,
    &SECTION_STATES,
    &CHECKLIST_WAIVERS,
    &COMMENTS,
];
