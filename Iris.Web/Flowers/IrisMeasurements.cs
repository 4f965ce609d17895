namespace Iris.Web.Flowers;

/// <summary>A flower's four measurements in centimetres.</summary>
public sealed record IrisMeasurements(double SepalLength, double SepalWidth, double PetalLength, double PetalWidth);
