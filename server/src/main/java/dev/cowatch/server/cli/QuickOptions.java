package dev.cowatch.server.cli;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Reads the server's own options ({@code ./cowatch --port 8080 ...}) from the same {@link Option}
 * annotations picocli reads, for the one command line every start has, and leaves everything else to
 * picocli: help, version, subcommands, an unknown option, a value it cannot convert, a repeated option,
 * a form it does not know. Why: picocli is compiled for Java 5, so the JVM's AOT cache cannot keep its
 * classes, and building its model of a command took 0.4-0.5 s of every start, a quarter of it
 * (docs/performance-history.md#fifth-pass-2026-11-23-night-picoclis-half-second). What it fills in must be what
 * picocli fills in: {@code QuickOptionsTest}
 * compares both on seeded command lines.
 */
final class QuickOptions {
  /** The default forms the options use: {@code ${env:NAME:-fallback}} and {@code ${env:NAME}}. */
  private static final Pattern FROM_ENV = Pattern.compile("\\$\\{env:([A-Za-z0-9_]+)(?::-([^}$]*))?}");

  private QuickOptions() {}

  /**
   * Fills {@code command}'s options from {@code args} and their defaults (environment variables read
   * through {@code env}); returns false, having changed nothing the caller keeps, when picocli must read
   * the command line instead.
   */
  static boolean fill(Object command, String[] args, UnaryOperator<String> env) {
    Map<String, Target> byName = new HashMap<>();
    List<Target> targets = new ArrayList<>();
    try {
      if (!collect(command, byName, targets)) return false;
    } catch (ReflectiveOperationException e) {
      return false;
    }
    Map<Target, String> given = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || arg.equals("--")) return false; // a subcommand, a short option, positionals
      int eq = arg.indexOf('=');
      Target t = byName.get(eq < 0 ? arg : arg.substring(0, eq));
      if (t == null || given.containsKey(t)) return false; // unknown or repeated: picocli says how
      if (t.flag()) {
        if (eq >= 0) return false;
        given.put(t, "true");
        continue;
      }
      String value = eq >= 0 ? arg.substring(eq + 1) : i + 1 < args.length ? args[++i] : null;
      // A value that looks like an option is picocli's to judge (it refuses --public-url=--port, say).
      if (value == null || value.startsWith("-")) return false;
      given.put(t, value);
    }
    Map<Target, Object> values = new HashMap<>();
    for (Target t : targets) {
      String text = given.containsKey(t) ? given.get(t) : defaultOf(t.option().defaultValue(), env);
      if (text == UNRESOLVED) return false;
      if (text == null) continue;
      try {
        values.put(t, convert(t, text));
      } catch (Exception e) {
        return false;
      }
    }
    try {
      for (Map.Entry<Field, Object> mixin : instantiateMixins(command).entrySet()) {
        mixin.getKey().set(command, mixin.getValue());
      }
      for (Target t : targets) {
        if (values.containsKey(t)) t.field().set(t.owner(command), values.get(t));
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("options of " + command.getClass().getName() + " could not be set", e);
    }
    return true;
  }

  /** An option field, on the command itself ({@code mixin} null) or on one of its mixins. */
  private record Target(Field field, Option option, Field mixin) {
    boolean flag() {
      return (field.getType() == boolean.class || field.getType() == Boolean.class) && option.arity().isEmpty();
    }

    Object owner(Object command) throws IllegalAccessException {
      return mixin == null ? command : mixin.get(command);
    }
  }

  /** A default this class does not read (another interpolation): picocli's to resolve. Compared by identity. */
  @SuppressWarnings("StringOperationCanBeSimplified")
  static final String UNRESOLVED = new String("${unresolved}");

  private static boolean collect(Object command, Map<String, Target> byName, List<Target> targets)
      throws ReflectiveOperationException {
    for (Field f : command.getClass().getDeclaredFields()) {
      if (f.isAnnotationPresent(Mixin.class)) {
        for (Field m : f.getType().getDeclaredFields()) {
          if (m.isAnnotationPresent(Mixin.class)) return false; // nested mixins: picocli's
          Option o = m.getAnnotation(Option.class);
          if (o != null && !add(new Target(m, o, f), byName, targets)) return false;
        }
      } else if (f.getAnnotation(Option.class) instanceof Option o) {
        if (!add(new Target(f, o, null), byName, targets)) return false;
      } else if (f.isAnnotationPresent(CommandLine.Parameters.class) || f.isAnnotationPresent(CommandLine.ArgGroup.class)) {
        return false;
      }
    }
    return true;
  }

  private static boolean add(Target t, Map<String, Target> byName, List<Target> targets) {
    Option o = t.option();
    boolean simple = !o.required() && o.split().isEmpty() && !o.negatable() && !o.help() && !o.usageHelp()
        && !o.versionHelp() && (o.arity().isEmpty() || o.arity().equals("1")) && !Modifier.isFinal(t.field().getModifiers())
        && (o.converter().length <= 1) && convertible(t);
    if (!simple) return false;
    t.field().setAccessible(true);
    if (t.mixin() != null) t.mixin().setAccessible(true);
    for (String name : o.names()) {
      if (!name.startsWith("--") || byName.put(name, t) != null) return false;
    }
    targets.add(t);
    return true;
  }

  private static final Set<Class<?>> BUILT_IN = new HashSet<>(List.of(String.class, int.class, Integer.class,
      long.class, Long.class, double.class, Double.class, boolean.class, Boolean.class, Path.class));

  private static boolean convertible(Target t) {
    return t.option().converter().length == 1 || BUILT_IN.contains(t.field().getType());
  }

  /** One new instance per mixin field: what picocli would put there. */
  private static Map<Field, Object> instantiateMixins(Object command) throws ReflectiveOperationException {
    Map<Field, Object> mixins = new HashMap<>();
    for (Field f : command.getClass().getDeclaredFields()) {
      if (!f.isAnnotationPresent(Mixin.class)) continue;
      f.setAccessible(true);
      var constructor = f.getType().getDeclaredConstructor();
      constructor.setAccessible(true);
      mixins.put(f, constructor.newInstance());
    }
    return mixins;
  }

  /** The default as picocli resolves it: the environment variable, else the fallback; null when neither. */
  static String defaultOf(String declared, UnaryOperator<String> env) {
    if (declared == null || declared.equals(Option.NULL_VALUE) || declared.equals("__no_default_value__")) return null;
    if (!declared.contains("$")) return declared;
    Matcher m = FROM_ENV.matcher(declared);
    if (!m.matches()) return UNRESOLVED;
    String value = env.apply(m.group(1));
    if (value != null) return value;
    return m.group(2); // null without a fallback
  }

  private static Object convert(Target t, String text) throws Exception {
    Class<?>[] converter = t.option().converter();
    if (converter.length == 1) {
      var constructor = converter[0].getDeclaredConstructor();
      constructor.setAccessible(true);
      return ((CommandLine.ITypeConverter<?>) constructor.newInstance()).convert(text);
    }
    Class<?> type = t.field().getType();
    if (type == String.class) return text;
    if (type == int.class || type == Integer.class) return Integer.valueOf(text);
    if (type == long.class || type == Long.class) return Long.valueOf(text);
    if (type == double.class || type == Double.class) return Double.valueOf(text);
    if (type == boolean.class || type == Boolean.class) {
      if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) throw new IllegalArgumentException(text);
      return Boolean.valueOf(text);
    }
    if (type == Path.class) return Path.of(text);
    throw new IllegalArgumentException("no conversion to " + type);
  }
}
