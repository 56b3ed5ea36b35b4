package dev.cowatch.core.room;

/** Placeholder roles until the accounts issue brings owner/moderator/member/guest. */
public enum Role {
  HOST,
  MEMBER
}
