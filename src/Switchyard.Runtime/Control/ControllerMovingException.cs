namespace Switchyard.Runtime.Control;

/// <summary>
/// The controller that got the call is standing down (it moves to another node, or found that another controller
/// took over): the call changed nothing and may be sent again, which reaches the next activation.
/// </summary>
[GenerateSerializer, Alias("switchyard.ControllerMovingException")]
internal sealed class ControllerMovingException : Exception
{
    public ControllerMovingException()
    {
    }

    public ControllerMovingException(string message)
        : base(message)
    {
    }

    public ControllerMovingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
