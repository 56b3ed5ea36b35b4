package dev.cowatch.bridge;

import dev.cowatch.bridge.discord.RichPresence;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import dev.cowatch.client.webrtc.LibWebRtcConnector;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cowatch-bridge <room link> <file>}: watch a Cowatch room in mpv or VLC. */
@Command(name = "cowatch-bridge", mixinStandardHelpOptions = true, versionProvider = BridgeMain.Version.class,
    description = {"Plays your own copy of the room's video (or, without one, the room's URL) in mpv or VLC in step with everyone.",
        "Type a line and Enter to chat; /quit leaves.",
        "Discord Rich Presence (the room on your Discord profile, with Ask to Join) is OFF unless you give a Discord "
            + "application id (--discord-client-id or COWATCH_DISCORD_CLIENT_ID) and Discord runs on this machine."},
    // Lines of their own: picocli would break a long URL at its dots.
    footer = {"", "A Discord application id of your own (Rich Presence stays off without one):",
        "  https://discord.com/developers/applications", "  New Application, then copy its Application ID."})
public final class BridgeMain implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "LINK", description = "the room's link, https://host/r/<room>")
  String link;

  @Parameters(index = "1", arity = "0..1", paramLabel = "FILE",
      description = "your copy of the video (its name is never sent); without it, the room's URL is played")
  Path file;

  @Option(names = "--player", defaultValue = "mpv", description = "mpv or vlc (default: ${DEFAULT-VALUE})")
  String player;

  @Option(names = "--name", description = "your name in the room (default: your login name)")
  String name = System.getProperty("user.name", "viewer");

  @Option(names = "--token", defaultValue = "${env:COWATCH_TOKEN}", description = "an access token (account or guest); default: a new guest session named --name")
  String token;

  @Option(names = "--mpv", defaultValue = "mpv", description = "the mpv command")
  String mpv;

  @Option(names = "--vlc", defaultValue = "vlc", description = "the VLC command (cvlc for no window)")
  String vlc;

  @Option(names = "--attach-mpv", paramLabel = "SOCKET", description = "drive a running mpv started with --input-ipc-server=SOCKET")
  Path attachMpv;

  @Option(names = "--attach-vlc", paramLabel = "HOST:PORT", description = "drive a running VLC's HTTP interface")
  String attachVlc;

  @Option(names = "--vlc-password", defaultValue = "${env:COWATCH_VLC_PASSWORD}", description = "the password of --attach-vlc's HTTP interface")
  String vlcPassword;

  @Option(names = "--player-arg", paramLabel = "ARG", description = "passed to the player the bridge starts (repeat)")
  List<String> playerArgs = new ArrayList<>();

  @Option(names = "--sound-delay", paramLabel = "MS", defaultValue = "0", description = "how much later you hear the film "
      + "than you see it (Bluetooth headphones: often 150 to 250): the player runs that far ahead so your sound is on the "
      + "room's timeline; -500 to 1000, also /sound-delay MS while watching (default: ${DEFAULT-VALUE})")
  double soundDelayMs;

  @Option(names = "--no-discord", description = "no Discord Rich Presence")
  boolean noDiscord;

  @Option(names = "--no-peers", description = "no peer connections to the others in the room (without them the player "
      + "keeps to the last timeline while the server is away, but no pause or seek reaches it until the server is back)")
  boolean noPeers;

  @Option(names = "--hide-address", description = "connect to the others in the room through the server's TURN relay "
      + "only, so they never see this machine's address (without a relay on the server there are then no peer connections)")
  boolean hideAddress;

  @Option(names = "--discord-client-id", defaultValue = "${env:COWATCH_DISCORD_CLIENT_ID}",
      description = "the Discord application id Rich Presence speaks as (see below); without one, Rich Presence is off")
  String discordClientId;

  private final PrintStream out;

  BridgeMain(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new BridgeMain(System.out)).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Bridge.PlayerKind kind = switch (player) {
      case "mpv" -> Bridge.PlayerKind.MPV;
      case "vlc" -> Bridge.PlayerKind.VLC;
      default -> throw new CommandLine.ParameterException(new CommandLine(this), "--player is mpv or vlc, not " + player);
    };
    RoomLink room;
    try {
      room = RoomLink.parse(link);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
    }
    String clientId = noDiscord || discordClientId == null || discordClientId.isBlank() ? null : discordClientId.strip();
    Bridge.Config config = new Bridge.Config(room, file, name, token, kind, mpv, vlc, attachMpv, attachVlc, vlcPassword,
        playerArgs, clientId, RichPresence.socketCandidates(System.getenv()), java.time.Duration.ofSeconds(15),
        noPeers ? null : LibWebRtcConnector.load(this::say, hideAddress).orElse(null));
    Bridge bridge;
    try {
      bridge = Bridge.start(config, this::say);
    } catch (java.io.IOException e) {
      out.println("cowatch-bridge: " + e.getMessage());
      return 1;
    }
    if (soundDelayMs != 0) say("Sound delay: " + bridge.soundDelayMs(soundDelayMs) + " ms.");
    Runtime.getRuntime().addShutdownHook(new Thread(bridge::close));
    Thread.ofVirtual().name("terminal").start(() -> readTerminal(bridge));
    bridge.awaitPlayerClosed();
    say("The player was closed; leaving the room.");
    bridge.close();
    return 0;
  }

  private void readTerminal(Bridge bridge) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        String l = line.strip();
        if (l.equals("/quit")) {
          bridge.close();
          System.exit(0);
        } else if (l.equals("/help")) {
          say("Type a line and Enter to chat. /sound-delay MS sets how much later you hear the film than you see it. "
              + "/quit leaves the room.");
        } else if (l.startsWith("/sound-delay")) {
          soundDelay(bridge, l.substring("/sound-delay".length()).strip());
        } else if (!l.isEmpty() && bridge.session() != null) {
          bridge.session().chat(l.length() > 2000 ? l.substring(0, 2000) : l);
        }
      }
    } catch (java.io.IOException e) {
      // No terminal (started in the background): chat from the terminal is simply not available.
    }
  }

  private void soundDelay(Bridge bridge, String ms) {
    try {
      say("Sound delay: " + bridge.soundDelayMs(Double.parseDouble(ms)) + " ms.");
    } catch (NumberFormatException e) {
      say("/sound-delay takes milliseconds, e.g. /sound-delay 180 (now " + bridge.soundDelayMs() + " ms).");
    }
  }

  private synchronized void say(String line) {
    out.println("[cowatch] " + line);
  }

  /** The jar's Implementation-Version (the Maven version); "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = BridgeMain.class.getPackage().getImplementationVersion();
      return new String[] {"cowatch-bridge " + (v == null ? "development" : v)};
    }
  }
}
