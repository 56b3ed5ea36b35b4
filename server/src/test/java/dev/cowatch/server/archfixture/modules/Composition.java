package dev.cowatch.server.archfixture.modules;

/** The fixtures' composition root for ModuleDependenciesTest: only the cli may use it. */
public final class Composition {
  public String start() {
    return "started";
  }
}
