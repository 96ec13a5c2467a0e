//! Parquet input (as DuckDB writes it: every column optional, timestamps in microseconds) gives
//! the same columns as CSV; wrong types and nulls in required columns are refused.

use std::fs::File;
use std::path::PathBuf;
use std::sync::Arc;

use parquet::data_type::{ByteArray, ByteArrayType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use styr_measures::kernels::continuity::{ContinuityOptions, continuity};
use styr_measures::kernels::lead_times::{LeadTime, lead_times};
use styr_measures::load;
use styr_measures::time::days_from_civil;

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("styr-measures-pq-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// One column of values with their nulls (`None`).
enum Values {
    I64(Vec<Option<i64>>),
    I32(Vec<Option<i32>>),
    Text(Vec<Option<&'static str>>),
}

fn write(path: &PathBuf, schema: &str, columns: Vec<Values>) {
    let schema = Arc::new(parse_message_type(schema).unwrap());
    let mut w = SerializedFileWriter::new(File::create(path).unwrap(), schema, Arc::new(WriterProperties::builder().build())).unwrap();
    let mut group = w.next_row_group().unwrap();
    for values in columns {
        let mut col = group.next_column().unwrap().unwrap();
        fn split<T: Clone>(v: &[Option<T>]) -> (Vec<T>, Vec<i16>) {
            (v.iter().flatten().cloned().collect(), v.iter().map(|x| i16::from(x.is_some())).collect())
        }
        match values {
            Values::I64(v) => {
                let (vals, defs) = split(&v);
                col.typed::<Int64Type>().write_batch(&vals, Some(&defs), None).unwrap();
            }
            Values::I32(v) => {
                let (vals, defs) = split(&v);
                col.typed::<Int32Type>().write_batch(&vals, Some(&defs), None).unwrap();
            }
            Values::Text(v) => {
                let (vals, defs) = split(&v);
                let vals: Vec<ByteArray> = vals.into_iter().map(ByteArray::from).collect();
                col.typed::<ByteArrayType>().write_batch(&vals, Some(&defs), None).unwrap();
            }
        }
        col.close().unwrap();
    }
    group.close().unwrap();
    w.close().unwrap();
}

const VISITS: &str = "message visits { optional int64 client_id; optional int32 unit_id; optional int64 staff_id; \
    optional int64 start (TIMESTAMP(MICROS,false)); optional int64 end (TIMESTAMP(MICROS,false)); }";

fn micros(day: i32, minute: i64) -> i64 {
    (i64::from(day) * 86_400 + minute * 60) * 1_000_000
}

#[test]
fn parquet_visits_and_decisions_are_read() {
    let d = dir("ok");
    let day0 = days_from_civil(2024, 1, 1);
    // Two clients, 14 days of morning and evening visits; client 2's evening ends are missing.
    let (mut c, mut u, mut s, mut st, mut en) = (vec![], vec![], vec![], vec![], vec![]);
    for k in 0..14 {
        for (client, staff) in [(1i64, 1 + k % 3), (2, 7)] {
            for minute in [8 * 60, 20 * 60] {
                c.push(Some(client));
                u.push(Some(5));
                s.push(Some(i64::from(staff)));
                st.push(Some(micros(day0 + k, minute)));
                en.push(if client == 2 && minute > 600 { None } else { Some(micros(day0 + k, minute + 30)) });
            }
        }
    }
    write(&d.join("visits.parquet"), VISITS, vec![Values::I64(c), Values::I32(u), Values::I64(s), Values::I64(st), Values::I64(en)]);
    write(
        &d.join("decisions.parquet"),
        "message d { optional int64 decision_id; optional int64 client_id; optional binary service (STRING); \
         optional int32 applied (DATE); optional int32 decided (DATE); }",
        vec![
            Values::I64(vec![Some(1), Some(2)]),
            Values::I64(vec![Some(1), Some(2)]),
            Values::Text(vec![Some("hemtjanst"), Some("hemtjanst")]),
            Values::I32(vec![Some(day0), None]),
            Values::I32(vec![Some(day0 + 4), Some(day0 + 9)]),
        ],
    );
    let inputs = load(&d, &mut ()).unwrap();
    let v = inputs.visits.as_ref().unwrap();
    assert_eq!(v.start.len(), 56);
    assert_eq!(v.end.iter().filter(|e| **e == styr_measures::input::NONE_INT).count(), 14);
    let r = continuity(v, &inputs.dicts, day0, day0 + 13, &ContinuityOptions::default()).unwrap();
    let got: Vec<(i64, i64, u32)> = r.clients.iter().map(|c| (c.client_id, c.unit_id, c.staff)).collect();
    assert_eq!(got, vec![(1, 5, 3), (2, 5, 1)]);
    let u = lead_times(inputs.decisions.as_ref().unwrap(), LeadTime::Utredningstid, day0, day0 + 30);
    assert_eq!((u[0].decisions, u[0].mean_days), (1, 4.0));
}

#[test]
fn parquet_with_wrong_types_or_nulls_is_refused() {
    let d = dir("bad-type");
    let schema = "message visits { optional int64 client_id; optional int64 unit_id; optional int64 staff_id; optional int64 start; }";
    write(
        &d.join("visits.parquet"),
        schema,
        vec![Values::I64(vec![Some(1)]), Values::I64(vec![Some(1)]), Values::I64(vec![Some(1)]), Values::I64(vec![Some(0)])],
    );
    let e = load(&d, &mut ()).unwrap_err().to_string();
    assert!(e.contains("visits.parquet") && e.contains("column start is INT64") && e.contains("YYYY-MM-DD HH:MM"), "{e}");

    let d = dir("null");
    write(
        &d.join("visits.parquet"),
        VISITS,
        vec![
            Values::I64(vec![Some(1), Some(1), Some(2)]),
            Values::I32(vec![Some(1), Some(1), Some(1)]),
            Values::I64(vec![Some(1), None, Some(1)]),
            Values::I64(vec![Some(0), Some(0), Some(0)]),
            Values::I64(vec![None, None, None]),
        ],
    );
    let e = load(&d, &mut ()).unwrap_err().to_string();
    assert!(e.contains("visits.parquet, row 2, column staff_id: missing value"), "{e}");
}

/// DuckDB marks a DATE column with the legacy converted type only (no logical type): still a date.
#[test]
fn a_date_with_only_the_converted_type_is_a_date() {
    use parquet::basic::{ConvertedType, Repetition, Type as Physical};
    use parquet::schema::types::Type;
    let d = dir("converted");
    let field = |name: &str, physical, converted| {
        Arc::new(
            Type::primitive_type_builder(name, physical)
                .with_repetition(Repetition::OPTIONAL)
                .with_converted_type(converted)
                .build()
                .unwrap(),
        )
    };
    let schema = Type::group_type_builder("decisions")
        .with_fields(vec![
            field("decision_id", Physical::INT64, ConvertedType::INT_64),
            field("client_id", Physical::INT64, ConvertedType::INT_64),
            field("service", Physical::BYTE_ARRAY, ConvertedType::UTF8),
            field("decided", Physical::INT32, ConvertedType::DATE),
        ])
        .build()
        .unwrap();
    assert!(schema.get_fields()[3].get_basic_info().logical_type_ref().is_none(), "only the converted type is set");
    let path = d.join("decisions.parquet");
    let mut w =
        SerializedFileWriter::new(File::create(&path).unwrap(), Arc::new(schema), Arc::new(WriterProperties::builder().build())).unwrap();
    let mut group = w.next_row_group().unwrap();
    let mut col = group.next_column().unwrap().unwrap();
    col.typed::<Int64Type>().write_batch(&[1], Some(&[1]), None).unwrap();
    col.close().unwrap();
    let mut col = group.next_column().unwrap().unwrap();
    col.typed::<Int64Type>().write_batch(&[9], Some(&[1]), None).unwrap();
    col.close().unwrap();
    let mut col = group.next_column().unwrap().unwrap();
    col.typed::<ByteArrayType>().write_batch(&[ByteArray::from("hemtjanst")], Some(&[1]), None).unwrap();
    col.close().unwrap();
    let mut col = group.next_column().unwrap().unwrap();
    col.typed::<Int32Type>().write_batch(&[days_from_civil(2024, 3, 5)], Some(&[1]), None).unwrap();
    col.close().unwrap();
    group.close().unwrap();
    w.close().unwrap();
    let inputs = load(&d, &mut ()).unwrap();
    assert_eq!(inputs.decisions.unwrap().decided, vec![i64::from(days_from_civil(2024, 3, 5))]);
}
