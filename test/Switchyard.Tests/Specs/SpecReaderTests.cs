using System.Text.Json;
using Switchyard.Runtime.Specs;

namespace Switchyard.Tests.Specs;

public sealed class SpecReaderTests
{
    private static JsonElement J(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void ReadConfig_Partial_MergesOnlyGivenFields()
    {
        var current = new BackendConfig { NumReplicas = 3, MaxConcurrentQueries = 7 };
        var problems = new Problems();
        var merged = SpecReader.ReadConfig(J("""{"num_replicas": 5, "user_config": {"a": 1}}"""), current, "", problems);
        Assert.False(problems.Any);
        Assert.Equal(5, merged.NumReplicas);
        Assert.Equal(7, merged.MaxConcurrentQueries);
        Assert.Equal(1, merged.UserConfig!.Value.GetProperty("a").GetInt32());
    }

    [Fact]
    public void ReadConfig_WrongTypesAndUnknownFields_ReportsEveryProblem()
    {
        var problems = new Problems();
        SpecReader.ReadConfig(J("""{"num_replicas": "two", "max_batch_size": 1.5, "colour": "red"}"""), new BackendConfig(), "config", problems);
        Assert.Equal(3, problems.Items.Count);
        Assert.Contains(problems.Items, p => p.StartsWith("config.num_replicas: must be an integer", StringComparison.Ordinal));
        Assert.Contains(problems.Items, p => p.StartsWith("config.max_batch_size: must be an integer", StringComparison.Ordinal));
        Assert.Contains(problems.Items, p => p.StartsWith("config.colour: is not a known field", StringComparison.Ordinal));
    }

    [Fact]
    public void ReadConfig_NullTimeout_ClearsIt()
    {
        var problems = new Problems();
        var merged = SpecReader.ReadConfig(J("""{"request_timeout_s": null}"""), new BackendConfig { RequestTimeoutS = 2 }, "", problems);
        Assert.Null(merged.RequestTimeoutS);
    }

    [Fact]
    public void ReadBackend_MissingClass_Reported()
    {
        var problems = new Problems();
        Assert.Null(SpecReader.ReadBackend(J("""{"config": {}}"""), "", problems));
        Assert.Equal(["class: is required"], problems.Items);
    }

    [Fact]
    public void ReadBackend_InitArgsScalar_Reported()
    {
        var problems = new Problems();
        SpecReader.ReadBackend(J("""{"class": "Echo", "init_args": 5}"""), "", problems);
        Assert.Contains("init_args: must be a JSON array", problems.Items.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadResources_NegativeAndNonNumeric_Reported()
    {
        var problems = new Problems();
        var resources = SpecReader.ReadResources(J("""{"num_cpus": "x", "num_gpus": 0.5, "custom": {"tpu": "y"}}"""), "resources", problems);
        Assert.Equal(0.5, resources.NumGpus);
        Assert.Equal(2, problems.Items.Count);
        Assert.Contains(problems.Items, p => p.StartsWith("resources.custom.tpu", StringComparison.Ordinal));
    }

    [Fact]
    public void ReadDeployment_WholeFile_ReadsBackendsAndEndpoints()
    {
        var problems = new Problems();
        var deployment = SpecReader.ReadDeployment(J("""
            {"backends": {"v1": {"class": "Echo", "config": {"num_replicas": 2}}},
             "endpoints": {"e": {"route": "/e", "methods": ["post"], "traffic": {"v1": 1.0}}}}
            """), problems);
        Assert.False(problems.Any);
        Assert.Equal(2, deployment.Backends["v1"].Config.NumReplicas);
        Assert.Equal(["POST"], deployment.Endpoints["e"].Methods);
    }
}
