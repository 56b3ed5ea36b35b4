package dev.cowatch.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@link QuickOptions} against picocli itself on seeded command lines of the server's own options: where
 * the quick reader takes a command line, picocli takes it too and fills in exactly the same values; where
 * picocli refuses one, the quick reader leaves it to picocli; and the plain, well-formed lines every start
 * has are the quick reader's.
 */
class QuickOptionsTest {
  private static final UnaryOperator<String> NO_ENV = name -> null;

  /** Every option of the start command: its first name and the field's type. */
  private static final Map<String, Class<?>> OPTIONS = options();

  static Stream<Long> seeds() {
    return IntStream.range(0, 200).mapToObj(i -> 9_000L + i);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void whatItTakes_picocliTakesTheSameWay_andWhatPicocliRefusesItLeaves(long seed) throws Exception {
    Random random = new Random(seed);
    Line line = line(random);
    Main quick = new Main();
    boolean taken = QuickOptions.fill(quick, line.args(), System::getenv);
    Main pico = new Main();
    boolean refused;
    try {
      new CommandLine(pico).parseArgs(line.args());
      refused = false;
    } catch (CommandLine.ParameterException e) {
      refused = true;
    }
    String shown = String.join(" ", line.args());
    if (refused) assertThat(taken).as("picocli refuses: %s", shown).isFalse();
    if (line.plain()) assertThat(taken).as("a plain line: %s", shown).isTrue();
    if (taken) assertThat(values(quick)).as(shown).isEqualTo(values(pico));
  }

  @Test
  void noArguments_areTheDefaults_asPicocliResolvesThem() throws Exception {
    Main quick = new Main();
    assertThat(QuickOptions.fill(quick, new String[0], System::getenv)).isTrue();
    Main pico = CommandLine.populateCommand(new Main());
    assertThat(values(quick)).isEqualTo(values(pico));
  }

  @Test
  void defaults_comeFromTheEnvironment_elseTheirFallback() throws Exception {
    Map<String, String> env = Map.of("COWATCH_PORT", "9191", "COWATCH_SYNCPLAY_PORT", "8999", "COWATCH_ROLE", "api",
        "COWATCH_SMTP_STARTTLS", "false");
    Main main = new Main();
    assertThat(QuickOptions.fill(main, new String[] {"--host", "127.0.0.1"}, env::get)).isTrue();
    assertThat(main.port).isEqualTo(9191);
    assertThat(main.syncplayPort).isEqualTo(8999);
    assertThat(main.role).isEqualTo(dev.cowatch.server.room.live.ClusterConfig.Role.API);
    assertThat(main.host).isEqualTo("127.0.0.1");
    assertThat(main.redisPrefix).isEqualTo("cowatch:");
    assertThat(main.accounts.smtpStartTls).isFalse();

    Main none = new Main();
    assertThat(QuickOptions.fill(none, new String[0], NO_ENV)).isTrue();
    assertThat(none.syncplayPort).as("no environment variable and no fallback: unset").isNull();
    assertThat(none.redisUrl).as("${env:COWATCH_REDIS_URL:-}").isEmpty();
  }

  @Test
  void anEnvironmentValueItCannotConvert_isLeftToPicocli() {
    Map<String, String> env = Map.of("COWATCH_PORT", "eighty");
    Main main = new Main();
    assertThat(QuickOptions.fill(main, new String[0], env::get)).isFalse();
    assertThat(main.database).as("nothing set on a refusal").isNull();
  }

  @Test
  void defaultOf_readsOnlyTheEnvironmentForms() {
    UnaryOperator<String> env = Map.of("A", "set")::get;
    assertThat(QuickOptions.defaultOf("${env:A:-x}", env)).isEqualTo("set");
    assertThat(QuickOptions.defaultOf("${env:B:-x}", env)).isEqualTo("x");
    assertThat(QuickOptions.defaultOf("${env:B:-}", env)).isEmpty();
    assertThat(QuickOptions.defaultOf("${env:B}", env)).isNull();
    assertThat(QuickOptions.defaultOf("plain", env)).isEqualTo("plain");
    assertThat(QuickOptions.defaultOf(null, env)).isNull();
    assertThat(QuickOptions.defaultOf("${sys:user.home}", env)).isSameAs(QuickOptions.UNRESOLVED);
    Main main = new Main();
    assertThat(QuickOptions.fill(main, new String[] {"--help"}, env)).isFalse();
    assertThat(QuickOptions.fill(main, new String[] {"audit", "verify"}, env)).isFalse();
    assertThat(QuickOptions.fill(main, new String[] {"-V"}, env)).isFalse();
  }

  /** A command line and whether it is one every start could have: known options, once each, good values. */
  private record Line(String[] args, boolean plain) {}

  private static Line line(Random random) {
    List<String> names = new ArrayList<>(OPTIONS.keySet());
    List<String> args = new ArrayList<>();
    boolean plain = true;
    int count = random.nextInt(6);
    List<String> used = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = names.get(random.nextInt(names.size()));
      if (used.contains(name)) plain = false;
      used.add(name);
      Class<?> type = OPTIONS.get(name);
      boolean flag = isFlag(name);
      boolean bad = random.nextInt(5) == 0;
      String value = bad ? badValue(random) : goodValue(name, type, random);
      if (bad && !flag) plain = false;
      if (flag) {
        if (random.nextInt(6) == 0) {
          args.add(name + "=" + value); // picocli decides what a value on a flag means
          plain = false;
        } else {
          args.add(name);
        }
      } else if (random.nextBoolean()) {
        args.add(name + "=" + value);
      } else {
        args.add(name);
        args.add(value);
        if (value.startsWith("--")) plain = false;
      }
    }
    switch (random.nextInt(12)) {
      case 0 -> {
        args.add(random.nextInt(args.size() + 1), "--no-such-option");
        plain = false;
      }
      case 1 -> {
        args.add("positional");
        plain = false;
      }
      case 2 -> {
        if (!args.isEmpty() && !isFlag(args.get(args.size() - 1)) && !args.get(args.size() - 1).contains("=")) {
          args.remove(args.size() - 1); // an option without its value at the end
          if (!args.isEmpty() && args.get(args.size() - 1).startsWith("--")) plain = false;
        }
      }
      default -> { }
    }
    return new Line(args.toArray(String[]::new), plain);
  }

  private static boolean isFlag(String name) {
    return name.equals("--no-metrics");
  }

  private static String badValue(Random random) {
    String[] bad = {"", "x", "1.5", " 7", "0x10", "-", "--port", "yes", "99999999999999999999", "PT", "NaN"};
    return bad[random.nextInt(bad.length)];
  }

  private static String goodValue(String name, Class<?> type, Random random) {
    if (name.equals("--role")) return new String[] {"all", "api", "SYNC"}[random.nextInt(3)];
    if (name.equals("--log-format")) return random.nextBoolean() ? "plain" : "json";
    if (type == java.time.Duration.class) return new String[] {"30m", "PT2H", "90s", "1d"}[random.nextInt(4)];
    if (type == int.class || type == Integer.class) return Integer.toString(random.nextInt(65_536));
    if (type == long.class) return Long.toString(random.nextLong(1L << 40));
    if (type == double.class) return Double.toString(random.nextInt(100) / 4.0);
    if (type == boolean.class) return random.nextBoolean() ? "true" : "FALSE";
    if (type == java.nio.file.Path.class) return "/tmp/cowatch-" + random.nextInt(100);
    return "value-" + random.nextInt(1000);
  }

  private static Map<String, Class<?>> options() {
    Map<String, Class<?>> options = new LinkedHashMap<>();
    for (Field f : optionFields()) {
      options.put(f.getAnnotation(CommandLine.Option.class).names()[0], f.getType());
    }
    return options;
  }

  private static List<Field> optionFields() {
    List<Field> fields = new ArrayList<>();
    for (Field f : Main.class.getDeclaredFields()) {
      if (f.isAnnotationPresent(CommandLine.Mixin.class)) {
        for (Field m : f.getType().getDeclaredFields()) {
          if (m.isAnnotationPresent(CommandLine.Option.class)) fields.add(m);
        }
      } else if (f.isAnnotationPresent(CommandLine.Option.class)) {
        fields.add(f);
      }
    }
    return fields;
  }

  /** Every option's value, by its first name. */
  private static Map<String, Object> values(Main main) throws IllegalAccessException {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Field f : Main.class.getDeclaredFields()) {
      f.setAccessible(true);
      if (f.isAnnotationPresent(CommandLine.Mixin.class)) {
        Object mixin = f.get(main);
        for (Field m : f.getType().getDeclaredFields()) {
          if (!m.isAnnotationPresent(CommandLine.Option.class)) continue;
          m.setAccessible(true);
          values.put(m.getAnnotation(CommandLine.Option.class).names()[0], mixin == null ? "<no mixin>" : m.get(mixin));
        }
      } else if (f.isAnnotationPresent(CommandLine.Option.class)) {
        values.put(f.getAnnotation(CommandLine.Option.class).names()[0], f.get(main));
      }
    }
    return values;
  }
}
