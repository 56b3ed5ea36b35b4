package dev.cowatch.server.media;

import dev.cowatch.core.room.RoomId;
import dev.cowatch.core.room.UserId;
import dev.cowatch.server.platform.Refusal;
import dev.cowatch.server.room.media.MediaPlacement;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Media by grant, not by name: who may watch a library item and who may put it into a room. Its owner
 * may do both; everyone else only through a share the owner made ({@link MediaGrant}): a room share lets
 * whoever holds a role in that room (and is not banned there) watch it, and the room's members put it on
 * that room's timeline or queue again; a friends share lets the owner's friends watch it and share it on
 * into their rooms. The owner's own placement of an item into a room is the share with that room. Knowing
 * an id, or a room playing it, grants nothing.
 *
 * <p>Thread-safe; holds no locks (the database serializes the rows).
 */
public final class MediaGrants implements MediaPlacement {
  private static final Logger log = LoggerFactory.getLogger(MediaGrants.class);
  /** Shares one item may have: an owner in more rooms than this withdraws some first. */
  public static final int MAX_GRANTS = 1_000;

  /** The friendships the social module knows (a port: media does not depend on social). */
  @FunctionalInterface
  public interface Friends {
    boolean areFriends(UserId a, UserId b);

    Friends NONE = (a, b) -> false;
  }

  private final MediaRepository items;
  private final MediaGrantRepository grants;
  private final RoomMediaAccess rooms;
  private final Clock clock;
  private volatile Friends friends = Friends.NONE;

  public MediaGrants(MediaRepository items, MediaGrantRepository grants, RoomMediaAccess rooms, Clock clock) {
    this.items = items;
    this.grants = grants;
    this.rooms = rooms;
    this.clock = clock;
  }

  /** Friends shares are answered from {@code friends} from now on. */
  public void friendsFrom(Friends friends) {
    this.friends = friends;
  }

  /** Whether {@code who} may watch {@code item}: its owner, or someone a share of it reaches. */
  public boolean mayWatch(UserId who, MediaItem item) {
    if (item.ownerId().equals(who)) return true;
    List<MediaGrant> shares = grants.of(item.id(), MAX_GRANTS);
    if (shares.isEmpty()) return false;
    if (reachesAsFriend(who, item, shares)) return true;
    Set<String> sharedRooms = shares.stream().filter(g -> g.scope() == MediaGrant.Scope.ROOM)
        .map(MediaGrant::scopeId).collect(Collectors.toSet());
    return !sharedRooms.isEmpty() && rooms.holdsRoleIn(who, sharedRooms);
  }

  @Override
  public void check(UserId who, String ref) {
    if (!isLibraryRef(ref)) return;
    MediaItem item = placeable(ref);
    if (!sharesOnItsOwn(who, item)) throw MediaLibrary.mediaNotFound(ref);
  }

  @Override
  public Runnable place(UserId who, String ref, RoomId room) {
    if (!isLibraryRef(ref)) return () -> { };
    MediaItem item = placeable(ref);
    String roomId = room.value();
    if (grants.exists(item.id(), MediaGrant.Scope.ROOM, roomId)) return () -> { };
    if (!sharesOnItsOwn(who, item)) throw MediaLibrary.mediaNotFound(ref);
    if (!record(new MediaGrant(item.id(), MediaGrant.Scope.ROOM, roomId, who, clock.millis()))) return () -> { };
    return () -> grants.delete(item.id(), MediaGrant.Scope.ROOM, roomId);
  }

  /** The item's shares, for its owner only (404 for anyone else, as {@link MediaLibrary#get}). */
  public List<MediaGrant> of(UserId who, String id) {
    owned(who, id);
    return grants.of(id, MAX_GRANTS);
  }

  /** The owner shares the item with a room (404 for a room that does not exist). */
  public MediaGrant shareWithRoom(UserId who, String id, String roomId) {
    owned(who, id);
    if (roomId == null || !RoomId.isValid(roomId) || !rooms.exists(roomId)) {
      throw new Refusal(Refusal.Kind.NOT_FOUND, "room-not-found", "no room '" + roomId + "'");
    }
    MediaGrant grant = new MediaGrant(id, MediaGrant.Scope.ROOM, roomId, who, clock.millis());
    record(grant);
    return grant;
  }

  /** The owner shares the item with its friends. */
  public MediaGrant shareWithFriends(UserId who, String id) {
    owned(who, id);
    MediaGrant grant = new MediaGrant(id, MediaGrant.Scope.FRIENDS, "", who, clock.millis());
    record(grant);
    return grant;
  }

  /**
   * The owner withdraws a share; withdrawing the friends share also withdraws the room shares friends made
   * through it. URLs already issued stay valid until they expire (minutes).
   */
  public void withdraw(UserId who, String id, MediaGrant.Scope scope, String scopeId) {
    MediaItem item = owned(who, id);
    String key = scope == MediaGrant.Scope.FRIENDS || scopeId == null ? "" : scopeId;
    if (!grants.delete(id, scope, key)) {
      throw new Refusal(Refusal.Kind.NOT_FOUND, "share-not-found", "media '" + id + "' is not shared that way");
    }
    int sharedOn = scope == MediaGrant.Scope.FRIENDS ? grants.deleteSharedOnBy(id, item.ownerId().value()) : 0;
    log.info("media share withdrawn id={} scope={} scopeId={} sharedOnByFriends={}", id, scope.wire(), key, sharedOn);
  }

  private boolean record(MediaGrant grant) {
    if (grants.exists(grant.mediaId(), grant.scope(), grant.scopeId())) return false;
    if (grants.count(grant.mediaId()) >= MAX_GRANTS) {
      throw new Refusal(Refusal.Kind.CONFLICT, "too-many-shares", "this media is shared " + MAX_GRANTS
          + " times, the most one item may be: withdraw some shares first");
    }
    boolean inserted = grants.insert(grant);
    if (inserted) {
      log.info("media shared id={} scope={} scopeId={} by={}", grant.mediaId(), grant.scope().wire(),
          grant.scopeId(), grant.grantedBy());
    }
    return inserted;
  }

  /** The owner, or a friend of the owner's while the owner shares the item with friends. */
  private boolean sharesOnItsOwn(UserId who, MediaItem item) {
    if (item.ownerId().equals(who)) return true;
    return grants.exists(item.id(), MediaGrant.Scope.FRIENDS, "") && friends.areFriends(item.ownerId(), who);
  }

  private boolean reachesAsFriend(UserId who, MediaItem item, List<MediaGrant> shares) {
    return shares.stream().anyMatch(g -> g.scope() == MediaGrant.Scope.FRIENDS)
        && friends.areFriends(item.ownerId(), who);
  }

  private MediaItem placeable(String ref) {
    String id = MediaRef.idOf(ref).orElseThrow(() -> MediaLibrary.mediaNotFound(ref));
    return items.find(id).orElseThrow(() -> MediaLibrary.mediaNotFound(ref));
  }

  private MediaItem owned(UserId who, String id) {
    if (!MediaRef.isValidId(id)) throw MediaLibrary.mediaNotFound(String.valueOf(id));
    MediaItem item = items.find(id).orElseThrow(() -> MediaLibrary.mediaNotFound(id));
    if (!item.ownerId().equals(who)) throw MediaLibrary.mediaNotFound(id);
    return item;
  }

  private static boolean isLibraryRef(String ref) {
    return ref != null && ref.startsWith(MediaRef.PREFIX);
  }
}
