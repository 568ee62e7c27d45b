// Benchmark: Kaplan-Meier with confidence intervals per group plus the log-rank test over synthetic registry cases,
// next to R survfit + survdiff on the same data when Rscript is on the PATH.
// Usage: dotnet run -c Release --project bench/TumorRegistry.Bench.Survival [-- cases [runs]]
using System.Diagnostics;
using System.Globalization;
using TumorRegistry.Survival.Estimation;

int n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
int runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var (time, dead, group) = Synthetic(n, seed: 20261122);
Console.WriteLine($"cases={n:N0} groups=4 deaths={dead.Count(d => d):N0} distinct times={time.Distinct().Count():N0}");

Fit(); // warm-up (JIT)
var csharp = new List<double>();
SurvivalCurve[] curves = [];
LogRankTest test = null!;
for (int r = 0; r < runs; r++)
{
    var sw = Stopwatch.StartNew();
    (curves, test) = Fit();
    csharp.Add(sw.Elapsed.TotalSeconds);
}
Console.WriteLine($"C#  KM+CI (log) by group + log-rank: runs {string.Join(", ", csharp.Select(F))} s; best {F(csharp.Min())} s");
Console.WriteLine($"C#  chisq={test.ChiSquare:R} medians={string.Join(" ", curves.Select(c => c.Median.Time))}");

var rscript = FindOnPath("Rscript");
if (rscript is null) { Console.WriteLine("Rscript not found: R comparison skipped"); return; }
var csv = Path.Combine(Path.GetTempPath(), $"survival-bench-{Environment.ProcessId}.csv");
var rfile = Path.ChangeExtension(csv, ".R");
try
{
    using (var w = new StreamWriter(csv))
    {
        w.WriteLine("time,status,group");
        for (int i = 0; i < n; i++) w.WriteLine($"{time[i].ToString(CultureInfo.InvariantCulture)},{(dead[i] ? 1 : 0)},{group[i]}");
    }
    File.WriteAllText(rfile, $$"""
        suppressPackageStartupMessages(library(survival))
        d <- read.csv("{{csv}}")
        el <- numeric(0)
        for (r in 1:{{runs}}) {
          el[r] <- system.time({
            f <- survfit(Surv(time, status) ~ group, data = d, conf.type = "log")
            s <- survdiff(Surv(time, status) ~ group, data = d)
          })[["elapsed"]]
        }
        cat("R", paste(el, collapse = " "), "\n")
        cat("chisq", format(s$chisq, digits = 17), "\n")
        cat("medians", quantile(f, 0.5)$quantile, "\n")
        cat("version", as.character(getRversion()), as.character(packageVersion("survival")), "\n")
        """);
    var psi = new ProcessStartInfo(rscript, [rfile]) { RedirectStandardOutput = true, RedirectStandardError = true };
    using var p = Process.Start(psi)!;
    string output = p.StandardOutput.ReadToEnd();
    p.WaitForExit();
    var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim().Split(' ')).ToDictionary(l => l[0], l => l[1..]);
    var rTimes = lines["R"].Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
    double rChi = double.Parse(lines["chisq"][0], CultureInfo.InvariantCulture);
    Console.WriteLine($"R   survfit+survdiff (R {lines["version"][0]}, survival {lines["version"][1]}): runs {string.Join(", ", rTimes.Select(F))} s; best {F(rTimes.Min())} s");
    Console.WriteLine($"R   chisq={rChi:R} medians={string.Join(" ", lines["medians"])}");
    Console.WriteLine($"agreement: |chisq diff|={Math.Abs(rChi - test.ChiSquare):E2}");
    Console.WriteLine($"speed-up (best vs best): {rTimes.Min() / csharp.Min():F1}x");
}
finally
{
    File.Delete(csv);
    File.Delete(rfile);
}

(SurvivalCurve[], LogRankTest) Fit() =>
    (KaplanMeier.FitByGroup(time, dead, group, ConfidenceType.Log).ToArray(), LogRank.Test(time, dead, group));

// Four stage-like groups with exponential survival (median 1 to 10 years), uniform censoring over 15 years;
// times in whole days as registries record them.
static (double[] Time, bool[] Dead, string[] Group) Synthetic(int n, int seed)
{
    var rng = new Random(seed);
    string[] labels = ["Localized", "Regional", "Distant", "Unknown"];
    double[] medianDays = [3650, 1825, 365, 900];
    var time = new double[n];
    var dead = new bool[n];
    var group = new string[n];
    for (int i = 0; i < n; i++)
    {
        int g = rng.Next(4);
        double death = -Math.Log(1 - rng.NextDouble()) * medianDays[g] / Math.Log(2);
        double censor = rng.NextDouble() * 5479;
        time[i] = Math.Floor(Math.Min(death, censor)) + 1;
        dead[i] = death <= censor;
        group[i] = labels[g];
    }
    return (time, dead, group);
}

static string F(double s) => s.ToString("F3", CultureInfo.InvariantCulture);

static string? FindOnPath(string exe) =>
    (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Select(d => Path.Combine(d, exe)).FirstOrDefault(File.Exists);
