package dev.cowatch.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One load generator of a capacity run over several nodes, in a process of its own: a process may hold
 * only about 19,000 sockets here, so 50,000 clients need several. Fills the rooms listed in its rooms
 * file, then obeys its parent ({@code ClusterCapacityBench}) line by line on stdin and answers on stdout:
 *
 * <pre>
 *   (after connecting)            joined JOINED ERRORS
 *   hold ACTIVE SECONDS        -> held LATENCIES_FILE TIMED_OUT ERRORS LOST_AFTER_JOINING
 *   leave                      -> left
 * </pre>
 *
 * Anything else it prints starts with {@code #} (error summaries), for the parent's log.
 *
 * <p>Arguments: rooms file (a line per room: id and host token), viewers per room, nodes as
 * {@code port,port,...} on 127.0.0.1, loops, first source address offset.
 */
public final class LoadGeneratorMain {
  private LoadGeneratorMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Path roomsFile = Path.of(args[0]);
    int perRoom = Integer.parseInt(args[1]);
    List<InetSocketAddress> nodes = new ArrayList<>();
    for (String port : args[2].split(",")) nodes.add(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(port)));
    int loops = Integer.parseInt(args[3]);
    int sourceOffset = Integer.parseInt(args[4]);
    List<RoomsLoad.Room> rooms = Files.readAllLines(roomsFile).stream().filter(l -> !l.isBlank())
        .map(l -> l.split(" ")).map(p -> new RoomsLoad.Room(p[0], p[1])).toList();
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Counters counters = new Counters();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try (RoomsLoad load = new RoomsLoad(rooms, perRoom, nodes, loops, sourceOffset, counters)) {
      load.connectAll();
      if (counters.errors() > 0) out.println("#" + counters.summary().replace("\n", "\n#"));
      out.println("# " + counters.retriedJoins.sum() + " joins refused with 1013 (try again later) were tried again");
      out.println("joined " + counters.joined.sum() + " " + counters.errors());
      for (String line; (line = in.readLine()) != null; ) {
        String[] cmd = line.strip().split(" ");
        if (cmd[0].equals("hold")) {
          int active = Integer.parseInt(cmd[1]);
          load.hold(active, Long.parseLong(cmd[2]));
          Path latencies = Files.createTempFile(roomsFile.getParent(), "latencies-", ".txt");
          Files.writeString(latencies, load.latenciesMs(active).stream().map(String::valueOf)
              .collect(Collectors.joining("\n")));
          if (counters.errors() > 0) out.println("#" + counters.summary().replace("\n", "\n#"));
          out.println("held " + latencies + " " + load.timedOut(active) + " " + counters.errors() + " "
              + counters.lostAfterJoining());
        } else if (cmd[0].equals("leave")) {
          load.leaveAll();
          out.println("left");
          break;
        }
      }
    }
    System.exit(0);
  }
}
