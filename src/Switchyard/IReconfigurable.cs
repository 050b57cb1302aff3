using System.Text.Json;

namespace Switchyard;

/// <summary>A backend that receives <c>config.user_config</c> at start and on every change, without restarting.</summary>
public interface IReconfigurable
{
    /// <summary>Applies a new user configuration.</summary>
    /// <param name="userConfig">The <c>user_config</c> value (JSON null when unset).</param>
    /// <param name="cancellationToken">Cancelled when the replica stops.</param>
    ValueTask ReconfigureAsync(JsonElement userConfig, CancellationToken cancellationToken);
}
