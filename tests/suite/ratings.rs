#![cfg(feature = "ssr")]
//! What staff see of ratings, on SQLite and PostgreSQL: the rating on an order, averages
//! and counts per product (an order counts once per product, however many lines) and per
//! customer, with the customer's latest ratings newest first.
use crate::common;

use common::*;
use pressdesk::domain::order::OrderStatus;
use pressdesk::domain::roles::Role;
use pressdesk::dto::orders::LineDraft;
use pressdesk::dto::ratings::ProductRating;
use pressdesk::services::portal::ratings as portal_ratings;
use pressdesk::services::{orders, ratings};

/// An order of `lines`, taken, made ready and delivered: rateable by its customer.
async fn delivered(t: &TestDb, customer_id: i32, lines: Vec<LineDraft>) -> i32 {
    let (id, _) = orders::create(&t.db, &staff(Role::FrontDesk), &shop(), today(), &order_input(customer_id, lines)).await.unwrap();
    orders::change_status(&t.db, &staff(Role::Manager), id, 1, OrderStatus::Ready, "").await.unwrap();
    orders::change_status(&t.db, &staff(Role::Manager), id, 2, OrderStatus::Delivered, "").await.unwrap();
    id
}

fn find<'a>(list: &'a [ProductRating], product_id: i32) -> &'a ProductRating {
    list.iter().find(|r| r.product_id == product_id).unwrap_or_else(|| panic!("no rating for product {product_id} in {list:?}"))
}

#[tokio::test]
async fn averages_per_order_product_and_customer() {
    on_every_backend!(async |t: &TestDb| {
        let tz = chrono_tz::Asia::Kolkata;
        let cat = catalogue(&t.db).await;
        pressdesk::services::production::setup::ensure_defaults(&t.db).await.unwrap();
        let (cards, letterheads) = (&cat["BC-STD"], &cat["LTR-A4"]);
        let asha = customer(&t.db, "Asha", "+919800055551", "27").await;
        let bala = customer(&t.db, "Bala", "+919800055552", "27").await;
        let chitra = customer(&t.db, "Chitra", "+919800055553", "27").await;

        let both = delivered(t, asha, vec![line(cards, 500), line(letterheads, 100)]).await;
        let just_cards = delivered(t, bala, vec![line(cards, 500)]).await;
        // Letterheads on two lines: still one rated order for letterheads.
        let twice = delivered(t, asha, vec![line(letterheads, 100), line(letterheads, 200)]).await;
        let unrated = delivered(t, asha, vec![line(cards, 500)]).await;
        portal_ratings::rate(&t.db, asha, both, 5, "Crisp print").await.unwrap();
        portal_ratings::rate(&t.db, bala, just_cards, 3, "A day late").await.unwrap();
        portal_ratings::rate(&t.db, asha, twice, 4, "").await.unwrap();

        // The order page: stars and comment, nothing for an unrated order.
        let r = ratings::for_order(&t.db.read, both, tz).await.unwrap().expect("rating of the first order");
        assert_eq!((r.stars, r.comment.as_str()), (5, "Crisp print"));
        assert!(!r.at.is_empty());
        assert_eq!(ratings::for_order(&t.db.read, unrated, tz).await.unwrap(), None);
        assert_eq!(orders::get(&t.db, just_cards, &shop(), tz).await.unwrap().rating.map(|r| r.stars), Some(3));
        assert_eq!(orders::get(&t.db, unrated, &shop(), tz).await.unwrap().rating, None);

        // The catalogue: cards (5 + 3) / 2, letterheads (5 + 4) / 2; nothing else rated.
        let all = ratings::product_averages(&t.db).await.unwrap();
        assert_eq!(all.len(), 2, "{all:?}");
        let c = find(&all, cards.id);
        assert_eq!((c.average, c.count, c.product.as_str()), (4.0, 2, cards.input.name.as_str()));
        let l = find(&all, letterheads.id);
        assert_eq!((l.average, l.count), (4.5, 2));

        // Asha: (5 + 4) / 2 over two ratings; letterheads on both, cards on one.
        let a = ratings::customer_summary(&t.db, asha, tz).await.unwrap();
        assert_eq!((a.average, a.count), (Some(4.5), 2));
        assert_eq!(a.by_product.iter().map(|p| (p.product_id, p.average, p.count)).collect::<Vec<_>>(), vec![(letterheads.id, 4.5, 2), (cards.id, 5.0, 1)]);
        assert_eq!(a.recent.iter().map(|o| (o.order_id, o.rating.stars)).collect::<Vec<_>>(), vec![(twice, 4), (both, 5)]);
        assert!(a.recent.iter().all(|o| o.order_number.starts_with("PD")), "{:?}", a.recent);
        assert_eq!(a.recent[1].rating.comment, "Crisp print");

        let b = ratings::customer_summary(&t.db, bala, tz).await.unwrap();
        assert_eq!((b.average, b.count), (Some(3.0), 1));
        assert_eq!(b.by_product.iter().map(|p| (p.product_id, p.average, p.count)).collect::<Vec<_>>(), vec![(cards.id, 3.0, 1)]);

        let none = ratings::customer_summary(&t.db, chitra, tz).await.unwrap();
        assert_eq!((none.average, none.count, none.by_product.len(), none.recent.len()), (None, 0, 0, 0));

        // A changed rating replaces the old one in every average.
        portal_ratings::rate(&t.db, bala, just_cards, 1, "Wrong colours").await.unwrap();
        let c = find(&ratings::product_averages(&t.db).await.unwrap(), cards.id).clone();
        assert_eq!((c.average, c.count), (3.0, 2));
    });
}
