//! Balance records given twice: `#IB`, `#UB`, `#RES`, `#OIB`, `#OUB`, `#PSALDO` and `#PBUDGET` with the
//! same key (label, year index, period, account, object list) would be counted twice by anyone who
//! adds them up, so the reader refuses the second one and names both lines.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use crate::record::{ObjectRef, Record};

/// (label, year index, period as YYYYMM or 0, account id, object-list id).
type Key = (u8, i32, u32, u32, u32);

/// The key of every balance record read so far, with its line. Accounts and object lists are
/// interned, so an entry costs about 40 bytes whatever the codes' lengths.
#[derive(Debug, Default)]
pub(crate) struct BalanceKeys {
    accounts: HashMap<String, u32>,
    object_lists: HashMap<Vec<ObjectRef>, u32>,
    seen: HashMap<Key, usize>,
}

fn intern<K, Q>(map: &mut HashMap<K, u32>, key: &Q) -> u32
where
    K: std::borrow::Borrow<Q> + std::hash::Hash + Eq,
    Q: ToOwned<Owned = K> + std::hash::Hash + Eq + ?Sized,
{
    if let Some(&id) = map.get(key) {
        return id;
    }
    let id = map.len() as u32;
    map.insert(key.to_owned(), id);
    id
}

impl BalanceKeys {
    /// For a balance record: the line of an earlier record with the same key, if there is one;
    /// otherwise the record is remembered. Other records: `None`.
    pub(crate) fn earlier_line(&mut self, record: &Record, line: usize) -> Option<usize> {
        let none: &[ObjectRef] = &[];
        let (label, year, period, account, objects) = match record {
            Record::Ib(b) => (0, b.year, 0, b.account.as_str(), none),
            Record::Ub(b) => (1, b.year, 0, b.account.as_str(), none),
            Record::Res(b) => (2, b.year, 0, b.account.as_str(), none),
            Record::Oib(b) => (3, b.year, 0, b.account.as_str(), b.objects.as_slice()),
            Record::Oub(b) => (4, b.year, 0, b.account.as_str(), b.objects.as_slice()),
            Record::Psaldo(p) => (5, p.year, period_number(p), p.account.as_str(), p.objects.as_slice()),
            Record::Pbudget(p) => (6, p.year, period_number(p), p.account.as_str(), p.objects.as_slice()),
            _ => return None,
        };
        let account = intern(&mut self.accounts, account);
        // The order of an object list does not matter: {1 "A" 6 "P"} is {6 "P" 1 "A"}.
        let objects = if objects.is_sorted() {
            intern(&mut self.object_lists, objects)
        } else {
            let mut sorted = objects.to_vec();
            sorted.sort();
            intern(&mut self.object_lists, sorted.as_slice())
        };
        match self.seen.entry((label, year, period, account, objects)) {
            Entry::Occupied(e) => Some(*e.get()),
            Entry::Vacant(e) => {
                e.insert(line);
                None
            }
        }
    }
}

fn period_number(p: &crate::record::PeriodAmount) -> u32 {
    u32::from(p.period.year()) * 100 + u32::from(p.period.month())
}

/// "year 0, period 202501, account 5010, objects {1 "1101"}" for an error message.
pub(crate) fn describe(record: &Record) -> String {
    let objects = |o: &[ObjectRef]| {
        let inner: Vec<String> = o.iter().map(|o| format!("{} \"{}\"", o.dim, o.code)).collect();
        format!("{{{}}}", inner.join(" "))
    };
    match record {
        Record::Ib(b) | Record::Ub(b) | Record::Res(b) => format!("year {}, account {}", b.year, b.account),
        Record::Oib(b) | Record::Oub(b) => format!("year {}, account {}, objects {}", b.year, b.account, objects(&b.objects)),
        Record::Psaldo(p) | Record::Pbudget(p) => {
            format!("year {}, period {}, account {}, objects {}", p.year, p.period, p.account, objects(&p.objects))
        }
        _ => String::new(),
    }
}
