package dev.cowatch.server.archfixture.modules.cli;

import dev.cowatch.server.archfixture.modules.Composition;

/** Allowed for ModuleDependenciesTest: the command line starts the composition root. */
public final class CliStartsComposition {
  public String run() {
    return new Composition().start();
  }
}
