using Switchyard.Runtime.Backends;
using Switchyard.Runtime.Specs;

namespace Switchyard.Runtime.Control.Commands;

/// <summary>Checks backend specs against this node's catalog of backend types and their constructors.</summary>
internal sealed class CatalogBackendCheck(BackendCatalog catalog, BackendActivator activator) : IBackendCheck
{
    public void Check(BackendSpec spec, string path, Problems problems)
    {
        SpecValidator.ValidateConfig(spec.Config, SpecReader.Join(path, "config"), problems);
        SpecValidator.ValidateResources(spec.Resources, SpecReader.Join(path, "resources"), problems);
        if (!catalog.TryResolve(spec.Class, out var registration, out var error))
        {
            problems.Add(SpecReader.Join(path, "class"), error);
            return;
        }

        if (spec.Config.MaxBatchSize > 1 && !registration.IsBatch)
        {
            problems.Add(SpecReader.Join(path, "config.max_batch_size"), $"is {spec.Config.MaxBatchSize} but '{spec.Class}' is not a batch backend (implement IBatchBackend to accept batches)");
        }

        // The type's own check reads the init args, so it runs only once they bind.
        var bound = problems.Items.Count;
        activator.Validate(registration, spec.InitArgs, SpecReader.Join(path, "init_args"), problems);
        if (problems.Items.Count == bound)
        {
            SpecValidation.Check(registration, spec, path, problems);
        }
    }
}
