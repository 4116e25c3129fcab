//! A small, deterministic Nelder–Mead minimiser for the maximum-likelihood fits. Derivative
//! free, so the likelihoods need no gradients, and restarted from its best point until a restart
//! no longer helps, which guards against the simplex collapsing early on a flat ridge (the
//! BG/NBD likelihood has one along r/alpha).

/// Settings; `Default` suits a few log-parameters and a likelihood in the thousands.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    /// Edge of the starting simplex along each axis.
    pub initial_step: f64,
    /// Stop when the simplex's values differ by at most `f_tol × (1 + |best|)` …
    pub f_tol: f64,
    /// … and its points by at most `x_tol × (1 + |x|)` in every coordinate.
    pub x_tol: f64,
    /// Function evaluations over all runs.
    pub max_evals: usize,
    /// Fresh simplices around the best point after the first run.
    pub max_restarts: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { initial_step: 0.5, f_tol: 1e-13, x_tol: 1e-10, max_evals: 100_000, max_restarts: 20 }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Minimum {
    pub x: Vec<f64>,
    pub value: f64,
    pub evaluations: usize,
    /// The last run met the tolerances and a restart found nothing better.
    pub converged: bool,
}

/// Minimises `f` from `start`. Non-finite values of `f` count as +∞, so a likelihood that
/// fails at some point simply pushes the simplex away from it.
pub fn nelder_mead(f: impl Fn(&[f64]) -> f64, start: &[f64], settings: &Settings) -> Minimum {
    let eval = |x: &[f64]| {
        let v = f(x);
        if v.is_nan() {
            f64::INFINITY
        } else {
            v
        }
    };
    let mut best = start.to_vec();
    let mut best_value = eval(&best);
    let mut evaluations = 1;
    let mut converged = false;
    let mut step = settings.initial_step;
    for _ in 0..=settings.max_restarts {
        let budget = settings.max_evals.saturating_sub(evaluations);
        if budget == 0 {
            break;
        }
        let (x, value, used, met) = run(&eval, &best, step, settings, budget);
        evaluations += used;
        let improved = value < best_value - settings.f_tol * (1.0 + best_value.abs());
        if value <= best_value {
            best = x;
            best_value = value;
        }
        if met && !improved {
            converged = true;
            break;
        }
        // Later restarts probe closer in; the first run already did the long moves.
        step = (step * 0.5).max(1e-3);
    }
    Minimum { x: best, value: best_value, evaluations, converged }
}

/// One Nelder–Mead run with the standard coefficients (reflect 1, expand 2, contract ½,
/// shrink ½). Returns the best point, its value, evaluations used and whether the
/// tolerances were met.
fn run(
    f: &impl Fn(&[f64]) -> f64,
    start: &[f64],
    step: f64,
    s: &Settings,
    budget: usize,
) -> (Vec<f64>, f64, usize, bool) {
    let n = start.len();
    let mut simplex: Vec<(Vec<f64>, f64)> = Vec::with_capacity(n + 1);
    simplex.push((start.to_vec(), f(start)));
    for i in 0..n {
        let mut x = start.to_vec();
        x[i] += step;
        let v = f(&x);
        simplex.push((x, v));
    }
    let mut used = n + 1;
    loop {
        // Stable sort: equal values keep their order, so runs are reproducible.
        simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
        let (best_x, best_v) = (simplex[0].0.clone(), simplex[0].1);
        let worst_v = simplex[n].1;
        let f_spread = worst_v - best_v;
        let x_spread_ok = simplex[1..]
            .iter()
            .all(|(x, _)| x.iter().zip(&best_x).all(|(a, b)| (a - b).abs() <= s.x_tol * (1.0 + b.abs())));
        if best_v.is_finite() && f_spread <= s.f_tol * (1.0 + best_v.abs()) && x_spread_ok {
            return (best_x, best_v, used, true);
        }
        if used >= budget {
            return (best_x, best_v, used, false);
        }
        let centroid: Vec<f64> =
            (0..n).map(|j| simplex[..n].iter().map(|(x, _)| x[j]).sum::<f64>() / n as f64).collect();
        let towards =
            |t: f64, from: &[f64]| -> Vec<f64> { centroid.iter().zip(from).map(|(c, x)| c + t * (x - c)).collect() };
        let worst = simplex[n].0.clone();
        let reflected = towards(-1.0, &worst);
        let fr = f(&reflected);
        used += 1;
        if fr < best_v {
            let expanded = towards(-2.0, &worst);
            let fe = f(&expanded);
            used += 1;
            simplex[n] = if fe < fr { (expanded, fe) } else { (reflected, fr) };
            continue;
        }
        if fr < simplex[n - 1].1 {
            simplex[n] = (reflected, fr);
            continue;
        }
        // Contract outside when the reflection beat the worst point, inside otherwise.
        let (contracted, limit) =
            if fr < worst_v { (towards(-0.5, &worst), fr) } else { (towards(0.5, &worst), worst_v) };
        let fc = f(&contracted);
        used += 1;
        if fc < limit {
            simplex[n] = (contracted, fc);
            continue;
        }
        for point in simplex.iter_mut().skip(1) {
            let x: Vec<f64> = best_x.iter().zip(&point.0).map(|(b, x)| b + 0.5 * (x - b)).collect();
            let v = f(&x);
            *point = (x, v);
        }
        used += n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_rosenbrock_minimum() {
        let rosen = |x: &[f64]| (1.0 - x[0]).powi(2) + 100.0 * (x[1] - x[0] * x[0]).powi(2);
        let m = nelder_mead(rosen, &[-1.2, 1.0], &Settings::default());
        assert!(m.converged);
        assert!((m.x[0] - 1.0).abs() < 1e-6 && (m.x[1] - 1.0).abs() < 1e-6, "{:?}", m.x);
        assert!(m.value < 1e-12);
    }

    #[test]
    fn minimises_a_shifted_quadratic_in_four_dimensions() {
        let target = [0.3, -2.0, 5.0, 1.5];
        let q =
            |x: &[f64]| x.iter().zip(&target).enumerate().map(|(i, (a, t))| (i as f64 + 1.0) * (a - t).powi(2)).sum();
        let m = nelder_mead(q, &[0.0; 4], &Settings::default());
        assert!(m.converged);
        for (a, t) in m.x.iter().zip(&target) {
            assert!((a - t).abs() < 1e-6);
        }
    }

    #[test]
    fn treats_nan_as_infinitely_bad_and_is_deterministic() {
        // Undefined left of 0: the minimiser must stay right of it and find x = 2.
        let f = |x: &[f64]| if x[0] < 0.0 { f64::NAN } else { (x[0] - 2.0).powi(2) };
        let a = nelder_mead(f, &[0.1], &Settings::default());
        let b = nelder_mead(f, &[0.1], &Settings::default());
        assert!((a.x[0] - 2.0).abs() < 1e-6);
        assert_eq!(a, b);
    }

    #[test]
    fn stops_at_the_evaluation_budget() {
        let rosen = |x: &[f64]| (1.0 - x[0]).powi(2) + 100.0 * (x[1] - x[0] * x[0]).powi(2);
        let s = Settings { max_evals: 30, ..Settings::default() };
        let m = nelder_mead(rosen, &[-1.2, 1.0], &s);
        assert!(!m.converged);
        assert!(m.evaluations <= 30 + 3);
    }
}
