using System.Net;
using System.Net.Sockets;

namespace Iris.AppHost.Tests.LocalPorts;

/// <summary>What the AppHost's console says when another program holds one of the gateway's ports.</summary>
public sealed class PortsTakenTests
{
    [Fact]
    public void APortAnotherProgramHoldsIsNamedWithTheSettingThatChoosesAnother()
    {
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var taken = ((IPEndPoint)other.LocalEndpoint).Port;
        var free = LoopbackPort.Free();

        var message = Iris.AppHost.LocalPorts.PortsTaken("gateway", "Gateway", [("http", taken), ("grpc", free)]);

        Assert.NotNull(message);
        Assert.Contains($"Port {taken} (http) of the gateway is already in use", message);
        Assert.Contains($"--Gateway:Ports:http={taken + 10}", message);
        Assert.DoesNotContain($"{free} (grpc)", message);
    }

    [Fact]
    public void FreePortsSayNothing()
    {
        Assert.Null(Iris.AppHost.LocalPorts.PortsTaken("gateway", "Gateway", [("http", LoopbackPort.Free()), ("grpc", LoopbackPort.Free())]));
    }
}
