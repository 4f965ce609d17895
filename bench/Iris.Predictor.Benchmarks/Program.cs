using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Iris.Predictor.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Iris.Predictor.Benchmarks.Shared).Assembly).Run(args);
