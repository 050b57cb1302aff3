namespace Switchyard.Runtime.Cluster;

/// <summary>
/// Whether this node has been asked to stop. Once it has, readiness answers "stopping" while its replicas move to
/// other nodes and the requests in flight finish, so a load balancer stops sending before the node goes.
/// </summary>
internal sealed class NodeLifecycle
{
    private volatile bool _leaving;

    public bool IsLeaving => _leaving;

    public void BeginLeaving() => _leaving = true;
}
