/**
 * Each message from the room goes to the one part it concerns: the clock (pong), the room state
 * (whatever changes what the room is), the connection (a join's resume token, a refusal) or straight
 * to the listeners (chat, notices, reactions, signals). Nothing here keeps state. The twin of
 * client-java's Inbound.
 */
import type { ServerMessage } from '../protocol';
import type { RoomClock } from './roomClock';
import { REFUSAL_CODES, type RoomConnection } from './roomConnection';
import type { Refusal, RoomListeners } from './roomEvents';
import type { RoomState } from './roomState';

export class RoomInbound {
  constructor(private readonly clock: RoomClock, private readonly state: RoomState,
    private readonly connection: RoomConnection, private readonly listeners: RoomListeners) {}

  /** `receivedAt`: local time as the text arrived (a pong's is one end of the round trip). */
  text(text: string, receivedAt: number): void {
    let message: ServerMessage;
    try {
      message = JSON.parse(text) as ServerMessage;
    } catch {
      return;
    }
    const emit = this.listeners;
    switch (message.type) {
      case 'pong':
        this.clock.pong(message, receivedAt);
        emit.emit('pong', receivedAt);
        break;
      case 'joined': {
        this.clock.heard(receivedAt); // the server answers: the silence clock restarts
        const events = this.state.apply(message);
        this.connection.joined(message.resumeToken);
        emit.emitAll(events);
        break;
      }
      case 'error':
        emit.emitAll(this.state.apply(message));
        if (REFUSAL_CODES.has(message.code)) this.connection.refuse(message.code as Refusal);
        emit.emit('error', { code: message.code, message: message.message, ...(message.ref ? { ref: message.ref } : {}) });
        break;
      case 'bye':
        // The site's administrators closed the room (close 4404 follows): say so rather than "not found".
        if (message.reason === 'closed') this.connection.refuse('closed');
        break;
      case 'notice':
        emit.emit('notice', { id: message.id, text: message.text, expiresAtMs: message.expiresAtMs });
        break;
      case 'chat':
        emit.emit('chat', { message: message.message });
        break;
      case 'chatHistory':
        emit.emit('chat', { history: message.messages, more: message.more });
        break;
      case 'chatDeleted':
        emit.emit('chat', { deleted: message.id });
        break;
      case 'chatReactions':
        emit.emit('chat', { reactions: { id: message.id, reactions: message.reactions } });
        break;
      case 'chatSkipped':
        emit.emit('chat', { skipped: message.count, windowMs: message.windowMs });
        break;
      case 'chatSettings':
        emit.emit('chat', { slowModeSeconds: message.slowModeSeconds });
        break;
      case 'reaction':
        emit.emit('reaction', { memberId: message.memberId, name: message.name, emoji: message.emoji });
        break;
      case 'reactions':
        emit.emit('reactions', { counts: message.counts, windowMs: message.windowMs });
        break;
      case 'signal':
        emit.emit('signal', message);
        break;
      case 'peerCredential':
        emit.emit('peerCredential', message);
        break;
      default:
        // The timeline, presence, settings, subtitle and queue: the room state's.
        emit.emitAll(this.state.apply(message));
    }
  }
}
