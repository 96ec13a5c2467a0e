//! A deterministic, realistic SIE 4 file for a municipal care committee (vård- och
//! omsorgsnämnd), in code page 437, for demos, tests and benchmarks.
//!
//! The same options always give the same bytes. The file has the usual header, `#RAR 0` and
//! `-1`, Kommun-Bas-like accounts, `#DIM 1 "Ansvar"` with one object per cost centre (and a few
//! `#DIM 6` projects), `#PBUDGET` per month, account and cost centre for the whole year,
//! `#PSALDO` per month, account and cost centre for the booked months (plus account-level `{}`
//! rows for both), `#IB`/`#UB` for the balance accounts, `#RES`, and balanced `#VER` vouchers with
//! exactly `transactions` `#TRANS` rows in all. `#PSALDO`, `#RES` and `#UB` agree with the
//! vouchers to the öre.
//!
//! Seasonal patterns: holiday pay (5070) and hourly-paid substitutes (5060) peak in June–August
//! while monthly salaries (5010) dip; overtime rises in the summer and December; electricity and
//! heating follow the winter; state grants (3500) arrive in March and October; purchases rise in
//! December. Budgets are spread evenly over the months, so the demo shows real-looking deviations.

use std::io::{self, Write};

use crate::encoding::encode_cp437_lossy_into;
use crate::value::format_amount;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateOptions {
    /// Number of cost centres (`#OBJEKT 1`), at least 1.
    pub cost_centres: usize,
    /// Months with vouchers, 1–12 (from January; 8 makes a file "per 31 August").
    pub months: u8,
    /// `#TRANS` rows in all, at least 2. With fewer rows than monthly account cells the smallest
    /// cells get no rows (and no `#PSALDO`).
    pub transactions: u64,
    pub seed: u64,
    /// The financial year (`#RAR 0`), a calendar year.
    pub year: u16,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        GenerateOptions { cost_centres: 100, months: 12, transactions: 100_000, seed: 42, year: 2025 }
    }
}

/// What was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GenerateSummary {
    pub bytes: u64,
    pub lines: u64,
    pub vouchers: u64,
    pub trans_rows: u64,
    pub psaldo_rows: u64,
    pub pbudget_rows: u64,
    pub objects: u64,
}

/// Generate into memory.
pub fn demo_sie(options: &GenerateOptions) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    write_demo_sie(&mut out, options)?;
    Ok(out)
}

/// Generate, writing to `out` (wrap files in a `BufWriter`).
pub fn write_demo_sie<W: Write>(out: W, options: &GenerateOptions) -> io::Result<GenerateSummary> {
    if options.cost_centres == 0 {
        return Err(invalid("cost_centres must be at least 1"));
    }
    if !(1..=12).contains(&options.months) {
        return Err(invalid("months must be 1–12"));
    }
    if options.transactions < 2 {
        return Err(invalid("transactions must be at least 2 (a voucher needs two rows)"));
    }
    if !(1000..=9998).contains(&options.year) {
        return Err(invalid("year must be 1000–9998"));
    }
    let plan = Plan::new(options);
    let mut w = SieWriter { out, buf: Vec::with_capacity(256), summary: GenerateSummary::default() };
    plan.write(&mut w, options.seed)?;
    w.out.flush()?;
    Ok(w.summary)
}

fn invalid(msg: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, msg)
}

// ---------------------------------------------------------------------------------------------
// Random numbers (SplitMix64: tiny, deterministic on every platform).

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }
    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Uniform in `[-1, 1)`.
    fn signed(&mut self) -> f64 {
        self.unit() * 2.0 - 1.0
    }
}

// ---------------------------------------------------------------------------------------------
// Chart of accounts and cost-centre kinds.

struct AccountDef {
    no: &'static str,
    name: &'static str,
    /// Monthly factors applied to the budget to get the actual outcome.
    season: [f64; 12],
    /// Relative noise on the actual outcome (0.06 = ±6 %).
    noise: f64,
    /// Supplier or payer written on invoice rows.
    party: &'static str,
}

const FLAT: [f64; 12] = [1.0; 12];

#[rustfmt::skip]
const ACCOUNTS: &[AccountDef] = &[
    AccountDef { no: "3010", name: "Försäljning av varor och tjänster", season: FLAT, noise: 0.15, party: "Kunder daglig verksamhet" },
    AccountDef { no: "3110", name: "Avgifter hemtjänst", season: [1.0, 1.0, 1.0, 1.0, 1.0, 0.97, 0.95, 0.97, 1.0, 1.0, 1.0, 1.05], noise: 0.04, party: "Omsorgsavgifter" },
    AccountDef { no: "3120", name: "Avgifter särskilt boende", season: FLAT, noise: 0.03, party: "Omsorgsavgifter" },
    AccountDef { no: "3410", name: "Hyresintäkter bostäder", season: FLAT, noise: 0.01, party: "Hyresgäster" },
    AccountDef { no: "3500", name: "Statsbidrag", season: [0.0, 0.0, 6.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 6.0, 0.0, 0.0], noise: 0.0, party: "Socialstyrelsen" },
    AccountDef { no: "4010", name: "Köp av huvudverksamhet från privata utförare", season: [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.3], noise: 0.08, party: "Omsorgsbolaget Norrsken AB" },
    AccountDef { no: "4050", name: "Köp av huvudverksamhet från regioner", season: FLAT, noise: 0.10, party: "Region Västra Götaland" },
    AccountDef { no: "4610", name: "Livsmedel", season: FLAT, noise: 0.05, party: "Måltidsservice i Åby" },
    AccountDef { no: "4620", name: "Förbrukningsmaterial", season: [1.0, 0.9, 1.0, 1.0, 1.0, 0.9, 0.8, 0.9, 1.0, 1.0, 1.1, 1.4], noise: 0.15, party: "Förbrukningsartiklar Öst AB" },
    AccountDef { no: "4630", name: "Hjälpmedel", season: FLAT, noise: 0.30, party: "Hjälpmedelscentralen" },
    AccountDef { no: "5010", name: "Löner månadsavlönade", season: [1.0, 1.0, 1.0, 1.0, 1.0, 0.95, 0.75, 0.85, 1.0, 1.0, 1.0, 1.02], noise: 0.02, party: "" },
    AccountDef { no: "5020", name: "Fyllnadstid och övertid", season: [1.0, 0.9, 0.9, 0.9, 1.0, 1.3, 1.6, 1.4, 1.0, 0.9, 1.0, 1.3], noise: 0.15, party: "" },
    AccountDef { no: "5060", name: "Löner timavlönade", season: [0.9, 0.8, 0.8, 0.8, 0.9, 1.6, 2.6, 2.0, 0.9, 0.8, 0.8, 0.9], noise: 0.10, party: "" },
    AccountDef { no: "5070", name: "Semesterlön och semesterersättning", season: [0.3, 0.3, 0.3, 0.3, 0.5, 2.4, 3.6, 2.4, 0.5, 0.3, 0.3, 0.8], noise: 0.08, party: "" },
    AccountDef { no: "5410", name: "Sociala avgifter enligt lag och avtal", season: FLAT, noise: 0.0, party: "" },
    AccountDef { no: "6110", name: "Lokalhyror", season: FLAT, noise: 0.0, party: "Kommunfastigheter AB" },
    AccountDef { no: "6140", name: "El och uppvärmning", season: [1.6, 1.5, 1.3, 1.0, 0.7, 0.5, 0.5, 0.5, 0.7, 1.0, 1.3, 1.6], noise: 0.08, party: "Energibolaget Älvkraft" },
    AccountDef { no: "6420", name: "IT-tjänster och telefoni", season: FLAT, noise: 0.10, party: "IT-enheten" },
    AccountDef { no: "6550", name: "Konsulttjänster", season: [0.5, 0.8, 1.0, 1.2, 1.0, 0.8, 0.2, 0.5, 1.2, 1.3, 1.5, 2.0], noise: 0.40, party: "Konsultbyrån Råd & Dåd AB" },
    AccountDef { no: "7010", name: "Leasing av personbilar", season: FLAT, noise: 0.02, party: "Bilpoolen Sörmland AB" },
    AccountDef { no: "7610", name: "Utbildning och kurser", season: [0.6, 1.4, 1.4, 1.2, 1.0, 0.5, 0.1, 0.4, 1.4, 1.4, 1.3, 0.9], noise: 0.30, party: "Kompetenscentrum Väst" },
];

/// Balance accounts: number, name, opening balance in kronor.
const BALANCE_ACCOUNTS: &[(&str, &str, i64)] = &[
    ("1510", "Kundfordringar", 14_250_000),
    ("1930", "Bank", 0),
    ("2440", "Leverantörsskulder", -38_600_000),
    ("2940", "Upplupna löner och sociala avgifter", -61_300_000),
];

/// Employer's contributions (PO) as a share of wages.
const PO_RATE: f64 = 0.40;
const PO_ACCOUNT: &str = "5410";
const WAGE_ACCOUNTS: [&str; 4] = ["5010", "5020", "5060", "5070"];

struct Kind {
    prefix: u32,
    weight: u32,
    /// Names; `{}` is replaced by an area when present.
    names: &'static [&'static str],
    /// Account and annual budget in thousands of kronor for a cost centre of size 1.0 (negative
    /// for revenue). 5410 is added from the wages.
    profile: &'static [(&'static str, i64)],
    /// Project (dimension 6) on rows of these accounts.
    project_accounts: &'static [&'static str],
}

const AREAS: &[&str] = &[
    "Norr",
    "Söder",
    "Öster",
    "Väster",
    "Centrum",
    "Åsen",
    "Ängby",
    "Björkhagen",
    "Lärkstaden",
    "Sjöstaden",
    "Älvsby",
    "Kvarnbacken",
    "Östra hamnen",
    "Södra dalen",
    "Rosendal",
    "Hagaby",
    "Ekeby",
    "Tallåsen",
    "Måsviken",
    "Gärdet",
];

#[rustfmt::skip]
const KINDS: &[Kind] = &[
    Kind { prefix: 10, weight: 5, names: &["Förvaltningsledning", "Nämnd och presidium", "Kvalitet och utveckling", "Bemanningsenheten", "Trygghetslarm och nattpatrull", "Ekonomi och administration", "Medicinskt ansvarig sjuksköterska", "Välfärdsteknik"],
        profile: &[("5010", 7_500), ("5020", 150), ("5070", 350), ("3500", -14_000), ("6420", 2_600), ("6550", 1_400), ("6110", 1_100), ("7610", 600)],
        project_accounts: &["6550", "6420", "7610"] },
    Kind { prefix: 11, weight: 20, names: &["Hemtjänst {}"],
        profile: &[("5010", 19_000), ("5020", 600), ("5060", 2_400), ("5070", 1_000), ("3110", -3_400), ("4620", 450), ("6110", 800), ("6420", 350), ("7010", 1_500)],
        project_accounts: &[] },
    Kind { prefix: 12, weight: 25, names: &["Särskilt boende {}"],
        profile: &[("5010", 26_000), ("5020", 800), ("5060", 3_600), ("5070", 1_400), ("3120", -6_200), ("3410", -4_100), ("4610", 2_100), ("4620", 550), ("6110", 9_200), ("6140", 900), ("6420", 300)],
        project_accounts: &[] },
    Kind { prefix: 13, weight: 20, names: &["Gruppbostad LSS {}"],
        profile: &[("5010", 9_200), ("5020", 300), ("5060", 1_500), ("5070", 550), ("3410", -1_250), ("4610", 420), ("4620", 200), ("6110", 2_500), ("6140", 260)],
        project_accounts: &[] },
    Kind { prefix: 14, weight: 10, names: &["Daglig verksamhet LSS {}"],
        profile: &[("5010", 6_100), ("5060", 600), ("5070", 330), ("3010", -220), ("4620", 520), ("6110", 1_500), ("7010", 420), ("7610", 120)],
        project_accounts: &[] },
    Kind { prefix: 15, weight: 8, names: &["Hemsjukvård {}", "Rehabilitering {}"],
        profile: &[("5010", 12_500), ("5020", 400), ("5060", 900), ("5070", 700), ("4630", 3_100), ("4620", 600), ("7010", 800)],
        project_accounts: &[] },
    Kind { prefix: 16, weight: 7, names: &["Biståndshandläggning äldre", "LSS-handläggning", "Avgiftshandläggning", "Bostadsanpassning", "Socialpsykiatri myndighet", "Anhörigstöd"],
        profile: &[("5010", 6_200), ("5070", 300), ("6550", 300), ("6420", 250), ("7610", 150)],
        project_accounts: &[] },
    Kind { prefix: 17, weight: 5, names: &["Köpt hemtjänst LOV", "Externa placeringar LSS", "Köpta platser särskilt boende", "Köpt personlig assistans", "Korttidsvistelse köpt"],
        profile: &[("4010", 32_000), ("4050", 2_200)],
        project_accounts: &[] },
];

const PROJECTS: &[(&str, &str)] = &[("P100", "Välfärdsteknik i hemtjänsten"), ("P200", "Heltidsresan"), ("P300", "Äldreomsorgslyftet")];

const MONTHS_SV: [&str; 12] =
    ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"];

fn account_index(no: &str) -> usize {
    ACCOUNTS.iter().position(|a| a.no == no).unwrap_or(0)
}

// ---------------------------------------------------------------------------------------------
// The plan: everything but the individual voucher rows, so that #PSALDO and #UB (written before
// the vouchers) agree with them.

struct CostCentre {
    code: String,
    name: String,
    /// Accounts (indexes into ACCOUNTS) with their annual budget in öre.
    budget: Vec<(usize, i64)>,
    project: Option<usize>,
    project_accounts: &'static [&'static str],
}

/// Voucher series: payroll, supplier invoices, customer invoices, grants.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Series {
    Payroll,
    Supplier,
    Customer,
    Grant,
}

const SERIES: [Series; 4] = [Series::Payroll, Series::Supplier, Series::Customer, Series::Grant];

impl Series {
    fn of(account_no: &str) -> Series {
        match account_no.as_bytes().first() {
            Some(b'5') => Series::Payroll,
            Some(b'3') if account_no.starts_with("35") => Series::Grant,
            Some(b'3') => Series::Customer,
            _ => Series::Supplier,
        }
    }
    fn letter(self) -> &'static str {
        match self {
            Series::Payroll => "L",
            Series::Supplier => "LF",
            Series::Customer => "KF",
            Series::Grant => "M",
        }
    }
    fn counter_account(self) -> &'static str {
        match self {
            Series::Payroll => "2940",
            Series::Supplier => "2440",
            Series::Customer => "1510",
            Series::Grant => "1930",
        }
    }
    /// Data rows per voucher (the counter row comes on top).
    fn rows_per_voucher(self) -> (u64, u64) {
        match self {
            Series::Payroll => (20, 120),
            Series::Supplier => (1, 5),
            Series::Customer => (10, 60),
            Series::Grant => (1, 3),
        }
    }
    fn index(self) -> usize {
        match self {
            Series::Payroll => 0,
            Series::Supplier => 1,
            Series::Customer => 2,
            Series::Grant => 3,
        }
    }
}

/// One (cost centre, account) outcome in one month.
struct Cell {
    cc: usize,
    account: usize,
    amount: i64,
    rows: u64,
}

struct SeriesPlan {
    cells: Vec<Cell>,
    /// Rows per voucher, counter row included (each at least 2).
    vouchers: Vec<u64>,
}

struct MonthPlan {
    series: Vec<SeriesPlan>,
}

struct Plan {
    year: u16,
    months: u8,
    ccs: Vec<CostCentre>,
    month_plans: Vec<MonthPlan>,
}

impl Plan {
    fn new(o: &GenerateOptions) -> Plan {
        let mut rng = Rng::new(o.seed);
        let ccs = make_cost_centres(o.cost_centres, &mut rng);

        // Outcome per (month, cost centre, account).
        let mut month_cells: Vec<Vec<Cell>> = Vec::new();
        for m in 0..usize::from(o.months) {
            let mut cells = Vec::new();
            for (ci, cc) in ccs.iter().enumerate() {
                let mut wages = 0i64;
                let mut po_slot = None;
                for &(ai, annual) in &cc.budget {
                    let def = &ACCOUNTS[ai];
                    if def.no == PO_ACCOUNT {
                        po_slot = Some(cells.len());
                        cells.push(Cell { cc: ci, account: ai, amount: 0, rows: 0 });
                        continue;
                    }
                    let monthly = month_share(annual, m) as f64;
                    let factor = def.season[m] * (1.0 + def.noise * rng.signed());
                    let amount = (monthly * factor).round() as i64;
                    if WAGE_ACCOUNTS.contains(&def.no) {
                        wages += amount;
                    }
                    cells.push(Cell { cc: ci, account: ai, amount, rows: 0 });
                }
                if let Some(slot) = po_slot {
                    cells[slot].amount = (wages as f64 * PO_RATE).round() as i64;
                }
            }
            cells.retain(|c| c.amount != 0);
            month_cells.push(cells);
        }

        // #TRANS rows per month (more in June, July and December), then per series.
        const MONTH_WEIGHT: [u128; 12] = [100, 95, 105, 100, 100, 110, 110, 95, 100, 105, 100, 115];
        let weights: Vec<u128> = (0..usize::from(o.months)).map(|m| MONTH_WEIGHT[m]).collect();
        let mut per_month = apportion(o.transactions, &weights);
        no_single_rows(&mut per_month);

        let mut month_plans = Vec::new();
        for (cells, &rows) in month_cells.into_iter().zip(&per_month) {
            let mut by_series: Vec<Vec<Cell>> = (0..SERIES.len()).map(|_| Vec::new()).collect();
            for c in cells {
                by_series[Series::of(ACCOUNTS[c.account].no).index()].push(c);
            }
            let weights: Vec<u128> = by_series.iter().map(|c| c.len() as u128).collect();
            let mut per_series = apportion(rows, &weights);
            no_single_rows(&mut per_series);
            let mut series = Vec::new();
            for (s, (mut cells, rows)) in SERIES.iter().zip(by_series.into_iter().zip(per_series)) {
                let vouchers = voucher_sizes(rows, s.rows_per_voucher(), &mut rng);
                let data_rows: u64 = vouchers.iter().map(|v| v - 1).sum();
                assign_rows(&mut cells, data_rows);
                cells.retain(|c| c.rows > 0);
                series.push(SeriesPlan { cells, vouchers });
            }
            month_plans.push(MonthPlan { series });
        }
        Plan { year: o.year, months: o.months, ccs, month_plans }
    }

    fn write<W: Write>(&self, w: &mut SieWriter<W>, seed: u64) -> io::Result<()> {
        let y = self.year;
        let last_month = self.months;
        let omfattn = format!("{y:04}{last_month:02}{:02}", crate::value::days_in_month(y, last_month));
        let generated = if last_month == 12 { format!("{:04}0115", y + 1) } else { format!("{y:04}{:02}05", last_month + 1) };
        w.line("#FLAGGA 0")?;
        w.line("#PROGRAM \"styr-sie generate_sie\" 0.1")?;
        w.line("#FORMAT PC8")?;
        w.line(&format!("#GEN {generated} \"Ekonomiavdelningen\""))?;
        w.line("#SIETYP 4")?;
        w.line("#PROSA \"Syntetisk demofil - inga verkliga belopp\"")?;
        w.line("#FNR VON")?;
        w.line("#ORGNR 212000-0000")?;
        w.line("#FNAMN \"Demo kommun Vård- och omsorgsnämnden\"")?;
        w.line("#ADRESS \"Ekonomiavdelningen\" \"Stadshusgatan 1\" \"123 45 Demostad\" \"010-123 45 67\"")?;
        w.line(&format!("#RAR 0 {y:04}0101 {y:04}1231"))?;
        w.line(&format!("#RAR -1 {:04}0101 {:04}1231", y - 1, y - 1))?;
        w.line(&format!("#OMFATTN {omfattn}"))?;
        w.line("#KPTYP \"Kommun-Bas 13\"")?;
        w.line("#VALUTA SEK")?;
        for (no, name, _) in BALANCE_ACCOUNTS {
            w.line(&format!("#KONTO {no} \"{name}\""))?;
        }
        for a in ACCOUNTS {
            w.line(&format!("#KONTO {} \"{}\"", a.no, a.name))?;
        }
        for (no, _, _) in BALANCE_ACCOUNTS {
            let t = if no.starts_with('1') { 'T' } else { 'S' };
            w.line(&format!("#KTYP {no} {t}"))?;
        }
        for a in ACCOUNTS {
            let t = if a.no.starts_with('3') { 'I' } else { 'K' };
            w.line(&format!("#KTYP {} {t}", a.no))?;
        }
        w.line("#DIM 1 \"Ansvar\"")?;
        w.line("#DIM 6 \"Projekt\"")?;
        for cc in &self.ccs {
            w.line(&format!("#OBJEKT 1 \"{}\" \"{}\"", cc.code, cc.name))?;
            w.summary.objects += 1;
        }
        for (code, name) in PROJECTS {
            w.line(&format!("#OBJEKT 6 \"{code}\" \"{name}\""))?;
            w.summary.objects += 1;
        }

        // Balances: movements of the counter accounts are minus the booked outcome per series.
        let mut movement = [0i64; 4];
        let mut annual = vec![0i64; ACCOUNTS.len()];
        for mp in &self.month_plans {
            for (s, sp) in SERIES.iter().zip(&mp.series) {
                for c in &sp.cells {
                    movement[s.index()] -= c.amount;
                    annual[c.account] += c.amount;
                }
            }
        }
        for (no, _, ib_kr) in BALANCE_ACCOUNTS {
            let ib = ib_kr * 100;
            w.line(&format!("#UB -1 {no} {}", format_amount(ib)))?;
            w.line(&format!("#IB 0 {no} {}", format_amount(ib)))?;
        }
        for (no, _, ib_kr) in BALANCE_ACCOUNTS {
            let moved: i64 = SERIES.iter().filter(|s| s.counter_account() == *no).map(|s| movement[s.index()]).sum();
            w.line(&format!("#UB 0 {no} {}", format_amount(ib_kr * 100 + moved)))?;
        }
        for (a, total) in ACCOUNTS.iter().zip(&annual) {
            if *total != 0 {
                w.line(&format!("#RES 0 {} {}", a.no, format_amount(*total)))?;
            }
        }

        // #PSALDO: per month, account level then per cost centre.
        for (m, mp) in self.month_plans.iter().enumerate() {
            let period = format!("{y:04}{:02}", m + 1);
            let mut cells: Vec<&Cell> = mp.series.iter().flat_map(|s| &s.cells).collect();
            cells.sort_by_key(|c| (c.account, c.cc));
            let mut i = 0;
            while i < cells.len() {
                let acc = cells[i].account;
                let j = cells[i..].iter().position(|c| c.account != acc).map_or(cells.len(), |p| i + p);
                let total: i64 = cells[i..j].iter().map(|c| c.amount).sum();
                let no = ACCOUNTS[acc].no;
                w.line(&format!("#PSALDO 0 {period} {no} {{}} {}", format_amount(total)))?;
                w.summary.psaldo_rows += 1;
                for c in &cells[i..j] {
                    w.line(&format!("#PSALDO 0 {period} {no} {{1 \"{}\"}} {}", self.ccs[c.cc].code, format_amount(c.amount)))?;
                    w.summary.psaldo_rows += 1;
                }
                i = j;
            }
        }

        // #PBUDGET: the whole year, per account then per cost centre.
        for m in 0..12 {
            let period = format!("{y:04}{:02}", m + 1);
            for (ai, a) in ACCOUNTS.iter().enumerate() {
                let per_cc: Vec<(usize, i64)> = self
                    .ccs
                    .iter()
                    .enumerate()
                    .filter_map(|(ci, cc)| cc.budget.iter().find(|b| b.0 == ai).map(|b| (ci, month_share(b.1, m))))
                    .collect();
                if per_cc.is_empty() {
                    continue;
                }
                let total: i64 = per_cc.iter().map(|x| x.1).sum();
                w.line(&format!("#PBUDGET 0 {period} {} {{}} {}", a.no, format_amount(total)))?;
                w.summary.pbudget_rows += 1;
                for (ci, amount) in per_cc {
                    w.line(&format!("#PBUDGET 0 {period} {} {{1 \"{}\"}} {}", a.no, self.ccs[ci].code, format_amount(amount)))?;
                    w.summary.pbudget_rows += 1;
                }
            }
        }

        // Vouchers.
        let mut rng = Rng::new(seed.wrapping_mul(31).wrapping_add(7));
        let mut numbers = [0u64; 4];
        let mut invoice_no = 250_000u64 + rng.below(10_000);
        for (m, mp) in self.month_plans.iter().enumerate() {
            let month = (m + 1) as u8;
            let dim = crate::value::days_in_month(y, month);
            for (s, sp) in SERIES.iter().zip(&mp.series) {
                // Split each cell into its rows, lazily, as the vouchers consume them.
                let mut rows = sp
                    .cells
                    .iter()
                    .flat_map(|c| split(c.amount, c.rows, &mut Rng::new(seed ^ cell_seed(m, c))).into_iter().map(move |a| (c, a)));
                let nv = sp.vouchers.len() as u64;
                for (vi, &size) in sp.vouchers.iter().enumerate() {
                    numbers[s.index()] += 1;
                    let day = match s {
                        Series::Payroll => 25.min(dim),
                        Series::Customer => dim,
                        Series::Grant => 15,
                        Series::Supplier => 1 + (vi as u64 * u64::from(dim) / nv.max(1)) as u8,
                    };
                    let date = format!("{y:04}{month:02}{day:02}");
                    let reg_day = (day + rng.below(3) as u8).min(dim);
                    let reg = format!("{y:04}{month:02}{reg_day:02}");
                    let mut data: Vec<(&Cell, i64)> = Vec::with_capacity(size as usize);
                    for _ in 1..size {
                        if let Some(r) = rows.next() {
                            data.push(r);
                        }
                    }
                    let text = match s {
                        Series::Payroll => format!("Lön {} {y}", MONTHS_SV[m]),
                        Series::Customer => format!("Kundfakturor {} {y}", MONTHS_SV[m]),
                        Series::Grant => format!("{} {}", ACCOUNTS[data.first().map_or(0, |d| d.0.account)].party, MONTHS_SV[m]),
                        Series::Supplier => {
                            invoice_no += 1 + rng.below(40);
                            let party = data.first().map_or("", |d| ACCOUNTS[d.0.account].party);
                            format!("Lev.faktura {invoice_no} {party}")
                        }
                    };
                    w.line(&format!("#VER {} {} {date} \"{text}\" {reg}", s.letter(), numbers[s.index()]))?;
                    w.line("{")?;
                    let mut sum = 0i64;
                    for (c, amount) in &data {
                        sum += amount;
                        let cc = &self.ccs[c.cc];
                        let no = ACCOUNTS[c.account].no;
                        let objects = match cc.project {
                            Some(p) if cc.project_accounts.contains(&no) => {
                                format!("{{1 \"{}\" 6 \"{}\"}}", cc.code, PROJECTS[p].0)
                            }
                            _ => format!("{{1 \"{}\"}}", cc.code),
                        };
                        let line = match s {
                            Series::Supplier => {
                                format!("\t#TRANS {no} {objects} {} {date} \"{}\"", format_amount(*amount), ACCOUNTS[c.account].name)
                            }
                            _ => format!("\t#TRANS {no} {objects} {}", format_amount(*amount)),
                        };
                        w.line(&line)?;
                        w.summary.trans_rows += 1;
                    }
                    w.line(&format!("\t#TRANS {} {{}} {}", s.counter_account(), format_amount(-sum)))?;
                    w.summary.trans_rows += 1;
                    w.line("}")?;
                    w.summary.vouchers += 1;
                }
            }
        }
        Ok(())
    }
}

fn cell_seed(month: usize, c: &Cell) -> u64 {
    ((month as u64) << 48) ^ ((c.cc as u64) << 16) ^ (c.account as u64) ^ 0xA5A5_0000_0000
}

/// The `m`th (0-based) of twelve near-equal monthly parts of `annual` that add up to it exactly.
fn month_share(annual: i64, m: usize) -> i64 {
    let a = i128::from(annual);
    let m = m as i128;
    ((a * (m + 1)) / 12 - (a * m) / 12) as i64
}

fn make_cost_centres(n: usize, rng: &mut Rng) -> Vec<CostCentre> {
    // Spread n over the kinds by weight (every kind gets one once n allows).
    let weights: Vec<u128> = KINDS.iter().map(|k| u128::from(k.weight)).collect();
    let counts = apportion(n as u64, &weights);
    let mut ccs = Vec::with_capacity(n);
    for (k, &count) in KINDS.iter().zip(&counts) {
        for i in 0..count as usize {
            let name_pattern = k.names[i % k.names.len()];
            let round = i / k.names.len();
            let name = if name_pattern.contains("{}") {
                let area = AREAS[round % AREAS.len()];
                let base = name_pattern.replace("{}", area);
                let lap = round / AREAS.len();
                if lap > 0 { format!("{base} {}", lap + 1) } else { base }
            } else if round > 0 {
                format!("{name_pattern} {}", round + 1)
            } else {
                name_pattern.to_owned()
            };
            let size = 0.6 + 1.2 * rng.unit();
            let mut budget = Vec::new();
            let mut wage_budget = 0i64;
            for &(no, kkr) in k.profile {
                // Budgets are set in whole thousands of kronor.
                let tkr = (kkr as f64 * size).round() as i64;
                let ore = tkr * 1000 * 100;
                if WAGE_ACCOUNTS.contains(&no) {
                    wage_budget += ore;
                }
                budget.push((account_index(no), ore));
            }
            if wage_budget != 0 {
                let po_tkr = (wage_budget as f64 * PO_RATE / 100_000.0).round() as i64;
                budget.push((account_index(PO_ACCOUNT), po_tkr * 100_000));
            }
            budget.sort_by_key(|b| ACCOUNTS[b.0].no);
            let project = (!k.project_accounts.is_empty()).then(|| ccs.len() % PROJECTS.len());
            ccs.push(CostCentre { code: format!("{}{:02}", k.prefix, i + 1), name, budget, project, project_accounts: k.project_accounts });
        }
    }
    ccs
}

/// Split `total` into parts proportional to `weights` (largest remainder, exact).
fn apportion(total: u64, weights: &[u128]) -> Vec<u64> {
    let sum: u128 = weights.iter().sum();
    if weights.is_empty() {
        return Vec::new();
    }
    if sum == 0 {
        let mut out = vec![0u64; weights.len()];
        out[0] = total;
        return out;
    }
    let t = u128::from(total);
    let mut out: Vec<u64> = weights.iter().map(|w| (t * w / sum) as u64).collect();
    let given: u64 = out.iter().sum();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| (t * weights[b] % sum).cmp(&(t * weights[a] % sum)).then(a.cmp(&b)));
    for &i in order.iter().take((total - given) as usize) {
        out[i] += 1;
    }
    out
}

/// A voucher needs two rows, so no part may be exactly 1: move single rows onto other parts.
fn no_single_rows(parts: &mut [u64]) {
    let ones: Vec<usize> = (0..parts.len()).filter(|&i| parts[i] == 1).collect();
    for &i in &ones {
        if parts[i] != 1 {
            continue;
        }
        parts[i] = 0;
        if let Some(j) = (0..parts.len()).find(|&j| parts[j] >= 2) {
            parts[j] += 1;
        } else if let Some(j) = (0..parts.len()).find(|&j| j != i && parts[j] == 1) {
            parts[j] = 2;
        } else {
            // The only row left anywhere: keep it (callers ensure totals of at least 2).
            parts[i] = 1;
        }
    }
}

/// Voucher sizes (counter row included) that add up to `rows` exactly, each at least 2.
fn voucher_sizes(rows: u64, (lo, hi): (u64, u64), rng: &mut Rng) -> Vec<u64> {
    let mut out = Vec::new();
    let mut left = rows;
    while left >= 2 {
        let mut s = (1 + rng.range(lo, hi)).min(left);
        if left - s == 1 {
            s += 1;
        }
        out.push(s);
        left -= s;
    }
    out
}

/// Give `rows` rows to the cells: one each to the largest when there are too few, else one each
/// and the rest in proportion to the amounts.
fn assign_rows(cells: &mut [Cell], rows: u64) {
    let n = cells.len() as u64;
    if n == 0 {
        return;
    }
    if rows < n {
        let mut order: Vec<usize> = (0..cells.len()).collect();
        order.sort_by(|&a, &b| cells[b].amount.unsigned_abs().cmp(&cells[a].amount.unsigned_abs()).then(a.cmp(&b)));
        for &i in order.iter().take(rows as usize) {
            cells[i].rows = 1;
        }
        return;
    }
    let weights: Vec<u128> = cells.iter().map(|c| u128::from(c.amount.unsigned_abs())).collect();
    for (c, extra) in cells.iter_mut().zip(apportion(rows - n, &weights)) {
        c.rows = 1 + extra;
    }
}

/// Split an amount into `k` random parts that add up to it exactly.
fn split(amount: i64, k: u64, rng: &mut Rng) -> Vec<i64> {
    let k = k.max(1) as usize;
    let weights: Vec<i128> = (0..k).map(|_| 50 + rng.below(1000) as i128).collect();
    let sum: i128 = weights.iter().sum();
    let mut parts: Vec<i64> = weights.iter().map(|w| (i128::from(amount) * w / sum) as i64).collect();
    let given: i64 = parts.iter().sum();
    if let Some(last) = parts.last_mut() {
        *last += amount - given;
    }
    parts
}

struct SieWriter<W> {
    out: W,
    buf: Vec<u8>,
    summary: GenerateSummary,
}

impl<W: Write> SieWriter<W> {
    fn line(&mut self, text: &str) -> io::Result<()> {
        self.buf.clear();
        encode_cp437_lossy_into(text, &mut self.buf);
        self.buf.extend_from_slice(b"\r\n");
        self.out.write_all(&self.buf)?;
        self.summary.bytes += self.buf.len() as u64;
        self.summary.lines += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apportion_is_exact() {
        assert_eq!(apportion(10, &[1, 1, 1]), vec![4, 3, 3]);
        assert_eq!(apportion(7, &[0, 0]), vec![7, 0]);
        assert_eq!(apportion(0, &[5, 1]), vec![0, 0]);
        let v = apportion(1_000_003, &[3, 17, 0, 80]);
        assert_eq!(v.iter().sum::<u64>(), 1_000_003);
        assert_eq!(v[2], 0);
    }

    #[test]
    fn no_single_row_parts() {
        let mut v = vec![1, 5, 1, 0];
        no_single_rows(&mut v);
        assert_eq!(v.iter().sum::<u64>(), 7);
        assert!(!v.contains(&1));
        let mut v = vec![1, 1, 1];
        no_single_rows(&mut v);
        assert_eq!(v.iter().sum::<u64>(), 3);
        assert!(!v.contains(&1));
    }

    #[test]
    fn voucher_sizes_add_up() {
        let mut rng = Rng::new(1);
        for rows in [0u64, 2, 3, 4, 5, 7, 100, 1001] {
            let v = voucher_sizes(rows, (1, 5), &mut rng);
            assert_eq!(v.iter().sum::<u64>(), rows);
            assert!(v.iter().all(|&s| s >= 2));
        }
    }

    #[test]
    fn split_adds_up() {
        let mut rng = Rng::new(9);
        for (a, k) in [(-123_456_789i64, 7u64), (5, 3), (0, 4), (1_000_000_000, 1)] {
            let parts = split(a, k, &mut rng);
            assert_eq!(parts.len(), k as usize);
            assert_eq!(parts.iter().sum::<i64>(), a);
        }
    }

    #[test]
    fn bad_options() {
        let base = GenerateOptions::default();
        assert!(demo_sie(&GenerateOptions { cost_centres: 0, ..base.clone() }).is_err());
        assert!(demo_sie(&GenerateOptions { months: 13, ..base.clone() }).is_err());
        assert!(demo_sie(&GenerateOptions { transactions: 1, ..base.clone() }).is_err());
    }
}
