// One WebSocket to the relay at /relay: binary messages only, one frame each (PROTOCOL.md §1).
// Reports frames and the close; the engine decides about reconnecting.
export class RelayConnection {
  constructor(url, { onOpen, onFrame, onClose, onTextMessage }) {
    this.closedByUs = false;
    this.socket = new WebSocket(url);
    this.socket.binaryType = 'arraybuffer';
    this.socket.onopen = () => onOpen(this);
    this.socket.onmessage = (event) => {
      if (typeof event.data === 'string') onTextMessage(this);
      else onFrame(this, new Uint8Array(event.data));
    };
    this.socket.onclose = (event) => onClose(this, event.reason || (event.code === 1006 ? 'the connection to the relay was lost' : `closed (${event.code})`));
  }

  send(frame) {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(frame);
  }

  close() {
    this.closedByUs = true;
    this.socket.close(1000, 'left');
  }
}
