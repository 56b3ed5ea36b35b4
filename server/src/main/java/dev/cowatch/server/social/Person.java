package dev.cowatch.server.social;

import dev.cowatch.core.room.UserId;

/** Someone on a friends list, a request or a block list, as others see them: id and display name. */
public record Person(UserId userId, String displayName, boolean account, String email) {

  /** Without the email: what other people get to see. */
  public Person publicView() {
    return new Person(userId, displayName, account, null);
  }
}
