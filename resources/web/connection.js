// The wall's one WebSocket to Podium: joins its rooms, resumes from the last
// seq it saw after any drop, and reconnects by itself with capped,
// jittered exponential backoff so a room full of TVs does not stampede a
// server that just came back.

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 10000;
const PING_EVERY_MS = 10000;
// No message (pong included) for this long means the path is dead even if
// the socket has not noticed: close it and reconnect.
const SILENCE_LIMIT_MS = 25000;

export class Connection {
  constructor({ url, rooms, onEvent, onStatus, onReset, onLive }) {
    this.url = url;
    this.rooms = new Set(rooms);
    this.onEvent = onEvent;
    this.onStatus = onStatus;
    this.onReset = onReset;
    this.onLive = onLive;
    this.lastSeq = 0;
    this.attempt = 0;
    this.status = '';
    this.socket = null;
    this.retryTimer = 0;
    this.pingTimer = 0;
    this.lastMessageAt = 0;
    this.wasLive = false;
    this.resuming = false;
    this.nextRetryAt = 0;
    addEventListener('online', () => this.retryNow());
  }

  start() {
    this.setStatus('connecting');
    this.open();
  }

  setStatus(status) {
    if (status === this.status) return;
    this.status = status;
    this.onStatus(status, this);
  }

  // Seqs seen through REST snapshots count too: resuming from them skips
  // what the snapshot already holds.
  noteSeq(seq) {
    if (Number.isFinite(seq) && seq > this.lastSeq) this.lastSeq = seq;
  }

  join(room) {
    if (this.rooms.has(room)) return;
    this.rooms.add(room);
    this.send({ type: 'join', room });
  }

  leave(room) {
    if (!this.rooms.delete(room)) return;
    this.send({ type: 'leave', room });
  }

  send(message) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  open() {
    clearTimeout(this.retryTimer);
    let socket;
    try {
      socket = new WebSocket(this.url);
    } catch (e) {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.onmessage = (e) => this.receive(e.data);
    socket.onclose = () => this.closed(socket);
    // An error is always followed by close; close does the work.
    socket.onerror = () => {};
  }

  receive(text) {
    this.lastMessageAt = Date.now();
    let msg;
    try {
      msg = JSON.parse(text);
    } catch {
      return;
    }
    switch (msg.type) {
      case 'welcome':
        this.welcomed(msg);
        break;
      case 'event':
        this.noteSeq(msg.seq);
        // Events before 'resumed' are the replay of what we missed.
        this.onEvent(msg, this.resuming);
        break;
      case 'resumed':
        this.noteSeq(msg.seq);
        this.wentLive();
        break;
      case 'reset':
        // Past the server's retained window (or a server with a fresh log):
        // what we hold is stale; start over from snapshots at its seq.
        this.lastSeq = Number(msg.seq) || 0;
        this.onReset();
        this.wentLive();
        break;
      case 'error':
        console.warn('podium:', msg.code, msg.message);
        break;
      default:
        break; // joined, left, pong
    }
  }

  welcomed(msg) {
    this.attempt = 0;
    for (const room of this.rooms) this.send({ type: 'join', room });
    if (this.lastSeq > 0) {
      // Replays what our rooms missed, in order; 'resumed' or 'reset' follows.
      this.resuming = true;
      this.send({ type: 'resume', since: this.lastSeq });
    } else {
      this.noteSeq(msg.seq);
      this.wentLive();
    }
    clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => this.keepAlive(), PING_EVERY_MS);
  }

  wentLive() {
    this.resuming = false;
    this.setStatus('live');
    const reconnected = this.wasLive;
    this.wasLive = true;
    this.onLive(reconnected);
  }

  keepAlive() {
    if (Date.now() - this.lastMessageAt > SILENCE_LIMIT_MS) {
      this.socket?.close();
      return;
    }
    this.send({ type: 'ping' });
  }

  closed(socket) {
    if (socket !== this.socket) return;
    clearInterval(this.pingTimer);
    this.socket = null;
    this.resuming = false;
    // The first retry after losing a live link shows "Connecting"; once
    // that fails the wall says plainly that it is offline.
    this.setStatus(this.status === 'live' ? 'connecting' : 'offline');
    this.scheduleRetry();
  }

  scheduleRetry() {
    const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** this.attempt);
    // "Equal jitter": never less than half the ceiling, never in lockstep.
    const delay = this.attempt === 0 ? 150 : ceiling / 2 + Math.random() * (ceiling / 2);
    this.attempt += 1;
    this.nextRetryAt = Date.now() + delay;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  retryNow() {
    if (this.socket) return;
    this.attempt = 0;
    this.open();
  }
}
