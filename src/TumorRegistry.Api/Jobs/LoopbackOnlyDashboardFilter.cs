using System.Net;
using Hangfire.Dashboard;

namespace TumorRegistry.Api.Jobs;

/// <summary>
/// Lets the dashboard answer only requests whose peer is a loopback address. A request without a peer address (an
/// in-process test server, some socket transports) is refused: it cannot be shown to be local. Behind a reverse proxy on
/// the same host every request looks local, so such a deployment needs the role check of the later security issue.
/// </summary>
public sealed class LoopbackOnlyDashboardFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => IsLoopback(context.GetHttpContext().Connection.RemoteIpAddress);

    public static bool IsLoopback(IPAddress? peer) =>
        peer is not null && IPAddress.IsLoopback(peer.IsIPv4MappedToIPv6 ? peer.MapToIPv4() : peer);
}
