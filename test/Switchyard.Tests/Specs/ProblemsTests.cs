using Switchyard.Runtime.Specs;

namespace Switchyard.Tests.Specs;

public sealed class ProblemsTests
{
    [Fact]
    public void Add_ManyProblems_KeepsTheFirstHundredAndCountsTheRest()
    {
        var problems = new Problems();
        for (var i = 0; i < 1000; i++)
        {
            problems.Add($"f{i}", "is not a known field");
        }

        Assert.Equal(Problems.MaxItems + 1, problems.Items.Count);
        Assert.Equal("… and 900 more problems", problems.Items[^1]);
    }

    [Fact]
    public void Add_HugePath_CutToTheLimit()
    {
        var problems = new Problems();
        problems.Add(new string('k', 1_000_000), "is not a known field");
        Assert.Equal(Problems.MaxLength + 1, problems.Items.Single().Length);
    }
}
