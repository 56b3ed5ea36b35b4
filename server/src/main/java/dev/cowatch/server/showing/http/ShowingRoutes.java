package dev.cowatch.server.showing.http;

import static dev.cowatch.server.platform.http.Params.json;
import static dev.cowatch.server.platform.http.Params.userId;

import dev.cowatch.core.room.UserId;
import dev.cowatch.core.room.Visibility;
import dev.cowatch.server.account.Identity;
import dev.cowatch.server.account.http.Authentication;
import dev.cowatch.server.platform.http.Body;
import dev.cowatch.server.platform.http.Params;
import dev.cowatch.server.room.http.RoomRoutes;
import dev.cowatch.server.showing.Episode;
import dev.cowatch.server.showing.Ics;
import dev.cowatch.server.showing.Showing;
import dev.cowatch.server.showing.ShowingDraft;
import dev.cowatch.server.showing.ShowingRepository.Attendee;
import dev.cowatch.server.showing.Showings;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Scheduled showings (docs/api.md, "Showings"). */
public final class ShowingRoutes {
  private static final Set<String> CREATE_FIELDS = Set.of("title", "description", "startsAt", "timeZone", "visibility",
      "episodes", "invitees");
  private static final Set<String> EPISODE_FIELDS = Set.of("mediaId", "title", "durationMs");

  private final Showings showings;
  private final Authentication auth;
  private final Supplier<String> publicUrl;
  private final Clock clock;

  public ShowingRoutes(Showings showings, Authentication auth, Supplier<String> publicUrl, Clock clock) {
    this.showings = showings;
    this.auth = auth;
    this.publicUrl = publicUrl;
    this.clock = clock;
  }

  public void register(RoutesConfig r) {
    r.post("/api/showings", this::create);
    r.get("/api/showings", this::upcoming);
    r.get("/api/showings/{showingId}", this::get);
    r.patch("/api/showings/{showingId}", this::reschedule);
    r.delete("/api/showings/{showingId}", this::cancel);
    r.get("/api/showings/{showingId}/calendar.ics", this::calendar);
    r.post("/api/showings/{showingId}/answer", this::answer);
    r.post("/api/showings/{showingId}/invitees", this::invite);
    r.post("/api/showings/{showingId}/enter", this::enter);
  }

  void create(Context ctx) {
    Identity who = auth.require(ctx);
    Body body = Body.of(ctx, CREATE_FIELDS);
    List<Episode> episodes = body.objects("episodes", EPISODE_FIELDS, dev.cowatch.server.showing.Showing.MAX_EPISODES)
        .stream().map(e -> new Episode(e.text("mediaId").orElse(""), e.text("title").orElse(""),
            positive(e.integer("durationMs").orElse(null)))).toList();
    ShowingDraft draft = new ShowingDraft(body.requiredText("title"), body.text("description").orElse(null),
        localTime(body.requiredText("startsAt")), zone(body.requiredText("timeZone")),
        visibility(body.text("visibility").orElse(null)), episodes, userIds(body.texts("invitees", Showings.MAX_INVITEES)));
    Showing s = showings.create(who, draft, publicUrl.get(), ctx.ip());
    ctx.status(201);
    ctx.header("Location", "/api/showings/" + s.id());
    json(ctx, view(showings.view(Optional.of(who), s.id()), ctx));
  }

  void upcoming(Context ctx) {
    Identity who = auth.require(ctx);
    json(ctx, Map.of("showings", showings.upcoming(who).stream().map(s -> summary(s, ctx)).toList()));
  }

  void get(Context ctx) {
    Optional<Identity> who = auth.optional(ctx);
    ctx.header("Cache-Control", "no-store");
    json(ctx, view(showings.view(who, ctx.pathParam("showingId")), ctx));
  }

  void reschedule(Context ctx) {
    Identity who = auth.require(ctx);
    Body body = Body.of(ctx, Set.of("startsAt", "timeZone"));
    Showing s = showings.reschedule(who, ctx.pathParam("showingId"), localTime(body.requiredText("startsAt")),
        zone(body.requiredText("timeZone")), publicUrl.get());
    json(ctx, view(showings.view(Optional.of(who), s.id()), ctx));
  }

  void cancel(Context ctx) {
    showings.cancel(auth.require(ctx), ctx.pathParam("showingId"));
    ctx.status(204);
  }

  void calendar(Context ctx) {
    Showing s = showings.find(auth.optional(ctx), ctx.pathParam("showingId"));
    String base = publicUrl.get();
    String host = URI.create(base).getHost();
    ctx.contentType("text/calendar; charset=utf-8");
    ctx.header("Content-Disposition", "attachment; filename=\"showing-" + s.id() + ".ics\"");
    ctx.result(Ics.event(s, Showings.link(s, base), host == null ? "cowatch" : host, clock.millis()));
  }

  void answer(Context ctx) {
    Identity who = auth.require(ctx);
    boolean going = Body.of(ctx, Set.of("going")).bool("going")
        .orElseThrow(() -> Body.invalid("going", "going (true or false) is required"));
    showings.answer(who, ctx.pathParam("showingId"), going, publicUrl.get());
    ctx.status(204);
  }

  void invite(Context ctx) {
    Identity who = auth.require(ctx);
    List<UserId> ids = userIds(Body.of(ctx, Set.of("userIds")).texts("userIds", Showings.MAX_INVITEES));
    showings.invite(who, ctx.pathParam("showingId"), ids, publicUrl.get());
    ctx.status(204);
  }

  void enter(Context ctx) {
    Identity who = auth.require(ctx);
    json(ctx, Map.of("roomId", showings.enter(who, ctx.pathParam("showingId")).value()));
  }

  private static Long positive(Long value) {
    if (value != null && value <= 0) throw Body.invalid("durationMs", "durationMs must be positive");
    return value;
  }

  private static List<UserId> userIds(List<String> values) {
    return values.stream().map(Params::userId).toList();
  }

  /** The {@code startsAt} field: a local date and time. Package-visible for ShowingTimesFuzzTest. */
  static LocalDateTime localTime(String value) {
    try {
      return LocalDateTime.parse(value);
    } catch (DateTimeParseException e) {
      throw Body.invalid("startsAt", "startsAt must be a local date and time like 2026-12-01T20:00");
    }
  }

  /** The {@code timeZone} field: an IANA zone. */
  static ZoneId zone(String value) {
    try {
      return ZoneId.of(value);
    } catch (DateTimeException e) {
      throw Body.invalid("timeZone", "timeZone must be an IANA time zone like Europe/Berlin");
    }
  }

  private static Visibility visibility(String value) {
    return value == null ? null : RoomRoutes.parse(Visibility.class, value, "visibility");
  }

  private Map<String, Object> summary(Showing s, Context ctx) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", s.id());
    v.put("title", s.title());
    v.put("description", s.description());
    v.put("startsAt", s.startsAtMs());
    v.put("timeZone", s.zone().getId());
    v.put("endsAt", s.endsAtMs());
    v.put("visibility", s.visibility().name().toLowerCase(Locale.ROOT));
    v.put("status", s.status().name().toLowerCase(Locale.ROOT));
    v.put("roomId", s.roomId());
    v.put("link", Showings.link(s, publicUrl.get()));
    v.put("episodes", s.episodes().stream().map(e -> {
      Map<String, Object> ev = new LinkedHashMap<>();
      ev.put("mediaId", e.mediaId());
      ev.put("title", e.title());
      ev.put("durationMs", e.durationMs());
      return ev;
    }).toList());
    return v;
  }

  private Map<String, Object> view(Showings.View view, Context ctx) {
    Map<String, Object> v = summary(view.showing(), ctx);
    v.put("ownerId", view.showing().ownerId().value());
    v.put("going", view.going().stream().map(ShowingRoutes::person).toList());
    v.put("invited", view.invited().stream().map(ShowingRoutes::person).toList());
    v.put("myAnswer", view.myAnswer() == null ? null : view.myAnswer().name().toLowerCase(Locale.ROOT));
    v.put("mine", view.mine());
    v.put("now", clock.millis());
    return v;
  }

  private static Map<String, Object> person(Attendee a) {
    return Map.of("userId", a.userId().value(), "displayName", a.displayName());
  }
}
