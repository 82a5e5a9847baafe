// Mounts the learner's journal (see journal.js) where the {journal} directive put it.
import { renderJournal } from "./journal.js";
import { eachMount } from "./mount.js";

eachMount("data-coursekit-journal", "journal", (course, el) => renderJournal({ course, el }));
