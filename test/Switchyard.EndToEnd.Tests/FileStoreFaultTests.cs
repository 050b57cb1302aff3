using System.Net;

namespace Switchyard.EndToEnd.Tests;

/// <summary>A single node whose state directory turns read-only: the embedded file store refuses every write.</summary>
public sealed class FileStoreFaultTests
{
    [Fact]
    public async Task EveryKindOfAdminCall_StateDirectoryReadOnly_503NothingChangedAndARestartShowsNoTrace()
    {
        await using var mount = await TmpfsMount.CreateAsync();
        await using (var node = await NodeProcess.StartAsync(stateDirectory: mount.Path))
        {
            await StoreFaultCalls.DeployStartingPointAsync(node);

            await mount.ReadOnlyAsync();
            await StoreFaultCalls.AssertEachRejectedAsync(node);
            await mount.WritableAsync();

            using (var after = await node.Admin.PostJsonAsync("api/endpoints", """{"name":"after","backend":"spare","route":"/after"}"""))
            {
                Assert.True(after.StatusCode == HttpStatusCode.Created, await after.Content.ReadAsStringAsync());
            }

            await StoreFaultCalls.AssertOnlyTheLaterChangeAsync(node);
            await node.KillAsync();
        }

        await using var again = await NodeProcess.StartAsync(stateDirectory: mount.Path);
        await StoreFaultCalls.AssertOnlyTheLaterChangeAsync(again);
    }
}
