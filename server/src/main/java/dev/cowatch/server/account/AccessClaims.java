package dev.cowatch.server.account;

import dev.cowatch.core.room.UserId;

/**
 * What a valid access token says. Times are epoch milliseconds, whole seconds (JWT's resolution).
 *
 * @param sessionVersion the user's session version when issued; the token dies when it moves on
 * @param sessionId the session (refresh-token family) it was issued for; the token dies when that session ends
 */
public record AccessClaims(UserId userId, Identity.Kind kind, String displayName, long sessionVersion,
    String sessionId, long issuedAt, long expiresAt, String tokenId) {}
