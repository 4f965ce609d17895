using Iris.Predictor.Caching;

namespace Iris.Predictor.Tests.Caching;

public sealed class LookupPolicyTests
{
    private static LookupPolicy PolicyFor(double modelNanoseconds, double lookupNanoseconds)
    {
        var model = new CostEstimate();
        model.Add(TimeSpan.FromTicks((long)(modelNanoseconds / 100)));
        var policy = new LookupPolicy(model);
        policy.Lookup.Add(TimeSpan.FromTicks((long)(lookupNanoseconds / 100)));
        return policy;
    }

    private static void Run(LookupPolicy policy, int requests, Func<int, bool> hit)
    {
        for (var i = 0; i < requests; i++)
        {
            if (policy.ShouldLookUp())
            {
                policy.Record(hit(i));
            }
        }
    }

    [Fact]
    public void AllDistinctInputsAgainstACheapModelTurnLookupsOff()
    {
        var policy = PolicyFor(modelNanoseconds: 400, lookupNanoseconds: 100);

        Run(policy, 2_000, _ => false);

        Assert.True(policy.Bypassing);
        var lookups = Enumerable.Range(0, 3_200).Count(_ => policy.ShouldLookUp());
        // While bypassing, one request in 64 still looks itself up (README: "sampling one request in 64").
        Assert.Equal(50, lookups);
    }

    [Fact]
    public void RepeatedInputsKeepLookupsOn()
    {
        var policy = PolicyFor(modelNanoseconds: 400, lookupNanoseconds: 100);

        Run(policy, 5_000, i => i % 2 == 0);

        Assert.False(policy.Bypassing);
    }

    [Fact]
    public void RepeatedInputsReturningAfterABypassTurnLookupsBackOn()
    {
        var policy = PolicyFor(modelNanoseconds: 400, lookupNanoseconds: 100);
        Run(policy, 2_000, _ => false);
        Assert.True(policy.Bypassing);

        Run(policy, LookupPolicy.SampleEvery * 1_100, _ => true);

        Assert.False(policy.Bypassing);
    }

    [Fact]
    public void ASlowModelIsWorthLookingUpForEvenARareHit()
    {
        var policy = PolicyFor(modelNanoseconds: 2_000_000, lookupNanoseconds: 100);

        Run(policy, 10_000, i => i % 1_000 == 0);

        Assert.False(policy.Bypassing);
    }

    [Fact]
    public void UnknownCostsKeepLookupsOn()
    {
        var policy = new LookupPolicy(new CostEstimate());

        Run(policy, 5_000, _ => false);

        Assert.False(policy.Bypassing);
    }
}
