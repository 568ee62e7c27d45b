using TumorRegistry.Domain.Events;
using TumorRegistry.Domain.Validation;
using TumorRegistry.Standards.Dictionary;

namespace TumorRegistry.Domain;

/// <summary>Builds an ItemsCorrected event: old value from the current state, new value validated, reason required.</summary>
internal static class Corrections
{
    public static Decision Decide(IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string?> newValues,
        string reason, NaaccrParent parent, ItemValidator? validator)
    {
        if (string.IsNullOrWhiteSpace(reason)) return Decision.Refuse("reason", "A correction needs a reason.");
        var v = validator ?? ItemValidator.Default;
        var errors = newValues.SelectMany(kv => v.Validate(kv.Key, kv.Value, parent)).ToList();
        if (errors.Count > 0) return Decision.Refuse(errors);

        var changes = newValues
            .Select(kv => new ItemCorrection(kv.Key, current.GetValueOrDefault(kv.Key), string.IsNullOrEmpty(kv.Value) ? null : kv.Value))
            .Where(c => c.OldValue != c.NewValue)
            .ToList();
        if (changes.Count == 0) return Decision.Refuse("items", "The correction changes no value.");
        return Decision.Accept(new ItemsCorrected(changes, reason));
    }
}
