namespace TumorRegistry.Linkage.Comparators;

/// <summary>
/// Given names grouped by the formal name they shorten (data/reference/linkage/nicknames.csv). Each name packs up to
/// four group numbers into a ulong, so two records agree by nickname when their packed groups share a number.
/// </summary>
public sealed class NicknameTable
{
    private readonly Dictionary<string, ulong> _groups;

    private NicknameTable(Dictionary<string, ulong> groups) => _groups = groups;

    public static NicknameTable Empty { get; } = new(new Dictionary<string, ulong>());

    public static NicknameTable Load(string path) => Parse(File.ReadLines(path));

    public static NicknameTable Parse(IEnumerable<string> lines)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var members = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var parts = line.Split(',');
            if (parts.Length < 2 || parts[0].Length == 0) continue;
            var formal = parts[0].Trim().ToUpperInvariant();
            var nick = parts[1].Trim().ToUpperInvariant();
            if (!ids.TryGetValue(formal, out var id)) ids[formal] = id = ids.Count + 1;
            Add(members, formal, id);
            Add(members, nick, id);
        }
        var packed = members.ToDictionary(m => m.Key, m => Pack(m.Value), StringComparer.Ordinal);
        return new NicknameTable(packed);
    }

    /// <summary>The packed groups of a given name (0 when the name is not in the table).</summary>
    public ulong Groups(string name) => _groups.GetValueOrDefault(name);

    public bool AreNicknames(string a, string b) => Share(Groups(a), Groups(b));

    public static bool Share(ulong a, ulong b)
    {
        if (a == 0 || b == 0) return false;
        for (var x = a; x != 0; x >>= 16)
        for (var y = b; y != 0; y >>= 16)
            if ((x & 0xFFFF) == (y & 0xFFFF)) return true;
        return false;
    }

    private static void Add(Dictionary<string, List<int>> members, string name, int id)
    {
        if (!members.TryGetValue(name, out var list)) members[name] = list = [];
        if (!list.Contains(id) && list.Count < 4) list.Add(id);
    }

    private static ulong Pack(List<int> ids)
    {
        ulong packed = 0;
        foreach (var id in ids) packed = (packed << 16) | (uint)id;
        return packed;
    }
}
