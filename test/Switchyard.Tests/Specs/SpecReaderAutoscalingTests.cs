using System.Text.Json;
using Switchyard.Runtime.Specs;

namespace Switchyard.Tests.Specs;

public sealed class SpecReaderAutoscalingTests
{
    private static JsonElement J(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void ReadConfig_AutoscalingGiven_RayDefaultsForWhatIsLeftOut()
    {
        var problems = new Problems();
        var config = SpecReader.ReadConfig(J("""{"autoscaling_config": {"min_replicas": 0, "max_replicas": 8, "target_ongoing_requests": 4}}"""), new BackendConfig(), "config", problems);

        Assert.False(problems.Any, problems.ToString());
        var autoscaling = config.AutoscalingConfig!;
        Assert.Equal((0, 8, 4.0), (autoscaling.MinReplicas, autoscaling.MaxReplicas, autoscaling.TargetOngoingRequests));
        Assert.Null(autoscaling.InitialReplicas);
        Assert.Equal((1.0, 10.0, 3.0, 60.0), (autoscaling.MetricsIntervalS, autoscaling.LookBackPeriodS, autoscaling.UpscaleDelayS, autoscaling.DownscaleDelayS));
        Assert.Equal((1.0, 1.0), (autoscaling.UpscalingFactor, autoscaling.DownscalingFactor));
    }

    [Fact]
    public void ReadConfig_PartialAutoscaling_MergesIntoTheCurrentOne()
    {
        var current = new BackendConfig { AutoscalingConfig = new AutoscalingConfig { MinReplicas = 0, MaxReplicas = 4, UpscaleDelayS = 1 } };
        var problems = new Problems();

        var config = SpecReader.ReadConfig(J("""{"autoscaling_config": {"max_replicas": 6}}"""), current, "", problems);

        Assert.False(problems.Any, problems.ToString());
        Assert.Equal((0, 6, 1.0), (config.AutoscalingConfig!.MinReplicas, config.AutoscalingConfig.MaxReplicas, config.AutoscalingConfig.UpscaleDelayS));
    }

    [Fact]
    public void ReadConfig_AutoscalingNull_ReturnsToTheFixedCount()
    {
        var current = new BackendConfig { NumReplicas = 3, AutoscalingConfig = new AutoscalingConfig() };
        var problems = new Problems();

        var config = SpecReader.ReadConfig(J("""{"autoscaling_config": null}"""), current, "", problems);

        Assert.False(problems.Any);
        Assert.Null(config.AutoscalingConfig);
        Assert.Equal(3, config.NumReplicas);
    }

    [Fact]
    public void ReadConfig_NumReplicasWithAutoscaling_RefusedNamingBoth()
    {
        var problems = new Problems();
        SpecReader.ReadConfig(J("""{"num_replicas": 2, "autoscaling_config": {"max_replicas": 3}}"""), new BackendConfig(), "config", problems);

        var problem = Assert.Single(problems.Items);
        Assert.StartsWith("config.num_replicas: cannot be given together with autoscaling_config", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadConfig_NumReplicasAloneOnAnAutoscaledBackend_RefusedNamingBoth()
    {
        var problems = new Problems();
        SpecReader.ReadConfig(J("""{"num_replicas": 2}"""), new BackendConfig { AutoscalingConfig = new AutoscalingConfig() }, "", problems);

        var problem = Assert.Single(problems.Items);
        Assert.Contains("num_replicas", problem, StringComparison.Ordinal);
        Assert.Contains("autoscaling_config", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadConfig_NumReplicasWithAutoscalingNull_Accepted()
    {
        var problems = new Problems();
        var config = SpecReader.ReadConfig(J("""{"num_replicas": 2, "autoscaling_config": null}"""), new BackendConfig { AutoscalingConfig = new AutoscalingConfig() }, "", problems);

        Assert.False(problems.Any, problems.ToString());
        Assert.Equal(2, config.NumReplicas);
        Assert.Null(config.AutoscalingConfig);
    }

    [Fact]
    public void ReadConfig_BadAutoscalingFields_EachNamedWithItsPath()
    {
        var problems = new Problems();
        SpecReader.ReadConfig(J("""{"autoscaling_config": {"min_replicas": "one", "upscale_delay": 3, "initial_replicas": null}}"""), new BackendConfig(), "config", problems);

        Assert.Equal(2, problems.Items.Count);
        Assert.Contains(problems.Items, p => p.StartsWith("config.autoscaling_config.min_replicas: must be an integer", StringComparison.Ordinal));
        Assert.Contains(problems.Items, p => p.StartsWith("config.autoscaling_config.upscale_delay: is not a known field", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateConfig_AutoscalingOutOfRange_EveryProblemReported()
    {
        var config = new BackendConfig
        {
            AutoscalingConfig = new AutoscalingConfig
            {
                MinReplicas = 3,
                MaxReplicas = 2,
                InitialReplicas = 5,
                TargetOngoingRequests = 0,
                MetricsIntervalS = 0.001,
                LookBackPeriodS = 0,
                UpscaleDelayS = -1,
                DownscalingFactor = 0,
            },
        };
        var problems = new Problems();

        SpecValidator.ValidateConfig(config, "config", problems);

        Assert.Equal(
            [
                "config.autoscaling_config.max_replicas",
                "config.autoscaling_config.initial_replicas",
                "config.autoscaling_config.target_ongoing_requests",
                "config.autoscaling_config.downscaling_factor",
                "config.autoscaling_config.metrics_interval_s",
                "config.autoscaling_config.look_back_period_s",
                "config.autoscaling_config.upscale_delay_s",
            ],
            problems.Items.Select(p => p[..p.IndexOf(':')]));
    }
}
