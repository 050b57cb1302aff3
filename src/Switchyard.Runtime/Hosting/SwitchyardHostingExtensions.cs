using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Serialization;
using Orleans.Storage;
using Switchyard.Runtime.Admin;
using Switchyard.Runtime.Backends;
using Switchyard.Runtime.Client;
using Switchyard.Runtime.Cluster;
using Switchyard.Runtime.Control;
using Switchyard.Runtime.Control.Loops;
using Switchyard.Runtime.Diagnostics;
using Switchyard.Runtime.Inference;
using Switchyard.Runtime.Ingress;
using Switchyard.Runtime.Replicas;
using Switchyard.Runtime.Storage;

namespace Switchyard.Runtime.Hosting;

/// <summary>Embeds a Switchyard node (Orleans silo, HTTP ingress, admin API) in an ASP.NET Core host.</summary>
public static class SwitchyardHostingExtensions
{
    /// <summary>
    /// Adds a node to <paramref name="builder"/>: a silo, the router, the controller and its store, and Kestrel
    /// listening on the ingress and admin addresses. Call <see cref="MapSwitchyard"/> after building.
    /// </summary>
    public static SwitchyardBuilder AddSwitchyard(this WebApplicationBuilder builder, SwitchyardNodeOptions options)
    {
        // Validated here rather than on host start: Orleans and Kestrel are configured from these values below.
        var problems = SwitchyardNodeOptionsValidator.Problems(options);
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(nameof(SwitchyardNodeOptions), typeof(SwitchyardNodeOptions), problems);
        }

        var identity = new NodeIdentity
        {
            NodeId = options.NodeId,
            NumCpus = options.NumCpus,
            NumGpus = options.NumGpus ?? GpuDetector.Count(),
            Custom = options.CustomResources,
        };
        var services = builder.Services;
        services.AddSingleton(Options.Create(options));
        if (options.ClusterUrl is null)
        {
            // Taken before anything starts, so a second node on the same folder stops at once, naming the holder.
            services.AddSingleton(StateDirectory.Open(options.StateDirectory));
        }

        builder.UseOrleans(silo =>
        {
            ClusterLinkLimits.Configure(silo);
            ClusterLinkSecurity.Configure(silo, options);
            if (options.ClusterUrl is { } url && ClusterTarget.TryParse(url, out var cluster, out _))
            {
                ClusterSilo.Configure(silo, options, identity, cluster);
            }
            else
            {
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: "switchyard", clusterId: "switchyard");
                silo.Configure<EndpointOptions>(o => o.AdvertisedIPAddress = IPAddress.Loopback);
                ConfigureSilo(silo, identity, options.Assemblies, sp => new FileGrainStorage(
                    sp.GetRequiredService<StateDirectory>(), sp.GetRequiredService<Serializer>(), sp.GetRequiredService<ILogger<FileGrainStorage>>()));
            }
        });
        services.Configure<ServeClientOptions>(o => o.SettleTimeout = options.SettleTimeout);
        services.AddOptions<IngressOptions>().Configure(o =>
        {
            o.MaxRequestBodyBytes = options.MaxRequestBodyBytes;
            o.MaxBufferedBodyBytes = options.MaxBufferedBodyBytes;
        }).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IngressOptions>, IngressOptionsValidator>());
        services.AddSingleton(sp =>
        {
            var budget = new BodyBudget(sp.GetRequiredService<IOptions<IngressOptions>>().Value.MaxBufferedBodyBytes);
            sp.GetRequiredService<SwitchyardMetrics>().ObserveBufferedBodies(() => budget.Held);
            return budget;
        });
        services.AddSingleton<IngressHandler>();
        services.AddSingleton<ModelMetadataCache>();
        services.AddSingleton<InferenceHandler>();
        services.AddSwitchyardTelemetry(options);
        services.AddSwitchyardHealth(options);
        services.AddOptions<AdminOptions>().Configure(o =>
        {
            o.Token = SwitchyardNodeOptionsValidator.EffectiveToken(options, out _);
            o.AllowedHosts = options.AdminAllowedHosts;
        }).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>());
        services.AddSingleton<AdminBody>();
        services.AddSingleton<NodeLifecycle>();
        services.AddHostedService<NodeShutdown>();
        services.AddHealthChecks().AddCheck<LeavingHealthCheck>("stopping", tags: [HealthTags.Ready]);

        // Room for a graceful stop: replicas move to other nodes, then the silo leaves (NodeShutdown).
        services.Configure<HostOptions>(o => o.ShutdownTimeout = NodeShutdown.MoveTimeout + TimeSpan.FromSeconds(30));

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            KestrelLimits.Apply(kestrel.Limits, options.MaxRequestBodyBytes);
            kestrel.AddServerHeader = false;
            Listen(kestrel, options.HttpHost, options.HttpPort);
            Listen(kestrel, options.AdminHost, options.AdminPort);
        });
        return new SwitchyardBuilder(services);
    }

    /// <summary>
    /// Wires both ports: a problem+json 500 for anything unhandled, then the ingress on the HTTP port, and on the
    /// admin port the guard (Host, Origin, token) before the admin API.
    /// </summary>
    public static WebApplication MapSwitchyard(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<SwitchyardNodeOptions>>().Value;
        var ingress = app.Services.GetRequiredService<IngressHandler>();
        _ = app.Services.GetRequiredService<OpenTelemetry.Metrics.MeterProvider>(); // listening from the start, so no measurement is missed
        var httpPort = options.HttpPort;
        var adminPort = options.AdminPort;
        var inference = app.Services.GetRequiredService<InferenceHandler>();
        app.UseMiddleware<UnhandledExceptionMiddleware>(new UnhandledExceptionMiddleware.FailureWriter((context, status, title, detail) =>
            context.Connection.LocalPort == httpPort && InferencePath.IsProtocolPath(context.Request.Path.Value ?? "/")
                ? InferenceResults.ErrorAsync(context, status, detail)
                : ProblemWriter.WriteAsync(context, status, title, detail)));
        app.UseWhen(context => context.Connection.LocalPort == httpPort, branch => branch
            .UseHealthChecks("/-/healthz", HealthResponse.Ready())
            .UseHealthChecks("/-/livez", HealthResponse.Live())
            .Run(context =>
            {
                IngressHandler.AddTraceResponse(context);
                return InferencePath.IsProtocolPath(context.Request.Path.Value ?? "/") ? inference.HandleAsync(context) : ingress.HandleAsync(context);
            }));
        app.UseWhen(context => context.Connection.LocalPort != adminPort, branch => branch.Run(context =>
            ProblemWriter.WriteAsync(context, 404, "Not Found", "Nothing listens here.")));
        app.UseMiddleware<AdminGuard>();
        app.UseStatusCodePages(static context => EmptyStatusAsProblem(context.HttpContext));
        app.UseRouting();
        app.MapAdminApi();
        return app;
    }

    /// <summary>Routing's own refusals (404, 405) carry no body: give them the problem+json every other answer has.</summary>
    private static Task EmptyStatusAsProblem(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var path = context.Request.Path.Value is { Length: > 100 } text ? text[..100] + "…" : context.Request.Path.Value;
        var detail = status switch
        {
            404 => $"'{context.Request.Method} {path}' is not an admin API call.",
            405 => $"{context.Request.Method} is not allowed on '{path}'.",
            _ => null,
        };
        return ProblemWriter.WriteAsync(context, status, ResultEncoder.TitleOf(status), detail);
    }

    /// <summary>
    /// Everything a silo needs to be a Switchyard node: its identity as silo metadata, the backend catalog, the
    /// controller's store, JSON serialization of the contract types, the router and the controller wake-up.
    /// </summary>
    internal static void ConfigureSilo(ISiloBuilder silo, NodeIdentity identity, IReadOnlyList<string> assemblies, Func<IServiceProvider, IGrainStorage>? storage)
    {
        silo.UseSiloMetadata(identity.ToMetadata());
        var services = silo.Services;
        services.AddSingleton(identity);
        if (storage is not null)
        {
            services.AddGrainStorage(SwitchyardStorage.Name, (sp, _) => storage(sp));
        }

        services.AddSerializer(s => s.AddJsonSerializer(isSupported: RuntimeServices.IsContractType));
        services.AddSingleton(sp => CreateCatalog(sp, assemblies));
        services.AddSingleton<BackendActivator>();
        services.AddSingleton<IReplicaReporter, ControllerReplicaReporter>();
        services.AddSingleton<ClusterMembership>();

        // One instance of each loop per controller activation (the autoscaler remembers how long a wish has held).
        services.AddTransient<IControlLoop, Autoscaler>();
        services.AddTransient<IControlLoop, RolloutStepper>();
        services.AddHostedService<FigureReporter>();
        silo.Configure<SiloMessagingOptions>(o =>
        {
            o.ResponseTimeout = TimeSpan.FromSeconds(60);
            o.CancelRequestOnTimeout = true; // a call nobody waits for must not keep a replica's slot
        });
        silo.AddStartupTask(static async (sp, ct) =>
        {
            // Nothing calls the controller after a cold start: wake it so it brings back every replica.
            await sp.GetRequiredService<IGrainFactory>().GetGrain<IControllerGrain>(0).ListEndpointsAsync(ct);
        });
        RuntimeServices.Add(services);
    }

    private static BackendCatalog CreateCatalog(IServiceProvider services, IReadOnlyList<string> assemblies)
    {
        var catalog = new BackendCatalog(services.GetServices<BackendRegistration>());
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Switchyard.Plugins");
        foreach (var path in assemblies)
        {
            var full = Path.GetFullPath(path);
            var context = new PluginLoadContext(full);
            var assembly = context.LoadFromAssemblyPath(full);
            var before = catalog.Names.Count();
            catalog.AddAssembly(assembly);
            Log.AssemblyLoaded(logger, catalog.Names.Count() - before, full);
        }

        return catalog;
    }

    private static void Listen(KestrelServerOptions kestrel, string host, int port)
    {
        if (host == "localhost")
        {
            kestrel.ListenLocalhost(port);
        }
        else
        {
            kestrel.Listen(IPAddress.Parse(host), port);
        }
    }
}
