//! Seeded randomness helpers. ChaCha8 with explicit streams keeps the demo data identical
//! for a seed across platforms and rand versions (StdRng makes no such promise).
use rand::{Rng as _, SeedableRng};

pub type Rng = rand_chacha::ChaCha8Rng;

/// One independent stream per concern, so adding customers does not reshuffle orders.
pub fn rng(seed: u64, stream: u64) -> Rng {
    let mut r = Rng::seed_from_u64(seed);
    r.set_stream(stream);
    r
}

pub fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[rng.gen_range(0..items.len())]
}

pub fn chance(rng: &mut Rng, p: f64) -> bool {
    rng.gen::<f64>() < p
}

/// Index drawn with the given weights (all zero: the first).
pub fn weighted_index(rng: &mut Rng, weights: impl Iterator<Item = f64> + Clone) -> usize {
    let total: f64 = weights.clone().sum();
    if total <= 0.0 {
        return 0;
    }
    let mut x = rng.gen::<f64>() * total;
    let mut last = 0;
    for (i, w) in weights.enumerate() {
        if w <= 0.0 {
            continue;
        }
        last = i;
        if x < w {
            return i;
        }
        x -= w;
    }
    last
}

pub fn weighted<T: Copy>(rng: &mut Rng, items: &[(T, f64)]) -> T {
    items[weighted_index(rng, items.iter().map(|i| i.1))].0
}

/// Cumulative weights for repeated draws (binary search instead of a linear scan).
#[derive(Debug, Clone, Default)]
pub struct Cumulative(Vec<f64>);

impl Cumulative {
    pub fn new(weights: impl Iterator<Item = f64>) -> Self {
        let mut acc = 0.0;
        Cumulative(weights.map(|w| {
            acc += w.max(0.0);
            acc
        }).collect())
    }

    pub fn draw(&self, rng: &mut Rng) -> usize {
        let total = self.0.last().copied().unwrap_or(0.0);
        let x = rng.gen::<f64>() * total;
        self.0.partition_point(|&c| c <= x).min(self.0.len().saturating_sub(1))
    }
}
