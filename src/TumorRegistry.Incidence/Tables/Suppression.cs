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
    public static SuppressionMark[] Apply(IReadOnlyList<long> counts, IReadOnlyList<int[]> relations, int threshold, bool exactAudit = true)
    {
        var marks = new SuppressionMark[counts.Count];
        for (int i = 0; i < counts.Count; i++)
            if (counts[i] < threshold) marks[i] = SuppressionMark.Primary;
        if (!marks.Any(m => m != SuppressionMark.None)) return marks;

        var byCell = new List<int>[counts.Count];
        for (int r = 0; r < relations.Count; r++)
            foreach (int c in relations[r]) (byCell[c] ??= []).Add(r);

        while (true)
        {
            SingleRelationPass(counts, relations, marks);
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
    static void SingleRelationPass(IReadOnlyList<long> counts, IReadOnlyList<int[]> relations, SuppressionMark[] marks)
    {
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var relation in relations)
            {
                if (relation.Count(c => marks[c] != SuppressionMark.None) != 1) continue;
                // Prefer hiding a part (the smallest) over the total, which readers need most.
                int pick = relation.Skip(1).Where(c => marks[c] == SuppressionMark.None)
                    .OrderBy(c => counts[c]).ThenBy(c => c).DefaultIfEmpty(relation[0]).First();
                marks[pick] = SuppressionMark.Complementary;
                changed = true;
            }
        }
    }

    // Pass 2: reduce the relations to row echelon form in the hidden cells; a hidden cell whose pivot row
    // has no free (undetermined) columns is fixed by the shown values. Returns it, or -1 when none is.
    static int FindDeterminedCell(IReadOnlyList<int[]> relations, SuppressionMark[] marks)
    {
        var hidden = new Dictionary<int, int>();
        for (int i = 0; i < marks.Length; i++)
            if (marks[i] != SuppressionMark.None) hidden[i] = hidden.Count;
        var rows = new List<double[]>();
        foreach (var relation in relations)
        {
            if (!relation.Any(hidden.ContainsKey)) continue;
            var row = new double[hidden.Count];
            for (int k = 0; k < relation.Length; k++)
                if (hidden.TryGetValue(relation[k], out int col)) row[col] += k == 0 ? -1 : 1;
            rows.Add(row);
        }
        const double eps = 1e-9;
        int n = hidden.Count, pivotRow = 0;
        var pivotColumns = new List<int>();
        for (int col = 0; col < n && pivotRow < rows.Count; col++)
        {
            int best = -1;
            for (int r = pivotRow; r < rows.Count; r++)
                if (Math.Abs(rows[r][col]) > eps && (best < 0 || Math.Abs(rows[r][col]) > Math.Abs(rows[best][col]))) best = r;
            if (best < 0) continue;
            (rows[pivotRow], rows[best]) = (rows[best], rows[pivotRow]);
            var p = rows[pivotRow];
            double scale = p[col];
            for (int j = col; j < n; j++) p[j] /= scale;
            for (int r = 0; r < rows.Count; r++)
            {
                if (r == pivotRow) continue;
                double f = rows[r][col];
                if (Math.Abs(f) <= eps) continue;
                var row = rows[r];
                for (int j = col; j < n; j++) row[j] -= f * p[j];
            }
            pivotColumns.Add(col);
            pivotRow++;
        }
        var isPivot = new bool[n];
        foreach (int c in pivotColumns) isPivot[c] = true;
        var cellOf = hidden.ToDictionary(kv => kv.Value, kv => kv.Key);
        for (int r = 0; r < pivotColumns.Count; r++)
        {
            bool determined = true;
            for (int j = 0; j < n && determined; j++)
                if (!isPivot[j] && Math.Abs(rows[r][j]) > eps) determined = false;
            if (determined) return cellOf[pivotColumns[r]];
        }
        return -1;
    }
}
