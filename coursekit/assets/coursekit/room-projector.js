// The projector page the room server serves (coursekit/room/pages.py): discussion mode for one
// scenario, with a line to this same server for phone votes (room-link.js).
import { store } from "./store.js";
import { openDiscussion } from "./discussion.js";
import { roomLink } from "./room-link.js";

const data = JSON.parse(document.getElementById("ck-room-data")?.textContent ?? "{}");
const open = document.getElementById("ck-room-open");
const room = roomLink(data.room);
open?.addEventListener("click", () => {
  const dialog = openDiscussion(data, store, room);
  dialog.addEventListener("close", () => { open.disabled = true; open.textContent = "The room has ended (reload to start again)"; });
});
open?.focus();
