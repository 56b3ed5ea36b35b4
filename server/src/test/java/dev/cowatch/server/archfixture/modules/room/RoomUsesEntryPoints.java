package dev.cowatch.server.archfixture.modules.room;

import dev.cowatch.server.archfixture.modules.Composition;
import dev.cowatch.server.archfixture.modules.cli.CliStartsComposition;

/** Deliberate violations for ModuleDependenciesTest: no module uses the composition root or the cli. */
public final class RoomUsesEntryPoints {
  public String restart(Composition root, CliStartsComposition cli) {
    return root.start() + cli.run();
  }
}
