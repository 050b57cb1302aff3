using System.Reflection;
using Switchyard.Runtime.Specs;

namespace Switchyard.Runtime.Backends;

/// <summary>Calls a backend type's static <see cref="ISpecValidator.ValidateSpec"/> without knowing the type at compile time.</summary>
internal static class SpecValidation
{
    private static readonly MethodInfo Validate = typeof(SpecValidation).GetMethod(nameof(ValidateWith), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>A delegate running <paramref name="type"/>'s validator (which must implement <see cref="ISpecValidator"/>).</summary>
    public static Func<BackendSpec, IEnumerable<SpecProblem>> For(Type type) =>
        Validate.MakeGenericMethod(type).CreateDelegate<Func<BackendSpec, IEnumerable<SpecProblem>>>();

    /// <summary>Adds the backend type's own problems with <paramref name="spec"/>; a validator that throws is reported, never a crash.</summary>
    public static void Check(BackendRegistration registration, BackendSpec spec, string path, Problems problems)
    {
        if (registration.SpecValidator is not { } validate)
        {
            return;
        }

        try
        {
            foreach (var problem in validate(spec))
            {
                problems.Add(SpecReader.Join(path, problem.Path), problem.Message);
            }
        }
        catch (Exception ex)
        {
            problems.Add(SpecReader.Join(path, "class"), $"'{spec.Class}' could not check this spec: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private static IEnumerable<SpecProblem> ValidateWith<T>(BackendSpec spec)
        where T : ISpecValidator => T.ValidateSpec(spec);
}
