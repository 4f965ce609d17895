using System.Text;

namespace Iris.Faults.Tests.Infrastructure;

public static class Requests
{
    public static HttpContent Virginica() =>
        new StringContent("""{"sepalLength":6.3,"sepalWidth":3.3,"petalLength":6.0,"petalWidth":2.5}""", Encoding.UTF8, "application/json");
}
