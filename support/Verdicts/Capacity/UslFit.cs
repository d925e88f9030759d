using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace MangaMotion.Acceptance.Verdicts.Capacity;

/// <summary>
/// Gunther's Universal Scalability Law fitted to measured levels: X(N) = λN / (1 + σ(N−1) + κN(N−1)), λ the
/// throughput of one user alone, σ contention (what serialises), κ coherency (what grows with every pair of
/// users). Nonlinear least squares (Levenberg-Marquardt, MathNet.Numerics) with λ &gt; 0, 0 ≤ σ ≤ 1, κ ≥ 0.
/// </summary>
public sealed record UslFit(double Lambda, double Sigma, double Kappa, double ResidualSd, int Points) : ScalingLaw(ResidualSd, Points)
{
    /// <summary>κ was held at zero (Amdahl's law), so two parameters were fitted.</summary>
    public bool LevelsOff { get; init; }

    public override int Parameters => LevelsOff ? 2 : 3;

    public override string Name => Results.Capacity.CapacityFindings.ScalabilityLaw;

    public override double Throughput(double users) => Throughput(Lambda, Sigma, Kappa, users);

    public static double Throughput(double lambda, double sigma, double kappa, double users) =>
        lambda * users / (1 + sigma * (users - 1) + kappa * users * (users - 1));

    /// <summary>The uploads in service at the peak: √((1 − σ)/κ); infinite when nothing grows with pairs of them (κ = 0).</summary>
    public override double PeakConcurrency => Kappa <= 1e-12 ? double.PositiveInfinity : Math.Sqrt(Math.Max(0, 1 - Sigma) / Kappa);

    /// <summary>The highest throughput the curve reaches: at <see cref="PeakConcurrency"/>, or λ/σ approached when κ = 0.</summary>
    public override double PeakThroughput => double.IsPositiveInfinity(PeakConcurrency) ? (Sigma <= 1e-12 ? double.PositiveInfinity : Lambda / Sigma) : Throughput(PeakConcurrency);

    public override string Words => $"the Universal Scalability Law (λ {Lambda:0.###} uploads/s, σ {Sigma:0.####}, κ {Kappa:0.#####})";

    /// <summary>Null when the levels cannot support three parameters (fewer than four) or the fit does not converge.</summary>
    /// <param name="levelsOff">κ held at zero (Amdahl's law): a curve that levels off and never turns down</param>
    public static UslFit? Fit(IReadOnlyList<LoadPoint> points, bool levelsOff = false)
    {
        if (points.Count < 4 || points.Any(p => p.Users <= 0 || p.Throughput < 0)) return null;
        var first = points.MinBy(p => p.Users);
        double Kappa(Vector<double> p) => levelsOff ? 0 : p[2];
        var model = ObjectiveFunction.NonlinearModel(
            (Vector<double> p, Vector<double> n) => Vector<double>.Build.Dense(n.Count, i => Throughput(p[0], p[1], Kappa(p), n[i])),
            Vector<double>.Build.DenseOfEnumerable(points.Select(p => p.Users)),
            Vector<double>.Build.DenseOfEnumerable(points.Select(p => p.Throughput)));
        double[] start = [Math.Max(1e-6, first.Throughput / first.Users), 0.01, 1e-5], lower = [1e-9, 0, 0], upper = [1e9, 1, 1];
        var parameters = levelsOff ? 2 : 3;
        try
        {
            var result = new LevenbergMarquardtMinimizer(maximumIterations: 2000).FindMinimum(model,
                Vector<double>.Build.DenseOfArray(start[..parameters]), Vector<double>.Build.DenseOfArray(lower[..parameters]), Vector<double>.Build.DenseOfArray(upper[..parameters]));
            var p = result.MinimizingPoint;
            var residuals = points.Select(x => x.Throughput - Throughput(p[0], p[1], Kappa(p), x.Users)).ToList();
            var sd = Math.Sqrt(residuals.Sum(r => r * r) / Math.Max(1, points.Count - parameters));
            return double.IsFinite(p[0]) ? new UslFit(p[0], p[1], Kappa(p), sd, points.Count) { LevelsOff = levelsOff } : null;
        }
        catch (Exception e) when (e is MaximumIterationsException or ArithmeticException)
        {
            return null;
        }
    }
}
