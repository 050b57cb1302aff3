using Switchyard.Runtime.Control.Commands;
using Switchyard.Runtime.Control.Model;

namespace Switchyard.Runtime.Control.Loops;

/// <summary>
/// The autoscaling loop (CONTRACT section 10): for each backend with <c>autoscaling_config</c>, the count
/// <see cref="AutoscalePolicy"/> asks for, given the ongoing requests averaged over the look-back, becomes the
/// backend's target once it has asked for more (or fewer) for <c>upscale_delay_s</c> (or <c>downscale_delay_s</c>)
/// without a break; from zero replicas at once, so a waiting request gets one as soon as possible. Scaling down goes
/// to the highest count asked for during the delay (the stabilisation window of Kubernetes' autoscaler), which keeps a
/// noisy load from taking replicas away twice. Without figures the target holds.
/// </summary>
/// <remarks>
/// One instance per controller activation: how long a wish has held is its only memory, so a controller that moves
/// starts each delay afresh, which can only make it slower to change, never quicker.
/// </remarks>
internal sealed class Autoscaler : IControlLoop
{
    private readonly Dictionary<string, Wish> _wishes = new(StringComparer.Ordinal);

    public Transition? Step(DesiredState state, FigureWindow figures, DateTimeOffset now)
    {
        var next = state;
        var changed = new List<string>();
        foreach (var name in _wishes.Keys.Where(n => state.Backends.GetValueOrDefault(n)?.AutoscaleTarget is null).ToList())
        {
            _wishes.Remove(name);
        }

        foreach (var (name, backend) in state.Backends)
        {
            if (backend.Spec.Config.AutoscalingConfig is not { } config || backend.AutoscaleTarget is not { } current
                || figures.Ongoing(name, now - TimeSpan.FromSeconds(config.LookBackPeriodS), now) is not { } ongoing)
            {
                continue;
            }

            var desired = AutoscalePolicy.Desired(config, current, ongoing);
            if (desired == current)
            {
                _wishes.Remove(name);
                continue;
            }

            var up = desired > current;
            if (!_wishes.TryGetValue(name, out var wish) || wish.Up != up)
            {
                _wishes[name] = wish = new Wish(up, now);
            }

            var delay = TimeSpan.FromSeconds(up ? config.UpscaleDelayS : config.DownscaleDelayS);
            wish.Seen.Add((now, desired));
            wish.Seen.RemoveAll(w => w.At < now - delay);
            if (!(current == 0 && up) && now - wish.Since < delay)
            {
                continue;
            }

            // Up to the latest count asked for; down only as far as the highest asked for over the whole delay, so a
            // dip at its end (or a load that left just before it ended) does not take away replicas still wanted.
            _wishes.Remove(name);
            next = next.WithBackend(name, backend with { AutoscaleTarget = up ? desired : wish.Seen.Max(w => w.Desired) });
            changed.Add(name);
        }

        return changed.Count == 0 ? null : Transition.Accept(Outcome.Ok, next, new Effects { Reconcile = changed });
    }

    /// <summary>Since when the load has asked for more (or fewer) replicas without a break, and the counts it asked for within the delay.</summary>
    private sealed record Wish(bool Up, DateTimeOffset Since)
    {
        public List<(DateTimeOffset At, int Desired)> Seen { get; } = [];
    }
}
