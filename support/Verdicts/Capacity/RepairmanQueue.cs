using MathNet.Numerics.Distributions;
using MathNet.Numerics.RootFinding;

namespace MangaMotion.Acceptance.Verdicts.Capacity;

/// <summary>
/// The machine-repairman queue worked exactly from its product form: N users thinking Z seconds between
/// requests, K servers of exponential service with mean S. N may be fractional (the product's factors
/// N − n + 1 run while positive), so every figure is a smooth function of the users.
/// </summary>
public readonly record struct RepairmanQueue(int Servers, double Service, double Think)
{
    /// <summary>Terms this far (natural log) below the largest are left out: they weigh less than 1e-17 of it.</summary>
    private const double Negligible = 40;

    /// <summary>How many requests are at the servers (in service or waiting), as probabilities over 0, 1, 2, …</summary>
    private double[] Occupancy(double users)
    {
        if (users <= 0) return [1];
        if (Think <= 0) return Pinned(users);
        var logs = new double[(int)Math.Ceiling(users) + 1];
        var (count, largest) = (1, 0.0);
        for (var n = 1; users - n + 1 > 0; n++, count++)
        {
            var step = Math.Log((users - n + 1) * Service / (Think * Math.Min(n, Servers)));
            logs[n] = logs[n - 1] + step;
            largest = Math.Max(largest, logs[n]);
            if (step < 0 && logs[n] < largest - Negligible) { count++; break; }
        }
        var weights = new double[count];
        var total = 0.0;
        for (var n = 0; n < count; n++) total += weights[n] = Math.Exp(logs[n] - largest);
        for (var n = 0; n < count; n++) weights[n] /= total;
        return weights;
    }

    /// <summary>
    /// The requests at the servers and the throughput for 0, 1, 2, … users, up to the first number of users with
    /// <paramref name="concurrency"/> at the servers: the curve a fit reads between whole users. The product form's
    /// terms split into a part of the users (N! / (N − n)!) and a part of the servers, each summed once in logs.
    /// </summary>
    public (double[] Concurrency, double[] Throughput) Curve(double concurrency)
    {
        if (Think <= 0) return ([0, concurrency + 1], [0, Math.Min(concurrency + 1, Servers) / Service]);
        var (c, x) = (new List<double> { 0 }, new List<double> { 0 });
        var (servers, factorials) = (new List<double> { 0 }, new List<double> { 0 });
        var ratio = Math.Log(Service / Think);
        for (var users = 1; c[^1] < concurrency && users <= 100_000; users++)
        {
            servers.Add(servers[^1] + ratio - Math.Log(Math.Min(users, Servers)));
            factorials.Add(factorials[^1] + Math.Log(users));
            var n0 = Mode(users);
            var top = factorials[users] - factorials[users - n0] + servers[n0];
            double total = 0, inService = 0, served = 0;
            // Outward from the largest term until the terms no longer count.
            foreach (var direction in (int[])[-1, 1])
                for (var n = direction < 0 ? n0 : n0 + 1; n >= 0 && n <= users; n += direction)
                {
                    var log = factorials[users] - factorials[users - n] + servers[n] - top;
                    if (log < -Negligible) break;
                    var w = Math.Exp(log);
                    (total, inService, served) = (total + w, inService + w * n, served + w * Math.Min(n, Servers));
                }
            c.Add(inService / total);
            x.Add(served / total / Service);
        }
        return (c.ToArray(), x.ToArray());
    }

    /// <summary>The most likely count at the servers with whole <paramref name="users"/>: the terms grow while (N − n + 1) S &gt; Z min(n, K).</summary>
    private int Mode(int users)
    {
        var (low, high) = (0, users);
        while (low < high)
        {
            var n = (low + high + 1) / 2;
            if ((users - n + 1) * Service > Think * Math.Min(n, Servers)) low = n; else high = n - 1;
        }
        return low;
    }

    /// <summary>The curve's throughput at <paramref name="concurrency"/>, between the two whole numbers of users around it.</summary>
    public static double Along((double[] Concurrency, double[] Throughput) curve, double concurrency)
    {
        var i = Array.BinarySearch(curve.Concurrency, concurrency);
        if (i >= 0) return curve.Throughput[i];
        i = ~i;
        if (i >= curve.Concurrency.Length) return curve.Throughput[^1];
        var (c0, c1) = (curve.Concurrency[i - 1], curve.Concurrency[i]);
        return curve.Throughput[i - 1] + (curve.Throughput[i] - curve.Throughput[i - 1]) * (concurrency - c0) / (c1 - c0);
    }

    /// <summary>Without think time every user is always at the servers: N of them, a fractional N split between its two neighbours.</summary>
    private static double[] Pinned(double users)
    {
        var whole = (int)Math.Floor(users);
        var p = new double[whole + 2];
        p[whole] = 1 - (users - whole);
        p[whole + 1] = users - whole;
        return p;
    }

    /// <summary>Requests completed per second with <paramref name="users"/> users.</summary>
    public double Throughput(double users) => Moments(users).Throughput;

    /// <summary>The mean response time (Little's law: requests at the servers over throughput).</summary>
    public double MeanResponse(double users)
    {
        var (inService, x) = Moments(users);
        return x <= 0 ? Service : inService / x;
    }

    /// <summary>Requests at the servers on average (in service or waiting) and completed per second, from one occupancy.</summary>
    private (double InService, double Throughput) Moments(double users)
    {
        var p = Occupancy(users);
        double inService = 0, busy = 0;
        for (var n = 0; n < p.Length; n++) (inService, busy) = (inService + p[n] * n, busy + p[n] * Math.Min(n, Servers));
        return (inService, busy / Service);
    }

    /// <summary>The users with <paramref name="concurrency"/> requests at the servers on average (c = N − X(N) × Z).</summary>
    public double UsersFor(double concurrency)
    {
        if (concurrency <= 0) return 0;
        var queue = this;
        double Gap(double users) => users - queue.Throughput(users) * queue.Think - concurrency;
        return Brent.FindRoot(Gap, concurrency, concurrency + Think * Servers / Service + 1, 1e-9, 200);
    }

    /// <summary>
    /// The response time's 95th percentile at <paramref name="users"/> users: an arriving request sees the queue of
    /// N − 1 users (the arrival theorem); with j at the servers it waits for j − K + 1 completions at rate K / S when
    /// all K are busy, then its own exponential service.
    /// </summary>
    public double ResponseP95(double users)
    {
        var seen = Occupancy(users - 1);
        var high = Service * (seen.Length / (double)Servers + 4);
        while (Done(seen, high) < 0.95) high *= 2;
        double low = 0;
        for (var i = 0; i < 50; i++)
        {
            var middle = (low + high) / 2;
            if (Done(seen, middle) < 0.95) low = middle; else high = middle;
        }
        return (low + high) / 2;
    }

    /// <summary>
    /// P(response ≤ t) for a request arriving to <paramref name="seen"/>. With j ≥ K at the servers it waits for
    /// m = j − K + 1 completions at rate λ = K / S, then its own service at rate λ / K: Σ over i ≥ m of
    /// Poisson(i; λt) × (1 − (1 − 1/K)^(i−m)), a sum of positive terms that neither overflows nor cancels.
    /// </summary>
    private double Done(double[] seen, double t)
    {
        if (t <= 0) return 0;
        var rate = Servers / Service * t;
        var q = 1 - 1.0 / Servers;
        var last = (int)Math.Ceiling(Math.Max(seen.Length, rate) + 12 * Math.Sqrt(rate + 1) + 30);
        var tail = new double[last + 2];
        var weighted = new double[last + 2];
        for (var i = last; i >= 0; i--)
        {
            var pmf = Math.Exp(Poisson.PMFLn(rate, i));
            tail[i] = tail[i + 1] + pmf;
            weighted[i] = pmf + q * weighted[i + 1];
        }
        var served = 1 - Math.Exp(-t / Service);
        var done = 0.0;
        for (var j = 0; j < seen.Length; j++)
            done += seen[j] * (j < Servers ? served : tail[j - Servers + 1] - weighted[j - Servers + 1]);
        return done;
    }
}
