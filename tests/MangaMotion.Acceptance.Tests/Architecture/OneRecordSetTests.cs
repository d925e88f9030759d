using System.Reflection;
using MangaMotion.Acceptance.Results.RunFile;
using NUnit.Framework;

namespace MangaMotion.Acceptance.Tests.Architecture;

/// <summary>
/// results.json serialises the domain's own records: no record of it has a field-by-field copy anywhere
/// else in the suite (a mirror that a writer copies into and a reader copies out of, which drift apart).
/// </summary>
public sealed class OneRecordSetTests
{
    private static readonly string[] Rooms = ["Settings", "Load", "Results", "Probes", "Verdicts", "Reports", "Agents", "Drivers"];

    private static IEnumerable<Type> Records(Assembly assembly) => assembly.GetTypes()
        .Where(t => t.IsClass && !t.IsAbstract && t.GetMethod("<Clone>$") is not null);

    /// <summary>A record's fields as a reader sees them: each public property's name and type.</summary>
    private static string Shape(Type t) => string.Join(", ", t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.Name != "EqualityContract").Select(p => $"{p.Name}:{Simple(p.PropertyType)}").Order(StringComparer.Ordinal));

    /// <summary>Collections and nullability aside: a List of longs and an IReadOnlyList of longs are the same field.</summary>
    private static string Simple(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type != typeof(string) && type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)) is { } e)
            return $"[{Simple(e.GetGenericArguments()[0])}]";
        return type.IsGenericType ? type.Name : type.Name;
    }

    [Test]
    public void No_results_json_record_has_a_field_by_field_copy_elsewhere()
    {
        var file = Records(typeof(RunResults).Assembly).Where(t => t.Namespace == typeof(RunResults).Namespace).ToList();
        var others = Rooms.Select(r => Assembly.Load($"MangaMotion.Acceptance.{r}")).SelectMany(Records).Except(file).ToList();
        var copies = (from f in file from o in others where f.GetProperties().Length > 1 && Shape(f) == Shape(o) select $"{f.Name} ~ {o.FullName}").ToList();
        Assert.That(copies, Is.Empty, string.Join(Environment.NewLine, copies));
    }
}
