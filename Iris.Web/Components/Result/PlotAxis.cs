namespace Iris.Web.Components.Result;

/// <summary>
/// One axis of the scatter plot: a domain in centimetres that takes in every point to show (the
/// user's flower too, however far out), round ticks across it, and the mapping onto pixels.
/// </summary>
public sealed record PlotAxis(double Min, double Max, double Step, double PixelStart, double PixelEnd)
{
    public static PlotAxis Covering(IEnumerable<double> values, double pixelStart, double pixelEnd, int roughTicks = 7)
    {
        var list = values.ToList();
        var max = list.Count == 0 ? 1 : list.Max();
        var step = NiceStep(max / roughTicks);
        return new PlotAxis(0, Math.Ceiling(max / step) * step + (max % step == 0 ? step : 0), step, pixelStart, pixelEnd);
    }

    public IEnumerable<double> Ticks()
    {
        var count = (int)Math.Round((Max - Min) / Step);
        return Enumerable.Range(0, count + 1).Select(i => Min + (i * Step));
    }

    public double ToPixel(double value) => PixelStart + ((value - Min) / (Max - Min) * (PixelEnd - PixelStart));

    /// <summary>1, 2 or 5 times a power of ten: the step a person would choose.</summary>
    private static double NiceStep(double rough)
    {
        if (rough <= 0 || !double.IsFinite(rough))
        {
            return 1;
        }
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / power;
        return power * (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10);
    }
}
