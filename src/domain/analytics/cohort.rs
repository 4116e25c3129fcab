//! Cohort retention by first-order month: of the customers whose first order fell in a month,
//! the share who ordered again k months later (k = 0 is the cohort month itself, 100 %).
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CohortRow {
    /// First day of the cohort month.
    pub cohort: NaiveDate,
    pub size: usize,
    /// Customers of the cohort with an order in month offset k, k = 0 … up to `through`.
    pub active: Vec<usize>,
    /// `active[k]` as a percentage of `size`.
    pub retention: Vec<f64>,
}

fn month_index(d: NaiveDate) -> i32 {
    d.year() * 12 + d.month0() as i32
}

fn month_start(index: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(index.div_euclid(12), index.rem_euclid(12) as u32 + 1, 1)
}

/// The matrix from `(customer id, order date)` rows up to and including `through` (later rows
/// are ignored), one row per month in which some customer first ordered, oldest first; each
/// row runs to `through`'s month, so younger cohorts have shorter rows. Pass each customer's
/// whole history: the cohort is the customer's first order among the rows given.
pub fn cohort_matrix(orders: &[(i32, NaiveDate)], through: NaiveDate) -> Vec<CohortRow> {
    let mut months: BTreeMap<i32, BTreeSet<i32>> = BTreeMap::new();
    for &(customer, date) in orders.iter().filter(|o| o.1 <= through) {
        months.entry(customer).or_default().insert(month_index(date));
    }
    let last = month_index(through);
    // cohort month → per offset, the customers active.
    let mut cohorts: BTreeMap<i32, (usize, Vec<usize>)> = BTreeMap::new();
    for active in months.values() {
        let Some(&first) = active.first() else { continue };
        let row = cohorts.entry(first).or_insert_with(|| (0, vec![0; (last - first + 1) as usize]));
        row.0 += 1;
        for &m in active {
            row.1[(m - first) as usize] += 1;
        }
    }
    cohorts
        .into_iter()
        .filter_map(|(first, (size, active))| {
            let retention = active.iter().map(|&a| 100.0 * a as f64 / size as f64).collect();
            Some(CohortRow { cohort: month_start(first)?, size, active, retention })
        })
        .collect()
}

/// The size-weighted retention per offset over the cohorts old enough to have it (the
/// "all cohorts" line under the table); `None` where no cohort is.
pub fn average_retention(rows: &[CohortRow]) -> Vec<Option<f64>> {
    let longest = rows.iter().map(|r| r.active.len()).max().unwrap_or(0);
    (0..longest)
        .map(|k| {
            let (active, size) =
                rows.iter().filter(|r| r.active.len() > k).fold((0, 0), |(a, s), r| (a + r.active[k], s + r.size));
            (size > 0).then(|| 100.0 * active as f64 / size as f64)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn close(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-9)
    }

    // Seven customers, January to April 2024, by hand:
    //   1: Jan, Feb, Apr      2: Jan            3: Jan, Mar
    //   4: Feb, Feb, Mar      5: Feb, Apr       6: Apr
    //   7: only in May, after `through`: no cohort at all.
    fn orders() -> Vec<(i32, NaiveDate)> {
        vec![
            (1, d(2024, 1, 5)),
            (1, d(2024, 2, 10)),
            (1, d(2024, 4, 1)),
            (2, d(2024, 1, 20)),
            (3, d(2024, 1, 31)),
            (3, d(2024, 3, 3)),
            (4, d(2024, 2, 2)),
            (4, d(2024, 2, 20)),
            (4, d(2024, 3, 15)),
            (5, d(2024, 2, 29)),
            (5, d(2024, 4, 30)),
            (6, d(2024, 4, 10)),
            (7, d(2024, 5, 2)),
        ]
    }

    #[test]
    fn small_cohort_table_by_hand() {
        let rows = cohort_matrix(&orders(), d(2024, 4, 30));
        assert_eq!(rows.len(), 3, "no March cohort: nobody first ordered in March");
        // January: 1, 2, 3. Feb: 1. Mar: 3. Apr: 1.
        assert_eq!((rows[0].cohort, rows[0].size, rows[0].active.clone()), (d(2024, 1, 1), 3, vec![3, 1, 1, 1]));
        let third = 100.0 / 3.0;
        assert!(close(&rows[0].retention, &[100.0, third, third, third]));
        // February: 4, 5. Mar: 4. Apr: 5.
        assert_eq!((rows[1].cohort, rows[1].size, rows[1].active.clone()), (d(2024, 2, 1), 2, vec![2, 1, 1]));
        assert!(close(&rows[1].retention, &[100.0, 50.0, 50.0]));
        // April: 6.
        assert_eq!((rows[2].cohort, rows[2].size, rows[2].active.clone()), (d(2024, 4, 1), 1, vec![1]));
        // Weighted: offset 1 = (1 + 1)/(3 + 2), offset 2 likewise, offset 3 = 1/3.
        let avg = average_retention(&rows);
        assert_eq!(avg.len(), 4);
        assert!(close(&avg.iter().map(|v| v.unwrap()).collect::<Vec<_>>(), &[100.0, 40.0, 40.0, third]));
    }

    #[test]
    fn through_cuts_the_rows_and_crosses_years() {
        let rows = cohort_matrix(&orders(), d(2024, 2, 15));
        // Only orders to 15 February: customer 1 (Jan, Feb 10), 2, 3 (Jan), 4 (Feb 2).
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].active, vec![3, 1]);
        assert_eq!(rows[1].active, vec![1]);
        let across = cohort_matrix(&[(1, d(2023, 12, 31)), (1, d(2024, 1, 1))], d(2024, 1, 1));
        assert_eq!((across[0].cohort, across[0].active.clone()), (d(2023, 12, 1), vec![1, 1]));
        assert!(cohort_matrix(&[], d(2024, 1, 1)).is_empty());
        assert!(average_retention(&[]).is_empty());
    }
}
