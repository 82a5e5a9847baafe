"""Anonymous room votes from phones for discussion mode: ``python -m coursekit room``.

state.py holds a room in memory (votes, counts, lines, limits); server.py is the tornado
application (pages and WebSockets); pages.py writes the HTML shells; hub.py signs
facilitators in through JupyterHub when the room runs as the hub's service; cli.py is the
command. The ES modules are coursekit/assets/coursekit/room-*.js and discussion-room.js."""
