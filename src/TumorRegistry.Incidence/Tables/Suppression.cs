namespace TumorRegistry.Incidence.Tables;

/// <summary>Why a cell is hidden.</summary>
public enum SuppressionMark
{
    /// <summary>Shown.</summary>
    None,
    /// <summary>Fewer cases than the threshold.</summary>
    Primary,
    /// <summary>Hidden so that a primary cell cannot be recovered from totals.</summary>
    Complementary,
}

/// <summary>
/// Small-count suppression with complementary suppression over additive relations
/// (a total equals the sum of its parts: state = its counties, both sexes = male + female, all races = each race).
/// Two passes: (1) until no relation has exactly one hidden member, hide the smallest shown member of any that has;
/// (2) an exact audit solves the linear system of all relations (Gaussian elimination over the hidden cells) and
/// hides more cells while any hidden count is still determined by the shown ones.
/// </summary>
public static class Suppression
{
    /// <summary>
    /// Marks cells. <paramref name="relations"/> lists cell indices; the first index of each is the total and the rest
    /// its parts. Cells with count below <paramref name="threshold"/> are primary (zero counts included).
    /// </summary>
    /// <param name="counts">Count of each cell.</param>
    /// <param name="relations">Cell indices of each additive relation, the total first.</param>
    /// <param name="threshold">Counts below it are primary.</param>
    /// <param name="exactAudit">Run the exact linear audit after the relation-by-relation pass.</param>
    /// <param name="hideTotalFirst">Relations (by index) whose total is hidden before any part: the both-sexes
    /// relations, so a suppressed male breast count hides "both sexes", not female breast (USCS and State Cancer
    /// Profiles publish breast by sex).</param>
    /// <param name="complementary">False: primary suppression only, as USCS and State Cancer Profiles publish.</param>
    public static SuppressionMark[] Apply(IReadOnlyList<long> counts, IReadOnlyList<int[]> relations, int threshold, bool exactAudit = true,
        IReadOnlySet<int>? hideTotalFirst = null, bool complementary = true)
    {
        var marks = new SuppressionMark[counts.Count];
        for (int i = 0; i < counts.Count; i++)
            if (counts[i] < threshold) marks[i] = SuppressionMark.Primary;
        if (!complementary || !marks.Any(m => m != SuppressionMark.None)) return marks;

        var byCell = new List<int>[counts.Count];
        for (int r = 0; r < relations.Count; r++)
            foreach (int c in relations[r]) (byCell[c] ??= []).Add(r);

        while (true)
        {
            SingleRelationPass(counts, relations, marks, hideTotalFirst);
            if (!exactAudit) return marks;
            int leaked = FindDeterminedCell(relations, marks);
            if (leaked < 0) return marks;
            // Hide the smallest shown cell in a relation through the leaked cell, else anywhere near it.
            int pick = byCell[leaked]?.SelectMany(r => relations[r]).Where(c => marks[c] == SuppressionMark.None)
                .OrderBy(c => counts[c]).ThenBy(c => c).DefaultIfEmpty(-1).First() ?? -1;
            if (pick < 0)
                pick = relations.Where(r => r.Any(c => marks[c] != SuppressionMark.None)).SelectMany(r => r)
                    .Where(c => marks[c] == SuppressionMark.None).OrderBy(c => counts[c]).ThenBy(c => c).First();
            marks[pick] = SuppressionMark.Complementary;
        }
    }

    // Pass 1: a relation with exactly one hidden member would reveal it by subtraction.
    static void SingleRelationPass(IReadOnlyList<long> counts, IReadOnlyList<int[]> relations, SuppressionMark[] marks, IReadOnlySet<int>? hideTotalFirst)
    {
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int r = 0; r < relations.Count; r++)
            {
                var relation = relations[r];
                if (relation.Count(c => marks[c] != SuppressionMark.None) != 1) continue;
                // Prefer hiding a part (the smallest) over the total, which readers need most; for the sex split the
                // total goes first, since the sex-specific rows are the ones published (female breast, male lung...).
                int pick = hideTotalFirst?.Contains(r) == true && marks[relation[0]] == SuppressionMark.None ? relation[0]
                    : relation.Skip(1).Where(c => marks[c] == SuppressionMark.None)
                        .OrderBy(c => counts[c]).ThenBy(c => c).DefaultIfEmpty(relation[0]).First();
                marks[pick] = SuppressionMark.Complementary;
                changed = true;
            }
        }
    }

    // Pass 2: hidden cells linked through shared relations form independent components; in each, reduce the
    // relations to row echelon form in the hidden cells. A hidden cell whose pivot row has no free
    // (undetermined) column is fixed by the shown values. Returns it, or -1 when none is.
    static int FindDeterminedCell(IReadOnlyList<int[]> relations, SuppressionMark[] marks)
    {
        var parent = new Dictionary<int, int>();
        int Find(int x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
        for (int i = 0; i < marks.Length; i++)
            if (marks[i] != SuppressionMark.None) parent[i] = i;
        var active = relations.Where(r => r.Any(parent.ContainsKey)).ToList();
        foreach (var relation in active)
        {
            int first = -1;
            foreach (int c in relation)
            {
                if (!parent.ContainsKey(c)) continue;
                if (first < 0) first = Find(c);
                else parent[Find(c)] = first;
            }
        }
        foreach (var component in active.GroupBy(r => Find(r.First(parent.ContainsKey))))
        {
            var cells = component.SelectMany(r => r).Where(parent.ContainsKey).Distinct().Order().ToList();
            int found = DeterminedIn(component.ToList(), cells);
            if (found >= 0) return found;
        }
        return -1;
    }

    // Sparse Gauss-Jordan elimination over the hidden cells of one component (the relations are very sparse).
    static int DeterminedIn(List<int[]> relations, List<int> hiddenCells)
    {
        const double eps = 1e-9;
        var column = new Dictionary<int, int>();
        foreach (int c in hiddenCells) column[c] = column.Count;
        int n = column.Count;
        var rows = new List<Dictionary<int, double>>();
        var rowsWith = new HashSet<int>[n];
        for (int j = 0; j < n; j++) rowsWith[j] = [];
        foreach (var relation in relations)
        {
            var row = new Dictionary<int, double>();
            for (int k = 0; k < relation.Length; k++)
                if (column.TryGetValue(relation[k], out int col)) row[col] = row.GetValueOrDefault(col) + (k == 0 ? -1 : 1);
            foreach (var (col, v) in row.ToList())
                if (Math.Abs(v) <= eps) row.Remove(col);
            if (row.Count == 0) continue;
            foreach (int col in row.Keys) rowsWith[col].Add(rows.Count);
            rows.Add(row);
        }
        var pivotOf = new int[n]; // row index of each pivot column, or -1
        Array.Fill(pivotOf, -1);
        var used = new bool[rows.Count];
        for (int col = 0; col < n; col++)
        {
            int best = -1;
            foreach (int r in rowsWith[col])
                if (!used[r] && (best < 0 || rows[r].Count < rows[best].Count || (rows[r].Count == rows[best].Count && r < best))) best = r;
            if (best < 0) continue;
            used[best] = true;
            pivotOf[col] = best;
            var p = rows[best];
            double scale = p[col];
            foreach (int j in p.Keys.ToList()) p[j] /= scale;
            foreach (int r in rowsWith[col].ToList())
            {
                if (r == best) continue;
                var row = rows[r];
                double f = row[col];
                foreach (var (j, v) in p)
                {
                    double updated = row.GetValueOrDefault(j) - f * v;
                    if (Math.Abs(updated) <= eps)
                    {
                        if (row.Remove(j)) rowsWith[j].Remove(r);
                    }
                    else
                    {
                        if (!row.ContainsKey(j)) rowsWith[j].Add(r);
                        row[j] = updated;
                    }
                }
            }
        }
        // In reduced form a pivot row holds its pivot and free columns only; with no free column the cell is fixed.
        for (int col = 0; col < n; col++)
            if (pivotOf[col] >= 0 && rows[pivotOf[col]].Count == 1) return hiddenCells[col];
        return -1;
    }
}
