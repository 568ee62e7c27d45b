namespace TumorRegistry.Synthetic;

/// <summary>Made-up names, and the identity variations a second report of the same person arrives with.</summary>
public static class SyntheticPeople
{
    public static string Given(Random random, SyntheticData data, string sex)
    {
        var names = data.GivenNames.Where(n => n.Sex == sex).ToList();
        return names[random.Next(names.Count)].Name;
    }

    /// <summary>
    /// The same person as another facility reports them: one variation of the kinds record linkage must handle
    /// (nickname, a typing error in the family name, day and month swapped in the date of birth, a new family name
    /// for a woman), with a new patient number and the same tumor.
    /// </summary>
    public static SyntheticPerson Varied(Random random, SyntheticData data, SyntheticPerson person)
    {
        var kind = random.Next(4);
        if (kind == 0 && data.GivenNames.FirstOrDefault(n => n.Name == person.GivenName) is { } given)
            return person with { GivenName = given.Nickname };
        if (kind == 2 && person.Birth.Day <= 12 && person.Birth.Day != person.Birth.Month)
            return person with { Birth = new DateOnly(person.Birth.Year, person.Birth.Day, person.Birth.Month) };
        if (kind == 3 && person.Sex == "2")
            return person with { FamilyName = data.FamilyNames[random.Next(data.FamilyNames.Count)] };
        return person.FamilyName.Length > 3
            ? person with { FamilyName = Transposed(random, person.FamilyName) }
            : person with { GivenName = Transposed(random, person.GivenName) };
    }

    // Two neighbouring letters swapped, the commonest typing error (never the first letter, which blocking keys use).
    private static string Transposed(Random random, string name)
    {
        var c = name.ToCharArray();
        var i = random.Next(1, c.Length - 1);
        (c[i], c[i + 1]) = (c[i + 1], c[i]);
        return new string(c);
    }
}
