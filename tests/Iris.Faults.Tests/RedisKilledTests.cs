namespace Iris.Faults.Tests;

/// <summary>Fault 1 against redis-server, what production runs.</summary>
public sealed class RedisKilledTests() : CacheKilledTests(new RedisServer(), "fault-1-redis-killed");
