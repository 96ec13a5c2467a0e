//! The column schemas of the exports styr reads. Each table is one file in the input folder,
//! `<table>.csv` (UTF-8, comma-separated, a header row, columns in any order, extra columns ignored)
//! or `<table>.parquet` (the same column names; types below). An empty CSV field or a Parquet null
//! is a missing value, refused in a required column.

/// The entities whose ids are shared between tables (a client in `visits` is the same client in
/// `decisions`). Ids are integers, as care systems export pseudonymised keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Client,
    Staff,
    Unit,
    Boende,
    Decision,
}

/// A column's type. In CSV: `Id`/`Int` decimal integers, `Float` a decimal number with `.`,
/// `Date` `YYYY-MM-DD`, `Timestamp` `YYYY-MM-DD HH:MM[:SS]` (or `T` between), `Text` any text.
/// In Parquet: `Id`/`Int` INT32 or INT64, `Float` DOUBLE, FLOAT, INT32 or INT64, `Date` INT32 DATE,
/// `Timestamp` INT64 TIMESTAMP (millis, micros or nanos, wall-clock time), `Text` BYTE_ARRAY (UTF-8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Id(Entity),
    Int,
    Float,
    Date,
    Timestamp,
    /// One of the listed values (the codes the kernels understand).
    Code(&'static [&'static str]),
}

impl Kind {
    pub fn describe(self) -> String {
        match self {
            Kind::Id(_) => "an integer id".into(),
            Kind::Int => "an integer".into(),
            Kind::Float => "a number".into(),
            Kind::Date => "a date YYYY-MM-DD".into(),
            Kind::Timestamp => "a time YYYY-MM-DD HH:MM[:SS]".into(),
            Kind::Code(values) => format!("one of {}", values.join(", ")),
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct ColumnDef {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
    pub doc: &'static str,
}

#[derive(Debug, Clone, Copy)]
pub struct TableDef {
    pub name: &'static str,
    pub doc: &'static str,
    pub columns: &'static [ColumnDef],
}

impl TableDef {
    pub fn index(&self, name: &str) -> usize {
        self.columns.iter().position(|c| c.name == name).expect("a column of the table")
    }
}

const fn col(name: &'static str, kind: Kind, required: bool, doc: &'static str) -> ColumnDef {
    ColumnDef { name, kind, required, doc }
}

/// Service codes of `decisions.service`.
pub const SERVICES: &[&str] = &["hemtjanst", "sarskilt_boende", "korttid", "dagverksamhet", "ovrigt"];
/// `staff.gender`.
pub const GENDERS: &[&str] = &["K", "M"];
/// `staff.employment`.
pub const EMPLOYMENTS: &[&str] = &["monthly", "hourly"];
/// `time_reports.kind`.
pub const TIME_KINDS: &[&str] = &["worked", "sick"];

pub const VISITS: TableDef = TableDef {
    name: "visits",
    doc: "One row per performed home-care visit (besök) from the visit log.",
    columns: &[
        col("client_id", Kind::Id(Entity::Client), true, "the home-care client (hemtjänsttagare)"),
        col("unit_id", Kind::Id(Entity::Unit), true, "the unit (hemtjänstgrupp, organisation node) that performed the visit"),
        col("staff_id", Kind::Id(Entity::Staff), true, "the person who performed it (one row per person when two go together)"),
        col("start", Kind::Timestamp, true, "when the visit began"),
        col("end", Kind::Timestamp, false, "when it ended; missing when the staff did not register it (then the visit has no duration)"),
    ],
};

pub const DECISIONS: TableDef = TableDef {
    name: "decisions",
    doc: "One row per decision (beslut) on an application for a service.",
    columns: &[
        col("decision_id", Kind::Id(Entity::Decision), true, "the decision"),
        col("client_id", Kind::Id(Entity::Client), true, "the applicant"),
        col("unit_id", Kind::Id(Entity::Unit), false, "the unit to perform it (for granted time per unit)"),
        col("service", Kind::Code(SERVICES), true, "the service decided on"),
        col("applied", Kind::Date, false, "the day the application came in"),
        col("decided", Kind::Date, true, "the day of the decision"),
        col("offered", Kind::Date, false, "särskilt boende: the first move-in day offered"),
        col("executed", Kind::Date, false, "the day the decision was executed (verkställt); missing while it is not"),
        col("granted_hours_month", Kind::Float, false, "hemtjänst: granted hours per month"),
        col("valid_from", Kind::Date, false, "first day the granted hours apply (default: decided)"),
        col("valid_to", Kind::Date, false, "last day they apply (missing: until further notice)"),
    ],
};

pub const STAYS: TableDef = TableDef {
    name: "stays",
    doc: "One row per stay in a boende (särskilt boende, korttid) from move-in to move-out.",
    columns: &[
        col("client_id", Kind::Id(Entity::Client), true, "the resident"),
        col("boende_id", Kind::Id(Entity::Boende), true, "the boende"),
        col("move_in", Kind::Date, true, "the first night of the stay"),
        col("move_out", Kind::Date, false, "the day of moving out (not an occupied night); missing while the stay goes on"),
    ],
};

pub const PLACES: TableDef = TableDef {
    name: "places",
    doc: "The number of places per boende.",
    columns: &[col("boende_id", Kind::Id(Entity::Boende), true, "the boende"), col("places", Kind::Int, true, "its places (platser)")],
};

pub const STAFF: TableDef = TableDef {
    name: "staff",
    doc: "One row per employee in the time-reporting export.",
    columns: &[
        col("staff_id", Kind::Id(Entity::Staff), true, "the employee"),
        col("gender", Kind::Code(GENDERS), false, "K (kvinna) or M (man); missing: counted in totals and as unknown"),
        col("birth_year", Kind::Int, false, "year of birth (the age band is the age reached the year the hours fall in); missing: unknown"),
        col("employment", Kind::Code(EMPLOYMENTS), true, "monthly (månadsavlönad) or hourly (timavlönad)"),
    ],
};

pub const TIME_REPORTS: TableDef = TableDef {
    name: "time_reports",
    doc: "Reported hours per employee and day: worked hours and sick-leave hours.",
    columns: &[
        col("staff_id", Kind::Id(Entity::Staff), true, "the employee"),
        col("date", Kind::Date, true, "the day"),
        col("kind", Kind::Code(TIME_KINDS), true, "worked or sick (a sick row with 0 hours marks a day off inside a sick leave)"),
        col("hours", Kind::Float, true, "hours, ≥ 0"),
    ],
};

/// Every table, in the order they are read.
pub const TABLES: &[TableDef] = &[VISITS, DECISIONS, STAYS, PLACES, STAFF, TIME_REPORTS];
