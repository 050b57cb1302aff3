namespace Switchyard;

/// <summary>One reason a backend spec is refused, found by <see cref="ISpecValidator.ValidateSpec"/>.</summary>
/// <param name="Path">Where in the spec, relative to the backend (e.g. <c>config.max_batch_size</c>, <c>init_args.model</c>).</param>
/// <param name="Message">What is wrong and what to do instead.</param>
public sealed record SpecProblem(string Path, string Message);
