namespace Iris.Predictor.Tests.Infrastructure;

[CollectionDefinition(SoleTracer.Name, DisableParallelization = true)]
public sealed class SoleTracerCollection;
