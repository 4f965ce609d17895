namespace Iris.Gateway.Tests.Infrastructure;

[CollectionDefinition(SoleTracer.Name, DisableParallelization = true)]
public sealed class SoleTracerCollection;
