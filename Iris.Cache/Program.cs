using Garnet;

// Microsoft Garnet, a Redis-protocol server in .NET: the local cache when neither a container runtime
// nor redis-server is there (the AppHost's Cache:Mode garnet). Takes garnet-server's own options
// (--port, --bind); the password comes from CACHE_PASSWORD, kept off the command line.
// A cache, not a database: 64 MiB of log memory (Garnet's least for its page size is a few pages) and
// a 16 MiB hash index; the oldest entries are evicted beyond, nothing is written to disk.
string[] bounds = ["--memory", "64m", "--index", "16m"];
var configuredPassword = Environment.GetEnvironmentVariable("CACHE_PASSWORD");
string[] options = string.IsNullOrEmpty(configuredPassword)
    ? [.. args, .. bounds]
    : [.. args, .. bounds, "--auth", "Password", "--password", configuredPassword];

using var server = new GarnetServer(options);
server.Start();

// Until the AppHost stops it (SIGTERM) or Ctrl+C.
using var stopping = new ManualResetEventSlim();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stopping.Set();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stopping.Set();
stopping.Wait();
