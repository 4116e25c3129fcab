//! Price response: per product a least-squares fit of `ln q = a + b ln p` (b = price
//! elasticity), shrunk toward the product group's elasticity because a small shop has few
//! points (empirical Bayes): `b_post = w·b + (1 - w)·b_group`, `w = τ² / (τ² + se²)`, where
//! `se²` is the slope's sampling variance (residual variance / Σ(ln p - mean)²: more points
//! and more price spread → smaller) and `τ²` the spread of true elasticities within the
//! group (method of moments: variance of the products' slopes minus their mean `se²`,
//! clamped). The group elasticity is the pooled within-product slope `Σ Sxy / Σ Sxx`.
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PricePoint {
    pub price: f64,
    pub quantity: f64,
}

impl PricePoint {
    /// Price and quantity positive and finite.
    pub fn is_valid(&self) -> bool {
        self.price.is_finite() && self.quantity.is_finite() && self.price > 0.0 && self.quantity > 0.0
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogLogFit {
    pub n: usize,
    pub elasticity: f64,
    pub intercept: f64,
    /// Sampling variance of the elasticity.
    pub se2: f64,
    /// Standard deviation of ln price (≈ relative price spread).
    pub log_price_sd: f64,
    pub mean_log_price: f64,
    pub mean_log_qty: f64,
    sxx: f64,
    sxy: f64,
}

/// Least squares on logs over the valid points (price and quantity positive and finite);
/// `None` with fewer than 3 of them or no price variation at all.
pub fn fit_log_log(points: &[PricePoint]) -> Option<LogLogFit> {
    let xy: Vec<(f64, f64)> = points.iter().filter(|p| p.is_valid()).map(|p| (p.price.ln(), p.quantity.ln())).collect();
    let n = xy.len();
    if n < 3 {
        return None;
    }
    let nf = n as f64;
    let mx = xy.iter().map(|v| v.0).sum::<f64>() / nf;
    let my = xy.iter().map(|v| v.1).sum::<f64>() / nf;
    let sxx: f64 = xy.iter().map(|v| (v.0 - mx).powi(2)).sum();
    let sxy: f64 = xy.iter().map(|v| (v.0 - mx) * (v.1 - my)).sum();
    if sxx.is_nan() || sxx <= 1e-12 {
        return None;
    }
    let b = sxy / sxx;
    let a = my - b * mx;
    let sse: f64 = xy.iter().map(|v| (v.1 - a - b * v.0).powi(2)).sum();
    Some(LogLogFit {
        n,
        elasticity: b,
        intercept: a,
        se2: sse / (nf - 2.0) / sxx,
        log_price_sd: (sxx / (nf - 1.0)).sqrt(),
        mean_log_price: mx,
        mean_log_qty: my,
        sxx,
        sxy,
    })
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupPrior {
    pub elasticity: f64,
    pub tau2: f64,
    /// Products whose fits made the prior (0: the configured default).
    pub products: usize,
}

/// Group prior from at least two products' fits (`None` with fewer): pooled slope and
/// `τ²` = variance of the slopes minus their mean sampling variance, clamped.
pub fn pool(fits: &[LogLogFit], min_tau2: f64, max_tau2: f64) -> Option<GroupPrior> {
    if fits.len() < 2 {
        return None;
    }
    let pooled = fits.iter().map(|f| f.sxy).sum::<f64>() / fits.iter().map(|f| f.sxx).sum::<f64>();
    let k = fits.len() as f64;
    let mean_b = fits.iter().map(|f| f.elasticity).sum::<f64>() / k;
    let var_b = fits.iter().map(|f| (f.elasticity - mean_b).powi(2)).sum::<f64>() / (k - 1.0);
    let mean_se2 = fits.iter().map(|f| f.se2).sum::<f64>() / k;
    let tau2 = (var_b - mean_se2).clamp(min_tau2, max_tau2.max(min_tau2));
    Some(GroupPrior { elasticity: pooled, tau2, products: fits.len() })
}

/// Posterior elasticity, the data's weight `w` and the posterior variance.
pub fn shrink(fit: &LogLogFit, prior: &GroupPrior) -> (f64, f64, f64) {
    let den = prior.tau2 + fit.se2;
    let w = if den > 0.0 { prior.tau2 / den } else { 1.0 };
    (w * fit.elasticity + (1.0 - w) * prior.elasticity, w, w * fit.se2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pts(v: &[(f64, f64)]) -> Vec<PricePoint> {
        v.iter().map(|&(price, quantity)| PricePoint { price, quantity }).collect()
    }

    #[test]
    fn log_log_fit_by_hand() {
        // ln p = 0, 1, 2; ln q = 3, 2, 0: slope -3/2, intercept 5/3 + 3/2,
        // residuals -1/6, 1/3, -1/6 -> SSE 1/6, σ² = 1/6, se² = σ²/Sxx = 1/12.
        let e = std::f64::consts::E;
        let f = fit_log_log(&pts(&[(1.0, e.powi(3)), (e, e * e), (e * e, 1.0), (0.0, 5.0), (2.0, -1.0)])).unwrap();
        assert_eq!(f.n, 3);
        assert!((f.elasticity + 1.5).abs() < 1e-12);
        assert!((f.intercept - (5.0 / 3.0 + 1.5)).abs() < 1e-12);
        assert!((f.se2 - 1.0 / 12.0).abs() < 1e-12);
        assert!(fit_log_log(&pts(&[(2.0, 1.0), (2.0, 3.0), (2.0, 4.0)])).is_none());
        assert!(fit_log_log(&pts(&[(1.0, 1.0), (2.0, 3.0)])).is_none());
        // Shrinkage toward -1 with τ² = 0.25: w = 0.25 / (0.25 + 1/12) = 0.75 -> -1.375.
        let (b, w, v) = shrink(&f, &GroupPrior { elasticity: -1.0, tau2: 0.25, products: 0 });
        assert!((w - 0.75).abs() < 1e-12 && (b + 1.375).abs() < 1e-12 && (v - 0.0625).abs() < 1e-12);
    }

    #[test]
    fn pooling_by_hand() {
        // Slopes -1 and -3 on the same prices (same Sxx): pooled -2; τ² = var = 2 -> clamped.
        let a = fit_log_log(&pts(&[(1.0, 8.0), (2.0, 4.0), (4.0, 2.0)])).unwrap();
        let b = fit_log_log(&pts(&[(1.0, 64.0), (2.0, 8.0), (4.0, 1.0)])).unwrap();
        let g = pool(&[a.clone(), b], 0.01, 1.0).unwrap();
        assert!((g.elasticity + 2.0).abs() < 1e-12 && g.tau2 == 1.0 && g.products == 2);
        assert!(pool(&[a], 0.01, 1.0).is_none());
    }
}
