// One fault at a time: each test's load and figures are its own.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
