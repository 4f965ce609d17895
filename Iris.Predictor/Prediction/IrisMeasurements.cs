namespace Iris.Predictor.Prediction;

/// <summary>A flower's four measurements in centimetres, already validated.</summary>
public readonly record struct IrisMeasurements(double SepalLength, double SepalWidth, double PetalLength, double PetalWidth);
