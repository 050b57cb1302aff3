using System.Reflection;

namespace Switchyard.Runtime.Backends;

/// <summary>
/// The backend types this node may instantiate: registered in code or found in assemblies loaded with
/// <c>--assembly</c>. A class name resolves as an alias, a full type name, or a simple name where unique.
/// Nothing outside the catalog is ever instantiated by name.
/// </summary>
internal sealed class BackendCatalog
{
    private readonly Dictionary<string, BackendRegistration> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<BackendRegistration>> _bySimpleName = new(StringComparer.Ordinal);

    public BackendCatalog(IEnumerable<BackendRegistration> registrations)
    {
        foreach (var registration in registrations)
        {
            Add(registration);
        }
    }

    public IEnumerable<string> Names => _byName.Keys;

    public void AddAssembly(Assembly assembly)
    {
        foreach (var type in assembly.GetExportedTypes().Where(BackendRegistration.IsBackendType))
        {
            if (!_byName.ContainsKey(type.FullName!))
            {
                Add(BackendRegistration.ForType(type));
            }
        }
    }

    public bool TryResolve(string className, out BackendRegistration registration, out string error)
    {
        error = string.Empty;
        if (_byName.TryGetValue(className, out registration!))
        {
            return true;
        }

        if (_bySimpleName.TryGetValue(className, out var candidates))
        {
            var distinct = candidates.DistinctBy(c => c.Type).ToList();
            if (distinct.Count == 1)
            {
                registration = distinct[0];
                return true;
            }

            error = $"class '{className}' is ambiguous: use one of {string.Join(", ", distinct.Select(c => c.Type!.FullName))}";
            return false;
        }

        error = $"class '{className}' is not a registered backend type (known: {string.Join(", ", _byName.Keys.Order(StringComparer.Ordinal))})";
        return false;
    }

    private void Add(BackendRegistration registration)
    {
        _byName[registration.Name] = registration;
        if (registration.Type is { } type)
        {
            _byName.TryAdd(type.FullName!, registration);
            if (!_bySimpleName.TryGetValue(type.Name, out var list))
            {
                _bySimpleName[type.Name] = list = [];
            }

            list.Add(registration);
        }
    }
}
