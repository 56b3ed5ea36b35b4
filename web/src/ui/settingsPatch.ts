import type { BufferingPolicy, ControlMode, RoomPatch, RoomSettingsView, Visibility } from '../net/cowatchApi';

/** What the settings form holds. `password` is a new password to set ('' = leave as it is). */
export interface SettingsForm {
  name: string;
  visibility: Visibility;
  password: string;
  clearPassword: boolean;
  guestsAllowed: boolean;
  controlMode: ControlMode;
  bufferingPolicy: BufferingPolicy;
  maxMembers: string;
}

/** The room's control mode in the contract's words ('hostOnly' is what rooms said before roles). */
export function controlModeOf(room: RoomSettingsView): ControlMode {
  return room.controlMode === 'everyone' || room.controlMode === undefined ? 'everyone' : 'moderators';
}

/**
 * The length the server asks of a new room password (RoomPasswords.MIN_LENGTH): eight characters make
 * guessing hopeless at the server's rate of tries. A room given a shorter one before keeps it.
 */
export const ROOM_PASSWORD_MIN_LENGTH = 8;

/**
 * Only what changed goes into the PATCH, so two moderators editing different settings at once do
 * not undo each other. Throws RangeError('maxMembers') when the member limit is not a whole number >= 1,
 * RangeError('password') when a new password is shorter than {@link ROOM_PASSWORD_MIN_LENGTH} characters.
 */
export function settingsPatch(room: RoomSettingsView, form: SettingsForm): RoomPatch {
  const patch: RoomPatch = {};
  const name = form.name.trim();
  if (name && name !== room.name) patch.name = name;
  if (form.visibility !== (room.visibility ?? 'unlisted')) patch.visibility = form.visibility;
  if (form.clearPassword) patch.password = null;
  else if (form.password !== '') {
    if ([...form.password].length < ROOM_PASSWORD_MIN_LENGTH) throw new RangeError('password');
    patch.password = form.password;
  }
  if (form.guestsAllowed !== (room.guestsAllowed ?? true)) patch.guestsAllowed = form.guestsAllowed;
  if (form.controlMode !== controlModeOf(room)) patch.controlMode = form.controlMode;
  if (form.bufferingPolicy !== (room.bufferingPolicy ?? 'waitForAll')) patch.bufferingPolicy = form.bufferingPolicy;
  const max = form.maxMembers.trim();
  if (max !== '') {
    const n = Number(max);
    if (!Number.isInteger(n) || n < 1) throw new RangeError('maxMembers');
    if (n !== room.maxMembers) patch.maxMembers = n;
  }
  return patch;
}

/** Invite lifetimes offered in the form, in seconds (the server takes 60 s to 30 days). */
export const INVITE_EXPIRY_SECONDS = [3_600, 86_400, 7 * 86_400, 30 * 86_400] as const;

/** The body of `POST /invites` from the form's expiry choice (0 = the server's default) and max-uses text ('' = the server's default). */
export function inviteRequest(expirySeconds: number, maxUses: string): { expiresInSeconds?: number; maxUses?: number } {
  const body: { expiresInSeconds?: number; maxUses?: number } = {};
  if (expirySeconds > 0) body.expiresInSeconds = expirySeconds;
  const uses = maxUses.trim();
  if (uses !== '') {
    const n = Number(uses);
    if (!Number.isInteger(n) || n < 1) throw new RangeError('maxUses');
    body.maxUses = n;
  }
  return body;
}
