using Switchyard.Runtime.Specs;


namespace Switchyard.Tests.Specs;

public sealed class SpecValidatorTests
{
    private static List<string> Check(Action<Problems> check)
    {
        var problems = new Problems();
        check(problems);
        return [.. problems.Items];
    }

    [Fact]
    public void ValidateConfig_Defaults_Valid()
    {
        Assert.Empty(Check(p => SpecValidator.ValidateConfig(new BackendConfig(), "config", p)));
    }

    [Fact]
    public void ValidateConfig_EveryFieldOutOfRange_EveryProblemReported()
    {
        var config = new BackendConfig { NumReplicas = -1, MaxBatchSize = 0, BatchWaitTimeoutS = -1, MaxConcurrentQueries = 0, MaxQueuedRequests = -2, RequestTimeoutS = 0 };
        var problems = Check(p => SpecValidator.ValidateConfig(config, "config", p));
        Assert.Equal(6, problems.Count);
    }

    [Fact]
    public void ValidateConfig_EveryFieldAboveItsBound_EveryProblemReportedWithTheBound()
    {
        var config = new BackendConfig
        {
            NumReplicas = 1_000_000_000,
            BatchWaitTimeoutS = 1e300,
            RequestTimeoutS = 1e308,
            AutoscalingConfig = null,
        };

        var problems = Check(p => SpecValidator.ValidateConfig(config, "config", p));

        Assert.Equal(
            [
                "config.num_replicas: must be within [0, 1000] (got 1000000000)",
                "config.batch_wait_timeout_s: must be within [0, 3600] seconds (got 1E+300)",
                "config.request_timeout_s: must be > 0 and ≤ 86400 seconds, or null for none (got 1E+308)",
            ],
            problems);
    }

    [Theory]
    [InlineData(1000, true)]
    [InlineData(1001, false)]
    [InlineData(int.MaxValue, false)]
    public void ValidateAutoscaling_MaxReplicasBound_AtMostMaxReplicas(int maxReplicas, bool valid)
    {
        var problems = Check(p => SpecValidator.ValidateAutoscaling(new AutoscalingConfig { MinReplicas = 1, MaxReplicas = maxReplicas }, "a", p));

        Assert.Equal(valid, problems.Count == 0);
    }

    [Fact]
    public void ValidateConfig_BatchLargerThanConcurrency_Rejected()
    {
        var problems = Check(p => SpecValidator.ValidateConfig(new BackendConfig { MaxBatchSize = 8, MaxConcurrentQueries = 4 }, "config", p));
        Assert.Contains("could never fill", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/a", true)]
    [InlineData("/", true)]
    [InlineData("/a/b-c_d", true)]
    [InlineData("a", false)]
    [InlineData("/a/", false)]
    [InlineData("/a//b", false)]
    [InlineData("/a?x=1", false)]
    [InlineData("/-/routes", false)]
    [InlineData("/v2", false)]
    [InlineData("/v2/models/x", false)]
    [InlineData("/v2x", true)]
    [InlineData("/api/v2", true)]
    public void ValidateRoute_Route_ValidOrNamed(string route, bool valid)
    {
        var problems = Check(p => SpecValidator.ValidateRoute(route, "route", p));
        Assert.Equal(valid, problems.Count == 0);
        if (!valid)
        {
            Assert.Contains(route, problems[0], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ValidateTraffic_SumNotOne_Rejected()
    {
        var problems = Check(p => SpecValidator.ValidateTraffic(new Dictionary<string, double> { ["a"] = 0.5, ["b"] = 0.4 }, "traffic", p));
        Assert.Equal("traffic: weights must sum to 1 (got 0.9)", Assert.Single(problems));
    }

    [Fact]
    public void ValidateTraffic_NegativeAndEmpty_Rejected()
    {
        Assert.Contains("weight must be ≥ 0", Check(p => SpecValidator.ValidateTraffic(new Dictionary<string, double> { ["a"] = 1.5, ["b"] = -0.5 }, "traffic", p))[0], StringComparison.Ordinal);
        Assert.Equal("traffic: must name at least one backend", Assert.Single(Check(p => SpecValidator.ValidateTraffic(new Dictionary<string, double>(), "traffic", p))));
    }

    [Fact]
    public void ValidateTraffic_WithinTolerance_Accepted()
    {
        Assert.Empty(Check(p => SpecValidator.ValidateTraffic(new Dictionary<string, double> { ["a"] = 0.98, ["b"] = 0.01, ["c"] = 0.01 }, "traffic", p)));
    }

    [Fact]
    public void ValidateResources_FractionalGpuAboveOne_Rejected()
    {
        Assert.Contains("whole number", Assert.Single(Check(p => SpecValidator.ValidateResources(new BackendResources { NumGpus = 1.5 }, "resources", p))), StringComparison.Ordinal);
        Assert.Empty(Check(p => SpecValidator.ValidateResources(new BackendResources { NumGpus = 0.5 }, "resources", p)));
    }

    [Fact]
    public void ValidateName_BadCharacters_Rejected()
    {
        Assert.Single(Check(p => SpecValidator.ValidateName("a b", "backend", p)));
        Assert.Single(Check(p => SpecValidator.ValidateName("", "backend", p)));
        Assert.Empty(Check(p => SpecValidator.ValidateName("digits_v1.2-b", "backend", p)));
    }
}
