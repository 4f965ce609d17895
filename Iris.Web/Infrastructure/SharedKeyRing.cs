using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using StackExchange.Redis;

namespace Iris.Web.Infrastructure;

/// <summary>
/// The Data Protection key ring (what signs the forms' antiforgery tokens) in Redis, shared by every
/// replica, so that a form rendered by one pod is accepted by another. While Redis is away the page
/// keeps working on the keys last read from it, and a key made meanwhile stays in this process: its
/// forms post back to this pod, as they did when every pod kept its own keys.
/// </summary>
public sealed class SharedKeyRing(IXmlRepository redis, ILogger<SharedKeyRing> logger) : IXmlRepository
{
    private readonly Lock _gate = new();
    private readonly List<XElement> _madeWhileAway = [];
    private IReadOnlyCollection<XElement> _lastShared = [];

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        try
        {
            var shared = redis.GetAllElements();
            lock (_gate)
            {
                _lastShared = shared;
                return [.. shared, .. _madeWhileAway];
            }
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            logger.LogWarning("Redis is unavailable; the Data Protection keys last read from it are used: {Reason}", ex.Message);
            lock (_gate)
            {
                return [.. _lastShared, .. _madeWhileAway];
            }
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        try
        {
            redis.StoreElement(element, friendlyName);
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            logger.LogWarning("Redis is unavailable; Data Protection key {Key} is kept in this process only: {Reason}", friendlyName, ex.Message);
            lock (_gate)
            {
                _madeWhileAway.Add(element);
            }
        }
    }
}
