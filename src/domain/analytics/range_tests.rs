use super::super::rfm::Segment;
use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn refused(r: Result<(DateRange, Granularity), RangeError>) -> (&'static str, String) {
    r.unwrap_err().into()
}

#[test]
fn a_good_range() {
    let (r, g) = parse_range("2024-01-01", " 2024-03-31 ", "week").unwrap();
    assert_eq!((r.from, r.to, g), (d(2024, 1, 1), d(2024, 3, 31), Granularity::Week));
    assert_eq!(r.days(), 91);
    // One day is a range, not an empty one.
    assert_eq!(parse_range("2024-05-05", "2024-05-05", "day").unwrap().0.days(), 1);
}

#[test]
fn empty_malformed_and_inverted_ranges() {
    assert_eq!(refused(parse_range("", "2024-01-01", "day")), ("from", "Choose a start date.".to_string()));
    assert_eq!(refused(parse_range("2024-01-01", "  ", "day")), ("to", "Choose an end date.".to_string()));
    let (field, message) = refused(parse_range("2024-02-30", "2024-03-01", "day"));
    assert_eq!(field, "from");
    assert!(message.contains("2024-02-30") && message.contains("YYYY-MM-DD"), "{message}");
    assert_eq!(refused(parse_range("31/01/2024", "2024-03-01", "day")).0, "from");
    let (field, message) = refused(parse_range("2024-03-01", "2024-02-01", "day"));
    assert_eq!(field, "to");
    assert_eq!(message, "The end date 2024-02-01 is before the start date 2024-03-01.");
}

#[test]
fn ranges_too_long_for_the_granularity() {
    let (field, message) = refused(parse_range("2022-01-01", "2024-12-31", "day"));
    assert_eq!(field, "granularity");
    assert!(
        message.starts_with("Daily figures cover at most 2 years (732 days); this range has 1096 days."),
        "{message}"
    );
    assert!(parse_range("2022-01-01", "2024-12-31", "week").is_ok());
    // The limit itself is allowed, one day more is not.
    let from = d(2023, 1, 1);
    assert!(validate_range(from, from + Duration::days(731), Granularity::Day).is_ok());
    assert!(validate_range(from, from + Duration::days(732), Granularity::Day).is_err());
    assert!(parse_range("1900-01-01", "2024-01-01", "week").is_err());
    assert!(parse_range("1990-01-01", "2024-01-01", "month").is_ok());
}

#[test]
fn unknown_granularity_and_filter_values() {
    let (field, message) = refused(parse_range("2024-01-01", "2024-01-31", "hour"));
    assert_eq!(field, "granularity");
    assert_eq!(message, "Unknown granularity \u{201c}hour\u{201d}; choose day, week or month.");

    assert_eq!(parse_filter("segment", "champions", Segment::ALL, Segment::as_str), Ok(Some(Segment::Champions)));
    assert_eq!(parse_filter("segment", "", Segment::ALL, Segment::as_str), Ok(None));
    assert_eq!(parse_filter("segment", "all", Segment::ALL, Segment::as_str), Ok(None));
    let e = parse_filter("segment", "vip", Segment::ALL, Segment::as_str).unwrap_err();
    assert_eq!(e.field(), "segment");
    assert!(
        e.message().starts_with("Unknown segment \u{201c}vip\u{201d}; choose one of: champions, loyal,"),
        "{}",
        e.message()
    );
    assert_eq!(e.to_string(), format!("segment: {}", e.message()));

    assert_eq!(parse_id_filter("product", "7", &[3, 7]), Ok(Some(7)));
    assert_eq!(parse_id_filter("product", "", &[3, 7]), Ok(None));
    assert_eq!(parse_id_filter("product", "9", &[3, 7]).unwrap_err().message(), "There is no product 9.");
    assert_eq!(
        parse_id_filter("product", "x1", &[3, 7]).unwrap_err().message(),
        "\u{201c}x1\u{201d} is not a product number."
    );
}

#[test]
fn default_and_previous_periods() {
    let r = DateRange::last_months(d(2024, 6, 30), 12).unwrap();
    assert_eq!((r.from, r.to, r.days()), (d(2023, 7, 1), d(2024, 6, 30), 366));
    let p = r.previous().unwrap();
    assert_eq!((p.from, p.to, p.days()), (d(2022, 6, 30), d(2023, 6, 30), 366));
    let one = DateRange { from: d(2024, 3, 1), to: d(2024, 3, 1) }.previous().unwrap();
    assert_eq!((one.from, one.to), (d(2024, 2, 29), d(2024, 2, 29)));
}

#[test]
fn buckets_of_a_range() {
    // Wednesday 6 March to Wednesday 20 March 2024: weeks of Mondays 4, 11, 18.
    let r = DateRange { from: d(2024, 3, 6), to: d(2024, 3, 20) };
    assert_eq!(r.buckets(Granularity::Week), vec![d(2024, 3, 4), d(2024, 3, 11), d(2024, 3, 18)]);
    assert_eq!(r.buckets(Granularity::Day).len(), 15);
    let m = DateRange { from: d(2024, 1, 31), to: d(2024, 3, 1) };
    assert_eq!(m.buckets(Granularity::Month), vec![d(2024, 1, 1), d(2024, 2, 1), d(2024, 3, 1)]);
    assert_eq!(Granularity::Week.bucket_start(d(2024, 3, 10)), d(2024, 3, 4)); // a Sunday
    assert_eq!(Granularity::Week.bucket_start(d(2024, 3, 11)), d(2024, 3, 11)); // a Monday
}

#[test]
fn weekly_trend_with_a_gap() {
    let r = DateRange { from: d(2024, 3, 4), to: d(2024, 3, 24) };
    let points = [
        (d(2024, 3, 4), 100.0),
        (d(2024, 3, 10), 300.0), // same week (Sunday)
        (d(2024, 3, 18), 50.0),
        (d(2024, 3, 25), 999.0), // outside the range
        (d(2024, 3, 3), 999.0),  // outside the range
    ];
    let t = trend(&points, &r, Granularity::Week);
    assert_eq!(t.len(), 3);
    assert_eq!(
        (t[0].bucket, t[0].count, t[0].sum, t[0].mean, t[0].median),
        (d(2024, 3, 4), 2, 400.0, Some(200.0), Some(200.0))
    );
    assert_eq!((t[1].count, t[1].sum, t[1].mean, t[1].median), (0, 0.0, None, None));
    assert_eq!((t[2].count, t[2].sum, t[2].mean), (1, 50.0, Some(50.0)));
    assert_eq!(Granularity::parse("month").map(Granularity::label), Some("Monthly"));
}

#[test]
fn heatmap_in_shop_time() {
    let ist = FixedOffset::east_opt(5 * 3600 + 1800).unwrap();
    let utc = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
    let times = [
        utc("2024-03-11T03:30:00Z"), // Monday 09:00 IST
        utc("2024-03-11T04:29:00Z"), // Monday 09:59 IST
        utc("2024-03-10T20:00:00Z"), // Sunday 20:00 UTC = Monday 01:30 IST
        utc("2024-03-17T18:29:00Z"), // Sunday 23:59 IST
    ];
    let g = weekday_hour_heatmap(&times, ist);
    assert_eq!(g[0][9], 2);
    assert_eq!(g[0][1], 1);
    assert_eq!(g[6][23], 1);
    assert_eq!(g.iter().flatten().sum::<u32>(), 4);
}
