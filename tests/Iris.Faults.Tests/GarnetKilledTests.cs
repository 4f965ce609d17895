namespace Iris.Faults.Tests;

/// <summary>Fault 1 against Garnet, the cache a machine with only the .NET SDK runs.</summary>
public sealed class GarnetKilledTests() : CacheKilledTests(new GarnetProcess(), "fault-1-garnet-killed");
