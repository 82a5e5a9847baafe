// The facilitator's line to the room server (coursekit/room/server.py), from the projector
// page the server itself serves: one WebSocket to the same host, opened only when the
// facilitator lets the room vote. After a dropped connection it comes back to the same room
// (its code and room key are kept in this tab's sessionStorage). Messages in: room, counts,
// line, shown, dropped, ended, error; `on(type, fn)` listens, "status" reports the connection.

export function roomLink({ prefix, key }) {
  const listeners = new Map();
  const saved = `coursekit:room:${prefix}`;
  let socket = null;
  let ended = false;
  let tries = 0;
  const emit = (type, data) => (listeners.get(type) ?? []).forEach((fn) => fn(data));
  const send = (message) => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  };
  const remembered = () => {
    try { return JSON.parse(sessionStorage.getItem(saved) ?? "null") ?? {}; } catch { return {}; }
  };

  function connect() {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    socket = new WebSocket(`${scheme}//${location.host}${prefix}facilitator/ws`);
    socket.addEventListener("open", () => {
      tries = 0;
      const { code, room_key } = remembered();
      socket.send(JSON.stringify({ type: "hello", key, code, room_key }));
      emit("status", "connected");
    });
    socket.addEventListener("message", (event) => {
      let message;
      try { message = JSON.parse(event.data); } catch { return; }
      if (message.type === "room") sessionStorage.setItem(saved, JSON.stringify({ code: message.code, room_key: message.room_key }));
      if (message.type === "ended") { ended = true; sessionStorage.removeItem(saved); }
      emit(message.type, message);
    });
    socket.addEventListener("close", () => {
      if (ended) return;
      emit("status", "reconnecting");
      tries += 1;
      setTimeout(connect, Math.min(5000, 500 * tries));
    });
  }

  return {
    get started() { return socket !== null; },
    get ended() { return ended; },
    start() { if (!socket) connect(); },
    on(type, fn) { listeners.set(type, [...(listeners.get(type) ?? []), fn]); },
    // What the phones show: a decision's situation, its choices (none yet at the situation
    // step), whether it asks for the room's own words, and whether it takes votes now.
    show(decision, open = true) { send({ type: "show", decision, open }); },
    closeVote() { send({ type: "close-vote" }); },
    showLine(id) { send({ type: "show-line", id }); },
    dropLine(id) { send({ type: "drop-line", id }); },
    end() {
      if (!socket || ended) return;
      send({ type: "end" });
      ended = true;
      sessionStorage.removeItem(saved);
    },
  };
}
