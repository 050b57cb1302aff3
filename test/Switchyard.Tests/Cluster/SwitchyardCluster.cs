using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.TestingHost;
using Switchyard.Runtime.Cluster;
using Switchyard.Runtime.Control;
using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Control.Stored;
using Switchyard.Runtime.Client;
using Switchyard.Runtime.Hosting;
using Switchyard.Runtime.Storage;
using Switchyard.TestBackends;

namespace Switchyard.Tests.Cluster;

/// <summary>
/// An in-process Orleans cluster whose silos are Switchyard nodes (in-memory transport), each declaring the
/// resources given for its index, with the test backends registered.
/// </summary>
internal sealed class SwitchyardCluster : IAsyncDisposable
{
    private readonly string _stateDirectory;

    private SwitchyardCluster(InProcessTestCluster cluster, string stateDirectory)
    {
        Cluster = cluster;
        _stateDirectory = stateDirectory;
    }

    public InProcessTestCluster Cluster { get; }

    public IControllerGrain Controller => Cluster.Client.GetGrain<IControllerGrain>(0);

    public static Task<SwitchyardCluster> StartAsync(params NodeIdentity[] nodes) => StartAsync(nodes.Length, nodes);

    /// <summary>Starts <paramref name="initialSilos"/> silos; silo i (also those started later) declares <paramref name="nodes"/>[i].</summary>
    public static Task<SwitchyardCluster> StartAsync(int initialSilos, params NodeIdentity[] nodes) => StartAsync(new Setup(), initialSilos, nodes);

    /// <summary>Starts one silo per node with a store that fails on demand (<paramref name="faults"/>) and, if given, an outgoing call filter on every silo.</summary>
    public static Task<SwitchyardCluster> StartAsync(StoreFaults? faults, IOutgoingGrainCallFilter? filter, params NodeIdentity[] nodes) =>
        StartAsync(new Setup(faults, filter), nodes.Length, nodes);

    /// <summary>As <see cref="StartAsync(int, NodeIdentity[])"/>, with <paramref name="configure"/> applied to every silo last.</summary>
    public static Task<SwitchyardCluster> StartAsync(int initialSilos, Action<Orleans.Hosting.ISiloBuilder>? configure, params NodeIdentity[] nodes) =>
        StartAsync(new Setup(Configure: configure), initialSilos, nodes);

    /// <summary>Test hooks into every silo.</summary>
    private sealed record Setup(StoreFaults? Faults = null, IOutgoingGrainCallFilter? Filter = null, Action<Orleans.Hosting.ISiloBuilder>? Configure = null);

    private static async Task<SwitchyardCluster> StartAsync(Setup setup, int initialSilos, NodeIdentity[] nodes)
    {
        SwitchyardCluster? result = null;
        var builder = new InProcessTestClusterBuilder((short)initialSilos);
        var stateDirectory = Directory.CreateTempSubdirectory("switchyard-cluster-").FullName;
        builder.ConfigureSilo((options, silo) =>
        {
            var index = options.SiloName == "Primary" ? 0 : int.Parse(options.SiloName.Split('_')[^1], System.Globalization.CultureInfo.InvariantCulture);
            var identity = nodes[Math.Min(index, nodes.Length - 1)];
            SwitchyardHostingExtensions.ConfigureSilo(silo, identity, [], sp =>
            {
                var storage = new FileGrainStorage(stateDirectory, sp.GetRequiredService<Serializer>());
                return setup.Faults is { } faults ? faults.Wrap(storage) : storage;
            });
            if (setup.Filter is { } filter)
            {
                silo.AddOutgoingGrainCallFilter(filter);
            }

            new SwitchyardBuilder(silo.Services).AddAssembly(typeof(Echo).Assembly);
            silo.Services.Configure<Runtime.Replicas.ReplicaOptions>(o => o.DrainGrace = TimeSpan.FromMilliseconds(200));
            setup.Configure?.Invoke(silo);
        });
        builder.ConfigureClient(client => client.Services.AddSerializer(s => s.AddJsonSerializer(isSupported: RuntimeServices.IsContractType)));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        result = new SwitchyardCluster(cluster, stateDirectory);
        return result;
    }

    public static NodeIdentity Node(string id, double cpus = 4, int gpus = 0, Dictionary<string, double>? custom = null) =>
        new() { NodeId = id, NumCpus = cpus, NumGpus = gpus, Custom = custom ?? [] };

    /// <summary>The client of a silo (handles go through that silo's router).</summary>
    public IServeClient ClientOn(int silo) =>
        Cluster.GetSiloServiceProvider(Cluster.Silos[silo].SiloAddress).GetRequiredService<IServeClient>();

    /// <summary>The controller's desired state as the state directory holds it (read past any injected faults).</summary>
    public async Task<DesiredState> StoredStateAsync()
    {
        var serializer = Cluster.GetSiloServiceProvider(Cluster.Silos[0].SiloAddress).GetRequiredService<Serializer>();
        var storage = new FileGrainStorage(_stateDirectory, serializer);
        var state = new GrainState<ControllerState>(new ControllerState());
        await storage.ReadStateAsync("controller", Controller.GetGrainId(), state);
        return StoredState.ToDesired(state.State!);
    }

    public async Task<BackendInfo> BackendAsync(string name) => (await Controller.ListBackendsAsync(CancellationToken.None))[name];

    /// <summary>Waits until <paramref name="condition"/> holds for the backend, or fails after the timeout.</summary>
    public Task<BackendInfo> WaitForAsync(string backend, Func<BackendInfo, bool> condition, int seconds = 30) =>
        Eventually.ValueAsync(
            _ => BackendAsync(backend),
            condition,
            $"backend {backend} to reach the expected state",
            seconds,
            describe: info => System.Text.Json.JsonSerializer.Serialize(info));

    /// <summary>Waits until the router of silo <paramref name="silo"/> has every change <paramref name="writer"/> has seen.</summary>
    public async Task WaitForRouterAsync(int silo, IServeClient writer, int seconds = 10)
    {
        var target = Router(silo);
        var version = Router(Cluster.Silos.Select((s, i) => (s, i)).First(x => ReferenceEquals(ClientOn(x.i), writer)).i).Snapshot.Version;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        await target.WaitForVersionAsync(version, timeout.Token);
    }

    private Runtime.Routing.Router Router(int silo) =>
        Cluster.GetSiloServiceProvider(Cluster.Silos[silo].SiloAddress).GetRequiredService<Runtime.Routing.Router>();

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        try
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
