//! Customer ratings as staff see them: on an order, per product and per customer.
use serde::{Deserialize, Serialize};

/// One order's rating. `at` is the last change, in the shop's time zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingView {
    pub stars: i32,
    pub comment: String,
    pub at: String,
}

/// Average stars of the rated orders that contained a product. Kept exact; rounded to
/// one decimal only where it is shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductRating {
    pub product_id: i32,
    pub product: String,
    pub average: f64,
    /// Rated orders (an order with the product on two lines counts once).
    pub count: u32,
}

/// A rated order in a customer's latest ratings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatedOrder {
    pub order_id: i32,
    pub order_number: String,
    pub rating: RatingView,
}

/// A customer's ratings: overall, per product (most rated first) and the latest few.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct CustomerRatings {
    /// None until the customer rates an order.
    pub average: Option<f64>,
    pub count: u32,
    pub by_product: Vec<ProductRating>,
    /// Newest first.
    pub recent: Vec<RatedOrder>,
}
