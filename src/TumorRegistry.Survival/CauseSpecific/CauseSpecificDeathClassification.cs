namespace TumorRegistry.Survival.CauseSpecific;

/// <summary>How a case's outcome counts in cause-specific survival.</summary>
public enum CauseSpecificStatus
{
    /// <summary>Alive at end of follow-up: censored.</summary>
    Alive,
    /// <summary>Died of this cancer: the event.</summary>
    DeadOfThisCancer,
    /// <summary>Died of another cause: censored at death.</summary>
    DeadOfOtherCause,
    /// <summary>Dead with missing or unknown cause of death, or site recode not in the table: excluded and reported.</summary>
    Unknown,
}

/// <summary>
/// SEER cause-specific death classification (seer.cancer.gov/causespecific), read from SEER's table
/// (reference/seer/cause-specific-death-2023.txt): for each site recode 2023, the ICD cause-of-death codes counted
/// as death from that cancer. For a patient's only tumor (sequence 00) any malignant cancer death (ICD-10 C00–C97)
/// also counts; for one of several tumors only the site's listed codes count.
/// </summary>
public sealed class CauseSpecificDeathClassification
{
    /// <summary>ICD-10 codes SEER treats as "any cancer" death for a patient's only tumor.</summary>
    public const string AnyMalignantCancerIcd10 = "C00-C97";

    // ICD-10 rows keyed by (sequence type "0" or "1-59", site recode).
    readonly Dictionary<(string SeqType, string Site), Rule> _rules = new();
    readonly Rule _anyCancer = Rule.Parse(AnyMalignantCancerIcd10, " ");

    /// <summary>Site recodes (2023) the table covers.</summary>
    public IReadOnlyCollection<string> SiteRecodes => _rules.Keys.Select(k => k.Site).Distinct().ToArray();

    /// <summary>Parses SEER's semicolon-separated table (header
    /// ICDVersion;SeqType;Siterec2023;Deathcodes-ignoring4thdigit;Deathcodes-requiring4thdigit;Label).
    /// Only ICD-10 rows (ICDVersion 1) are used.</summary>
    public static CauseSpecificDeathClassification Load(TextReader reader)
    {
        var result = new CauseSpecificDeathClassification();
        reader.ReadLine();
        for (string? line; (line = reader.ReadLine()) is not null;)
        {
            var f = line.Split(';');
            if (f.Length < 5 || f[0].Trim() != "1") continue;
            // A few published rows omit the empty 4th-digit column; the label is always last.
            string requiring = f.Length >= 6 ? f[4] : " ";
            result._rules[(f[1].Trim(), f[2].Trim())] = Rule.Parse(f[3], requiring);
        }
        return result;
    }

    /// <summary>Loads the table shipped beside the binaries (reference/seer/cause-specific-death-2023.txt).</summary>
    public static CauseSpecificDeathClassification LoadShipped()
    {
        using var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "reference", "seer", "cause-specific-death-2023.txt"));
        return Load(reader);
    }

    /// <summary>Classifies a death (or survival) for cause-specific analysis.</summary>
    /// <param name="dead">True if the patient died within follow-up.</param>
    /// <param name="siteRecode">SEER site recode 2023 code of the tumor, e.g. "30".</param>
    /// <param name="sequenceNumber">NAACCR sequence number; "00" (or "60") means the patient's only tumor.</param>
    /// <param name="causeOfDeath">ICD-10 underlying cause of death, e.g. "C349" or "C34.9".</param>
    public CauseSpecificStatus Classify(bool dead, string? siteRecode, string? sequenceNumber, string? causeOfDeath)
    {
        if (!dead) return CauseSpecificStatus.Alive;
        var cod = Normalize(causeOfDeath);
        if (cod is null) return CauseSpecificStatus.Unknown;
        bool only = sequenceNumber?.Trim() is "00" or "60";
        string site = (siteRecode ?? "").Trim().PadLeft(2, '0');
        if (!_rules.TryGetValue((only ? "0" : "1-59", site), out var rule))
        {
            // Sites with no extra codes for a single tumor still count any cancer death.
            if (!only || !_rules.ContainsKey(("1-59", site))) return CauseSpecificStatus.Unknown;
            rule = Rule.Empty;
        }
        bool cancer = rule.Matches(cod) || (only && _anyCancer.Matches(cod));
        return cancer ? CauseSpecificStatus.DeadOfThisCancer : CauseSpecificStatus.DeadOfOtherCause;
    }

    /// <summary>Upper-case ICD-10 code without dot; null when not a letter followed by at least two digits.</summary>
    static string? Normalize(string? code)
    {
        var c = (code ?? "").Replace(".", "").Trim().ToUpperInvariant();
        return c.Length >= 3 && char.IsLetter(c[0]) && char.IsDigit(c[1]) && char.IsDigit(c[2]) ? c : null;
    }

    sealed record Rule((string Lo, string Hi)[] ThreeChar, (string Lo, string Hi)[] FourChar)
    {
        public static readonly Rule Empty = new([], []);

        public static Rule Parse(string ignoring4th, string requiring4th) => new(Ranges(ignoring4th), Ranges(requiring4th));

        static (string, string)[] Ranges(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => r.Split('-') is var p && p.Length == 2 ? (p[0], p[1]) : (r, r)).ToArray();

        public bool Matches(string cod)
        {
            var three = cod[..3];
            foreach (var (lo, hi) in ThreeChar)
                if (string.CompareOrdinal(three, lo) >= 0 && string.CompareOrdinal(three, hi) <= 0) return true;
            if (cod.Length < 4) return false;
            var four = cod[..4];
            foreach (var (lo, hi) in FourChar)
                if (string.CompareOrdinal(four, lo) >= 0 && string.CompareOrdinal(four, hi) <= 0) return true;
            return false;
        }
    }
}
