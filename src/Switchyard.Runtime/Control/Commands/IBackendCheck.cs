using Switchyard.Runtime.Specs;

namespace Switchyard.Runtime.Control.Commands;

/// <summary>Checks a backend spec as a whole (ranges, class, init args, batching against the class), naming every problem.</summary>
internal interface IBackendCheck
{
    void Check(BackendSpec spec, string path, Problems problems);
}
