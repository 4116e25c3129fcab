use super::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn activity(customer_id: i32, last_order: NaiveDate, orders: u32, revenue: f64) -> CustomerActivity {
    CustomerActivity { customer_id, last_order, orders, revenue }
}

#[test]
fn five_customers_by_hand() {
    let as_of = date(2024, 6, 30);
    let five = [
        activity(1, date(2024, 6, 28), 12, 60_000.0), // 2 days ago
        activity(2, date(2024, 6, 20), 1, 800.0),     // 10 days
        activity(3, date(2024, 5, 16), 4, 9_000.0),   // 45 days
        activity(4, date(2024, 3, 2), 8, 30_000.0),   // 120 days
        activity(5, date(2023, 9, 4), 2, 1_500.0),    // 300 days
    ];
    let s = rfm_scores(&five, as_of);
    let got: Vec<(i32, i64, u8, u8, u8, u8, Segment)> =
        s.iter().map(|x| (x.customer_id, x.recency_days, x.r, x.f, x.m, x.fm, x.segment)).collect();
    // Distinct values: the worst scores 1, the best 5. FM = mean of F and M.
    assert_eq!(
        got,
        vec![
            (1, 2, 5, 5, 5, 5, Segment::Champions),
            (2, 10, 4, 1, 1, 1, Segment::Promising),
            (3, 45, 3, 3, 3, 3, Segment::NeedAttention),
            (4, 120, 2, 4, 4, 4, Segment::AtRisk),
            (5, 300, 1, 2, 2, 2, Segment::Lost),
        ]
    );
    assert_eq!(segment_counts(&s).iter().map(|c| c.1).sum::<usize>(), 5);
    assert_eq!(segment_counts(&s)[0], (Segment::Champions, 1));
}

#[test]
fn ties_share_the_lowest_placed_score() {
    // Frequencies 1 1 1 1 2 5: four tie at the bottom (0 worse → 1); the 2 has four worse
    // → 1 + floor(20/6) = 4; the 5 has five worse → 1 + floor(25/6) = 5.
    let as_of = date(2024, 1, 31);
    let rows: Vec<CustomerActivity> =
        [1, 1, 1, 1, 2, 5].iter().enumerate().map(|(i, &n)| activity(i as i32, as_of, n, 100.0)).collect();
    let s = rfm_scores(&rows, as_of);
    assert_eq!(s.iter().map(|x| x.f).collect::<Vec<_>>(), vec![1, 1, 1, 1, 4, 5]);
    // All equal on recency and spend: everyone shares score 1 (nobody is worse).
    assert!(s.iter().all(|x| x.r == 1 && x.m == 1));
    // Same input, same output: nothing depends on order of arrival.
    let mut reversed = rows.clone();
    reversed.reverse();
    let again = rfm_scores(&reversed, as_of);
    assert_eq!(again.iter().rev().map(|x| x.f).collect::<Vec<_>>(), vec![1, 1, 1, 1, 4, 5]);
    assert!(rfm_scores(&[], as_of).is_empty());
}

#[test]
fn fm_rounds_half_up() {
    assert_eq!(fm_score(4, 1), 3);
    assert_eq!(fm_score(4, 5), 5);
    assert_eq!(fm_score(1, 1), 1);
    assert_eq!(fm_score(2, 3), 3);
}

#[test]
fn the_grid_cell_by_cell() {
    use Segment::*;
    // Rows FM 5 down to 1, columns R 1 to 5.
    let grid = [
        [CantLoseThem, AtRisk, Loyal, Loyal, Champions],
        [AtRisk, AtRisk, Loyal, Loyal, Loyal],
        [AtRisk, AtRisk, NeedAttention, PotentialLoyalist, PotentialLoyalist],
        [Lost, Hibernating, AboutToSleep, PotentialLoyalist, PotentialLoyalist],
        [Lost, Lost, AboutToSleep, Promising, New],
    ];
    for (row, fm) in grid.iter().zip([5u8, 4, 3, 2, 1]) {
        for (want, r) in row.iter().zip(1u8..=5) {
            assert_eq!(segment(r, fm), *want, "R {r}, FM {fm}");
        }
    }
    // Every one of the eleven segments is some cell, with a rule, a label and a round trip.
    assert_eq!(Segment::ALL.len(), 11);
    for s in Segment::ALL {
        assert!(grid.iter().flatten().any(|c| c == s), "{s:?}");
        assert!(!s.rule().is_empty() && !s.label().is_empty() && !s.description().is_empty());
        assert_eq!(Segment::parse(s.as_str()), Some(*s));
    }
    assert_eq!(segment(0, 9), segment(1, 5));
    assert_eq!(CantLoseThem.label(), "Can't lose them");
}

#[test]
fn activity_and_repeat_rate() {
    let orders = [
        (7, date(2024, 1, 1), 100.0),
        (7, date(2024, 1, 11), 50.0),
        (7, date(2024, 1, 31), 25.0),
        (8, date(2024, 1, 5), 10.0),
        (8, date(2024, 1, 5), 30.0),
        (9, date(2024, 2, 1), 5.0),
    ];
    let a = activity_from_orders(&orders);
    assert_eq!(
        a,
        vec![
            activity(7, date(2024, 1, 31), 3, 175.0),
            activity(8, date(2024, 1, 5), 2, 40.0),
            activity(9, date(2024, 2, 1), 1, 5.0)
        ]
    );
    assert_eq!(repeat_purchase_rate(&[1, 3, 0, 2, 1]), Some(0.5));
    assert_eq!(repeat_purchase_rate(&[0, 0]), None);

    let pairs: Vec<(i32, NaiveDate)> = orders.iter().map(|o| (o.0, o.1)).collect();
    // Customer 7: 10 and 20 days; customer 8: two orders the same day, 0; 9: none.
    assert_eq!(inter_order_gaps(&pairs), vec![10.0, 20.0, 0.0]);
    let f = order_frequency(&pairs).unwrap();
    assert_eq!((f.customers, f.orders), (3, 6));
    assert!((f.orders_per_customer - 2.0).abs() < 1e-12);
    assert!((f.repeat_rate - 2.0 / 3.0).abs() < 1e-12);
    assert_eq!(f.gap_days.unwrap().median, 10.0);
    assert_eq!(order_frequency(&[]), None);
}
