namespace Iris.Predictor.Flowers;

/// <summary>A flower's four measurements in centimetres, already validated.</summary>
public readonly record struct IrisMeasurements(float SepalLength, float SepalWidth, float PetalLength, float PetalWidth);
