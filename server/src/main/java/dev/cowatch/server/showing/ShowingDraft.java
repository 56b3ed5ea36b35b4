package dev.cowatch.server.showing;

import dev.cowatch.core.room.UserId;
import dev.cowatch.core.room.Visibility;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * What someone asks for when they plan a showing, before it is checked: the start as a wall-clock
 * time in a time zone (as people plan), episodes whose runtimes may still have to be looked up.
 */
public record ShowingDraft(String title, String description, LocalDateTime localStart, ZoneId zone,
    Visibility visibility, List<Episode> episodes, List<UserId> invitees) {

  public ShowingDraft {
    episodes = episodes == null ? List.of() : List.copyOf(episodes);
    invitees = invitees == null ? List.of() : List.copyOf(invitees);
  }
}
