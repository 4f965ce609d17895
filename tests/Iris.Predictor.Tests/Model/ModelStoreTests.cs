using System.Diagnostics.Metrics;
using Iris.Predictor.Flowers;
using Iris.Predictor.Model;
using Iris.Predictor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Iris.Predictor.Tests.Model;

/// <summary>Reloading: a valid new model is swapped in whole, anything else is refused and the old one serves on.</summary>
public sealed class ModelStoreTests : IDisposable, IClassFixture<OtherValidModel>, IClassFixture<WrongClassesModel>
{
    private readonly ModelFiles _files = TestData.CopyOfCommittedModel();
    private readonly ModelStore _store;
    private readonly ModelFiles _other;

    private readonly ModelFiles _wrongClasses;
    private readonly ServiceProvider _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public ModelStoreTests(OtherValidModel other, WrongClassesModel wrongClasses)
    {
        _other = other.Files;
        _wrongClasses = wrongClasses.Files;
        _store = new ModelStore(Options.Create(new ModelOptions { Path = _files.ModelPath }), NullLogger<ModelStore>.Instance,
            _meters.GetRequiredService<IMeterFactory>());
    }

    public void Dispose()
    {
        _meters.Dispose();
        Directory.Delete(Path.GetDirectoryName(_files.ModelPath)!, recursive: true);
    }

    [Fact]
    public void AGarbageModelFileIsRefusedAndTheOldModelKeepsServing()
    {
        var before = _store.Current;
        File.WriteAllBytes(_files.ModelPath, "not a zip at all"u8.ToArray());

        Assert.False(_store.TryReload());

        Assert.Same(before, _store.Current);
        Assert.NotNull(_store.LastRefusal);
        Assert.Equal("virginica", _store.Current.Predict(new IrisMeasurements(6.3f, 3.3f, 6.0f, 2.5f)).Species);
    }

    [Fact]
    public void AModelWhoseMetadataDescribesAnotherModelIsRefused()
    {
        var before = _store.Current;
        File.Copy(_other.ModelPath, _files.ModelPath, overwrite: true);

        Assert.False(_store.TryReload());
        Assert.Same(before, _store.Current);
    }

    [Fact]
    public void AValidNewModelIsSwappedInWhileTheOldInstanceStillAnswers()
    {
        var before = _store.Current;
        File.Copy(_other.MetadataPath, _files.MetadataPath, overwrite: true);
        File.Copy(_other.ModelPath, _files.ModelPath, overwrite: true);

        Assert.True(_store.TryReload());

        Assert.NotEqual(before.Version, _store.Current.Version);
        Assert.Equal(_store.Current.Version, _store.Current.Predict(new IrisMeasurements(5.1f, 3.5f, 1.4f, 0.2f)).ModelVersion);
        // A request that took the old model before the swap finishes on it.
        Assert.Equal(before.Version, before.Predict(new IrisMeasurements(5.1f, 3.5f, 1.4f, 0.2f)).ModelVersion);
    }

    [Fact]
    public void ReloadingTheSameFilesKeepsTheCurrentModel()
    {
        var before = _store.Current;

        Assert.False(_store.TryReload());
        Assert.Null(_store.LastRefusal);
        // The very instance that served before, not an equal one loaded again.
        Assert.Same(before, _store.Current);
    }

    [Fact]
    public void AModelOfOtherClassesIsRefusedAndTheOldModelKeepsServing()
    {
        var before = _store.Current;
        File.Copy(_wrongClasses.MetadataPath, _files.MetadataPath, overwrite: true);
        File.Copy(_wrongClasses.ModelPath, _files.ModelPath, overwrite: true);

        Assert.False(_store.TryReload());

        Assert.Same(before, _store.Current);
        Assert.Contains("Iris-setosa", _store.LastRefusal);
        Assert.Equal("virginica", _store.Current.Predict(new IrisMeasurements(6.3f, 3.3f, 6.0f, 2.5f)).Species);
    }
}
