namespace Switchyard.Runtime.Routing;

internal sealed partial class BackendLane
{
    /// <summary>This lane's answered requests, for the node's figure reports.</summary>
    public LaneFigures Figures { get; } = new();

    /// <summary>Requests this node has waiting for the backend or running on its replicas now.</summary>
    public int Ongoing
    {
        get
        {
            var ongoing = Queued;
            foreach (var slot in _settings.Replicas)
            {
                ongoing += Volatile.Read(ref slot.InFlight);
            }

            return ongoing;
        }
    }
}
