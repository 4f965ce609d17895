using System.Globalization;

namespace Iris.Web.Components.Result;

/// <summary>Numbers as SVG attributes want them: invariant culture, one decimal (a tenth of a pixel is plenty).</summary>
public static class SvgNumber
{
    public static string Px(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
