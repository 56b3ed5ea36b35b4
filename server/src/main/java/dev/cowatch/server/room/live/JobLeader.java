package dev.cowatch.server.room.live;

/**
 * Port: whether this node should run a job that the cluster needs done once (the rooms' checkpoint
 * pass), not once per node. One node alone always leads; in a cluster one node holds a lease per job
 * and keeps it while it runs the job, and another takes over when it stops renewing.
 */
public interface JobLeader {
  /** Whether this node leads {@code job} now; asking again renews a lease it holds. */
  boolean leads(String job);

  /** One node: it does everything. */
  static JobLeader alone() {
    return job -> true;
  }
}
