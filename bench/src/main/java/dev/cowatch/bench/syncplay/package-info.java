/**
 * The peer of issue 7's fan-out benchmark: Debian's Syncplay server and a load generator speaking
 * its protocol.
 *
 * <pre>{@code
 * // scripts/install-tools.sh syncplay-server   (SyncplayServer.INSTALL_TOOLS_ARGUMENT)
 * try (SyncplayServer server = SyncplayServer.start(workDir)) {      // 127.0.0.1 only, --isolate-rooms
 *   long cpu0 = server.process().cpuNanos();                        // server.pid() for /proc
 *   SyncplayFanout.Result r = SyncplayFanout.run(server.address(), 1000, 60, Duration.ofSeconds(5));
 *   new Stats(r.latenciesMs()).percentile(95);                       // r.errors(): actions not measured
 * }
 * }</pre>
 *
 * <p>{@link dev.cowatch.bench.syncplay.SyncplayFanoutMain} prints the figures for 100, 500 and 1000
 * members. Everything else here is the client: {@link dev.cowatch.bench.syncplay.SyncplayLoop} (one
 * selector thread for all connections), {@link dev.cowatch.bench.syncplay.MemberProtocol} (the State
 * exchange), {@link dev.cowatch.bench.syncplay.LineFramer} and {@link dev.cowatch.bench.syncplay.Json}.
 */
package dev.cowatch.bench.syncplay;
